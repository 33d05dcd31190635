"""Dialogue state and one-update-per-chat isolation: Redis when REDIS_URL is set (several processes),
else the bot's own database and in-process locks."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncGenerator

from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, DefaultKeyBuilder, StorageKey
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
from redis.asyncio.lock import Lock
from redis.exceptions import LockError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from storage.fsm import SqlStorage

log = logging.getLogger(__name__)


# How long one update may hold its chat's lock in Redis (aiogram's default is a minute). Longer
# than any handler should take — the slowest, a content upload, is checked within
# content.CHECK_SECONDS (10 s), and a short 429 is waited out within telegram.RETRY_WITHIN (5 s) —
# yet a lock whose holder died frees the chat within seconds rather than a minute.
ISOLATION_LOCK_SECONDS = 20


class ChatLocks(RedisEventIsolation):
    """aiogram's Redis event isolation (one update per chat at a time, across processes) with two
    additions: a lock that outlived its timeout is let go with a warning rather than failing the
    update that has already done its work, and `release_all` for locks whose holder is dead."""

    @contextlib.asynccontextmanager
    async def lock(self, key: StorageKey) -> AsyncGenerator[None, None]:
        held = self.redis.lock(name=self.key_builder.build(key, "lock"), **self.lock_kwargs, lock_class=Lock)
        await held.acquire()
        try:
            yield None
        finally:
            try:
                await held.release()
            except LockError:
                log.warning("an update of chat %s held its lock longer than %s s", key.chat_id, held.timeout)

    async def release_all(self, bot_id: int) -> int:
        """Delete every isolation lock of this bot. Only safe when nobody else handles its updates:
        with long polling Telegram serves one consumer, so at start any lock was left by a process
        that died mid-update (kill -9) and would hold its chat until the lock's timeout."""
        builder = self.key_builder
        assert isinstance(builder, DefaultKeyBuilder) and builder.with_bot_id
        # <prefix>:<bot id>:…:lock — data and state keys end otherwise and stay.
        pattern = builder.separator.join((builder.prefix, str(bot_id), "*", "lock"))
        released = 0
        batch: list[bytes | str] = []
        async for name in self.redis.scan_iter(match=pattern, count=1000):
            batch.append(name)
            if len(batch) >= 1000:
                released += await self.redis.delete(*batch)
                batch.clear()
        if batch:
            released += await self.redis.delete(*batch)
        return released


def create_storage(
    settings: Settings, engine: AsyncEngine, sessionmaker: async_sessionmaker[AsyncSession]
) -> tuple[BaseStorage, BaseEventIsolation]:
    """Redis when REDIS_URL is set (several processes), else the bot's own database."""
    if settings.redis_url:
        redis_storage = RedisStorage.from_url(
            settings.redis_url, key_builder=DefaultKeyBuilder(with_destiny=True, with_bot_id=True)
        )
        isolation = ChatLocks(
            redis_storage.redis, redis_storage.key_builder, lock_kwargs={"timeout": ISOLATION_LOCK_SECONDS}
        )
        return redis_storage, isolation
    return SqlStorage(engine, sessionmaker), SimpleEventIsolation()

"""Redis event isolation after a crash: a process killed mid-update leaves its chat's lock in Redis,
and that chat stayed frozen after the restart — every tap waited out the lock (aiogram's default
minute: «Update id=… is not handled. Duration 46803 ms»). With long polling the bot is the only
consumer, so at start its own locks are released; and a lock lives seconds, not a minute."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiogram.fsm.storage.base import DefaultKeyBuilder, StorageKey
from redis.asyncio import Redis

from bot.isolation import ISOLATION_LOCK_SECONDS, ChatLocks
from tests.conftest import REDIS_URL, TOKEN, BotEnv, FakeClock, _env
from tests.flows import register

BOT_ID = int(TOKEN.split(":")[0])
KEYS = DefaultKeyBuilder(with_destiny=True, with_bot_id=True)  # as bot.isolation.create_storage builds them


@pytest.fixture
async def env_redis(tmp_path: Path, clock: FakeClock) -> AsyncIterator[BotEnv]:
    if not REDIS_URL:
        pytest.skip("TEST_REDIS_URL is not set")
    async for env in _env(tmp_path, "redis", clock):
        yield env


@pytest.fixture
async def redis() -> AsyncIterator[Redis]:
    assert REDIS_URL
    client = Redis.from_url(REDIS_URL)
    yield client
    await client.aclose()


def chat_lock(user_id: int, bot_id: int = BOT_ID) -> str:
    return KEYS.build(StorageKey(bot_id=bot_id, chat_id=user_id, user_id=user_id), "lock")


async def test_a_chat_locked_by_a_killed_process_is_answered_at_once_after_the_restart(
    env_redis: BotEnv, redis: Redis
) -> None:
    env = env_redis
    anna = env.user(7501)
    await register(anna, name="Замершая Анна")
    await anna.send("/menu")
    # The process dies while handling Anna's tap: its lock stays, as a dead process leaves it
    # (aiogram's default timeout, a minute).
    assert await redis.lock(chat_lock(anna.id), timeout=60).acquire(blocking=False)
    await env.restart(crash=True)

    loop = asyncio.get_running_loop()
    started = loop.time()
    await anna.click("🤝 Коллеги и методисты")
    assert loop.time() - started < 3.0
    assert "🤝 Наставничество" in anna.buttons()
    assert await redis.exists(chat_lock(anna.id)) == 0


async def test_only_this_bots_locks_are_released_and_a_lock_lives_seconds(
    env_redis: BotEnv, redis: Redis
) -> None:
    env = env_redis
    olga = env.user(7502)
    await olga.send("/start")
    await olga.click("Даю согласие")
    await olga.click("👩‍🏫 Педагог")  # mid-registration: the dialogue's state is in Redis
    other_bots = chat_lock(olga.id, bot_id=BOT_ID + 1)
    await redis.set(other_bots, "another bot's update in flight", ex=60)
    await redis.set(chat_lock(7503), "ours, left by the dead process", ex=60)
    before = {key for key in await redis.keys("*") if not key.endswith(b":lock")}
    assert before

    await env.restart(crash=True)

    assert await redis.exists(chat_lock(7503)) == 0
    assert await redis.exists(other_bots) == 1
    assert before <= set(await redis.keys("*"))  # FSM state and data survive the restart
    await olga.send("Ольга Сохранная")
    assert "муниципалитет" in olga.last_message.text.lower()

    # An update's lock now expires in seconds rather than aiogram's minute.
    assert env.app is not None
    isolation = env.app.dp.fsm.events_isolation
    assert isinstance(isolation, ChatLocks)
    async with isolation.lock(StorageKey(bot_id=BOT_ID, chat_id=7504, user_id=7504)):
        ttl = await redis.pttl(chat_lock(7504))
    assert 0 < ttl <= ISOLATION_LOCK_SECONDS * 1000
    assert ISOLATION_LOCK_SECONDS < 60


async def test_a_lock_that_outlived_its_timeout_is_let_go_quietly(
    env_redis: BotEnv, redis: Redis, caplog: pytest.LogCaptureFixture
) -> None:
    """An update slower than the lock's timeout has done its work: it is not failed at the end."""
    assert env_redis.app is not None
    isolation = env_redis.app.dp.fsm.events_isolation
    assert isinstance(isolation, ChatLocks)
    slow = ChatLocks(isolation.redis, isolation.key_builder, lock_kwargs={"timeout": 0.2})
    async with slow.lock(StorageKey(bot_id=BOT_ID, chat_id=7505, user_id=7505)):
        await asyncio.sleep(0.4)
    assert "held its lock longer than" in caplog.text

"""Anti-flood: a token bucket per person, before anything touches the database."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import TelegramObject, Update
from aiogram.types import User as TgUser

from bot.context import Handler
from bot.i18n import I18n

log = logging.getLogger(__name__)


class ThrottlingMiddleware(BaseMiddleware):
    """A token bucket per user: a burst of taps is fine, hammering gets one gentle note.

    A throttled update is dropped, not queued (the note says so). A bucket idle for a full refill
    is full again, exactly as if it were new, so such buckets are pruned — once per refill time,
    never wholesale (clearing all would hand every flooder a fresh burst).
    """

    def __init__(self, i18n: I18n, burst: int, rate: float, clock: Callable[[], float] = time.monotonic):
        self.i18n = i18n
        self.burst = burst
        self.rate = rate
        self.clock = clock
        self._buckets: dict[int, tuple[float, float, bool]] = {}
        self._refill = burst / rate if burst > 0 and rate > 0 else 0.0
        self._next_prune = clock() + self._refill

    def tracked(self) -> int:
        """How many people's buckets are kept (not __len__: an empty middleware must stay truthy)."""
        return len(self._buckets)

    def _prune(self, now: float) -> None:
        if now < self._next_prune:
            return
        self._next_prune = now + self._refill
        idle = [uid for uid, (_tokens, last, _warned) in self._buckets.items() if now - last >= self._refill]
        for uid in idle:
            del self._buckets[uid]

    def _allow(self, user_id: int) -> tuple[bool, bool]:
        """(allowed, should_warn)."""
        now = self.clock()
        self._prune(now)
        tokens, last, warned = self._buckets.get(user_id, (float(self.burst), now, False))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens >= 1:
            self._buckets[user_id] = (tokens - 1, now, False)
            return True, False
        self._buckets[user_id] = (tokens, now, True)
        return False, not warned

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if self.burst <= 0 or self.rate <= 0:
            return await handler(event, data)
        user: TgUser | None = data.get("event_from_user")
        if user is None:
            return await handler(event, data)
        allowed, warn = self._allow(user.id)
        if allowed:
            return await handler(event, data)
        _ = self.i18n.get(self.i18n.negotiate(user.language_code))
        assert isinstance(event, Update)
        if event.callback_query is not None:
            # Always answer, or the button keeps spinning.
            try:
                await event.callback_query.answer(_("flood-note") if warn else None)
            except TelegramBadRequest as exc:
                log.info("throttled callback not answered: %s", exc.message)
        elif warn and event.message is not None:
            await event.message.answer(_("flood-note"))
        log.info("throttled update %s from user %s", event.update_id, user.id)
        return None

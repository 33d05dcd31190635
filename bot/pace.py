"""The bot's one pace of sending: `rate` messages per second, evenly spaced, with a shared pause for 429s.

The outbox takes a slot per message; every message sent outside it (a reply, an edit) takes one
too (`bot.telegram.RequestPolicy` calls `spend`), so all of them together stay within the rate.
"""

from __future__ import annotations

import asyncio
import collections
from collections.abc import Callable


class RateLimiter:
    """A global pace (`rate` messages per second, evenly spaced) with a shared pause for 429s."""

    def __init__(self, rate: float, monotonic: Callable[[], float]) -> None:
        self.rate = rate
        self.monotonic = monotonic
        self._next = 0.0
        self.paused_until = 0.0
        self.pauses = 0
        self._waiters: collections.deque[asyncio.Future[None]] = collections.deque()
        self._pump: asyncio.Task[None] | None = None

    def pause(self, seconds: float) -> None:
        until = self.monotonic() + seconds
        if until > self.paused_until:
            self.paused_until = until
            self.pauses += 1

    def _take(self, now: float) -> None:
        self._next = max(self._next, now - 1.0 / self.rate) + 1.0 / self.rate

    def spend(self) -> None:
        """A message sent outside the outbox (a reply, a reminder) uses a slot of the same pace, at
        once: the outbox's next message waits for it instead."""
        self._take(self.monotonic())

    async def acquire(self) -> None:
        """Senders queue (first come, first served); one task hands out a token per interval, so a
        token wakes one sender, not every sender waiting (184 of them at 300/s)."""
        now = self.monotonic()
        if not self._waiters and max(self._next, self.paused_until) <= now:
            self._take(now)
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        if self._pump is None or self._pump.done():
            self._pump = asyncio.create_task(self._hand_out())
        await waiter

    async def _hand_out(self) -> None:
        while self._waiters:
            now = self.monotonic()
            start = max(self._next, self.paused_until)
            if start > now:
                await asyncio.sleep(start - now)
                continue  # a 429 may have paused everyone meanwhile
            waiter = self._waiters.popleft()
            if not waiter.done():  # its sender was cancelled
                self._take(now)
                waiter.set_result(None)

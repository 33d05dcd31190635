"""What every request to Telegram goes through (an aiogram session middleware).

- A short 429 ("retry after N s", N ≤ RETRY_WITHIN) on an interactive request — a reply, an edit, a
  job's reminder — is waited out and the request made again, so a person tapping while a broadcast
  runs gets their answer and keeps what they did. A longer one is left to the caller (see
  `SlowDownMiddleware`). The outbox handles its own 429s (one pause for all its senders), so its
  requests, marked with `bulk_sending()`, pass through untouched.
- Every message sent outside the outbox takes a slot of the outbox's global pace (`spend`): replies
  and reminders and the broadcast together stay within BROADCAST_RATE, below Telegram's ~30/s, and
  interactive replies never wait for a slot — the broadcast yields instead.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from aiogram.client.session.middlewares.base import BaseRequestMiddleware, NextRequestMiddlewareType
from aiogram.exceptions import TelegramRetryAfter
from aiogram.methods import (
    CopyMessage,
    ForwardMessage,
    GetUpdates,
    SendDocument,
    SendMediaGroup,
    SendMessage,
    SendPhoto,
)
from aiogram.methods.base import Response, TelegramMethod, TelegramType

if TYPE_CHECKING:
    from aiogram import Bot

log = logging.getLogger(__name__)

# Telegram's wait that a person tapping a button can sit out.
RETRY_WITHIN = 5
RETRIES = 2
SENDING = (SendMessage, SendPhoto, SendDocument, SendMediaGroup, CopyMessage, ForwardMessage)

_bulk: ContextVar[bool] = ContextVar("bulk_sending", default=False)


@contextmanager
def bulk_sending() -> Iterator[None]:
    """Requests made inside (and in tasks started inside) are the outbox's own."""
    token = _bulk.set(True)
    try:
        yield
    finally:
        _bulk.reset(token)


class RequestPolicy(BaseRequestMiddleware):
    def __init__(
        self,
        spend: Callable[[], None] | None = None,
        *,
        retry_within: float = RETRY_WITHIN,
        retries: int = RETRIES,
    ) -> None:
        self.spend = spend
        self.retry_within = retry_within
        self.retries = retries

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        bulk = _bulk.get()
        if not bulk and self.spend is not None and isinstance(method, SENDING):
            self.spend()
        attempt = 0
        while True:
            try:
                return await make_request(bot, method)
            except TelegramRetryAfter as exc:
                if (
                    bulk
                    or isinstance(method, GetUpdates)  # polling has its own pauses
                    or exc.retry_after > self.retry_within
                    or attempt >= self.retries
                ):
                    raise
                attempt += 1
                log.info(
                    "Telegram asked to wait %s s before %s: waiting", exc.retry_after, method.__api_method__
                )
                await asyncio.sleep(exc.retry_after)

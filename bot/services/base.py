"""What every service may be given besides its repositories."""

from __future__ import annotations

from typing import Protocol


class UnitOfWork(Protocol):
    """The update's (or the job's) transaction: a service commits before it talks to Telegram or the
    outside, so no write lock is held over the network; the rest is committed by the middleware."""

    async def commit(self) -> None: ...

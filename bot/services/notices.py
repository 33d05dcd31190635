"""Telling someone other than the person acting: a notice is data; `bot/ui` renders it.

A service calls `Notifier.tell(person, SomeNotice(...))` inside the update's (or the job's)
transaction; the notice goes to the outbox with it — the one delivery path — and is sent at the
shared pace once the transaction commits. Nothing is sent for a change that was rolled back, and
nothing is lost when the process dies after the commit.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from storage.models import User


class Notice:
    """Base of the notices: frozen dataclasses of ids, names and dates (no texts, no markup).
    Each kind has one renderer in `bot/ui` (`@renders(TheNotice)`)."""


class Notifier(Protocol):
    async def tell(
        self, to: User, notice: Notice, *, dedupe: str | None = None, not_before: datetime | None = None
    ) -> bool:
        """Queue `notice` for `to` (False when they cannot be written to: no chat, data deleted).
        `dedupe`: a key queued once at most (a job that runs twice tells once)."""
        ...

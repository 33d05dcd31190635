"""Telling someone other than the person acting: a notice is data; `bot/ui` renders it.

A service calls `Notifier.tell(person, SomeNotice(...))` inside the update's (or the job's)
transaction; the notice goes to the outbox with it — the one delivery path — and is sent at the
shared pace once the transaction commits. Nothing is sent for a change that was rolled back, and
nothing is lost when the process dies after the commit.
"""

from __future__ import annotations

from dataclasses import dataclass
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
        """Queue `notice` for `to`, sent at `not_before` (now by default) or as soon after as the
        pace allows. False when nothing was queued: they have no chat, or `dedupe` — a key of at
        most 64 characters, queued once at most (a job that runs twice tells once) — was queued
        before."""
        ...


@dataclass(frozen=True, slots=True)
class SampleDirectoryLoaded(Notice):
    """To the admins at start: the directory was empty, the demo region is loaded instead."""

    municipalities: int
    schools: int

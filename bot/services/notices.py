"""Telling someone other than the person acting: a notice is data; `bot/ui` renders it.

A service calls `Notifier.tell(person, SomeNotice(...))` inside the update's (or the job's)
transaction; the notice goes to the outbox with it — the one delivery path — and is sent at the
shared pace once the transaction commits. Nothing is sent for a change that was rolled back, and
nothing is lost when the process dies after the commit. Telling many at once (a survey's wave, a
job's sweep) is `Notifier.tell_many([Letter(person, notice, dedupe=...), ...])`: one statement.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from storage.models import User


class Notice:
    """Base of the notices: frozen dataclasses of ids, names and dates (no texts, no markup).
    Each kind has one renderer in `bot/ui` (`@renders(TheNotice)`)."""


@dataclass(frozen=True, slots=True)
class Letter:
    """One notice for one person, as `Notifier.tell` takes it: for `Notifier.tell_many`."""

    to: User
    notice: Notice
    dedupe: str | None = None
    not_before: datetime | None = None


class Notifier(Protocol):
    async def tell(
        self, to: User, notice: Notice, *, dedupe: str | None = None, not_before: datetime | None = None
    ) -> bool:
        """Queue `notice` for `to`, sent at `not_before` (now by default) or as soon after as the
        pace allows. False when nothing was queued: they have no chat, or `dedupe` — a key of at
        most 64 characters, queued once at most (a job that runs twice tells once) — was queued
        before."""
        ...

    async def tell_many(self, letters: Iterable[Letter]) -> list[Letter]:
        """Queue every letter as `tell` would, in one statement (per `OutboxRepo`'s chunk of rows),
        each rendered in its recipient's language. Returns the letters queued: not those to people
        without a chat, nor those whose `dedupe` was queued before (or earlier in `letters`)."""
        ...


@dataclass(frozen=True, slots=True)
class SampleDirectoryLoaded(Notice):
    """To the admins at start: the directory was empty, the demo region is loaded instead."""

    municipalities: int
    schools: int

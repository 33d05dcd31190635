"""Mass sending through the outbox: who gets a message and when (quiet hours in their own time
zone unless urgent), stopping a broadcast, and its delivery figures."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from bot.domain.events import BroadcastKind, BroadcastStatus
from bot.domain.outbox import quiet_until
from bot.domain.time import zone_of
from storage.models import Broadcast, User
from storage.repositories import OutboxRepo
from storage.repositories.outbox import Recipient

Markup = dict[str, Any]  # an inline keyboard as JSON, as the outbox stores it


class Outboxes(Protocol):
    """What sending writes: the outbox (`Repos` is one)."""

    @property
    def outbox(self) -> OutboxRepo: ...


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A message as the outbox stores it: rendered by `bot/ui`, the keyboard as JSON."""

    text: str
    markup: Markup | None = None


async def send_to(
    repos: Outboxes,
    people: Iterable[User],
    *,
    kind: BroadcastKind,
    text: str,
    markup: Markup | None,
    now: datetime,
    default_tz: str,
    urgent: bool = False,
    event_id: int | None = None,
    photo_file_id: str | None = None,
    document_file_id: str | None = None,
    created_by: User | None = None,
) -> Broadcast:
    """One broadcast, a queued row per reachable person (a blocked one is skipped)."""
    recipients = [
        Recipient(person.id, person.tg_id, quiet_until(now, zone_of(person, default_tz), urgent))
        for person in people
        if person.unreachable_at is None
    ]
    broadcast = await repos.outbox.create_broadcast(
        kind=kind,
        event_id=event_id,
        text=text,
        markup=markup,
        photo_file_id=photo_file_id,
        document_file_id=document_file_id,
        urgent=urgent,
        status=BroadcastStatus.SENDING,
        total=len(recipients),
        resent_after_crash=0,
        created_by_id=created_by.id if created_by else None,
    )
    await repos.outbox.enqueue(broadcast.id, recipients)
    return broadcast


@dataclass(frozen=True, slots=True)
class Personal:
    """A message to one person, rendered already (a reminder, a digest): for `send_each`."""

    person: User
    message: Outgoing
    dedupe: str | None = None
    urgent: bool = False


async def send_each(repos: Outboxes, messages: Iterable[Personal], now: datetime, default_tz: str) -> int:
    """Personal messages through the outbox in one statement (per `INSERT_CHUNK` rows); a blocked
    person is skipped, a `dedupe` key queued before (or earlier here) is not queued again. Returns
    how many were queued."""
    recipients = [
        Recipient(
            m.person.id,
            m.person.tg_id,
            quiet_until(now, zone_of(m.person, default_tz), m.urgent),
            text=m.message.text,
            markup=m.message.markup,
            dedupe=m.dedupe,
        )
        for m in messages
        if m.person.unreachable_at is None
    ]
    return len(await repos.outbox.enqueue_keyed(recipients)) if recipients else 0


@dataclass(frozen=True, slots=True)
class Delivery:
    total: int
    sent: int
    failed: int
    blocked: int
    pending: int
    cancelled: int
    resent_after_crash: int

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.blocked + self.cancelled


async def delivery(repos: Outboxes, broadcast: Broadcast) -> Delivery:
    counts = await repos.outbox.counts(broadcast.id)
    return Delivery(
        total=sum(counts.values()),
        sent=counts.get("sent", 0),
        failed=counts.get("failed", 0),
        blocked=counts.get("blocked", 0),
        pending=counts.get("pending", 0) + counts.get("sending", 0),
        cancelled=counts.get("cancelled", 0),
        resent_after_crash=broadcast.resent_after_crash,
    )


async def stop(repos: Outboxes, broadcast: Broadcast, now: datetime) -> int:
    """Staff stop a broadcast: what is still queued is not sent; returns how many were dropped."""
    if broadcast.status is not BroadcastStatus.SENDING:
        return 0
    dropped = await repos.outbox.cancel_pending(broadcast.id)
    await repos.outbox.finish(broadcast, BroadcastStatus.STOPPED, now)
    return dropped

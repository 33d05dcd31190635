"""The reminders 6 and 3 months before a category expires: one sweep over every current record.

The candidates are read first; then page by page, each page in a transaction of its own (`unit`),
every reminder due is claimed by a conditional UPDATE (`reminded_6_at`/`reminded_3_at` set only where
empty, `RETURNING` the ids claimed) and queued in the outbox with a dedupe key in that same
transaction: two processes sweeping at once split the records, a second sweep finds nothing left, a
crash before a page's commit leaves both its claims and its letters undone, and no transaction holds
SQLite's single write lock for longer than one page. A teacher at night in their time zone is left
for a later sweep (nothing claimed for them).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime

from bot.domain.attestation import REMINDER_MONTHS, Reminder, add_months, reminders_due
from bot.domain.time import is_quiet, local_today, zone_of
from bot.services.attestation.notices import ExpiryReminder
from bot.services.notices import Letter, Notifier
from storage.repositories.attestation import AttestationRepo

PAGE = 500  # records claimed and queued per transaction

# A unit of work: the repository and the notifier around one session, committed when the block ends.
Unit = Callable[[], AbstractAsyncContextManager[tuple[AttestationRepo, Notifier]]]


def dedupe(reminder: Reminder, record_id: int) -> str:
    return f"att{reminder.value}:{record_id}"


async def _page(
    repo: AttestationRepo,
    notifier: Notifier,
    reminder: Reminder,
    ids: Sequence[int],
    now: datetime,
    default_tz: str,
) -> int:
    chosen = []
    for record, user in await repo.records_with_users(ids):
        expires = record.expires_on
        zone = zone_of(user, default_tz)
        if expires is None or user.tg_id is None or is_quiet(now, zone):
            continue
        if reminder not in reminders_due(expires, local_today(now, zone)):
            continue
        chosen.append((ExpiryReminder(record.id, record.category, expires, reminder), user))
    claimed = set(await repo.claim_reminders(reminder, [n.record_id for n, _u in chosen], now))
    mine = [(n, u) for n, u in chosen if n.record_id in claimed]
    if reminder is Reminder.THREE:
        # The six-month reminder would come after the three-month one: it is done with it.
        await repo.mark_reminded(Reminder.SIX, [n.record_id for n, _u in mine], now)
    told = await notifier.tell_many(
        Letter(user, notice, dedupe=dedupe(reminder, notice.record_id)) for notice, user in mine
    )
    return len(told)


async def sweep(unit: Unit, now: datetime, default_tz: str) -> int:
    """Claim and queue every reminder due now; returns how many were queued."""
    # The widest «today» over Russia's zones: a record a zone reached already is looked at, then
    # each teacher is judged in their own zone.
    today = local_today(now, "Asia/Kamchatka")
    queued = 0
    for reminder in (Reminder.THREE, Reminder.SIX):
        until = add_months(today, REMINDER_MONTHS[reminder])
        async with unit() as (repo, _notifier):
            candidates = await repo.reminder_candidates(reminder, today, until)
        for start in range(0, len(candidates), PAGE):
            ids = [rid for rid, _e in candidates[start : start + PAGE]]
            async with unit() as (repo, notifier):
                queued += await _page(repo, notifier, reminder, ids, now, default_tz)
    return queued

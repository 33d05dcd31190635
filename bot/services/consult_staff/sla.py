"""The scheduler's side of the service level: the methodist's reminder before the deadline and the
escalation to staff (overdue, or nobody to route to). Each is claimed by a conditional UPDATE and
queued in the outbox (a dedupe key per question and deadline) in the same transaction, so a restart,
a second run or a second process repeats none. The job reads the candidates once and handles them in
chunks of `CHUNK`, a transaction each, so a backlog never holds SQLite's write lock for long."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.consult_staff import escalation_of, reminder_due
from bot.domain.time import next_allowed
from bot.services.consult_staff.notices import AnswerSoon, NeedsStaff
from bot.services.notices import Letter, Notifier
from storage.models import User
from storage.repositories.consult_staff import ConsultStaffRepo, QuestionRow
from storage.repositories.users import UserRepo

CHUNK = 100
# The reminder comes at most a working day and a weekend or the longest holidays before the deadline.
REMIND_HORIZON = timedelta(days=12)


def _stamp(moment: datetime | None) -> int:
    return int(moment.timestamp()) if moment is not None else 0


def zone(row: QuestionRow, default_tz: str) -> str:
    return row.timezone or default_tz


async def reminder_rows(repo: ConsultStaffRepo, now: datetime, default_tz: str) -> list[QuestionRow]:
    """Questions whose reminder moment has come (the deadline still ahead), not reminded yet."""
    return [
        row
        for row in await repo.reminder_candidates(now, now + REMIND_HORIZON)
        if row.question.due_at is not None and reminder_due(now, row.question.due_at, zone(row, default_tz))
    ]


async def remind(
    rows: list[QuestionRow],
    repo: ConsultStaffRepo,
    users: UserRepo,
    notifier: Notifier,
    now: datetime,
    default_tz: str,
) -> int:
    """Remind each methodist once of these questions (from `reminder_rows`), in their daytime.
    Returns the reminders queued."""
    claimed = await repo.claim_reminders([row.question.id for row in rows], now)
    letters: list[Letter] = []
    people: dict[int, User | None] = {}
    for row in rows:
        q = row.question
        methodist_id = claimed.get(q.id)
        if methodist_id is None or q.due_at is None:
            continue
        if methodist_id not in people:
            people[methodist_id] = await users.by_id(methodist_id)
        methodist = people[methodist_id]
        if methodist is None:
            continue
        where = zone(row, default_tz)
        notice = AnswerSoon(q.id, q.topic, row.teacher, q.due_at, where)
        dedupe = f"cq-remind:{q.id}:{_stamp(q.due_at)}"
        letters.append(Letter(methodist, notice, dedupe=dedupe, not_before=next_allowed(now, where)))
    return len(await notifier.tell_many(letters)) if letters else 0


async def escalation_rows(repo: ConsultStaffRepo, now: datetime) -> list[QuestionRow]:
    """Open questions staff have not been told of: overdue, or without a methodist."""
    return await repo.escalation_candidates(now)


async def escalate(rows: list[QuestionRow], repo: ConsultStaffRepo, notifier: Notifier, now: datetime) -> int:
    """Tell staff whose scope covers the question, once per deadline, of these questions (from
    `escalation_rows`). Each question is claimed first; the letters go in one batch at the end (the
    same transaction). Returns the notices queued."""
    letters: list[Letter] = []
    staff_of: dict[int | None, list[User]] = {}
    claimed = await repo.claim_escalations([row.question.id for row in rows], now)
    for row in rows:
        if row.question.id not in claimed:
            continue
        if claimed[row.question.id] != (row.question.methodist_id, row.question.due_at):
            # Passed on between the read and the claim: tell of it as it is now.
            fresh = await repo.question(row.question.id)
            if fresh is None:
                continue
            row = fresh
        q = row.question
        reason = escalation_of(q.methodist_id, q.due_at, q.first_answer_at, now)
        if reason is None:
            continue
        notice = NeedsStaff(
            q.id, reason, q.topic, row.teacher, row.methodist, row.municipality, q.methodist_id
        )
        key = f"cq-esc:{q.id}:{_stamp(q.due_at)}:{q.methodist_id or 0}"
        if q.municipality_id not in staff_of:
            staff_of[q.municipality_id] = await repo.staff_for(q.municipality_id)
        letters += [Letter(p, notice, dedupe=f"{key}:{p.id}") for p in staff_of[q.municipality_id]]
    return len(await notifier.tell_many(letters)) if letters else 0

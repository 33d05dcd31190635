"""The scheduler's side of the service level: the methodist's reminder before the deadline and the
escalation to staff (overdue, or nobody to route to). Each is claimed by a conditional UPDATE and
queued in the outbox (a dedupe key per question and deadline) in the same transaction, so a restart,
a second run or a second process repeats none."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.consult_staff import escalation_of, reminder_due
from bot.domain.time import next_allowed
from bot.services.consult_staff.notices import AnswerSoon, NeedsStaff
from bot.services.notices import Letter, Notifier
from storage.models import User
from storage.repositories.consult_staff import ConsultStaffRepo, QuestionRow
from storage.repositories.users import UserRepo

# The reminder comes at most a working day and a weekend or the longest holidays before the deadline.
REMIND_HORIZON = timedelta(days=12)


def _stamp(moment: datetime | None) -> int:
    return int(moment.timestamp()) if moment is not None else 0


def zone(row: QuestionRow, default_tz: str) -> str:
    return row.timezone or default_tz


async def remind(
    repo: ConsultStaffRepo, users: UserRepo, notifier: Notifier, now: datetime, default_tz: str
) -> int:
    """Remind each methodist once of a question whose reminder moment has come (the deadline
    still ahead), in their daytime. Returns the reminders queued."""
    queued = 0
    for row in await repo.reminder_candidates(now, now + REMIND_HORIZON):
        q = row.question
        assert q.methodist_id is not None and q.due_at is not None
        where = zone(row, default_tz)
        if not reminder_due(now, q.due_at, where):
            continue
        if not await repo.claim_reminder(q.id, q.methodist_id, now):
            continue
        methodist = await users.by_id(q.methodist_id)
        if methodist is None:
            continue
        notice = AnswerSoon(q.id, q.topic, row.teacher, q.due_at, where)
        if await notifier.tell(
            methodist,
            notice,
            dedupe=f"cq-remind:{q.id}:{_stamp(q.due_at)}",
            not_before=next_allowed(now, where),
        ):
            queued += 1
    return queued


async def escalate(repo: ConsultStaffRepo, notifier: Notifier, now: datetime) -> int:
    """Tell staff whose scope covers the question, once per deadline: overdue questions and those
    with no methodist. Each question is claimed first; the letters go in one batch at the end (the
    same transaction). Returns the notices queued."""
    letters: list[Letter] = []
    staff_of: dict[int | None, list[User]] = {}
    for row in await repo.escalation_candidates(now):
        q = row.question
        reason = escalation_of(q.methodist_id, q.due_at, q.first_answer_at, now)
        if reason is None:
            continue
        if not await repo.claim_escalation(q.id, q.methodist_id, q.due_at, now):
            continue
        notice = NeedsStaff(
            q.id, reason, q.topic, row.teacher, row.methodist, row.municipality, q.methodist_id
        )
        key = f"cq-esc:{q.id}:{_stamp(q.due_at)}:{q.methodist_id or 0}"
        if q.municipality_id not in staff_of:
            staff_of[q.municipality_id] = await repo.staff_for(q.municipality_id)
        letters += [Letter(p, notice, dedupe=f"{key}:{p.id}") for p in staff_of[q.municipality_id]]
    return len(await notifier.tell_many(letters)) if letters else 0

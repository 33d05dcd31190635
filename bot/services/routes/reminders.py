"""Step reminders: the sweep that finds what is due in each teacher's daytime and claims it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby

from bot.domain.routes import (
    NEAR_DAYS,
    NUDGE_EVERY,
    Due,
    DueStep,
    StepStatus,
    reminder_plan,
)
from bot.services.notices import Letter, Notice, Notifier
from bot.services.routes.rules import RouteRepos
from storage.repositories.routes import DueRow

# A reminder claimed but not confirmed as sent this long ago is taken to be lost with a crash.
CLAIM_TIMEOUT = timedelta(minutes=10)
SWEEP_PAGE = 1000


# --- reminders ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NudgeItem:
    step_id: int
    due: Due
    title: str
    planned_end: date


@dataclass(frozen=True, slots=True)
class Nudge:
    route_id: int
    tg_id: int
    locale: str | None
    items: tuple[NudgeItem, ...]
    reminder_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class StepReminder(Notice):
    """To the teacher: steps that end soon or are overdue."""

    route_id: int
    items: tuple[NudgeItem, ...]


async def claim_reminders(
    repos: RouteRepos, now: datetime, default_tz: str, page: int = SWEEP_PAGE
) -> list[Nudge]:
    """Find the steps due a reminder now (teacher's local date and hours) and record the claims,
    committing page by page (SQLite's write lock is held for one page, not the whole sweep).

    The caller sends, then marks each nudge sent, failed or released.
    """
    # A day of margin: the teacher's local date may be ahead of UTC.
    horizon = now.date() + timedelta(days=NEAR_DAYS + 1)
    nudges: list[Nudge] = []
    after = 0
    while True:
        rows = await repos.routes.due_rows(
            horizon=horizon, nudged_before=now - NUDGE_EVERY, after_route_id=after, limit=page
        )
        if not rows:
            return nudges
        route_ids = sorted({r.route_id for r in rows})
        after = route_ids[-1]
        already = {
            (step_id, Due(kind))
            for step_id, kind in await repos.routes.reminded(route_ids, fresh_after=now - CLAIM_TIMEOUT)
        }
        planned: list[tuple[DueRow, list[tuple[DueRow, Due]]]] = []
        for _route_id, group in groupby(rows, key=lambda r: r.route_id):
            steps = list(group)
            first = steps[0]
            plan = reminder_plan(
                (DueStep(s.step_id, s.planned_end, StepStatus(s.status)) for s in steps),
                already,
                last_nudge_at=first.last_nudge_at,
                now=now,
                timezone=first.timezone or default_tz,
            )
            if plan:
                by_id = {s.step_id: s for s in steps}
                planned.append((first, [(by_id[step_id], due) for step_id, due in plan]))
        claimed = await repos.routes.claim(
            [(first.route_id, row.step_id, due.value) for first, items in planned for row, due in items],
            now,
            stale_before=now - CLAIM_TIMEOUT,
        )
        await repos.commit()
        for first, items in planned:
            got = [
                (row, due, claimed[(row.step_id, due.value)])
                for row, due in items
                if (row.step_id, due.value) in claimed
            ]
            if got:
                nudges.append(
                    Nudge(
                        first.route_id,
                        first.tg_id,
                        first.locale,
                        tuple(
                            NudgeItem(row.step_id, due, row.title, row.planned_end) for row, due, _id in got
                        ),
                        tuple(reminder_id for _row, _due, reminder_id in got),
                    )
                )
        if len(route_ids) < page:
            return nudges


async def queue_reminders(repos: RouteRepos, notifier: Notifier, nudges: list[Nudge], now: datetime) -> int:
    """Each claimed reminder to the outbox (a dedupe key per route and reminders), recorded sent in
    the same transaction: the outbox sends it, at the shared pace, or gives up on a blocked teacher."""
    owners = await repos.routes.owners([n.route_id for n in nudges])
    keyed: dict[str, Nudge] = {}
    letters = []
    for nudge in nudges:
        teacher = owners.get(nudge.route_id)
        if teacher is None:
            continue
        key = f"route-reminder:{nudge.route_id}:{','.join(str(i) for i in nudge.reminder_ids)}"
        keyed[key] = nudge
        letters.append(Letter(teacher, StepReminder(nudge.route_id, nudge.items), dedupe=key))
    told = await notifier.tell_many(letters)
    for letter in told:
        assert letter.dedupe is not None
        sent = keyed[letter.dedupe]
        await repos.routes.reminders_sent(sent.route_id, sent.reminder_ids, now)
    return len(told)

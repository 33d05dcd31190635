"""Individual educational route (ИОМ) rules: the proposal built from a diagnosis, progress,
completion, and when a step deserves a reminder. Plain Python, unit-tested; used by part 3.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.diagnostics import AreaResult, Catalogue, Level, StepForm

MIN_STEP_DAYS = 14
NEAR_DAYS = 3
NUDGE_EVERY = timedelta(days=7)
# Never at night: reminders wait for the morning in the teacher's own time zone.
QUIET_FROM = time(21, 0)
QUIET_UNTIL = time(9, 0)


class StepStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


@dataclass(frozen=True, slots=True)
class ProposedStep:
    form: StepForm
    title: str
    description: str
    link: str | None
    hours: int | None
    area: str
    level: Level
    planned_start: date
    planned_end: date


def academic_year(today: date) -> tuple[date, date]:
    """The school year a route belongs to: 1 September – 31 May. In summer, the coming one."""
    first = today.year if today.month >= 6 else today.year - 1
    return date(first, 9, 1), date(first + 1, 5, 31)


def route_period(today: date) -> tuple[date, date]:
    """From today (or 1 September, in summer) to the end of the school year."""
    start, end = academic_year(today)
    return max(today, start), end


def build_proposal(
    results: Iterable[AreaResult],
    catalogue: Catalogue,
    *,
    start: date,
    end: date,
    per_area: int = 2,
) -> list[ProposedStep]:
    """Steps for the areas with a high, then medium deficit (weakest first), spread over the period.

    Each area gets up to `per_area` recommendations of its level; steps follow one another in
    equal slots of at least MIN_STEP_DAYS, so the largest deficits are worked on first.
    """
    ordered = sorted(
        (r for r in results if r.level in (Level.HIGH, Level.MEDIUM) and r.area in catalogue.areas),
        key=lambda r: (r.level is not Level.HIGH, r.score if r.score is not None else 0.0, r.area),
    )
    picked = [
        (result, rec)
        for result in ordered
        for rec in catalogue.areas[result.area].for_level(result.level or Level.MEDIUM)[:per_area]
    ]
    if not picked:
        return []
    total_days = max((end - start).days, MIN_STEP_DAYS)
    slot = max(total_days // len(picked), MIN_STEP_DAYS)
    steps = []
    for index, (result, rec) in enumerate(picked):
        # Later steps that would overflow a short period share its last slot.
        slot_start = start + timedelta(days=min(index * slot, max(total_days - slot, 0)))
        slot_end = slot_start + timedelta(days=slot - 1)
        steps.append(
            ProposedStep(
                form=rec.form,
                title=rec.title,
                description=rec.description,
                link=rec.link,
                hours=rec.hours,
                area=result.area,
                level=result.level or Level.MEDIUM,
                planned_start=slot_start,
                planned_end=slot_end,
            )
        )
    return steps


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    active: int  # steps that count: everything but dropped
    percent: int

    @property
    def carried_out(self) -> bool:
        """A route is carried out when every step that was not dropped is done (seed 003 §4.2)."""
        return self.active > 0 and self.done == self.active


def progress(statuses: Iterable[StepStatus]) -> Progress:
    counted = [s for s in statuses if s is not StepStatus.DROPPED]
    done = sum(1 for s in counted if s is StepStatus.DONE)
    percent = round(100 * done / len(counted)) if counted else 0
    return Progress(done, len(counted), percent)


class Due(StrEnum):
    NEAR = "near"  # ends within NEAR_DAYS
    OVERDUE = "overdue"


def step_due(planned_end: date, status: StepStatus, today: date) -> Due | None:
    """Does an unfinished step need a reminder today (the teacher's local date)?"""
    if status in (StepStatus.DONE, StepStatus.DROPPED):
        return None
    days_left = (planned_end - today).days
    if days_left < 0:
        return Due.OVERDUE
    if days_left <= NEAR_DAYS:
        return Due.NEAR
    return None


def may_nudge(last_nudge_at: datetime | None, now: datetime) -> bool:
    """At most one reminder a week per route."""
    return last_nudge_at is None or now - last_nudge_at >= NUDGE_EVERY


def local_today(now: datetime, timezone: str) -> date:
    return now.astimezone(ZoneInfo(timezone)).date()


def is_quiet(now: datetime, timezone: str) -> bool:
    local = now.astimezone(ZoneInfo(timezone)).time()
    return local >= QUIET_FROM or local < QUIET_UNTIL


def next_allowed(now: datetime, timezone: str) -> datetime:
    """`now`, or the next QUIET_UNTIL in the person's time zone when it is night there (UTC back)."""
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    if not is_quiet(now, timezone):
        return now
    day = local.date() if local.time() < QUIET_UNTIL else local.date() + timedelta(days=1)
    return datetime.combine(day, QUIET_UNTIL, tzinfo=zone).astimezone(now.tzinfo)

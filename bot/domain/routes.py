"""Individual educational route (ИОМ) rules: the proposal built from a diagnosis, progress,
completion, and when a step deserves a reminder. Plain Python, unit-tested; used by part 3.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from bot.domain.diagnostics import AreaResult, Catalogue, Level, StepForm
from bot.domain.time import is_quiet, local_today

MIN_STEP_DAYS = 14
NEAR_DAYS = 3
NUDGE_EVERY = timedelta(days=7)
# Never at night: reminders wait for the morning in the teacher's own time zone.


class StepStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class StepSource(StrEnum):
    """Where a step came from."""

    CATALOGUE = "catalogue"  # proposed from the diagnosis
    OWN = "own"  # the teacher's own
    EVENT = "event"  # a registration for an event
    ATTESTATION = "attestation"  # preparing for the attestation, added in one tap from its reminder


class EvidenceKind(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"
    LINK = "link"
    TEXT = "text"


class AssignmentSource(StrEnum):
    """Who put a teacher with a methodist."""

    STAFF = "staff"
    AUTO = "auto"  # by municipality and subject


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


def experience_proposal(
    results: Iterable[AreaResult], catalogue: Catalogue, *, start: date, end: date
) -> list[ProposedStep]:
    """No high or medium deficit: one step to share experience in the strongest area."""
    strongest = sorted(
        (r for r in results if r.level is Level.LOW and r.area in catalogue.areas),
        key=lambda r: (-(r.score or 0.0), r.area),
    )
    if not strongest:
        return []
    best = strongest[0]
    rec = catalogue.areas[best.area].low[0]
    return [
        ProposedStep(
            form=rec.form,
            title=rec.title,
            description=rec.description,
            link=rec.link,
            hours=rec.hours,
            area=best.area,
            level=Level.LOW,
            planned_start=start,
            planned_end=end,
        )
    ]


def parse_goal(text: str) -> str:
    """The goal line in the teacher's words: one line, not empty, not a novel."""
    goal = " ".join(text.split())
    if len(goal) < 5:
        raise ValueError("short")
    if len(goal) > GOAL_MAX:
        raise ValueError("long")
    return goal


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


class RouteStatus(StrEnum):
    DRAFT = "draft"  # the teacher is shaping it; nobody else sees it
    SUBMITTED = "submitted"  # waiting for the methodist
    RETURNED = "returned"  # the methodist asked for changes
    APPROVED = "approved"  # agreed; the teacher carries it out
    CARRIED_OUT = "carried_out"  # every step that was not dropped is done


# The teacher may reshape the route (remove, add steps) only while it is not under review or agreed.
EDITABLE = frozenset({RouteStatus.DRAFT, RouteStatus.RETURNED})
# Steps can be carried out from the moment the route is saved: the methodist's review does not block work.
WORKABLE = frozenset({RouteStatus.SUBMITTED, RouteStatus.RETURNED, RouteStatus.APPROVED})
SUBMITTABLE = frozenset({RouteStatus.DRAFT, RouteStatus.RETURNED})
REVIEWABLE = frozenset({RouteStatus.SUBMITTED})
MAX_STEPS = 30
GOAL_MAX = 300


class StepAction(StrEnum):
    START = "start"
    DONE = "done"
    DROP = "drop"
    RESTORE = "restore"
    REOPEN = "reopen"


def step_actions(route_status: RouteStatus, status: StepStatus) -> list[StepAction]:
    """What the teacher may do with a step now (the same rule checks a pressed button)."""
    if route_status not in WORKABLE:
        return []
    return {
        StepStatus.PLANNED: [StepAction.START, StepAction.DONE, StepAction.DROP],
        StepStatus.IN_PROGRESS: [StepAction.DONE, StepAction.DROP],
        StepStatus.DONE: [StepAction.REOPEN],
        StepStatus.DROPPED: [StepAction.RESTORE],
    }[status]


def may_delete(route_status: RouteStatus, status: StepStatus, *, started: bool, evidence: int) -> bool:
    """May the teacher delete a step outright («🗑 Удалить шаг»)?

    Deleting is for a step that should never have been in the route: only while the route is being
    shaped (a draft, or returned for changes) and only while nothing happened on the step (never
    started, no evidence). A step that was worked on, or that the methodist agreed to, is not
    deleted: the teacher marks it «✖️ Не буду выполнять» (`StepAction.DROP`), and it stays in the
    route's history with the reason, out of the progress count.
    """
    return route_status in EDITABLE and status is StepStatus.PLANNED and not started and evidence == 0


T = TypeVar("T")


def date_key(start: date | None, end: date | None) -> tuple[bool, date, bool, date]:
    """Sort key of a step by its planned dates: by start, then end; a step without dates last."""
    return (start is None, start or date.min, end is None, end or date.min)


def in_date_order(items: Iterable[T], dates: Callable[[T], tuple[date | None, date | None]]) -> list[T]:
    """Steps in the order they are planned: by planned start, then end, undated last. Stable: steps
    planned alike keep the order they come in (the order they were put in the route)."""
    return sorted(items, key=lambda item: date_key(*dates(item)))


def after_action(action: StepAction, status: StepStatus) -> StepStatus:
    return {
        StepAction.START: StepStatus.IN_PROGRESS,
        StepAction.DONE: StepStatus.DONE,
        StepAction.DROP: StepStatus.DROPPED,
        StepAction.RESTORE: StepStatus.PLANNED,
        StepAction.REOPEN: StepStatus.IN_PROGRESS,
    }[action]


def route_status_after_steps(current: RouteStatus, statuses: Iterable[StepStatus]) -> RouteStatus:
    """An approved route becomes carried out when its last counted step is done, and back again
    when a step is reopened; a route under review keeps its review status."""
    carried_out = progress(statuses).carried_out
    if current is RouteStatus.APPROVED and carried_out:
        return RouteStatus.CARRIED_OUT
    if current is RouteStatus.CARRIED_OUT and not carried_out:
        return RouteStatus.APPROVED
    return current


@dataclass(frozen=True, slots=True)
class DueStep:
    step_id: int
    planned_end: date
    status: StepStatus


def reminder_plan(
    steps: Iterable[DueStep],
    already: set[tuple[int, Due]],
    *,
    last_nudge_at: datetime | None,
    now: datetime,
    timezone: str,
) -> list[tuple[int, Due]]:
    """The steps to remind about in one message now: none at night in the teacher's zone, none
    within a week of the last nudge, and never the same (step, near/overdue) twice."""
    if is_quiet(now, timezone) or not may_nudge(last_nudge_at, now):
        return []
    today = local_today(now, timezone)
    plan = []
    for step in steps:
        due = step_due(step.planned_end, step.status, today)
        if due is not None and (step.step_id, due) not in already:
            plan.append((step.step_id, due))
    return plan


@dataclass(frozen=True, slots=True)
class MethodistCandidate:
    user_id: int
    municipality_id: int | None  # the role's scope; None = regional
    subjects: frozenset[str]
    load: int  # teachers already assigned


def pick_methodist(
    municipality_id: int | None, subjects: Iterable[str], candidates: Iterable[MethodistCandidate]
) -> int | None:
    """The methodist who accompanies a teacher when staff have not chosen one: sharing a subject
    before not, of the teacher's municipality before a regional one, then the least loaded."""
    wanted = frozenset(subjects)
    best: tuple[tuple[int, int, int, int], int] | None = None
    for c in candidates:
        if c.municipality_id is not None and c.municipality_id != municipality_id:
            continue  # a municipal methodist works with their municipality only
        key = (
            0 if wanted & c.subjects else 1,
            0 if c.municipality_id is not None else 1,
            c.load,
            c.user_id,
        )
        if best is None or key < best[0]:
            best = (key, c.user_id)
    return best[1] if best else None

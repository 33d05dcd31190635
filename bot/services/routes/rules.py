"""The route's small rules: refusals, statuses, parsing what the teacher types, evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol

from bot.domain.diagnostics import StepForm
from bot.domain.route_changes import RouteState, StepState
from bot.domain.routes import (
    REVIEWABLE,
    Due,
    EvidenceKind,
    Progress,
    RouteStatus,
    StepAction,
    StepSource,
    StepStatus,
    in_date_order,
    may_delete,
    progress,
    step_actions,
    step_due,
)
from bot.domain.time import zone_of
from storage.models import Route, RouteReturn, RouteStep, User
from storage.repositories.content import ContentRepo
from storage.repositories.diagnosis import DiagnosisRepo
from storage.repositories.routes import AssignmentRepo, RouteRepo
from storage.repositories.users import UserRepo


class StepRepos(Protocol):
    """What adding a step writes (`RouteRepos` and the events' repositories are one)."""

    @property
    def routes(self) -> RouteRepo: ...


class RouteRepos(Protocol):
    """The repositories the route services use (`Repos` is one)."""

    @property
    def routes(self) -> RouteRepo: ...
    @property
    def assignments(self) -> AssignmentRepo: ...
    @property
    def users(self) -> UserRepo: ...
    @property
    def diagnosis(self) -> DiagnosisRepo: ...
    @property
    def content(self) -> ContentRepo: ...

    async def commit(self) -> None: ...


class NotYours(Exception):
    """A route or step of someone else (a forged or an old button)."""


class NotAllowed(Exception):
    """Not in this state of the route or step (a double tap, an old screen)."""


class NoDiagnosis(Exception):
    """There is no finished diagnosis to build a route from."""


class RouteFull(Exception):
    """The route already has MAX_STEPS steps."""


class Missing(StrEnum):
    GOAL = "goal"
    STEPS = "steps"
    COMMENT = "comment"  # returning a route needs a word: a comment, or comments on steps


class Incomplete(Exception):
    """The route cannot be sent (or returned) yet: `what` is missing."""

    def __init__(self, what: Missing) -> None:
        super().__init__(what)
        self.what = what


def status(route: Route) -> RouteStatus:
    return RouteStatus(route.status)


def step_status(step: RouteStep) -> StepStatus:
    return StepStatus(step.status)


def ordered_steps(route: Route) -> list[RouteStep]:
    """The route's steps as every screen and the document show them: in the order they are planned."""
    return in_date_order(route.steps, lambda s: (s.planned_start, s.planned_end))


def deletable(route: Route, step: RouteStep) -> bool:
    """May the teacher delete this step outright (see `bot.domain.routes.may_delete`)?"""
    return may_delete(
        status(route), step_status(step), started=step.started_at is not None, evidence=len(step.evidence)
    )


def route_state(route: Route) -> RouteState:
    """What the route holds now, as the comparison with its return sees it."""
    return RouteState(
        route.goal,
        tuple(
            StepState(
                s.id,
                s.title,
                StepForm(s.form),
                s.planned_start,
                s.planned_end,
                step_status(s),
                len(s.evidence),
                s.drop_reason,
            )
            for s in route.steps
        ),
    )


def returned_state(kept: RouteReturn) -> RouteState:
    """What the route held when the methodist returned it."""
    return RouteState(
        kept.goal,
        tuple(
            StepState(
                s.step_id,
                s.title,
                StepForm(s.form),
                s.planned_start,
                s.planned_end,
                StepStatus(s.status),
                s.evidence,
            )
            for s in kept.steps
        ),
    )


def route_progress(route: Route) -> Progress:
    return progress(step_status(s) for s in route.steps)


def overdue_steps(route: Route, today: date) -> list[RouteStep]:
    return [s for s in route.steps if step_due(s.planned_end, step_status(s), today) is Due.OVERDUE]


def teacher_timezone(user: User, default: str) -> str:
    """Kept for callers not yet moved to `zone_of`."""
    return zone_of(user, default)


def find_step(route: Route, step_id: int) -> RouteStep:
    for step in route.steps:
        if step.id == step_id:
            return step
    raise NotYours(step_id)


@dataclass(frozen=True, slots=True)
class NewStep:
    form: StepForm
    title: str
    area: str | None
    months: int  # 0 = until the end of the route's period
    description: str = ""
    link: str | None = None
    source: StepSource = StepSource.OWN


TITLE_MAX = 200
NOTE_MAX = 800


def parse_title(text: str) -> str:
    title = " ".join(text.split())
    if len(title) < 3:
        raise ValueError("short")
    if len(title) > TITLE_MAX:
        raise ValueError("long")
    return title


def parse_note(text: str) -> tuple[str, str | None]:
    """A step's description; a lone link becomes the step's link."""
    note = text.strip()
    if len(note) > NOTE_MAX:
        raise ValueError("long")
    words = note.split()
    if len(words) == 1 and words[0].startswith(("http://", "https://")) and len(words[0]) <= 500:
        return "", words[0]
    return note, None


def planned_window(route: Route, today: date, months: int) -> tuple[date, date]:
    start = min(max(today, route.period_start), route.period_end)
    if months <= 0:
        return start, route.period_end
    end = start + timedelta(days=30 * months)
    return start, min(end, route.period_end) if end > start else start


def check_reviewable(route: Route) -> None:
    if status(route) not in REVIEWABLE:
        raise NotAllowed


def check_action(route: Route, step: RouteStep, action: StepAction) -> None:
    if action not in step_actions(status(route), step_status(step)):
        raise NotAllowed


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: EvidenceKind
    file_id: str | None = None
    file_unique_id: str | None = None
    file_name: str | None = None
    mime_type: str | None = None
    file_size: int | None = None
    text: str | None = None


EVIDENCE_TEXT_MAX = 1000
MAX_EVIDENCE = 10


def text_evidence(text: str) -> Evidence:
    value = text.strip()
    if len(value) < 2:
        raise ValueError("short")
    if len(value) > EVIDENCE_TEXT_MAX:
        raise ValueError("long")
    words = value.split()
    if len(words) == 1 and words[0].startswith(("http://", "https://")):
        return Evidence(kind=EvidenceKind.LINK, text=value)
    return Evidence(kind=EvidenceKind.TEXT, text=value)


@dataclass(frozen=True, slots=True)
class Recorded:
    became_done: bool
    carried_out: bool


def _evidence_fields(evidence: Evidence) -> dict[str, object]:
    return {
        "kind": evidence.kind,
        "file_id": evidence.file_id,
        "file_unique_id": evidence.file_unique_id,
        "file_name": evidence.file_name,
        "mime_type": evidence.mime_type,
        "file_size": evidence.file_size,
        "text": evidence.text,
    }


def in_scope(teacher: User, scope: int | None) -> bool:
    return scope is None or teacher.municipality_id == scope


def search_names(names: Sequence[tuple[int, str]], query: str, limit: int = 10) -> list[tuple[int, str]]:
    """By part of the name, case and ё/е ignored (SQLite cannot fold Cyrillic case itself)."""
    words = [w for w in query.casefold().replace("ё", "е").split() if w]
    if not words:
        return []
    found = []
    for user_id, name in names:
        folded = name.casefold().replace("ё", "е")
        if all(w in folded for w in words):
            found.append((user_id, name))
            if len(found) >= limit:
                break
    return found

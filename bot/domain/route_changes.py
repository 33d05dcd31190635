"""What changed in a route between the methodist's return and the teacher's resubmission.

When a methodist returns a route, what it held is kept (`RouteState`); when the teacher sends it
again, `route_changes(kept, now)` tells the methodist what is new: steps added and removed, dates,
forms or titles changed, steps started, done or marked «won't do», evidence added, the goal
rewritten. Steps are matched by their id: a step deleted and a look-alike added are two changes.
Plain Python, unit-tested.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from bot.domain.diagnostics import StepForm
from bot.domain.routes import StepStatus, in_date_order


@dataclass(frozen=True, slots=True)
class StepState:
    """A step as it stands (or stood at the return)."""

    step_id: int
    title: str
    form: StepForm
    planned_start: date | None
    planned_end: date | None
    status: StepStatus
    evidence: int = 0  # pieces of evidence attached
    drop_reason: str | None = None  # why it won't be done (shown, not compared)


@dataclass(frozen=True, slots=True)
class RouteState:
    goal: str | None
    steps: tuple[StepState, ...]


@dataclass(frozen=True, slots=True)
class StepChange:
    """One step kept since the return, with what is different about it."""

    before: StepState
    after: StepState

    @property
    def dates_changed(self) -> bool:
        b, a = self.before, self.after
        return (b.planned_start, b.planned_end) != (a.planned_start, a.planned_end)

    @property
    def form_changed(self) -> bool:
        return self.before.form is not self.after.form

    @property
    def title_changed(self) -> bool:
        return self.before.title != self.after.title

    @property
    def status_changed(self) -> bool:
        return self.before.status is not self.after.status

    @property
    def evidence_added(self) -> int:
        return max(self.after.evidence - self.before.evidence, 0)

    @property
    def any(self) -> bool:
        return (
            self.dates_changed
            or self.form_changed
            or self.title_changed
            or self.status_changed
            or self.evidence_added > 0
        )


@dataclass(frozen=True, slots=True)
class RouteChanges:
    goal: tuple[str | None, str | None] | None  # (before, after) when the goal was rewritten
    added: tuple[StepState, ...]
    removed: tuple[StepState, ...]
    changed: tuple[StepChange, ...]

    @property
    def empty(self) -> bool:
        return self.goal is None and not (self.added or self.removed or self.changed)

    @property
    def count(self) -> int:
        """How many things changed (the goal, each step added, removed or changed)."""
        return (self.goal is not None) + len(self.added) + len(self.removed) + len(self.changed)


def _dated(steps: Iterable[StepState]) -> list[StepState]:
    return in_date_order(steps, lambda s: (s.planned_start, s.planned_end))


def route_changes(before: RouteState, after: RouteState) -> RouteChanges:
    """What is different in `after` compared with `before`; each list in the steps' date order
    (removed steps by their dates as they were)."""
    old = {s.step_id: s for s in before.steps}
    new = {s.step_id: s for s in after.steps}
    added = tuple(s for s in _dated(after.steps) if s.step_id not in old)
    removed = tuple(s for s in _dated(before.steps) if s.step_id not in new)
    kept = (StepChange(old[s.step_id], s) for s in _dated(after.steps) if s.step_id in old)
    changed = tuple(c for c in kept if c.any)
    goal = (before.goal, after.goal) if (before.goal or None) != (after.goal or None) else None
    return RouteChanges(goal, added, removed, changed)

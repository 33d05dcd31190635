"""Building, shaping and carrying out a route: the teacher's side."""

from __future__ import annotations

from datetime import date, datetime

from bot.domain.routes import (
    EDITABLE,
    MAX_STEPS,
    RouteStatus,
    StepAction,
    StepSource,
    StepStatus,
    after_action,
    build_proposal,
    experience_proposal,
    route_period,
    route_status_after_steps,
)
from bot.services import content
from bot.services.routes.basis import basis
from bot.services.routes.rules import (
    MAX_EVIDENCE,
    Evidence,
    NewStep,
    NoDiagnosis,
    NotAllowed,
    NotYours,
    Recorded,
    RouteFull,
    RouteRepos,
    StepRepos,
    _evidence_fields,
    check_action,
    deletable,
    planned_window,
    status,
    step_status,
)
from storage.models import Route, RouteStep, User

# --- building and shaping -------------------------------------------------------------------------


async def build(
    repos: RouteRepos, user: User, now: datetime, today: date, attempt_id: int | None = None
) -> tuple[Route, bool]:
    """The teacher's route: the current one if there is one, else a draft proposed from the
    diagnosis. Returns (route, created)."""
    current = await repos.routes.current(user.id)
    if current is not None and status(current) is not RouteStatus.CARRIED_OUT:
        return current, False
    found = await basis(repos, user, attempt_id)
    if found is None:
        raise NoDiagnosis
    if current is not None:
        # A carried-out route stays in the history; the new one starts from the new diagnosis.
        await repos.routes.update(current, archived_at=now)
    start, end = route_period(today)
    catalogue = await content.catalogue(repos.content)
    steps = []
    if catalogue is not None:
        steps = build_proposal(found.results, catalogue, start=start, end=end) or experience_proposal(
            found.results, catalogue, start=start, end=end
        )
    route = await repos.routes.create(
        user_id=user.id,
        attempt_id=found.attempt.id,
        status=RouteStatus.DRAFT,
        period_start=start,
        period_end=end,
    )
    for proposed in steps[:MAX_STEPS]:
        await repos.routes.add_step(
            route,
            form=proposed.form,
            title=proposed.title,
            description=proposed.description,
            link=proposed.link,
            hours=proposed.hours,
            area=proposed.area,
            level=proposed.level,
            source=StepSource.CATALOGUE,
            planned_start=proposed.planned_start,
            planned_end=proposed.planned_end,
            status=StepStatus.PLANNED,
        )
    return route, True


async def rebuild(repos: RouteRepos, user: User, route: Route, now: datetime, today: date) -> Route:
    """Start the draft over from the latest diagnosis (what the teacher removed comes back)."""
    if status(route) is not RouteStatus.DRAFT:
        raise NotAllowed
    attempt_id = route.attempt_id
    await repos.routes.delete(route)
    rebuilt, _created = await build(repos, user, now, today, attempt_id if attempt_id else None)
    return rebuilt


async def own_route(repos: RouteRepos, user: User, route_id: int) -> Route:
    route = await repos.routes.by_id(route_id)
    if route is None or route.user_id != user.id or route.archived_at is not None:
        raise NotYours(route_id)
    return route


def check_delete(route: Route, step: RouteStep) -> None:
    """Only a step put in by mistake is deleted; one worked on is marked «won't do» instead."""
    if not deletable(route, step):
        raise NotAllowed


async def remove_step(repos: RouteRepos, route: Route, step: RouteStep) -> None:
    check_delete(route, step)
    await repos.routes.remove_step(route, step)


async def add_step(
    repos: StepRepos, route: Route, new: NewStep, today: date, *, check_editable: bool = True
) -> RouteStep:
    """A step of the teacher's own (or from an event registration: `check_editable=False`, since
    registering for an event is carried out whatever the route's review status)."""
    if check_editable and status(route) not in EDITABLE:
        raise NotAllowed
    if status(route) is RouteStatus.CARRIED_OUT:
        raise NotAllowed
    if len(route.steps) >= MAX_STEPS:
        raise RouteFull
    start, end = planned_window(route, today, new.months)
    return await repos.routes.add_step(
        route,
        form=new.form,
        title=new.title,
        description=new.description,
        link=new.link,
        hours=None,
        area=new.area,
        level=None,
        source=new.source,
        planned_start=start,
        planned_end=end,
        status=StepStatus.PLANNED,
    )


async def set_goal(repos: RouteRepos, route: Route, goal: str) -> None:
    if status(route) not in EDITABLE:
        raise NotAllowed
    await repos.routes.update(route, goal=goal)


# --- carrying it out --------------------------------------------------------------------------------


async def _after_step_change(repos: RouteRepos, route: Route, now: datetime) -> bool:
    """Returns True when this change carried the route out."""
    before = status(route)
    after = route_status_after_steps(before, (step_status(s) for s in route.steps))
    if after is before:
        return False
    await repos.routes.update(
        route, status=after.value, completed_at=now if after is RouteStatus.CARRIED_OUT else None
    )
    return after is RouteStatus.CARRIED_OUT


async def act(
    repos: RouteRepos,
    route: Route,
    step: RouteStep,
    action: StepAction,
    now: datetime,
    reason: str | None = None,
) -> bool:
    """Start, drop (with a reason), restore or reopen a step. "Done" goes through `add_evidence`.
    Returns True when the route became carried out (dropping the last open step can do that)."""
    if action is StepAction.DONE:
        raise NotAllowed
    check_action(route, step, action)
    fields: dict[str, object] = {"status": after_action(action, step_status(step)).value}
    if action is StepAction.START:
        fields["started_at"] = now
    elif action is StepAction.DROP:
        fields["drop_reason"] = (reason or "")[:300] or None
    elif action is StepAction.RESTORE:
        fields["drop_reason"] = None
    elif action is StepAction.REOPEN:
        fields["done_at"] = None
    await repos.routes.update(step, **fields)
    return await _after_step_change(repos, route, now)


async def add_evidence(
    repos: RouteRepos, route: Route, step: RouteStep, evidence: Evidence, now: datetime
) -> Recorded:
    """Evidence marks the step done (or adds to a done one)."""
    current = step_status(step)
    if current is StepStatus.DONE:
        if status(route) is not RouteStatus.CARRIED_OUT and status(route) not in {
            RouteStatus.SUBMITTED,
            RouteStatus.RETURNED,
            RouteStatus.APPROVED,
        }:
            raise NotAllowed
        if len(step.evidence) >= MAX_EVIDENCE:
            raise RouteFull
        await repos.routes.add_evidence(step, **_evidence_fields(evidence))
        return Recorded(False, False)
    check_action(route, step, StepAction.DONE)
    await repos.routes.add_evidence(step, **_evidence_fields(evidence))
    await repos.routes.update(
        step, status=StepStatus.DONE.value, done_at=now, started_at=step.started_at or now
    )
    return Recorded(True, await _after_step_change(repos, route, now))

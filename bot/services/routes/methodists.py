"""The methodist: who accompanies whom, review (submit, comment, return, approve), staff assignments."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.roles import Role, scope_covers
from bot.domain.route_changes import RouteChanges, route_changes
from bot.domain.routes import (
    REVIEWABLE,
    SUBMITTABLE,
    AssignmentSource,
    MethodistCandidate,
    Progress,
    RouteStatus,
    pick_methodist,
    route_status_after_steps,
)
from bot.domain.time import local_today, zone_of
from bot.services.routes.rules import (
    Incomplete,
    Missing,
    NotAllowed,
    NotYours,
    RouteRepos,
    in_scope,
    overdue_steps,
    returned_state,
    route_progress,
    route_state,
    status,
    step_status,
)
from storage.models import Route, RouteStep, User

# --- the methodist ---------------------------------------------------------------------------------


async def candidates(repos: RouteRepos, municipality_id: int | None) -> list[MethodistCandidate]:
    return [
        MethodistCandidate(row.user.id, row.scope_municipality_id, row.subjects, row.load)
        for row in await repos.assignments.methodists(municipality_id)
    ]


def accompanies(methodist: User, teacher: User) -> bool:
    """A methodist works with a teacher only while holding the role and while its scope covers the
    teacher's municipality (a role taken away or moved, a teacher who moved: no more)."""
    held = [r for r in methodist.roles if r.role == Role.METHODIST]
    return bool(held) and scope_covers(held[0].scope_municipality_id, teacher.municipality_id)


async def _auto_pick(repos: RouteRepos, teacher: User, now: datetime) -> User | None:
    chosen = pick_methodist(
        teacher.municipality_id,
        (s.subject for s in teacher.subjects),
        [c for c in await candidates(repos, teacher.municipality_id) if c.user_id != teacher.id],
    )
    if chosen is None:
        return None
    await repos.assignments.assign(teacher.id, chosen, AssignmentSource.AUTO, now)
    return await repos.users.by_id(chosen)


async def methodist_of(repos: RouteRepos, teacher: User, now: datetime) -> User | None:
    """The teacher's methodist; chosen by municipality and subject (and remembered) if staff have
    not assigned one, or if the one assigned can no longer accompany this teacher."""
    assignment = await repos.assignments.of_teacher(teacher.id)
    if assignment is not None:
        current = await repos.users.by_id(assignment.methodist_id)
        if current is not None and accompanies(current, teacher):
            return current
        await repos.assignments.release([teacher.id], assignment.methodist_id)
    return await _auto_pick(repos, teacher, now)


@dataclass(frozen=True, slots=True)
class Handover:
    """What became of the teachers a methodist may no longer accompany."""

    # (teacher, new methodist, route): routes waiting for review passed on by municipality and subject.
    rerouted: list[tuple[User, User, Route]]
    # Routes waiting for review with no methodist to take them: staff decide.
    stranded: list[User]
    # Released with nothing waiting: they need a new methodist some time.
    released: list[User]

    @property
    def empty(self) -> bool:
        return not (self.rerouted or self.stranded or self.released)


async def hand_over(repos: RouteRepos, methodist: User, now: datetime) -> Handover:
    """Release the methodist's teachers they no longer accompany (role revoked, or its scope no
    longer covers them; `methodist.roles` must be current), and pass their routes waiting for
    review to a methodist chosen by municipality and subject."""
    rerouted: list[tuple[User, User, Route]] = []
    stranded: list[User] = []
    released: list[User] = []
    gone = [t for t in await repos.assignments.teachers_of(methodist.id) if not accompanies(methodist, t)]
    # Only rows still pointing at this methodist go: staff may have reassigned someone meanwhile.
    freed = set(await repos.assignments.release([t.id for t in gone], methodist.id))
    routes = await repos.routes.routes_of(sorted(freed))
    for teacher in gone:
        if teacher.id not in freed:
            continue
        route = routes.get(teacher.id)
        if route is None or status(route) not in REVIEWABLE:
            released.append(teacher)
            continue
        successor = await _auto_pick(repos, teacher, now)
        if successor is None:
            stranded.append(teacher)
        else:
            rerouted.append((teacher, successor, route))
    return Handover(rerouted, stranded, released)


async def submit(repos: RouteRepos, teacher: User, route: Route, now: datetime) -> User | None:
    """Send the route to the methodist; returns them (None while the region has no methodist)."""
    if status(route) not in SUBMITTABLE:
        raise NotAllowed
    if not route.goal:
        raise Incomplete(Missing.GOAL)
    if route_progress(route).active == 0:
        raise Incomplete(Missing.STEPS)
    await repos.routes.update(route, status=RouteStatus.SUBMITTED.value, submitted_at=now)
    return await methodist_of(repos, teacher, now)


async def may_review(repos: RouteRepos, methodist: User | None, roles: frozenset[Role], route: Route) -> bool:
    """Only the teacher's own methodist opens and reviews their route, and only once it was sent;
    the role and its scope are checked as they are now, not as they were at the assignment."""
    if methodist is None or Role.METHODIST not in roles or status(route) is RouteStatus.DRAFT:
        return False
    assignment = await repos.assignments.of_teacher(route.user_id)
    if assignment is None or assignment.methodist_id != methodist.id:
        return False
    teacher = await repos.users.by_id(route.user_id)
    return teacher is not None and accompanies(methodist, teacher)


async def reviewed_route(
    repos: RouteRepos, methodist: User | None, roles: frozenset[Role], route_id: int
) -> Route:
    route = await repos.routes.by_id(route_id)
    if route is None or route.archived_at is not None or not await may_review(repos, methodist, roles, route):
        raise NotYours(route_id)
    return route


async def comment_step(repos: RouteRepos, route: Route, step: RouteStep, text: str | None) -> None:
    if status(route) not in REVIEWABLE:
        raise NotAllowed
    await repos.routes.update(step, comment=text)


async def return_route(
    repos: RouteRepos, route: Route, reviewer: User, comment: str | None, now: datetime
) -> None:
    if status(route) not in REVIEWABLE:
        raise NotAllowed
    if not comment and not any(s.comment for s in route.steps):
        raise Incomplete(Missing.COMMENT)
    await repos.routes.update(
        route,
        status=RouteStatus.RETURNED.value,
        reviewed_at=now,
        reviewer_id=reviewer.id,
        review_comment=comment,
    )
    # Kept, so that the methodist is told what changed when the route comes back.
    await repos.routes.keep_returned(route, now)


async def changes_since_return(repos: RouteRepos, route: Route) -> RouteChanges | None:
    """What changed in the route since the methodist returned it; None when it was never returned."""
    kept = await repos.routes.returned(route.id)
    if kept is None:
        return None
    return route_changes(returned_state(kept), route_state(route))


async def approve(
    repos: RouteRepos, route: Route, reviewer: User, comment: str | None, now: datetime
) -> None:
    if status(route) not in REVIEWABLE:
        raise NotAllowed
    new_status = route_status_after_steps(RouteStatus.APPROVED, (step_status(s) for s in route.steps))
    await repos.routes.update(
        route,
        status=new_status.value,
        reviewed_at=now,
        approved_at=now,
        reviewer_id=reviewer.id,
        review_comment=comment,
        completed_at=now if new_status is RouteStatus.CARRIED_OUT else None,
    )


# --- lists for the methodist and staff ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TeacherRow:
    teacher: User
    route: Route | None
    progress: Progress | None
    overdue: int

    @property
    def awaiting(self) -> bool:
        return self.route is not None and status(self.route) is RouteStatus.SUBMITTED


async def methodist_teachers(
    repos: RouteRepos, methodist: User, now: datetime, default_tz: str
) -> list[TeacherRow]:
    """The methodist's teachers: overdue steps first, then routes waiting for review, then the rest."""
    teachers = [t for t in await repos.assignments.teachers_of(methodist.id) if accompanies(methodist, t)]
    routes = await repos.routes.routes_of([t.id for t in teachers])
    rows = []
    for teacher in teachers:
        route = routes.get(teacher.id)
        shown = route if route is not None and status(route) is not RouteStatus.DRAFT else None
        today = local_today(now, zone_of(teacher, default_tz))
        rows.append(
            TeacherRow(
                teacher,
                shown,
                route_progress(shown) if shown else None,
                len(overdue_steps(shown, today)) if shown else 0,
            )
        )
    rows.sort(key=lambda r: (-r.overdue, not r.awaiting, r.route is None, r.teacher.full_name or ""))
    return rows


async def assign(repos: RouteRepos, teacher: User, methodist: User, scope: int | None, now: datetime) -> None:
    """Staff put a teacher with a methodist who can work in the teacher's municipality (its own or a
    regional one); municipal staff (`scope`) only teachers of their municipality."""
    if not in_scope(teacher, scope):
        raise NotYours(teacher.id)
    allowed = {c.user_id for c in await candidates(repos, teacher.municipality_id)}
    if methodist.id not in allowed or methodist.id == teacher.id or not accompanies(methodist, teacher):
        raise NotAllowed
    await repos.assignments.assign(teacher.id, methodist.id, AssignmentSource.STAFF, now)


async def auto_assign(repos: RouteRepos, scope: int | None, now: datetime) -> int:
    """Every teacher in scope without a methodist gets one by municipality and subject."""
    teachers = await repos.assignments.unassigned_teachers(scope)
    by_municipality: dict[int | None, list[MethodistCandidate]] = {}
    assigned = 0
    for teacher in teachers:
        pool = by_municipality.get(teacher.municipality_id)
        if pool is None:
            pool = by_municipality[teacher.municipality_id] = await candidates(repos, teacher.municipality_id)
        chosen = pick_methodist(
            teacher.municipality_id,
            (s.subject for s in teacher.subjects),
            [c for c in pool if c.user_id != teacher.id],
        )
        if chosen is None:
            continue
        await repos.assignments.assign(teacher.id, chosen, AssignmentSource.AUTO, now)
        assigned += 1
        # Keep the load in step for the next pick, in every pool that holds this methodist.
        for members in by_municipality.values():
            for index, c in enumerate(members):
                if c.user_id == chosen:
                    members[index] = MethodistCandidate(c.user_id, c.municipality_id, c.subjects, c.load + 1)
    return assigned

"""Routes (ИОМ), their steps and evidence, step reminders, and who accompanies whom."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.domain.diagnostics import Level, StepForm
from bot.domain.roles import Role
from bot.domain.routes import WORKABLE, AssignmentSource, RouteStatus, StepSource, StepStatus
from storage.models import (
    MethodistAssignment,
    Municipality,
    ReturnedStep,
    Route,
    RouteReminder,
    RouteReturn,
    RouteStep,
    StepEvidence,
    User,
    UserRole,
    UserSubject,
)

# Routes a reminder can concern (the domain's WORKABLE statuses) and steps still to do.
OPEN_ROUTE_STATUSES = tuple(sorted(WORKABLE))
OPEN_STEP_STATUSES = (StepStatus.PLANNED, StepStatus.IN_PROGRESS)


@dataclass(frozen=True, slots=True)
class DueRow:
    """One unfinished step of a route the reminder sweep looks at."""

    route_id: int
    tg_id: int
    locale: str | None
    timezone: str | None
    last_nudge_at: datetime | None
    step_id: int
    title: str
    planned_end: date
    status: str


class RouteRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def current(self, user_id: int) -> Route | None:
        """The teacher's route that is not archived (a newer one replaces a carried-out one)."""
        return await self.session.scalar(
            select(Route)
            .where(Route.user_id == user_id, Route.archived_at.is_(None))
            .order_by(Route.id.desc())
            .limit(1)
        )

    async def by_id(self, route_id: int) -> Route | None:
        return await self.session.get(Route, route_id)

    async def create(
        self,
        *,
        user_id: int,
        attempt_id: int | None,
        status: RouteStatus,
        period_start: date,
        period_end: date,
        goal: str | None = None,
    ) -> Route:
        route = Route(
            user_id=user_id,
            attempt_id=attempt_id,
            status=status,
            period_start=period_start,
            period_end=period_end,
            goal=goal,
        )
        route.steps = []
        self.session.add(route)
        await self.session.flush()
        return route

    async def delete(self, route: Route) -> None:
        await self.session.delete(route)
        await self.session.flush()

    async def update(self, obj: Route | RouteStep, **fields: Any) -> None:
        for name, value in fields.items():
            setattr(obj, name, value)
        await self.session.flush()

    async def add_step(
        self,
        route: Route,
        *,
        form: StepForm,
        title: str,
        description: str,
        link: str | None,
        hours: int | None,
        area: str | None,
        level: Level | None,
        source: StepSource,
        planned_start: date,
        planned_end: date,
        status: StepStatus,
    ) -> RouteStep:
        position = max((s.position for s in route.steps), default=0) + 1
        step = RouteStep(
            route_id=route.id,
            position=position,
            form=form,
            title=title,
            description=description,
            link=link,
            hours=hours,
            area=area,
            level=level,
            source=source,
            planned_start=planned_start,
            planned_end=planned_end,
            status=status,
        )
        step.evidence = []
        route.steps.append(step)
        await self.session.flush()
        return step

    async def remove_step(self, route: Route, step: RouteStep) -> None:
        route.steps.remove(step)
        await self.session.flush()

    async def add_evidence(self, step: RouteStep, **fields: Any) -> StepEvidence:
        evidence = StepEvidence(step_id=step.id, **fields)
        step.evidence.append(evidence)
        await self.session.flush()
        return evidence

    # --- the route as it was returned -------------------------------------------------------

    async def keep_returned(self, route: Route, now: datetime) -> None:
        """Keep what the route holds now, as returned by the methodist (replacing an earlier return)."""
        await self.session.execute(delete(RouteReturn).where(RouteReturn.route_id == route.id))
        kept = self.session.identity_map.get(self.session.identity_key(RouteReturn, route.id))
        if kept is not None:
            self.session.expunge(kept)
        snapshot = RouteReturn(route_id=route.id, returned_at=now, goal=route.goal)
        snapshot.steps = [
            ReturnedStep(
                step_id=step.id,
                position=step.position,
                form=step.form,
                title=step.title,
                planned_start=step.planned_start,
                planned_end=step.planned_end,
                status=step.status,
                evidence=len(step.evidence),
            )
            for step in route.steps
        ]
        self.session.add(snapshot)
        await self.session.flush()

    async def returned(self, route_id: int) -> RouteReturn | None:
        """The route as the methodist last returned it (None: never returned)."""
        return await self.session.get(RouteReturn, route_id)

    async def routes_of(self, user_ids: Sequence[int]) -> dict[int, Route]:
        """The current route of each of these teachers (steps loaded)."""
        if not user_ids:
            return {}
        rows = await self.session.scalars(
            select(Route)
            .where(Route.user_id.in_(user_ids), Route.archived_at.is_(None))
            .order_by(Route.id)
            .options(selectinload(Route.steps))
        )
        return {route.user_id: route for route in rows}

    # --- reminders ---------------------------------------------------------------------------

    async def due_rows(
        self, *, horizon: date, nudged_before: datetime, after_route_id: int, limit: int
    ) -> list[DueRow]:
        """Unfinished steps ending by `horizon` of open routes not nudged since `nudged_before`,
        for the next `limit` routes after `after_route_id` (keyset pages, route by route)."""
        # Every filter sits in this page query, so a page is short only at the end of the work.
        routes = (
            select(Route.id)
            .join(RouteStep, RouteStep.route_id == Route.id)
            .join(User, User.id == Route.user_id)
            .where(
                Route.id > after_route_id,
                Route.status.in_(OPEN_ROUTE_STATUSES),
                Route.archived_at.is_(None),
                or_(Route.last_nudge_at.is_(None), Route.last_nudge_at <= nudged_before),
                RouteStep.status.in_(OPEN_STEP_STATUSES),
                RouteStep.planned_end <= horizon,
                User.unreachable_at.is_(None),
            )
            .group_by(Route.id)
            .order_by(Route.id)
            .limit(limit)
            .subquery()
        )
        result = await self.session.execute(
            select(
                Route.id,
                User.tg_id,
                User.locale,
                Municipality.timezone,
                Route.last_nudge_at,
                RouteStep.id,
                RouteStep.title,
                RouteStep.planned_end,
                RouteStep.status,
            )
            .join(routes, routes.c.id == Route.id)
            .join(User, User.id == Route.user_id)
            .outerjoin(Municipality, Municipality.id == User.municipality_id)
            .join(RouteStep, RouteStep.route_id == Route.id)
            .where(RouteStep.status.in_(OPEN_STEP_STATUSES), RouteStep.planned_end <= horizon)
            # A reminder lists the steps in the order they are planned, as the route screen does.
            .order_by(Route.id, RouteStep.planned_start, RouteStep.planned_end, RouteStep.position)
        )
        return [DueRow(*row) for row in result.all()]

    async def reminded(self, route_ids: Iterable[int], *, fresh_after: datetime) -> set[tuple[int, str]]:
        """(step, kind) already reminded about: sent, given up on, or claimed moments ago."""
        ids = list(route_ids)
        if not ids:
            return set()
        result = await self.session.execute(
            select(RouteReminder.step_id, RouteReminder.kind).where(
                RouteReminder.route_id.in_(ids),
                or_(
                    RouteReminder.sent_at.is_not(None),
                    RouteReminder.failed.is_not(None),
                    RouteReminder.claimed_at > fresh_after,
                ),
            )
        )
        return {(step_id, kind) for step_id, kind in result.all()}

    async def claim(
        self, items: Sequence[tuple[int, int, str]], now: datetime, *, stale_before: datetime
    ) -> dict[tuple[int, str], int]:
        """Record the reminders (route, step, kind) about to be sent, in two statements.

        Claims of these routes older than `stale_before` that were never sent (the process died in
        between) are taken over. The unique (step, kind) with ON CONFLICT DO NOTHING means that of
        two sweeps at once only one gets each reminder: the result holds only what this one got.
        """
        if not items:
            return {}
        await self.session.execute(
            delete(RouteReminder).where(
                RouteReminder.route_id.in_({route_id for route_id, _s, _k in items}),
                RouteReminder.sent_at.is_(None),
                RouteReminder.failed.is_(None),
                RouteReminder.claimed_at <= stale_before,
            )
        )
        dialect = self.session.bind.dialect.name if self.session.bind is not None else "sqlite"
        insert_ = pg_insert if dialect == "postgresql" else sqlite_insert
        statement = (
            insert_(RouteReminder)
            .values(
                [
                    {"route_id": route_id, "step_id": step_id, "kind": kind, "claimed_at": now}
                    for route_id, step_id, kind in items
                ]
            )
            .on_conflict_do_nothing(index_elements=["step_id", "kind"])
            .returning(RouteReminder.id, RouteReminder.step_id, RouteReminder.kind)
        )
        result = await self.session.execute(statement)
        return {(step_id, kind): reminder_id for reminder_id, step_id, kind in result.all()}

    async def owners(self, route_ids: Sequence[int]) -> dict[int, User]:
        """The teachers of these routes, by route id (one query for a sweep's reminders)."""
        if not route_ids:
            return {}
        result = await self.session.execute(
            select(Route.id, User).join(User, User.id == Route.user_id).where(Route.id.in_(set(route_ids)))
        )
        return {route_id: user for route_id, user in result.all()}

    async def reminders_sent(self, route_id: int, reminder_ids: Sequence[int], now: datetime) -> None:
        await self.session.execute(
            update(RouteReminder).where(RouteReminder.id.in_(reminder_ids)).values(sent_at=now)
        )
        await self.session.execute(update(Route).where(Route.id == route_id).values(last_nudge_at=now))

    async def reminders_failed(self, reminder_ids: Sequence[int], reason: str) -> None:
        await self.session.execute(
            update(RouteReminder).where(RouteReminder.id.in_(reminder_ids)).values(failed=reason[:200])
        )

    async def reminders_released(self, reminder_ids: Sequence[int]) -> None:
        """Sending failed for a passing reason: let the next sweep try again."""
        await self.session.execute(delete(RouteReminder).where(RouteReminder.id.in_(reminder_ids)))

    async def reminders(self, route_id: int) -> list[RouteReminder]:
        rows = await self.session.scalars(
            select(RouteReminder).where(RouteReminder.route_id == route_id).order_by(RouteReminder.id)
        )
        return list(rows)


@dataclass(frozen=True, slots=True)
class MethodistRow:
    user: User
    scope_municipality_id: int | None
    subjects: frozenset[str]
    load: int


class AssignmentRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def of_teacher(self, teacher_id: int) -> MethodistAssignment | None:
        return await self.session.get(MethodistAssignment, teacher_id)

    async def assign(
        self, teacher_id: int, methodist_id: int, source: AssignmentSource, now: datetime
    ) -> None:
        row = await self.session.get(MethodistAssignment, teacher_id)
        if row is None:
            self.session.add(
                MethodistAssignment(
                    teacher_id=teacher_id, methodist_id=methodist_id, source=source, assigned_at=now
                )
            )
        else:
            row.methodist_id, row.source, row.assigned_at = methodist_id, source, now
        await self.session.flush()

    async def release(self, teacher_ids: Sequence[int], methodist_id: int) -> list[int]:
        """Drop these teachers' assignments to this methodist (rows reassigned meanwhile stay);
        returns the teachers actually released."""
        if not teacher_ids:
            return []
        result = await self.session.execute(
            delete(MethodistAssignment)
            .where(
                MethodistAssignment.teacher_id.in_(teacher_ids),
                MethodistAssignment.methodist_id == methodist_id,
            )
            .returning(MethodistAssignment.teacher_id)
        )
        released = list(result.scalars())
        # Objects of these rows already in the session would be stale now.
        for teacher_id in released:
            row = self.session.identity_map.get(self.session.identity_key(MethodistAssignment, teacher_id))
            if row is not None:
                self.session.expunge(row)
        return released

    async def methodists(self, municipality_id: int | None = None) -> list[MethodistRow]:
        """Methodists with their scope, subjects and number of teachers; with a municipality,
        those who can work there (its own and regional ones)."""
        load = (
            select(MethodistAssignment.methodist_id, func.count().label("n"))
            .group_by(MethodistAssignment.methodist_id)
            .subquery()
        )
        query = (
            select(User, UserRole.scope_municipality_id, func.coalesce(load.c.n, 0))
            .join(UserRole, and_(UserRole.user_id == User.id, UserRole.role == Role.METHODIST))
            .outerjoin(load, load.c.methodist_id == User.id)
            .order_by(User.full_name, User.id)
        )
        if municipality_id is not None:
            query = query.where(
                or_(
                    UserRole.scope_municipality_id.is_(None),
                    UserRole.scope_municipality_id == municipality_id,
                )
            )
        rows = (await self.session.execute(query)).all()
        subjects: dict[int, set[str]] = {}
        if rows:
            result = await self.session.execute(
                select(UserSubject.user_id, UserSubject.subject).where(
                    UserSubject.user_id.in_([user.id for user, _scope, _n in rows])
                )
            )
            for user_id, subject in result.all():
                subjects.setdefault(user_id, set()).add(subject)
        return [
            MethodistRow(user, scope, frozenset(subjects.get(user.id, ())), int(n)) for user, scope, n in rows
        ]

    async def teachers_of(self, methodist_id: int) -> list[User]:
        rows = await self.session.scalars(
            select(User)
            .join(MethodistAssignment, MethodistAssignment.teacher_id == User.id)
            .where(MethodistAssignment.methodist_id == methodist_id)
            .order_by(User.full_name, User.id)
        )
        return list(rows)

    async def unassigned_teachers(self, municipality_id: int | None) -> list[User]:
        """Registered people without a methodist (methodists themselves excluded)."""
        methodists = select(UserRole.user_id).where(UserRole.role == Role.METHODIST)
        query = (
            select(User)
            .outerjoin(MethodistAssignment, MethodistAssignment.teacher_id == User.id)
            .where(
                User.registered_at.is_not(None),
                MethodistAssignment.teacher_id.is_(None),
                User.id.not_in(methodists),
            )
            .order_by(User.id)
        )
        if municipality_id is not None:
            query = query.where(User.municipality_id == municipality_id)
        return list(await self.session.scalars(query))

    async def teacher_names(self, municipality_id: int | None) -> list[tuple[int, str]]:
        """(id, full name) of registered people, for a search by part of the name."""
        query = select(User.id, User.full_name).where(
            User.registered_at.is_not(None), User.full_name.is_not(None)
        )
        if municipality_id is not None:
            query = query.where(User.municipality_id == municipality_id)
        result = await self.session.execute(query.order_by(User.full_name, User.id))
        return [(user_id, name or "") for user_id, name in result.all()]

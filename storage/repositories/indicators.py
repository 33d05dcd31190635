"""The indicators report's data: one row per teacher of a scope as of a moment, and deficit counts.

Everything is aggregated in the database — a grouped statement per kind of fact (diagnoses, the
route, its steps, registrations, announcements, mentoring pairs), each read in user order and
joined here by id, never a query per teacher; see `benchmarks/indicators.py` for the figures.
Each moment in a row is the latest such moment *before* `end`; `bot.domain.indicators` decides
what falls within the period.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, String, and_, case, exists, func, or_, select, type_coerce
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.diagnostics import Level, StepForm
from bot.domain.indicators import (
    COMMUNITY_KINDS,
    CONTEST_KINDS,
    COURSE_KINDS,
    DIGEST_DEDUPE_PREFIX,
    INFORMING_BROADCASTS,
    DeficitCount,
    TeacherRow,
)
from bot.domain.mentoring import PairStatus
from bot.domain.roles import Role
from bot.domain.routes import StepStatus
from storage.models import (
    Broadcast,
    DiagnosisAttempt,
    DiagnosisResult,
    Event,
    EventRegistration,
    MentorPair,
    Municipality,
    OutboxMessage,
    Route,
    RouteStep,
    School,
    User,
    UserRole,
)


def _kinds(kinds: frozenset[Any]) -> list[str]:
    return sorted(str(k.value) for k in kinds)


# The moments of the big query are read as they are stored and parsed here: for 100,000 teachers ×
# 15 moments, SQLAlchemy's SQLite datetime processing (a regular expression per value, then the
# zone) was a third of the report's time; `fromisoformat` is done in C. PostgreSQL hands back
# aware datetimes already, which pass through untouched.
_RAW = String()


_parse = datetime.fromisoformat


def _moment(value: Any) -> Any:
    if type(value) is not str:
        return value
    if len(value) > 19 and value[-6] in "+-":  # with its offset
        return _parse(value)
    return _parse(value + "+00:00")  # SQLAlchemy stores UTC on SQLite without the zone


def _day(value: Any) -> Any:
    return date.fromisoformat(value) if type(value) is str else value


class IndicatorRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @staticmethod
    def _scope(municipality_id: int | None, school_id: int | None) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = []
        if municipality_id is not None:
            where.append(User.municipality_id == municipality_id)
        if school_id is not None:
            where.append(User.school_id == school_id)
        return where

    def _in_scope(
        self, column: Any, municipality_id: int | None, school_id: int | None
    ) -> list[ColumnElement[bool]]:
        """Restrict a subquery to the scope's people (nothing to add for the region)."""
        where = self._scope(municipality_id, school_id)
        return [column.in_(select(User.id).where(*where))] if where else []

    def _teachers(self, municipality_id: int | None, school_id: int | None, end: datetime) -> Select[Any]:
        return (
            select(User.id)
            .join(UserRole, and_(UserRole.user_id == User.id, UserRole.role == Role.TEACHER.value))
            .where(User.registered_at < end, *self._scope(municipality_id, school_id))
        )

    async def teacher_rows(
        self, *, municipality_id: int | None, school_id: int | None, end: datetime
    ) -> list[TeacherRow]:
        """Every teacher of the scope registered before `end`, with their facts before `end`."""
        m, s = municipality_id, school_id

        leveled = exists().where(
            DiagnosisResult.attempt_id == DiagnosisAttempt.id, DiagnosisResult.level.is_not(None)
        )
        diagnoses = (
            select(
                DiagnosisAttempt.user_id.label("uid"),
                func.max(DiagnosisAttempt.finished_at).label("diagnosed_at"),
                func.max(case((leveled, DiagnosisAttempt.finished_at))).label("recommended_at"),
            )
            .where(DiagnosisAttempt.finished_at < end, *self._in_scope(DiagnosisAttempt.user_id, m, s))
            .group_by(DiagnosisAttempt.user_id)
            .subquery("diagnoses")
        )

        latest_route = (
            select(Route.user_id.label("uid"), func.max(Route.id).label("route_id"))
            .where(Route.submitted_at < end, *self._in_scope(Route.user_id, m, s))
            .group_by(Route.user_id)
            .subquery("latest_route")
        )

        community, course = StepForm.COMMUNITY.value, StepForm.COURSE.value
        working = (StepStatus.IN_PROGRESS.value, StepStatus.DONE.value)
        is_community = and_(RouteStep.form == community, RouteStep.status.in_(working))
        steps = (
            select(
                Route.user_id.label("uid"),
                func.max(
                    case(
                        (and_(is_community, RouteStep.done_at < end), RouteStep.done_at),
                        (and_(is_community, RouteStep.started_at < end), RouteStep.started_at),
                    )
                ).label("community_step_at"),
                func.max(
                    case(
                        (
                            and_(
                                RouteStep.form == course,
                                RouteStep.status == StepStatus.DONE.value,
                                RouteStep.done_at < end,
                            ),
                            RouteStep.done_at,
                        )
                    )
                ).label("course_step_at"),
            )
            .join(Route, Route.id == RouteStep.route_id)
            .where(RouteStep.form.in_((community, course)), *self._in_scope(Route.user_id, m, s))
            .group_by(Route.user_id)
            .subquery("steps")
        )

        made = EventRegistration.created_at < end
        registrations = (
            select(
                EventRegistration.user_id.label("uid"),
                func.max(case((made, EventRegistration.created_at))).label("registered_at"),
                func.max(
                    case((and_(made, Event.kind.in_(_kinds(CONTEST_KINDS))), EventRegistration.created_at))
                ).label("contest_at"),
                func.max(
                    case((and_(made, Event.kind.in_(_kinds(COMMUNITY_KINDS))), EventRegistration.created_at))
                ).label("community_event_at"),
                func.max(
                    case(
                        (
                            and_(
                                Event.kind.in_(_kinds(COURSE_KINDS)),
                                EventRegistration.attended.is_(True),
                                Event.starts_at < end,
                            ),
                            Event.starts_at,
                        )
                    )
                ).label("course_event_at"),
            )
            .join(Event, Event.id == EventRegistration.event_id)
            .where(
                EventRegistration.status == "registered",
                Event.status != "cancelled",
                *self._in_scope(EventRegistration.user_id, m, s),
            )
            .group_by(EventRegistration.user_id)
            .subquery("registrations")
        )

        informing = or_(
            OutboxMessage.broadcast_id.in_(
                select(Broadcast.id).where(Broadcast.kind.in_(sorted(INFORMING_BROADCASTS)))
            ),
            OutboxMessage.dedupe.startswith(DIGEST_DEDUPE_PREFIX, autoescape=True),
        )
        informed = (
            select(OutboxMessage.user_id.label("uid"), func.max(OutboxMessage.sent_at).label("informed_at"))
            .where(
                OutboxMessage.status == "sent",
                OutboxMessage.sent_at < end,
                OutboxMessage.user_id.is_not(None),
                informing,
                *self._in_scope(OutboxMessage.user_id, m, s),
            )
            .group_by(OutboxMessage.user_id)
            .subquery("informed")
        )

        def pairs(side: Any, name: str) -> Any:
            return (
                select(
                    side.label("uid"),
                    func.max(case((MentorPair.ended_at.is_(None), 1), else_=0)).label("open"),
                    func.max(MentorPair.ended_at).label("ended_at"),
                )
                .where(
                    MentorPair.activated_at < end,
                    MentorPair.status != PairStatus.PROPOSED.value,
                    *self._in_scope(side, m, s),
                )
                .group_by(side)
                .subquery(name)
            )

        mentee = pairs(MentorPair.mentee_id, "as_mentee")
        mentor = pairs(MentorPair.mentor_id, "as_mentor")

        # Each part is read on its own, in user order, and joined here by id: SQLite would
        # otherwise materialise every part and build a temporary index on it for the join (a
        # third of the statement's time for a region).
        teachers = self._teachers(m, s, end).subquery("teachers")
        people = (
            select(
                User.id,
                User.tg_id,
                User.full_name,
                User.municipality_id,
                User.school_id,
                User.birth_year,
                User.experience_years,
                User.category,
                type_coerce(User.registered_at, _RAW),
            )
            .join(teachers, teachers.c.id == User.id)
            .order_by(User.id)
        )
        route = select(
            latest_route.c.uid,
            type_coerce(Route.submitted_at, _RAW),
            Route.attempt_id,
            type_coerce(Route.period_end, _RAW),
            type_coerce(Route.approved_at, _RAW),
            type_coerce(Route.completed_at, _RAW),
        ).join(Route, Route.id == latest_route.c.route_id)

        def raw(sub: Any) -> Select[Any]:
            return select(*(c if c.name in ("uid", "open") else type_coerce(c, _RAW) for c in sub.c))

        connection = await self.session.connection()

        async def by_id(query: Any) -> dict[int, Any]:
            rows = (await connection.execute(query)).all()  # fetched at once: much faster than row by row
            return {r[0]: r for r in rows}

        everyone = await by_id(people)
        d, rt, st = await by_id(raw(diagnoses)), await by_id(route), await by_id(raw(steps))
        rg, inf = await by_id(raw(registrations)), await by_id(raw(informed))
        me, mo = await by_id(raw(mentee)), await by_id(raw(mentor))
        m_ = _moment
        no3: tuple[None, ...] = (None, None, None)
        no6: tuple[None, ...] = (None,) * 6
        no5: tuple[None, ...] = (None,) * 5
        rows: list[TeacherRow] = []
        for p in everyone.values():
            uid = p[0]
            dd = d.get(uid, no3)
            rr = rt.get(uid, no6)
            ss = st.get(uid, no3)
            gg = rg.get(uid, no5)
            ii = inf.get(uid)
            ee = me.get(uid, no3)
            oo = mo.get(uid, no3)
            rows.append(
                TeacherRow(
                    uid,
                    p[1],
                    p[2],
                    p[3],
                    p[4],
                    p[5],
                    p[6],
                    p[7],
                    m_(p[8]),
                    m_(dd[1]),
                    m_(dd[2]),
                    m_(rr[1]),
                    rr[2] is not None,
                    _day(rr[3]),
                    m_(rr[4]),
                    m_(rr[5]),
                    m_(ss[1]),
                    m_(ss[2]),
                    m_(gg[1]),
                    m_(gg[2]),
                    m_(gg[3]),
                    m_(gg[4]),
                    m_(ii[1]) if ii is not None else None,
                    bool(ee[1]),
                    m_(ee[2]),
                    bool(oo[1]),
                    m_(oo[2]),
                )
            )
        return rows

    async def deficits(
        self,
        *,
        municipality_id: int | None,
        school_id: int | None,
        start: datetime,
        end: datetime,
        by_school: bool,
    ) -> list[DeficitCount]:
        """Per group (municipality, or school when `by_school`) and area: teachers whose latest
        attempt of a questionnaire finished within [start, end) rated the area, and how many of
        them have a high deficit there."""
        m, s = municipality_id, school_id
        latest = (
            select(func.max(DiagnosisAttempt.id).label("attempt_id"))
            .where(
                DiagnosisAttempt.finished_at >= start,
                DiagnosisAttempt.finished_at < end,
                *self._in_scope(DiagnosisAttempt.user_id, m, s),
            )
            .group_by(DiagnosisAttempt.user_id, DiagnosisAttempt.questionnaire_id)
            .subquery("latest")
        )
        group = User.school_id if by_school else User.municipality_id
        teachers = self._teachers(m, s, end).subquery("teachers")
        rows = await self.session.execute(
            select(
                group,
                DiagnosisResult.area,
                func.sum(case((DiagnosisResult.level == Level.HIGH.value, 1), else_=0)),
                func.count(),
            )
            .select_from(latest)
            .join(DiagnosisAttempt, DiagnosisAttempt.id == latest.c.attempt_id)
            .join(DiagnosisResult, DiagnosisResult.attempt_id == latest.c.attempt_id)
            .join(teachers, teachers.c.id == DiagnosisAttempt.user_id)
            .join(User, User.id == DiagnosisAttempt.user_id)
            .where(DiagnosisResult.level.is_not(None))
            .group_by(group, DiagnosisResult.area)
        )
        return [
            DeficitCount(group_id, area, int(high or 0), int(total or 0))
            for group_id, area, high, total in rows
        ]

    async def municipality_names(self) -> dict[int, str]:
        rows = await self.session.execute(
            select(Municipality.id, Municipality.name).order_by(Municipality.name, Municipality.id)
        )
        return dict(rows.all())

    async def school_names(self, municipality_id: int | None) -> dict[int, str]:
        """Short names where there are, ordered as a person reads them."""
        query = select(School.id, func.coalesce(School.short_name, School.name))
        if municipality_id is not None:
            query = query.where(School.municipality_id == municipality_id)
        rows = await self.session.execute(query.order_by(School.municipality_id, School.name, School.id))
        return dict(rows.all())


__all__: Sequence[str] = ["IndicatorRepo"]

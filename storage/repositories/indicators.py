"""The indicators report's data: the teachers of a scope as of a moment, as a table of columns
(`bot.domain.indicators.TeacherTable`), and deficit counts.

Everything is aggregated in the database — a grouped statement per kind of fact (diagnoses, the
route, its steps, registrations, announcements, mentoring pairs), never a query per teacher. Each
part is read whole, turned into columns and put in place by id with numpy (`searchsorted` on the
teachers' ids, read in id order): SQLite would otherwise materialise every part and build a
temporary index to join them, and a Python object per teacher and fact cost more than the SQL.
Covering indexes (migration 0007) let the big parts be read from the indexes alone. The parts
are read over two connections at once, and on SQLite each comes back packed as a JSON array per
column (see `_packs_columns`). Each moment is the latest such moment *before* `end`;
`bot.domain.indicators` decides what falls within the period. See `benchmarks/indicators.py` for
the figures.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import warnings
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Select,
    String,
    and_,
    case,
    cast,
    exists,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from bot.domain.diagnostics import Level, StepForm
from bot.domain.indicators import (
    COMMUNITY_KINDS,
    CONTEST_KINDS,
    COURSE_KINDS,
    DIGEST_DEDUPE_PREFIX,
    INFORMING_BROADCASTS,
    BoolArray,
    DeficitCount,
    MomentArray,
    TeacherTable,
    moment_array,
    number_array,
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


# The moments are read in a form numpy takes in C, column by column: for 100,000 teachers × 15
# moments, SQLAlchemy's SQLite datetime processing (a regular expression per value, then the zone)
# was a third of the report's time, and numpy converts datetime objects one by one, slowly. SQLite
# hands back its text as stored (UTC), parsed by numpy; PostgreSQL is asked for microseconds since
# the epoch, «never» being numpy's NaT itself. Anything else (a stored offset, another backend)
# goes value by value.
_RAW = String()
_NAT = int(np.iinfo(np.int64).min)  # numpy's NaT as an int64
_NAT_TEXT = "NaT"  # and as text: numpy parses a column of strings several times faster than one with None


def _stored_moment(column: Any, postgres: bool) -> Any:
    if postgres:
        micros = cast(func.extract("epoch", column) * 1_000_000, BigInteger)
        return func.coalesce(micros, _NAT)
    return func.coalesce(type_coerce(column, _RAW), _NAT_TEXT)


def _stored_day(column: Any, postgres: bool) -> Any:
    return column if postgres else type_coerce(column, _RAW)


def _moments(values: Sequence[Any]) -> MomentArray:
    if values and type(values[0]) is int:  # microseconds since the epoch
        return np.array(values, dtype=np.int64).view("datetime64[us]")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # numpy only warns about a zone, and then guesses
            return np.array(values, dtype="datetime64[us]")
    except (ValueError, TypeError, UserWarning, DeprecationWarning):
        return moment_array(_moment(v) for v in values)


def _moment(value: Any) -> datetime | None:
    if value == _NAT_TEXT:
        return None
    if value is None or isinstance(value, datetime):
        return value if value is None or value.tzinfo is not None else value.replace(tzinfo=UTC)
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)  # stored as UTC


# On SQLite each part comes back as one row: a JSON array per column, built by SQLite itself.
# Row by row, the sqlite3 module makes a tuple and a Python object per value while holding the
# interpreter — most of the report's time for 100,000 teachers, and it kept the deficit counts'
# connection waiting; `json.loads` builds the same values in C, several times faster. SQLite has
# JSON built in since 3.38; older ones, and PostgreSQL (asyncpg decodes rows fast), read rows.
PACK_AS_JSON = True


def _packs_columns(dialect: str) -> bool:
    return PACK_AS_JSON and dialect == "sqlite" and sqlite3.sqlite_version_info >= (3, 38)


async def _columns(connection: AsyncConnection, query: Select[Any], packed: bool) -> list[Sequence[Any]]:
    if packed:
        part = query.subquery()
        row = (await connection.execute(select(*(func.json_group_array(c) for c in part.c)))).one()
        return [tuple(json.loads(column)) for column in row]
    rows = (await connection.execute(query)).all()  # fetched at once: much faster than row by row
    return list(zip(*rows, strict=True)) if rows else [()] * len(query.selected_columns)


def _in_id_order(columns: list[Sequence[Any]]) -> list[Sequence[Any]]:
    """The people's columns by id, the first column (an aggregate need not keep a subquery's order)."""
    ids = np.array(columns[0], dtype=np.int64)
    if bool(np.all(ids[1:] > ids[:-1])):
        return columns
    order = np.argsort(ids, kind="stable").tolist()
    return [tuple(column[i] for i in order) for column in columns]


def _day(value: Any) -> Any:
    return date.fromisoformat(value) if type(value) is str else value


def _select(column: Sequence[Any], keep: BoolArray) -> list[Any]:
    return [v for v, kept in zip(column, keep.tolist(), strict=True) if kept]


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

    async def teacher_table(
        self, *, municipality_id: int | None, school_id: int | None, end: datetime
    ) -> TeacherTable:
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

        postgres = self.session.get_bind().dialect.name == "postgresql"

        def moment(column: Any) -> Any:
            return _stored_moment(column, postgres)

        is_teacher = exists().where(UserRole.user_id == User.id, UserRole.role == Role.TEACHER.value)
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
                moment(User.registered_at),
            )
            .where(User.registered_at < end, is_teacher, *self._scope(m, s))
            .order_by(User.id)  # read in the key's order: no sort (the role is a lookup per person)
        )
        route = select(
            latest_route.c.uid,
            moment(Route.submitted_at),
            Route.attempt_id,
            _stored_day(Route.period_end, postgres),
            moment(Route.approved_at),
            moment(Route.completed_at),
        ).join(Route, Route.id == latest_route.c.route_id)

        def raw(sub: Any) -> Select[Any]:
            return select(*(c if c.name in ("uid", "open") else moment(c) for c in sub.c))

        # Two halves of about the same SQL, read at once: the second takes diagnoses, steps and
        # announcements.
        (who, *mine), (diagnosed_part, steps_part, informed_part) = await self._read(
            [people, route, raw(registrations), raw(mentee), raw(mentor)],
            [raw(diagnoses), raw(steps), raw(informed)],
        )
        route_part, registrations_part, mentee_part, mentor_part = mine
        who = _in_id_order(who)
        ids = np.array(who[0], dtype=np.int64)
        n = len(ids)

        def facts(part: list[Sequence[Any]]) -> tuple[npt.NDArray[np.intp], list[Sequence[Any]]]:
            """A part's columns and where its teachers are in `ids` (its people not counted here,
            e.g. registered after the end, left out)."""
            uid, *values = part
            found = np.array(uid, dtype=np.int64)
            at = np.minimum(np.searchsorted(ids, found), max(n - 1, 0))
            keep = ids[at] == found if n else np.zeros(len(found), dtype=np.bool_)
            if keep.all():
                return at, values
            return at[keep], [_select(column, keep) for column in values]

        def moments(at: npt.NDArray[np.intp], column: Sequence[Any]) -> MomentArray:
            full = np.full(n, np.datetime64("NaT"), dtype="datetime64[us]")
            full[at] = _moments(column)
            return full

        def flags(at: npt.NDArray[np.intp], column: Sequence[Any]) -> BoolArray:
            full = np.zeros(n, dtype=np.bool_)
            full[at] = np.array([bool(v) for v in column], dtype=np.bool_)
            return full

        d_at, (diagnosed, recommended) = facts(diagnosed_part)
        r_at, (saved, attempt, ends, approved, completed) = facts(route_part)
        s_at, (community_step, course_step) = facts(steps_part)
        g_at, (registered, contest, community_event, course_event) = facts(registrations_part)
        i_at, (informed_at,) = facts(informed_part)
        e_at, (mentee_open, mentee_ended) = facts(mentee_part)
        o_at, (mentor_open, mentor_ended) = facts(mentor_part)
        route_ends = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
        route_ends[r_at] = np.array([_day(v) for v in ends], dtype="datetime64[D]")
        on_diagnosis = np.zeros(n, dtype=np.bool_)
        on_diagnosis[r_at] = np.array([v is not None for v in attempt], dtype=np.bool_)
        return TeacherTable(
            user_id=who[0],
            tg_id=who[1],
            full_name=who[2],
            municipality_id=who[3],
            school_id=who[4],
            birth_year=number_array(who[5]),
            experience_years=number_array(who[6]),
            category=who[7],
            registered_at=_moments(who[8]),
            diagnosed_at=moments(d_at, diagnosed),
            recommended_at=moments(d_at, recommended),
            route_saved_at=moments(r_at, saved),
            route_on_diagnosis=on_diagnosis,
            route_ends=route_ends,
            route_approved_at=moments(r_at, approved),
            route_completed_at=moments(r_at, completed),
            community_step_at=moments(s_at, community_step),
            course_step_at=moments(s_at, course_step),
            event_registered_at=moments(g_at, registered),
            contest_at=moments(g_at, contest),
            community_event_at=moments(g_at, community_event),
            course_event_at=moments(g_at, course_event),
            informed_at=moments(i_at, informed_at),
            mentee_open=flags(e_at, mentee_open),
            mentee_ended_at=moments(e_at, mentee_ended),
            mentor_open=flags(o_at, mentor_open),
            mentor_ended_at=moments(o_at, mentor_ended),
        )

    async def _read(
        self, first: list[Select[Any]], second: list[Select[Any]]
    ) -> tuple[list[list[Sequence[Any]]], list[list[Sequence[Any]]]]:
        """Each part's columns, the two lists read over two connections at once: the database works
        on both (PostgreSQL in two server processes; SQLite without holding the interpreter, as its
        parts come packed — row by row they would keep each other waiting, so unpacked ones go one
        after another). Each connection reads its own snapshot, as the deficit counts do: a fact
        written between the two reads may or may not be counted, as in any report built while
        people work, and one of a teacher the first read did not see is left out."""
        connection = await self.session.connection()
        packed = _packs_columns(connection.dialect.name)
        bind = self.session.bind

        async def read(on: AsyncConnection, queries: list[Select[Any]]) -> list[list[Sequence[Any]]]:
            return [await _columns(on, query, packed) for query in queries]

        alone = connection.dialect.name == "sqlite" and not packed
        if alone or not isinstance(bind, AsyncEngine):  # (or a session bound to one connection)
            return await read(connection, first), await read(connection, second)
        async with bind.connect() as other:
            return await asyncio.gather(read(connection, first), read(other, second))

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

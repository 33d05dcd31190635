"""`IndicatorRepo`: the teachers' table, the deficit counts and the names of a report."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import numpy as np
from sqlalchemy import (
    Select,
    case,
    func,
    select,
)
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from bot.domain.contests import RecordStatus
from bot.domain.diagnostics import Level
from bot.domain.indicators import (
    DeficitCount,
    TeacherTable,
    moment_array,
)
from storage.models import (
    ContestResultRow,
    DiagnosisAttempt,
    DiagnosisResult,
    ExternalContest,
    Municipality,
    School,
    User,
)
from storage.repositories.contests import ContestRepo
from storage.repositories.indicators.columns import _columns, _packs_columns, assemble
from storage.repositories.indicators.parts import _in_scope, teacher_ids, teacher_parts


class IndicatorRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def teacher_table(
        self, *, municipality_id: int | None, school_id: int | None, end: datetime
    ) -> TeacherTable:
        """Every teacher of the scope registered before `end`, with their facts before `end`."""
        postgres = self.session.get_bind().dialect.name == "postgresql"
        first, second = teacher_parts(municipality_id, school_id, end, postgres=postgres)
        table = assemble(*await self._read(first, second))
        return await self._with_contest_results(table, municipality_id, school_id, end)

    async def _with_contest_results(
        self, table: TeacherTable, municipality_id: int | None, school_id: int | None, end: datetime
    ) -> TeacherTable:
        """Part 11: a contest counts not only as a registration in the bot but as a result in a
        contest of the bot (when it was recorded) and as a contest held elsewhere confirmed by the
        methodist before `end` (the day it was held): `contest_at` is the latest of them."""
        m, s = municipality_id, school_id
        results = (
            select(ContestResultRow.user_id, func.max(ContestResultRow.recorded_at))
            .where(ContestResultRow.recorded_at < end, *_in_scope(ContestResultRow.user_id, m, s))
            .group_by(ContestResultRow.user_id)
        )
        externals = (
            select(ExternalContest.user_id, func.max(ExternalContest.held_on))
            .where(
                ExternalContest.status == RecordStatus.CONFIRMED,
                ExternalContest.reviewed_at < end,
                ExternalContest.held_on < end.date(),
                *_in_scope(ExternalContest.user_id, m, s),
            )
            .group_by(ExternalContest.user_id)
        )
        found: dict[int, datetime] = {}
        for uid, at in (await self.session.execute(results)).all():
            found[uid] = at if at.tzinfo is not None else at.replace(tzinfo=UTC)
        for uid, held in (await self.session.execute(externals)).all():
            day = held if isinstance(held, date) else date.fromisoformat(str(held))
            moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
            if moment < end:  # (the latest one is after the period: an earlier one is not seen here)
                found[uid] = max(found.get(uid, moment), moment)
        if not found:
            return table
        ids = np.asarray(table.user_id, dtype=np.int64)
        extra = np.full(len(ids), np.datetime64("NaT"), dtype="datetime64[us]")
        where = {uid: i for i, uid in enumerate(ids.tolist())}
        for uid, moment in found.items():
            if uid in where:
                extra[where[uid]] = moment_array([moment])[0]
        return table._replace(contest_at=np.fmax(table.contest_at, extra))

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
                *_in_scope(DiagnosisAttempt.user_id, m, s),
            )
            .group_by(DiagnosisAttempt.user_id, DiagnosisAttempt.questionnaire_id)
            .subquery("latest")
        )
        group = User.school_id if by_school else User.municipality_id
        teachers = teacher_ids(m, s, end).subquery("teachers")
        rows = await self.session.execute(
            select(
                group,
                DiagnosisResult.area,
                func.sum(case((DiagnosisResult.level == Level.HIGH, 1), else_=0)),
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

    async def deficits_aside(
        self,
        *,
        municipality_id: int | None,
        school_id: int | None,
        start: datetime,
        end: datetime,
        by_school: bool,
    ) -> list[DeficitCount]:
        """`deficits` on a session of its own, so that the database computes them while this one
        reads the teachers' rows (SQLite releases the interpreter while it works)."""
        m, s, by = municipality_id, school_id, by_school
        bind = self.session.bind
        if not isinstance(bind, AsyncEngine):  # a session bound to one connection: in turn
            return await self.deficits(municipality_id=m, school_id=s, start=start, end=end, by_school=by)
        async with AsyncSession(bind) as session:
            aside = IndicatorRepo(session)
            return await aside.deficits(municipality_id=m, school_id=s, start=start, end=end, by_school=by)

    async def target_groups(self, user_ids: Sequence[int]) -> dict[int, set[str]]:
        """Part 11: each teacher's target groups (confirmed marks, a ШНОР school)."""
        return await ContestRepo(self.session).groups(user_ids)

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

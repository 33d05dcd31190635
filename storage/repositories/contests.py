"""Contests with results, contests held elsewhere, target groups (part 11): their SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.contests import ContestResult, RecordStatus, Reviewer, TargetGroup
from bot.domain.events import RegistrationStatus
from bot.domain.mentoring import HOLDING
from storage.models import (
    ContestMaterial,
    ContestResultRow,
    ContestStage,
    Event,
    EventRegistration,
    ExternalContest,
    MentorPair,
    MethodistAssignment,
    School,
    TargetGroupMark,
    User,
)


def _reviewable(column: Any, reviewer: Reviewer) -> ColumnElement[bool]:
    """The people `reviewer` may confirm for, as a condition on a user id column."""
    if reviewer.everyone:
        everyone: ColumnElement[bool] = column.is_not(None)
        return everyone
    who: list[ColumnElement[bool]] = []
    if reviewer.teachers:
        who.append(column.in_(sorted(reviewer.teachers)))
    if reviewer.municipality is not None:
        who.append(column.in_(select(User.id).where(User.municipality_id == reviewer.municipality)))
    return or_(*who) if who else column.is_(None)


class ContestRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _insert(self) -> Any:
        bind = self.session.bind
        return pg_insert if bind is not None and bind.dialect.name == "postgresql" else sqlite_insert

    # --- stages and materials

    async def stages(self, event_id: int) -> list[ContestStage]:
        query = select(ContestStage).where(ContestStage.event_id == event_id)
        return list(await self.session.scalars(query.order_by(ContestStage.starts_on, ContestStage.id)))

    async def add_stage(self, **fields: Any) -> ContestStage:
        stage = ContestStage(**fields)
        self.session.add(stage)
        await self.session.flush()
        return stage

    async def drop_stage(self, event_id: int, stage_id: int) -> bool:
        result = await self.session.execute(
            delete(ContestStage).where(ContestStage.id == stage_id, ContestStage.event_id == event_id)
        )
        return bool(getattr(result, "rowcount", 0))

    async def materials(self, event_id: int, user_id: int) -> list[ContestMaterial]:
        query = select(ContestMaterial).where(
            ContestMaterial.event_id == event_id, ContestMaterial.user_id == user_id
        )
        return list(await self.session.scalars(query.order_by(ContestMaterial.id)))

    async def add_material(self, **fields: Any) -> ContestMaterial:
        material = ContestMaterial(**fields)
        self.session.add(material)
        await self.session.flush()
        return material

    async def material_counts(self, event_id: int) -> dict[int, int]:
        query = (
            select(ContestMaterial.user_id, func.count())
            .where(ContestMaterial.event_id == event_id)
            .group_by(ContestMaterial.user_id)
        )
        return {uid: n for uid, n in (await self.session.execute(query)).all()}

    # --- participants and results

    async def participants(self, event_id: int) -> list[tuple[EventRegistration, User, str]]:
        """Those registered (not waiting, not cancelled), by name, with their school's name."""
        query = (
            select(EventRegistration, User, func.coalesce(School.short_name, School.name, ""))
            .join(User, User.id == EventRegistration.user_id)
            .outerjoin(School, School.id == User.school_id)
            .where(
                EventRegistration.event_id == event_id,
                EventRegistration.status == RegistrationStatus.REGISTERED,
            )
            .order_by(User.full_name, User.id)
        )
        return [(r, u, s) for r, u, s in (await self.session.execute(query)).all()]

    async def results(self, event_id: int) -> dict[int, ContestResult]:
        query = select(ContestResultRow.user_id, ContestResultRow.result).where(
            ContestResultRow.event_id == event_id
        )
        return {uid: ContestResult(r) for uid, r in (await self.session.execute(query)).all()}

    async def set_result(
        self, event_id: int, user_id: int, result: ContestResult, by: int | None, now: datetime
    ) -> bool:
        """Insert or change one result; False when it already was exactly that (nothing changed).
        One statement: two staff members saving at once leave one row."""
        insert = self._insert()
        statement = insert(ContestResultRow).values(
            event_id=event_id, user_id=user_id, result=result.value, recorded_at=now, recorded_by_id=by
        )
        statement = statement.on_conflict_do_update(
            index_elements=["event_id", "user_id"],
            set_={"result": result.value, "recorded_at": now, "recorded_by_id": by},
            where=ContestResultRow.result != result.value,
        )
        outcome = await self.session.execute(statement)
        return bool(getattr(outcome, "rowcount", 0))

    async def results_of(self, user_id: int) -> list[tuple[ContestResultRow, Event]]:
        query = (
            select(ContestResultRow, Event)
            .join(Event, Event.id == ContestResultRow.event_id)
            .where(ContestResultRow.user_id == user_id)
            .order_by(ContestResultRow.recorded_at.desc())
        )
        return [(r, e) for r, e in (await self.session.execute(query)).all()]

    # --- who accompanies a teacher

    async def methodist_of(self, teacher_id: int) -> User | None:
        query = (
            select(User)
            .join(MethodistAssignment, MethodistAssignment.methodist_id == User.id)
            .where(MethodistAssignment.teacher_id == teacher_id)
        )
        return (await self.session.scalars(query)).first()

    async def mentor_of(self, teacher_id: int) -> User | None:
        query = (
            select(User)
            .join(MentorPair, MentorPair.mentor_id == User.id)
            .where(MentorPair.mentee_id == teacher_id, MentorPair.status.in_(sorted(HOLDING)))
        )
        return (await self.session.scalars(query)).first()

    async def teachers_of(self, methodist_id: int) -> frozenset[int]:
        query = select(MethodistAssignment.teacher_id).where(MethodistAssignment.methodist_id == methodist_id)
        return frozenset(await self.session.scalars(query))

    # --- contests held elsewhere

    async def add_external(self, **fields: Any) -> ExternalContest:
        record = ExternalContest(**fields)
        self.session.add(record)
        await self.session.flush()
        return record

    async def external(self, record_id: int) -> ExternalContest | None:
        return await self.session.get(ExternalContest, record_id)

    async def externals_of(self, user_id: int) -> list[ExternalContest]:
        query = select(ExternalContest).where(ExternalContest.user_id == user_id)
        return list(await self.session.scalars(query.order_by(ExternalContest.held_on.desc())))

    async def pending_externals(
        self, reviewer: Reviewer, limit: int = 30
    ) -> list[tuple[ExternalContest, User]]:
        query = (
            select(ExternalContest, User)
            .join(User, User.id == ExternalContest.user_id)
            .where(
                ExternalContest.status == RecordStatus.PENDING, _reviewable(ExternalContest.user_id, reviewer)
            )
            .order_by(ExternalContest.id)
            .limit(limit)
        )
        return [(r, u) for r, u in (await self.session.execute(query)).all()]

    async def review_external(self, record_id: int, status: RecordStatus, by: int, now: datetime) -> bool:
        """Pending → confirmed or rejected, once: a second tap (or a second reviewer) changes nothing."""
        outcome = await self.session.execute(
            update(ExternalContest)
            .where(ExternalContest.id == record_id, ExternalContest.status == RecordStatus.PENDING)
            .values(status=status.value, reviewed_at=now, reviewed_by_id=by)
        )
        return bool(getattr(outcome, "rowcount", 0))

    # --- target groups

    async def marks_of(self, user_id: int) -> dict[TargetGroup, RecordStatus]:
        query = select(TargetGroupMark.group, TargetGroupMark.status).where(
            TargetGroupMark.user_id == user_id
        )
        return {TargetGroup(g): RecordStatus(s) for g, s in (await self.session.execute(query)).all()}

    async def mark(self, user_id: int, group: TargetGroup) -> None:
        statement = self._insert()(TargetGroupMark).values(
            user_id=user_id, group=group.value, status=RecordStatus.PENDING.value
        )
        await self.session.execute(statement.on_conflict_do_nothing())

    async def unmark(self, user_id: int, group: TargetGroup) -> None:
        await self.session.execute(
            delete(TargetGroupMark).where(TargetGroupMark.user_id == user_id, TargetGroupMark.group == group)
        )

    async def mark_by_id(self, mark_id: int) -> TargetGroupMark | None:
        return await self.session.get(TargetGroupMark, mark_id)

    async def pending_marks(self, reviewer: Reviewer, limit: int = 30) -> list[tuple[TargetGroupMark, User]]:
        query = (
            select(TargetGroupMark, User)
            .join(User, User.id == TargetGroupMark.user_id)
            .where(
                TargetGroupMark.status == RecordStatus.PENDING, _reviewable(TargetGroupMark.user_id, reviewer)
            )
            .order_by(TargetGroupMark.id)
            .limit(limit)
        )
        return [(m, u) for m, u in (await self.session.execute(query)).all()]

    async def review_mark(self, mark_id: int, status: RecordStatus, by: int, now: datetime) -> bool:
        outcome = await self.session.execute(
            update(TargetGroupMark)
            .where(TargetGroupMark.id == mark_id, TargetGroupMark.status == RecordStatus.PENDING)
            .values(status=status.value, reviewed_at=now, reviewed_by_id=by)
        )
        return bool(getattr(outcome, "rowcount", 0))

    async def school_is_shnor(self, school_id: int | None) -> bool:
        if school_id is None:
            return False
        return bool(await self.session.scalar(select(School.shnor).where(School.id == school_id)))

    async def groups(self, user_ids: Sequence[int] | None = None) -> dict[int, set[str]]:
        """Each person's target groups: confirmed marks, and ШНОР for a teacher of a flagged school.
        `user_ids` None: everyone who is in any group."""
        found: dict[int, set[str]] = {}
        chunks: list[Sequence[int] | None] = (
            [None] if user_ids is None else [user_ids[i : i + 5000] for i in range(0, len(user_ids), 5000)]
        )
        for chunk in chunks:
            marks = select(TargetGroupMark.user_id, TargetGroupMark.group).where(
                TargetGroupMark.status == RecordStatus.CONFIRMED
            )
            flagged = select(User.id).join(School, School.id == User.school_id).where(School.shnor.is_(True))
            if chunk is not None:
                marks = marks.where(TargetGroupMark.user_id.in_(list(chunk)))
                flagged = flagged.where(User.id.in_(list(chunk)))
            for uid, group in (await self.session.execute(marks)).all():
                found.setdefault(uid, set()).add(str(group))
            for uid in await self.session.scalars(flagged):
                found.setdefault(uid, set()).add(TargetGroup.SHNOR.value)
        return found

    async def contest_moments(self, end: datetime) -> list[tuple[int, datetime]]:
        """(teacher, moment) of every contest fact before `end`: a result in a contest of the bot
        (when it was recorded) and a confirmed contest held elsewhere (the day it was held)."""
        results = select(ContestResultRow.user_id, ContestResultRow.recorded_at).where(
            ContestResultRow.recorded_at < end
        )
        rows = [(uid, at) for uid, at in (await self.session.execute(results)).all()]
        externals = select(ExternalContest.user_id, ExternalContest.held_on).where(
            and_(ExternalContest.status == RecordStatus.CONFIRMED, ExternalContest.reviewed_at < end)
        )
        for uid, held in (await self.session.execute(externals)).all():
            rows.append((uid, datetime(held.year, held.month, held.day, tzinfo=end.tzinfo)))
        return rows

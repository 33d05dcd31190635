"""Consultations as staff and the scheduler see them: the service level's claims (a reminder, an
escalation — each a conditional UPDATE, so of several processes one wins), the staff's counts and
lists within a scope, the methodists who may take a question with their open load, reassigning,
and the report's rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import ColumnElement

from bot.domain.consult import ConsultTopic, QuestionStatus, Side
from bot.domain.roles import Role
from storage.models import ConsultMessage, ConsultQuestion, Municipality, User, UserRole

OPEN = QuestionStatus.OPEN.value
Q = ConsultQuestion


@dataclass(frozen=True, slots=True)
class QuestionRow:
    """A question with what its screens and notices name: the teacher, the methodist, the place."""

    question: ConsultQuestion
    teacher: str | None
    methodist: str | None
    municipality: str | None
    timezone: str | None


@dataclass(frozen=True, slots=True)
class MethodistLoad:
    user_id: int
    name: str | None
    scope_municipality_id: int | None
    open: int  # open questions they hold now


@dataclass(frozen=True, slots=True)
class Counts:
    open: int
    overdue: int
    unrouted: int


@dataclass(frozen=True, slots=True)
class ReportRow:
    id: int
    topic: ConsultTopic
    subject: str | None
    municipality: str | None
    timezone: str | None
    status: QuestionStatus
    created_at: datetime
    first_answer_at: datetime | None
    closed_at: datetime | None
    rating: int | None


def _in_scope(scope: int | None) -> ColumnElement[bool]:
    return Q.municipality_id == scope if scope is not None else Q.id.is_not(None)


def _overdue(now: datetime) -> ColumnElement[bool]:
    return and_(Q.methodist_id.is_not(None), Q.first_answer_at.is_(None), Q.due_at <= now)


def _attention(now: datetime) -> ColumnElement[bool]:
    return and_(Q.status == OPEN, or_(Q.methodist_id.is_(None), _overdue(now)))


def _held_by(methodist_id: int | None) -> ColumnElement[bool]:
    return Q.methodist_id.is_(None) if methodist_id is None else Q.methodist_id == methodist_id


class ConsultStaffRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _rows(self, query: object) -> list[QuestionRow]:
        teacher, methodist = User.__table__.alias("t"), User.__table__.alias("m")
        stmt = (
            select(Q, teacher.c.full_name, methodist.c.full_name, Municipality.name, Municipality.timezone)
            .join(teacher, teacher.c.id == Q.teacher_id)
            .outerjoin(methodist, methodist.c.id == Q.methodist_id)
            .outerjoin(Municipality, Municipality.id == Q.municipality_id)
            .where(Q.id.in_(query))  # type: ignore[arg-type]
            .order_by(Q.methodist_id.is_not(None), Q.due_at, Q.id)
        )
        result = await self.session.execute(stmt)
        return [QuestionRow(q, t, m, place, zone) for q, t, m, place, zone in result.all()]

    # --- the service level's jobs -------------------------------------------------------------

    async def reminder_candidates(self, now: datetime, horizon: datetime) -> list[QuestionRow]:
        """Open, routed, unanswered, not reminded, the deadline ahead but before `horizon`."""
        ids = select(Q.id).where(
            Q.status == OPEN,
            Q.methodist_id.is_not(None),
            Q.first_answer_at.is_(None),
            Q.reminded_at.is_(None),
            Q.due_at > now,
            Q.due_at <= horizon,
        )
        return await self._rows(ids)

    async def claim_reminders(self, question_ids: list[int], now: datetime) -> dict[int, int]:
        """Mark the reminder sent for those of `question_ids` nobody reminded yet and still waiting
        for the first answer before the deadline — one statement; of two processes, one gets each.
        Returns {question id: its methodist} claimed."""
        if not question_ids:
            return {}
        result = await self.session.execute(
            update(Q)
            .where(
                Q.id.in_(question_ids),
                Q.status == OPEN,
                Q.methodist_id.is_not(None),
                Q.first_answer_at.is_(None),
                Q.reminded_at.is_(None),
                Q.due_at > now,
            )
            .values(reminded_at=now)
            .returning(Q.id, Q.methodist_id)
            .execution_options(synchronize_session=False)
        )
        return {qid: mid for qid, mid in result.all() if mid is not None}

    async def escalation_candidates(self, now: datetime) -> list[QuestionRow]:
        """Open questions staff have not been told of: without a methodist, or overdue."""
        ids = select(Q.id).where(_attention(now), Q.escalated_at.is_(None))
        return await self._rows(ids)

    async def claim_escalations(
        self, question_ids: list[int], now: datetime
    ) -> dict[int, tuple[int | None, datetime | None]]:
        """Mark staff told of those of `question_ids` nobody told yet and still needing it (open, and
        unrouted or overdue now) — one statement; of two processes, one gets each. Returns
        {question id: (its methodist, its deadline)} claimed, as they are now."""
        if not question_ids:
            return {}
        result = await self.session.execute(
            update(Q)
            .where(Q.id.in_(question_ids), _attention(now), Q.escalated_at.is_(None))
            .values(escalated_at=now)
            .returning(Q.id, Q.methodist_id, Q.due_at)
            .execution_options(synchronize_session=False)
        )
        return {qid: (mid, due) for qid, mid, due in result.all()}

    async def staff_for(self, municipality_id: int | None) -> list[User]:
        """Staff who answer for this municipality: its own service and the regional centre."""
        covers: ColumnElement[bool] = UserRole.scope_municipality_id.is_(None)
        if municipality_id is not None:
            covers = or_(covers, UserRole.scope_municipality_id == municipality_id)
        query = (
            select(User)
            .join(UserRole, and_(UserRole.user_id == User.id, UserRole.role == Role.STAFF))
            .where(covers)
            .order_by(User.id)
        )
        return list(await self.session.scalars(query))

    # --- the staff's screen -------------------------------------------------------------------

    async def counts(self, scope: int | None, now: datetime) -> Counts:
        row = (
            await self.session.execute(
                select(
                    func.count(),
                    func.coalesce(func.sum(case((_overdue(now), 1), else_=0)), 0),
                    func.coalesce(func.sum(case((Q.methodist_id.is_(None), 1), else_=0)), 0),
                ).where(Q.status == OPEN, _in_scope(scope))
            )
        ).one()
        return Counts(int(row[0]), int(row[1]), int(row[2]))

    async def attention(self, scope: int | None, now: datetime, offset: int, limit: int) -> list[QuestionRow]:
        """Unrouted questions first, then overdue ones by their deadline."""
        ids = (
            select(Q.id)
            .where(_attention(now), _in_scope(scope))
            .order_by(Q.methodist_id.is_not(None), Q.due_at, Q.id)
            .offset(offset)
            .limit(limit)
        )
        return await self._rows(ids)

    async def question(self, question_id: int) -> QuestionRow | None:
        found = await self._rows(select(Q.id).where(Q.id == question_id))
        return found[0] if found else None

    async def first_text(self, question_id: int) -> str | None:
        """The question as the teacher first put it (None: a file without a caption)."""
        return await self.session.scalar(
            select(ConsultMessage.text)
            .where(ConsultMessage.question_id == question_id, ConsultMessage.side == Side.TEACHER)
            .order_by(ConsultMessage.id)
            .limit(1)
        )

    async def methodists_for(self, municipality_id: int | None) -> list[MethodistLoad]:
        """Methodists whose role covers the municipality (its own and regional ones), least loaded
        first: each with the open questions they hold."""
        load = (
            select(Q.methodist_id.label("mid"), func.count().label("n"))
            .where(Q.status == OPEN, Q.methodist_id.is_not(None))
            .group_by(Q.methodist_id)
            .subquery()
        )
        covers: ColumnElement[bool] = UserRole.scope_municipality_id.is_(None)
        if municipality_id is not None:
            covers = or_(covers, UserRole.scope_municipality_id == municipality_id)
        n = func.coalesce(load.c.n, 0)
        query = (
            select(User.id, User.full_name, UserRole.scope_municipality_id, n)
            .join(UserRole, and_(UserRole.user_id == User.id, UserRole.role == Role.METHODIST))
            .outerjoin(load, load.c.mid == User.id)
            .where(covers)
            .order_by(n, User.full_name, User.id)
        )
        return [
            MethodistLoad(i, name, scope, int(count))
            for i, name, scope, count in await self.session.execute(query)
        ]

    async def reassign(
        self, question_id: int, from_id: int | None, to_id: int, due_at: datetime, now: datetime
    ) -> bool:
        """Move an open question from `from_id` (None: nobody) to `to_id` with a new deadline; the
        reminder and the escalation start afresh. False: closed or moved by someone else meanwhile."""
        result = await self.session.execute(
            update(Q)
            .where(Q.id == question_id, Q.status == OPEN, _held_by(from_id))
            .values(
                methodist_id=to_id, due_at=due_at, reminded_at=None, escalated_at=None, last_activity_at=now
            )
            .execution_options(synchronize_session=False)
        )
        return _count(result) == 1

    # --- the report ---------------------------------------------------------------------------

    async def report_rows(self, scope: int | None, since: datetime) -> list[ReportRow]:
        query = (
            select(
                Q.id,
                Q.topic,
                Q.subject,
                Municipality.name,
                Municipality.timezone,
                Q.status,
                Q.created_at,
                Q.first_answer_at,
                Q.closed_at,
                Q.rating,
            )
            .outerjoin(Municipality, Municipality.id == Q.municipality_id)
            .where(Q.created_at >= since, _in_scope(scope))
            .order_by(Q.created_at, Q.id)
        )
        return [
            ReportRow(
                id=r[0],
                topic=r[1],
                subject=r[2],
                municipality=r[3],
                timezone=r[4],
                status=r[5],
                created_at=r[6],
                first_answer_at=r[7],
                closed_at=r[8],
                rating=r[9],
            )
            for r in await self.session.execute(query)
        ]


def _count(result: object) -> int:
    assert isinstance(result, CursorResult)
    return int(result.rowcount)

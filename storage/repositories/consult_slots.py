"""Consultation slots: publishing, the lists each side sees, and every change of a slot as one
conditional update (booking, freeing, cancelling, the outcome, the reminders, counting it in a
route) — the statement's row count says whether this call made the change."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Update, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.consult_slots import Outcome, SlotStatus
from bot.domain.roles import Role
from storage.models import ConsultSlot, MethodistAssignment, User, UserRole, UserSubject


class ConsultSlotRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, **fields: Any) -> ConsultSlot:
        slot = ConsultSlot(**fields)
        self.session.add(slot)
        await self.session.flush()
        return slot

    async def slot(self, slot_id: int, *, fresh: bool = False) -> ConsultSlot | None:
        return await self.session.get(ConsultSlot, slot_id, populate_existing=fresh)

    async def _changed(self, statement: Update, slot_id: int) -> bool:
        result = await self.session.execute(statement.execution_options(synchronize_session=False))
        changed = int(getattr(result, "rowcount", 0) or 0) == 1
        if changed:
            await self.session.get(ConsultSlot, slot_id, populate_existing=True)
        return changed

    # --- the methodist's side ----------------------------------------------------------------------

    async def of_methodist(self, methodist_id: int, since: datetime, limit: int = 40) -> list[ConsultSlot]:
        """Open and booked slots from `since` on, soonest first."""
        rows = await self.session.scalars(
            select(ConsultSlot)
            .where(
                ConsultSlot.methodist_id == methodist_id,
                ConsultSlot.status != SlotStatus.CANCELLED,
                ConsultSlot.starts_at >= since,
            )
            .order_by(ConsultSlot.starts_at, ConsultSlot.id)
            .limit(limit)
        )
        return list(rows)

    async def to_mark(self, methodist_id: int, ended_before: datetime, limit: int = 20) -> list[ConsultSlot]:
        """Booked slots whose time has passed and whose outcome is not marked yet, oldest first."""
        ends = ConsultSlot.starts_at  # compared with the end in Python: minutes differ per slot
        rows = await self.session.scalars(
            select(ConsultSlot)
            .where(
                ConsultSlot.methodist_id == methodist_id,
                ConsultSlot.status == SlotStatus.BOOKED,
                ConsultSlot.outcome.is_(None),
                ends < ended_before,
            )
            .order_by(ConsultSlot.starts_at, ConsultSlot.id)
            .limit(limit)
        )
        return list(rows)

    async def busy(self, methodist_id: int, start: datetime, end: datetime) -> list[ConsultSlot]:
        """The methodist's slots (not cancelled) starting within [start, end)."""
        rows = await self.session.scalars(
            select(ConsultSlot).where(
                ConsultSlot.methodist_id == methodist_id,
                ConsultSlot.status != SlotStatus.CANCELLED,
                ConsultSlot.starts_at >= start,
                ConsultSlot.starts_at < end,
            )
        )
        return list(rows)

    async def cancel(self, slot_id: int, methodist_id: int, now: datetime) -> bool:
        """The methodist withdraws a slot that has not started (free or booked)."""
        return await self._changed(
            update(ConsultSlot)
            .where(
                ConsultSlot.id == slot_id,
                ConsultSlot.methodist_id == methodist_id,
                ConsultSlot.status.in_([SlotStatus.OPEN, SlotStatus.BOOKED]),
                ConsultSlot.starts_at > now,
            )
            .values(status=SlotStatus.CANCELLED, cancelled_at=now),
            slot_id,
        )

    async def mark(self, slot_id: int, methodist_id: int, outcome: Outcome, now: datetime) -> bool:
        """«Состоялась» / «не состоялась», once, for a booked slot that has started."""
        return await self._changed(
            update(ConsultSlot)
            .where(
                ConsultSlot.id == slot_id,
                ConsultSlot.methodist_id == methodist_id,
                ConsultSlot.status == SlotStatus.BOOKED,
                ConsultSlot.outcome.is_(None),
                ConsultSlot.starts_at <= now,
            )
            .values(outcome=outcome, outcome_at=now),
            slot_id,
        )

    # --- the teacher's side ---------------------------------------------------------------------------

    async def methodist_of(self, teacher_id: int) -> int | None:
        """Part 3's assignment, read only (choosing one is the route's business)."""
        row = await self.session.get(MethodistAssignment, teacher_id)
        return row.methodist_id if row is not None else None

    async def methodists(self, municipality_id: int | None) -> list[tuple[int, int | None, frozenset[str]]]:
        """(id, scope, subjects) of the methodists who may work in `municipality_id`."""
        query = select(UserRole.user_id, UserRole.scope_municipality_id).where(
            UserRole.role == Role.METHODIST
        )
        if municipality_id is not None:
            query = query.where(
                or_(
                    UserRole.scope_municipality_id.is_(None),
                    UserRole.scope_municipality_id == municipality_id,
                )
            )
        else:
            query = query.where(UserRole.scope_municipality_id.is_(None))
        rows = (await self.session.execute(query)).all()
        subjects: dict[int, set[str]] = {}
        if rows:
            found = await self.session.execute(
                select(UserSubject.user_id, UserSubject.subject).where(
                    UserSubject.user_id.in_([user_id for user_id, _scope in rows])
                )
            )
            for user_id, subject in found.all():
                subjects.setdefault(user_id, set()).add(subject)
        return [(user_id, scope, frozenset(subjects.get(user_id, ()))) for user_id, scope in rows]

    async def free(self, methodist_ids: Sequence[int], after: datetime, limit: int) -> list[ConsultSlot]:
        if not methodist_ids:
            return []
        rows = await self.session.scalars(
            select(ConsultSlot)
            .where(
                ConsultSlot.methodist_id.in_(list(methodist_ids)),
                ConsultSlot.status == SlotStatus.OPEN,
                ConsultSlot.starts_at > after,
            )
            .order_by(ConsultSlot.starts_at, ConsultSlot.id)
            .limit(limit)
        )
        return list(rows)

    async def booked_by(self, teacher_id: int, since: datetime, limit: int = 20) -> list[ConsultSlot]:
        """The teacher's bookings: upcoming, and past ones from `since` on, soonest first."""
        rows = await self.session.scalars(
            select(ConsultSlot)
            .where(
                ConsultSlot.teacher_id == teacher_id,
                ConsultSlot.status == SlotStatus.BOOKED,
                ConsultSlot.starts_at >= since,
            )
            .order_by(ConsultSlot.starts_at, ConsultSlot.id)
            .limit(limit)
        )
        return list(rows)

    async def upcoming_count(self, teacher_id: int, now: datetime) -> int:
        count = await self.session.scalar(
            select(func.count())
            .select_from(ConsultSlot)
            .where(
                ConsultSlot.teacher_id == teacher_id,
                ConsultSlot.status == SlotStatus.BOOKED,
                ConsultSlot.starts_at > now,
            )
        )
        return int(count or 0)

    async def book(self, slot_id: int, teacher_id: int, now: datetime) -> bool:
        """Take a free slot that has not started: one statement, so of two taps (one person's or
        two people's) exactly one succeeds."""
        return await self._changed(
            update(ConsultSlot)
            .where(
                ConsultSlot.id == slot_id,
                ConsultSlot.status == SlotStatus.OPEN,
                ConsultSlot.starts_at > now,
            )
            .values(
                status=SlotStatus.BOOKED,
                teacher_id=teacher_id,
                booked_at=now,
                reminded_day_at=None,
                reminded_hour_at=None,
            ),
            slot_id,
        )

    async def release(self, slot_id: int, teacher_id: int, now: datetime) -> bool:
        """The teacher cancels their booking before it starts: the slot is free again."""
        return await self._changed(
            update(ConsultSlot)
            .where(
                ConsultSlot.id == slot_id,
                ConsultSlot.teacher_id == teacher_id,
                ConsultSlot.status == SlotStatus.BOOKED,
                ConsultSlot.starts_at > now,
            )
            .values(status=SlotStatus.OPEN, teacher_id=None, booked_at=None),
            slot_id,
        )

    async def count_in_route(self, slot_id: int, teacher_id: int, step_id: int) -> bool:
        """Link a consultation that took place to a route step, once."""
        return await self._changed(
            update(ConsultSlot)
            .where(
                ConsultSlot.id == slot_id,
                ConsultSlot.teacher_id == teacher_id,
                ConsultSlot.outcome == Outcome.HELD,
                ConsultSlot.route_step_id.is_(None),
            )
            .values(route_step_id=step_id),
            slot_id,
        )

    # --- reminders ----------------------------------------------------------------------------------------

    async def to_remind(self, now: datetime, horizon: datetime) -> list[ConsultSlot]:
        rows = await self.session.scalars(
            select(ConsultSlot)
            .where(
                ConsultSlot.status == SlotStatus.BOOKED,
                ConsultSlot.starts_at > now,
                ConsultSlot.starts_at <= horizon,
                ConsultSlot.reminded_hour_at.is_(None),
            )
            .order_by(ConsultSlot.starts_at, ConsultSlot.id)
        )
        return list(rows)

    async def claim_reminder(self, slot_id: int, teacher_id: int, field: str, now: datetime) -> bool:
        """Claim one reminder (`reminded_day_at` or `reminded_hour_at`) of one booking: of several
        processes, one gets it."""
        column: ColumnElement[Any] = getattr(ConsultSlot, field)
        return await self._changed(
            update(ConsultSlot)
            .where(
                and_(
                    ConsultSlot.id == slot_id,
                    ConsultSlot.teacher_id == teacher_id,
                    ConsultSlot.status == SlotStatus.BOOKED,
                    column.is_(None),
                )
            )
            .values({field: now}),
            slot_id,
        )

    async def users(self, ids: Sequence[int]) -> dict[int, User]:
        if not ids:
            return {}
        rows = await self.session.scalars(select(User).where(User.id.in_(list(set(ids)))))
        return {u.id: u for u in rows}

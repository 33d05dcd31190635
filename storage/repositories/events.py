"""Events, their audience's candidates, registrations, and what the reminder jobs look at."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, literal, or_, select, true, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.diagnostics import Level
from bot.domain.events import ACTIVE, EventKind, EventStatus, RegistrationStatus
from bot.domain.roles import Role
from storage.models import DiagnosisAttempt, DiagnosisResult, Event, EventRegistration, User, UserRole


class EventRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, **fields: Any) -> Event:
        event = Event(**fields)
        self.session.add(event)
        await self.session.flush()
        return event

    async def event(self, event_id: int) -> Event | None:
        return await self.session.get(Event, event_id)

    async def update(self, obj: Any, **fields: Any) -> None:
        for name, value in fields.items():
            setattr(obj, name, value)
        await self.session.flush()

    async def delete(self, event: Event) -> None:
        await self.session.delete(event)
        await self.session.flush()

    async def upcoming(self, now: datetime, kinds: Sequence[EventKind] = ()) -> list[Event]:
        query = select(Event).where(Event.status == EventStatus.PUBLISHED, Event.starts_at > now)
        if kinds:
            query = query.where(Event.kind.in_(kinds))
        return list(await self.session.scalars(query.order_by(Event.starts_at, Event.id)))

    async def authored(
        self, author_id: int | None, limit: int = 30, *, before_id: int | None = None
    ) -> list[Event]:
        """Recent events: one author's, or (None) everyone's — newest first; `before_id` pages on."""
        query = select(Event)
        if author_id is not None:
            query = query.where(Event.created_by_id == author_id)
        if before_id is not None:
            query = query.where(Event.id < before_id)
        return list(await self.session.scalars(query.order_by(Event.id.desc()).limit(limit)))

    async def due_to_publish(self, now: datetime) -> list[Event]:
        return list(
            await self.session.scalars(
                select(Event)
                .where(Event.status == EventStatus.SCHEDULED, Event.publish_at <= now)
                .order_by(Event.id)
            )
        )

    # --- the audience -------------------------------------------------------------------------------

    async def candidates(
        self,
        *,
        roles: Sequence[Role] | None,
        municipalities: Sequence[int] = (),
        schools: Sequence[int] = (),
    ) -> list[User]:
        """Registered, reachable people narrowed by what SQL can check; the rest is the domain's.
        `roles`: people holding any of them, the teacher «role» meaning those who give lessons
        (`users.teaches`); None: everyone registered."""
        query = select(User).where(User.registered_at.is_not(None), User.unreachable_at.is_(None))
        if municipalities:
            query = query.where(User.municipality_id.in_(list(municipalities)))
        if schools:
            query = query.where(User.school_id.in_(list(schools)))
        if roles is not None:
            held = [r for r in roles if r != Role.TEACHER]
            who: list[ColumnElement[bool]] = []
            if Role.TEACHER in roles:
                who.append(User.teaches.is_(True))
            if held:
                who.append(User.id.in_(select(UserRole.user_id).where(UserRole.role.in_(held))))
            if not who:
                return []
            query = query.where(or_(*who))
        return list(await self.session.scalars(query.order_by(User.id)))

    async def deficit_areas(self, user_ids: Sequence[int]) -> dict[int, set[str]]:
        """Areas with a high or medium deficit in each person's latest finished diagnosis."""
        found: dict[int, set[str]] = {}
        for start in range(0, len(user_ids), 5000):
            chunk = list(user_ids[start : start + 5000])
            latest = (
                select(DiagnosisAttempt.user_id, func.max(DiagnosisAttempt.finished_at).label("at"))
                .where(DiagnosisAttempt.user_id.in_(chunk), DiagnosisAttempt.finished_at.is_not(None))
                .group_by(DiagnosisAttempt.user_id)
                .subquery()
            )
            result = await self.session.execute(
                select(DiagnosisAttempt.user_id, DiagnosisResult.area)
                .join(
                    latest,
                    and_(
                        latest.c.user_id == DiagnosisAttempt.user_id,
                        latest.c.at == DiagnosisAttempt.finished_at,
                    ),
                )
                .join(DiagnosisResult, DiagnosisResult.attempt_id == DiagnosisAttempt.id)
                .where(DiagnosisResult.level.in_((Level.HIGH, Level.MEDIUM)))
            )
            for user_id, area in result.all():
                found.setdefault(user_id, set()).add(area)
        return found

    # --- registrations ---------------------------------------------------------------------------------

    async def registration(
        self, event_id: int, user_id: int, *, fresh: bool = False
    ) -> EventRegistration | None:
        """`fresh`: read again from the database even if this session holds the row already."""
        query = select(EventRegistration).where(
            EventRegistration.event_id == event_id, EventRegistration.user_id == user_id
        )
        if fresh:
            query = query.execution_options(populate_existing=True)
        return await self.session.scalar(query)

    async def registration_by_id(self, registration_id: int) -> EventRegistration | None:
        return await self.session.get(EventRegistration, registration_id)

    async def add_registration(self, **fields: Any) -> EventRegistration:
        row = EventRegistration(**fields)
        self.session.add(row)
        await self.session.flush()
        return row

    async def lock_seats(self, event_id: int) -> None:
        """Hold the event's seats until this transaction ends: on PostgreSQL a lock on the event's
        row, so that another process taking or freeing a seat waits for us and then counts what
        we wrote. SQLite has one writer at a time anyway (FOR UPDATE is not rendered there)."""
        await self.session.execute(select(Event.id).where(Event.id == event_id).with_for_update())

    async def take_seat(
        self, event_id: int, user_id: int, capacity: int | None, now: datetime
    ) -> EventRegistration | None:
        """Register, or put on the waiting list when `capacity` seats are taken — the count and
        the write are one statement under the event's lock, so the last seat goes to exactly one
        person, across processes. A cancelled registration is taken up again. None: this person
        holds a registration (or a place in the queue) already."""
        await self.lock_seats(event_id)
        registered = (
            select(func.count())
            .select_from(EventRegistration)
            .where(
                EventRegistration.event_id == event_id,
                EventRegistration.status == RegistrationStatus.REGISTERED,
            )
            .scalar_subquery()
        )
        status = (
            case(
                (registered < capacity, literal(RegistrationStatus.REGISTERED.value)),
                else_=literal(RegistrationStatus.WAITLIST.value),
            )
            if capacity is not None
            else literal(RegistrationStatus.REGISTERED.value)
        )
        columns = EventRegistration.__table__.c
        dialect = self.session.bind.dialect.name if self.session.bind is not None else "sqlite"
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        row = insert(EventRegistration).from_select(
            ["event_id", "user_id", "status", "created_at"],
            # WHERE: SQLite reads "SELECT … ON CONFLICT" ambiguously without one.
            select(
                literal(event_id, columns.event_id.type),
                literal(user_id, columns.user_id.type),
                status,
                literal(now, columns.created_at.type),
            ).where(true()),
        )
        statement = row.on_conflict_do_update(
            index_elements=["event_id", "user_id"],
            set_={"status": row.excluded.status, "created_at": row.excluded.created_at, "cancelled_at": None},
            where=EventRegistration.status == RegistrationStatus.CANCELLED,
        ).returning(EventRegistration.id)
        registration_id = (await self.session.execute(statement)).scalar_one_or_none()
        if registration_id is None:
            return None
        return await self.session.get(EventRegistration, registration_id, populate_existing=True)

    async def taken(self, event_id: int) -> int:
        count = await self.session.scalar(
            select(func.count())
            .select_from(EventRegistration)
            .where(
                EventRegistration.event_id == event_id,
                EventRegistration.status == RegistrationStatus.REGISTERED,
            )
        )
        return int(count or 0)

    async def first_waiting(self, event_id: int) -> EventRegistration | None:
        return await self.session.scalar(
            select(EventRegistration)
            .where(
                EventRegistration.event_id == event_id,
                EventRegistration.status == RegistrationStatus.WAITLIST,
            )
            .order_by(EventRegistration.created_at, EventRegistration.id)
            .limit(1)
        )

    async def registrations(
        self, event_id: int, statuses: Sequence[str] = (RegistrationStatus.REGISTERED,)
    ) -> list[tuple[EventRegistration, User]]:
        result = await self.session.execute(
            select(EventRegistration, User)
            .join(User, User.id == EventRegistration.user_id)
            .where(EventRegistration.event_id == event_id, EventRegistration.status.in_(list(statuses)))
            .order_by(User.full_name, User.id)
        )
        return [(r, u) for r, u in result.all()]

    async def mine(self, user_id: int, now: datetime) -> list[tuple[EventRegistration, Event]]:
        result = await self.session.execute(
            select(EventRegistration, Event)
            .join(Event, Event.id == EventRegistration.event_id)
            .where(
                EventRegistration.user_id == user_id,
                EventRegistration.status.in_(ACTIVE),
                or_(Event.starts_at > now, Event.ends_at > now),
            )
            .order_by(Event.starts_at)
        )
        return [(r, e) for r, e in result.all()]

    async def my_statuses(self, user_id: int, event_ids: Sequence[int]) -> dict[int, str]:
        if not event_ids:
            return {}
        result = await self.session.execute(
            select(EventRegistration.event_id, EventRegistration.status).where(
                EventRegistration.user_id == user_id, EventRegistration.event_id.in_(list(event_ids))
            )
        )
        return {event_id: status for event_id, status in result.all()}

    async def to_remind(
        self, now: datetime, horizon: datetime
    ) -> list[tuple[EventRegistration, Event, User]]:
        result = await self.session.execute(
            select(EventRegistration, Event, User)
            .join(Event, Event.id == EventRegistration.event_id)
            .join(User, User.id == EventRegistration.user_id)
            .where(
                Event.status == EventStatus.PUBLISHED,
                Event.starts_at > now,
                Event.starts_at <= horizon,
                EventRegistration.status == RegistrationStatus.REGISTERED,
                EventRegistration.reminded_hour_at.is_(None),
                User.unreachable_at.is_(None),
            )
            .order_by(EventRegistration.id)
        )
        return [(r, e, u) for r, e, u in result.all()]

    async def to_ask_feedback(self, ended_before: datetime) -> list[tuple[EventRegistration, Event, User]]:
        ends = func.coalesce(Event.ends_at, Event.starts_at)
        result = await self.session.execute(
            select(EventRegistration, Event, User)
            .join(Event, Event.id == EventRegistration.event_id)
            .join(User, User.id == EventRegistration.user_id)
            .where(
                Event.status == EventStatus.PUBLISHED,
                ends <= ended_before,
                EventRegistration.status == RegistrationStatus.REGISTERED,
                EventRegistration.feedback_asked_at.is_(None),
                User.unreachable_at.is_(None),
            )
            .order_by(EventRegistration.id)
        )
        return [(r, e, u) for r, e, u in result.all()]

    async def mark_reminded(self, registration_ids: Sequence[int], field: str, now: datetime) -> None:
        if registration_ids:
            await self.session.execute(
                update(EventRegistration)
                .where(EventRegistration.id.in_(list(registration_ids)))
                .values({field: now})
            )

    async def reset_reminders(self, event_id: int) -> None:
        """The event moved: its reminders are due again at the new time."""
        await self.session.execute(
            update(EventRegistration)
            .where(EventRegistration.event_id == event_id)
            .values(reminded_day_at=None, reminded_hour_at=None)
        )

    async def stats(self, event_id: int) -> tuple[int, int, int, float | None]:
        """(registered, waitlist, attended, average rating)."""
        result = await self.session.execute(
            select(
                func.count().filter(EventRegistration.status == RegistrationStatus.REGISTERED),
                func.count().filter(EventRegistration.status == RegistrationStatus.WAITLIST),
                func.count().filter(EventRegistration.attended.is_(True)),
                func.avg(EventRegistration.rating),
            ).where(EventRegistration.event_id == event_id)
        )
        registered, waitlist, attended, rating = result.one()
        return int(registered), int(waitlist), int(attended), float(rating) if rating is not None else None

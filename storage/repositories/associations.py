"""Methodological associations: the associations, members and requests, leader invites, the plan of
work, meetings with their materials, attendance (the meeting event's registrations) and talks."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.associations import PAGE, Level, MemberRole, MemberStatus, page_in
from bot.domain.events import RegistrationStatus
from storage.models import (
    Association,
    AssociationInvite,
    AssociationMaterial,
    AssociationMeeting,
    AssociationMember,
    AssociationPlanItem,
    AssociationTalk,
    Event,
    EventRegistration,
    User,
    UserSubject,
)


class AssociationRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _insert(self) -> Any:
        dialect = self.session.bind.dialect.name if self.session.bind is not None else "sqlite"
        return pg_insert if dialect == "postgresql" else sqlite_insert

    async def _count(self, where: Sequence[ColumnElement[bool]]) -> int:
        return int(
            await self.session.scalar(select(func.count()).select_from(Association).where(*where)) or 0
        )

    # --- associations ----------------------------------------------------------------------------------

    async def create(self, **fields: Any) -> Association:
        row = Association(**fields)
        self.session.add(row)
        await self.session.flush()
        return row

    async def get(self, association_id: int) -> Association | None:
        return await self.session.get(Association, association_id)

    async def of_scope(
        self, municipality_id: int | None, page: int, limit: int = PAGE
    ) -> tuple[list[tuple[Association, int]], int, int]:
        """One page of the associations staff of this scope manage (None: the region's, all of them),
        newest first, each with the number of active members; the total and the page shown (a page
        past the end: the last one)."""
        where: list[ColumnElement[bool]] = []
        if municipality_id is not None:
            where = [Association.municipality_id == municipality_id, Association.level != Level.REGIONAL]
        total = int(
            await self.session.scalar(select(func.count()).select_from(Association).where(*where)) or 0
        )
        page = page_in(page, total, limit)
        members = (
            select(func.count())
            .select_from(AssociationMember)
            .where(
                AssociationMember.association_id == Association.id,
                AssociationMember.status == MemberStatus.ACTIVE,
            )
            .scalar_subquery()
        )
        result = await self.session.execute(
            select(Association, members)
            .where(*where)
            .order_by(Association.id.desc())
            .offset(page * limit)
            .limit(limit)
        )
        return [(a, int(n)) for a, n in result.all()], total, page

    @staticmethod
    def _fitting(
        municipality_id: int | None, school_id: int | None, subjects: Sequence[str], exclude: Sequence[int]
    ) -> list[ColumnElement[bool]]:
        """Associations that fit a teacher: their subject (or a direction), and their school, their
        municipality or the region (`bot.domain.associations.fits`, in SQL); not those in `exclude`."""
        where_place = [Association.level == Level.REGIONAL]
        if school_id is not None:
            where_place.append(and_(Association.level == Level.SCHOOL, Association.school_id == school_id))
        if municipality_id is not None:
            where_place.append(
                and_(Association.level == Level.MUNICIPAL, Association.municipality_id == municipality_id)
            )
        where = [
            or_(*where_place),
            or_(Association.subject.is_(None), Association.subject.in_(list(subjects))),
        ]
        if exclude:
            where.append(Association.id.not_in(list(exclude)))
        return where

    async def fitting_count(
        self,
        municipality_id: int | None,
        school_id: int | None,
        subjects: Sequence[str],
        exclude: Sequence[int] = (),
    ) -> int:
        where = self._fitting(municipality_id, school_id, subjects, exclude)
        return int(
            await self.session.scalar(select(func.count()).select_from(Association).where(*where)) or 0
        )

    async def fitting(
        self,
        municipality_id: int | None,
        school_id: int | None,
        subjects: Sequence[str],
        exclude: Sequence[int] = (),
        offset: int = 0,
        limit: int = PAGE,
    ) -> list[Association]:
        """A slice of the associations that fit a teacher, by level and name."""
        if limit <= 0:
            return []
        query = (
            select(Association)
            .where(*self._fitting(municipality_id, school_id, subjects, exclude))
            .order_by(Association.level, Association.name, Association.id)
            .offset(offset)
            .limit(limit)
        )
        return list(await self.session.scalars(query))

    async def by_ids(self, ids: Iterable[int]) -> list[Association]:
        wanted = list(ids)
        if not wanted:
            return []
        query = select(Association).where(Association.id.in_(wanted)).order_by(Association.name)
        return list(await self.session.scalars(query))

    # --- members ---------------------------------------------------------------------------------------

    async def memberships(self, user_id: int) -> dict[int, AssociationMember]:
        """A person's places (active and requested), by association."""
        rows = await self.session.scalars(
            select(AssociationMember).where(AssociationMember.user_id == user_id)
        )
        return {row.association_id: row for row in rows}

    async def member(self, association_id: int, user_id: int) -> AssociationMember | None:
        return await self.session.scalar(
            select(AssociationMember).where(
                AssociationMember.association_id == association_id, AssociationMember.user_id == user_id
            )
        )

    async def member_by_id(self, member_id: int) -> AssociationMember | None:
        return await self.session.get(AssociationMember, member_id)

    async def add_member(
        self, association_id: int, user_id: int, *, role: MemberRole, status: MemberStatus, now: datetime
    ) -> bool:
        """A new place; False when the person has one already (a double tap, two leaders at once)."""
        statement = (
            self._insert()(AssociationMember)
            .values(
                association_id=association_id,
                user_id=user_id,
                role=role.value,
                status=status.value,
                created_at=now,
                joined_at=now if status is MemberStatus.ACTIVE else None,
            )
            .on_conflict_do_nothing(index_elements=["association_id", "user_id"])
        )
        result = await self.session.execute(statement)
        return bool(getattr(result, "rowcount", 0))

    async def make_leader(self, association_id: int, user_id: int, now: datetime) -> bool:
        """Make a person a leader (a member already, or a new one); False if they lead it already."""
        if await self.add_member(
            association_id, user_id, role=MemberRole.LEADER, status=MemberStatus.ACTIVE, now=now
        ):
            return True
        result = await self.session.execute(
            update(AssociationMember)
            .where(
                AssociationMember.association_id == association_id,
                AssociationMember.user_id == user_id,
                or_(
                    AssociationMember.role != MemberRole.LEADER,
                    AssociationMember.status != MemberStatus.ACTIVE,
                ),
            )
            .values(role=MemberRole.LEADER.value, status=MemberStatus.ACTIVE.value, joined_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def approve(self, member_id: int, association_id: int, now: datetime) -> bool:
        """A request becomes membership — once (a conditional update: two leaders tapping at once)."""
        result = await self.session.execute(
            update(AssociationMember)
            .where(
                AssociationMember.id == member_id,
                AssociationMember.association_id == association_id,
                AssociationMember.status == MemberStatus.REQUESTED,
            )
            .values(status=MemberStatus.ACTIVE.value, joined_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def remove(
        self, member_id: int, association_id: int, *, status: MemberStatus | None = None
    ) -> bool:
        query = delete(AssociationMember).where(
            AssociationMember.id == member_id, AssociationMember.association_id == association_id
        )
        if status is not None:
            query = query.where(AssociationMember.status == status)
        result = await self.session.execute(query.execution_options(synchronize_session=False))
        return bool(getattr(result, "rowcount", 0))

    async def member_count(self, association_id: int, status: MemberStatus) -> int:
        where = (AssociationMember.association_id == association_id, AssociationMember.status == status)
        return int(
            await self.session.scalar(select(func.count()).select_from(AssociationMember).where(*where)) or 0
        )

    async def member_page(
        self, association_id: int, status: MemberStatus, page: int, limit: int = PAGE
    ) -> tuple[list[tuple[AssociationMember, User]], int, int]:
        """One page of the members (leaders first, then by name) or of the requests, the total and the
        page shown (past the end: the last one)."""
        where = (AssociationMember.association_id == association_id, AssociationMember.status == status)
        total = await self.member_count(association_id, status)
        page = page_in(page, total, limit)
        result = await self.session.execute(
            select(AssociationMember, User)
            .join(User, User.id == AssociationMember.user_id)
            .where(*where)
            .order_by(AssociationMember.role.desc(), User.full_name, User.id)
            .offset(page * limit)
            .limit(limit)
        )
        return [(m, u) for m, u in result.all()], total, page

    async def leaders(self, association_id: int) -> list[User]:
        result = await self.session.scalars(
            select(User)
            .join(AssociationMember, AssociationMember.user_id == User.id)
            .where(
                AssociationMember.association_id == association_id,
                AssociationMember.role == MemberRole.LEADER,
                AssociationMember.status == MemberStatus.ACTIVE,
            )
            .order_by(User.full_name, User.id)
        )
        return list(result)

    async def audience(self, association_id: int) -> list[User]:
        """Every active member (leaders too) Telegram may still reach: a broadcast's and a meeting's
        audience."""
        result = await self.session.scalars(
            select(User)
            .join(AssociationMember, AssociationMember.user_id == User.id)
            .where(
                AssociationMember.association_id == association_id,
                AssociationMember.status == MemberStatus.ACTIVE,
                User.unreachable_at.is_(None),
            )
            .order_by(User.id)
        )
        return list(result)

    async def audience_count(self, association_id: int) -> int:
        return int(
            await self.session.scalar(
                select(func.count())
                .select_from(AssociationMember)
                .join(User, User.id == AssociationMember.user_id)
                .where(
                    AssociationMember.association_id == association_id,
                    AssociationMember.status == MemberStatus.ACTIVE,
                    User.unreachable_at.is_(None),
                )
            )
            or 0
        )

    async def candidates(
        self, association: Association, page: int, limit: int = PAGE
    ) -> tuple[list[User], int, int]:
        """One page of the teachers a leader may add: registered, giving lessons, of the association's
        school or municipality (the region: anyone), with its subject (a direction: any), not in it
        yet."""
        where: list[ColumnElement[bool]] = [
            User.registered_at.is_not(None),
            User.teaches.is_(True),
            ~User.id.in_(
                select(AssociationMember.user_id).where(AssociationMember.association_id == association.id)
            ),
        ]
        if association.level == Level.SCHOOL:
            where.append(User.school_id == association.school_id)
        elif association.level == Level.MUNICIPAL:
            where.append(User.municipality_id == association.municipality_id)
        if association.subject is not None:
            where.append(
                User.id.in_(select(UserSubject.user_id).where(UserSubject.subject == association.subject))
            )
        total = int(await self.session.scalar(select(func.count()).select_from(User).where(*where)) or 0)
        page = page_in(page, total, limit)
        result = await self.session.scalars(
            select(User).where(*where).order_by(User.full_name, User.id).offset(page * limit).limit(limit)
        )
        return list(result), total, page

    async def led_by(self, user_id: int) -> list[Association]:
        result = await self.session.scalars(
            select(Association)
            .join(AssociationMember, AssociationMember.association_id == Association.id)
            .where(
                AssociationMember.user_id == user_id,
                AssociationMember.role == MemberRole.LEADER,
                AssociationMember.status == MemberStatus.ACTIVE,
            )
        )
        return list(result)

    # --- leader invites --------------------------------------------------------------------------------

    async def create_invite(self, **fields: Any) -> AssociationInvite:
        row = AssociationInvite(**fields)
        self.session.add(row)
        await self.session.flush()
        return row

    async def invite(self, code: str) -> AssociationInvite | None:
        return await self.session.scalar(select(AssociationInvite).where(AssociationInvite.code == code))

    async def use_invite(self, invite_id: int, now: datetime) -> bool:
        """Take one use of a live invite — in one conditional statement, so the last use goes once."""
        result = await self.session.execute(
            update(AssociationInvite)
            .where(
                AssociationInvite.id == invite_id,
                AssociationInvite.revoked_at.is_(None),
                AssociationInvite.expires_at > now,
                AssociationInvite.uses < AssociationInvite.max_uses,
            )
            .values(uses=AssociationInvite.uses + 1)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    # --- the plan --------------------------------------------------------------------------------------

    async def plan(self, association_id: int, school_year: int) -> list[AssociationPlanItem]:
        result = await self.session.scalars(
            select(AssociationPlanItem)
            .where(
                AssociationPlanItem.association_id == association_id,
                AssociationPlanItem.school_year == school_year,
            )
            .order_by(AssociationPlanItem.id)
        )
        return list(result)

    async def add_item(self, **fields: Any) -> AssociationPlanItem:
        row = AssociationPlanItem(**fields)
        self.session.add(row)
        await self.session.flush()
        return row

    async def delete_item(self, item_id: int, association_id: int) -> bool:
        result = await self.session.execute(
            delete(AssociationPlanItem)
            .where(AssociationPlanItem.id == item_id, AssociationPlanItem.association_id == association_id)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    # --- meetings --------------------------------------------------------------------------------------

    async def create_meeting(self, **fields: Any) -> AssociationMeeting:
        row = AssociationMeeting(**fields)
        self.session.add(row)
        await self.session.flush()
        return row

    async def meeting(self, meeting_id: int) -> tuple[AssociationMeeting, Event] | None:
        row = (
            await self.session.execute(
                select(AssociationMeeting, Event)
                .join(Event, Event.id == AssociationMeeting.event_id)
                .where(AssociationMeeting.id == meeting_id)
            )
        ).first()
        return (row[0], row[1]) if row is not None else None

    async def meetings(
        self, association_id: int, page: int = 0, limit: int = PAGE
    ) -> tuple[list[tuple[AssociationMeeting, Event]], int, int]:
        """One page of an association's meetings, the latest first; the total and the page shown."""
        where = AssociationMeeting.association_id == association_id
        total = int(
            await self.session.scalar(select(func.count()).select_from(AssociationMeeting).where(where)) or 0
        )
        page = page_in(page, total, limit)
        result = await self.session.execute(
            select(AssociationMeeting, Event)
            .join(Event, Event.id == AssociationMeeting.event_id)
            .where(where)
            .order_by(Event.starts_at.desc(), AssociationMeeting.id.desc())
            .offset(page * limit)
            .limit(limit)
        )
        return [(m, e) for m, e in result.all()], total, page

    async def upcoming_events(self, association_id: int, now: datetime) -> list[int]:
        result = await self.session.scalars(
            select(Event.id)
            .join(AssociationMeeting, AssociationMeeting.event_id == Event.id)
            .where(AssociationMeeting.association_id == association_id, Event.starts_at > now)
        )
        return list(result)

    async def add_material(self, meeting_id: int, file_id: str, file_name: str | None) -> None:
        self.session.add(AssociationMaterial(meeting_id=meeting_id, file_id=file_id, file_name=file_name))
        await self.session.flush()

    async def materials(self, meeting_id: int) -> list[AssociationMaterial]:
        result = await self.session.scalars(
            select(AssociationMaterial)
            .where(AssociationMaterial.meeting_id == meeting_id)
            .order_by(AssociationMaterial.id)
        )
        return list(result)

    async def material(self, material_id: int) -> AssociationMaterial | None:
        return await self.session.get(AssociationMaterial, material_id)

    async def register_members(self, event_id: int, user_ids: Sequence[int], now: datetime) -> int:
        """Register members for a meeting's event at once (a member who has a row keeps it)."""
        if not user_ids:
            return 0
        statement = (
            self._insert()(EventRegistration)
            .values(
                [
                    {
                        "event_id": event_id,
                        "user_id": uid,
                        "status": RegistrationStatus.REGISTERED.value,
                        "created_at": now,
                    }
                    for uid in user_ids
                ]
            )
            .on_conflict_do_nothing(index_elements=["event_id", "user_id"])
        )
        result = await self.session.execute(statement)
        return int(getattr(result, "rowcount", 0) or 0)

    async def attendance(self, event_id: int) -> list[tuple[EventRegistration, User]]:
        result = await self.session.execute(
            select(EventRegistration, User)
            .join(User, User.id == EventRegistration.user_id)
            .where(
                EventRegistration.event_id == event_id,
                EventRegistration.status == RegistrationStatus.REGISTERED,
            )
            .order_by(User.full_name, User.id)
        )
        return [(r, u) for r, u in result.all()]

    async def toggle_attended(self, event_id: int, user_id: int) -> bool:
        """Flip one member's mark in the event's registrations; False when they are not registered."""
        row = await self.session.scalar(
            select(EventRegistration).where(
                EventRegistration.event_id == event_id,
                EventRegistration.user_id == user_id,
                EventRegistration.status == RegistrationStatus.REGISTERED,
            )
        )
        if row is None:
            return False
        row.attended = not bool(row.attended)
        await self.session.flush()
        return True

    async def talks(self, meeting_id: int) -> set[int]:
        result = await self.session.scalars(
            select(AssociationTalk.user_id).where(AssociationTalk.meeting_id == meeting_id)
        )
        return set(result)

    async def toggle_talk(self, meeting_id: int, user_id: int) -> None:
        removed = await self.session.execute(
            delete(AssociationTalk)
            .where(AssociationTalk.meeting_id == meeting_id, AssociationTalk.user_id == user_id)
            .execution_options(synchronize_session=False)
        )
        if not getattr(removed, "rowcount", 0):
            await self.session.execute(
                self._insert()(AssociationTalk)
                .values(meeting_id=meeting_id, user_id=user_id)
                .on_conflict_do_nothing(index_elements=["meeting_id", "user_id"])
            )

    async def set_minutes(
        self, meeting: AssociationMeeting, file_id: str, name: str | None, now: datetime
    ) -> None:
        meeting.minutes_file_id, meeting.minutes_file_name, meeting.minutes_at = file_id, name, now
        await self.session.flush()

"""Mentors, their applications, young specialists and their requests, staff to tell."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, update

from bot.domain.mentoring import ApplicationStatus, PairStatus
from bot.domain.roles import Role
from storage.models import (
    MentorApplication,
    MentorPair,
    MentorProfile,
    MentorRequest,
    User,
    UserRole,
    UserSubject,
)
from storage.repositories.mentoring.base import HOLDING, Queries, young_filter


class PeopleQueries(Queries):
    """Mentors, applications, young specialists, staff."""

    # --- mentors ----------------------------------------------------------------------------------

    async def profile(self, user_id: int) -> MentorProfile | None:
        return await self.session.get(MentorProfile, user_id)

    async def save_profile(self, user_id: int, **fields: Any) -> MentorProfile:
        profile = await self.session.get(MentorProfile, user_id)
        if profile is None:
            profile = MentorProfile(user_id=user_id, capacity=2, formats=[])
            self.session.add(profile)
        for name, value in fields.items():
            setattr(profile, name, value)
        await self.session.flush()
        return profile

    async def mentors(self, municipality_id: int | None) -> list[tuple[User, MentorProfile | None, int]]:
        """People with the mentor role (in a municipality, or all), their card and current load."""
        load = (
            select(MentorPair.mentor_id, func.count().label("n"))
            .where(MentorPair.status.in_(HOLDING))
            .group_by(MentorPair.mentor_id)
            .subquery()
        )
        query = (
            select(User, MentorProfile, func.coalesce(load.c.n, 0))
            .join(UserRole, and_(UserRole.user_id == User.id, UserRole.role == Role.MENTOR))
            .outerjoin(MentorProfile, MentorProfile.user_id == User.id)
            .outerjoin(load, load.c.mentor_id == User.id)
            .where(User.registered_at.is_not(None))
            .order_by(User.full_name, User.id)
        )
        if municipality_id is not None:
            query = query.where(User.municipality_id == municipality_id)
        return [(user, profile, int(n)) for user, profile, n in (await self.session.execute(query)).all()]

    async def subjects_of(self, user_ids: Sequence[int]) -> dict[int, frozenset[str]]:
        found: dict[int, set[str]] = {}
        for start in range(0, len(user_ids), 5000):
            chunk = user_ids[start : start + 5000]
            result = await self.session.execute(
                select(UserSubject.user_id, UserSubject.subject).where(UserSubject.user_id.in_(chunk))
            )
            for user_id, subject in result.all():
                found.setdefault(user_id, set()).add(subject)
        return {user_id: frozenset(subjects) for user_id, subjects in found.items()}

    async def load(self, mentor_id: int) -> int:
        count = await self.session.scalar(
            select(func.count())
            .select_from(MentorPair)
            .where(MentorPair.mentor_id == mentor_id, MentorPair.status.in_(HOLDING))
        )
        return int(count or 0)

    # --- applications -----------------------------------------------------------------------------

    async def pending_application(self, user_id: int) -> MentorApplication | None:
        return await self.session.scalar(
            select(MentorApplication).where(
                MentorApplication.user_id == user_id, MentorApplication.status == ApplicationStatus.PENDING
            )
        )

    async def apply(self, user_id: int, about: str | None, capacity: int) -> MentorApplication:
        row = MentorApplication(
            user_id=user_id, about=about, capacity=capacity, status=ApplicationStatus.PENDING
        )
        self.session.add(row)
        await self.session.flush()
        return row

    async def application(self, application_id: int) -> MentorApplication | None:
        return await self.session.get(MentorApplication, application_id)

    async def applications(self, municipality_id: int | None) -> list[tuple[MentorApplication, User]]:
        query = (
            select(MentorApplication, User)
            .join(User, User.id == MentorApplication.user_id)
            .where(MentorApplication.status == ApplicationStatus.PENDING)
            .order_by(MentorApplication.id)
        )
        if municipality_id is not None:
            query = query.where(User.municipality_id == municipality_id)
        return [(a, u) for a, u in (await self.session.execute(query)).all()]

    async def decide(
        self, row: MentorApplication, status: ApplicationStatus, now: datetime, by_tg_id: int
    ) -> bool:
        """Only a pending application is decided (two staff pressing at once: one wins)."""
        result = await self.session.execute(
            update(MentorApplication)
            .where(MentorApplication.id == row.id, MentorApplication.status == ApplicationStatus.PENDING)
            .values(status=status, decided_at=now, decided_by_tg_id=by_tg_id)
        )
        await self.session.refresh(row)
        return bool(getattr(result, "rowcount", 0))

    # --- young specialists --------------------------------------------------------------------------

    async def request(self, user_id: int) -> MentorRequest | None:
        return await self.session.get(MentorRequest, user_id)

    async def save_request(self, user_id: int, want_subject: str | None, want_same_school: bool) -> None:
        row = await self.session.get(MentorRequest, user_id)
        if row is None:
            self.session.add(
                MentorRequest(user_id=user_id, want_subject=want_subject, want_same_school=want_same_school)
            )
        else:
            row.want_subject, row.want_same_school = want_subject, want_same_school
        await self.session.flush()

    async def unpaired_youngs(
        self, year: int, municipality_id: int | None, *, with_proposed: bool = False
    ) -> list[tuple[User, MentorRequest | None]]:
        """Young specialists with no active, paused (or, unless `with_proposed`, proposed) pair."""
        statuses = HOLDING if with_proposed else (*HOLDING, PairStatus.PROPOSED)
        paired = select(MentorPair.mentee_id).where(MentorPair.status.in_(statuses))
        query = (
            select(User, MentorRequest)
            .outerjoin(MentorRequest, MentorRequest.user_id == User.id)
            .where(User.registered_at.is_not(None), young_filter(year), User.id.not_in(paired))
            .order_by(User.id)
        )
        if municipality_id is not None:
            query = query.where(User.municipality_id == municipality_id)
        return [(u, r) for u, r in (await self.session.execute(query)).all()]

    async def count_youngs(self, year: int, municipality_id: int | None) -> tuple[int, int]:
        """(young specialists, of them with an active or paused pair)."""
        base = select(User.id).where(User.registered_at.is_not(None), young_filter(year))
        if municipality_id is not None:
            base = base.where(User.municipality_id == municipality_id)
        total = await self.session.scalar(select(func.count()).select_from(base.subquery()))
        covered = await self.session.scalar(
            select(func.count(func.distinct(MentorPair.mentee_id))).where(
                MentorPair.status.in_(HOLDING), MentorPair.mentee_id.in_(base)
            )
        )
        return int(total or 0), int(covered or 0)

    # --- staff ----------------------------------------------------------------------------------------

    async def staff(self, municipality_id: int | None) -> list[User]:
        """Staff who answer for this municipality: its own service and the regional centre."""
        query = (
            select(User)
            .join(UserRole, and_(UserRole.user_id == User.id, UserRole.role == Role.STAFF))
            .where(
                or_(
                    UserRole.scope_municipality_id.is_(None),
                    UserRole.scope_municipality_id == municipality_id,
                )
            )
            .order_by(User.id)
        )
        return list(await self.session.scalars(query))

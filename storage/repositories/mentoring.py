"""Mentors, young specialists' requests, pairs, the meeting log, adaptation checks, escalations."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, delete, exists, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models import (
    AdaptationCheck,
    Escalation,
    MentorApplication,
    MentorMeeting,
    MentorPair,
    MentorProfile,
    MentorRequest,
    User,
    UserRole,
    UserSubject,
)

HOLDING = ("active", "paused")
YOUNG_MAX_AGE = 35
YOUNG_MAX_EXPERIENCE = 3


def young_filter(year: int) -> Any:
    """SQL for the young-specialist rule of bot.domain.profile.is_young_specialist."""
    return and_(
        User.birth_year.is_not(None),
        User.experience_years.is_not(None),
        User.birth_year >= year - YOUNG_MAX_AGE,
        User.experience_years <= YOUNG_MAX_EXPERIENCE,
    )


class MentoringRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _insert(self) -> Any:
        dialect = self.session.bind.dialect.name if self.session.bind is not None else "sqlite"
        return pg_insert if dialect == "postgresql" else sqlite_insert

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
            .join(UserRole, and_(UserRole.user_id == User.id, UserRole.role == "mentor"))
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
                MentorApplication.user_id == user_id, MentorApplication.status == "pending"
            )
        )

    async def apply(self, user_id: int, about: str | None, capacity: int) -> MentorApplication:
        row = MentorApplication(user_id=user_id, about=about, capacity=capacity, status="pending")
        self.session.add(row)
        await self.session.flush()
        return row

    async def application(self, application_id: int) -> MentorApplication | None:
        return await self.session.get(MentorApplication, application_id)

    async def applications(self, municipality_id: int | None) -> list[tuple[MentorApplication, User]]:
        query = (
            select(MentorApplication, User)
            .join(User, User.id == MentorApplication.user_id)
            .where(MentorApplication.status == "pending")
            .order_by(MentorApplication.id)
        )
        if municipality_id is not None:
            query = query.where(User.municipality_id == municipality_id)
        return [(a, u) for a, u in (await self.session.execute(query)).all()]

    async def decide(self, row: MentorApplication, status: str, now: datetime, by_tg_id: int) -> bool:
        """Only a pending application is decided (two staff pressing at once: one wins)."""
        result = await self.session.execute(
            update(MentorApplication)
            .where(MentorApplication.id == row.id, MentorApplication.status == "pending")
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
        statuses = HOLDING if with_proposed else (*HOLDING, "proposed")
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

    # --- pairs --------------------------------------------------------------------------------------

    async def pair(self, pair_id: int, *, fresh: bool = False) -> MentorPair | None:
        """`fresh`: read again from the database even if this session holds the row already."""
        return await self.session.get(MentorPair, pair_id, populate_existing=fresh)

    async def lock_people(self, user_ids: Sequence[int]) -> None:
        """Hold these people's rows until this transaction ends, in id order (so two lockers never
        wait for each other): on PostgreSQL two confirmations touching the same mentor or young
        specialist take turns, and the second counts what the first wrote. SQLite has one writer at
        a time anyway (FOR UPDATE is not rendered there)."""
        ids = sorted(set(user_ids))
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            await self.session.execute(
                select(User.id).where(User.id.in_(chunk)).order_by(User.id).with_for_update()
            )

    async def activate(self, pair: MentorPair, default_capacity: int, **fields: Any) -> bool:
        """A proposal becomes an active pair — only if it is still proposed (to the same two
        people), the young specialist holds no other pair and the mentor has room. Check and write
        are one statement, so two staff confirming at once (or two processes) activate it once;
        with `lock_people` first, PostgreSQL counts what a concurrent confirmation wrote as well.
        False: it did not take (someone was first, or there is no room)."""
        other = aliased(MentorPair)
        mentee_paired = exists().where(other.mentee_id == pair.mentee_id, other.status.in_(HOLDING))
        load = (
            select(func.count())
            .select_from(other)
            .where(other.mentor_id == pair.mentor_id, other.status.in_(HOLDING))
            .scalar_subquery()
        )
        capacity = func.coalesce(
            select(MentorProfile.capacity).where(MentorProfile.user_id == pair.mentor_id).scalar_subquery(),
            default_capacity,
        )
        activated = await self.session.scalar(
            update(MentorPair)
            .where(
                MentorPair.id == pair.id,
                MentorPair.status == "proposed",
                MentorPair.mentor_id == pair.mentor_id,
                MentorPair.mentee_id == pair.mentee_id,
                ~mentee_paired,
                load < capacity,
            )
            .values(status="active", **fields)
            .returning(MentorPair.id)
            .execution_options(synchronize_session="fetch")
        )
        return activated is not None

    async def pairs_of_mentee(self, user_id: int, statuses: Sequence[str]) -> list[MentorPair]:
        rows = await self.session.scalars(
            select(MentorPair)
            .where(MentorPair.mentee_id == user_id, MentorPair.status.in_(statuses))
            .order_by(MentorPair.id.desc())
        )
        return list(rows)

    async def pairs_of_mentor(self, user_id: int, statuses: Sequence[str]) -> list[tuple[MentorPair, User]]:
        result = await self.session.execute(
            select(MentorPair, User)
            .join(User, User.id == MentorPair.mentee_id)
            .where(MentorPair.mentor_id == user_id, MentorPair.status.in_(statuses))
            .order_by(User.full_name, MentorPair.id)
        )
        return [(p, u) for p, u in result.all()]

    async def add_pair(self, **fields: Any) -> MentorPair:
        pair = MentorPair(**fields)
        self.session.add(pair)
        await self.session.flush()
        return pair

    async def add_pairs(self, rows: Sequence[dict[str, Any]]) -> list[MentorPair]:
        """Many proposals in one flush (a matching run makes thousands)."""
        if not rows:
            return []
        result = await self.session.scalars(insert(MentorPair).returning(MentorPair), list(rows))
        return list(result.all())

    async def holding_mentees(self, mentee_ids: Sequence[int]) -> set[int]:
        """Which of these people already have an active or paused pair."""
        found: set[int] = set()
        for start in range(0, len(mentee_ids), 5000):
            chunk = list(mentee_ids[start : start + 5000])
            result = await self.session.execute(
                select(MentorPair.mentee_id).where(
                    MentorPair.mentee_id.in_(chunk), MentorPair.status.in_(HOLDING)
                )
            )
            found.update(result.scalars().all())
        return found

    async def loads_and_capacities(self, mentor_ids: Sequence[int]) -> dict[int, tuple[int, int | None]]:
        """Per mentor: (active or paused pairs, capacity from the card or None)."""
        found: dict[int, tuple[int, int | None]] = {}
        for start in range(0, len(mentor_ids), 5000):
            chunk = list(mentor_ids[start : start + 5000])
            loads = dict(
                (
                    await self.session.execute(
                        select(MentorPair.mentor_id, func.count())
                        .where(MentorPair.mentor_id.in_(chunk), MentorPair.status.in_(HOLDING))
                        .group_by(MentorPair.mentor_id)
                    )
                ).all()
            )
            capacities = dict(
                (
                    await self.session.execute(
                        select(MentorProfile.user_id, MentorProfile.capacity).where(
                            MentorProfile.user_id.in_(chunk)
                        )
                    )
                ).all()
            )
            for mentor_id in chunk:
                found[mentor_id] = (int(loads.get(mentor_id, 0)), capacities.get(mentor_id))
        return found

    async def flush(self) -> None:
        await self.session.flush()

    async def update(self, obj: Any, **fields: Any) -> None:
        for name, value in fields.items():
            setattr(obj, name, value)
        await self.session.flush()

    async def proposed(self, municipality_id: int | None) -> list[MentorPair]:
        query = select(MentorPair).where(MentorPair.status == "proposed").order_by(MentorPair.id)
        if municipality_id is not None:
            query = query.join(User, User.id == MentorPair.mentee_id).where(
                User.municipality_id == municipality_id
            )
        return list(await self.session.scalars(query))

    async def drop_proposed(self, municipality_id: int | None) -> None:
        """A new matching run replaces the proposals it covers (one statement)."""
        query = delete(MentorPair).where(MentorPair.status == "proposed")
        if municipality_id is not None:
            query = query.where(
                MentorPair.mentee_id.in_(select(User.id).where(User.municipality_id == municipality_id))
            )
        await self.session.execute(query)

    async def pairs(self, statuses: Sequence[str], municipality_id: int | None) -> list[MentorPair]:
        query = select(MentorPair).where(MentorPair.status.in_(statuses)).order_by(MentorPair.id)
        if municipality_id is not None:
            query = query.join(User, User.id == MentorPair.mentee_id).where(
                User.municipality_id == municipality_id
            )
        return list(await self.session.scalars(query))

    async def users(self, user_ids: Sequence[int]) -> dict[int, User]:
        found: dict[int, User] = {}
        for start in range(0, len(user_ids), 5000):
            chunk = list(user_ids[start : start + 5000])
            for user in await self.session.scalars(select(User).where(User.id.in_(chunk))):
                found[user.id] = user
        return found

    # --- meetings -----------------------------------------------------------------------------------

    async def add_meeting(self, **fields: Any) -> MentorMeeting | None:
        """Insert unless a meeting with this token exists (the same form saved twice): None then."""
        statement = (
            self._insert()(MentorMeeting)
            .values(**fields)
            .on_conflict_do_nothing(index_elements=["token"])
            .returning(MentorMeeting.id)
        )
        new_id = (await self.session.execute(statement)).scalar_one_or_none()
        if new_id is None:
            return None
        return await self.session.get(MentorMeeting, new_id)

    async def meeting(self, meeting_id: int) -> MentorMeeting | None:
        return await self.session.get(MentorMeeting, meeting_id)

    async def meeting_by_token(self, token: str) -> MentorMeeting | None:
        return await self.session.scalar(select(MentorMeeting).where(MentorMeeting.token == token))

    async def meetings(self, pair_id: int, limit: int = 50) -> list[MentorMeeting]:
        rows = await self.session.scalars(
            select(MentorMeeting)
            .where(MentorMeeting.pair_id == pair_id)
            .order_by(MentorMeeting.held_on.desc(), MentorMeeting.id.desc())
            .limit(limit)
        )
        return list(rows)

    async def meetings_of(self, pair_ids: Sequence[int]) -> list[MentorMeeting]:
        """Every meeting of these pairs, oldest first (the report's log)."""
        found: list[MentorMeeting] = []
        for start in range(0, len(pair_ids), 5000):
            chunk = list(pair_ids[start : start + 5000])
            found += await self.session.scalars(select(MentorMeeting).where(MentorMeeting.pair_id.in_(chunk)))
        found.sort(key=lambda m: (m.held_on, m.id))
        return found

    async def delete_meeting(self, meeting: MentorMeeting) -> None:
        await self.session.delete(meeting)
        await self.session.flush()

    async def last_meeting_at(self, pair_id: int) -> datetime | None:
        value = await self.session.scalar(
            select(func.max(MentorMeeting.created_at)).where(MentorMeeting.pair_id == pair_id)
        )
        return value

    async def recent_topics(self, mentor_id: int, limit: int = 4) -> list[str]:
        result = await self.session.execute(
            select(MentorMeeting.topic, func.max(MentorMeeting.id).label("last"))
            .join(MentorPair, MentorPair.id == MentorMeeting.pair_id)
            .where(MentorPair.mentor_id == mentor_id)
            .group_by(MentorMeeting.topic)
            .order_by(func.max(MentorMeeting.id).desc())
            .limit(limit)
        )
        return [topic for topic, _last in result.all()]

    async def meeting_stats(
        self, pair_ids: Sequence[int]
    ) -> dict[int, tuple[int, float | None, date | None]]:
        """Per pair: meetings, average rating, first meeting date."""
        if not pair_ids:
            return {}
        found: dict[int, tuple[int, float | None, date | None]] = {}
        for start in range(0, len(pair_ids), 5000):
            chunk = list(pair_ids[start : start + 5000])
            result = await self.session.execute(
                select(
                    MentorMeeting.pair_id,
                    func.count(),
                    func.avg(MentorMeeting.rating),
                    func.min(MentorMeeting.held_on),
                )
                .where(MentorMeeting.pair_id.in_(chunk))
                .group_by(MentorMeeting.pair_id)
            )
            for pair_id, count, rating, first in result.all():
                found[pair_id] = (int(count), float(rating) if rating is not None else None, first)
        return found

    # --- sweeps ---------------------------------------------------------------------------------------

    async def quiet_pairs(self, before: datetime) -> list[tuple[MentorPair, User]]:
        """Active pairs whose last meeting (or start) is older than `before`, with the mentor."""
        result = await self.session.execute(
            select(MentorPair, User)
            .join(User, User.id == MentorPair.mentor_id)
            .where(
                MentorPair.status == "active",
                MentorPair.activated_at.is_not(None),
                or_(
                    and_(MentorPair.last_meeting_at.is_(None), MentorPair.activated_at <= before),
                    MentorPair.last_meeting_at <= before,
                ),
            )
            .order_by(MentorPair.id)
        )
        return [(p, u) for p, u in result.all()]

    async def escalate_once(self, kind: str, subject_id: int, now: datetime) -> bool:
        """Record that staff were told; False if they already were."""
        statement = (
            self._insert()(Escalation)
            .values(kind=kind, subject_id=subject_id, at=now)
            .on_conflict_do_nothing(index_elements=["kind", "subject_id"])
            .returning(Escalation.id)
        )
        return (await self.session.execute(statement)).scalar_one_or_none() is not None

    async def staff(self, municipality_id: int | None) -> list[User]:
        """Staff who answer for this municipality: its own service and the regional centre."""
        query = (
            select(User)
            .join(UserRole, and_(UserRole.user_id == User.id, UserRole.role == "staff"))
            .where(
                or_(
                    UserRole.scope_municipality_id.is_(None),
                    UserRole.scope_municipality_id == municipality_id,
                )
            )
            .order_by(User.id)
        )
        return list(await self.session.scalars(query))

    # --- adaptation checks ---------------------------------------------------------------------------

    async def youngs_without_check(self, year: int, period: str) -> list[User]:
        done = select(AdaptationCheck.user_id).where(AdaptationCheck.period == period)
        query = (
            select(User)
            .where(
                User.registered_at.is_not(None),
                User.unreachable_at.is_(None),
                young_filter(year),
                User.id.not_in(done),
            )
            .order_by(User.id)
        )
        return list(await self.session.scalars(query))

    async def claim_check(self, user_id: int, period: str, now: datetime) -> AdaptationCheck | None:
        statement = (
            self._insert()(AdaptationCheck)
            .values(user_id=user_id, period=period, created_at=now, position=0, answers={})
            .on_conflict_do_nothing(index_elements=["user_id", "period"])
            .returning(AdaptationCheck.id)
        )
        new_id = (await self.session.execute(statement)).scalar_one_or_none()
        return await self.session.get(AdaptationCheck, new_id) if new_id is not None else None

    async def check(self, check_id: int) -> AdaptationCheck | None:
        return await self.session.get(AdaptationCheck, check_id)

    async def checks(self, period_from: str, municipality_id: int | None) -> list[AdaptationCheck]:
        query = select(AdaptationCheck).where(
            AdaptationCheck.period >= period_from, AdaptationCheck.finished_at.is_not(None)
        )
        if municipality_id is not None:
            query = query.join(User, User.id == AdaptationCheck.user_id).where(
                User.municipality_id == municipality_id
            )
        return list(await self.session.scalars(query))

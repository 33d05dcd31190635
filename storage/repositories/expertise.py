"""The expert pool, the assignment of experts to practices, their reviews and contest juries."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.domain.events import EventKind, EventStatus
from bot.domain.practices import ExpertStatus, PracticeStatus, ReviewStatus
from bot.domain.roles import Role
from storage.models import (
    Event,
    Expert,
    ExpertJury,
    Practice,
    PracticeFile,
    PracticeReview,
    User,
    UserRole,
)

OPEN = (ReviewStatus.ASSIGNED,)
COUNTED = (ReviewStatus.ASSIGNED, ReviewStatus.DONE)  # a round's reviews that stand


def _rowcount(result: Any) -> int:
    return int(getattr(result, "rowcount", 0) or 0)


class ExpertRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # --- the pool ----------------------------------------------------------------------------------

    async def by_id(self, expert_id: int) -> Expert | None:
        return await self.session.get(Expert, expert_id)

    async def of_user(self, user_id: int) -> Expert | None:
        return await self.session.scalar(select(Expert).where(Expert.user_id == user_id))

    async def create(
        self,
        *,
        user_id: int,
        subjects: Sequence[str],
        municipality_id: int | None,
        status: ExpertStatus,
        now: datetime,
        approved_by_id: int | None,
    ) -> Expert | None:
        """A new member (or request); None when the person has a row already (a double tap)."""
        expert = Expert(
            user_id=user_id,
            subjects=list(subjects),
            municipality_id=municipality_id,
            status=status,
            approved_at=now if status is ExpertStatus.ACTIVE else None,
            approved_by_id=approved_by_id,
        )
        try:
            async with self.session.begin_nested():
                self.session.add(expert)
                await self.session.flush()
        except IntegrityError:
            return None
        return expert

    async def move(
        self, expert_id: int, frm: Iterable[ExpertStatus], to: ExpertStatus, **fields: Any
    ) -> bool:
        """Change the status only from one of `frm` (a double tap, two staff at once: one wins)."""
        result = await self.session.execute(
            update(Expert)
            .where(Expert.id == expert_id, Expert.status.in_(list(frm)))
            .values(status=to, **fields)
            .execution_options(synchronize_session="fetch")
        )
        return _rowcount(result) == 1

    async def set_subjects(self, expert: Expert, subjects: Sequence[str]) -> None:
        expert.subjects = list(subjects)
        await self.session.flush()

    async def delete_pending(self, expert_id: int) -> bool:
        result = await self.session.execute(
            delete(Expert).where(Expert.id == expert_id, Expert.status == ExpertStatus.PENDING)
        )
        return _rowcount(result) == 1

    async def pool(
        self,
        municipality_id: int | None,
        statuses: Sequence[ExpertStatus],
        *,
        offset: int = 0,
        limit: int = 10,
    ) -> tuple[list[tuple[Expert, User, int, int]], int]:
        """Experts (with their person, open reviews and done reviews), by name; a municipality's only
        when given."""
        load = (
            select(func.count())
            .where(PracticeReview.expert_id == Expert.id, PracticeReview.status == ReviewStatus.ASSIGNED)
            .scalar_subquery()
        )
        done = (
            select(func.count())
            .where(PracticeReview.expert_id == Expert.id, PracticeReview.status == ReviewStatus.DONE)
            .scalar_subquery()
        )
        where: list[ColumnElement[bool]] = [Expert.status.in_(list(statuses))]
        if municipality_id is not None:
            where.append(Expert.municipality_id == municipality_id)
        total = await self.session.scalar(select(func.count()).select_from(Expert).where(*where))
        rows = await self.session.execute(
            select(Expert, User, load, done)
            .join(User, User.id == Expert.user_id)
            .where(*where)
            .order_by(User.full_name, Expert.id)
            .offset(offset)
            .limit(limit)
        )
        return [(e, u, int(n or 0), int(d or 0)) for e, u, n, d in rows], int(total or 0)

    async def active_with_load(self) -> list[tuple[Expert, User, int]]:
        """Every active expert, their person (school) and open reviews: the assignment's candidates."""
        load = (
            select(func.count())
            .where(PracticeReview.expert_id == Expert.id, PracticeReview.status == ReviewStatus.ASSIGNED)
            .scalar_subquery()
        )
        rows = await self.session.execute(
            select(Expert, User, load)
            .join(User, User.id == Expert.user_id)
            .where(Expert.status == ExpertStatus.ACTIVE)
            .order_by(Expert.id)
        )
        return [(e, u, int(n or 0)) for e, u, n in rows]

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

    # --- practices and their rounds ----------------------------------------------------------------

    async def practice(self, practice_id: int) -> Practice | None:
        return await self.session.get(Practice, practice_id)

    async def files(self, practice_id: int) -> list[PracticeFile]:
        rows = await self.session.scalars(
            select(PracticeFile).where(PracticeFile.practice_id == practice_id).order_by(PracticeFile.id)
        )
        return list(rows)

    async def to_staff(self, limit: int = 100) -> list[Practice]:
        """Practices waiting for experts: submitted ones, and those under review whose round has fewer
        standing reviews than it needs (an expert refused or ran out of time, a third is wanted)."""
        standing = (
            select(func.count())
            .where(
                PracticeReview.practice_id == Practice.id,
                PracticeReview.round == Practice.round,
                PracticeReview.status.in_(COUNTED),
            )
            .scalar_subquery()
        )
        rows = await self.session.scalars(
            select(Practice)
            .where(
                or_(
                    Practice.status == PracticeStatus.SUBMITTED,
                    and_(Practice.status == PracticeStatus.IN_REVIEW, standing < Practice.reviewers_needed),
                )
            )
            .order_by(Practice.submitted_at, Practice.id)
            .limit(limit)
        )
        return list(rows)

    async def claim_staffing(self, practice: Practice, needed: int) -> bool:
        """Take the practice for assigning experts: its counter moves only from the value read, so of
        two processes one goes on; the practice is under review from now on."""
        result = await self.session.execute(
            update(Practice)
            .where(
                Practice.id == practice.id,
                Practice.assign_seq == practice.assign_seq,
                Practice.round == practice.round,
                Practice.status.in_([PracticeStatus.SUBMITTED, PracticeStatus.IN_REVIEW]),
            )
            .values(
                assign_seq=Practice.assign_seq + 1, status=PracticeStatus.IN_REVIEW, reviewers_needed=needed
            )
            .execution_options(synchronize_session=False)
        )
        if _rowcount(result) != 1:
            return False
        await self.session.refresh(practice)
        return True

    async def want_more(self, practice: Practice, needed: int) -> None:
        await self.session.execute(
            update(Practice)
            .where(Practice.id == practice.id)
            .values(reviewers_needed=needed)
            .execution_options(synchronize_session=False)
        )
        await self.session.refresh(practice)

    async def experts_of(self, practice_id: int, rounds: Sequence[int] | None = None) -> set[int]:
        """Experts who had a review of the practice (in these rounds), whatever became of it."""
        query = select(PracticeReview.expert_id).where(PracticeReview.practice_id == practice_id)
        if rounds is not None:
            query = query.where(PracticeReview.round.in_(list(rounds)))
        return set(await self.session.scalars(query))

    async def add_reviews(
        self, practice: Practice, expert_ids: Sequence[int], now: datetime, due_at: datetime
    ) -> list[PracticeReview]:
        reviews = [
            PracticeReview(
                practice_id=practice.id,
                round=practice.round,
                expert_id=expert_id,
                status=ReviewStatus.ASSIGNED,
                scores={},
                assigned_at=now,
                due_at=due_at,
            )
            for expert_id in expert_ids
        ]
        self.session.add_all(reviews)
        await self.session.flush()
        return reviews

    async def decide(self, practice: Practice, status: PracticeStatus, now: datetime) -> bool:
        """Close the round once: only from «under review» in this round (the last two reviews arriving
        together decide once)."""
        values: dict[str, Any] = {"status": status, "decided_at": now}
        if status is PracticeStatus.PUBLISHED:
            values["published_at"] = now
        result = await self.session.execute(
            update(Practice)
            .where(
                Practice.id == practice.id,
                Practice.round == practice.round,
                Practice.status == PracticeStatus.IN_REVIEW,
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        if _rowcount(result) != 1:
            return False
        await self.session.refresh(practice)
        return True

    # --- reviews -----------------------------------------------------------------------------------

    async def review(self, review_id: int) -> PracticeReview | None:
        return await self.session.get(PracticeReview, review_id)

    async def queue(self, expert_id: int) -> list[tuple[PracticeReview, Practice]]:
        """The expert's open reviews, the nearest due first."""
        rows = await self.session.execute(
            select(PracticeReview, Practice)
            .join(Practice, Practice.id == PracticeReview.practice_id)
            .where(PracticeReview.expert_id == expert_id, PracticeReview.status == ReviewStatus.ASSIGNED)
            .order_by(PracticeReview.due_at, PracticeReview.id)
            .limit(50)
        )
        return [(r, p) for r, p in rows]

    async def done_count(self, expert_id: int) -> int:
        count = await self.session.scalar(
            select(func.count()).where(
                PracticeReview.expert_id == expert_id, PracticeReview.status == ReviewStatus.DONE
            )
        )
        return int(count or 0)

    async def set_scores(self, review: PracticeReview, scores: dict[str, Any]) -> bool:
        result = await self.session.execute(
            update(PracticeReview)
            .where(PracticeReview.id == review.id, PracticeReview.status == ReviewStatus.ASSIGNED)
            .values(scores=scores)
            .execution_options(synchronize_session=False)
        )
        await self.session.refresh(review)
        return _rowcount(result) == 1

    async def set_comment(self, review: PracticeReview, comment: str | None) -> bool:
        result = await self.session.execute(
            update(PracticeReview)
            .where(PracticeReview.id == review.id, PracticeReview.status == ReviewStatus.ASSIGNED)
            .values(comment=comment)
            .execution_options(synchronize_session=False)
        )
        await self.session.refresh(review)
        return _rowcount(result) == 1

    async def close(self, review: PracticeReview, to: ReviewStatus, now: datetime) -> bool:
        """Done or withdrawn, once: only an open review moves (a double tap submits once)."""
        values: dict[str, Any] = {"status": to}
        if to is ReviewStatus.DONE:
            values["done_at"] = now
        result = await self.session.execute(
            update(PracticeReview)
            .where(PracticeReview.id == review.id, PracticeReview.status == ReviewStatus.ASSIGNED)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        await self.session.refresh(review)
        return _rowcount(result) == 1

    async def round_reviews(self, practice_id: int, round_no: int) -> list[PracticeReview]:
        rows = await self.session.scalars(
            select(PracticeReview)
            .where(PracticeReview.practice_id == practice_id, PracticeReview.round == round_no)
            .order_by(PracticeReview.id)
        )
        return list(rows)

    async def withdraw_open(self, expert_id: int) -> list[PracticeReview]:
        """Take every open review from an expert leaving the pool (the practices get another)."""
        reviews = list(
            await self.session.scalars(
                select(PracticeReview).where(
                    PracticeReview.expert_id == expert_id, PracticeReview.status == ReviewStatus.ASSIGNED
                )
            )
        )
        for review in reviews:
            review.status = ReviewStatus.WITHDRAWN
        await self.session.flush()
        return reviews

    async def overdue(self, now: datetime, limit: int = 200) -> list[PracticeReview]:
        rows = await self.session.scalars(
            select(PracticeReview)
            .where(
                PracticeReview.status == ReviewStatus.ASSIGNED,
                PracticeReview.due_at < now,
                PracticeReview.reminded_at.is_(None),
            )
            .order_by(PracticeReview.id)
            .limit(limit)
        )
        return list(rows)

    async def claim_reminder(self, review: PracticeReview, now: datetime) -> bool:
        result = await self.session.execute(
            update(PracticeReview)
            .where(
                PracticeReview.id == review.id,
                PracticeReview.status == ReviewStatus.ASSIGNED,
                PracticeReview.reminded_at.is_(None),
            )
            .values(reminded_at=now)
            .execution_options(synchronize_session=False)
        )
        return _rowcount(result) == 1

    async def expired(self, before: datetime, limit: int = 200) -> list[PracticeReview]:
        """Open reviews past their due date by the grace period, reminded already."""
        rows = await self.session.scalars(
            select(PracticeReview)
            .where(
                PracticeReview.status == ReviewStatus.ASSIGNED,
                PracticeReview.due_at < before,
                PracticeReview.reminded_at.is_not(None),
            )
            .order_by(PracticeReview.id)
            .limit(limit)
        )
        return list(rows)

    # --- juries ------------------------------------------------------------------------------------

    async def contests(self, limit: int = 20) -> list[Event]:
        rows = await self.session.scalars(
            select(Event)
            .where(Event.kind == EventKind.CONTEST, Event.status == EventStatus.PUBLISHED)
            .order_by(Event.starts_at.desc(), Event.id.desc())
            .limit(limit)
        )
        return list(rows)

    async def event(self, event_id: int) -> Event | None:
        return await self.session.get(Event, event_id)

    async def jury(self, event_id: int) -> set[int]:
        return set(
            await self.session.scalars(select(ExpertJury.expert_id).where(ExpertJury.event_id == event_id))
        )

    async def jury_count(self, expert_id: int) -> int:
        count = await self.session.scalar(select(func.count()).where(ExpertJury.expert_id == expert_id))
        return int(count or 0)

    async def toggle_jury(self, event_id: int, expert_id: int, by_id: int | None, now: datetime) -> bool:
        """On the jury or off it; True when the expert is on it now."""
        found = await self.session.scalar(
            select(ExpertJury).where(ExpertJury.event_id == event_id, ExpertJury.expert_id == expert_id)
        )
        if found is not None:
            await self.session.delete(found)
            await self.session.flush()
            return False
        try:
            async with self.session.begin_nested():
                self.session.add(
                    ExpertJury(event_id=event_id, expert_id=expert_id, assigned_by_id=by_id, assigned_at=now)
                )
                await self.session.flush()
        except IntegrityError:
            pass  # a double tap put them there a moment ago
        return True

    async def activity(
        self, *, municipality_id: int | None, school_id: int | None, start: datetime, end: datetime
    ) -> list[tuple[int, datetime]]:
        """(expert, moment) of reviews sent and contest juries in `start ≤ t < end`, for experts whose
        person is of the territory: the facts of the expert activity indicator."""
        territory: list[ColumnElement[bool]] = []
        if municipality_id is not None:
            territory.append(User.municipality_id == municipality_id)
        if school_id is not None:
            territory.append(User.school_id == school_id)
        reviews = (
            select(PracticeReview.expert_id, PracticeReview.done_at)
            .join(Expert, Expert.id == PracticeReview.expert_id)
            .join(User, User.id == Expert.user_id)
            .where(
                PracticeReview.status == ReviewStatus.DONE,
                PracticeReview.done_at >= start,
                PracticeReview.done_at < end,
                *territory,
            )
        )
        juries = (
            select(ExpertJury.expert_id, Event.starts_at)
            .join(Event, Event.id == ExpertJury.event_id)
            .join(Expert, Expert.id == ExpertJury.expert_id)
            .join(User, User.id == Expert.user_id)
            .where(
                Event.status != EventStatus.CANCELLED,
                Event.starts_at >= start,
                Event.starts_at < end,
                *territory,
            )
        )
        rows = [*(await self.session.execute(reviews)), *(await self.session.execute(juries))]
        return [(int(expert), at) for expert, at in rows if at is not None]

    async def users(self, user_ids: Iterable[int]) -> dict[int, User]:
        ids = list(set(user_ids))
        if not ids:
            return {}
        rows = await self.session.scalars(
            select(User).where(User.id.in_(ids)).options(selectinload(User.roles))
        )
        return {u.id: u for u in rows}

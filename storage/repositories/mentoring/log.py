"""The meeting log, quiet pairs and escalations, adaptation checks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, or_, select

from bot.domain.mentee_questions import MeetingAnswer, PairFit
from bot.domain.mentoring import EscalationKind, PairStatus
from storage.models import (
    AdaptationCheck,
    Escalation,
    MentorMeeting,
    MentorPair,
    User,
)
from storage.repositories.mentoring.base import HOLDING, Queries, young_filter


class LogQueries(Queries):
    """Meetings, sweeps and adaptation checks."""

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

    async def mentee_answers(self, mentee_id: int) -> tuple[list[PairFit], list[MeetingAnswer]]:
        """The young specialist's pairs (active or paused) and their meetings, as answered: what
        `bot.domain.mentee_questions` picks the next question from. Read as columns, not rows this
        session may hold from before another transaction committed."""
        pairs = (
            await self.session.execute(
                select(MentorPair.id, MentorPair.fit_asked_at, MentorPair.fit_answer).where(
                    MentorPair.mentee_id == mentee_id, MentorPair.status.in_(HOLDING)
                )
            )
        ).all()
        if not pairs:
            return [], []
        meetings = await self.session.execute(
            select(
                MentorMeeting.id,
                MentorMeeting.pair_id,
                MentorMeeting.confirmed_at,
                MentorMeeting.disputed_at,
                MentorMeeting.rating,
                MentorMeeting.rating_comment,
            ).where(MentorMeeting.pair_id.in_([p.id for p in pairs]))
        )
        return (
            [PairFit(p.id, p.fit_asked_at is not None, p.fit_answer is not None) for p in pairs],
            [
                MeetingAnswer(
                    m.id,
                    m.pair_id,
                    m.confirmed_at,
                    m.disputed_at is not None,
                    m.rating is not None,
                    m.rating_comment is not None,
                )
                for m in meetings.all()
            ],
        )

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
                MentorPair.status == PairStatus.ACTIVE,
                MentorPair.activated_at.is_not(None),
                or_(
                    and_(MentorPair.last_meeting_at.is_(None), MentorPair.activated_at <= before),
                    MentorPair.last_meeting_at <= before,
                ),
            )
            .order_by(MentorPair.id)
        )
        return [(p, u) for p, u in result.all()]

    async def escalate_once(self, kind: EscalationKind, subject_id: int, now: datetime) -> bool:
        """Record that staff were told; False if they already were."""
        statement = (
            self._insert()(Escalation)
            .values(kind=kind, subject_id=subject_id, at=now)
            .on_conflict_do_nothing(index_elements=["kind", "subject_id"])
            .returning(Escalation.id)
        )
        return (await self.session.execute(statement)).scalar_one_or_none() is not None

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

"""Survey campaigns, their waves, who was asked, the answers."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, delete, exists, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.domain.surveys import CampaignStatus, InviteStatus, Recurrence
from storage.models import (
    SurveyCampaign,
    SurveyInvite,
    SurveyPending,
    SurveyResponse,
    SurveyWave,
    User,
)

INSERT_CHUNK = 500


class SurveyRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _insert(self) -> Any:
        dialect = self.session.bind.dialect.name if self.session.bind is not None else "sqlite"
        return pg_insert if dialect == "postgresql" else sqlite_insert

    # --- campaigns ---------------------------------------------------------------------------------------

    async def create(self, **fields: Any) -> SurveyCampaign:
        row = SurveyCampaign(**fields)
        self.session.add(row)
        await self.session.flush()
        return row

    async def campaign(self, campaign_id: int) -> SurveyCampaign | None:
        return await self.session.get(SurveyCampaign, campaign_id)

    async def update(self, campaign: SurveyCampaign, **fields: Any) -> None:
        for key, value in fields.items():
            setattr(campaign, key, value)
        await self.session.flush()

    async def delete_campaign(self, campaign: SurveyCampaign) -> None:
        await self.session.delete(campaign)
        await self.session.flush()

    async def campaigns(
        self, municipality_id: int | None, offset: int, limit: int
    ) -> tuple[list[SurveyCampaign], int]:
        """Campaigns other than drafts, newest first; a municipal service sees its own."""
        query = select(SurveyCampaign).where(SurveyCampaign.status != CampaignStatus.DRAFT)
        if municipality_id is not None:
            query = query.where(SurveyCampaign.scope_municipality_id == municipality_id)
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = await self.session.scalars(
            query.order_by(SurveyCampaign.id.desc()).offset(offset).limit(limit)
        )
        return list(rows), int(total or 0)

    async def active(self) -> list[SurveyCampaign]:
        return list(
            await self.session.scalars(
                select(SurveyCampaign)
                .where(SurveyCampaign.status == CampaignStatus.ACTIVE)
                .order_by(SurveyCampaign.id)
            )
        )

    # --- waves -------------------------------------------------------------------------------------------

    async def open_wave(
        self, campaign_id: int, period: str, opens_at: datetime, closes_at: datetime, now: datetime
    ) -> SurveyWave | None:
        """The wave of a period, created now — or None when it exists already (another run did it)."""
        statement = (
            self._insert()(SurveyWave)
            .values(
                campaign_id=campaign_id,
                period=period,
                opens_at=opens_at,
                closes_at=closes_at,
                invited=0,
                reminders_sent=0,
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=["campaign_id", "period"])
            .returning(SurveyWave.id)
        )
        wave_id = (await self.session.execute(statement)).scalar_one_or_none()
        return await self.session.get(SurveyWave, wave_id) if wave_id is not None else None

    async def wave(self, wave_id: int) -> SurveyWave | None:
        return await self.session.get(SurveyWave, wave_id)

    async def waves(self, campaign_id: int) -> list[SurveyWave]:
        return list(
            await self.session.scalars(
                select(SurveyWave).where(SurveyWave.campaign_id == campaign_id).order_by(SurveyWave.opens_at)
            )
        )

    async def open_waves(self, now: datetime) -> list[tuple[SurveyWave, SurveyCampaign]]:
        result = await self.session.execute(
            select(SurveyWave, SurveyCampaign)
            .join(SurveyCampaign, SurveyCampaign.id == SurveyWave.campaign_id)
            .where(SurveyWave.closes_at > now, SurveyCampaign.status == CampaignStatus.ACTIVE)
            .order_by(SurveyWave.id)
        )
        return [(w, c) for w, c in result.all()]

    async def set_wave(self, wave: SurveyWave, **fields: Any) -> None:
        for key, value in fields.items():
            setattr(wave, key, value)
        await self.session.flush()

    async def claim_reminder(self, wave_id: int, was: int, number: int) -> bool:
        """Record that reminder `number` of a wave goes now (the counter moves from `was`); False
        when another run got there first."""
        result = await self.session.execute(
            update(SurveyWave)
            .where(SurveyWave.id == wave_id, SurveyWave.reminders_sent == was)
            .values(reminders_sent=number + 1)
        )
        return bool(getattr(result, "rowcount", 0))

    async def finished_once(self, now: datetime) -> list[SurveyCampaign]:
        """Active one-off campaigns whose only wave has closed."""
        closed = select(SurveyWave.campaign_id).where(SurveyWave.closes_at <= now)
        return list(
            await self.session.scalars(
                select(SurveyCampaign).where(
                    SurveyCampaign.status == CampaignStatus.ACTIVE,
                    SurveyCampaign.recurrence == Recurrence.ONCE,
                    SurveyCampaign.id.in_(closed),
                )
            )
        )

    # --- invites -----------------------------------------------------------------------------------------

    async def invite_all(self, wave_id: int, user_ids: Sequence[int]) -> dict[int, int]:
        """An invite per person (a repeated call adds nothing); returns user id → invite id."""
        for start in range(0, len(user_ids), INSERT_CHUNK):
            chunk = [
                {
                    "wave_id": wave_id,
                    "user_id": uid,
                    "status": InviteStatus.INVITED,
                    "draft": {},
                    "skipped": [],
                    "position": 0,
                    "reminders": 0,
                }
                for uid in user_ids[start : start + INSERT_CHUNK]
            ]
            if chunk:
                await self.session.execute(
                    self._insert()(SurveyInvite)
                    .values(chunk)
                    .on_conflict_do_nothing(index_elements=["wave_id", "user_id"])
                )
        rows = await self.session.execute(
            select(SurveyInvite.user_id, SurveyInvite.id).where(SurveyInvite.wave_id == wave_id)
        )
        return {uid: iid for uid, iid in rows.all()}

    async def invite(self, invite_id: int) -> SurveyInvite | None:
        return await self.session.get(SurveyInvite, invite_id)

    async def set_invite(self, invite: SurveyInvite, **fields: Any) -> None:
        for key, value in fields.items():
            setattr(invite, key, value)
        await self.session.flush()

    async def not_answered(self, wave_id: int) -> list[tuple[SurveyInvite, User]]:
        result = await self.session.execute(
            select(SurveyInvite, User)
            .join(User, User.id == SurveyInvite.user_id)
            .where(
                SurveyInvite.wave_id == wave_id,
                SurveyInvite.status != InviteStatus.DONE,
                User.unreachable_at.is_(None),
            )
            .options(selectinload(User.municipality))
            .order_by(SurveyInvite.id)
        )
        return [(i, u) for i, u in result.all()]

    async def open_invites(
        self, user_id: int, now: datetime
    ) -> list[tuple[SurveyInvite, SurveyWave, SurveyCampaign]]:
        """A person's surveys still to answer (waves not closed), newest first."""
        result = await self.session.execute(
            select(SurveyInvite, SurveyWave, SurveyCampaign)
            .join(SurveyWave, SurveyWave.id == SurveyInvite.wave_id)
            .join(SurveyCampaign, SurveyCampaign.id == SurveyWave.campaign_id)
            .where(
                SurveyInvite.user_id == user_id,
                SurveyInvite.status != InviteStatus.DONE,
                SurveyWave.closes_at > now,
                SurveyWave.opens_at <= now,
                SurveyCampaign.status == CampaignStatus.ACTIVE,
            )
            .order_by(SurveyWave.opens_at.desc())
        )
        return [(i, w, c) for i, w, c in result.all()]

    async def answered_count(self, user_id: int) -> int:
        return int(
            await self.session.scalar(
                select(func.count())
                .select_from(SurveyInvite)
                .where(SurveyInvite.user_id == user_id, SurveyInvite.status == InviteStatus.DONE)
            )
            or 0
        )

    async def invite_counts(self, wave_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
        """Wave id → (invited, answered)."""
        if not wave_ids:
            return {}
        answered = func.sum(case((SurveyInvite.status == InviteStatus.DONE, 1), else_=0))
        result = await self.session.execute(
            select(SurveyInvite.wave_id, func.count(), answered)
            .where(SurveyInvite.wave_id.in_(list(wave_ids)))
            .group_by(SurveyInvite.wave_id)
        )
        return {wid: (int(n), int(done or 0)) for wid, n, done in result.all()}

    # --- responses ---------------------------------------------------------------------------------------

    async def add_response(
        self, wave_id: int, user_id: int | None, answers: dict[str, Any], submitted_on: date | None
    ) -> None:
        self.session.add(
            SurveyResponse(wave_id=wave_id, user_id=user_id, answers=answers, submitted_on=submitted_on)
        )
        await self.session.flush()

    async def responses(self, wave_ids: Sequence[int]) -> list[tuple[SurveyResponse, str, User | None]]:
        """Answers of the waves with the wave's period and, where kept, the person."""
        if not wave_ids:
            return []
        result = await self.session.execute(
            select(SurveyResponse, SurveyWave.period, User)
            .join(SurveyWave, SurveyWave.id == SurveyResponse.wave_id)
            .outerjoin(User, User.id == SurveyResponse.user_id)
            .where(SurveyResponse.wave_id.in_(list(wave_ids)))
            .options(selectinload(User.municipality), selectinload(User.school))
            .order_by(SurveyWave.opens_at, SurveyResponse.id)
        )
        return [(r, p, u) for r, p, u in result.all()]

    # --- anonymous answers: pending, then released in shuffled batches ---------------------------------

    async def add_pending(self, wave_id: int, answers: dict[str, Any]) -> None:
        """A finished anonymous questionnaire: no person, no time, a random id (no order)."""
        self.session.add(SurveyPending(id=secrets.token_hex(16), wave_id=wave_id, answers=answers))
        await self.session.flush()

    async def pending_counts(self, wave_ids: Sequence[int]) -> dict[int, int]:
        if not wave_ids:
            return {}
        result = await self.session.execute(
            select(SurveyPending.wave_id, func.count())
            .where(SurveyPending.wave_id.in_(list(wave_ids)))
            .group_by(SurveyPending.wave_id)
        )
        return {wid: int(n) for wid, n in result.all()}

    async def to_release(self, now: datetime) -> list[tuple[int, bool]]:
        """(wave id, closed) of anonymous waves with answers waiting, and of closed anonymous waves
        not sealed yet (their answers are written once more as one batch)."""
        waiting = exists().where(SurveyPending.wave_id == SurveyWave.id)
        closed = SurveyWave.closes_at <= now
        result = await self.session.execute(
            select(SurveyWave.id, closed)
            .join(SurveyCampaign, SurveyCampaign.id == SurveyWave.campaign_id)
            .where(SurveyCampaign.anonymous.is_(True), waiting | (closed & SurveyWave.sealed.is_(False)))
            .order_by(SurveyWave.id)
        )
        return [(wid, bool(is_closed)) for wid, is_closed in result.all()]

    async def claim_pending(self, wave_id: int) -> list[dict[str, Any]]:
        """Take every waiting answer of a wave (deleted as they are read: a second process running
        at the same time gets none of them)."""
        result = await self.session.execute(
            delete(SurveyPending).where(SurveyPending.wave_id == wave_id).returning(SurveyPending.answers)
        )
        return [dict(a) for a in result.scalars().all()]

    async def claim_seal(self, wave_id: int) -> bool:
        """Lock a closed wave for its final shuffle; False when there is nothing left to do."""
        waiting = exists().where(SurveyPending.wave_id == wave_id)
        result = await self.session.execute(
            update(SurveyWave)
            .where(SurveyWave.id == wave_id, SurveyWave.sealed.is_(False) | waiting)
            .values(sealed=True)
        )
        return bool(getattr(result, "rowcount", 0))

    async def take_unnamed(self, wave_id: int) -> list[dict[str, Any]]:
        """Take a wave's answers that name nobody (to write them again as one batch)."""
        result = await self.session.execute(
            delete(SurveyResponse)
            .where(SurveyResponse.wave_id == wave_id, SurveyResponse.user_id.is_(None))
            .returning(SurveyResponse.answers)
        )
        return [dict(a) for a in result.scalars().all()]

    async def add_unnamed(self, wave_id: int, batch: Sequence[dict[str, Any]]) -> None:
        """Answers with no person and no date, in the order given (ids follow it)."""
        for start in range(0, len(batch), INSERT_CHUNK):
            chunk = batch[start : start + INSERT_CHUNK]
            await self.session.execute(
                insert(SurveyResponse).values(
                    [{"wave_id": wave_id, "user_id": None, "answers": a, "submitted_on": None} for a in chunk]
                )
            )

    async def forget(self, user_id: int) -> None:
        """A person deleted their data: their answers stay in the totals, with nothing to tell whose."""
        await self.session.execute(
            update(SurveyResponse)
            .where(SurveyResponse.user_id == user_id)
            .values(user_id=None, submitted_on=None)
        )

    async def drop_drafts(self, wave_id: int) -> None:
        """A closed wave keeps no half-given answers."""
        await self.session.execute(
            update(SurveyInvite)
            .where(SurveyInvite.wave_id == wave_id, SurveyInvite.status != InviteStatus.DONE)
            .values(draft={}, skipped=[])
        )

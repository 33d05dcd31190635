"""Survey campaigns, waves, invites, responses."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.surveys import CampaignStatus, InviteStatus, Recurrence
from storage.models.base import Base, EnumText


class SurveyCampaign(Base):
    """A survey launched by staff from a template: who it is for, when its waves go, how long each
    stays open. The template is kept as it was at launch, so editing the file later changes no
    running campaign."""

    __tablename__ = "survey_campaigns"
    __table_args__ = (Index("ix_survey_campaigns_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[str] = mapped_column(String(32))
    template_version: Mapped[int]
    template: Mapped[dict[str, Any]] = mapped_column(JSON)
    title: Mapped[str] = mapped_column(String(120))
    anonymous: Mapped[bool] = mapped_column(default=False)
    audience: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    recurrence: Mapped[Recurrence] = mapped_column(EnumText(Recurrence, 16))
    starts_at: Mapped[datetime]
    day: Mapped[int] = mapped_column(default=1)
    hour: Mapped[int] = mapped_column(default=10)
    minute: Mapped[int] = mapped_column(default=0)
    open_days: Mapped[int] = mapped_column(default=7)
    closes_at: Mapped[datetime | None]
    status: Mapped[CampaignStatus] = mapped_column(EnumText(CampaignStatus, 16))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    scope_municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipalities.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    launched_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class SurveyWave(Base):
    """One sending of a campaign: "once", or a month "YYYY-MM". Unique per period, so a second
    run of the job (or a second process) cannot open it twice."""

    __tablename__ = "survey_waves"
    __table_args__ = (UniqueConstraint("campaign_id", "period"), Index("ix_survey_waves_closes", "closes_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("survey_campaigns.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(8))
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    invited: Mapped[int] = mapped_column(default=0)
    reminders_sent: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
    # Anonymous campaigns: after the wave closed, all its answers were written again as one
    # shuffled batch (see SurveyPending).
    sealed: Mapped[bool] = mapped_column(default=False, server_default=false())


class SurveyInvite(Base):
    """Who was asked in a wave and whether they have answered — for reminders to those who have
    not. While a person is answering, their answers so far live here (`draft`); on finishing they
    move to `survey_responses` and, in an anonymous campaign, leave no trace of who gave them."""

    __tablename__ = "survey_invites"
    __table_args__ = (UniqueConstraint("wave_id", "user_id"), Index("ix_survey_invites_user", "user_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_waves.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[InviteStatus] = mapped_column(EnumText(InviteStatus, 12))
    draft: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    skipped: Mapped[list[str]] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(default=0)
    reminders: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]


class SurveyResponse(Base):
    """A finished questionnaire, answers as given. `user_id` is empty in an anonymous campaign, and
    becomes empty when a person deletes their data: the answer stays in the totals, unlinked."""

    __tablename__ = "survey_responses"
    __table_args__ = (Index("ix_survey_responses_wave", "wave_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_waves.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The day only, and not for anonymous answers: a precise time could be matched with the invite.
    submitted_on: Mapped[date | None]


class SurveyPending(Base):
    """A finished anonymous questionnaire waiting to be released into `survey_responses`: no person,
    no time, a random id. A periodic job moves pending answers in shuffled batches, in its own
    transaction, so no answer shares a transaction, an order or a moment with its invite."""

    __tablename__ = "survey_pending"
    __table_args__ = (Index("ix_survey_pending_wave", "wave_id"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_waves.id", ondelete="CASCADE"))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)

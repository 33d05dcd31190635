"""Mentoring: profiles, applications, requests, pairs, meetings, adaptation checks, escalations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Float,
    ForeignKey,
    Index,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.mentoring import ApplicationStatus, EscalationKind, FitAnswer, MeetingFormat, PairStatus
from storage.models.base import Base, EnumText


class MentorProfile(Base):
    """A mentor's card: how many mentees they take, a few words about themselves, preferred formats.
    Subjects, school and municipality come from their profile."""

    __tablename__ = "mentor_profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    capacity: Mapped[int] = mapped_column(default=2)
    about: Mapped[str | None] = mapped_column(String(500))
    formats: Mapped[list[str]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class MentorApplication(Base):
    """A teacher asks to become a mentor; staff approve (the role is granted) or decline."""

    __tablename__ = "mentor_applications"
    __table_args__ = (Index("ix_mentor_applications_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    about: Mapped[str | None] = mapped_column(String(500))
    capacity: Mapped[int]
    status: Mapped[ApplicationStatus] = mapped_column(EnumText(ApplicationStatus, 16))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    decided_at: Mapped[datetime | None]
    decided_by_tg_id: Mapped[int | None] = mapped_column(BigInteger)


class MentorRequest(Base):
    """A young specialist asks for a mentor, with wishes the matching honours."""

    __tablename__ = "mentor_requests"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    want_subject: Mapped[str | None] = mapped_column(String(32))
    want_same_school: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class MentorPair(Base):
    __tablename__ = "mentor_pairs"
    __table_args__ = (
        Index("ix_mentor_pairs_mentee_status", "mentee_id", "status"),
        Index("ix_mentor_pairs_mentor_status", "mentor_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    mentee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[PairStatus] = mapped_column(EnumText(PairStatus, 16))
    score: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    activated_at: Mapped[datetime | None]
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    ended_at: Mapped[datetime | None]
    fit_answer: Mapped[FitAnswer | None] = mapped_column(EnumText(FitAnswer, 8))
    fit_asked_at: Mapped[datetime | None]
    fit_at: Mapped[datetime | None]
    last_meeting_at: Mapped[datetime | None]
    # The silent stretch (named by when it began) already nudged about / flagged to staff.
    nudged_key: Mapped[str | None] = mapped_column(String(16))
    risk_key: Mapped[str | None] = mapped_column(String(16))
    risk_at: Mapped[datetime | None]


class MentorMeeting(Base):
    """A meeting the mentor logged. `token` is minted when the log form opens: the same form
    saved twice (a double tap, a slow network) is one meeting."""

    __tablename__ = "mentor_meetings"
    __table_args__ = (Index("ix_mentor_meetings_pair_id", "pair_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("mentor_pairs.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(String(32), unique=True)
    held_on: Mapped[date]
    format: Mapped[MeetingFormat] = mapped_column(EnumText(MeetingFormat, 16))
    topic: Mapped[str] = mapped_column(String(200))
    minutes: Mapped[int]
    note: Mapped[str | None] = mapped_column(String(1000))
    photo_file_id: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    confirmed_at: Mapped[datetime | None]
    disputed_at: Mapped[datetime | None]
    rating: Mapped[int | None]
    rating_comment: Mapped[str | None] = mapped_column(String(500))


class AdaptationCheck(Base):
    """A young specialist's monthly adaptation check: one row per month, answers as given."""

    __tablename__ = "adaptation_checks"
    __table_args__ = (UniqueConstraint("user_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM in the person's time zone
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    sent_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    position: Mapped[int] = mapped_column(default=0)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Escalation(Base):
    """Something staff were told about once (a young specialist unpaired for a week, …)."""

    __tablename__ = "escalations"
    __table_args__ = (UniqueConstraint("kind", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[EscalationKind] = mapped_column(EnumText(EscalationKind, 16))
    subject_id: Mapped[int]  # a user id or pair id, per kind
    at: Mapped[datetime]

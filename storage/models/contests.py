"""Contests with results (stages, application materials, results per participant), contests held
elsewhere recorded by teachers, and the target groups teachers work with (part 11)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.contests import ContestResult, RecordStatus, TargetGroup
from bot.domain.events import EventLevel
from storage.models.base import Base, EnumText


class ContestStage(Base):
    """One stage of a contest (applications, the correspondence round, the final, results)."""

    __tablename__ = "contest_stages"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    starts_on: Mapped[date]
    ends_on: Mapped[date | None]


class ContestMaterial(Base):
    """A file or a link a participant attached to their application."""

    __tablename__ = "contest_materials"
    __table_args__ = (Index("ix_contest_materials_event_user", "event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    file_id: Mapped[str | None] = mapped_column(String(255))
    file_name: Mapped[str | None] = mapped_column(String(255))
    link: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]


class ContestResultRow(Base):
    """A participant's result in a contest of the bot: one per person and contest."""

    __tablename__ = "contest_results"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    result: Mapped[ContestResult] = mapped_column(EnumText(ContestResult, 16))
    recorded_at: Mapped[datetime]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class ExternalContest(Base):
    """A contest held elsewhere, recorded by the teacher with a diploma, confirmed by their methodist."""

    __tablename__ = "external_contests"
    __table_args__ = (Index("ix_external_contests_status", "status", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    level: Mapped[EventLevel] = mapped_column(EnumText(EventLevel, 16))
    held_on: Mapped[date]
    result: Mapped[ContestResult] = mapped_column(EnumText(ContestResult, 16))
    file_id: Mapped[str] = mapped_column(String(255))
    file_kind: Mapped[str] = mapped_column(String(8))  # document | photo
    status: Mapped[RecordStatus] = mapped_column(EnumText(RecordStatus, 16))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    reviewed_at: Mapped[datetime | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class TargetGroupMark(Base):
    """A group of children a teacher works with, marked by the teacher and confirmed by staff."""

    __tablename__ = "target_groups"
    __table_args__ = (UniqueConstraint("user_id", "group"), Index("ix_target_groups_status", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    group: Mapped[TargetGroup] = mapped_column(EnumText(TargetGroup, 16))
    status: Mapped[RecordStatus] = mapped_column(EnumText(RecordStatus, 16))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    reviewed_at: Mapped[datetime | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

"""Methodological associations: the association, its members and leaders, leader invites, the plan
of work, meetings (each an event of part 5) with materials, minutes and talks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, false, func
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.associations import Level, MemberRole, MemberStatus, PlanForm
from storage.models.base import Base, EnumText


class Association(Base):
    __tablename__ = "associations"
    __table_args__ = (
        Index("ix_associations_level_municipality", "level", "municipality_id"),
        Index("ix_associations_school_id", "school_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    level: Mapped[Level] = mapped_column(EnumText(Level, 16))
    # A subject code (bot.domain.profile.SUBJECTS) or None for a direction named in `name` only.
    subject: Mapped[str | None] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id", ondelete="CASCADE"))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id", ondelete="CASCADE"))
    needs_approval: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class AssociationMember(Base):
    """A member (or a leader) of an association, or a request to join one."""

    __tablename__ = "association_members"
    __table_args__ = (
        UniqueConstraint("association_id", "user_id"),
        Index("ix_association_members_user_id", "user_id", "status"),
        Index("ix_association_members_association_status", "association_id", "status", "role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("associations.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    role: Mapped[MemberRole] = mapped_column(EnumText(MemberRole, 16))
    status: Mapped[MemberStatus] = mapped_column(EnumText(MemberStatus, 16))
    created_at: Mapped[datetime]
    joined_at: Mapped[datetime | None]


class AssociationInvite(Base):
    """A link that makes whoever opens it a leader of one association."""

    __tablename__ = "association_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("associations.id", ondelete="CASCADE"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    expires_at: Mapped[datetime]
    max_uses: Mapped[int]
    uses: Mapped[int] = mapped_column(default=0)
    revoked_at: Mapped[datetime | None]


class AssociationPlanItem(Base):
    __tablename__ = "association_plan_items"
    __table_args__ = (Index("ix_association_plan_items_association_year", "association_id", "school_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("associations.id", ondelete="CASCADE"))
    school_year: Mapped[int]  # the school year's first calendar year
    month: Mapped[int]
    form: Mapped[PlanForm] = mapped_column(EnumText(PlanForm, 24))
    topic: Mapped[str] = mapped_column(String(300))
    responsible: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class AssociationMeeting(Base):
    """A meeting of an association: an event of part 5 (date, place, reminders, attendance in its
    registrations) plus the agenda, the materials, the minutes."""

    __tablename__ = "association_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    association_id: Mapped[int] = mapped_column(ForeignKey("associations.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), unique=True)
    agenda: Mapped[str] = mapped_column(Text, default="")
    minutes_file_id: Mapped[str | None] = mapped_column(String(255))
    minutes_file_name: Mapped[str | None] = mapped_column(String(255))
    minutes_at: Mapped[datetime | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class AssociationMaterial(Base):
    __tablename__ = "association_materials"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("association_meetings.id", ondelete="CASCADE"), index=True
    )
    file_id: Mapped[str] = mapped_column(String(255))
    file_name: Mapped[str | None] = mapped_column(String(255))


class AssociationTalk(Base):
    """A member gave a talk at a meeting (marked by the leader)."""

    __tablename__ = "association_talks"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("association_meetings.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

"""Routes (ИОМ), their steps, evidence, reminders; methodists' assignments."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.domain.diagnostics import Level, StepForm
from bot.domain.routes import AssignmentSource, Due, EvidenceKind, RouteStatus, StepSource, StepStatus
from storage.models.base import Base, EnumText


class MethodistAssignment(Base):
    """Which methodist accompanies a teacher (by staff, or chosen by municipality and subject)."""

    __tablename__ = "methodist_assignments"

    teacher_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    methodist_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    source: Mapped[AssignmentSource] = mapped_column(EnumText(AssignmentSource, 16))
    assigned_at: Mapped[datetime] = mapped_column(server_default=func.now())


class Route(Base):
    """A teacher's individual educational route (ИОМ): draft → submitted → returned/approved."""

    __tablename__ = "routes"
    __table_args__ = (Index("ix_routes_user_id", "user_id"), Index("ix_routes_status", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The diagnosis the route was built on (kept for the effect shown after re-diagnosis).
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("diagnosis_attempts.id", ondelete="SET NULL"))
    status: Mapped[RouteStatus] = mapped_column(EnumText(RouteStatus, 16))
    goal: Mapped[str | None] = mapped_column(String(500))
    period_start: Mapped[date]
    period_end: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    submitted_at: Mapped[datetime | None]
    reviewed_at: Mapped[datetime | None]
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime | None]
    review_comment: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None]
    archived_at: Mapped[datetime | None]
    last_nudge_at: Mapped[datetime | None]

    steps: Mapped[list[RouteStep]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="RouteStep.position",
        lazy="selectin",
    )


class RouteStep(Base):
    __tablename__ = "route_steps"
    # Leads with the route (its steps, the cascade); the rest covers the indicators report, which
    # reads every step's form, status and moments without touching the rows (their long texts).
    __table_args__ = (
        Index("ix_route_steps_route_facts", "route_id", "form", "status", "started_at", "done_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("routes.id", ondelete="CASCADE"))
    position: Mapped[int]
    form: Mapped[StepForm] = mapped_column(EnumText(StepForm, 16))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str | None] = mapped_column(String(500))
    hours: Mapped[int | None]
    area: Mapped[str | None] = mapped_column(String(32))
    level: Mapped[Level | None] = mapped_column(EnumText(Level, 8))
    source: Mapped[StepSource] = mapped_column(EnumText(StepSource, 16))
    planned_start: Mapped[date]
    planned_end: Mapped[date]
    status: Mapped[StepStatus] = mapped_column(EnumText(StepStatus, 16))
    started_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    drop_reason: Mapped[str | None] = mapped_column(String(300))
    comment: Mapped[str | None] = mapped_column(Text)  # the methodist's comment on this step

    evidence: Mapped[list[StepEvidence]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="StepEvidence.id", lazy="selectin"
    )


class StepEvidence(Base):
    """Proof that a step was done: a Telegram file (by file_id), a link or a few words."""

    __tablename__ = "step_evidence"
    __table_args__ = (Index("ix_step_evidence_step_id", "step_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("route_steps.id", ondelete="CASCADE"))
    kind: Mapped[EvidenceKind] = mapped_column(EnumText(EvidenceKind, 16))
    file_id: Mapped[str | None] = mapped_column(String(255))
    file_unique_id: Mapped[str | None] = mapped_column(String(64))
    file_name: Mapped[str | None] = mapped_column(String(255))
    mime_type: Mapped[str | None] = mapped_column(String(100))
    file_size: Mapped[int | None]
    text: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class RouteReminder(Base):
    """A reminder about a step, recorded before it is sent: the sweep never repeats one.

    `sent_at` stays empty until Telegram accepted the message; a claim older than a few minutes
    without it (the process died in between) is sent again by the next sweep.
    """

    __tablename__ = "route_reminders"
    __table_args__ = (
        UniqueConstraint("step_id", "kind"),
        Index("ix_route_reminders_route_id", "route_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("routes.id", ondelete="CASCADE"))
    step_id: Mapped[int] = mapped_column(ForeignKey("route_steps.id", ondelete="CASCADE"))
    kind: Mapped[Due] = mapped_column(EnumText(Due, 8))
    claimed_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    failed: Mapped[str | None] = mapped_column(String(200))


class RouteReturn(Base):
    """What a route held when the methodist last returned it: the methodist is told, when the teacher
    sends it again, what changed since (bot/domain/route_changes). One per route, replaced at each
    return; it goes with the route."""

    __tablename__ = "route_returns"

    route_id: Mapped[int] = mapped_column(ForeignKey("routes.id", ondelete="CASCADE"), primary_key=True)
    returned_at: Mapped[datetime]
    goal: Mapped[str | None] = mapped_column(String(500))

    steps: Mapped[list[ReturnedStep]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ReturnedStep.position",
        lazy="selectin",
    )


class ReturnedStep(Base):
    """A step as it stood at the return."""

    __tablename__ = "route_returned_steps"
    __table_args__ = (Index("ix_route_returned_steps_route_id", "route_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("route_returns.route_id", ondelete="CASCADE"))
    # No foreign key: the step may have been deleted since, which is one of the changes to tell.
    step_id: Mapped[int]
    position: Mapped[int]
    form: Mapped[StepForm] = mapped_column(EnumText(StepForm, 16))
    title: Mapped[str] = mapped_column(String(300))
    planned_start: Mapped[date | None]
    planned_end: Mapped[date | None]
    status: Mapped[StepStatus] = mapped_column(EnumText(StepStatus, 16))
    evidence: Mapped[int] = mapped_column(default=0)  # pieces of evidence attached

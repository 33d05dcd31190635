"""Booking a consultation: a methodist's time slots, each booked by one teacher at most."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.consult_slots import Outcome, SlotStatus
from storage.models.base import Base, EnumText


class ConsultSlot(Base):
    """A time a methodist offers for a consultation. The booking lives on the row itself: taking it
    is one conditional update (`status` open → booked), so a double tap or two teachers at once
    end with one booking."""

    __tablename__ = "consult_slots"
    __table_args__ = (
        Index("ix_consult_slots_methodist_starts", "methodist_id", "starts_at"),
        Index("ix_consult_slots_status_starts", "status", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    methodist_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime]
    minutes: Mapped[int]
    # The methodist's municipality's zone when published: the slot's times are shown in it.
    timezone: Mapped[str] = mapped_column(String(64))
    link: Mapped[str | None] = mapped_column(String(500))  # online
    place: Mapped[str | None] = mapped_column(String(300))  # in person
    topic: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[SlotStatus] = mapped_column(EnumText(SlotStatus, 16), default=SlotStatus.OPEN)
    teacher_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    booked_at: Mapped[datetime | None]
    reminded_day_at: Mapped[datetime | None]
    reminded_hour_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]
    outcome: Mapped[Outcome | None] = mapped_column(EnumText(Outcome, 16))
    outcome_at: Mapped[datetime | None]
    # The route step this consultation was counted for (once).
    route_step_id: Mapped[int | None] = mapped_column(ForeignKey("route_steps.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

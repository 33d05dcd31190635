"""Attestation: a teacher's qualification categories, one record per order (bot/domain/attestation)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.attestation import AttSource, AttStatus, Category
from storage.models.base import Base, EnumText


class AttestationRecord(Base):
    """A category awarded to a teacher by an order (claimed, confirmed or rejected).

    One per (teacher, category, date awarded): a second claim of the same order, a double tap or a
    file of orders imported again find the row there already. A claim typed at registration has no
    order and no dates yet. A confirmed record stops being the current one (`superseded_at`) when a
    later category is confirmed; reminders are claimed by setting `reminded_6_at`/`reminded_3_at`
    only where they are empty (one process wins), and the support route offered with them once by
    `support_at`.
    """

    __tablename__ = "attestation_records"
    __table_args__ = (
        UniqueConstraint("user_id", "category", "awarded_on"),
        # The sweep: current confirmed records by expiry; the staff's queue: claims by date.
        Index("ix_attestation_records_status_expires", "status", "expires_on"),
        Index("ix_attestation_records_user_status", "user_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    category: Mapped[Category] = mapped_column(EnumText(Category, 16))
    awarded_on: Mapped[date | None]
    expires_on: Mapped[date | None]
    order_number: Mapped[str | None] = mapped_column(String(64))
    order_date: Mapped[date | None]
    scan_file_id: Mapped[str | None] = mapped_column(String(255))
    scan_kind: Mapped[str | None] = mapped_column(String(16))  # photo / document
    status: Mapped[AttStatus] = mapped_column(EnumText(AttStatus, 16))
    source: Mapped[AttSource] = mapped_column(EnumText(AttSource, 16))
    reject_reason: Mapped[str | None] = mapped_column(String(300))
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    superseded_at: Mapped[datetime | None]
    reminded_6_at: Mapped[datetime | None]
    reminded_3_at: Mapped[datetime | None]
    support_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

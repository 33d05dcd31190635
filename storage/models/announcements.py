"""Announcements: free-form news from staff to an audience, sent through a broadcast."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.announcements import AnnouncementStatus, Attachment
from storage.models.base import Base, EnumText


class Announcement(Base):
    """A text with an optional picture or document and link buttons, for an audience (the same
    rule as an event's); its broadcast, once sent, holds the message as teachers got it."""

    __tablename__ = "announcements"
    __table_args__ = (
        # The job's look for what is due, and the teachers' «Новости» (newest first).
        Index("ix_announcements_status_send_at", "status", "send_at"),
        Index("ix_announcements_status_sent_at", "status", "sent_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    file_id: Mapped[str | None] = mapped_column(String(255))
    file_kind: Mapped[Attachment | None] = mapped_column(EnumText(Attachment, 16))
    file_name: Mapped[str | None] = mapped_column(String(255))
    # Link buttons: [{"text": ..., "url": "https://..."}], in order.
    buttons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Who it is for, as an event's audience: {"roles": [...], "municipalities": [...], ...}.
    audience: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    timezone: Mapped[str] = mapped_column(String(64))  # the author's, for the time they type
    status: Mapped[AnnouncementStatus] = mapped_column(EnumText(AnnouncementStatus, 16))
    send_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    broadcast_id: Mapped[int | None] = mapped_column(ForeignKey("broadcasts.id", ondelete="SET NULL"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())

"""Events, registrations, broadcasts and the outbox."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.events import (
    BroadcastKind,
    BroadcastStatus,
    EventKind,
    EventLevel,
    EventStatus,
    RegistrationStatus,
)
from bot.domain.outbox import OutboxStatus
from storage.models.base import Base, EnumText


class Event(Base):
    """A seminar, webinar, contest, grant… announced by staff (or a methodist) to an audience."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_status_starts", "status", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[EventKind] = mapped_column(EnumText(EventKind, 16))
    level: Mapped[EventLevel] = mapped_column(EnumText(EventLevel, 16))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    timezone: Mapped[str] = mapped_column(String(64))
    place: Mapped[str | None] = mapped_column(String(300))
    link: Mapped[str | None] = mapped_column(String(500))
    deadline: Mapped[datetime | None]
    capacity: Mapped[int | None]
    image_file_id: Mapped[str | None] = mapped_column(String(255))
    file_id: Mapped[str | None] = mapped_column(String(255))
    file_name: Mapped[str | None] = mapped_column(String(255))
    # Who it is for: {"roles": [...], "municipalities": [...], "schools": [...], "subjects": [...],
    # "young": bool, "areas": [...]}; an empty list means "any".
    audience: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[EventStatus] = mapped_column(EnumText(EventStatus, 16))
    publish_at: Mapped[datetime | None]
    urgent: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    published_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]


class EventRegistration(Base):
    __tablename__ = "event_registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id"),
        # A person's registrations; covering for the indicators report.
        Index("ix_event_registrations_user_facts", "user_id", "status", "event_id", "created_at", "attended"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[RegistrationStatus] = mapped_column(EnumText(RegistrationStatus, 16))
    created_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]
    attended: Mapped[bool | None]
    rating: Mapped[int | None]
    feedback: Mapped[str | None] = mapped_column(String(500))
    reminded_day_at: Mapped[datetime | None]
    reminded_hour_at: Mapped[datetime | None]
    feedback_asked_at: Mapped[datetime | None]
    route_step_id: Mapped[int | None] = mapped_column(ForeignKey("route_steps.id", ondelete="SET NULL"))


class Broadcast(Base):
    """One mass sending: the message and its progress; recipients are rows of `outbox`."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[BroadcastKind] = mapped_column(EnumText(BroadcastKind, 16))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    text: Mapped[str] = mapped_column(Text)
    markup: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    photo_file_id: Mapped[str | None] = mapped_column(String(255))
    # An announcement's document: sent with the text as its caption.
    document_file_id: Mapped[str | None] = mapped_column(String(255))
    urgent: Mapped[bool] = mapped_column(default=False)
    status: Mapped[BroadcastStatus] = mapped_column(EnumText(BroadcastStatus, 16))
    total: Mapped[int] = mapped_column(default=0)
    # Rows found "in flight" after a crash and sent again: the only possible duplicates.
    resent_after_crash: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    finished_at: Mapped[datetime | None]
    progress_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_message_id: Mapped[int | None] = mapped_column(BigInteger)


class OutboxMessage(Base):
    """One message to one person, sent by the outbox worker at the global rate."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_status_not_before", "status", "not_before"),
        Index("ix_outbox_broadcast_status", "broadcast_id", "status"),
        # What was delivered to whom, read by the indicators report («informed») from the index
        # alone: the rows themselves carry the texts.
        Index("ix_outbox_sent_user", "status", "user_id", "sent_at", "broadcast_id", "dedupe"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    broadcast_id: Mapped[int | None] = mapped_column(ForeignKey("broadcasts.id", ondelete="CASCADE"))
    # A person who deletes their data takes their queued and sent messages with them.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[OutboxStatus] = mapped_column(EnumText(OutboxStatus, 12))
    attempts: Mapped[int] = mapped_column(default=0)
    not_before: Mapped[datetime]
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(String(200))
    # A personal text instead of the broadcast's (a reminder, a digest).
    text: Mapped[str | None] = mapped_column(Text)
    markup: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # One row per (dedupe) key at most: a job that enqueues twice adds nothing the second time.
    dedupe: Mapped[str | None] = mapped_column(String(64), unique=True)

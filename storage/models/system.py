"""The bot's own bookkeeping: dialogue state, secrets, screen fingerprints, job runs."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Index,
    String,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base


class FsmRecord(Base):
    """aiogram FSM state and data, so a half-finished dialogue survives a restart."""

    __tablename__ = "fsm_records"
    __table_args__ = (Index("ix_fsm_records_updated_at", "updated_at"),)

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(255))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class InstallationSecret(Base):
    """Secrets this installation generated for itself, once (the key of the pseudonyms)."""

    __tablename__ = "installation_secrets"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class ScreenEdit(Base):
    """What the bot's latest edit of a message left in it (fingerprints only), so that a tap on a
    stale copy of that message — a double tap, or one that straddles a restart or reaches another
    process — is recognised and no edit that changes nothing is asked of Telegram."""

    __tablename__ = "screen_edits"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    edited_at: Mapped[int] = mapped_column(BigInteger)  # Telegram's edit_date, in seconds
    before: Mapped[str | None] = mapped_column(String(32))
    after: Mapped[str] = mapped_column(String(32))
    kept_at: Mapped[datetime] = mapped_column(index=True)


class JobRun(Base):
    """What a periodic job did: one row per run, for staff's schedule screen and for the log."""

    __tablename__ = "job_runs"
    __table_args__ = (Index("ix_job_runs_job_started", "job_id", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str] = mapped_column(String(40))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    done: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(String(300))

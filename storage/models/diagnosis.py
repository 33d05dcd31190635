"""Content versions and the diagnosis: attempts, answers, results."""

from __future__ import annotations

from datetime import datetime
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
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.diagnostics import ContentKind, Level
from storage.models.base import Base, EnumText


class ContentVersion(Base):
    """A validated questionnaire or recommendation catalogue. Old attempts keep pointing to the
    version they were taken on; one version per content id is active."""

    __tablename__ = "content_versions"
    __table_args__ = (UniqueConstraint("kind", "content_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ContentKind] = mapped_column(EnumText(ContentKind, 16))
    content_id: Mapped[str] = mapped_column(String(32))
    version: Mapped[int]
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    sha256: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(16))
    uploaded_by_tg_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class DiagnosisAttempt(Base):
    __tablename__ = "diagnosis_attempts"
    __table_args__ = (Index("ix_diagnosis_attempts_user_finished", "user_id", "finished_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    content_version_id: Mapped[int] = mapped_column(ForeignKey("content_versions.id", ondelete="RESTRICT"))
    questionnaire_id: Mapped[str] = mapped_column(String(32), index=True)
    started_at: Mapped[datetime] = mapped_column(server_default=func.now())
    finished_at: Mapped[datetime | None]
    # Index of the item on screen, so a resume lands exactly where the teacher stopped.
    position: Mapped[int] = mapped_column(default=0)


class DiagnosisAnswer(Base):
    __tablename__ = "diagnosis_answers"

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("diagnosis_attempts.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int]
    answered_at: Mapped[datetime] = mapped_column(server_default=func.now())


class DiagnosisResult(Base):
    """Per-area score and level of a finished attempt, stored for history and aggregates."""

    __tablename__ = "diagnosis_results"
    # The attempts that gave some area a level (the report's «recommended»), without reading rows.
    __table_args__ = (
        Index(
            "ix_diagnosis_results_leveled",
            "attempt_id",
            sqlite_where=text("level IS NOT NULL"),
            postgresql_where=text("level IS NOT NULL"),
        ),
    )

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("diagnosis_attempts.id", ondelete="CASCADE"), primary_key=True
    )
    area: Mapped[str] = mapped_column(String(32), primary_key=True)
    score: Mapped[float | None] = mapped_column(Float)
    level: Mapped[Level | None] = mapped_column(EnumText(Level, 8))

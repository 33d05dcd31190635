"""The bank of effective practices, the expert pool and the experts' reviews."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, event, func, text
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.practice_bank import search_text
from bot.domain.practices import ExpertStatus, PracticeForm, PracticeStatus, ReviewStatus
from storage.models.base import Base, EnumText

# The document PostgreSQL searches; the repository's query spells the same expression, so the index serves it.
SEARCH_DOCUMENT = (
    "to_tsvector('russian'::regconfig, "
    "(COALESCE(title, ''::character varying)::text || ' '::text) || COALESCE(description, ''::text))"
)


class Expert(Base):
    """A member of the expert pool: the subjects they review and where they work."""

    __tablename__ = "experts"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    subjects: Mapped[list[str]] = mapped_column(JSON, default=list)
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipalities.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[ExpertStatus] = mapped_column(EnumText(ExpertStatus, 16), index=True)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    approved_at: Mapped[datetime | None]
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))


class Practice(Base):
    """A teacher's practice: a draft, under review, or published in the bank."""

    __tablename__ = "practices"
    __table_args__ = (
        Index("ix_practices_status_published", "status", "published_at"),
        # PostgreSQL's full-text search of published practices (migration 0016; SQLite has its FTS5 table).
        Index(
            "ix_practices_search",
            text(SEARCH_DOCUMENT),
            postgresql_using="gin",
            postgresql_where=text("status = 'published'"),
        ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # The author's school and municipality when submitted: no expert of that school reviews it.
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id", ondelete="SET NULL"))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200), default="")
    subjects: Mapped[list[str]] = mapped_column(JSON, default=list)
    grades: Mapped[list[int]] = mapped_column(JSON, default=list)
    form: Mapped[PracticeForm | None] = mapped_column(EnumText(PracticeForm, 24))
    description: Mapped[str] = mapped_column(Text, default="")
    links: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[PracticeStatus] = mapped_column(EnumText(PracticeStatus, 16), default=PracticeStatus.DRAFT)
    round: Mapped[int] = mapped_column(default=0)  # 1 at the first submission, +1 at each resubmission
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None]
    # The expert review (0017): reviews the current round needs (2, or 3 after a disagreement), and
    # a counter every assignment of experts bumps conditionally — two processes never both staff it.
    reviewers_needed: Mapped[int] = mapped_column(default=2, server_default=text("2"))
    assign_seq: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    # The stems of the title and description (`bot.domain.practice_bank.search_text`), refreshed by the
    # listener below on every ORM save; SQLite's full-text table copies it while the practice is
    # published (triggers of migration 0016). PostgreSQL searches the texts themselves.
    search_stems: Mapped[str] = mapped_column(Text, default="")
    # Counted in the author's route and indicators once (`bot.services.practices.published.on_published`).
    counted_at: Mapped[datetime | None]
    route_step_id: Mapped[int | None] = mapped_column(ForeignKey("route_steps.id", ondelete="SET NULL"))


@event.listens_for(Practice, "before_insert")
@event.listens_for(Practice, "before_update")
def _stems(_mapper: object, _connection: object, practice: Practice) -> None:
    """Whoever saves a practice through the ORM (the author's wizard, the experts' side, a test) keeps
    its search words in step with its texts."""
    practice.search_stems = search_text(practice.title or "", practice.description or "")


class PracticeFile(Base):
    """A file of a practice, kept as Telegram's file_id."""

    __tablename__ = "practice_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"), index=True)
    file_id: Mapped[str] = mapped_column(String(255))
    file_name: Mapped[str | None] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16))  # document, photo
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class PracticeReview(Base):
    """One expert's review of one round of a practice: scores per criterion of the sheet and a comment."""

    __tablename__ = "practice_reviews"
    __table_args__ = (
        UniqueConstraint("practice_id", "round", "expert_id", name="uq_practice_reviews_round_expert"),
        Index("ix_practice_reviews_expert_status", "expert_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"), index=True)
    round: Mapped[int]
    expert_id: Mapped[int] = mapped_column(ForeignKey("experts.id", ondelete="CASCADE"))
    status: Mapped[ReviewStatus] = mapped_column(EnumText(ReviewStatus, 16), default=ReviewStatus.ASSIGNED)
    scores: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # criterion key -> points
    comment: Mapped[str | None] = mapped_column(Text)
    assigned_at: Mapped[datetime] = mapped_column(server_default=func.now())
    due_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]


class ExpertJury(Base):
    """An expert sitting on the jury of a contest (an event of the contest kind), put there by staff."""

    __tablename__ = "expert_juries"
    __table_args__ = (UniqueConstraint("event_id", "expert_id", name="uq_expert_juries_event_expert"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    expert_id: Mapped[int] = mapped_column(ForeignKey("experts.id", ondelete="CASCADE"), index=True)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    assigned_at: Mapped[datetime] = mapped_column(server_default=func.now())

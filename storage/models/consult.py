"""Consultations with a methodist: a teacher's question and the conversation about it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from bot.domain.consult import ConsultTopic, MessageKind, QuestionStatus, Side
from storage.models.base import Base, EnumText


class ConsultQuestion(Base):
    """A teacher's question to a methodist. Times are naive UTC, as everywhere in the schema."""

    __tablename__ = "consult_questions"
    __table_args__ = (
        # The methodist's queue (open, whose turn, oldest deadline first) and the SLA jobs.
        Index("ix_consult_questions_methodist_status", "methodist_id", "status", "due_at"),
        Index("ix_consult_questions_status_due", "status", "due_at"),
        # One question per draft: a double tap on «send» (or two processes) makes one row.
        UniqueConstraint("teacher_id", "draft_key", name="uq_consult_questions_teacher_draft"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    teacher_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # None: nobody to route to yet (no methodist for this subject and municipality); staff see it.
    methodist_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    topic: Mapped[ConsultTopic] = mapped_column(EnumText(ConsultTopic, 24))
    subject: Mapped[str | None] = mapped_column(String(32))
    # The teacher's municipality when asked: the report and the routing keep it if the profile changes.
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipalities.id", ondelete="SET NULL"), index=True
    )
    status: Mapped[QuestionStatus] = mapped_column(EnumText(QuestionStatus, 16), default=QuestionStatus.OPEN)
    waiting_on: Mapped[Side] = mapped_column(EnumText(Side, 16), default=Side.METHODIST)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    # The service level: the first answer is due within 2 working days of the question.
    due_at: Mapped[datetime | None]
    first_answer_at: Mapped[datetime | None]
    last_activity_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]  # the methodist was reminded before the deadline
    escalated_at: Mapped[datetime | None]  # overdue: staff were told (once)
    closed_at: Mapped[datetime | None]
    closed_by: Mapped[Side | None] = mapped_column(EnumText(Side, 16))
    rating: Mapped[int | None]  # 1..5, by the teacher after closing
    # The teacher allows the answer to be published in the FAQ without their name.
    faq_consent: Mapped[bool | None]
    # The teacher's draft it was sent from (0013): the key of the ask dialogue, unique per teacher.
    draft_key: Mapped[str | None] = mapped_column(String(32))


class ConsultMessage(Base):
    """One message of the conversation, as the bot relayed it: text, or a file by Telegram file_id."""

    __tablename__ = "consult_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("consult_questions.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    side: Mapped[Side] = mapped_column(EnumText(Side, 16))
    kind: Mapped[MessageKind] = mapped_column(EnumText(MessageKind, 16))
    text: Mapped[str | None] = mapped_column(Text)
    file_id: Mapped[str | None] = mapped_column(String(255))
    file_name: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class ConsultFaq(Base):
    """An answer published in «Частые вопросы»: a closed question, with the asker's consent, edited
    by the methodist into a question and an answer without the asker's name (0013)."""

    __tablename__ = "consult_faq"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Published once: a double tap on «publish» makes one entry.
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("consult_questions.id", ondelete="SET NULL"), unique=True
    )
    topic: Mapped[ConsultTopic] = mapped_column(EnumText(ConsultTopic, 24), index=True)
    subject: Mapped[str | None] = mapped_column(String(32))
    question: Mapped[str] = mapped_column(Text)
    answer: Mapped[str] = mapped_column(Text)
    # The Snowball stems of the question and the answer, space-separated with a space on each side
    # (`bot.domain.consult.search_text`): a word in any grammatical form finds its stem.
    search: Mapped[str] = mapped_column(Text)
    methodist_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_at: Mapped[datetime] = mapped_column(server_default=func.now())


class ConsultFaqWord(Base):
    """The FAQ's index: one row per stem of an entry (its `search` column split), with the entry's
    topic, so that a search ranks entries from the index alone, on both backends (0013). Clustered
    by stem on SQLite (WITHOUT ROWID): the rows of one stem are read together."""

    __tablename__ = "consult_faq_words"
    __table_args__ = (Index("ix_consult_faq_words_entry_id", "entry_id"), {"sqlite_with_rowid": False})

    stem: Mapped[str] = mapped_column(String(64), primary_key=True)
    entry_id: Mapped[int] = mapped_column(ForeignKey("consult_faq.id", ondelete="CASCADE"), primary_key=True)
    topic: Mapped[ConsultTopic] = mapped_column(EnumText(ConsultTopic, 24))

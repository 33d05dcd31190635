"""What «Вопрос методисту» tells the other side (rendered by bot/ui/consult/notices)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.consult import ConsultTopic, MessageKind, Side
from bot.services.notices import Notice


@dataclass(frozen=True, slots=True)
class QuestionArrived(Notice):
    """To the methodist: a teacher's new question (or one staff passed on to them)."""

    question_id: int
    teacher: str | None
    topic: ConsultTopic
    subject: str | None
    kind: MessageKind
    text: str | None
    due: datetime | None  # in the methodist's time zone


@dataclass(frozen=True, slots=True)
class ReplyArrived(Notice):
    """To the other side of the conversation: a new message, relayed by the bot. `to` says whose
    buttons it gets; `author` is the teacher's or the methodist's name, never a contact."""

    question_id: int
    to: Side
    author: str | None
    topic: ConsultTopic
    kind: MessageKind
    text: str | None


@dataclass(frozen=True, slots=True)
class QuestionClosed(Notice):
    """To the other side: the question was closed. The teacher is asked to rate the answer."""

    question_id: int
    to: Side
    author: str | None
    topic: ConsultTopic

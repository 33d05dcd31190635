"""What the service level and staff's reassigning tell people — data only; `bot/ui/consult_staff`
renders each kind in the recipient's language, and the notifier queues it in the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.consult import ConsultTopic
from bot.domain.consult_staff import Escalation
from bot.services.notices import Notice


@dataclass(frozen=True, slots=True)
class AnswerSoon(Notice):
    """To the methodist, once before the deadline: a question still waits for the first answer."""

    question_id: int
    topic: ConsultTopic
    teacher: str | None
    due_at: datetime
    timezone: str


@dataclass(frozen=True, slots=True)
class NeedsStaff(Notice):
    """To staff whose scope covers the question: overdue, or nobody to route it to; with «Передать»."""

    question_id: int
    reason: Escalation
    topic: ConsultTopic
    teacher: str | None
    methodist: str | None
    municipality: str | None
    methodist_id: int | None  # whom the reassign button moves it from (None: nobody)


@dataclass(frozen=True, slots=True)
class PassedToYou(Notice):
    """To the new methodist: a question staff passed to them, as the teacher put it."""

    question_id: int
    topic: ConsultTopic
    subject: str | None
    teacher: str | None
    text: str | None
    due_at: datetime
    timezone: str


@dataclass(frozen=True, slots=True)
class PassedOn(Notice):
    """To the methodist who held it: staff passed the question to someone else."""

    question_id: int
    topic: ConsultTopic
    teacher: str | None


@dataclass(frozen=True, slots=True)
class MovedForTeacher(Notice):
    """To the teacher: another methodist answers their question now (the answer comes here)."""

    question_id: int
    topic: ConsultTopic

"""What staff's consultation screens show: data for `bot/ui/consult_staff`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.consult_staff import ConsultFigures, Period, QuestionFacts
from storage.models import User
from storage.repositories.consult_staff import Counts, MethodistLoad, QuestionRow, ReportRow

PAGE = 6


@dataclass(frozen=True, slots=True)
class Desk:
    """A staff member at work: who they are and the municipality they answer for (None: the region)."""

    user: User | None
    scope: int | None
    timezone: str


@dataclass(frozen=True, slots=True)
class Home:
    """Counts, and a page of the questions that need staff: unrouted first, then overdue."""

    counts: Counts
    rows: list[QuestionRow]
    page: int
    now: datetime

    @property
    def attention(self) -> int:
        return self.counts.overdue + self.counts.unrouted

    @property
    def pages(self) -> int:
        return max(1, -(-self.attention // PAGE))


@dataclass(frozen=True, slots=True)
class QuestionCard:
    row: QuestionRow
    text: str | None
    now: datetime


@dataclass(frozen=True, slots=True)
class Candidates:
    """Methodists who may take the question, least loaded first."""

    row: QuestionRow
    methodists: list[MethodistLoad]
    page: int

    @property
    def shown(self) -> list[MethodistLoad]:
        return self.methodists[self.page * PAGE : (self.page + 1) * PAGE]

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.methodists) // PAGE))


@dataclass(frozen=True, slots=True)
class Moved:
    question_id: int
    to: str | None


@dataclass(frozen=True, slots=True)
class Report:
    period: Period
    since: date
    today: date
    figures: ConsultFigures
    rows: list[ReportRow]
    facts: list[QuestionFacts]  # the rows as the figures count them, in the same order

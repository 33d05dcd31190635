"""Monitoring surveys: templates (YAML, validated here), which question comes next, checking an
answer, the schedule of waves and reminders, and per-question summaries. Plain Python.

A template is a list of questions of five types — scale, single, multi, number, text — each
required or optional, and a question may be shown only when an earlier answer was X (`show_if`).
Answers are kept as given: a scale or number as a number, a choice as the option's value, several
choices as a list of values, a text as typed.
"""

from __future__ import annotations

import calendar
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, model_validator

from bot.domain.diagnostics import cap

_ID = r"^[a-z0-9][a-z0-9_-]{0,31}$"
MAX_QUESTIONS = 40
MAX_OPTIONS = 12

Answer = int | float | str | list[str]
Answers = Mapping[str, Answer]


class QType(StrEnum):
    SCALE = "scale"
    SINGLE = "single"
    MULTI = "multi"
    NUMBER = "number"
    TEXT = "text"


class Option(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    value: str = Field(pattern=_ID)
    label: str = Field(min_length=1, max_length=60)
    # A choice that suggests a person could use support (the well-being check): after such an
    # answer the closing message offers help. It never labels or diagnoses anyone.
    concern: bool = False


class Condition(BaseModel):
    """Show the question only when the earlier answer `question` equals `equals` (for a multiple
    choice: includes it)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    question: str = Field(pattern=_ID)
    equals: str = Field(min_length=1, max_length=32)


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID)
    type: QType
    text: str = Field(min_length=5, max_length=600)
    required: bool = True
    options: tuple[Option, ...] = ()
    # scale: min..max with words for the ends; number: the allowed range
    min: int = 0
    max: int = 10
    min_label: str = Field(default="", max_length=30)
    max_label: str = Field(default="", max_length=30)
    # a scale answer at or above this value counts as a concern (see Option.concern)
    concern_from: int | None = None
    max_length: int = Field(default=1000, ge=10, le=3000)
    show_if: Condition | None = None

    @model_validator(mode="before")
    @classmethod
    def _bounded(cls, data: Any) -> Any:
        cap(data, "options", MAX_OPTIONS)
        return data

    @model_validator(mode="after")
    def _shape(self) -> Question:
        if self.type in (QType.SINGLE, QType.MULTI):
            if not 2 <= len(self.options) <= MAX_OPTIONS:
                raise ValueError(f"a choice question needs 2 to {MAX_OPTIONS} options")
            values = [o.value for o in self.options]
            if len(set(values)) != len(values):
                raise ValueError("option values repeat")
        elif self.options:
            raise ValueError(f"options are only for single and multi questions, not {self.type}")
        if self.type in (QType.SCALE, QType.NUMBER) and self.min >= self.max:
            raise ValueError("min must be lower than max")
        if self.type == QType.SCALE and not (self.max - self.min <= 10):
            raise ValueError("a scale has at most 11 points")
        return self

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def accepts(self, value: str) -> bool:
        """Whether `value` is a possible answer (for a condition on this question)."""
        if self.type in (QType.SINGLE, QType.MULTI):
            return self.option(value) is not None
        if self.type in (QType.SCALE, QType.NUMBER):
            try:
                return self.min <= float(value) <= self.max
            except ValueError:
                return False
        return True


class SurveyTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID)
    version: int = Field(ge=1)
    title: str = Field(min_length=3, max_length=120)
    description: str = Field(min_length=10, max_length=1200)
    minutes: int = Field(ge=1, le=60)
    anonymous: bool = False
    young_only: bool = False  # a default for the audience: young specialists
    outro: str = Field(default="", max_length=1200)
    help_text: str = Field(default="", max_length=1500)
    questions: tuple[Question, ...] = Field(min_length=1, max_length=MAX_QUESTIONS)

    @model_validator(mode="before")
    @classmethod
    def _bounded(cls, data: Any) -> Any:
        cap(data, "questions", MAX_QUESTIONS)
        return data

    @model_validator(mode="after")
    def _references(self) -> SurveyTemplate:
        seen: dict[str, Question] = {}
        for question in self.questions:
            if question.id in seen:
                raise ValueError(f"question ids repeat: {question.id}")
            condition = question.show_if
            if condition is not None:
                earlier = seen.get(condition.question)
                if earlier is None:
                    raise ValueError(
                        f"question «{question.id}»: show_if refers to «{condition.question}», "
                        "which is not an earlier question"
                    )
                if not earlier.accepts(condition.equals):
                    raise ValueError(
                        f"question «{question.id}»: «{condition.equals}» is not a possible answer "
                        f"to «{condition.question}»"
                    )
            seen[question.id] = question
        flagged = any(o.concern for q in self.questions for o in q.options) or any(
            q.concern_from is not None for q in self.questions
        )
        if flagged and not self.help_text:
            raise ValueError("a template with concern answers needs help_text")
        return self


# --- the order of questions ------------------------------------------------------------------------------


def _holds(condition: Condition | None, answers: Answers) -> bool:
    if condition is None:
        return True
    given = answers.get(condition.question)
    if given is None:
        return False
    if isinstance(given, list):
        return condition.equals in given
    if isinstance(given, int | float):
        try:
            return float(condition.equals) == float(given)
        except ValueError:
            return False
    return given == condition.equals


def shown(template: SurveyTemplate, index: int, answers: Answers) -> bool:
    return _holds(template.questions[index].show_if, answers)


def next_index(template: SurveyTemplate, answers: Answers, after: int = -1) -> int | None:
    """The next question to show after position `after` (-1: from the start), None at the end."""
    for index in range(after + 1, len(template.questions)):
        if shown(template, index, answers):
            return index
    return None


def previous_index(template: SurveyTemplate, answers: Answers, before: int) -> int | None:
    for index in range(before - 1, -1, -1):
        if shown(template, index, answers):
            return index
    return None


def resume_index(template: SurveyTemplate, answers: Answers, skipped: Sequence[str] = ()) -> int | None:
    """Where a person comes back to: the first shown question not answered (nor skipped) yet."""
    for index, question in enumerate(template.questions):
        if shown(template, index, answers) and question.id not in answers and question.id not in skipped:
            return index
    return None


def visible_answers(template: SurveyTemplate, answers: Answers) -> dict[str, Answer]:
    """The answers that count: those to questions still shown (an answer changed earlier can hide
    a later question; what was said to it then is dropped)."""
    kept: dict[str, Answer] = {}
    for question in template.questions:
        if _holds(question.show_if, kept) and question.id in answers:
            kept[question.id] = answers[question.id]
    return kept


def missing_required(template: SurveyTemplate, answers: Answers) -> list[str]:
    kept = visible_answers(template, answers)
    return [q.id for q in template.questions if q.required and _holds(q.show_if, kept) and q.id not in kept]


def concerned(template: SurveyTemplate, answers: Answers) -> bool:
    """Whether the closing message should offer help (a concern answer was given)."""
    for question in template.questions:
        given = answers.get(question.id)
        if given is None:
            continue
        concern_from = question.concern_from
        if concern_from is not None and isinstance(given, int | float) and given >= concern_from:
            return True
        values = given if isinstance(given, list) else [given]
        if any((o := question.option(str(v))) is not None and o.concern for v in values):
            return True
    return False


# --- checking one answer ---------------------------------------------------------------------------------


class Invalid(ValueError):
    """An answer that does not fit; `key` names the locale message, `args` fill it."""

    def __init__(self, key: str, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


def parse_choice(question: Question, value: str) -> Answer:
    if question.type == QType.SCALE:
        if not value.lstrip("-").isdigit() or not question.min <= int(value) <= question.max:
            raise Invalid("sv-bad-choice")
        return int(value)
    if question.type in (QType.SINGLE, QType.MULTI) and question.option(value) is not None:
        return value
    raise Invalid("sv-bad-choice")


def parse_typed(question: Question, text: str) -> Answer:
    """A typed answer: a number within the range, or a text within its length."""
    text = text.strip()
    if question.type == QType.NUMBER:
        raw = text.replace(",", ".").replace(" ", "")
        try:
            number = float(raw)
        except ValueError:
            raise Invalid("sv-bad-number", min=question.min, max=question.max) from None
        if number != number or not question.min <= number <= question.max:  # NaN or out of range
            raise Invalid("sv-bad-number", min=question.min, max=question.max)
        return int(number) if number.is_integer() else round(number, 2)
    if question.type == QType.TEXT:
        if not text:
            raise Invalid("sv-bad-empty")
        if len(text) > question.max_length:
            raise Invalid("sv-bad-long", max=question.max_length, got=len(text))
        return text
    raise Invalid("sv-bad-press")


def toggle(current: Answer | None, value: str) -> list[str]:
    chosen = list(current) if isinstance(current, list) else []
    return [v for v in chosen if v != value] if value in chosen else [*chosen, value]


# --- the schedule ----------------------------------------------------------------------------------------


class Recurrence(StrEnum):
    ONCE = "once"
    MONTHLY = "monthly"


ONCE_PERIOD = "once"
# The earliest local time anywhere is UTC+14: a monthly wave is opened this much before the
# period's start in UTC, and each person is written to at the start in their own time zone.
EARLIEST_OFFSET = timedelta(hours=14)


@dataclass(frozen=True, slots=True)
class Schedule:
    recurrence: Recurrence
    starts_at: datetime  # once: when it goes; monthly: not before this
    day: int = 1
    hour: int = 10
    minute: int = 0
    open_days: int = 7  # how long each wave stays open
    closes_at: datetime | None = None  # once: the deadline


def period_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def local_start(schedule: Schedule, period: str, timezone: str) -> datetime:
    """When the wave of `period` begins in a time zone (UTC). For a one-off: its moment."""
    if schedule.recurrence == Recurrence.ONCE:
        return schedule.starts_at
    year, month = (int(p) for p in period.split("-"))
    day = min(schedule.day, calendar.monthrange(year, month)[1])
    local = datetime(year, month, day, schedule.hour, schedule.minute, tzinfo=ZoneInfo(timezone))
    return local.astimezone(UTC)


def _earliest(schedule: Schedule, period: str) -> datetime:
    return local_start(schedule, period, "UTC") - EARLIEST_OFFSET


def _months_from(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def due_period(schedule: Schedule, now: datetime) -> str | None:
    """The period whose wave should exist by now (the latest one begun and not yet over), or None.

    A missed run (the machine was asleep) still opens the current wave later; a period that ended
    while nobody ran is skipped rather than sent late."""
    if schedule.recurrence == Recurrence.ONCE:
        if now < schedule.starts_at:
            return None
        if schedule.closes_at is not None and now >= schedule.closes_at:
            return None
        return ONCE_PERIOD
    prev = (now.year - 1, 12) if now.month == 1 else (now.year, now.month - 1)
    candidates = [prev, (now.year, now.month), _months_from(now.year, now.month)]
    due = None
    for year, month in candidates:  # the next month may already have begun east of UTC
        period = period_key(year, month)
        if local_start(schedule, period, "UTC") < schedule.starts_at:
            continue  # before the campaign was launched
        if _earliest(schedule, period) <= now < wave_closes(schedule, period):
            due = period
    return due


def wave_closes(schedule: Schedule, period: str) -> datetime:
    if schedule.recurrence == Recurrence.ONCE:
        return schedule.closes_at or schedule.starts_at + timedelta(days=schedule.open_days)
    # the latest local start is UTC-12; everyone gets the same number of days
    return local_start(schedule, period, "UTC") + timedelta(hours=12) + timedelta(days=schedule.open_days)


def next_start(schedule: Schedule, now: datetime, timezone: str) -> datetime | None:
    """The next wave's start in a time zone (for staff's schedule screen), None when none comes."""
    if schedule.recurrence == Recurrence.ONCE:
        return schedule.starts_at if schedule.starts_at > now else None
    year, month = now.year, now.month
    for _ in range(14):
        start = local_start(schedule, period_key(year, month), timezone)
        if start > now and local_start(schedule, period_key(year, month), "UTC") >= schedule.starts_at:
            return start
        year, month = _months_from(year, month)
    return None


MAX_REMINDERS = 2


def reminder_times(opens_at: datetime, closes_at: datetime) -> list[datetime]:
    """At most two reminders to those who have not answered: halfway through, and a day before the
    deadline (when that is later than halfway); none in a wave shorter than a day."""
    length = closes_at - opens_at
    if length < timedelta(days=1):
        return []
    halfway = opens_at + length / 2
    last_day = closes_at - timedelta(days=1)
    times = [halfway]
    if last_day - halfway >= timedelta(hours=12):
        times.append(last_day)
    return times[:MAX_REMINDERS]


def reminder_due(opens_at: datetime, closes_at: datetime, sent: int, now: datetime) -> int | None:
    """The number (0 or 1) of the reminder due now, if any; a missed one is not sent twice."""
    if now >= closes_at:
        return None
    times = reminder_times(opens_at, closes_at)
    due = [i for i, at in enumerate(times) if at <= now]
    if not due or due[-1] < sent:
        return None
    return due[-1]


# --- the summary of answers --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuestionSummary:
    question: Question
    answered: int
    counts: tuple[tuple[str, int], ...] = ()  # choices: (label, n), scale: (point, n)
    mean: float | None = None
    median: float | None = None
    low: float | None = None
    high: float | None = None
    texts: tuple[str, ...] = ()  # a few of the latest free answers


def summarize(
    template: SurveyTemplate, responses: Sequence[Answers], samples: int = 5
) -> list[QuestionSummary]:
    result = []
    for question in template.questions:
        given = [r[question.id] for r in responses if question.id in r]
        if question.type in (QType.SINGLE, QType.MULTI):
            counter: Counter[str] = Counter()
            for value in given:
                counter.update(value if isinstance(value, list) else [str(value)])
            counts = tuple((o.label, counter.get(o.value, 0)) for o in question.options)
            result.append(QuestionSummary(question, len(given), counts))
        elif question.type in (QType.SCALE, QType.NUMBER):
            numbers = [float(v) for v in given if isinstance(v, int | float)]
            counts = ()
            if question.type == QType.SCALE:
                points = Counter(int(n) for n in numbers)
                counts = tuple((str(p), points.get(p, 0)) for p in range(question.min, question.max + 1))
            result.append(
                QuestionSummary(
                    question,
                    len(numbers),
                    counts,
                    mean=statistics.fmean(numbers) if numbers else None,
                    median=statistics.median(numbers) if numbers else None,
                    low=min(numbers) if numbers else None,
                    high=max(numbers) if numbers else None,
                )
            )
        else:
            texts = tuple(str(v) for v in given[-samples:])
            result.append(QuestionSummary(question, len(given), texts=texts))
    return result


# Results of an anonymous survey are shown — on screen and in the file — only for a wave with at
# least this many answers, so that nobody can be recognised by their answers in a small school.
# (A named campaign shows each answer with its name anyway: no minimum there.)
ANONYMOUS_MIN = 5
# Anonymous answers reach the results in shuffled batches of at least this many while the wave is
# open (see bot.services.surveys.release): each answer hides among at least as many as the minimum.
RELEASE_BATCH = ANONYMOUS_MIN


def withheld(anonymous: bool, answers: int) -> bool:
    """Whether a wave's answers must not be shown: anonymous, and some but too few of them."""
    return anonymous and 0 < answers < ANONYMOUS_MIN


def as_given(question: Question, value: Answer | None) -> str:
    """An answer as a cell of the results table: labels for choices, numbers as numbers."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join((o.label if (o := question.option(v)) else v) for v in value)
    if question.type == QType.SINGLE:
        option = question.option(str(value))
        return option.label if option else str(value)
    return str(value)

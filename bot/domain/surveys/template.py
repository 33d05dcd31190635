"""A survey template: five types of question, each required or optional, shown perhaps only when an
earlier answer was X (`show_if`). Validated on load (pydantic), with errors that name the field."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

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

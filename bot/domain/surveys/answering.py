"""Answering: which question comes next (conditions), what counts, and checking one answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.domain.surveys.template import Answer, Answers, Condition, QType, Question, SurveyTemplate

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

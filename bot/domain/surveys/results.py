"""The results: per-question summaries, and the anonymity rules for showing them."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.surveys.template import Answer, Answers, QType, Question, SurveyTemplate


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

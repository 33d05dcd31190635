"""Monitoring surveys: templates (YAML, validated here), which question comes next, checking an
answer, the schedule of waves and reminders, and per-question summaries. Plain Python.

A template is a list of questions of five types — scale, single, multi, number, text — each
required or optional, and a question may be shown only when an earlier answer was X (`show_if`).
Answers are kept as given: a scale or number as a number, a choice as the option's value, several
choices as a list of values, a text as typed.

One module per concern: `template`, `answering`, `schedule`, `results`, `status`; every name is
importable from here.
"""

from __future__ import annotations

from bot.domain.surveys.answering import (
    Invalid,
    concerned,
    missing_required,
    next_index,
    parse_choice,
    parse_typed,
    previous_index,
    resume_index,
    shown,
    toggle,
    visible_answers,
)
from bot.domain.surveys.results import (
    ANONYMOUS_MIN,
    RELEASE_BATCH,
    QuestionSummary,
    as_given,
    summarize,
    withheld,
)
from bot.domain.surveys.schedule import (
    EARLIEST_OFFSET,
    MAX_REMINDERS,
    ONCE_PERIOD,
    OPEN_DAYS,
    Recurrence,
    Schedule,
    due_period,
    local_start,
    next_start,
    period_key,
    reminder_due,
    reminder_times,
    wave_closes,
)
from bot.domain.surveys.status import (
    CampaignStatus,
    InviteStatus,
)
from bot.domain.surveys.template import (
    MAX_OPTIONS,
    MAX_QUESTIONS,
    Answer,
    Answers,
    Condition,
    Option,
    QType,
    Question,
    SurveyTemplate,
)

__all__ = [
    "ANONYMOUS_MIN",
    "EARLIEST_OFFSET",
    "MAX_OPTIONS",
    "MAX_QUESTIONS",
    "MAX_REMINDERS",
    "ONCE_PERIOD",
    "OPEN_DAYS",
    "RELEASE_BATCH",
    "Answer",
    "Answers",
    "CampaignStatus",
    "Condition",
    "Invalid",
    "InviteStatus",
    "Option",
    "QType",
    "Question",
    "QuestionSummary",
    "Recurrence",
    "Schedule",
    "SurveyTemplate",
    "as_given",
    "concerned",
    "due_period",
    "local_start",
    "missing_required",
    "next_index",
    "next_start",
    "parse_choice",
    "parse_typed",
    "period_key",
    "previous_index",
    "reminder_due",
    "reminder_times",
    "resume_index",
    "shown",
    "summarize",
    "toggle",
    "visible_answers",
    "wave_closes",
    "withheld",
]

"""Survey screens: the teacher's (`answering`: the invitation, a question per screen, the end),
staff's (`campaigns`: list, wizard, card; `results`: results and the XLSX's name; `xlsx`: the
file), and the schedule of jobs (`jobs`). Importing this registers the invitation's renderer."""

from __future__ import annotations

from bot.ui.surveys.answering import (
    invitation,
    later_screen,
    my_surveys,
    question_screen,
    review_screen,
    step_screen,
    thanks_screen,
)
from bot.ui.surveys.campaigns import (
    campaigns_screen,
    card_screen,
    confirm_screen,
    date_prompt,
    days_screen,
    picker_screen,
    stop_confirm,
    survey_cancelled,
    templates_screen,
    when_screen,
)
from bot.ui.surveys.jobs import jobs_screen
from bot.ui.surveys.results import results_screen, xlsx_file
from bot.ui.surveys.xlsx import answers_xlsx

__all__ = [
    "answers_xlsx",
    "campaigns_screen",
    "card_screen",
    "confirm_screen",
    "date_prompt",
    "days_screen",
    "invitation",
    "jobs_screen",
    "later_screen",
    "my_surveys",
    "picker_screen",
    "question_screen",
    "results_screen",
    "review_screen",
    "step_screen",
    "stop_confirm",
    "survey_cancelled",
    "templates_screen",
    "thanks_screen",
    "when_screen",
    "xlsx_file",
]

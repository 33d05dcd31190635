"""Callback data: Surveys: answering and staff campaigns."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class SurveyAction(StrEnum):
    GO = "go"  # open (resume) a survey
    AT = "at"  # a question asked for by the last look (if still on the way)
    ANSWER = "a"
    TOGGLE = "t"  # a multiple choice: one option on or off
    NEXT = "n"  # a multiple choice: done
    SKIP = "s"
    BACK = "b"
    SEND = "send"
    LATER = "later"


class SurveyCD(CallbackData, prefix="sv"):
    """A teacher answering a survey: `r` response id, `i` the question on screen, `v` the option."""

    action: SurveyAction
    r: int = 0
    i: int = 0
    v: str = ""


class SurveyStaffAction(StrEnum):
    LIST = "list"
    NEW = "new"
    TEMPLATE = "tpl"
    # the audience picker's (bot.services.audience.AudienceStep: the same strings)
    AUDIENCE = "audience"
    YOUNG = "young"
    OPT = "opt"
    AUD = "aud"
    PREVIEW = "preview"  # after the audience: when
    WHEN = "when"
    DAYS = "days"
    ANONYMOUS = "anon"
    LAUNCH = "launch"
    DROP = "drop"
    # back, «keep as it is» and cancel on every step (`v`: the step to show, `bot.ui.surveys.campaigns.STEPS`)
    STEP = "step"
    ABORT = "abort"
    CARD = "card"
    STOP = "stop"
    STOP_YES = "stop_yes"
    RESULTS = "res"
    XLSX = "xlsx"


class WhenChoice(StrEnum):
    """The value `v` of `SurveyStaffAction.WHEN`."""

    NOW = "now"
    DATE = "date"  # one day, typed
    MONTHLY = "monthly"


class SurveyStaffCD(CallbackData, prefix="ss"):
    """Staff's surveys: `c` campaign id, `v` a short value, `p` page."""

    action: SurveyStaffAction
    c: int = 0
    v: str = ""
    p: int = 0

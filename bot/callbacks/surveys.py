"""Callback data: Surveys: answering and staff campaigns."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class SurveyCD(CallbackData, prefix="sv"):
    """A teacher answering a survey: `r` response id, `i` the question on screen, `v` the option."""

    action: str
    r: int = 0
    i: int = 0
    v: str = ""


class SurveyStaffCD(CallbackData, prefix="ss"):
    """Staff's surveys: `c` campaign id, `v` a short value, `p` page."""

    action: str
    c: int = 0
    v: str = ""
    p: int = 0

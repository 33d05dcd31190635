"""The survey wizard's conversation states."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class SurveyWizard(StatesGroup):
    start = State()  # a typed start date; data: c (campaign)

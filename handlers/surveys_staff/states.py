"""The survey wizard's conversation states."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class SurveyWizard(StatesGroup):
    """Data: `c` (the campaign; 0 before a template), `reached` (the furthest step shown)."""

    draft = State()  # the wizard going on (buttons)
    start = State()  # a typed start date

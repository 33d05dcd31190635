"""The expert's dialogue: the comment of a review (the review's id in the state's data)."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class ExpertDialog(StatesGroup):
    comment = State()

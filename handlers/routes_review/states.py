"""The methodist's and staff's dialogues."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class ReviewDialog(StatesGroup):
    step_comment = State()
    route_comment = State()


class AssignDialog(StatesGroup):
    search = State()

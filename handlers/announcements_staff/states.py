"""The announcement wizard's states (the FSM data holds `a`: the draft's id, 0 before the text)."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class AnnWizard(StatesGroup):
    text = State()
    file = State()
    buttons = State()
    schedule = State()

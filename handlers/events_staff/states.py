"""The event wizard's states (the FSM data holds `event`, and `field` while editing)."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class EventWizard(StatesGroup):
    title = State()
    description = State()
    start = State()
    end = State()
    place = State()
    deadline = State()
    capacity = State()
    media = State()
    schedule = State()
    edit = State()

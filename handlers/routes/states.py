"""The route's dialogues: what a typed message answers."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup


class RouteDialog(StatesGroup):
    goal = State()
    step_form = State()  # adding a step: its form (buttons)
    step_title = State()
    step_choice = State()  # area and term: buttons
    step_note = State()
    evidence = State()
    drop_reason = State()


async def data_of(state: FSMContext) -> tuple[int, int, int]:
    """The route, step and page the dialogue is about."""
    data = await state.get_data()
    return int(data.get("route", 0)), int(data.get("step", 0)), int(data.get("page", 0))

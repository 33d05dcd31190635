"""The event wizard's states. The FSM data holds `kind` and `level` until the title makes the draft,
then `event`; `reached`, the furthest step shown (a step before it is shown with its earlier answer
and «↩️ Оставить как есть»); `field` while editing a published event. `audience` is the picker and
the preview of a draft: buttons only, but the wizard is still going (back and cancel work there)."""

from __future__ import annotations

from aiogram.fsm.state import State, StatesGroup


class EventWizard(StatesGroup):
    kind = State()
    level = State()
    title = State()
    description = State()
    start = State()
    end = State()
    place = State()
    deadline = State()
    capacity = State()
    media = State()
    audience = State()
    schedule = State()
    edit = State()

"""Callback data: booking a consultation — the methodist's slots and the teacher's bookings."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class SlotAction(StrEnum):
    HOME = "home"
    NEW = "new"
    DUR = "dur"  # v: minutes
    MODE = "mode"  # v: online | place
    SKIP_TOPIC = "skip_topic"
    PUBLISH = "publish"  # v: weeks
    ABORT = "abort"
    OPEN = "open"
    CANCEL = "cancel"  # asks
    CANCEL_YES = "cancel_yes"
    HELD = "held"
    MISSED = "missed"
    ICS = "ics"


class SlotCD(CallbackData, prefix="slot"):
    """The methodist's «Мои часы консультаций»: `s` slot id, `v` a short value."""

    action: SlotAction
    s: int = 0
    v: str = ""


class BookAction(StrEnum):
    LIST = "list"  # p: page
    MINE = "mine"
    OPEN = "open"
    TAKE = "take"
    DROP = "drop"  # asks
    DROP_YES = "drop_yes"
    ICS = "ics"
    ROUTE = "route"  # count it in the route; t: the step picked
    ROUTE_ADD = "route_add"  # add a «консультация» step and count it


class BookCD(CallbackData, prefix="book"):
    """The teacher's «Запись на консультацию»: `s` slot id, `t` a route step id, `p` page."""

    action: BookAction
    s: int = 0
    t: int = 0
    p: int = 0

"""Callback data: Events for teachers and staff, and broadcasts."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class BroadcastCD(CallbackData, prefix="bc"):
    action: str
    b: int = 0


class EventCD(CallbackData, prefix="ev"):
    """Events for teachers: `e` event id, `k` a type filter, `p` page."""

    action: str
    e: int = 0
    k: str = ""
    p: int = 0


class EventStaffCD(CallbackData, prefix="es"):
    """Creating and managing events: `e` event id, `v` a short value, `p` page."""

    action: str
    e: int = 0
    v: str = ""
    p: int = 0

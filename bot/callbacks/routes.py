"""Callback data: Routes (ИОМ), their review and methodists' assignments."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class RouteCD(CallbackData, prefix="rt"):
    """The teacher's route: `r` route id, `s` step id, `p` page, `v` a short choice (form, term…)."""

    action: str
    r: int = 0
    s: int = 0
    p: int = 0
    v: str = ""


class ReviewCD(CallbackData, prefix="rv"):
    """A methodist reviewing a route: `r` route id, `s` step id, `p` page."""

    action: str
    r: int = 0
    s: int = 0
    p: int = 0


class AssignCD(CallbackData, prefix="ag"):
    """Staff putting teachers with methodists: `t` teacher id, `m` methodist id."""

    action: str
    t: int = 0
    m: int = 0
    p: int = 0


class MethodistCD(CallbackData, prefix="mt"):
    action: str
    user_id: int = 0
    page: int = 0

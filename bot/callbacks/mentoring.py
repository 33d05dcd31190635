"""Callback data: Mentoring: mentors and young specialists, staff's pairs, the adaptation check."""

from __future__ import annotations

from aiogram.filters.callback_data import CallbackData


class MentorCD(CallbackData, prefix="mn"):
    """Mentoring for mentors and young specialists: `p` pair id, `m` meeting id, `v` a short value."""

    action: str
    p: int = 0
    m: int = 0
    v: str = ""


class PairCD(CallbackData, prefix="pr"):
    """Staff's mentoring screens: `p` pair id, `m` mentor id, `a` application id, `pg` page."""

    action: str
    p: int = 0
    m: int = 0
    a: int = 0
    pg: int = 0


class AdaptCD(CallbackData, prefix="ad"):
    """The adaptation check: `c` check id, `i` the question on screen, `v` the option."""

    c: int
    i: int
    v: str

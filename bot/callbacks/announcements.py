"""Callback data: announcements for staff, «Новости» for teachers."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class AnnStaffAction(StrEnum):
    NEW = "new"
    KEEP_TEXT = "keep_text"  # back at the text: leave it as it is
    FILE_NEXT = "file_next"
    FILE_DROP = "file_drop"
    BUTTONS_NEXT = "buttons_next"
    BUTTONS_CLEAR = "buttons_clear"
    BACK = "back"  # `v`: the step to go back to
    CANCEL = "cancel"
    # the audience picker (bot.services.audience.AudienceStep: the same strings)
    AUDIENCE = "audience"
    YOUNG = "young"
    OPT = "opt"
    AUD = "aud"
    PREVIEW = "preview"
    SEND = "send"
    SCHEDULE = "schedule"
    MINE = "mine"
    CARD = "card"
    COPY = "copy"  # the announcement as teachers got it, once more
    STOP = "stop"
    UNSCHEDULE = "unschedule"
    RESUME = "resume"
    DROP = "drop"


class AnnStaffCD(CallbackData, prefix="an"):
    """Announcements by staff: `a` announcement id, `v` a short value, `p` page."""

    action: AnnStaffAction
    a: int = 0
    v: str = ""
    p: int = 0


class NewsAction(StrEnum):
    LIST = "list"
    OPEN = "open"


class NewsCD(CallbackData, prefix="nw"):
    """«Новости» for teachers: `a` announcement id, `p` page, `k` "d" from the digest (the list
    comes as a new message: the digest stays)."""

    action: NewsAction
    a: int = 0
    p: int = 0
    k: str = ""

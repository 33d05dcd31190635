"""Callback data: Events for teachers and staff, and broadcasts."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class BroadcastAction(StrEnum):
    STOP = "stop"


class BroadcastCD(CallbackData, prefix="bc"):
    action: BroadcastAction
    b: int = 0


class EventAction(StrEnum):
    LIST = "list"
    MINE = "mine"
    OPEN = "open"
    REG = "reg"
    UNREG = "unreg"
    ICS = "ics"
    FILE = "file"
    ROUTE = "route"
    RATE = "rate"
    NO_COMMENT = "no_comment"
    DIGEST_OFF = "digest_off"


class EventCD(CallbackData, prefix="ev"):
    """Events for teachers: `e` event id, `k` a type filter, `p` page."""

    action: EventAction
    e: int = 0
    k: str = ""
    p: int = 0


class EventStaffAction(StrEnum):
    HOME = "home"
    NEW = "new"
    KIND = "kind"
    LEVEL = "level"
    SKIP_DESCRIPTION = "skip_description"
    LENGTH = "length"
    SKIP_PLACE = "skip_place"
    DEADLINE = "deadline"
    CAP = "cap"
    SKIP_MEDIA = "skip_media"
    # back, «keep as it is» and cancel on every step (`v`: the step to show, `bot.ui.events.wizard.STEPS`)
    STEP = "step"
    ABORT = "abort"
    # the audience picker (bot.services.audience.AudienceStep: the same strings)
    AUDIENCE = "audience"
    YOUNG = "young"
    OPT = "opt"
    AUD = "aud"
    PREVIEW = "preview"
    URGENT = "urgent"
    PUBLISH = "publish"
    SCHEDULE = "schedule"
    DROP = "drop"
    CARD = "card"
    PEOPLE = "people"
    ATTEND = "attend"
    EDIT = "edit"
    EDIT_FIELD = "edit_field"
    CANCEL = "cancel"
    XLSX = "xlsx"


class EventStaffCD(CallbackData, prefix="es"):
    """Creating and managing events: `e` event id, `v` a short value, `p` page."""

    action: EventStaffAction
    e: int = 0
    v: str = ""
    p: int = 0

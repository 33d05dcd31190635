"""Callback data: Routes (ИОМ), their review and methodists' assignments."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class RouteAction(StrEnum):
    BUILD = "build"
    NEW = "new"
    VIEW = "view"
    REBUILD = "rebuild"
    STEP = "step"
    # A step's own actions (the values of `StepAction`).
    START = "start"
    DONE = "done"
    DROP = "drop"
    RESTORE = "restore"
    REOPEN = "reopen"
    REMOVE = "remove"  # «🗑 Удалить шаг»: asks to confirm
    DELETE = "delete"  # confirmed: the step is deleted
    WHY = "why"  # a drop reason by button
    FILES = "files"
    GOAL = "goal"
    GOAL_TAKE = "goal_take"
    ADD = "add"
    FORM = "form"
    AREA = "area"
    TERM = "term"
    NOTE_SKIP = "note_skip"
    # back, «keep as it is» and cancel while adding a step (`v`: the step to show: form, title, area, term)
    ADD_STEP = "add_step"
    ADD_ABORT = "add_abort"
    SUBMIT = "submit"
    EXPORT = "export"


class RouteCD(CallbackData, prefix="rt"):
    """The teacher's route: `r` route id, `s` step id, `p` page, `v` a short choice (form, term…)."""

    action: RouteAction
    r: int = 0
    s: int = 0
    p: int = 0
    v: str = ""


class ReviewAction(StrEnum):
    LIST = "list"
    TEACHER = "teacher"
    ROUTE = "route"
    STEP = "step"
    FILES = "files"
    COMMENT = "comment"
    UNCOMMENT = "uncomment"
    RETURN = "return"
    RETURN_NOW = "return_now"
    APPROVE = "approve"
    EXPORT = "export"


class ReviewCD(CallbackData, prefix="rv"):
    """A methodist reviewing a route: `r` route id (a teacher id for TEACHER), `s` step id, `p` page."""

    action: ReviewAction
    r: int = 0
    s: int = 0
    p: int = 0


class AssignAction(StrEnum):
    HOME = "home"
    AUTO = "auto"
    SEARCH = "search"
    TEACHER = "teacher"
    PUT = "put"


class AssignCD(CallbackData, prefix="ag"):
    """Staff putting teachers with methodists: `t` teacher id, `m` methodist id."""

    action: AssignAction
    t: int = 0
    m: int = 0
    p: int = 0


class MethodistAction(StrEnum):
    LIST = "list"
    OPEN = "open"


class MethodistCD(CallbackData, prefix="mt"):
    action: MethodistAction
    user_id: int = 0
    page: int = 0

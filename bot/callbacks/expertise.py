"""Callback data of the expert review: the expert's queue and scoring (`ExpertCD`), staff's expert
pool and juries (`PoolCD`). Ids only (a review `r`, a criterion's index `c`, points `v`, an expert
`e`, a contest `ev`, a practice `p`, a page `pg`)."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class ExpertAction(StrEnum):
    HOME = "home"  # the queue
    CARD = "card"  # a practice to review: its card and the sheet
    FILES = "files"
    CRIT = "crit"  # one criterion: its hint and the points to choose
    SCORE = "score"  # points chosen for a criterion
    COMMENT = "comment"
    SUBMIT = "submit"
    REFUSE = "refuse"  # asks first
    REFUSE_YES = "refuse_yes"
    APPLY = "apply"  # a teacher: «Хочу быть экспертом» (the offer)
    APPLY_YES = "apply_yes"  # the request sent
    CERT = "cert"  # the author's certificate of a published practice


class ExpertCD(CallbackData, prefix="xr"):
    action: ExpertAction
    r: int = 0
    c: int = 0
    v: int = 0
    p: int = 0


class PoolAction(StrEnum):
    HOME = "home"  # the pool, a page
    REQUESTS = "requests"
    APPROVE = "approve"
    DECLINE = "decline"
    CARD = "card"
    PAUSE = "pause"
    RESUME = "resume"
    REMOVE = "remove"  # asks first
    REMOVE_YES = "remove_yes"
    INVITE = "invite"
    CONTESTS = "contests"  # «🧑‍⚖️ Жюри»: contests to put experts on
    JURY = "jury"  # one contest's jury
    TOGGLE = "toggle"  # an expert on or off a contest's jury


class PoolCD(CallbackData, prefix="xp"):
    action: PoolAction
    e: int = 0
    ev: int = 0
    pg: int = 0

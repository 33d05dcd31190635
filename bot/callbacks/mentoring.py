"""Callback data: Mentoring: mentors and young specialists, staff's pairs, the adaptation check."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class MentorAction(StrEnum):
    # the young specialist
    ASK = "ask"
    WISH_SUBJECT = "wish_subject"
    WISH_SCHOOL = "wish_school"
    REQUEST = "request"
    # applying to mentor
    APPLY = "apply"
    APPLY_CAP = "apply_cap"
    APPLY_SKIP = "apply_skip"
    APPLY_CANCEL = "apply_cancel"
    # the mentee's side of a meeting, the fit check, the log
    YES = "yes"
    NO = "no"
    RATE = "rate"
    NO_COMMENT = "no_comment"
    FIT = "fit"
    JOURNAL = "journal"
    # the mentor's card
    PROFILE = "profile"
    FMT = "fmt"
    SET_CAP = "set_cap"
    CAP = "cap"
    ABOUT = "about"
    EDIT_CANCEL = "edit_cancel"  # `v`: "card" (the mentor card's prompts) or "topic" (a meeting's topic)
    # a pair and its meeting log
    PAIR = "pair"
    LOG = "log"
    LOG_FMT = "log_fmt"
    LOG_TOPIC = "log_topic"
    LOG_MIN = "log_min"
    LOG_DAY = "log_day"
    LOG_DATES = "log_dates"
    LOG_NOTE = "log_note"
    LOG_SAVE = "log_save"
    # back, «keep as it is» and cancel on the meeting form (`v`: the question to show: fmt, topic, min, sum)
    LOG_GO = "log_go"
    LOG_CANCEL = "log_cancel"
    MEETING = "meeting"
    EDIT_MIN = "edit_min"
    EDIT_TOPIC = "edit_topic"
    DELETE = "delete"
    DELETE_YES = "delete_yes"


class MentorCD(CallbackData, prefix="mn"):
    """Mentoring for mentors and young specialists: `p` pair id, `m` meeting id, `v` a short value."""

    action: MentorAction
    p: int = 0
    m: int = 0
    v: str = ""


class PairAction(StrEnum):
    HOME = "home"
    MATCH = "match"
    MATCH_IN = "match_in"
    PROPOSALS = "proposals"
    PROPOSAL = "proposal"
    CONFIRM = "confirm"
    CONFIRM_ALL = "confirm_all"
    OTHERS = "others"
    PICK = "pick"
    REJECT = "reject"
    RISK = "risk"
    PAIR = "pair"
    PAUSE = "pause"
    RESUME = "resume"
    COMPLETE = "complete"
    REMATCH = "rematch"
    APPS = "apps"
    APPROVE = "approve"
    DECLINE = "decline"
    REPORT = "report"
    XLSX = "xlsx"


class PairCD(CallbackData, prefix="pr"):
    """Staff's mentoring screens: `p` pair id, `m` mentor id, `a` application id, `pg` page."""

    action: PairAction
    p: int = 0
    m: int = 0
    a: int = 0
    pg: int = 0


class AdaptCD(CallbackData, prefix="ad"):
    """The adaptation check: `c` check id, `i` the question on screen, `v` the option (or
    `bot.domain.mentoring.ADAPT_DONE` for a question of several options)."""

    c: int
    i: int
    v: str

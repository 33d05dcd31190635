"""Callback data: methodological associations — teachers and leaders (`AsCD`), staff (`AsStaffCD`)."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class AsAction(StrEnum):
    # a teacher
    LIST = "list"
    OPEN = "open"
    JOIN = "join"
    LEAVE = "leave"
    LEAVE_YES = "leave_yes"
    PLAN = "plan"
    DOCX = "docx"
    MEETINGS = "meetings"
    MEETING = "meeting"
    FILE = "file"
    MINUTES = "minutes"
    # a leader
    MEMBERS = "members"
    REQUESTS = "requests"
    APPROVE = "approve"
    DECLINE = "decline"
    REMOVE = "remove"
    CANDIDATES = "cands"
    ADD = "add"
    PLAN_ADD = "plan_add"
    PLAN_MONTH = "plan_month"
    PLAN_FORM = "plan_form"
    PLAN_ME = "plan_me"
    PLAN_DEL = "plan_del"
    MEET_NEW = "meet_new"
    MEET_SKIP = "meet_skip"
    MEET_GO = "meet_go"
    ATTEND = "attend"
    TALK = "talk"
    UPLOAD = "upload"
    WRITE = "write"
    SEND = "send"
    ABORT = "abort"


class AsCD(CallbackData, prefix="as"):
    """`a` the association, `i` a member, plan item, meeting or material, `u` a person, `p` a page,
    `v` a choice (a month, a form, a step)."""

    action: AsAction
    a: int = 0
    i: int = 0
    u: int = 0
    p: int = 0
    v: str = ""


class AsStaffAction(StrEnum):
    HOME = "home"
    NEW = "new"
    LEVEL = "level"
    MUNI = "muni"
    SCHOOL = "school"
    SUBJECT = "subject"
    APPROVAL = "approval"
    CREATE = "create"
    OPEN = "open"
    MEMBERS = "members"
    INVITE = "invite"
    LEAD = "lead"
    ABORT = "abort"


class AsStaffCD(CallbackData, prefix="ast"):
    action: AsStaffAction
    a: int = 0
    i: int = 0
    p: int = 0
    v: str = ""

"""Callback data of the practice bank (the author's and the reader's side): ids only."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class PracticeAction(StrEnum):
    # reading the bank (everyone registered)
    HOME = "home"
    FIND = "find"  # the search prompt
    LIST = "list"  # results with the words typed last and the filters `v`, page `n`
    NEWEST = "newest"  # the newest, the words forgotten, filters `v` kept
    FILTER = "filter"  # pick the filter `p` (1 subject, 2 grade, 3 form); `v`: the current filters
    CARD = "card"  # `v`, `n`: the list it was opened from ("mine": «Мои практики»)
    FILES = "files"
    # the author's side (teachers)
    MINE = "mine"
    NEW = "new"
    RESUME = "resume"  # a draft or a returned practice goes on
    STEP = "step"  # show step v
    NEXT = "next"  # step v answered (kept as it is): on to the next
    SUBJ = "subj"
    GRADE = "grade"
    FORM = "form"
    FILES_DROP = "fdrop"
    LINKS_CLEAR = "lclear"
    PREVIEW = "preview"
    EDIT = "edit"
    SUBMIT = "submit"
    DROP = "drop"
    DROP_YES = "dropyes"
    CANCEL = "cancel"


class PracticeCD(CallbackData, prefix="pb"):
    action: PracticeAction
    p: int = 0  # the practice
    v: str = ""  # a value; on the reader's side the filters, "subject.grade.form" (parts may be empty)
    n: int = 0  # a page

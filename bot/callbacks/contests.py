"""Callback data: contests with results, contests held elsewhere, target groups, confirmations (part 11)."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class ContestAction(StrEnum):
    MINE = "mine"  # «Мои конкурсы»: results and contests held elsewhere
    MATERIALS = "mat"  # the application's materials (e)
    CONSULT = "consult"  # ask the methodist or mentor for a consultation (e)
    EXPERIENCE = "exp"  # add «представление опыта» to the route (e)
    RECORD = "rec"  # record a contest held elsewhere: start
    LEVEL = "level"  # … its level (v)
    RESULT = "result"  # … its result (v)
    ABORT = "abort"  # leave the record's questions


class ContestCD(CallbackData, prefix="ct"):
    """A participant's side: `e` the contest (an event id), `v` a short value."""

    action: ContestAction
    e: int = 0
    v: str = ""


class ContestStaffAction(StrEnum):
    HOME = "home"  # the contest's stages and participants (e)
    STAGE = "stage"  # add a stage: pick its title (v: a preset)
    DROP = "drop"  # remove a stage (v: stage id)
    PEOPLE = "people"  # participants and their results
    PICK = "pick"  # one participant: choose a result (v: user id)
    SET = "set"  # save a result (v: "user.result")
    FILE = "file"  # the participants' file (XLSX) with their codes
    IMPORT = "import"  # send a results file
    APPLY = "apply"  # apply the previewed file


class ContestStaffCD(CallbackData, prefix="cs"):
    action: ContestStaffAction
    e: int = 0
    v: str = ""


class GroupAction(StrEnum):
    HOME = "home"
    TOGGLE = "toggle"  # v: the group


class GroupCD(CallbackData, prefix="tg"):
    """The target groups a teacher works with (their profile)."""

    action: GroupAction
    v: str = ""


class ConfirmAction(StrEnum):
    HOME = "home"  # what waits for confirmation
    RECORD = "rec"  # a contest held elsewhere: its card and diploma (i)
    RECORD_YES = "rec_yes"
    RECORD_NO = "rec_no"
    GROUP_YES = "grp_yes"  # a target group mark (i)
    GROUP_NO = "grp_no"


class ConfirmCD(CallbackData, prefix="cf"):
    """Methodists and staff confirming teachers' records: `i` the record's id."""

    action: ConfirmAction
    i: int = 0

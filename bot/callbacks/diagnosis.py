"""Callback data: Diagnosis, its staff aggregates, content uploads and the indicators report."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class DiagAction(StrEnum):
    LIST = "list"
    OPEN = "open"
    BEGIN = "begin"
    ANS = "ans"
    SKIP = "skip"
    BACK = "back"
    LATER = "later"
    RESULT = "result"
    LAST = "last"
    HISTORY = "history"
    SHARE = "share"
    PLAN = "plan"  # from the results to a route (handlers/routes)


class DiagCD(CallbackData, prefix="dg"):
    """Diagnosis: `a` is an attempt id, `i` the item index on screen, `v` the chosen value."""

    action: DiagAction
    q: str = ""
    a: int = 0
    i: int = 0
    v: int = 0


class StatAction(StrEnum):
    SCOPE = "scope"
    SHOW = "show"
    SUBJECTS = "subjects"
    SCHOOLS = "schools"
    XLSX = "xlsx"


class StatCD(CallbackData, prefix="ds"):
    """Staff aggregates: questionnaire, municipality, school, subject (0 / "" = all)."""

    action: StatAction
    q: str = ""
    m: int = 0
    s: int = 0
    sub: str = ""
    page: int = 0


class UploadAction(StrEnum):
    ACTIVATE = "activate"
    DROP = "drop"


class UploadCD(CallbackData, prefix="up"):
    """A staged content version (`id`): switch it on or leave it."""

    action: UploadAction
    id: int = 0


class ReportAction(StrEnum):
    HOME = "home"
    MUNIS = "munis"  # pick a municipality
    SCHOOLS = "schools"  # pick a school
    SHOW = "show"
    XLSX = "xlsx"


class ReportCD(CallbackData, prefix="rp"):
    """The indicators report: `m` municipality, `s` school (0 = all), `p` period code, `an` 1 =
    anonymised file."""

    action: ReportAction
    m: int = 0
    s: int = 0
    p: str = ""
    an: int = 0
    pg: int = 0

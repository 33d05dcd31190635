"""Callback data: staff's consultations — the questions that need them, passing one on, the report."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class ConsultStaffAction(StrEnum):
    HOME = "home"  # counts and a page of overdue and unrouted questions (`pg`)
    OPEN = "open"  # one question (`q`)
    PICK = "pick"  # methodists who may take question `q` from `f` (0: nobody), page `pg`
    MOVE = "move"  # pass question `q` from `f` to methodist `m`
    REPORT = "report"  # the report for period `p`
    XLSX = "xlsx"  # its spreadsheet


class ConsultStaffCD(CallbackData, prefix="cst"):
    action: ConsultStaffAction
    q: int = 0
    f: int = 0  # the methodist the question is taken from (0: it had none)
    m: int = 0
    pg: int = 0
    p: str = ""

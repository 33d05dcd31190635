"""Callback data: attestation — the teacher's side (`AttCD`) and staff's (`AttStaffCD`)."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class AttAction(StrEnum):
    HOME = "home"
    CLAIM = "claim"  # «✏️ Указать категорию»: the categories
    CAT = "cat"  # a category chosen (v)
    SKIP = "skip"  # no scan of the order
    CANCEL = "cancel"  # leave the wizard
    HISTORY = "history"
    SUPPORT = "support"  # the support route in one tap (r: the record)
    SCAN = "scan"  # the scan of one's own order (r)


class AttCD(CallbackData, prefix="att"):
    action: AttAction
    r: int = 0
    v: str = ""


class AttStaffAction(StrEnum):
    HOME = "home"
    QUEUE = "queue"  # the claims (pg: page)
    CARD = "card"  # one claim (r)
    CONFIRM = "confirm"
    REJECT = "reject"  # asks the reason
    SCAN = "scan"
    IMPORT = "import"  # asks for the file
    APPLY = "apply"  # t: the preview's token
    DROP = "drop"
    DUE = "due"  # who is due this school year (m, s)
    DUE_XLSX = "due_xlsx"


class AttStaffCD(CallbackData, prefix="atts"):
    action: AttStaffAction
    r: int = 0
    pg: int = 0
    m: int = 0
    s: int = 0
    t: str = ""

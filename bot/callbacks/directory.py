"""Callback data: loading the directory of municipalities and schools from a file (admins)."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class DirectoryAction(StrEnum):
    UPLOAD = "upload"  # «📥 Загрузить справочник»: wait for a file
    SAMPLE = "sample"  # the current directory as a file to edit and send back
    APPLY = "apply"
    CANCEL = "cancel"


class DirectoryCD(CallbackData, prefix="dir"):
    """`t`: the token of the checked file a preview shows (a button of another preview is refused)."""

    action: DirectoryAction
    t: str = ""

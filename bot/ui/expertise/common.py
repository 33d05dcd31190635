"""What the expert review's screens share: names of criteria, subjects, dates, the menu row."""

from __future__ import annotations

from datetime import date
from html import escape

from bot.callbacks import MenuCD, Section
from bot.domain.practices import CriteriaSheet
from bot.i18n import Translator
from bot.ui.keyboard import Keyboard


def criterion_names(sheet: CriteriaSheet, _: Translator) -> dict[str, str]:
    return {c.key: c.name(_.locale) for c in sheet.criteria}


def subjects_text(subjects: list[str] | tuple[str, ...], _: Translator) -> str:
    return ", ".join(_(f"subject-{s}") for s in subjects) or "—"


def d(day: date | None) -> str:
    return day.strftime("%d.%m.%Y") if day is not None else "—"


def name(text: str | None) -> str:
    return escape(text or "—")


def points(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text.replace(".", ",")


def menu_row(kb: Keyboard, _: Translator) -> None:
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))

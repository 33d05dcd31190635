"""Registration: the screens of each step, and the dialogue that moves between them."""

from __future__ import annotations

from bot.ui.registration.screens import (
    MUNI_PAGE_SIZE,
    PAGE_SIZE,
    category_screen,
    consent_screen,
    declined_screen,
    lessons_screen,
    municipality_screen,
    position_screen,
    school_screen,
    subjects_screen,
    text_step_screen,
    work_screen,
)

__all__ = [
    "MUNI_PAGE_SIZE",
    "PAGE_SIZE",
    "category_screen",
    "consent_screen",
    "declined_screen",
    "lessons_screen",
    "municipality_screen",
    "position_screen",
    "school_screen",
    "subjects_screen",
    "text_step_screen",
    "work_screen",
]

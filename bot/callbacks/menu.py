"""Callback data: a group of the main menu (a screen of entries one level below the menu)."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class MenuGroup(StrEnum):
    """The menu's groups; which entries each holds is in `bot.ui.menu`."""

    GROWTH = "growth"  # the person's own things as a teacher
    COMMUNITY = "community"  # help and colleagues: mentor, methodist, associations, practices
    SERVICE = "service"  # the methodological service's work (centre and municipal staff)
    SUPPORT = "support"  # accompanying teachers: questions, consultations, experts, confirmations
    ADMIN = "admin"  # roles, the directory, the schedule


class MenuGroupCD(CallbackData, prefix="mg"):
    group: MenuGroup

"""Screens of mentoring: «Мой наставник» for young specialists (`teacher`), the mentor's mentees and
meeting log (`mentor`), staff's pairs and report (`staff`, `report`), and the notices (`notices`,
imported here so their renderers are registered wherever mentoring's screens are)."""

from __future__ import annotations

from bot.ui.mentoring import notices as notices
from bot.ui.mentoring.common import d, name, person_card, reasons_text

__all__ = ["d", "name", "notices", "person_card", "reasons_text"]

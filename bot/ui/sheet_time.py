"""Times in spreadsheets: the wall time of the reader's zone (a cell in Excel has no zone), the zone
said in words in the column's header — the same time the chat shows."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from bot.ui.zones import zone_text


def local_cell(moment: datetime | None, timezone: str) -> datetime | None:
    """`moment` as the clock on the wall of `timezone` shows it (naive: the cell's value)."""
    if moment is None:
        return None
    return moment.astimezone(ZoneInfo(timezone)).replace(tzinfo=None)


def zoned_title(title: str, _: Translator, timezone: str, now: datetime) -> str:
    """A column of times: «Открыта, по московскому времени»."""
    return _("sheet-zoned", title=title, zone=zone_text(_, timezone, now))

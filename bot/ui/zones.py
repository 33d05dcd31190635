"""A time zone in the words people use: «по московскому времени», «МСК+2» — never an IANA name."""

from __future__ import annotations

from datetime import datetime

from bot.domain.time import hours_from_moscow
from bot.i18n import Translator


def zone_text(_: Translator, timezone: str, now: datetime) -> str:
    """«по московскому времени» / «по местному времени, МСК+2» (and the English equivalents)."""
    hours = hours_from_moscow(timezone, now)
    if hours == 0:
        return _("zone-moscow")
    return _("zone-local", offset=f"{hours:+d}".replace("-", "−"))

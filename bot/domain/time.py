"""Time: the clock, a person's time zone, their local day and their quiet hours — one rule each.

Everything here is pure: `now` is passed in (from the `Clock`), zones are IANA names.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

Clock = Callable[[], datetime]

# Nobody is written to at night, their time: messages wait until the morning.
QUIET_FROM = time(21, 0)
QUIET_UNTIL = time(9, 0)


def utc_now() -> datetime:
    return datetime.now(UTC)


class _Municipality(Protocol):
    @property
    def timezone(self) -> str: ...


class Located(Protocol):
    """Anyone with a municipality (a user record)."""

    @property
    def municipality(self) -> _Municipality | None: ...


def zone_of(person: Located | None, default: str) -> str:
    """A person's time zone: their municipality's, else the installation's default."""
    if person is None or person.municipality is None:
        return default
    return person.municipality.timezone


def local_today(now: datetime, timezone: str) -> date:
    return now.astimezone(ZoneInfo(timezone)).date()


def is_quiet(now: datetime, timezone: str) -> bool:
    local = now.astimezone(ZoneInfo(timezone)).time()
    return local >= QUIET_FROM or local < QUIET_UNTIL


def next_allowed(now: datetime, timezone: str) -> datetime:
    """`now`, or the next QUIET_UNTIL in the person's time zone when it is night there (UTC back)."""
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    if not is_quiet(now, timezone):
        return now
    day = local.date() if local.time() < QUIET_UNTIL else local.date() + timedelta(days=1)
    return datetime.combine(day, QUIET_UNTIL, tzinfo=zone).astimezone(now.tzinfo)


MOSCOW = "Europe/Moscow"


def hours_from_moscow(timezone: str, now: datetime) -> int:
    """How many whole hours `timezone` is ahead of Moscow at `now` (Kaliningrad −1, Samara +1…)."""
    here = now.astimezone(ZoneInfo(timezone)).utcoffset() or timedelta(0)
    moscow = now.astimezone(ZoneInfo(MOSCOW)).utcoffset() or timedelta(0)
    return round((here - moscow).total_seconds() / 3600)

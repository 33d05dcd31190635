"""The schedule of a campaign: its waves (once, or monthly on a day at an hour in each person's
zone), when each closes, and the reminders to those who have not answered."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo


class Recurrence(StrEnum):
    ONCE = "once"
    MONTHLY = "monthly"


ONCE_PERIOD = "once"
# How many days a wave may stay open (staff choose one).
OPEN_DAYS = (3, 7, 14, 30)
# The earliest local time anywhere is UTC+14: a monthly wave is opened this much before the
# period's start in UTC, and each person is written to at the start in their own time zone.
EARLIEST_OFFSET = timedelta(hours=14)


@dataclass(frozen=True, slots=True)
class Schedule:
    recurrence: Recurrence
    starts_at: datetime  # once: when it goes; monthly: not before this
    day: int = 1
    hour: int = 10
    minute: int = 0
    open_days: int = 7  # how long each wave stays open
    closes_at: datetime | None = None  # once: the deadline


def period_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def local_start(schedule: Schedule, period: str, timezone: str) -> datetime:
    """When the wave of `period` begins in a time zone (UTC). For a one-off: its moment."""
    if schedule.recurrence == Recurrence.ONCE:
        return schedule.starts_at
    year, month = (int(p) for p in period.split("-"))
    day = min(schedule.day, calendar.monthrange(year, month)[1])
    local = datetime(year, month, day, schedule.hour, schedule.minute, tzinfo=ZoneInfo(timezone))
    return local.astimezone(UTC)


def _earliest(schedule: Schedule, period: str) -> datetime:
    return local_start(schedule, period, "UTC") - EARLIEST_OFFSET


def _months_from(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def due_period(schedule: Schedule, now: datetime) -> str | None:
    """The period whose wave should exist by now (the latest one begun and not yet over), or None.

    A missed run (the machine was asleep) still opens the current wave later; a period that ended
    while nobody ran is skipped rather than sent late."""
    if schedule.recurrence == Recurrence.ONCE:
        if now < schedule.starts_at:
            return None
        if schedule.closes_at is not None and now >= schedule.closes_at:
            return None
        return ONCE_PERIOD
    prev = (now.year - 1, 12) if now.month == 1 else (now.year, now.month - 1)
    candidates = [prev, (now.year, now.month), _months_from(now.year, now.month)]
    due = None
    for year, month in candidates:  # the next month may already have begun east of UTC
        period = period_key(year, month)
        if local_start(schedule, period, "UTC") < schedule.starts_at:
            continue  # before the campaign was launched
        if _earliest(schedule, period) <= now < wave_closes(schedule, period):
            due = period
    return due


def wave_closes(schedule: Schedule, period: str) -> datetime:
    if schedule.recurrence == Recurrence.ONCE:
        return schedule.closes_at or schedule.starts_at + timedelta(days=schedule.open_days)
    # the latest local start is UTC-12; everyone gets the same number of days
    return local_start(schedule, period, "UTC") + timedelta(hours=12) + timedelta(days=schedule.open_days)


def next_start(schedule: Schedule, now: datetime, timezone: str) -> datetime | None:
    """The next wave's start in a time zone (for staff's schedule screen), None when none comes."""
    if schedule.recurrence == Recurrence.ONCE:
        return schedule.starts_at if schedule.starts_at > now else None
    year, month = now.year, now.month
    for _ in range(14):
        start = local_start(schedule, period_key(year, month), timezone)
        if start > now and local_start(schedule, period_key(year, month), "UTC") >= schedule.starts_at:
            return start
        year, month = _months_from(year, month)
    return None


MAX_REMINDERS = 2


def reminder_times(opens_at: datetime, closes_at: datetime) -> list[datetime]:
    """At most two reminders to those who have not answered: halfway through, and a day before the
    deadline (when that is later than halfway); none in a wave shorter than a day."""
    length = closes_at - opens_at
    if length < timedelta(days=1):
        return []
    halfway = opens_at + length / 2
    last_day = closes_at - timedelta(days=1)
    times = [halfway]
    if last_day - halfway >= timedelta(hours=12):
        times.append(last_day)
    return times[:MAX_REMINDERS]


def reminder_due(opens_at: datetime, closes_at: datetime, sent: int, now: datetime) -> int | None:
    """The number (0 or 1) of the reminder due now, if any; a missed one is not sent twice."""
    if now >= closes_at:
        return None
    times = reminder_times(opens_at, closes_at)
    due = [i for i, at in enumerate(times) if at <= now]
    if not due or due[-1] < sent:
        return None
    return due[-1]

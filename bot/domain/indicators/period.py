"""The report's period: its code, its first and last day, its bounds in UTC."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

ACADEMIC_YEAR_MONTH = 9  # the school year starts on 1 September


# --- the period ------------------------------------------------------------------------------------


class PeriodCode(StrEnum):
    ACADEMIC_YEAR = "ay"  # from 1 September of the current school year to today
    LAST_3_MONTHS = "3m"  # the same day three months ago to today
    CALENDAR_YEAR = "cy"  # from 1 January to today
    PREVIOUS_YEAR = "pay"  # the previous school year: 1 September – 31 August


DEFAULT_PERIOD = PeriodCode.ACADEMIC_YEAR


@dataclass(frozen=True, slots=True)
class Period:
    code: PeriodCode
    first_day: date
    last_day: date
    start: datetime  # first_day 00:00 local, inclusive
    end: datetime  # the day after last_day 00:00 local, exclusive

    def holds(self, moment: datetime | None) -> bool:
        return moment is not None and self.start <= moment < self.end


def academic_year_start(today: date) -> date:
    """1 September of the school year `today` belongs to (June–August still belong to the old one)."""
    year = today.year if today.month >= ACADEMIC_YEAR_MONTH else today.year - 1
    return date(year, ACADEMIC_YEAR_MONTH, 1)


def months_back(day: date, months: int) -> date:
    """The same day `months` months earlier; the 31st becomes the month's last day when needed."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def parse_period(code: str) -> PeriodCode:
    """A period code from a button; an empty or unknown one is the default."""
    try:
        return PeriodCode(code)
    except ValueError:
        return DEFAULT_PERIOD


def make_period(code: PeriodCode, today: date, timezone: str) -> Period:
    if code is PeriodCode.ACADEMIC_YEAR:
        first, last = academic_year_start(today), today
    elif code is PeriodCode.LAST_3_MONTHS:
        first, last = months_back(today, 3), today
    elif code is PeriodCode.CALENDAR_YEAR:
        first, last = date(today.year, 1, 1), today
    else:
        current = academic_year_start(today)
        first, last = date(current.year - 1, ACADEMIC_YEAR_MONTH, 1), current - timedelta(days=1)
    zone = ZoneInfo(timezone)
    start = datetime.combine(first, time(0), tzinfo=zone)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone)
    return Period(code, first, last, start, end)

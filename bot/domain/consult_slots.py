"""Booking a consultation: a methodist's time slots, who may book one, reading what the methodist
types (a day, a time, a link or a place, a topic), when reminders are due and when a slot is over.

A slot is open (free), booked (by one teacher) or cancelled (by its methodist). Booking, freeing and
the outcome («состоялась» / «не состоялась») are conditional updates in the database; the rules here
say what is allowed, the repository makes each change happen once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.domain.events import LINK_MAX, PLACE_MAX, has_control, is_link
from bot.domain.roles import scope_covers


class SlotStatus(StrEnum):
    OPEN = "open"  # free: a teacher may book it
    BOOKED = "booked"
    CANCELLED = "cancelled"  # by the methodist


class Outcome(StrEnum):
    HELD = "held"  # состоялась
    MISSED = "missed"  # не состоялась


class Mode(StrEnum):
    ONLINE = "online"  # a link
    PLACE = "place"  # an address, a room


DURATIONS = (15, 30, 45, 60)  # minutes
TOPIC_MAX = 200
WEEKS = (1, 4)  # publish once, or on the same weekday and time for four weeks
HORIZON = timedelta(days=120)  # a slot is published at most this far ahead
MAX_UPCOMING = 3  # upcoming bookings a teacher holds at once
# Reminders a day and an hour before follow the events' rule (bot.domain.events.due_reminders).


class SlotProblem(StrEnum):
    FORMAT = "format"  # not a date / time as we read them
    DATE = "date"  # no such day (31.02)
    PAST = "past"
    FAR = "far"  # beyond HORIZON
    NOT_URL = "not_url"  # online needs an http(s) link
    LONG = "long"
    LINES = "lines"  # a line break or a control character
    SHORT = "short"


class SlotInputError(ValueError):
    def __init__(self, problem: SlotProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


_DAY = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})(?:[./](\d{2}|\d{4}))?\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")


def parse_day(text: str, timezone: str, now: datetime) -> date:
    """ "25.12.2026", "25.12.26" or "25.12" (this year, or the next when it has passed) — a day that
    has not passed yet in `timezone`, within HORIZON."""
    match = _DAY.match(text)
    if match is None:
        raise SlotInputError(SlotProblem.FORMAT)
    day_s, month_s, year_s = match.groups()
    today = now.astimezone(ZoneInfo(timezone)).date()
    year = (int(year_s) + (2000 if len(year_s) == 2 else 0)) if year_s else today.year
    try:
        day = date(year, int(month_s), int(day_s))
    except ValueError:
        raise SlotInputError(SlotProblem.DATE) from None
    if year_s is None and day < today:
        try:
            day = day.replace(year=day.year + 1)
        except ValueError:  # 29.02 of a year that has none
            raise SlotInputError(SlotProblem.DATE) from None
    if day < today:
        raise SlotInputError(SlotProblem.PAST)
    if day > today + HORIZON:
        raise SlotInputError(SlotProblem.FAR)
    return day


def parse_time(text: str) -> time:
    """ "15:00", "9.30"."""
    match = _TIME.match(text)
    if match is None:
        raise SlotInputError(SlotProblem.FORMAT)
    hour, minute = int(match.group(1)), int(match.group(2))
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise SlotInputError(SlotProblem.FORMAT)
    return time(hour, minute)


def moment(day: date, at: time, timezone: str) -> datetime:
    """The day and time read in `timezone`, as an aware datetime (UTC)."""
    local = datetime.combine(day, at, tzinfo=ZoneInfo(timezone))
    return local.astimezone(UTC)


def check_future(starts_at: datetime, now: datetime) -> None:
    if starts_at <= now:
        raise SlotInputError(SlotProblem.PAST)
    if starts_at > now + HORIZON:
        raise SlotInputError(SlotProblem.FAR)


def read_link(text: str) -> str:
    """An online consultation's address: one http(s) link, at most LINK_MAX characters."""
    value = text.strip()
    if len(value) > LINK_MAX:
        raise SlotInputError(SlotProblem.LONG)
    if not is_link(value):
        raise SlotInputError(SlotProblem.NOT_URL)
    return value


def read_place(text: str) -> str:
    """Where to come: one line of plain text."""
    if has_control(text.strip()):
        raise SlotInputError(SlotProblem.LINES)
    value = " ".join(text.split())
    if len(value) < 3:
        raise SlotInputError(SlotProblem.SHORT)
    if len(value) > PLACE_MAX:
        raise SlotInputError(SlotProblem.LONG)
    return value


def read_topic(text: str) -> str:
    if has_control(text.strip()):
        raise SlotInputError(SlotProblem.LINES)
    value = " ".join(text.split())
    if len(value) < 3:
        raise SlotInputError(SlotProblem.SHORT)
    if len(value) > TOPIC_MAX:
        raise SlotInputError(SlotProblem.LONG)
    return value


def repeated(first: datetime, weeks: int, timezone: str) -> list[datetime]:
    """The same weekday and local time for `weeks` weeks (the wall clock kept across DST)."""
    zone = ZoneInfo(timezone)
    local = first.astimezone(zone)
    return [
        datetime.combine(local.date() + timedelta(weeks=n), local.time(), tzinfo=zone).astimezone(UTC)
        for n in range(max(1, weeks))
    ]


def overlaps(start: datetime, minutes: int, other_start: datetime, other_minutes: int) -> bool:
    return start < other_start + timedelta(minutes=other_minutes) and other_start < start + timedelta(
        minutes=minutes
    )


def ends_at(starts_at: datetime, minutes: int) -> datetime:
    return starts_at + timedelta(minutes=minutes)


def is_over(starts_at: datetime, minutes: int, now: datetime) -> bool:
    """The outcome is marked once the consultation's time has passed."""
    return now >= ends_at(starts_at, minutes)


# --- who may book whose slots --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Teacher:
    id: int
    municipality_id: int | None
    subjects: frozenset[str]
    methodist_id: int | None  # part 3's assignment


@dataclass(frozen=True, slots=True)
class Methodist:
    id: int
    scope: int | None  # the methodist role's municipality; None: the whole region
    subjects: frozenset[str]


def may_book(teacher: Teacher, methodist: Methodist) -> bool:
    """A teacher books the slots of their own methodist (while the role's scope covers them), or of a
    methodist who covers their municipality and shares a subject with them; never their own."""
    if teacher.id == methodist.id or not scope_covers(methodist.scope, teacher.municipality_id):
        return False
    return teacher.methodist_id == methodist.id or bool(teacher.subjects & methodist.subjects)


def bookable_order(teacher: Teacher, methodists: Iterable[Methodist]) -> list[int]:
    """The methodists whose slots the teacher sees: their own first, then the others."""
    allowed = [m for m in methodists if may_book(teacher, m)]
    allowed.sort(key=lambda m: (m.id != teacher.methodist_id, m.id))
    return [m.id for m in allowed]

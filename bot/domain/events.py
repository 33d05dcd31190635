"""Events rules: kinds and levels, who an event is for, whether one can still register, when the
reminders are due, reading a date typed by staff, and the event as an .ics calendar entry."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as IcsEvent

from bot.domain.diagnostics import StepForm


class EventKind(StrEnum):
    SEMINAR = "seminar"
    WEBINAR = "webinar"
    CONFERENCE = "conference"
    MASTERCLASS = "masterclass"
    ROUNDTABLE = "roundtable"
    INTERNSHIP = "internship"
    COURSE = "course"
    CONTEST = "contest"
    GRANT = "grant"
    OTHER = "other"


class EventLevel(StrEnum):
    SCHOOL = "school"
    MUNICIPAL = "municipal"
    REGIONAL = "regional"
    FEDERAL = "federal"


# A registration can become a step of the teacher's route (part 3): the closest ИОМ form.
ROUTE_FORM = {
    EventKind.COURSE: StepForm.COURSE,
    EventKind.INTERNSHIP: StepForm.INTERNSHIP,
    EventKind.CONTEST: StepForm.EXPERIENCE,
    EventKind.GRANT: StepForm.EXPERIENCE,
    EventKind.CONFERENCE: StepForm.COMMUNITY,
    EventKind.ROUNDTABLE: StepForm.COMMUNITY,
}
DAY_BEFORE = timedelta(hours=24)
HOUR_BEFORE = timedelta(hours=1)
FEEDBACK_AFTER = timedelta(hours=1)
DEFAULT_LENGTH = timedelta(hours=2)


@dataclass(frozen=True, slots=True)
class Audience:
    """Who gets the event. Every empty field means "anyone"; filled ones must all hold."""

    roles: tuple[str, ...] = ()
    municipalities: tuple[int, ...] = ()
    schools: tuple[int, ...] = ()
    subjects: tuple[str, ...] = ()
    young: bool = False
    areas: tuple[str, ...] = ()  # competence areas with a high or medium deficit (part 2)

    @classmethod
    def from_json(cls, raw: dict[str, object] | None) -> Audience:
        raw = raw or {}

        def ints(key: str) -> tuple[int, ...]:
            value = raw.get(key) or []
            return tuple(int(v) for v in value) if isinstance(value, list) else ()

        def strs(key: str) -> tuple[str, ...]:
            value = raw.get(key) or []
            return tuple(str(v) for v in value) if isinstance(value, list) else ()

        return cls(
            strs("roles"),
            ints("municipalities"),
            ints("schools"),
            strs("subjects"),
            bool(raw.get("young")),
            strs("areas"),
        )

    def to_json(self) -> dict[str, object]:
        return {
            "roles": list(self.roles),
            "municipalities": list(self.municipalities),
            "schools": list(self.schools),
            "subjects": list(self.subjects),
            "young": self.young,
            "areas": list(self.areas),
        }

    def toggled(self, key: str, value: str | int) -> Audience:
        current = list(getattr(self, key))
        current = [v for v in current if v != value] if value in current else [*current, value]
        return replace(self, **{key: tuple(current)})  # type: ignore[arg-type]

    def with_young(self, young: bool) -> Audience:
        return replace(self, young=young)

    def edited(self, action: str, value: str) -> Audience:
        """A button of the audience screen: "young" flips young specialists only; "opt" with
        "key.value" toggles one choice."""
        if action == "young":
            return self.with_young(not self.young)
        if action == "opt" and "." in value:
            key, choice = value.split(".", 1)
            if key in ("roles", "subjects", "areas"):
                return self.toggled(key, choice)
            if key == "municipalities" and choice.isdigit():
                return self.toggled(key, int(choice))
        return self

    @property
    def everyone(self) -> bool:
        return not (
            self.roles or self.municipalities or self.schools or self.subjects or self.young or self.areas
        )


@dataclass(frozen=True, slots=True)
class Person:
    """What the audience rule needs to know about a teacher."""

    roles: frozenset[str]
    municipality_id: int | None
    school_id: int | None
    subjects: frozenset[str]
    young: bool
    deficit_areas: frozenset[str] = field(default_factory=frozenset)


def concerns(audience: Audience, person: Person) -> bool:
    if audience.roles and not person.roles & set(audience.roles):
        return False
    if audience.municipalities and person.municipality_id not in audience.municipalities:
        return False
    if audience.schools and person.school_id not in audience.schools:
        return False
    if audience.subjects and not person.subjects & set(audience.subjects):
        return False
    if audience.young and not person.young:
        return False
    return not (audience.areas and not person.deficit_areas & set(audience.areas))


class Registration(StrEnum):
    OPEN = "open"
    WAITLIST = "waitlist"  # full: one can still queue
    CLOSED = "closed"  # the deadline passed
    STARTED = "started"  # it has begun or is over
    CANCELLED = "cancelled"


def registration(
    *,
    starts_at: datetime,
    deadline: datetime | None,
    capacity: int | None,
    taken: int,
    now: datetime,
    cancelled: bool,
) -> Registration:
    if cancelled:
        return Registration.CANCELLED
    if now >= starts_at:
        return Registration.STARTED
    if deadline is not None and now > deadline:
        return Registration.CLOSED
    if capacity is not None and taken >= capacity:
        return Registration.WAITLIST
    return Registration.OPEN


class Reminder(StrEnum):
    DAY = "day"
    HOUR = "hour"


def due_reminders(starts_at: datetime, now: datetime, day_sent: bool, hour_sent: bool) -> list[Reminder]:
    """The reminders due now: a day before and an hour before (a late registration gets only the
    hour's); never after the start."""
    left = starts_at - now
    if left <= timedelta(0):
        return []
    if left <= HOUR_BEFORE:
        return [] if hour_sent else [Reminder.HOUR]
    if left <= DAY_BEFORE and not day_sent:
        return [Reminder.DAY]
    return []


def feedback_due(ends_at: datetime, now: datetime) -> bool:
    return now >= ends_at + FEEDBACK_AFTER


_DATE = re.compile(r"^\s*(\d{1,2})[./](\d{1,2})(?:[./](\d{2,4}))?(?:\s+(\d{1,2})[:.](\d{2}))?\s*$")


def parse_when(text: str, timezone: str, now: datetime) -> datetime:
    """ "25.12.2026 15:00", "25.12 15:00" (this year, or next if passed), "25.12.2026" (10:00) →
    UTC, read in `timezone`."""
    match = _DATE.match(text)
    if match is None:
        raise ValueError("format")
    day, month, year, hour, minute = match.groups()
    zone = ZoneInfo(timezone)
    local_now = now.astimezone(zone)
    try:
        moment = datetime(
            int(year) + (2000 if year and len(year) == 2 else 0) if year else local_now.year,
            int(month),
            int(day),
            int(hour) if hour is not None else 10,
            int(minute) if minute is not None else 0,
            tzinfo=zone,
        )
    except ValueError as exc:
        raise ValueError("date") from exc
    if year is None and moment < local_now:
        moment = moment.replace(year=moment.year + 1)
    return moment.astimezone(now.tzinfo)


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    uid: str
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    place: str | None
    link: str | None


def ics(entry: CalendarEntry) -> bytes:
    """An .ics file with one event, which phones' calendars open."""
    calendar = Calendar()
    calendar.add("prodid", "-//Metodist bot//RU")
    calendar.add("version", "2.0")
    event = IcsEvent()
    event.add("uid", entry.uid)
    event.add("summary", entry.title)
    event.add("dtstart", entry.starts_at)
    event.add("dtend", entry.ends_at)
    event.add("dtstamp", entry.starts_at)
    if entry.description:
        event.add("description", entry.description + (f"\n{entry.link}" if entry.link else ""))
    if entry.place:
        event.add("location", entry.place)
    if entry.link:
        event.add("url", entry.link)
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def parse_capacity(text: str) -> int:
    value = int(text.strip())
    if not 1 <= value <= 100_000:
        raise ValueError("capacity")
    return value


def kinds_in(values: Iterable[str]) -> list[EventKind]:
    return [k for k in EventKind if k.value in set(values)]

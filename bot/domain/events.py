"""Events rules: kinds and levels, who an event is for and whom its author may reach, which
municipality an event belongs to, whether one can still register, when the reminders are due,
reading a date, a place or a link typed by staff, and the event as an .ics calendar entry."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar
from icalendar import Event as IcsEvent

from bot.domain.diagnostics import StepForm
from bot.domain.roles import Role


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


class EventStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


UNPUBLISHED = frozenset({EventStatus.DRAFT, EventStatus.SCHEDULED})  # a draft: may be edited, published


class RegistrationStatus(StrEnum):
    REGISTERED = "registered"
    WAITLIST = "waitlist"
    CANCELLED = "cancelled"


ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLIST)  # holding a seat or waiting


class BroadcastStatus(StrEnum):
    SENDING = "sending"
    DONE = "done"
    STOPPED = "stopped"


class BroadcastKind(StrEnum):
    """What a broadcast tells: a new event, a change to it, its cancellation, an announcement
    without an event. (Reminders and the digest go one by one, as personal rows of the outbox, not
    as broadcasts.)"""

    EVENT = "event"
    UPDATE = "update"
    CANCEL = "cancel"
    NEWS = "news"
    ASSOCIATION = "association"  # a leader's message to their association's members


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


class AudienceStep(StrEnum):
    """The audience picker's buttons (the callback actions of events and surveys alike)."""

    AUDIENCE = "audience"  # back to the main screen
    YOUNG = "young"  # young specialists only, on and off
    OPT = "opt"  # toggle one choice: value "key.choice"
    AUD = "aud"  # open a part's choices: value the key
    PREVIEW = "preview"  # next: the area's own screen after the picker


@dataclass(frozen=True, slots=True)
class Audience:
    """Who gets the event. Every empty field means "anyone" — with no roles chosen, "all teachers":
    those who give lessons (a person's `teacher` role only when they do); filled ones must all hold."""

    roles: tuple[str, ...] = ()
    municipalities: tuple[int, ...] = ()
    schools: tuple[int, ...] = ()
    subjects: tuple[str, ...] = ()
    young: bool = False
    areas: tuple[str, ...] = ()  # competence areas with a high or medium deficit (part 2)
    groups: tuple[str, ...] = ()  # target groups (part 11: ШНОР, gifted, ОВЗ, migrant children)

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
            strs("groups"),
        )

    def to_json(self) -> dict[str, object]:
        return {
            "roles": list(self.roles),
            "municipalities": list(self.municipalities),
            "schools": list(self.schools),
            "subjects": list(self.subjects),
            "young": self.young,
            "areas": list(self.areas),
            "groups": list(self.groups),
        }

    def toggled(self, key: str, value: str | int) -> Audience:
        current = list(getattr(self, key))
        current = [v for v in current if v != value] if value in current else [*current, value]
        return replace(self, **{key: tuple(current)})  # type: ignore[arg-type]

    def with_young(self, young: bool) -> Audience:
        return replace(self, young=young)

    def edited(self, step: AudienceStep, value: str) -> Audience:
        """A button of the audience screen: "young" flips young specialists only; "opt" with
        "key.value" toggles one choice."""
        if step is AudienceStep.YOUNG:
            return self.with_young(not self.young)
        if step is AudienceStep.OPT and "." in value:
            key, choice = value.split(".", 1)
            if key in ("roles", "subjects", "areas", "groups"):
                return self.toggled(key, choice)
            if key == "municipalities" and choice.isdigit():
                return self.toggled(key, int(choice))
        return self

    @property
    def everyone(self) -> bool:
        return not (
            self.roles
            or self.municipalities
            or self.schools
            or self.subjects
            or self.young
            or self.areas
            or self.groups
        )


@dataclass(frozen=True, slots=True)
class Reach:
    """Whom an author may write to. `municipality` None: the whole region; `subjects` None: any
    subject, an empty set: nobody (a methodist whose profile names no subjects)."""

    municipality: int | None = None
    subjects: frozenset[str] | None = None

    @property
    def nobody(self) -> bool:
        return self.subjects is not None and not self.subjects


def within(audience: Audience, reach: Reach) -> Audience:
    """The audience cut down to the author's reach, whatever the buttons said: the author's own
    municipality, and only their subjects (all of them when none of theirs was chosen)."""
    if reach.municipality is not None and audience.municipalities != (reach.municipality,):
        audience = replace(audience, municipalities=(reach.municipality,))
    if reach.subjects is not None:
        chosen = tuple(s for s in audience.subjects if s in reach.subjects)
        audience = replace(audience, subjects=chosen or tuple(sorted(reach.subjects)))
    return audience


def home_municipality(audience: Audience) -> int | None:
    """The municipality an event belongs to: the one its audience is confined to. An event for
    several municipalities or for the whole region belongs to the region (None)."""
    return audience.municipalities[0] if len(set(audience.municipalities)) == 1 else None


@dataclass(frozen=True, slots=True)
class Person:
    """What the audience rule needs to know about a person. `roles` holds «teacher» only for someone
    who gives lessons (`users.teaches`), whatever their other roles."""

    roles: frozenset[str]
    municipality_id: int | None
    school_id: int | None
    subjects: frozenset[str]
    young: bool
    deficit_areas: frozenset[str] = field(default_factory=frozenset)
    groups: frozenset[str] = field(default_factory=frozenset)  # target groups (confirmed, or a ШНОР school)


# An audience with no roles chosen is "all teachers".
EVERYONE = frozenset({Role.TEACHER.value})


def concerns(audience: Audience, person: Person) -> bool:
    if not person.roles & (set(audience.roles) or EVERYONE):
        return False
    if audience.municipalities and person.municipality_id not in audience.municipalities:
        return False
    if audience.schools and person.school_id not in audience.schools:
        return False
    if audience.subjects and not person.subjects & set(audience.subjects):
        return False
    if audience.young and not person.young:
        return False
    if audience.groups and not person.groups & set(audience.groups):
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


LINK_MAX = 500
PLACE_MAX = 300


def has_control(text: str, *, lines: bool = False) -> bool:
    """Control characters (line breaks too, unless `lines`): nothing a person types on purpose."""
    return any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") and not (lines and ch in "\n\t") for ch in text)


def is_link(text: str) -> bool:
    """One http(s) address: a host, no spaces, no control characters."""
    if not text.startswith(("http://", "https://")) or len(text) > LINK_MAX:
        return False
    if any(ch.isspace() for ch in text) or has_control(text):
        return False
    try:
        return bool(urlsplit(text).hostname)
    except ValueError:
        return False


class PlaceProblem(StrEnum):
    LINES = "lines"  # a line break or a control character
    LONG = "long"


def read_place(text: str) -> tuple[str | None, str | None]:
    """A typed place → (place, link): a single http(s) address is a link, anything else an
    address. Raises ValueError(PlaceProblem) — a place is one line of plain text."""
    text = text.strip()
    if has_control(text):
        raise ValueError(PlaceProblem.LINES)
    text = " ".join(text.split())
    if text.startswith(("http://", "https://")) and " " not in text:
        if not is_link(text):
            raise ValueError(PlaceProblem.LINES if len(text) <= LINK_MAX else PlaceProblem.LONG)
        return None, text
    if len(text) > PLACE_MAX:
        raise ValueError(PlaceProblem.LONG)
    return text, None


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    uid: str
    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    place: str | None
    link: str | None


def _plain(text: str | None, *, lines: bool = False) -> str:
    """Text safe for a calendar property: no control characters; line breaks (kept only where
    `lines`) become spaces. icalendar escapes the rest (;, \\ and newlines)."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    kept = "".join(
        ch if ch == "\n" or not has_control(ch) else (" " if ch in "\t\x0b\x0c\x85\u2028\u2029" else "")
        for ch in text
    )
    if lines:
        return "\n".join(" ".join(line.split()) for line in kept.split("\n")).strip()
    return " ".join(kept.split())


def ics(entry: CalendarEntry) -> bytes:
    """An .ics file with one event, which phones' calendars open. Never fails on odd text: rows
    written before places and links were checked at input are cleaned here; a link that is no
    valid address stays only as text in the description."""
    calendar = Calendar()
    calendar.add("prodid", "-//Metodist bot//RU")
    calendar.add("version", "2.0")
    event = IcsEvent()
    event.add("uid", _plain(entry.uid))
    event.add("summary", _plain(entry.title))
    event.add("dtstart", entry.starts_at)
    event.add("dtend", entry.ends_at)
    event.add("dtstamp", entry.starts_at)
    link = entry.link if entry.link and is_link(entry.link) else None
    description = "\n".join(
        part for part in (_plain(entry.description, lines=True), link or _plain(entry.link)) if part
    )
    if description:
        event.add("description", description)
    if _plain(entry.place):
        event.add("location", _plain(entry.place))
    if link:
        event.add("url", link)
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def parse_capacity(text: str) -> int:
    value = int(text.strip())
    if not 1 <= value <= 100_000:
        raise ValueError("capacity")
    return value


def kinds_in(values: Iterable[str]) -> list[EventKind]:
    return [k for k in EventKind if k.value in set(values)]

"""Target indicators of the support system (DOMAIN.md «Target indicators»), computed from what the
bot itself records. Plain Python over plain rows: no SQL, no aiogram, no I/O.

A report is for a scope (the region, a municipality or a school) and a period of local calendar
days `first_day … last_day`, i.e. the moments `start ≤ t < end` in the region's time zone.

**Who is counted (N).** Registered people with the role «teacher» in the scope whose profile was
finished before the period's end (`users.registered_at < end`). Everyone who registers gets that
role, so staff, methodists and mentors count too: they are teachers of the region as well.

**What is known about a teacher** (`TeacherRow`). Every moment is the *latest such moment before the
period's end* (None: never), so the same row answers «did it happen within the period?» by one
comparison `start ≤ moment < end`; a later event never hides an earlier one within the period.

**Per teacher** (`Flags`, computed by `flags_of`):

- *young specialist*: `bot.domain.profile.is_young_specialist(birth_year, experience_years, Y)` with
  Y the year of the period's last day — turns at most 35 that year and has at most 3 years of
  experience (seed 003 §3). Both fields must be filled in.
- *diagnosed*: finished a diagnosis (any questionnaire) within the period.
- *recommended*: within the period finished a diagnosis that gave at least one area a deficit
  level — the results screen then shows addressed recommendations for those levels.
- *route in force*: their latest route (ИОМ) saved before the end — sent to the methodist at least
  once, so not a draft — whose term reaches into the period (`period_end ≥ first_day`).
- *ИОМ on diagnosis*: the route in force was built from a diagnosis (`routes.attempt_id` set).
- *trajectory formed*: the route in force was agreed by the methodist before the end.
- *route due*: the route in force has ended by the period's last day, or is carried out already;
  *route carried out*: it is due and reached «carried out» (every step not dropped is done) before
  the end. A route whose term still runs and is not done yet is not judged.
- *mentored* / *mentoring*: a mentoring pair as the mentee / the mentor that was activated before
  the end and had not ended before the start (still open, or ended within or after the period).
- *registered for an event*: a registration (not the waiting list, not cancelled) made within the
  period; *contest*: the same for an event of kind «contest».
- *community*: a route step of the form «work in a professional community» started or done within
  the period, or a registration within the period for a conference or round table (the event kinds
  that become a community step of a route, `bot.domain.events.ROUTE_FORM`).
- *course*: a route step of the form «course» done within the period, or a course event within
  the period that the teacher attended (left feedback).
- *informed*: within the period Telegram accepted for them an event announcement, an update of an
  event or the weekly digest of events — or they registered for an event.
- *involved in support*: diagnosed, a route in force, mentored or mentoring, registered for an
  event, community or course.

**Indicators** (`INDICATORS`, targets from the seeds, `TARGETS`): share = n / N.

| indicator | n | N | target |
| --- | --- | --- | --- |
| diagnosed | diagnosed | teachers | ≥ 60 % (003 §4.1) |
| route | ИОМ on diagnosis | teachers | ≥ 30 % (003 §4.2) |
| route_done | route carried out | route due | 80 % (003 §4.2) |
| young_supported | young ∧ involved | young specialists | 60 % (003 §4.10) |
| young_mentored | young ∧ mentored | young specialists | 100 % (002, 004) |
| informed | informed | teachers | 100 % (001) |
| involved | involved | teachers | 80 % (001) |
| community | community | teachers | 70 % (001) |
| contests | contest | teachers | 20 % (001; about 30 % a year in 004) |
| trajectory | trajectory formed | teachers | 20 % (001) |
| recommendations | diagnosed ∧ recommended | diagnosed | 100 % (001) |

An indicator with N = 0 has no value and is neither met nor missed. A value is met when
`100·n ≥ target·N` (exact integers); shares are shown rounded *down* to a tenth of a percent, so
a value shown as the target is the target met.

**Counts** (003 §4, «количество»): teachers with the first and with the highest qualification
category (the category in the profile today: the bot does not record when it was obtained),
teachers who completed a course, took part in a contest, mentored, and young specialists. Expert
activity (003 §4.8) is not recorded by the bot and is not reported.

**Deficits** (`deficit_matrix`): per group (municipality, or school within a municipality) and
competence area, the share of teachers whose latest diagnosis within the period gave the area a
high deficit, among those whose latest diagnosis within the period has a level for that area.

**Pseudonyms** (`pseudonym`): the anonymised file names a teacher by a keyed hash of their id,
the same in every file made with the same key, and not reversible without it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import NamedTuple
from zoneinfo import ZoneInfo

from bot.domain.diagnostics import StepForm
from bot.domain.events import ROUTE_FORM, EventKind
from bot.domain.profile import is_young_specialist

# Event kinds whose registration counts as work in a professional community.
COMMUNITY_KINDS = frozenset(kind for kind, form in ROUTE_FORM.items() if form is StepForm.COMMUNITY)
CONTEST_KINDS = frozenset({EventKind.CONTEST})
COURSE_KINDS = frozenset({EventKind.COURSE})
# Broadcast kinds that tell teachers about events (and the digest, sent one by one).
INFORMING_BROADCASTS = frozenset({"event", "update"})
DIGEST_DEDUPE_PREFIX = "digest:"
ACADEMIC_YEAR_MONTH = 9  # the school year starts on 1 September
MAX_HEATMAP_GROUPS = 40


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


# --- per teacher ----------------------------------------------------------------------------------


class TeacherRow(NamedTuple):
    """One teacher as of the period's end. Each moment is the latest one before the end.

    A named tuple, like `Flags`: a region has 100,000 of them, and a tuple is built several times
    faster than a frozen dataclass."""

    user_id: int
    tg_id: int
    full_name: str | None
    municipality_id: int | None
    school_id: int | None
    birth_year: int | None
    experience_years: int | None
    category: str | None
    registered_at: datetime | None
    diagnosed_at: datetime | None = None
    recommended_at: datetime | None = None
    route_saved_at: datetime | None = None
    route_on_diagnosis: bool = False
    route_ends: date | None = None
    route_approved_at: datetime | None = None
    route_completed_at: datetime | None = None
    community_step_at: datetime | None = None
    course_step_at: datetime | None = None
    event_registered_at: datetime | None = None
    contest_at: datetime | None = None
    community_event_at: datetime | None = None
    course_event_at: datetime | None = None
    informed_at: datetime | None = None
    mentee_open: bool = False
    mentee_ended_at: datetime | None = None
    mentor_open: bool = False
    mentor_ended_at: datetime | None = None


class Flags(NamedTuple):
    """What feeds the indicators, for one teacher and one period."""

    young: bool
    diagnosed: bool
    recommended: bool
    route_in_force: bool
    route: bool  # ИОМ built on a diagnosis
    trajectory: bool
    route_due: bool
    route_done: bool
    mentored: bool
    mentoring: bool
    events: bool
    contest: bool
    community: bool
    course: bool
    informed: bool
    involved: bool


def _before(moment: datetime | None, end: datetime) -> bool:
    return moment is not None and moment < end


def counted(row: TeacherRow, period: Period) -> bool:
    """In the report at all: registered before the period's end."""
    return _before(row.registered_at, period.end)


def flags_of(row: TeacherRow, period: Period) -> Flags:
    return _flagger(period)(row)


def _flagger(period: Period) -> Callable[[TeacherRow], Flags]:
    """`flags_of` for one period. The bounds are taken in UTC once: the moments come from the
    database in UTC, and comparing aware datetimes of one zone skips the offset arithmetic — this
    runs for every teacher of the region."""
    start, end = period.start.astimezone(UTC), period.end.astimezone(UTC)
    first_day, last_day = period.first_day, period.last_day
    year = last_day.year

    def holds(moment: datetime | None) -> bool:
        return moment is not None and start <= moment < end

    def flags(row: TeacherRow) -> Flags:
        young = is_young_specialist(row.birth_year, row.experience_years, year)
        diagnosed = holds(row.diagnosed_at)
        saved, ends = row.route_saved_at, row.route_ends
        in_force = saved is not None and saved < end and ends is not None and ends >= first_day
        completed = in_force and row.route_completed_at is not None and row.route_completed_at < end
        due = in_force and (completed or (ends is not None and ends <= last_day))
        mentored = row.mentee_open or (row.mentee_ended_at is not None and row.mentee_ended_at >= start)
        mentoring = row.mentor_open or (row.mentor_ended_at is not None and row.mentor_ended_at >= start)
        events = holds(row.event_registered_at)
        community = holds(row.community_step_at) or holds(row.community_event_at)
        course = holds(row.course_step_at) or holds(row.course_event_at)
        approved = row.route_approved_at
        return Flags(
            young,
            diagnosed,
            holds(row.recommended_at),
            in_force,
            in_force and row.route_on_diagnosis,
            in_force and approved is not None and approved < end,
            due,
            due and completed,
            mentored,
            mentoring,
            events,
            holds(row.contest_at),
            community,
            course,
            holds(row.informed_at) or events,
            diagnosed or in_force or mentored or mentoring or events or community or course,
        )

    return flags


def teacher_flags(rows: Iterable[TeacherRow], period: Period) -> list[tuple[TeacherRow, Flags]]:
    """The teachers counted in the period, each with their flags."""
    flags = _flagger(period)
    end = period.end.astimezone(UTC)
    return [(row, flags(row)) for row in rows if _before(row.registered_at, end)]  # `counted`, in UTC


# --- indicators -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Share:
    n: int
    total: int

    @property
    def tenths(self) -> int | None:
        """The share in tenths of a percent, rounded down; None without a denominator."""
        return None if self.total == 0 else 1000 * self.n // self.total

    @property
    def percent(self) -> float | None:
        tenths = self.tenths
        return None if tenths is None else tenths / 10

    def met(self, target: int) -> bool | None:
        return None if self.total == 0 else 100 * self.n >= target * self.total


class Indicator(StrEnum):
    DIAGNOSED = "diagnosed"
    ROUTE = "route"
    ROUTE_DONE = "route_done"
    YOUNG_SUPPORTED = "young_supported"
    YOUNG_MENTORED = "young_mentored"
    INFORMED = "informed"
    INVOLVED = "involved"
    COMMUNITY = "community"
    CONTESTS = "contests"
    TRAJECTORY = "trajectory"
    RECOMMENDATIONS = "recommendations"


@dataclass(frozen=True, slots=True)
class Target:
    percent: int
    source: str  # the seed documents that set it


TARGETS: dict[Indicator, Target] = {
    Indicator.DIAGNOSED: Target(60, "003 §4.1"),
    Indicator.ROUTE: Target(30, "003 §4.2"),
    Indicator.ROUTE_DONE: Target(80, "003 §4.2"),
    Indicator.YOUNG_SUPPORTED: Target(60, "003 §4.10"),
    Indicator.YOUNG_MENTORED: Target(100, "002, 004"),
    Indicator.INFORMED: Target(100, "001"),
    Indicator.INVOLVED: Target(80, "001"),
    Indicator.COMMUNITY: Target(70, "001"),
    Indicator.CONTESTS: Target(20, "001, 004"),
    Indicator.TRAJECTORY: Target(20, "001"),
    Indicator.RECOMMENDATIONS: Target(100, "001"),
}


def _share(flags: Sequence[Flags], hit: Callable[[Flags], bool], base: Callable[[Flags], bool]) -> Share:
    n = total = 0
    for f in flags:
        if base(f):
            total += 1
            n += hit(f)
    return Share(n, total)


def share_diagnosed(flags: Sequence[Flags]) -> Share:
    return Share(sum(f.diagnosed for f in flags), len(flags))


def share_route(flags: Sequence[Flags]) -> Share:
    return Share(sum(f.route for f in flags), len(flags))


def share_route_done(flags: Sequence[Flags]) -> Share:
    return _share(flags, lambda f: f.route_done, lambda f: f.route_due)


def share_young_supported(flags: Sequence[Flags]) -> Share:
    return _share(flags, lambda f: f.involved, lambda f: f.young)


def share_young_mentored(flags: Sequence[Flags]) -> Share:
    return _share(flags, lambda f: f.mentored, lambda f: f.young)


def share_informed(flags: Sequence[Flags]) -> Share:
    return Share(sum(f.informed for f in flags), len(flags))


def share_involved(flags: Sequence[Flags]) -> Share:
    return Share(sum(f.involved for f in flags), len(flags))


def share_community(flags: Sequence[Flags]) -> Share:
    return Share(sum(f.community for f in flags), len(flags))


def share_contests(flags: Sequence[Flags]) -> Share:
    return Share(sum(f.contest for f in flags), len(flags))


def share_trajectory(flags: Sequence[Flags]) -> Share:
    return Share(sum(f.trajectory for f in flags), len(flags))


def share_recommendations(flags: Sequence[Flags]) -> Share:
    return _share(flags, lambda f: f.recommended, lambda f: f.diagnosed)


INDICATORS: dict[Indicator, Callable[[Sequence[Flags]], Share]] = {
    Indicator.DIAGNOSED: share_diagnosed,
    Indicator.ROUTE: share_route,
    Indicator.ROUTE_DONE: share_route_done,
    Indicator.YOUNG_SUPPORTED: share_young_supported,
    Indicator.YOUNG_MENTORED: share_young_mentored,
    Indicator.INFORMED: share_informed,
    Indicator.INVOLVED: share_involved,
    Indicator.COMMUNITY: share_community,
    Indicator.CONTESTS: share_contests,
    Indicator.TRAJECTORY: share_trajectory,
    Indicator.RECOMMENDATIONS: share_recommendations,
}


def compute(flags: Sequence[Flags]) -> dict[Indicator, Share]:
    return {indicator: function(flags) for indicator, function in INDICATORS.items()}


@dataclass(frozen=True, slots=True)
class Counts:
    teachers: int
    young: int
    category_first: int
    category_highest: int
    course: int
    contest: int
    mentors: int


def counts(pairs: Sequence[tuple[TeacherRow, Flags]]) -> Counts:
    return Counts(
        teachers=len(pairs),
        young=sum(f.young for _r, f in pairs),
        category_first=sum(r.category == "first" for r, _f in pairs),
        category_highest=sum(r.category == "highest" for r, _f in pairs),
        course=sum(f.course for _r, f in pairs),
        contest=sum(f.contest for _r, f in pairs),
        mentors=sum(f.mentoring for _r, f in pairs),
    )


def breakdown(
    pairs: Sequence[tuple[TeacherRow, Flags]], key: Callable[[TeacherRow], int | None]
) -> dict[int | None, dict[Indicator, Share]]:
    """The indicators per group (a municipality, a school), for the sheet of each indicator."""
    groups: dict[int | None, list[Flags]] = {}
    for row, f in pairs:
        groups.setdefault(key(row), []).append(f)
    return {group: compute(flags) for group, flags in groups.items()}


# --- deficits by area × group ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeficitCount:
    """Teachers of one group whose latest diagnosis in the period rated one area."""

    group_id: int | None
    area: str
    high: int
    total: int


@dataclass(frozen=True, slots=True)
class DeficitMatrix:
    groups: tuple[int | None, ...]
    areas: tuple[str, ...]
    high: tuple[tuple[int, ...], ...]  # [group][area]
    total: tuple[tuple[int, ...], ...]
    hidden_groups: int  # groups left out to keep the picture readable (the smallest ones)

    def share(self, group: int, area: int) -> Share:
        return Share(self.high[group][area], self.total[group][area])


def deficit_matrix(
    cells: Iterable[DeficitCount],
    *,
    area_order: Sequence[str],
    group_order: Sequence[int | None],
    max_groups: int = MAX_HEATMAP_GROUPS,
) -> DeficitMatrix:
    """Groups and areas that have data, areas in `area_order` (unknown ones after, by id), groups in
    `group_order` (unknown ones last); beyond `max_groups` the groups with the fewest teachers
    rated are left out."""
    high: dict[tuple[int | None, str], int] = {}
    total: dict[tuple[int | None, str], int] = {}
    for cell in cells:
        if cell.total <= 0:
            continue
        key = (cell.group_id, cell.area)
        high[key] = high.get(key, 0) + max(0, min(cell.high, cell.total))
        total[key] = total.get(key, 0) + cell.total
    size: dict[int | None, int] = {}
    for (group, _area), count in total.items():
        size[group] = max(size.get(group, 0), count)
    kept = set(sorted(size, key=lambda g: (-size[g], g is None, g or 0))[:max_groups])
    known_areas = {area for g, area in total if g in kept}  # no empty column for a left-out group
    rank = {area: i for i, area in enumerate(area_order)}
    areas = sorted(known_areas, key=lambda a: (rank.get(a, len(rank)), a))
    place = {group: i for i, group in enumerate(group_order)}
    groups = sorted(kept, key=lambda g: (place.get(g, len(place)), g is None, g or 0))
    return DeficitMatrix(
        groups=tuple(groups),
        areas=tuple(areas),
        high=tuple(tuple(high.get((g, a), 0) for a in areas) for g in groups),
        total=tuple(tuple(total.get((g, a), 0) for a in areas) for g in groups),
        hidden_groups=len(size) - len(kept),
    )


# --- pseudonyms -----------------------------------------------------------------------------------


def pseudonym(user_id: int, key: bytes) -> str:
    """A stable code for a teacher in the anonymised file: «T-» and ten base32 characters (50 bits
    of HMAC-SHA256), so collisions stay unlikely even for a region of 100,000 teachers."""
    digest = hmac.new(key, str(user_id).encode(), hashlib.sha256).digest()
    return "T-" + base64.b32encode(digest[:10]).decode()[:10]


def pseudonym_key(secret: str) -> bytes:
    """The key of the pseudonyms, derived from a secret of the installation."""
    return hashlib.sha256(b"metodist/indicators/pseudonym/v1\x00" + secret.encode()).digest()

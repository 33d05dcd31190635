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

**Per teacher** (`Flags`; computed column-wise for a whole table of teachers by `flag_table`, and for
one row by `flags_of`):

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
the same in every file made with the same key, and not reversible without it. The key is the
installation's own (PSEUDONYM_KEY, or a random one kept in the database), never the bot token;
user ids are never reused, so a code always means one person.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt

from bot.domain.diagnostics import StepForm
from bot.domain.events import ROUTE_FORM, EventKind
from bot.domain.profile import YOUNG_MAX_AGE, YOUNG_MAX_EXPERIENCE

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


# --- the same, column-wise ------------------------------------------------------------------------
#
# A region is 100,000 teachers: the flags are computed on columns (numpy arrays, one per fact) in
# one pass of array operations instead of a Python function call per teacher. This is *the*
# definition — `flags_of` and `teacher_flags` run it on a table of their rows.
#
# Moments are `datetime64[us]` in UTC without a zone, NaT for «never» (every comparison with NaT is
# false, as `moment is not None and …` is); days are `datetime64[D]`; the birth year and experience
# are floats, NaN when not given (again false in every comparison).

BoolArray = npt.NDArray[np.bool_]
MomentArray = npt.NDArray[np.datetime64]
FloatArray = npt.NDArray[np.float64]

_US = "datetime64[us]"
_DAY = "datetime64[D]"


class TeacherTable(NamedTuple):
    """`TeacherRow`s as columns, fields in the same order. Who and where (ids, name, category) are
    plain sequences, as the file shows them; the facts are arrays, as they are computed."""

    user_id: Sequence[int]
    tg_id: Sequence[int]
    full_name: Sequence[str | None]
    municipality_id: Sequence[int | None]
    school_id: Sequence[int | None]
    birth_year: FloatArray
    experience_years: FloatArray
    category: Sequence[str | None]
    registered_at: MomentArray
    diagnosed_at: MomentArray
    recommended_at: MomentArray
    route_saved_at: MomentArray
    route_on_diagnosis: BoolArray
    route_ends: MomentArray  # days
    route_approved_at: MomentArray
    route_completed_at: MomentArray
    community_step_at: MomentArray
    course_step_at: MomentArray
    event_registered_at: MomentArray
    contest_at: MomentArray
    community_event_at: MomentArray
    course_event_at: MomentArray
    informed_at: MomentArray
    mentee_open: BoolArray
    mentee_ended_at: MomentArray
    mentor_open: BoolArray
    mentor_ended_at: MomentArray

    @property
    def size(self) -> int:
        """The number of teachers (`len` is the number of fields, as for any tuple)."""
        return len(self.user_id)

    def take(self, keep: BoolArray) -> TeacherTable:
        """The teachers where `keep` is true."""
        where = np.flatnonzero(keep).tolist()
        columns: list[Any] = []
        for column in self:
            if isinstance(column, np.ndarray):
                columns.append(column[keep])
            else:
                columns.append([column[i] for i in where])
        return TeacherTable(*columns)


def utc_moment(moment: datetime | None) -> np.datetime64:
    """An aware moment as the tables hold it (naive UTC); None is NaT."""
    if moment is None:
        return np.datetime64("NaT", "us")
    return np.datetime64(moment.astimezone(UTC).replace(tzinfo=None), "us")


def moment_array(moments: Iterable[datetime | None]) -> MomentArray:
    return np.array([utc_moment(m) for m in moments], dtype=_US)


def day_array(days: Iterable[date | None]) -> MomentArray:
    return np.array(list(days), dtype=_DAY)


def number_array(values: Iterable[int | None]) -> FloatArray:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def table_of(rows: Sequence[TeacherRow]) -> TeacherTable:
    """The rows as a table (tests and a handful of rows; the report's table comes from the database
    as columns already)."""
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(TeacherRow._fields)
    made: list[Any] = []
    for name, column in zip(TeacherRow._fields, columns, strict=True):
        if name in ("birth_year", "experience_years"):
            made.append(number_array(column))
        elif name == "route_ends":
            made.append(day_array(column))
        elif name in ("route_on_diagnosis", "mentee_open", "mentor_open"):
            made.append(np.array(column, dtype=np.bool_))
        elif name.endswith("_at"):
            made.append(moment_array(column))
        else:
            made.append(list(column))
    return TeacherTable(*made)


class FlagTable(NamedTuple):
    """`Flags` as columns: one boolean array per flag, one element per teacher."""

    young: BoolArray
    diagnosed: BoolArray
    recommended: BoolArray
    route_in_force: BoolArray
    route: BoolArray
    trajectory: BoolArray
    route_due: BoolArray
    route_done: BoolArray
    mentored: BoolArray
    mentoring: BoolArray
    events: BoolArray
    contest: BoolArray
    community: BoolArray
    course: BoolArray
    informed: BoolArray
    involved: BoolArray

    def rows(self) -> list[Flags]:
        """Per teacher, for the file."""
        return list(map(Flags._make, zip(*(column.tolist() for column in self), strict=True)))

    def take(self, where: npt.NDArray[np.intp] | BoolArray) -> FlagTable:
        return FlagTable(*(column[where] for column in self))


def flag_table_of(flags: Sequence[Flags]) -> FlagTable:
    columns = list(zip(*flags, strict=True)) if flags else [()] * len(Flags._fields)
    return FlagTable(*(np.array(column, dtype=np.bool_) for column in columns))


def _bounds(period: Period) -> tuple[np.datetime64, np.datetime64, np.datetime64, np.datetime64]:
    return (
        utc_moment(period.start),
        utc_moment(period.end),
        np.datetime64(period.first_day, "D"),
        np.datetime64(period.last_day, "D"),
    )


def counted_mask(table: TeacherTable, period: Period) -> BoolArray:
    """`counted`, column-wise."""
    end = utc_moment(period.end)
    return table.registered_at < end


def young_mask(birth_year: FloatArray, experience_years: FloatArray, year: int) -> BoolArray:
    """`bot.domain.profile.is_young_specialist`, column-wise (NaN: not given, never young)."""
    return (year - birth_year <= YOUNG_MAX_AGE) & (experience_years <= YOUNG_MAX_EXPERIENCE)


def flag_table(t: TeacherTable, period: Period) -> FlagTable:
    """The flags of every teacher of the table (the rules: the module docstring)."""
    start, end, first_day, last_day = _bounds(period)

    def holds(moments: MomentArray) -> BoolArray:
        return (moments >= start) & (moments < end)

    young = young_mask(t.birth_year, t.experience_years, period.last_day.year)
    diagnosed = holds(t.diagnosed_at)
    in_force = (t.route_saved_at < end) & (t.route_ends >= first_day)
    completed = in_force & (t.route_completed_at < end)
    due = in_force & (completed | (t.route_ends <= last_day))
    mentored = t.mentee_open | (t.mentee_ended_at >= start)
    mentoring = t.mentor_open | (t.mentor_ended_at >= start)
    events = holds(t.event_registered_at)
    community = holds(t.community_step_at) | holds(t.community_event_at)
    course = holds(t.course_step_at) | holds(t.course_event_at)
    return FlagTable(
        young=young,
        diagnosed=diagnosed,
        recommended=holds(t.recommended_at),
        route_in_force=in_force,
        route=in_force & t.route_on_diagnosis,
        trajectory=in_force & (t.route_approved_at < end),
        route_due=due,
        route_done=due & completed,
        mentored=mentored,
        mentoring=mentoring,
        events=events,
        contest=holds(t.contest_at),
        community=community,
        course=course,
        informed=holds(t.informed_at) | events,
        involved=diagnosed | in_force | mentored | mentoring | events | community | course,
    )


def flags_of(row: TeacherRow, period: Period) -> Flags:
    return flag_table(table_of([row]), period).rows()[0]


def teacher_flags(rows: Sequence[TeacherRow], period: Period) -> list[tuple[TeacherRow, Flags]]:
    """The teachers counted in the period, each with their flags."""
    table = table_of(rows)
    keep = counted_mask(table, period)
    flags = flag_table(table, period).take(keep).rows()
    return list(zip([row for row, kept in zip(rows, keep.tolist(), strict=True) if kept], flags, strict=True))


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


def _count(mask: BoolArray) -> int:
    return int(np.count_nonzero(mask))


def _share(hit: BoolArray, base: BoolArray | None = None) -> Share:
    """n = teachers with `hit` among those with `base` (everyone when None)."""
    if base is None:
        return Share(_count(hit), len(hit))
    return Share(_count(hit & base), _count(base))


def share_diagnosed(f: FlagTable) -> Share:
    return _share(f.diagnosed)


def share_route(f: FlagTable) -> Share:
    return _share(f.route)


def share_route_done(f: FlagTable) -> Share:
    return _share(f.route_done, f.route_due)


def share_young_supported(f: FlagTable) -> Share:
    return _share(f.involved, f.young)


def share_young_mentored(f: FlagTable) -> Share:
    return _share(f.mentored, f.young)


def share_informed(f: FlagTable) -> Share:
    return _share(f.informed)


def share_involved(f: FlagTable) -> Share:
    return _share(f.involved)


def share_community(f: FlagTable) -> Share:
    return _share(f.community)


def share_contests(f: FlagTable) -> Share:
    return _share(f.contest)


def share_trajectory(f: FlagTable) -> Share:
    return _share(f.trajectory)


def share_recommendations(f: FlagTable) -> Share:
    return _share(f.recommended, f.diagnosed)


INDICATORS: dict[Indicator, Callable[[FlagTable], Share]] = {
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


def compute(flags: FlagTable | Sequence[Flags]) -> dict[Indicator, Share]:
    table = flags if isinstance(flags, FlagTable) else flag_table_of(flags)
    return {indicator: function(table) for indicator, function in INDICATORS.items()}


@dataclass(frozen=True, slots=True)
class Counts:
    teachers: int
    young: int
    category_first: int
    category_highest: int
    course: int
    contest: int
    mentors: int


def count_table(table: TeacherTable, f: FlagTable) -> Counts:
    return Counts(
        teachers=table.size,
        young=_count(f.young),
        category_first=table.category.count("first"),
        category_highest=table.category.count("highest"),
        course=_count(f.course),
        contest=_count(f.contest),
        mentors=_count(f.mentoring),
    )


def counts(pairs: Sequence[tuple[TeacherRow, Flags]]) -> Counts:
    return count_table(table_of([r for r, _f in pairs]), flag_table_of([f for _r, f in pairs]))


def group_breakdown(groups: Sequence[int | None], f: FlagTable) -> dict[int | None, dict[Indicator, Share]]:
    """The indicators per group: `groups[i]` is the group (a municipality, a school) of teacher i."""
    members: dict[int | None, list[int]] = {}
    for i, group in enumerate(groups):
        members.setdefault(group, []).append(i)
    return {group: compute(f.take(np.array(where, dtype=np.intp))) for group, where in members.items()}


def breakdown(
    pairs: Sequence[tuple[TeacherRow, Flags]], key: Callable[[TeacherRow], int | None]
) -> dict[int | None, dict[Indicator, Share]]:
    """The indicators per group (a municipality, a school), for the sheet of each indicator."""
    return group_breakdown([key(r) for r, _f in pairs], flag_table_of([f for _r, f in pairs]))


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
    """The key of the pseudonyms, derived from the installation's pseudonym secret (see
    `bot.services.indicators.pseudonym_key`)."""
    return hashlib.sha256(b"metodist/indicators/pseudonym/v1\x00" + secret.encode()).digest()

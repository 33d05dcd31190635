"""Per teacher: what a teacher counts in (`flags_of`, by the rules of `bot.domain.indicators`), and
the same column-wise over a whole table (`flag_table`), the one definition."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from bot.domain.diagnostics import StepForm
from bot.domain.events import ROUTE_FORM, BroadcastKind, EventKind
from bot.domain.indicators.period import Period
from bot.domain.profile import YOUNG_MAX_AGE, YOUNG_MAX_EXPERIENCE

# Event kinds whose registration counts as work in a professional community.
COMMUNITY_KINDS = frozenset(kind for kind, form in ROUTE_FORM.items() if form is StepForm.COMMUNITY)
CONTEST_KINDS = frozenset({EventKind.CONTEST})
COURSE_KINDS = frozenset({EventKind.COURSE})
# Broadcast kinds that inform teachers about the support system (001, 002 §1): events, their
# changes, announcements without an event (courses, contests, documents) — and the digest, sent
# one by one.
INFORMING_BROADCASTS = frozenset({BroadcastKind.EVENT, BroadcastKind.UPDATE, BroadcastKind.NEWS})
DIGEST_DEDUPE_PREFIX = "digest:"


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
    # A methodological association's meeting attended, or a talk given at one (its start).
    association_at: datetime | None = None
    # A practice of theirs published in the bank by the experts (part 10; the publication).
    practice_at: datetime | None = None


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
    practice: bool  # presented their experience: a practice published in the bank


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
    association_at: MomentArray
    practice_at: MomentArray

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
    practice: BoolArray

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
    # Work in a professional community: a methodological association's meeting attended or a talk
    # given there within the period (part 11). Community route steps and conferences still count as
    # involvement in support, not as this indicator.
    community = holds(t.association_at)
    community_forms = holds(t.community_step_at) | holds(t.community_event_at)
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
        involved=diagnosed | in_force | mentored | mentoring | events | community | community_forms | course,
        practice=holds(t.practice_at),
    )


def flags_of(row: TeacherRow, period: Period) -> Flags:
    return flag_table(table_of([row]), period).rows()[0]


def teacher_flags(rows: Sequence[TeacherRow], period: Period) -> list[tuple[TeacherRow, Flags]]:
    """The teachers counted in the period, each with their flags."""
    table = table_of(rows)
    keep = counted_mask(table, period)
    flags = flag_table(table, period).take(keep).rows()
    return list(zip([row for row, kept in zip(rows, keep.tolist(), strict=True) if kept], flags, strict=True))

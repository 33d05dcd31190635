"""Target indicators without a database: a crafted dataset where every flag, share and count is
known by hand, the period helpers, the deficit matrix, the pseudonyms and the edge cases of
`flags_of` (rules: the module docstring of `bot.domain.indicators`)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.events import EventKind
from bot.domain.indicators import (
    COMMUNITY_KINDS,
    CONTEST_KINDS,
    COURSE_KINDS,
    DEFAULT_PERIOD,
    INDICATORS,
    TARGETS,
    Counts,
    DeficitCount,
    DeficitMatrix,
    Flags,
    FlagTable,
    Indicator,
    Period,
    PeriodCode,
    Share,
    TeacherRow,
    TeacherTable,
    academic_year_start,
    breakdown,
    compute,
    counted,
    counted_mask,
    counts,
    deficit_matrix,
    flag_table,
    flags_of,
    make_period,
    months_back,
    number_array,
    parse_period,
    pseudonym,
    pseudonym_key,
    table_of,
    target_of,
    teacher_flags,
    young_mask,
)
from bot.domain.profile import is_young_specialist

MSK = ZoneInfo("Europe/Moscow")
US = timedelta(microseconds=1)


def at(year: int, month: int, day: int, hour: int = 12) -> datetime:
    return datetime(year, month, day, hour, tzinfo=MSK)


# The report period of the dataset: the school year up to 1 December 2026, Moscow time.
PERIOD = make_period(PeriodCode.ACADEMIC_YEAR, date(2026, 12, 1), "Europe/Moscow")
BEFORE = at(2026, 8, 15)  # before the period's start
IN = at(2026, 10, 15)  # within the period
AFTER = at(2026, 12, 10)  # after the period's end
M1, M2 = 1, 2  # municipalities


def teacher(user_id: int, **facts: object) -> TeacherRow:
    """A teacher registered long ago, not young, with nothing else known unless given."""
    row = TeacherRow(
        user_id=user_id,
        tg_id=1000 + user_id,
        full_name=f"Teacher {user_id}",
        municipality_id=None,
        school_id=None,
        birth_year=1980,
        experience_years=20,
        category=None,
        registered_at=at(2025, 9, 10),
    )
    return row._replace(**facts)


# --- the crafted dataset ------------------------------------------------------------------------
# Y = 2026 (the year of the last day): young = born 1991 or later and at most 3 years of experience.

ROWS: list[TeacherRow] = [
    # T1 — young, mentored (open pair), diagnosed at the very start of the period with a high
    # deficit (so recommended); category «first»; never informed.
    teacher(
        1,
        municipality_id=M1,
        birth_year=1995,
        experience_years=1,
        category="first",
        diagnosed_at=PERIOD.start,
        recommended_at=PERIOD.start,
        mentee_open=True,
    ),
    # T2 — diagnosed (with a deficit) before the period: not counted as diagnosed nor recommended;
    # route on a diagnosis saved before the period, in force, approved before the period, its term
    # ended within the period, carried out within the period; category «highest».
    teacher(
        2,
        municipality_id=M1,
        category="highest",
        diagnosed_at=BEFORE,
        recommended_at=BEFORE,
        route_saved_at=at(2026, 6, 1),
        route_on_diagnosis=True,
        route_ends=date(2026, 11, 30),
        route_approved_at=at(2026, 6, 2),
        route_completed_at=at(2026, 11, 20),
    ),
    # T3 — registered after the period's end: not counted at all (though young and informed).
    teacher(
        3,
        municipality_id=M1,
        birth_year=2000,
        experience_years=0,
        registered_at=AFTER,
        informed_at=IN,
        diagnosed_at=IN,
    ),
    # T4 — registered within the period (counted), diagnosed without any deficit level (diagnosed,
    # not recommended); route on the diagnosis, never approved, its term ended within the period
    # and not carried out: due but not done.
    teacher(
        4,
        municipality_id=M1,
        birth_year=1970,
        experience_years=30,
        registered_at=at(2026, 9, 20),
        diagnosed_at=IN,
        route_saved_at=IN,
        route_on_diagnosis=True,
        route_ends=date(2026, 11, 1),
    ),
    # T5 — young at the boundary (turns 35 in 2026, 3 years of experience); a route built without a
    # diagnosis, approved, still running after the period: in force and a trajectory, not judged.
    teacher(
        5,
        municipality_id=M2,
        birth_year=1991,
        experience_years=3,
        route_saved_at=IN,
        route_on_diagnosis=False,
        route_ends=date(2027, 5, 31),
        route_approved_at=IN,
    ),
    # T6 — young; a draft route never sent to the methodist (no `route_saved_at`); the mentoring
    # pair ended before the period's start: not mentored; a practice published before the period:
    # not counted; nothing else — not involved.
    teacher(
        6,
        municipality_id=M2,
        birth_year=2000,
        experience_years=0,
        route_on_diagnosis=True,
        route_ends=date(2027, 1, 1),
        mentee_ended_at=BEFORE,
        practice_at=BEFORE,
    ),
    # T7 — young; the mentoring pair ended within the period (mentored); a contest registration
    # within the period: registered for an event, contest, informed through the registration.
    teacher(
        7,
        municipality_id=M2,
        birth_year=1998,
        experience_years=2,
        mentee_ended_at=IN,
        event_registered_at=IN,
        contest_at=IN,
    ),
    # T8 — a mentor with an open pair (mentoring); a route step «work in a community» started within
    # the period — involvement, but not the community indicator (that is association meetings since
    # part 11); a route step «course» done within the period; category «first»; not informed.
    teacher(
        8,
        municipality_id=M2,
        birth_year=1985,
        experience_years=15,
        category="first",
        mentor_open=True,
        community_step_at=IN,
        course_step_at=IN,
    ),
    # T9 — community through an association's meeting attended within the period; a conference
    # registration within the period (registered for an event, informed); a course attended before
    # the period: no course; category «highest».
    teacher(
        9,
        category="highest",
        event_registered_at=IN,
        community_event_at=IN,
        course_event_at=BEFORE,
        association_at=IN,
    ),
    # T10 — informed only by a broadcast within the period; young by age but without experience
    # filled in: not young; a practice published in the bank within the period (presented their
    # experience — which does not make them involved); not involved.
    teacher(10, birth_year=1995, experience_years=None, informed_at=IN, practice_at=IN),
    # T11 — young by experience but without a birth year: not young; a broadcast before the period
    # only (not informed); a route whose term ended before the period (not in force, even carried
    # out); a mentor whose pair ended within the period (mentoring, so involved).
    teacher(
        11,
        birth_year=None,
        experience_years=1,
        informed_at=BEFORE,
        route_saved_at=at(2026, 3, 1),
        route_on_diagnosis=True,
        route_ends=date(2026, 8, 31),
        route_approved_at=at(2026, 3, 2),
        route_completed_at=at(2026, 8, 30),
        mentor_ended_at=IN,
    ),
    # T12 — never finished the profile (`registered_at` None): not counted.
    teacher(12, municipality_id=M2, registered_at=None, informed_at=IN),
    # T13 — registered exactly at the period's end (exclusive): not counted.
    teacher(13, municipality_id=M1, registered_at=PERIOD.end, event_registered_at=IN),
]
COUNTED = [1, 2, 4, 5, 6, 7, 8, 9, 10, 11]  # N = 10

# Every flag of every counted teacher, by hand (only the True ones are listed).
EXPECTED_FLAGS: dict[int, set[str]] = {
    1: {"young", "diagnosed", "recommended", "mentored", "involved"},
    2: {"route_in_force", "route", "trajectory", "route_due", "route_done", "involved"},
    4: {"diagnosed", "route_in_force", "route", "route_due", "involved"},
    5: {"young", "route_in_force", "trajectory", "involved"},
    6: {"young"},
    7: {"young", "mentored", "events", "contest", "informed", "involved"},
    8: {"mentoring", "course", "involved"},
    9: {"events", "community", "informed", "involved"},
    10: {"informed", "practice"},
    11: {"mentoring", "involved"},
}
FLAG_NAMES = Flags._fields


def true_flags(f: Flags) -> set[str]:
    return {name for name in FLAG_NAMES if getattr(f, name)}


def dataset() -> list[tuple[TeacherRow, Flags]]:
    return teacher_flags(ROWS, PERIOD)


# --- the period of the dataset ------------------------------------------------------------------


def test_dataset_period() -> None:
    assert PERIOD.code is PeriodCode.ACADEMIC_YEAR
    assert PERIOD.first_day == date(2026, 9, 1)
    assert PERIOD.last_day == date(2026, 12, 1)
    assert PERIOD.start.tzinfo is not None and PERIOD.end.tzinfo is not None
    assert PERIOD.start == datetime(2026, 9, 1, tzinfo=MSK)
    assert PERIOD.end == datetime(2026, 12, 2, tzinfo=MSK)  # the day after the last day
    assert PERIOD.start.utcoffset() == timedelta(hours=3)
    assert PERIOD.start == datetime(2026, 8, 31, 21, tzinfo=UTC)
    assert PERIOD.end == datetime(2026, 12, 1, 21, tzinfo=UTC)


# --- the crafted dataset: who is counted, every flag --------------------------------------------


def test_only_teachers_registered_before_the_end_are_counted() -> None:
    pairs = dataset()
    assert [row.user_id for row, _f in pairs] == COUNTED  # T3, T12, T13 left out, order kept
    assert not counted(ROWS[2], PERIOD)  # T3: after the end
    assert not counted(ROWS[11], PERIOD)  # T12: never registered
    assert not counted(ROWS[12], PERIOD)  # T13: exactly at the end


@pytest.mark.parametrize("user_id", COUNTED)
def test_flags_of_each_crafted_teacher(user_id: int) -> None:
    row = next(r for r in ROWS if r.user_id == user_id)
    assert true_flags(flags_of(row, PERIOD)) == EXPECTED_FLAGS[user_id]


def test_every_indicator_has_a_function_and_a_target_where_the_seeds_give_one() -> None:
    assert set(INDICATORS) == set(Indicator)
    assert set(Indicator) - set(TARGETS) == {Indicator.PRACTICES}  # the seeds give it no figure
    assert target_of(Indicator.PRACTICES) is None and target_of(Indicator.DIAGNOSED) == 60
    assert len(Indicator) == 12
    assert {i: t.percent for i, t in TARGETS.items()} == {
        Indicator.DIAGNOSED: 60,
        Indicator.ROUTE: 30,
        Indicator.ROUTE_DONE: 80,
        Indicator.YOUNG_SUPPORTED: 60,
        Indicator.YOUNG_MENTORED: 100,
        Indicator.INFORMED: 100,
        Indicator.INVOLVED: 80,
        Indicator.COMMUNITY: 70,
        Indicator.CONTESTS: 20,
        Indicator.TRAJECTORY: 20,
        Indicator.RECOMMENDATIONS: 100,
    }


# indicator: (Share by hand, tenths, percent, met against its target)
EXPECTED_REGION: dict[Indicator, tuple[Share, int, float, bool | None]] = {
    # diagnosed in period: T1, T4 of N = 10 → 20.0 % < 60
    Indicator.DIAGNOSED: (Share(2, 10), 200, 20.0, False),
    # ИОМ on diagnosis in force: T2, T4 (T5 without a diagnosis, T6 draft, T11 ended before) → 20 % < 30
    Indicator.ROUTE: (Share(2, 10), 200, 20.0, False),
    # due: T2, T4 (T5 still running); carried out: T2 → 50 % < 80
    Indicator.ROUTE_DONE: (Share(1, 2), 500, 50.0, False),
    # young: T1, T5, T6, T7 (T10, T11 miss a field); involved: T1, T5, T7 → 75 % ≥ 60
    Indicator.YOUNG_SUPPORTED: (Share(3, 4), 750, 75.0, True),
    # young and mentored: T1 (open), T7 (ended within); T6's pair ended before → 50 % < 100
    Indicator.YOUNG_MENTORED: (Share(2, 4), 500, 50.0, False),
    # informed: T7 (registration), T9 (registration), T10 (broadcast) → 30 % < 100
    Indicator.INFORMED: (Share(3, 10), 300, 30.0, False),
    # involved: T1, T2, T4, T5, T7, T8, T9, T11 (not T6, T10) → exactly 80 % = target: met
    Indicator.INVOLVED: (Share(8, 10), 800, 80.0, True),
    # community: T9 (an association's meeting); not T8 (a route step only) → 10 % < 70
    Indicator.COMMUNITY: (Share(1, 10), 100, 10.0, False),
    # contest: T7 → 10 % < 20
    Indicator.CONTESTS: (Share(1, 10), 100, 10.0, False),
    # trajectory (route in force agreed before the end): T2, T5 → exactly 20 % = target: met
    Indicator.TRAJECTORY: (Share(2, 10), 200, 20.0, True),
    # diagnosed: T1, T4; of them recommended: T1 → 50 % < 100
    Indicator.RECOMMENDATIONS: (Share(1, 2), 500, 50.0, False),
    # a practice published within the period: T10 (T6's before it) → 10 %, no target: not judged
    Indicator.PRACTICES: (Share(1, 10), 100, 10.0, None),
}


def test_compute_region_indicators_by_hand() -> None:
    shares = compute([f for _r, f in dataset()])
    assert set(shares) == set(Indicator)
    for indicator, (share, tenths, percent, met) in EXPECTED_REGION.items():
        got = shares[indicator]
        assert got == share, indicator
        assert got.tenths == tenths, indicator
        assert got.percent == percent, indicator
        assert got.met(target_of(indicator)) is met, indicator


def test_counts_by_hand() -> None:
    assert counts(dataset()) == Counts(
        teachers=10,
        young=4,  # T1, T5, T6, T7
        category_first=2,  # T1, T8
        category_highest=2,  # T2, T9
        course=1,  # T8 (route step); T9's course was before the period
        contest=1,  # T7
        mentors=2,  # T8 (open pair), T11 (ended within the period)
    )


def test_counts_of_nobody() -> None:
    assert counts([]) == Counts(0, 0, 0, 0, 0, 0, 0)
    assert all(share.total == 0 and share.met(50) is None for share in compute([]).values())


# Per municipality: M1 = T1, T2, T4; M2 = T5, T6, T7, T8; none = T9, T10, T11.
EXPECTED_BY_MUNICIPALITY: dict[int | None, dict[Indicator, Share]] = {
    M1: {
        Indicator.DIAGNOSED: Share(2, 3),  # T1, T4
        Indicator.ROUTE: Share(2, 3),  # T2, T4
        Indicator.ROUTE_DONE: Share(1, 2),  # due T2, T4; done T2
        Indicator.YOUNG_SUPPORTED: Share(1, 1),  # T1
        Indicator.YOUNG_MENTORED: Share(1, 1),  # T1
        Indicator.INFORMED: Share(0, 3),
        Indicator.INVOLVED: Share(3, 3),
        Indicator.COMMUNITY: Share(0, 3),
        Indicator.CONTESTS: Share(0, 3),
        Indicator.TRAJECTORY: Share(1, 3),  # T2
        Indicator.RECOMMENDATIONS: Share(1, 2),  # diagnosed T1, T4; recommended T1
        Indicator.PRACTICES: Share(0, 3),
    },
    M2: {
        Indicator.DIAGNOSED: Share(0, 4),
        Indicator.ROUTE: Share(0, 4),  # T5's route is not on a diagnosis, T6's is a draft
        Indicator.ROUTE_DONE: Share(0, 0),  # T5 still running: nothing due
        Indicator.YOUNG_SUPPORTED: Share(2, 3),  # young T5, T6, T7; involved T5, T7
        Indicator.YOUNG_MENTORED: Share(1, 3),  # T7
        Indicator.INFORMED: Share(1, 4),  # T7
        Indicator.INVOLVED: Share(3, 4),  # T5, T7, T8
        Indicator.COMMUNITY: Share(0, 4),  # T8 has a community route step only
        Indicator.CONTESTS: Share(1, 4),  # T7
        Indicator.TRAJECTORY: Share(1, 4),  # T5
        Indicator.RECOMMENDATIONS: Share(0, 0),
        Indicator.PRACTICES: Share(0, 4),  # T6's practice was published before the period
    },
    None: {
        Indicator.DIAGNOSED: Share(0, 3),
        Indicator.ROUTE: Share(0, 3),
        Indicator.ROUTE_DONE: Share(0, 0),
        Indicator.YOUNG_SUPPORTED: Share(0, 0),
        Indicator.YOUNG_MENTORED: Share(0, 0),
        Indicator.INFORMED: Share(2, 3),  # T9, T10
        Indicator.INVOLVED: Share(2, 3),  # T9, T11
        Indicator.COMMUNITY: Share(1, 3),  # T9
        Indicator.CONTESTS: Share(0, 3),
        Indicator.TRAJECTORY: Share(0, 3),
        Indicator.RECOMMENDATIONS: Share(0, 0),
        Indicator.PRACTICES: Share(1, 3),  # T10
    },
}


def test_breakdown_by_municipality_by_hand() -> None:
    groups = breakdown(dataset(), lambda row: row.municipality_id)
    assert groups == EXPECTED_BY_MUNICIPALITY
    # the groups add up to the region
    region = compute([f for _r, f in dataset()])
    for indicator in Indicator:
        assert sum(g[indicator].n for g in groups.values()) == region[indicator].n
        assert sum(g[indicator].total for g in groups.values()) == region[indicator].total


def test_breakdown_values_shown() -> None:
    groups = breakdown(dataset(), lambda row: row.municipality_id)
    diagnosed_m1 = groups[M1][Indicator.DIAGNOSED]  # 2/3
    assert (diagnosed_m1.tenths, diagnosed_m1.percent, diagnosed_m1.met(60)) == (666, 66.6, True)
    trajectory_m1 = groups[M1][Indicator.TRAJECTORY]  # 1/3
    assert (trajectory_m1.tenths, trajectory_m1.percent, trajectory_m1.met(20)) == (333, 33.3, True)
    assert groups[M1][Indicator.YOUNG_MENTORED].met(100) is True  # 1/1
    assert groups[M2][Indicator.CONTESTS].met(20) is True  # 1/4 = 25 %
    assert groups[M2][Indicator.YOUNG_SUPPORTED].tenths == 666  # 2/3
    done_m2 = groups[M2][Indicator.ROUTE_DONE]  # 0/0
    assert (done_m2.tenths, done_m2.percent, done_m2.met(80)) == (None, None, None)
    assert groups[None][Indicator.INVOLVED].met(80) is False  # 2/3 = 66.6 %


def test_breakdown_by_school_puts_everyone_without_a_school_together() -> None:
    groups = breakdown(dataset(), lambda row: row.school_id)
    assert list(groups) == [None]
    assert groups[None] == compute([f for _r, f in dataset()])


# --- Share ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "total", "tenths", "percent"),
    [
        (2, 3, 666, 66.6),  # 66.66… rounded down, not 66.7
        (1, 3, 333, 33.3),
        (1, 6, 166, 16.6),  # 16.66…
        (1, 7, 142, 14.2),  # 14.28…
        (999, 1000, 999, 99.9),
        (1, 1001, 0, 0.0),  # 0.0999 %
        (0, 5, 0, 0.0),
        (5, 5, 1000, 100.0),
        (3, 5, 600, 60.0),
    ],
)
def test_share_rounds_down_to_a_tenth(n: int, total: int, tenths: int, percent: float) -> None:
    share = Share(n, total)
    assert share.tenths == tenths
    assert share.percent == percent


def test_share_met_is_an_exact_integer_comparison() -> None:
    assert Share(3, 5).met(60) is True  # exactly the target
    assert Share(2, 5).met(60) is False
    assert Share(59, 100).met(60) is False
    assert Share(599, 1000).met(60) is False  # shown as 59.9
    assert Share(1, 3).met(33) is True  # 33.3 ≥ 33
    assert Share(1, 3).met(34) is False
    assert Share(2, 3).met(67) is False  # 66.66… < 67
    assert Share(5, 5).met(100) is True
    assert Share(999, 1000).met(100) is False
    assert Share(0, 5).met(0) is True
    assert Share(0, 5).met(20) is False


def test_share_without_a_denominator_has_no_value() -> None:
    share = Share(0, 0)
    assert share.tenths is None
    assert share.percent is None
    assert share.met(0) is None
    assert share.met(100) is None


def test_a_value_shown_as_the_target_is_the_target_met() -> None:
    for total in range(1, 61):
        for n in range(total + 1):
            share = Share(n, total)
            assert share.tenths is not None
            for target in range(101):
                assert share.met(target) is (share.tenths >= 10 * target), (n, total, target)


# --- the period helpers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "start"),
    [
        (date(2026, 9, 1), date(2026, 9, 1)),  # 1 September starts the new year
        (date(2026, 8, 31), date(2025, 9, 1)),
        (date(2026, 6, 1), date(2025, 9, 1)),  # summer still belongs to the old year
        (date(2026, 7, 15), date(2025, 9, 1)),
        (date(2026, 5, 31), date(2025, 9, 1)),
        (date(2026, 1, 1), date(2025, 9, 1)),
        (date(2026, 12, 31), date(2026, 9, 1)),
        (date(2026, 10, 1), date(2026, 9, 1)),
    ],
)
def test_academic_year_start(today: date, start: date) -> None:
    assert academic_year_start(today) == start


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2025, 3, 31), 1, date(2025, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2024, 3, 29), 1, date(2024, 2, 29)),
        (date(2026, 5, 31), 3, date(2026, 2, 28)),
        (date(2024, 12, 31), 10, date(2024, 2, 29)),
        (date(2026, 12, 1), 3, date(2026, 9, 1)),
        (date(2026, 7, 31), 1, date(2026, 6, 30)),
        (date(2027, 1, 31), 1, date(2026, 12, 31)),  # back into December of the previous year
        (date(2026, 1, 15), 1, date(2025, 12, 15)),
        (date(2026, 12, 31), 12, date(2025, 12, 31)),
        (date(2026, 2, 28), 14, date(2024, 12, 28)),
        (date(2026, 3, 15), 0, date(2026, 3, 15)),
    ],
)
def test_months_back(day: date, months: int, expected: date) -> None:
    assert months_back(day, months) == expected


def _expected_period(code: PeriodCode, first: date, last: date) -> Period:
    return Period(
        code,
        first,
        last,
        datetime(first.year, first.month, first.day, tzinfo=MSK),
        datetime.combine(last + timedelta(days=1), datetime.min.time(), tzinfo=MSK),
    )


@pytest.mark.parametrize(
    ("code", "today", "first", "last"),
    [
        (PeriodCode.ACADEMIC_YEAR, date(2026, 12, 1), date(2026, 9, 1), date(2026, 12, 1)),
        (PeriodCode.ACADEMIC_YEAR, date(2026, 7, 15), date(2025, 9, 1), date(2026, 7, 15)),
        (PeriodCode.ACADEMIC_YEAR, date(2026, 9, 1), date(2026, 9, 1), date(2026, 9, 1)),
        (PeriodCode.LAST_3_MONTHS, date(2026, 12, 1), date(2026, 9, 1), date(2026, 12, 1)),
        (PeriodCode.LAST_3_MONTHS, date(2026, 5, 31), date(2026, 2, 28), date(2026, 5, 31)),
        (PeriodCode.LAST_3_MONTHS, date(2026, 1, 31), date(2025, 10, 31), date(2026, 1, 31)),
        (PeriodCode.CALENDAR_YEAR, date(2026, 12, 1), date(2026, 1, 1), date(2026, 12, 1)),
        (PeriodCode.CALENDAR_YEAR, date(2026, 1, 1), date(2026, 1, 1), date(2026, 1, 1)),
        (PeriodCode.PREVIOUS_YEAR, date(2026, 12, 1), date(2025, 9, 1), date(2026, 8, 31)),
        (PeriodCode.PREVIOUS_YEAR, date(2026, 7, 15), date(2024, 9, 1), date(2025, 8, 31)),
        (PeriodCode.PREVIOUS_YEAR, date(2026, 9, 1), date(2025, 9, 1), date(2026, 8, 31)),
    ],
)
def test_make_period(code: PeriodCode, today: date, first: date, last: date) -> None:
    period = make_period(code, today, "Europe/Moscow")
    assert period == _expected_period(code, first, last)
    assert period.start.utcoffset() == period.end.utcoffset() == timedelta(hours=3)


def test_make_period_in_another_time_zone() -> None:
    period = make_period(PeriodCode.CALENDAR_YEAR, date(2026, 3, 1), "Asia/Yekaterinburg")
    assert period.start == datetime(2025, 12, 31, 19, tzinfo=UTC)  # 00:00 at UTC+5
    assert period.end == datetime(2026, 3, 1, 19, tzinfo=UTC)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ay", PeriodCode.ACADEMIC_YEAR),
        ("3m", PeriodCode.LAST_3_MONTHS),
        ("cy", PeriodCode.CALENDAR_YEAR),
        ("pay", PeriodCode.PREVIOUS_YEAR),
        ("", DEFAULT_PERIOD),
        ("week", DEFAULT_PERIOD),
        ("AY", DEFAULT_PERIOD),
        (" 3m", DEFAULT_PERIOD),
    ],
)
def test_parse_period(code: str, expected: PeriodCode) -> None:
    assert parse_period(code) is expected
    assert DEFAULT_PERIOD is PeriodCode.ACADEMIC_YEAR


def test_period_holds_start_inclusive_end_exclusive() -> None:
    assert PERIOD.holds(PERIOD.start)
    assert not PERIOD.holds(PERIOD.start - US)
    assert PERIOD.holds(PERIOD.end - US)
    assert not PERIOD.holds(PERIOD.end)
    assert not PERIOD.holds(None)
    assert PERIOD.holds(PERIOD.start.astimezone(UTC))  # the same moment in another zone
    assert not PERIOD.holds(datetime(2026, 12, 1, 21, tzinfo=UTC))  # = end
    assert PERIOD.holds(datetime(2026, 12, 1, 20, 59, 59, tzinfo=UTC))


# --- flags_of edge cases -------------------------------------------------------------------------


def flags(**facts: object) -> Flags:
    return flags_of(teacher(100, **facts), PERIOD)


def test_a_teacher_with_nothing_recorded() -> None:
    assert true_flags(flags()) == set()


def test_young_needs_both_fields_and_uses_the_year_of_the_last_day() -> None:
    assert flags(birth_year=1991, experience_years=3).young  # 35 in 2026, 3 years
    assert not flags(birth_year=1990, experience_years=3).young  # 36
    assert not flags(birth_year=1991, experience_years=4).young
    assert flags(birth_year=2001, experience_years=0).young
    assert not flags(birth_year=None, experience_years=0).young
    assert not flags(birth_year=2000, experience_years=None).young
    # the year is the last day's: a calendar-year period ending in January 2027 makes 1991 36
    january = make_period(PeriodCode.CALENDAR_YEAR, date(2027, 1, 10), "Europe/Moscow")
    row = teacher(100, birth_year=1991, experience_years=1)
    assert not flags_of(row, january).young
    # the previous school year of 1 Dec 2026 ends 31 Aug 2026: Y = 2026
    previous = make_period(PeriodCode.PREVIOUS_YEAR, date(2026, 12, 1), "Europe/Moscow")
    assert flags_of(row, previous).young


def test_diagnosed_and_recommended_only_within_the_period() -> None:
    assert flags(diagnosed_at=PERIOD.start).diagnosed
    assert not flags(diagnosed_at=PERIOD.start - US).diagnosed
    f = flags(diagnosed_at=IN, recommended_at=BEFORE)  # the deficit was an earlier diagnosis
    assert f.diagnosed and not f.recommended
    f = flags(diagnosed_at=IN, recommended_at=IN)
    assert f.diagnosed and f.recommended and f.involved


def test_route_in_force_when_its_term_reaches_into_the_period() -> None:
    route = {"route_saved_at": BEFORE, "route_on_diagnosis": True}
    on_first_day = flags(**route, route_ends=PERIOD.first_day)
    assert on_first_day.route_in_force and on_first_day.route and on_first_day.involved
    # ended on its last day, which is within the period: due
    assert on_first_day.route_due and not on_first_day.route_done
    the_day_before = flags(**route, route_ends=PERIOD.first_day - timedelta(days=1))
    assert not the_day_before.route_in_force and not the_day_before.route
    assert not the_day_before.route_due and not the_day_before.involved
    assert not flags(**route, route_ends=None).route_in_force


def test_route_not_submitted_before_the_end_is_not_in_force() -> None:
    draft = flags(route_saved_at=None, route_on_diagnosis=True, route_ends=date(2027, 1, 1))
    assert not draft.route_in_force and not draft.route and not draft.trajectory
    at_end = flags(route_saved_at=PERIOD.end, route_on_diagnosis=True, route_ends=date(2027, 1, 1))
    assert not at_end.route_in_force
    just_before = flags(route_saved_at=PERIOD.end - US, route_on_diagnosis=True, route_ends=date(2027, 1, 1))
    assert just_before.route_in_force and just_before.route


def test_route_not_on_a_diagnosis_is_in_force_but_not_the_indicator() -> None:
    f = flags(route_saved_at=IN, route_on_diagnosis=False, route_ends=date(2027, 1, 1))
    assert f.route_in_force and not f.route and f.involved


def test_trajectory_needs_the_approval_before_the_end() -> None:
    route = {"route_saved_at": IN, "route_ends": date(2027, 1, 1)}
    assert flags(**route, route_approved_at=BEFORE).trajectory  # any time before the end
    assert flags(**route, route_approved_at=PERIOD.end - US).trajectory
    assert not flags(**route, route_approved_at=PERIOD.end).trajectory
    assert not flags(**route, route_approved_at=AFTER).trajectory
    # approved, but the route is not in force
    assert not flags(route_saved_at=BEFORE, route_ends=date(2026, 6, 1), route_approved_at=BEFORE).trajectory


def test_route_due_and_done() -> None:
    route = {"route_saved_at": BEFORE}
    # ends on the last day: due; carried out before the end: done
    f = flags(**route, route_ends=PERIOD.last_day, route_completed_at=IN)
    assert f.route_due and f.route_done
    # ends the day after the last day, not carried out: still running, not judged
    f = flags(**route, route_ends=PERIOD.last_day + timedelta(days=1))
    assert not f.route_due and not f.route_done
    # still running but carried out already: due and done
    f = flags(**route, route_ends=date(2027, 5, 31), route_completed_at=IN)
    assert f.route_due and f.route_done
    # carried out before the period, its term reaching into it: done as well
    f = flags(**route, route_ends=date(2027, 5, 31), route_completed_at=BEFORE)
    assert f.route_due and f.route_done
    # still running, carried out only after the end: not judged
    f = flags(**route, route_ends=date(2027, 5, 31), route_completed_at=PERIOD.end)
    assert not f.route_due and not f.route_done
    # ended within the period, carried out only after the end: due, not done
    f = flags(**route, route_ends=date(2026, 11, 1), route_completed_at=AFTER)
    assert f.route_due and not f.route_done


@pytest.mark.parametrize("side", ["mentee", "mentor"])
def test_pairs_had_not_ended_before_the_start(side: str) -> None:
    flag = "mentored" if side == "mentee" else "mentoring"

    def paired(is_open: bool, ended_at: datetime | None) -> bool:
        f = flags(**{f"{side}_open": is_open, f"{side}_ended_at": ended_at})
        assert f.involved is bool(getattr(f, flag))
        return bool(getattr(f, flag))

    assert paired(True, None)  # still open
    assert paired(True, BEFORE)  # an old pair ended, a new one is open
    assert paired(False, PERIOD.start)  # ended at the very start
    assert not paired(False, PERIOD.start - US)  # ended just before
    assert paired(False, IN)
    assert paired(False, AFTER)  # ended after the period
    assert not paired(False, None)  # no pair at all


def test_mentee_and_mentor_are_separate() -> None:
    f = flags(mentee_open=True)
    assert f.mentored and not f.mentoring
    f = flags(mentor_open=True)
    assert f.mentoring and not f.mentored


def test_registration_within_the_period_informs_and_involves() -> None:
    f = flags(event_registered_at=IN)
    assert f.events and f.informed and f.involved and not f.contest and not f.community
    f = flags(event_registered_at=BEFORE)
    assert not f.events and not f.informed and not f.involved
    f = flags(event_registered_at=IN, contest_at=BEFORE)  # the contest was an earlier registration
    assert f.events and not f.contest


def test_informed_by_a_broadcast_does_not_involve() -> None:
    f = flags(informed_at=PERIOD.end - US)
    assert f.informed and not f.involved
    assert not flags(informed_at=PERIOD.end).informed
    assert not flags(informed_at=PERIOD.start - US).informed


@pytest.mark.parametrize(
    ("facts", "community", "course"),
    [
        ({"association_at": IN}, True, False),
        ({"association_at": BEFORE}, False, False),
        ({"association_at": PERIOD.end}, False, False),
        ({"community_step_at": IN}, False, False),
        ({"community_event_at": IN}, False, False),
        ({"community_step_at": BEFORE, "community_event_at": BEFORE}, False, False),
        ({"course_step_at": IN}, False, True),
        ({"course_event_at": IN}, False, True),
        ({"course_step_at": BEFORE, "course_event_at": BEFORE}, False, False),
        ({"course_step_at": BEFORE, "course_event_at": IN}, False, True),
    ],
)
def test_community_and_course(facts: dict[str, datetime], community: bool, course: bool) -> None:
    f = flags(**facts)
    assert f.community is community
    assert f.course is course
    forms = any(
        facts.get(k) == IN for k in ("community_step_at", "community_event_at")
    )  # still involvement in support
    assert f.involved is (community or course or forms)


@pytest.mark.parametrize(
    "facts",
    [
        {"diagnosed_at": IN},
        {"route_saved_at": IN, "route_ends": date(2027, 1, 1)},
        {"mentee_open": True},
        {"mentor_ended_at": IN},
        {"event_registered_at": IN},
        {"community_step_at": IN},
        {"community_event_at": IN},
        {"association_at": IN},
        {"course_event_at": IN},
    ],
)
def test_each_support_form_alone_involves(facts: dict[str, object]) -> None:
    assert flags(**facts).involved


def test_event_kinds() -> None:
    assert frozenset({EventKind.CONFERENCE, EventKind.ROUNDTABLE}) == COMMUNITY_KINDS
    assert frozenset({EventKind.CONTEST}) == CONTEST_KINDS
    assert frozenset({EventKind.COURSE}) == COURSE_KINDS


# --- deficit matrix ------------------------------------------------------------------------------


def test_deficit_matrix_aggregates_and_orders() -> None:
    cells = [
        DeficitCount(1, "b", 1, 4),
        DeficitCount(1, "b", 1, 2),  # the same cell again: 2 of 6
        DeficitCount(1, "a", -1, 2),  # a negative count of high deficits is taken as 0
        DeficitCount(2, "a", 3, 3),
        DeficitCount(2, "x", 5, 2),  # more high than rated: at most the total
        DeficitCount(None, "z", 0, 1),
        DeficitCount(3, "a", 1, 0),  # no one rated: ignored, group 3 does not appear
        DeficitCount(2, "y", 0, -1),  # likewise
    ]
    matrix = deficit_matrix(cells, area_order=["a", "b", "q"], group_order=[2, 1])
    assert matrix == DeficitMatrix(
        groups=(2, 1, None),  # as in group_order; None not in it: last
        areas=("a", "b", "x", "z"),  # as in area_order ("q" has no data), unknown ones after by id
        high=((3, 0, 2, 0), (0, 2, 0, 0), (0, 0, 0, 0)),
        total=((3, 0, 2, 0), (2, 6, 0, 0), (0, 0, 0, 1)),
        hidden_groups=0,
    )
    assert matrix.share(1, 1) == Share(2, 6)  # group 1, area «b»
    assert matrix.share(1, 1).tenths == 333
    assert matrix.share(0, 0) == Share(3, 3)
    assert matrix.share(0, 0).met(100) is True
    assert matrix.share(0, 1) == Share(0, 0)  # group 2 has no «b»
    assert matrix.share(0, 1).tenths is None
    assert matrix.share(2, 3) == Share(0, 1)


def test_deficit_matrix_unknown_groups_after_the_known_ones_by_id_then_none() -> None:
    cells = [DeficitCount(g, "a", 0, 1) for g in (None, 9, 7, 2, 1)]
    matrix = deficit_matrix(cells, area_order=[], group_order=[2, 9])
    assert matrix.groups == (2, 9, 1, 7, None)
    assert matrix.areas == ("a",)
    # None may be placed explicitly
    matrix = deficit_matrix(cells, area_order=[], group_order=[None, 7])
    assert matrix.groups == (None, 7, 1, 2, 9)


def test_deficit_matrix_unknown_areas_sorted_by_id() -> None:
    cells = [DeficitCount(1, area, 0, 1) for area in ("m", "c", "k", "a")]
    assert deficit_matrix(cells, area_order=["k"], group_order=[1]).areas == ("k", "a", "c", "m")


def test_deficit_matrix_leaves_out_the_smallest_groups() -> None:
    cells = [
        DeficitCount(1, "a", 1, 6),  # group 1: 6 rated at most
        DeficitCount(1, "b", 0, 2),
        DeficitCount(2, "a", 1, 3),  # group 2: 3
        DeficitCount(2, "b", 1, 1),
        DeficitCount(3, "a", 1, 1),  # group 3: 1 — the smallest
        DeficitCount(None, "b", 0, 2),  # none: 2
    ]
    matrix = deficit_matrix(cells, area_order=["a", "b"], group_order=[3, 2, 1], max_groups=3)
    assert matrix.groups == (2, 1, None)  # 3 left out; the rest still in group_order
    assert matrix.hidden_groups == 1
    assert matrix.high == ((1, 1), (1, 0), (0, 0))
    assert matrix.total == ((3, 1), (6, 2), (0, 2))
    matrix = deficit_matrix(cells, area_order=["a", "b"], group_order=[3, 2, 1], max_groups=1)
    assert matrix.groups == (1,)
    assert matrix.hidden_groups == 3
    matrix = deficit_matrix(cells, area_order=["a", "b"], group_order=[3, 2, 1], max_groups=4)
    assert matrix.groups == (3, 2, 1, None)
    assert matrix.hidden_groups == 0


def test_deficit_matrix_ties_keep_the_lower_ids_and_none_last() -> None:
    cells = [DeficitCount(g, "a", 0, 2) for g in (None, 5, 4)]
    matrix = deficit_matrix(cells, area_order=["a"], group_order=[], max_groups=2)
    assert matrix.groups == (4, 5)
    assert matrix.hidden_groups == 1
    matrix = deficit_matrix(cells, area_order=["a"], group_order=[], max_groups=1)
    assert matrix.groups == (4,)
    assert matrix.hidden_groups == 2


def test_deficit_matrix_of_nothing() -> None:
    assert deficit_matrix([], area_order=["a"], group_order=[1]) == DeficitMatrix((), (), (), (), 0)
    only_empty = [DeficitCount(1, "a", 0, 0)]
    assert deficit_matrix(only_empty, area_order=["a"], group_order=[1]) == DeficitMatrix((), (), (), (), 0)


# --- pseudonyms ----------------------------------------------------------------------------------


def test_pseudonym_key_is_deterministic() -> None:
    key = pseudonym_key("secret")
    assert key == pseudonym_key("secret")
    assert len(key) == 32
    assert key != pseudonym_key("secret2")
    assert key == hashlib.sha256(b"metodist/indicators/pseudonym/v1\x00secret").digest()


def test_pseudonym_is_stable_and_keyed() -> None:
    key = pseudonym_key("secret")
    code = pseudonym(42, key)
    assert code == pseudonym(42, key)
    assert re.fullmatch(r"T-[A-Z2-7]{10}", code)
    assert len(code) == 12
    assert code != pseudonym(43, key)
    assert code != pseudonym(42, pseudonym_key("another secret"))
    # 50 bits of HMAC-SHA256 over the decimal id
    digest = hmac.new(key, b"42", hashlib.sha256).digest()
    assert code == "T-" + base64.b32encode(digest)[:10].decode()


def test_pseudonyms_do_not_collide_in_a_small_region() -> None:
    key = pseudonym_key("region")
    codes = {pseudonym(user_id, key) for user_id in range(1, 5001)}
    assert len(codes) == 5000
    assert all(re.fullmatch(r"T-[A-Z2-7]{10}", c) for c in codes)


def test_deficit_matrix_has_no_column_of_a_left_out_group_only() -> None:
    cells = [DeficitCount(1, "a", 2, 5), DeficitCount(2, "b", 1, 1)]
    matrix = deficit_matrix(cells, area_order=["a", "b"], group_order=[1, 2], max_groups=1)
    assert matrix.groups == (1,) and matrix.areas == ("a",) and matrix.hidden_groups == 1
    assert matrix.total == ((5,),) and matrix.high == ((2,),)


# --- the column-wise core against the rules one teacher at a time ---------------------------------
#
# `flag_table` is the only implementation; here is the docstring's rules written out again, plainly,
# per teacher, and both must agree on any teacher hypothesis can make (moments right at, just
# before and just after each bound; missing fields; every open/ended pair).


def reference_flags(row: TeacherRow, period: Period) -> Flags:
    def holds(moment: datetime | None) -> bool:
        return moment is not None and period.start <= moment < period.end

    def before_end(moment: datetime | None) -> bool:
        return moment is not None and moment < period.end

    young = is_young_specialist(row.birth_year, row.experience_years, period.last_day.year)
    in_force = (
        before_end(row.route_saved_at) and row.route_ends is not None and row.route_ends >= period.first_day
    )
    completed = in_force and before_end(row.route_completed_at)
    due = in_force and (completed or (row.route_ends is not None and row.route_ends <= period.last_day))
    mentored = row.mentee_open or (row.mentee_ended_at is not None and row.mentee_ended_at >= period.start)
    mentoring = row.mentor_open or (row.mentor_ended_at is not None and row.mentor_ended_at >= period.start)
    events = holds(row.event_registered_at)
    community = holds(row.association_at)
    forms = holds(row.community_step_at) or holds(row.community_event_at)
    course = holds(row.course_step_at) or holds(row.course_event_at)
    diagnosed = holds(row.diagnosed_at)
    return Flags(
        young=young,
        diagnosed=diagnosed,
        recommended=holds(row.recommended_at),
        route_in_force=in_force,
        route=in_force and row.route_on_diagnosis,
        trajectory=in_force and before_end(row.route_approved_at),
        route_due=due,
        route_done=due and completed,
        mentored=mentored,
        mentoring=mentoring,
        events=events,
        contest=holds(row.contest_at),
        community=community,
        course=course,
        informed=holds(row.informed_at) or events,
        involved=diagnosed or in_force or mentored or mentoring or events or community or forms or course,
        practice=holds(row.practice_at),
    )


_EDGES = [
    PERIOD.start - US,
    PERIOD.start,
    PERIOD.start + US,
    IN,
    PERIOD.end - US,
    PERIOD.end,
    PERIOD.end + US,
    BEFORE,
    AFTER,
]
moments = st.one_of(
    st.none(),
    st.sampled_from(_EDGES),
    st.sampled_from(_EDGES).map(lambda m: m.astimezone(UTC)),  # any zone: the same moment
    st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31), timezones=st.just(UTC)),
)
days = st.one_of(
    st.none(),
    st.sampled_from(
        [
            PERIOD.first_day - timedelta(days=1),
            PERIOD.first_day,
            PERIOD.last_day,
            PERIOD.last_day + timedelta(days=1),
        ]
    ),
    st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)),
)
years = st.one_of(st.none(), st.integers(min_value=1950, max_value=2010))
experience = st.one_of(st.none(), st.integers(min_value=0, max_value=50))


@st.composite
def teacher_rows(draw: st.DrawFn) -> TeacherRow:
    row = teacher(
        draw(st.integers(min_value=1, max_value=10**6)),
        municipality_id=draw(st.one_of(st.none(), st.sampled_from([M1, M2]))),
        birth_year=draw(years),
        experience_years=draw(experience),
        category=draw(st.sampled_from([None, "none", "first", "highest"])),
        registered_at=draw(moments),
        route_on_diagnosis=draw(st.booleans()),
        route_ends=draw(days),
        mentee_open=draw(st.booleans()),
        mentor_open=draw(st.booleans()),
    )
    facts = {
        name: draw(moments) for name in TeacherRow._fields if name.endswith("_at") and name != "registered_at"
    }
    return row._replace(**facts)


def test_the_table_mirrors_the_row_and_the_flags() -> None:
    assert TeacherTable._fields == TeacherRow._fields
    assert FlagTable._fields == Flags._fields


@settings(max_examples=300, deadline=None)
@given(st.lists(teacher_rows(), max_size=25))
def test_flag_table_follows_the_rules_for_every_teacher(rows: list[TeacherRow]) -> None:
    table = flag_table(table_of(rows), PERIOD)
    assert table.rows() == [reference_flags(row, PERIOD) for row in rows]
    assert [flags_of(row, PERIOD) for row in rows] == table.rows()
    kept = [(r, f) for r, f in zip(rows, table.rows(), strict=True) if counted(r, PERIOD)]
    assert teacher_flags(rows, PERIOD) == kept
    assert counted_mask(table_of(rows), PERIOD).tolist() == [counted(r, PERIOD) for r in rows]


@settings(max_examples=200, deadline=None)
@given(st.lists(teacher_rows(), max_size=25))
def test_shares_and_counts_are_the_tallies_of_the_flags(rows: list[TeacherRow]) -> None:
    pairs = [(r, reference_flags(r, PERIOD)) for r in rows]
    flags = [f for _r, f in pairs]
    shares = compute(flags)
    assert shares[Indicator.DIAGNOSED] == Share(sum(f.diagnosed for f in flags), len(flags))
    assert shares[Indicator.ROUTE_DONE] == Share(
        sum(f.route_done for f in flags if f.route_due), sum(f.route_due for f in flags)
    )
    assert shares[Indicator.YOUNG_SUPPORTED] == Share(
        sum(f.involved for f in flags if f.young), sum(f.young for f in flags)
    )
    assert shares[Indicator.RECOMMENDATIONS] == Share(
        sum(f.recommended for f in flags if f.diagnosed), sum(f.diagnosed for f in flags)
    )
    assert compute(flag_table(table_of(rows), PERIOD)) == shares
    assert counts(pairs) == Counts(
        teachers=len(rows),
        young=sum(f.young for f in flags),
        category_first=sum(r.category == "first" for r in rows),
        category_highest=sum(r.category == "highest" for r in rows),
        course=sum(f.course for f in flags),
        contest=sum(f.contest for f in flags),
        mentors=sum(f.mentoring for f in flags),
    )
    groups = breakdown(pairs, lambda r: r.municipality_id)
    assert groups == {
        group: compute([f for r, f in pairs if r.municipality_id == group])
        for group in {r.municipality_id for r in rows}
    }


@pytest.mark.parametrize("birth_year", [None, 1950, 1990, 1991, 1992, 2005])
@pytest.mark.parametrize("experience_years", [None, 0, 3, 4, 30])
def test_young_mask_is_the_profile_rule(birth_year: int | None, experience_years: int | None) -> None:
    mask = young_mask(number_array([birth_year]), number_array([experience_years]), 2026)
    assert mask.tolist() == [is_young_specialist(birth_year, experience_years, 2026)]


def test_table_take_keeps_the_rows_in_order() -> None:
    table = table_of(ROWS)
    keep = np.array([i % 3 == 0 for i in range(len(ROWS))])
    taken = table.take(keep)
    assert taken.size == keep.sum()
    assert list(taken.user_id) == [r.user_id for i, r in enumerate(ROWS) if i % 3 == 0]
    assert taken.diagnosed_at.tolist() == [
        None if r.diagnosed_at is None else r.diagnosed_at.astimezone(UTC).replace(tzinfo=None)
        for i, r in enumerate(ROWS)
        if i % 3 == 0
    ]
    assert table_of([]).size == 0
    assert len(table) == len(TeacherRow._fields)  # a tuple of columns
    assert table._replace(category=list(table.category)).size == len(ROWS)
    assert compute(flag_table(table_of([]), PERIOD)) == compute([])

"""The target indicators: shares of the counted teachers, their targets, counts and breakdowns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from bot.domain.indicators.table import (
    BoolArray,
    Flags,
    FlagTable,
    TeacherRow,
    TeacherTable,
    flag_table_of,
    table_of,
)

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

    def met(self, target: int | None) -> bool | None:
        """None without a denominator or without a target."""
        if self.total == 0 or target is None:
            return None
        return 100 * self.n >= target * self.total


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
    PRACTICES = "practices"  # presented their experience in the bank of practices (no target)


@dataclass(frozen=True, slots=True)
class Target:
    percent: int
    source: str  # the seed documents that set it


# Indicators the seeds give no figure for (PRACTICES) have no target: shown, neither met nor missed.
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


def share_practices(f: FlagTable) -> Share:
    return _share(f.practice)


def target_of(indicator: Indicator) -> int | None:
    """The indicator's target in percent; None when the seeds set none."""
    target = TARGETS.get(indicator)
    return None if target is None else target.percent


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
    Indicator.PRACTICES: share_practices,
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
    experts: int = 0  # expert activity (003 §4.8): `bot.domain.indicators.experts`, filled by the service


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

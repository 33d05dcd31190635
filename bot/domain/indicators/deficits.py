"""Deficits by competence area × group (municipality or school), for the heatmap."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bot.domain.indicators.shares import Share

MAX_HEATMAP_GROUPS = 40


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

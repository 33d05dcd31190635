"""The synthetic region of the mentoring benchmark: areas, young specialists and mentors drawn by
weights, the greedy reference and the optimum, and the checks of a matching."""

from __future__ import annotations

import random
import time
from bisect import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import TypeVar

import numpy as np
from scipy.optimize import linear_sum_assignment

from bot.domain.mentoring import (
    W_LOAD,
    W_MUNICIPALITY,
    W_SCHOOL,
    W_SUBJECT,
    W_WISH,
    Mentor,
    Proposal,
    Young,
    fit,
    slot_value,
    total_score,
)
from bot.domain.profile import SUBJECTS
from bot.services.directory import SAMPLE_DIRECTORY, parse_directory_file

T = TypeVar("T")

# Subjects of teachers in a region, roughly: primary school, Russian and maths lead.
SUBJECT_WEIGHTS = {
    "primary": 16,
    "russian": 13,
    "math": 13,
    "foreign": 8,
    "literature": 6,
    "pe": 5,
    "history": 4,
    "informatics": 4,
    "biology": 3,
    "physics": 3,
    "social": 3,
    "technology": 3,
    "chemistry": 2,
    "geography": 2,
    "music": 2,
    "art": 2,
    "obzr": 2,
    "native": 1,
    "other": 2,
}
# Share of people per demo municipality (by code): the regional capital holds 40 %.
DEMO_WEIGHTS = {
    "kostroma": 40.0,
    "sharya": 9.0,
    "kostroma-district": 9.0,
    "nerekhta": 8.0,
    "buy": 6.0,
    "galich": 6.0,
    "manturovo": 5.0,
    "krasnoe": 5.0,
    "makariev": 3.5,
    "sudislavl": 3.0,
    "chukhloma": 3.0,
    "vokhma": 2.5,
}
CAPACITIES = ((1, 20), (2, 60), (3, 20))
TWO_SUBJECTS = 0.3
WISH_SUBJECT = 0.3
WISH_SCHOOL = 0.2
YOUNG_NO_SCHOOL = 0.03
MENTOR_NO_SCHOOL = 0.02
MENTOR_BASE = 1_000_001  # user ids of mentors in part 1 (young specialists: 1..N)

_TOPICS = (
    "Посещение урока математики в 5 классе",
    "Планирование урока по ФГОС",
    "Анализ открытого урока",
    "Работа с родителями: подготовка к собранию",
    "Оценивание и обратная связь",
)

# ---------------------------------------------------------------------------- synthetic people


@dataclass(frozen=True)
class Area:
    id: int
    code: str
    weight: float
    schools: tuple[int, ...]


@dataclass(frozen=True)
class Distribution:
    label: str
    areas: list[Area]
    runs: int


def demo_areas() -> list[Area]:
    """The demo directory's municipalities and schools (ids numbered in file order), sized by DEMO_WEIGHTS."""
    parsed = parse_directory_file(SAMPLE_DIRECTORY)
    if parsed.errors:
        raise RuntimeError(f"the demo directory has errors: {parsed.errors}")
    areas = []
    school = 0
    for index, muni in enumerate(parsed.municipalities, start=1):
        ids = tuple(range(school + 1, school + 1 + len(muni.schools)))
        school += len(muni.schools)
        areas.append(Area(index, muni.code, DEMO_WEIGHTS.get(muni.code, 2.0), ids))
    return areas


def equal_areas(count: int, schools: int) -> list[Area]:
    return [
        Area(i + 1, f"m{i + 1}", 1.0, tuple(range(i * schools + 1, (i + 1) * schools + 1)))
        for i in range(count)
    ]


def one_area(areas: Sequence[Area]) -> list[Area]:
    return [Area(1, "everyone", 1.0, tuple(s for a in areas for s in a.schools))]


class Draw:
    """Weighted draws from a seeded random.Random (cumulative weights computed once)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        codes = list(SUBJECTS)
        unknown = set(SUBJECT_WEIGHTS) - set(codes)
        if unknown:
            raise RuntimeError(f"SUBJECT_WEIGHTS has codes not in SUBJECTS: {sorted(unknown)}")
        self.codes = codes
        self.cum_subjects = list(accumulate(SUBJECT_WEIGHTS.get(c, 1) for c in codes))

    def subject(self) -> str:
        rng = self.rng
        return self.codes[bisect(self.cum_subjects, rng.random() * self.cum_subjects[-1])]

    def subjects(self) -> frozenset[str]:
        first = self.subject()
        if self.rng.random() >= TWO_SUBJECTS:
            return frozenset({first})
        second = first
        while second == first:
            second = self.subject()
        return frozenset({first, second})

    def area(self, areas: Sequence[Area], cum: Sequence[float]) -> Area:
        return areas[min(len(areas) - 1, bisect(cum, self.rng.random() * cum[-1]))]

    def capacity(self) -> int:
        return self.rng.choices([c for c, _w in CAPACITIES], [w for _c, w in CAPACITIES])[0]


def generate(
    rng: random.Random,
    areas: Sequence[Area],
    youngs: int,
    mentors: int,
    *,
    young_base: int = 1,
    mentor_base: int = MENTOR_BASE,
) -> tuple[list[Young], list[Mentor]]:
    draw = Draw(rng)
    cum = list(accumulate(a.weight for a in areas))
    young_list = []
    for i in range(youngs):
        area = draw.area(areas, cum)
        school = rng.choice(area.schools) if area.schools and rng.random() >= YOUNG_NO_SCHOOL else None
        subjects = draw.subjects()
        wish = rng.choice(sorted(subjects)) if rng.random() < WISH_SUBJECT else None
        young_list.append(Young(young_base + i, area.id, school, subjects, wish, rng.random() < WISH_SCHOOL))
    mentor_list = []
    for i in range(mentors):
        area = draw.area(areas, cum)
        school = rng.choice(area.schools) if area.schools and rng.random() >= MENTOR_NO_SCHOOL else None
        capacity = draw.capacity()
        mentor_list.append(
            Mentor(mentor_base + i, area.id, school, draw.subjects(), capacity, rng.randint(0, capacity))
        )
    return young_list, mentor_list


# ---------------------------------------------------------------------------- the score, vectorized


class Group:
    """One municipality's mentors as arrays, for the greedy baseline and the independent optimum."""

    def __init__(self, mentors: Sequence[Mentor], bits: dict[str, int]) -> None:
        self.mentors = list(mentors)
        self.bits = bits
        self.mask = np.array([self.mask_of(m.subjects) for m in mentors], dtype=np.int64)
        self.school = np.array([m.school_id if m.school_id is not None else -2 for m in mentors])
        self.ids = np.array([m.user_id for m in mentors])
        self.capacity = np.array([m.capacity for m in mentors])
        self.load = np.array([m.load for m in mentors])

    def mask_of(self, subjects: Sequence[str | None] | frozenset[str]) -> int:
        value = 0
        for subject in subjects:
            if subject:
                value |= 1 << self.bits.setdefault(subject, len(self.bits))
        return value

    def scores(self, youngs: Sequence[Young]) -> np.ndarray:
        """fit(young, mentor).score for every young specialist (rows) × mentor (columns) of the group."""
        y_mask = np.array([self.mask_of(y.subjects) for y in youngs], dtype=np.int64)[:, None]
        y_wish = np.array([self.mask_of([y.want_subject]) for y in youngs], dtype=np.int64)[:, None]
        y_school = np.array([y.school_id if y.school_id is not None else -1 for y in youngs])[:, None]
        y_wants = np.array([y.want_same_school for y in youngs])[:, None]
        same_school = y_school == self.school[None, :]
        result: np.ndarray = (
            W_MUNICIPALITY
            + W_SUBJECT * ((y_mask & self.mask[None, :]) != 0)
            + W_SCHOOL * same_school
            + W_WISH * ((y_wish & self.mask[None, :]) != 0)
            + W_WISH * (same_school & y_wants)
        )
        return result


def by_municipality(
    youngs: Sequence[Young], mentors: Sequence[Mentor]
) -> dict[int, tuple[list[Young], list[Mentor]]]:
    groups: dict[int, tuple[list[Young], list[Mentor]]] = {}
    for young in youngs:
        if young.municipality_id is not None:
            groups.setdefault(young.municipality_id, ([], []))[0].append(young)
    for mentor in mentors:
        if mentor.municipality_id is not None and mentor.municipality_id in groups:
            groups[mentor.municipality_id][1].append(mentor)
    return groups


def greedy(youngs: Sequence[Young], mentors: Sequence[Mentor]) -> tuple[list[Proposal], int]:
    """First come, first served: each young specialist in turn takes the mentor with room of the best
    ``slot_value(fit.score, load)`` (the first such mentor on a tie).  Returns the proposals and how
    many chosen pairs' vectorized value differed from the domain's (must be 0)."""
    proposals: list[Proposal] = []
    mismatches = 0
    bits: dict[str, int] = {}
    for group_youngs, group_mentors in by_municipality(youngs, mentors).values():
        if not group_mentors:
            continue
        group = Group(group_mentors, bits)
        scores = group.scores(group_youngs)
        load = group.load.copy()
        for row, young in enumerate(group_youngs):
            room = (load < group.capacity) & (group.ids != young.user_id)
            if not room.any():
                continue
            value = np.where(room, scores[row] - W_LOAD * load, -np.inf)
            j = int(np.argmax(value))
            mentor = group.mentors[j]
            found = fit(young, mentor)
            assert found is not None
            score = slot_value(found.score, int(load[j]))
            mismatches += score != value[j]
            proposals.append(Proposal(young.user_id, mentor.user_id, score, found.reasons))
            load[j] += 1
    proposals.sort(key=lambda p: p.young_id)
    return proposals, mismatches


@dataclass
class Optimum:
    matched: int
    total: float
    seconds: float
    sampled: int  # (young, mentor) entries of the value matrix compared with fit()
    mismatches: int


def optimum(youngs: Sequence[Young], mentors: Sequence[Mentor], rng: random.Random) -> Optimum:
    """Independent: per municipality, ``linear_sum_assignment`` (maximize) on the dense young × slot
    value matrix.  Every young specialist may pair with every mentor there (the synthetic ids are
    disjoint), so a rectangular assignment matches min(youngs, slots) = the most possible."""
    started = time.perf_counter()
    matched, total, sampled, mismatches = 0, 0.0, 0, 0
    bits: dict[str, int] = {}
    for group_youngs, group_mentors in by_municipality(youngs, mentors).values():
        with_room = [m for m in group_mentors if m.free > 0]
        if not with_room:
            continue
        group = Group(with_room, bits)
        scores = group.scores(group_youngs)
        for _ in range(min(200, scores.size)):
            i, j = rng.randrange(len(group_youngs)), rng.randrange(len(with_room))
            found = fit(group_youngs[i], with_room[j])
            sampled += 1
            mismatches += found is None or found.score != scores[i, j]
        slot_mentor = np.repeat(np.arange(len(with_room)), [m.free for m in with_room])
        slot_load = np.concatenate([np.arange(m.load, m.load + m.free) for m in with_room])
        value = scores[:, slot_mentor] - W_LOAD * slot_load[None, :]
        rows, cols = linear_sum_assignment(value, maximize=True)
        matched += len(rows)
        total += float(value[rows, cols].sum())
    return Optimum(matched, total, time.perf_counter() - started, sampled, mismatches)


def most_matchable(youngs: Sequence[Young], mentors: Sequence[Mentor]) -> int:
    """Σ over municipalities of min(young specialists, free mentor slots)."""
    return sum(min(len(ys), sum(m.free for m in ms)) for ys, ms in by_municipality(youngs, mentors).values())


def check(
    label: str, youngs: Sequence[Young], mentors: Sequence[Mentor], proposals: Sequence[Proposal]
) -> list[str]:
    """The rules every set of proposals must keep; PROBLEM lines (empty when all hold)."""
    young_by = {y.user_id: y for y in youngs}
    mentor_by = {m.user_id: m for m in mentors}
    problems: list[str] = []
    twice = [y for y, n in Counter(p.young_id for p in proposals).items() if n > 1]
    if twice:
        problems.append(f"PROBLEM {label}: {len(twice)} young specialists matched twice, e.g. {twice[:3]}")
    unknown = [p for p in proposals if p.young_id not in young_by or p.mentor_id not in mentor_by]
    if unknown:
        problems.append(f"PROBLEM {label}: {len(unknown)} proposals name unknown people, e.g. {unknown[:2]}")
        return problems
    taken = Counter(p.mentor_id for p in proposals)
    over = [(m, n, mentor_by[m].free) for m, n in taken.items() if n > mentor_by[m].free]
    if over:
        problems.append(
            f"PROBLEM {label}: {len(over)} mentors above their free capacity "
            f"(mentor, given, free): {over[:3]}"
        )
    cross = [
        p
        for p in proposals
        if young_by[p.young_id].municipality_id is None
        or young_by[p.young_id].municipality_id != mentor_by[p.mentor_id].municipality_id
    ]
    if cross:
        problems.append(f"PROBLEM {label}: {len(cross)} pairs across municipalities, e.g. {cross[:2]}")
    fit_sum = 0.0
    wrong = 0
    for p in proposals:
        mentor = mentor_by[p.mentor_id]
        found = fit(young_by[p.young_id], mentor)
        if found is None:
            wrong += 1
            continue
        fit_sum += found.score
        # the k-th new mentee of a mentor takes the slot of load + k − 1
        low, high = (
            slot_value(found.score, mentor.load + taken[p.mentor_id] - 1),
            slot_value(found.score, mentor.load),
        )
        wrong += found.reasons != p.reasons or not low - 1e-9 <= p.score <= high + 1e-9
    if wrong:
        problems.append(f"PROBLEM {label}: {wrong} proposals whose score or reasons are not what fit() gives")
    penalty = sum(W_LOAD * (k * mentor_by[m].load + k * (k - 1) / 2) for m, k in taken.items())
    if abs(fit_sum - penalty - total_score(proposals)) > 1e-6:
        problems.append(
            f"PROBLEM {label}: total score {total_score(proposals):.2f} ≠ Σ fit − load penalties "
            f"{fit_sum - penalty:.2f}"
        )
    return problems

"""Mentor matching: the whole-assignment matching alone at scale, and run → confirm → report on a database.

All times are wall-clock (time.perf_counter) in one process.

1. Pure matching — ``bot.domain.mentoring.match`` (a min-cost bipartite matching over mentor capacity
   slots, scipy ``min_weight_full_bipartite_matching``, solved per municipality) on ``--youngs`` young
   specialists × ``--mentors`` mentors, synthetic but realistic: subjects from
   ``bot.domain.profile.SUBJECTS``, 1–2 per person, skewed (primary, Russian and maths most common);
   schools nested in municipalities (3 % of young specialists and 2 % of mentors without a directory
   school); mentor capacity 1–3 (60 % 2) with a current load of 0..capacity; 30 % of the young
   specialists wish for one of their subjects, 20 % for the same school.  Three distributions of
   municipalities: (a) the demo region's 12 municipalities and their schools with realistic sizes
   (г. Кострома ≈ 40 % of people), (b) 60 equal municipalities of 4 schools, (c) the worst case —
   everybody in ONE municipality (the 60 demo schools).  For each: wall time (median of ``--runs``;
   ``--worst-runs`` for (c)), memory (tracemalloc peak in one extra traced run — numpy reports its
   buffers to tracemalloc — and RSS growth sampled every 10 ms while the timed runs run in a worker
   thread, as ``services.mentoring.run_matching`` runs it), matched and total score against a simple
   greedy baseline (each young specialist in turn takes the mentor with room of the best
   ``slot_value(fit.score, load)``).  Checked: no mentor above their free capacity, nobody matched
   twice, every pair within one municipality, every proposal's score and reasons as ``fit`` gives
   them, the most young specialists that can be matched are, and the total equals the optimum found
   by an independent solver (``scipy.optimize.linear_sum_assignment`` on the dense young × slot
   value matrix of each municipality).  A failed check prints a PROBLEM line and exits 1.
2. End to end — a fresh database (``storage.migrate.upgrade``, the demo directory by
   ``ensure_sample_directory``) seeded with bulk inserts: ``--youngs`` unpaired young specialists
   (registered, born ≥ this year − 35, ≤ 3 years of experience, some with a request), ``--mentors``
   mentors (role ``mentor``, ``mentor_profiles`` with capacity 1–3) whose current load is real active
   or paused pairs with further young specialists (with a few meetings each), some earlier cancelled
   proposals and ``--others`` ordinary teachers (some just outside the young-specialist rule), in the
   demo municipalities with the sizes of (a).  Timed: ``service.run_matching(repos, None, year)`` +
   commit (load + match + insert proposals; per repository method, the event loop's stalls meanwhile),
   the same again (it replaces the proposals) while other sessions write a row every 50 ms, once more
   with tracemalloc on, ``service.confirm_all`` + commit (other sessions writing too) and
   ``service.report`` for the region; for each the SQL statements (SqlProbe), how long the
   transaction stays open after its first write (on SQLite: the database's single write lock, which
   every other writing update waits for) and memory.  Checked against the seeded data afterwards.
   ``--postgres URL`` repeats part 2 on PostgreSQL (the schema ``public`` there is DROPPED and
   recreated).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from bisect import bisect
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from scipy.optimize import linear_sum_assignment
from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from benchmarks.diagnosis import LoopLag, capture_errors, reset_postgres, say
from benchmarks.harness import MemoryMonitor, MemoryStats, SqlProbe, mib, quiet_logging
from benchmarks.routes import Writer, table
from bot.domain.mentoring import (
    DURATIONS,
    W_LOAD,
    W_MUNICIPALITY,
    W_SCHOOL,
    W_SUBJECT,
    W_WISH,
    MeetingFormat,
    Mentor,
    PairStatus,
    Proposal,
    Reason,
    Young,
    fit,
    match,
    pair_period,
    slot_value,
    total_score,
)
from bot.domain.profile import CATEGORIES, SUBJECTS
from bot.services import accounts
from bot.services import mentoring as service
from bot.services.directory import SAMPLE_DIRECTORY, ensure_sample_directory, parse_directory_file
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade
from storage.models import (
    MentorMeeting,
    MentorPair,
    MentorProfile,
    MentorRequest,
    Municipality,
    School,
    User,
    UserRole,
    UserSubject,
)
from storage.repositories import Repos
from storage.repositories.mentoring import MentoringRepo

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

_NAMES = (
    "Иванова Мария Петровна",
    "Смирнова Анна Сергеевна",
    "Кузнецова Елена Викторовна",
    "Соколова Ольга Ивановна",
    "Попова Наталья Андреевна",
    "Лебедева Татьяна Юрьевна",
    "Козлова Светлана Олеговна",
    "Новикова Ирина Петровна",
    "Морозов Алексей Игоревич",
    "Волков Дмитрий Сергеевич",
)
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


# ---------------------------------------------------------------------------- 1. pure matching


@dataclass
class PureResult:
    label: str
    municipalities: int
    largest: tuple[int, int]  # young specialists × free slots in the largest municipality
    times: list[float]
    traced_seconds: float
    traced: MemoryStats
    rss: MemoryStats
    proposals: list[Proposal]
    greedy: list[Proposal]
    greedy_seconds: float
    most: int
    best: Optimum
    problems: list[str]
    youngs: dict[int, Young]
    lag: LoopLag


async def bench_pure(dist: Distribution, youngs_n: int, mentors_n: int, seed: int) -> PureResult:
    rng = random.Random(seed)
    youngs, mentors = generate(rng, dist.areas, youngs_n, mentors_n)
    groups = by_municipality(youngs, mentors)
    largest = max(
        ((len(ys), sum(m.free for m in ms)) for ys, ms in groups.values()), key=lambda s: s[0] * s[1]
    )
    times: list[float] = []
    proposals: list[Proposal] = []
    # Timed runs in a worker thread (as run_matching does), RSS sampled meanwhile; tracing off.
    async with MemoryMonitor(trace=False) as rss, LoopLag() as lag:
        for _ in range(dist.runs):
            started = time.perf_counter()
            proposals = await asyncio.to_thread(match, youngs, mentors)
            times.append(time.perf_counter() - started)
    async with MemoryMonitor(trace=True) as traced:
        started = time.perf_counter()
        traced_proposals = await asyncio.to_thread(match, youngs, mentors)
        traced_seconds = time.perf_counter() - started
    assert rss.stats is not None and traced.stats is not None
    started = time.perf_counter()
    baseline, mismatches = greedy(youngs, mentors)
    greedy_seconds = time.perf_counter() - started
    best = optimum(youngs, mentors, rng)
    most = most_matchable(youngs, mentors)

    label = dist.label.split(" ", 1)[0]
    problems = check(f"{label} match", youngs, mentors, proposals)
    problems += check(f"{label} greedy", youngs, mentors, baseline)
    if traced_proposals != proposals:
        problems.append(f"PROBLEM {label}: the traced run proposed differently from the timed run")
    if mismatches:
        problems.append(
            f"PROBLEM {label}: the greedy's vectorized value differed from fit() {mismatches} times"
        )
    if best.mismatches:
        problems.append(
            f"PROBLEM {label}: the optimum's score matrix differed from fit() in {best.mismatches} of "
            f"{best.sampled} sampled entries"
        )
    if len(proposals) != most:
        problems.append(f"PROBLEM {label}: match paired {len(proposals)}, {most} could be paired")
    if best.matched != len(proposals) or abs(best.total - total_score(proposals)) > 1e-6:
        problems.append(
            f"PROBLEM {label}: match gives {len(proposals)} pairs / {total_score(proposals):.2f}, the "
            f"independent optimum {best.matched} / {best.total:.2f}"
        )
    worse = len(proposals) < len(baseline) or (
        len(proposals) == len(baseline) and total_score(proposals) < total_score(baseline) - 1e-9
    )
    if worse:
        problems.append(f"PROBLEM {label}: the greedy baseline beats match")
    return PureResult(
        dist.label,
        len(groups),
        largest,
        times,
        traced_seconds,
        traced.stats,
        rss.stats,
        proposals,
        baseline,
        greedy_seconds,
        most,
        best,
        problems,
        {y.user_id: y for y in youngs},
        lag,
    )


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "n/a"


def quality(proposals: Sequence[Proposal], youngs_by: dict[int, Young]) -> tuple[str, str, str, str]:
    """Pairs sharing a subject, in one school; subject wishes and same-school wishes met."""
    reasons = [set(p.reasons) for p in proposals]
    wished = [p for p in proposals if youngs_by[p.young_id].want_subject]
    school_wish = [p for p in proposals if youngs_by[p.young_id].want_same_school]
    return (
        share(sum(Reason.SUBJECT in r for r in reasons), len(proposals)),
        share(sum(Reason.SCHOOL in r for r in reasons), len(proposals)),
        share(sum(Reason.WISH_SUBJECT in p.reasons for p in wished), len(wished)),
        share(sum(Reason.WISH_SCHOOL in p.reasons for p in school_wish), len(school_wish)),
    )


def pure_tables(results: Sequence[PureResult]) -> list[str]:
    time_cells = [
        (
            r.label,
            str(r.municipalities),
            f"{r.largest[0]} × {r.largest[1]}",
            str(len(r.times)),
            f"{statistics.median(r.times):.3f}",
            f"{min(r.times):.3f}",
            f"{max(r.times):.3f}",
            mib(r.traced.traced_peak),
            f"+{mib(r.rss.rss_delta)}",
            f"{mib(r.rss.rss_before)} → {mib(r.rss.rss_peak)}",
        )
        for r in results
    ]
    lines = [
        table(
            (
                "distribution",
                "munis",
                "largest: youngs × slots",
                "runs",
                "median s",
                "min s",
                "max s",
                "tracemalloc peak",
                "RSS peak − before",
                "RSS before → peak",
            ),
            time_cells,
        ),
        "",
    ]
    score_cells = []
    for r in results:
        m_total, g_total = total_score(r.proposals), total_score(r.greedy)
        gain = (m_total - g_total) / g_total if g_total else float("nan")
        score_cells.append(
            (
                r.label.split(" ", 1)[0],
                str(r.most),
                str(len(r.proposals)),
                f"{m_total:.1f}",
                str(len(r.greedy)),
                f"{g_total:.1f}",
                f"{len(r.proposals) - len(r.greedy):+d}",
                f"{m_total - g_total:+.1f} ({gain:+.1%})",
                f"{m_total / max(1, len(r.proposals)):.2f} vs {g_total / max(1, len(r.greedy)):.2f}",
                f"{r.greedy_seconds:.2f}",
                "ok" if not r.problems else "PROBLEM",
            )
        )
    lines += [
        table(
            (
                "dist",
                "can pair",
                "match: matched",
                "total score",
                "greedy: matched",
                "total score",
                "Δ matched",
                "Δ total score",
                "score per pair",
                "greedy s",
                "checks",
            ),
            score_cells,
        ),
        "",
    ]
    quality_cells = []
    for r in results:
        for name, props in (("match", r.proposals), ("greedy", r.greedy)):
            quality_cells.append((f"{r.label.split(' ', 1)[0]} {name}", *quality(props, r.youngs), ""))
    lines.append(
        table(
            ("pairs", "share a subject", "same school", "subject wish met", "school wish met", ""),
            quality_cells,
        )
    )
    return lines


# ---------------------------------------------------------------------------- 2. end to end: seeding


@dataclass
class Seeded:
    unpaired: int = 0
    paired: int = 0  # young specialists already in an active or paused pair (the mentors' load)
    mentors: int = 0
    others: int = 0
    others_near: int = 0  # ordinary teachers just outside the young-specialist rule
    requests: int = 0
    cancelled: int = 0  # earlier proposals rejected (must not block a young specialist)
    meetings: int = 0
    expected: int = 0  # Σ over municipalities of min(unpaired, free slots)
    free_slots: int = 0
    capacity: dict[int, int] = field(default_factory=dict)
    per_muni: Counter[str] = field(default_factory=Counter)
    generate_seconds: float = 0.0
    insert_seconds: float = 0.0


# Every row of one executemany INSERT needs the same columns.
PAIR_ROW: dict[str, Any] = {
    name: None
    for name in ("activated_at", "period_start", "period_end", "last_meeting_at", "fit_asked_at", "ended_at")
}


async def _insert(session: AsyncSession, model: Any, rows: list[dict[str, Any]], chunk: int = 10_000) -> None:
    table_ = model.__table__ if hasattr(model, "__table__") else model
    for start in range(0, len(rows), chunk):
        await session.execute(insert(table_), rows[start : start + chunk])


def held_on_days(rng: random.Random, since: date, today: date, count: int) -> list[date]:
    span = max(0, (today - since).days)
    return sorted(since + timedelta(days=rng.randint(0, span)) for _ in range(count))


async def seed(
    sessionmaker: async_sessionmaker[AsyncSession],
    youngs_n: int,
    mentors_n: int,
    others_n: int,
    seed_value: int,
    now: datetime,
) -> Seeded:
    rng = random.Random(seed_value + 7)
    out = Seeded()
    year, today = now.year, now.date()
    started = time.perf_counter()
    async with sessionmaker() as session:
        repos = Repos(session)
        await ensure_sample_directory(repos)
        await session.flush()
        g0 = time.perf_counter()
        munis = (
            await session.execute(select(Municipality.id, Municipality.code).order_by(Municipality.id))
        ).all()
        schools: defaultdict[int, list[int]] = defaultdict(list)
        for school_id, muni_id in (await session.execute(select(School.id, School.municipality_id))).all():
            schools[muni_id].append(school_id)
        areas = [
            Area(m_id, code, DEMO_WEIGHTS.get(code, 2.0), tuple(sorted(schools[m_id])))
            for m_id, code in munis
        ]
        code_of = {a.id: a.code for a in areas}
        youngs, mentors = generate(rng, areas, youngs_n, mentors_n, young_base=1, mentor_base=youngs_n + 1)
        draw = Draw(rng)
        cum = list(accumulate(a.weight for a in areas))
        registered = now - timedelta(days=200)
        users: list[dict[str, Any]] = []
        subjects: list[dict[str, Any]] = []
        roles: list[dict[str, Any]] = []
        profiles: list[dict[str, Any]] = []
        requests: list[dict[str, Any]] = []
        pairs: list[dict[str, Any]] = []
        meetings: list[dict[str, Any]] = []

        def person(
            uid: int, muni: int, school: int | None, experience: int, birth_year: int, subj: frozenset[str]
        ) -> None:
            users.append(
                {
                    "id": uid,
                    "tg_id": 600_000_000 + uid,
                    "locale": "ru",
                    "consent_at": registered,
                    "consent_version": accounts.CONSENT_VERSION,
                    "full_name": rng.choice(_NAMES),
                    "municipality_id": muni,
                    "school_id": school,
                    "school_note": None if school is not None else "МКОУ «Новая школа»",
                    "position": "teacher",
                    "experience_years": experience,
                    "birth_year": birth_year,
                    "category": rng.choice(CATEGORIES),
                    "registered_at": registered + timedelta(seconds=rng.randint(0, 150 * 86_400)),
                }
            )
            subjects.extend({"user_id": uid, "subject": s} for s in sorted(subj))
            roles.append({"user_id": uid, "role": "teacher"})

        def young_person(uid: int, muni: int, school: int | None, subj: frozenset[str]) -> None:
            person(uid, muni, school, rng.randint(0, 3), year - rng.randint(22, 35), subj)

        for y in youngs:
            assert y.municipality_id is not None
            young_person(y.user_id, y.municipality_id, y.school_id, y.subjects)
            if y.want_subject or y.want_same_school:
                requests.append(
                    {
                        "user_id": y.user_id,
                        "want_subject": y.want_subject,
                        "want_same_school": y.want_same_school,
                    }
                )
            out.per_muni[code_of[y.municipality_id]] += 1
        out.unpaired = len(youngs)
        next_id = youngs_n + mentors_n + 1
        pair_id = 0
        mentors_by: defaultdict[int, list[Mentor]] = defaultdict(list)
        for m in mentors:
            assert m.municipality_id is not None
            mentors_by[m.municipality_id].append(m)
            experience = rng.randint(8, 35)
            person(
                m.user_id,
                m.municipality_id,
                m.school_id,
                experience,
                year - experience - rng.randint(22, 28),
                m.subjects,
            )
            roles.append({"user_id": m.user_id, "role": "mentor"})
            profiles.append(
                {"user_id": m.user_id, "capacity": m.capacity, "about": "Учитель-наставник", "formats": []}
            )
            out.capacity[m.user_id] = m.capacity
            for _k in range(m.load):  # the current load: real pairs with further young specialists
                mentee = next_id
                next_id += 1
                area_schools = schools[m.municipality_id]
                school = (
                    m.school_id
                    if rng.random() < 0.4
                    else (rng.choice(area_schools) if area_schools else None)
                )
                subj = frozenset({rng.choice(sorted(m.subjects))}) if rng.random() < 0.7 else draw.subjects()
                young_person(mentee, m.municipality_id, school, subj)
                pair_id += 1
                activated = now - timedelta(days=rng.randint(14, 300), seconds=rng.randint(0, 80_000))
                start, end = pair_period(activated.date())
                held = held_on_days(rng, activated.date(), today, rng.randint(0, 6))
                for n, day in enumerate(held):
                    confirmed = rng.random() < 0.7
                    meetings.append(
                        {
                            "pair_id": pair_id,
                            "token": f"seed-{pair_id}-{n}",
                            "held_on": day,
                            "format": rng.choice(list(MeetingFormat)).value,
                            "topic": rng.choice(_TOPICS),
                            "minutes": rng.choice(DURATIONS),
                            "note": None,
                            "photo_file_id": None,
                            "created_at": service.held_at(day),
                            "confirmed_at": service.held_at(day) + timedelta(hours=3) if confirmed else None,
                            "disputed_at": None,
                            "rating": rng.randint(3, 5) if confirmed and rng.random() < 0.6 else None,
                            "rating_comment": None,
                        }
                    )
                pairs.append(
                    {
                        **PAIR_ROW,
                        "id": pair_id,
                        "mentor_id": m.user_id,
                        "mentee_id": mentee,
                        "status": (PairStatus.PAUSED if rng.random() < 0.1 else PairStatus.ACTIVE).value,
                        "score": 5.0,
                        "reasons": [Reason.MUNICIPALITY.value, Reason.SUBJECT.value],
                        "activated_at": activated,
                        "period_start": start,
                        "period_end": end,
                        "last_meeting_at": service.held_at(held[-1]) if held else None,
                        "fit_asked_at": activated + timedelta(days=7) if held else None,
                    }
                )
                out.paired += 1
        out.mentors = len(mentors)
        out.meetings = len(meetings)
        # Earlier proposals that were rejected: cancelled pairs of some unpaired young specialists.
        for y in rng.sample(youngs, len(youngs) // 20):
            assert y.municipality_id is not None
            candidates = mentors_by.get(y.municipality_id)
            if not candidates:
                continue
            pair_id += 1
            pairs.append(
                {
                    **PAIR_ROW,
                    "id": pair_id,
                    "mentor_id": rng.choice(candidates).user_id,
                    "mentee_id": y.user_id,
                    "status": PairStatus.CANCELLED.value,
                    "score": 3.0,
                    "reasons": [Reason.MUNICIPALITY.value],
                    "ended_at": now - timedelta(days=rng.randint(20, 90)),
                }
            )
            out.cancelled += 1
        # Ordinary teachers; some just outside the rule (36 and older with ≤ 3 years, or ≤ 35 with 4+).
        for _i in range(others_n):
            area = draw.area(areas, cum)
            school = rng.choice(area.schools) if area.schools and rng.random() >= YOUNG_NO_SCHOOL else None
            near = rng.random()
            if near < 0.05:
                experience, birth_year = rng.randint(0, 3), year - 36 - rng.randint(0, 15)
            elif near < 0.10:
                experience, birth_year = rng.randint(4, 10), year - rng.randint(25, 35)
            else:
                experience = rng.randint(4, 40)
                birth_year = year - experience - rng.randint(22, 30)
            out.others_near += near < 0.10
            person(next_id, area.id, school, experience, birth_year, draw.subjects())
            next_id += 1
        out.others = others_n
        out.requests = len(requests)
        out.free_slots = sum(m.free for m in mentors)
        out.expected = most_matchable(youngs, mentors)
        out.generate_seconds = time.perf_counter() - g0
        await _insert(session, User, users)
        await _insert(session, UserSubject, subjects)
        await _insert(session, UserRole, roles)
        await _insert(session, MentorProfile, profiles)
        await _insert(session, MentorRequest, requests)
        await _insert(session, MentorPair, pairs)
        await _insert(session, MentorMeeting, meetings)
        if session.bind is not None and session.bind.dialect.name == "postgresql":
            # Explicit ids do not move the sequences; the bot's own inserts must not collide.
            for name in ("users", "mentor_pairs"):
                await session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"
                    )
                )
        await session.commit()
    out.insert_seconds = time.perf_counter() - started - out.generate_seconds
    return out


# ---------------------------------------------------------------------------- 2. end to end: timing


@dataclass
class Call:
    calls: int = 0
    seconds: float = 0.0
    statements: int = 0


class TimedMentoringRepo(MentoringRepo):
    """The real repository; calls, time and SQL statements of each method added up (a method called
    from another one, such as ``proposed`` inside ``drop_proposed``, counts for the outer one)."""

    METHODS = (
        "drop_proposed",
        "proposed",
        "unpaired_youngs",
        "mentors",
        "subjects_of",
        "add_pair",
        "pairs_of_mentee",
        "profile",
        "load",
        "update",
        "count_youngs",
        "pairs",
        "users",
        "meeting_stats",
        "checks",
    )

    def __init__(self, session: AsyncSession, probe: SqlProbe) -> None:
        super().__init__(session)
        self.probe = probe
        self.calls: defaultdict[str, Call] = defaultdict(Call)
        self._depth = 0
        for name in self.METHODS:
            setattr(self, name, self._timed(name, getattr(super(), name)))

    def _timed(self, name: str, method: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
        async def timed(*args: Any, **kwargs: Any) -> Any:
            if self._depth:
                return await method(*args, **kwargs)
            self._depth += 1
            statements = self.probe.statements
            started = time.perf_counter()
            try:
                return await method(*args, **kwargs)
            finally:
                self._depth -= 1
                call = self.calls[name]
                call.calls += 1
                call.seconds += time.perf_counter() - started
                call.statements += self.probe.statements - statements

        return timed


@contextlib.contextmanager
def timed_match(seconds: list[float]) -> Iterator[None]:
    """``service.match`` timed (it runs in a worker thread inside run_matching)."""
    original = service.match

    def timed(youngs: Sequence[Young], mentors: Sequence[Mentor]) -> list[Proposal]:
        started = time.perf_counter()
        try:
            return original(youngs, mentors)
        finally:
            seconds.append(time.perf_counter() - started)

    service.match = timed
    try:
        yield
    finally:
        service.match = original


@dataclass
class Step:
    label: str
    seconds: float  # the service call + commit
    commit: float
    statements: int
    commits: int
    memory: MemoryStats
    calls: dict[str, Call]
    match_seconds: float | None = None
    lag: str = ""
    lock_held: float = float("nan")  # first write → COMMIT (s): on SQLite the database's write lock
    note: str = ""


async def run_step(
    label: str,
    sessionmaker: async_sessionmaker[AsyncSession],
    engine: AsyncEngine,
    call: Callable[[Repos], Awaitable[T]],
    *,
    trace: bool = False,
    commit: bool = True,
    writer: Writer | None = None,
) -> tuple[Step, T]:
    """``call`` in a fresh session (+ commit), measured; ``writer``: other sessions write meanwhile
    (through their own engine, so the probe does not count them)."""
    match_times: list[float] = []
    async with MemoryMonitor(trace=trace) as monitor:
        with SqlProbe(engine) as probe, timed_match(match_times):
            async with sessionmaker() as session, LoopLag() as lag:
                repos = Repos(session)
                repo = TimedMentoringRepo(session, probe)
                repos.mentoring = repo
                if writer is not None:
                    writer.start()
                started = time.perf_counter()
                result = await call(repos)
                called = time.perf_counter()
                if commit:
                    await repos.commit()
                done = time.perf_counter()
                if writer is not None:
                    await writer.stop()
    assert monitor.stats is not None
    step = Step(
        label,
        done - started,
        done - called,
        probe.statements,
        probe.commits,
        monitor.stats,
        dict(repo.calls),
        sum(match_times) if match_times else None,
        lag.summary(),
        max(probe.write_holds) if probe.write_holds else float("nan"),
    )
    return step, result


def _mem(stats: MemoryStats) -> str:
    traced = f"; tracemalloc peak {mib(stats.traced_peak)}" if stats.traced_peak is not None else ""
    return f"RSS +{mib(stats.rss_delta)} (peak {mib(stats.rss_peak)}){traced}"


def step_tables(steps: Sequence[Step]) -> list[str]:
    cells = [
        (
            s.label,
            f"{s.seconds:.2f}",
            f"{s.commit:.2f}",
            "—" if s.lock_held != s.lock_held else f"{s.lock_held:.2f}",
            str(s.statements),
            str(s.commits),
            f"+{mib(s.memory.rss_delta)}",
            mib(s.memory.traced_peak) if s.memory.traced_peak is not None else "off",
            s.note,
        )
        for s in steps
    ]
    lines = [
        table(
            (
                "step",
                "s",
                "of which commit s",
                "1st write → commit s",
                "SQL",
                "commits",
                "RSS peak − before",
                "tracemalloc peak",
                "note",
            ),
            cells,
        ),
        "",
    ]
    breakdown: list[tuple[str, ...]] = []
    for s in steps:
        if not s.calls:
            continue
        rows: list[tuple[str, str, float, str, str]] = [
            (name, str(c.calls), c.seconds, f"{c.seconds / c.calls * 1000:.2f}", str(c.statements))
            for name, c in s.calls.items()
        ]
        if s.match_seconds is not None:
            rows.append(("match (bot.domain, in a worker thread)", "1", s.match_seconds, "", "0"))
        rows.append(("commit", "1", s.commit, "", ""))
        rest = s.seconds - sum(r[2] for r in rows)
        rows.sort(key=lambda r: -r[2])
        rows.append(("the rest (the service's own Python between the calls)", "", rest, "", ""))
        for n, (name, calls, seconds, per, statements) in enumerate(rows):
            breakdown.append((s.label if n == 0 else "", name, calls, f"{seconds:.3f}", per, statements, ""))
    if breakdown:
        lines.append(
            table(("step", "repository method", "calls", "s", "ms per call", "SQL", ""), breakdown, left=2)
        )
    return lines


async def db_checks(session: AsyncSession, seeded: Seeded) -> dict[str, int]:
    holding = ("active", "paused")
    load = (
        select(MentorPair.mentor_id, func.count().label("n"))
        .where(MentorPair.status.in_(holding))
        .group_by(MentorPair.mentor_id)
        .subquery()
    )
    over = await session.scalar(
        select(func.count())
        .select_from(load)
        .join(MentorProfile, MentorProfile.user_id == load.c.mentor_id)
        .where(load.c.n > MentorProfile.capacity)
    )
    twice = await session.scalar(
        select(func.count()).select_from(
            select(MentorPair.mentee_id)
            .where(MentorPair.status.in_(holding))
            .group_by(MentorPair.mentee_id)
            .having(func.count() > 1)
            .subquery()
        )
    )
    mentor, mentee = User.__table__.alias("mentor"), User.__table__.alias("mentee")
    cross = await session.scalar(
        select(func.count())
        .select_from(MentorPair)
        .join(mentor, mentor.c.id == MentorPair.mentor_id)
        .join(mentee, mentee.c.id == MentorPair.mentee_id)
        .where(MentorPair.status != "cancelled", mentor.c.municipality_id != mentee.c.municipality_id)
    )
    new_pairs = await session.scalar(
        select(func.count())
        .select_from(MentorPair)
        .where(MentorPair.status.in_(holding), MentorPair.mentee_id <= seeded.unpaired)
    )
    return {
        "over": int(over or 0),
        "twice": int(twice or 0),
        "cross": int(cross or 0),
        "new_pairs": int(new_pairs or 0),
    }


async def bench_db(
    label: str, url: str, youngs_n: int, mentors_n: int, others_n: int, report_runs: int, seed_value: int
) -> tuple[list[str], list[str]]:
    """Part 2 on one backend: (output lines, PROBLEM lines)."""
    engine = create_engine(url)
    other_engine = create_engine(url)  # for the other sessions' writes: not counted by the probe
    writers = create_sessionmaker(other_engine)
    lines: list[str] = []
    problems: list[str] = []
    now = datetime.now(UTC).replace(microsecond=0)
    today, year = now.date(), now.year
    try:
        t0 = time.perf_counter()
        await upgrade(engine)
        sessionmaker = create_sessionmaker(engine)
        migrate = time.perf_counter() - t0
        seeded = await seed(sessionmaker, youngs_n, mentors_n, others_n, seed_value, now)
        analyze = ""
        if engine.dialect.name == "postgresql":
            async with engine.begin() as conn:
                t1 = time.perf_counter()
                await conn.execute(text("ANALYZE"))
            analyze = f"; ANALYZE {time.perf_counter() - t1:.1f} s"
        total_users = seeded.unpaired + seeded.paired + seeded.mentors + seeded.others
        lines.append(
            f"{label}: migrate {migrate:.1f} s; seeded {total_users} users in "
            f"{seeded.generate_seconds + seeded.insert_seconds:.1f} s "
            f"(generating {seeded.generate_seconds:.1f} s, "
            f"bulk inserts + commit {seeded.insert_seconds:.1f} s){analyze}"
        )
        lines.append(
            f"  {seeded.unpaired} unpaired young specialists ({seeded.requests} with a request, "
            f"{seeded.cancelled} with an earlier cancelled proposal), {seeded.mentors} mentors "
            f"(capacity {sum(seeded.capacity.values())}, {seeded.free_slots} free slots), "
            f"{seeded.paired} young specialists already in active/paused pairs ({seeded.meetings} meetings), "
            f"{seeded.others} other teachers ({seeded.others_near} just outside the young-specialist rule)"
        )
        lines.append(
            "  unpaired by municipality: "
            + ", ".join(f"{code} {n}" for code, n in seeded.per_muni.most_common())
            + f"; at most {seeded.expected} can be paired (Σ min(young specialists, free slots))"
        )
        steps: list[Step] = []

        async def matching(repos: Repos) -> service.MatchRun:
            return await service.run_matching(repos, None, year)

        first, run = await run_step("run_matching + commit", sessionmaker, engine, matching)
        first.note = f"{len(run.proposals)} proposed, {len(run.unmatched)} unmatched"
        steps.append(first)
        lag_line = f"  event loop during run_matching (a 10 ms sleep overshooting): {first.lag}"
        scores = sum(p.score or 0.0 for p in run.proposals)
        writer = Writer(writers)
        again, rerun = await run_step(
            "run_matching again + commit", sessionmaker, engine, matching, writer=writer
        )
        again.note = f"replaces the {len(run.proposals)} proposals; {len(rerun.proposals)} proposed"
        steps.append(again)
        writer_lines = [f"  during run_matching again: {writer.summary()}"]
        traced, retraced = await run_step(
            "run_matching again, tracemalloc on", sessionmaker, engine, matching, trace=True
        )
        traced.note = f"for its memory only (tracing slows it); {len(retraced.proposals)} proposed"
        traced.calls = {}
        steps.append(traced)

        async def confirming(repos: Repos) -> list[MentorPair]:
            return await service.confirm_all(repos, None, now, today)

        writer = Writer(writers)
        confirm_step, confirmed = await run_step(
            "confirm_all + commit", sessionmaker, engine, confirming, writer=writer
        )
        confirm_step.note = f"{len(confirmed)} pairs activated"
        steps.append(confirm_step)
        writer_lines.append(f"  during confirm_all: {writer.summary()}")

        async def reporting(repos: Repos) -> service.Report:
            return await service.report(repos, None, now, today)

        report_times: list[float] = []
        region: service.Report | None = None
        report_step: Step | None = None
        for _n in range(report_runs):
            step, region = await run_step("report(region)", sessionmaker, engine, reporting, commit=False)
            report_times.append(step.seconds)
            if report_step is None:
                report_step = step
                steps.append(step)
        traced_report, _r = await run_step(
            "report(region), tracemalloc on", sessionmaker, engine, reporting, trace=True, commit=False
        )
        traced_report.calls = {}
        steps.append(traced_report)
        assert region is not None and report_step is not None
        report_step.note = (
            f"first of {report_runs}: median {statistics.median(report_times):.2f} s, "
            f"min {min(report_times):.2f} s; "
            f"{region.youngs} young specialists, {region.covered} covered ({region.coverage} %), "
            f"{len(region.pairs)} pairs, {len(region.at_risk)} at risk, {len(region.mentors)} mentors, "
            f"{region.proposed} proposed"
        )
        lines.append("")
        lines += step_tables(steps)
        lines.append(lag_line)
        lines += writer_lines
        lines.append("  memory: " + "; ".join(f"{s.label}: {_mem(s.memory)}" for s in steps))
        lines.append(
            f"  proposals' total score {scores:.1f} ({scores / max(1, len(run.proposals)):.2f} per pair)"
        )

        async with sessionmaker() as session:
            found = await db_checks(session, seeded)
        expected_pairs = seeded.paired + len(confirmed)
        for ok, message in (
            (
                len(run.proposals) == seeded.expected,
                f"run_matching proposed {len(run.proposals)}, {seeded.expected} could be paired",
            ),
            (
                len(run.unmatched) == seeded.unpaired - seeded.expected,
                f"{len(run.unmatched)} unmatched, expected {seeded.unpaired - seeded.expected}",
            ),
            (
                len(rerun.proposals) == len(run.proposals),
                f"the second run proposed {len(rerun.proposals)}, the first {len(run.proposals)}",
            ),
            (
                len(confirmed) == len(retraced.proposals),
                f"confirm_all activated {len(confirmed)} of {len(retraced.proposals)} proposals",
            ),
            (found["over"] == 0, f"{found['over']} mentors above their capacity"),
            (found["twice"] == 0, f"{found['twice']} young specialists in two active/paused pairs"),
            (found["cross"] == 0, f"{found['cross']} pairs across municipalities"),
            (
                found["new_pairs"] == len(confirmed),
                f"{found['new_pairs']} active/paused pairs of the unpaired young specialists, "
                f"{len(confirmed)} confirmed",
            ),
            (
                region.youngs == seeded.unpaired + seeded.paired,
                f"report counts {region.youngs} young specialists, seeded {seeded.unpaired + seeded.paired}",
            ),
            (
                region.covered == expected_pairs,
                f"report: {region.covered} covered, expected {expected_pairs}",
            ),
            (
                len(region.pairs) == expected_pairs,
                f"report: {len(region.pairs)} pairs, expected {expected_pairs}",
            ),
            (
                len(region.mentors) == seeded.mentors,
                f"report: {len(region.mentors)} mentors, seeded {seeded.mentors}",
            ),
            (region.proposed == 0, f"report: {region.proposed} proposals left after confirm_all"),
        ):
            if not ok:
                problems.append(f"PROBLEM {label}: {message}")
        return lines, problems
    finally:
        await other_engine.dispose()
        await engine.dispose()


# ---------------------------------------------------------------------------- running


async def main_async(args: argparse.Namespace) -> int:
    quiet_logging()
    parts = set(args.only or ("pure", "db"))
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    say(
        f"Mentoring benchmark — Python {platform.python_version()}, numpy {np.__version__}, {cpus} CPUs; "
        f"logging at WARNING; times are wall-clock (time.perf_counter)."
    )
    overall = time.perf_counter()
    problems: list[str] = []
    with capture_errors() as errors, tempfile.TemporaryDirectory(prefix="metodist-bench-mentoring-") as tmp:
        if "pure" in parts:
            demo = demo_areas()
            distributions = [
                Distribution(f"(a) demo region, {len(demo)} municipalities", demo, args.runs),
                Distribution("(b) 60 equal municipalities", equal_areas(60, 4), args.runs),
                Distribution("(c) everybody in ONE municipality", one_area(demo), args.worst_runs),
            ]
            say(
                f"\n1. Pure matching — bot.domain.mentoring.match, {args.youngs} young specialists × "
                f"{args.mentors} mentors (capacity 1–3, load 0..capacity), seed {args.seed}\n"
            )
            results = []
            for dist in distributions:
                result = await bench_pure(dist, args.youngs, args.mentors, args.seed)
                results.append(result)
                problems += result.problems
            for line in pure_tables(results):
                say(line)
            say()
            for r in results:
                say(
                    f"{r.label.split(' ', 1)[0]}: the traced run (tracemalloc on) took "
                    f"{r.traced_seconds:.2f} s; "
                    f"independent optimum (linear_sum_assignment, dense) {r.best.matched} pairs / "
                    f"{r.best.total:.1f} in {r.best.seconds:.2f} s; ru_maxrss after the timed runs "
                    f"{mib(r.rss.maxrss_after)}"
                )
                say(f"     event loop while match ran in a worker thread: {r.lag.summary()}")
            for p in (p for r in results for p in r.problems):
                say(p)
        if "db" in parts:
            backends = [("SQLite", f"sqlite+aiosqlite:///{Path(tmp) / 'mentoring.db'}")]
            if args.postgres:
                backends.append(("PostgreSQL", args.postgres))
            for label, url in backends:
                say(
                    f"\n2. End to end — {label}: {args.youngs} unpaired young specialists, "
                    f"{args.mentors} mentors, "
                    f"{args.others} other teachers; fresh database\n"
                )
                if label == "PostgreSQL":
                    await reset_postgres(url)
                lines, found = await bench_db(
                    label, url, args.youngs, args.mentors, args.others, args.report_runs, args.seed
                )
                for line in lines:
                    say(line)
                for p in found:
                    say(p)
                problems += found
    say(
        f"\nTotal wall time {time.perf_counter() - overall:.0f} s; process peak RSS (ru_maxrss) "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )
    if errors.records:
        problems.append(f"{len(errors.records)} errors logged:")
        problems += [f"  {line}" for line in errors.records[:5]]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--youngs", type=int, default=5000, help="young specialists to match (default 5000)")
    parser.add_argument("--mentors", type=int, default=3000, help="mentors (default 3000)")
    parser.add_argument(
        "--runs", type=int, default=5, help="timed runs of the pure matching for (a) and (b) (default 5)"
    )
    parser.add_argument(
        "--worst-runs", type=int, default=1, help="timed runs for (c), one municipality (default 1)"
    )
    parser.add_argument(
        "--others", type=int, default=4000, help="ordinary teachers besides them in part 2 (default 4000)"
    )
    parser.add_argument(
        "--report-runs", type=int, default=3, help="runs of service.report in part 2 (default 3)"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="also run part 2 on PostgreSQL, e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test "
        "(DROPS and recreates schema public there)",
    )
    parser.add_argument(
        "--only", action="append", choices=("pure", "db"), help="run only this part (repeatable)"
    )


def main(args: argparse.Namespace) -> int:
    for name in ("youngs", "mentors", "runs", "worst_runs", "report_runs"):
        if getattr(args, name) < 1:
            raise SystemExit(f"--{name.replace('_', '-')} must be at least 1")
    if args.others < 0:
        raise SystemExit("--others must be at least 0")
    return asyncio.run(main_async(args))

"""Part 1: the pure matching on synthetic people, its quality against the optimum, and its tables."""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks.mentoring.people import (
    Distribution,
    Optimum,
    by_municipality,
    check,
    generate,
    greedy,
    most_matchable,
    optimum,
)
from benchmarks.report import (
    LoopLag,
    MemoryMonitor,
    MemoryStats,
    mib,
    table,
)
from bot.domain.mentoring import (
    Proposal,
    Reason,
    Young,
    match,
    total_score,
)

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

"""Part 2, timing: the service's steps (run_matching, confirm_all, report) on the seeded database."""

from __future__ import annotations

import contextlib
import statistics
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from benchmarks.harness import SqlProbe
from benchmarks.mentoring.people import T
from benchmarks.mentoring.seeding import Seeded, seed
from benchmarks.report import (
    LoopLag,
    MemoryMonitor,
    MemoryStats,
    mib,
    table,
)
from benchmarks.routes.sweep import Writer
from bot.domain.mentoring import (
    Mentor,
    Proposal,
    Young,
)
from bot.services import mentoring as service
from bot.services.mentoring import pairs as matching_rules
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade
from storage.models import (
    MentorPair,
    MentorProfile,
    User,
)
from storage.repositories import Repos
from storage.repositories.mentoring import MentoringRepo

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
    """``match`` timed (it runs in a worker thread inside run_matching, in services/mentoring/pairs)."""
    original = matching_rules.match

    def timed(youngs: Sequence[Young], mentors: Sequence[Mentor]) -> list[Proposal]:
        started = time.perf_counter()
        try:
            return original(youngs, mentors)
        finally:
            seconds.append(time.perf_counter() - started)

    matching_rules.match = timed
    try:
        yield
    finally:
        matching_rules.match = original


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

"""Part 3: the reminder sweep over the seeded routes — timed repository calls, memory, the nudges."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from benchmarks.harness import SqlProbe
from benchmarks.report import MemoryMonitor, MemoryStats, mib, percentile, table
from benchmarks.routes.setup import DEFAULT_TZ, NOW, OPEN_ROUTES, Row
from benchmarks.routes.sweep_seed import Seeded, seed_sweep
from bot.config import Settings
from bot.domain.time import is_quiet
from bot.services import routes as service
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade
from storage.models import (
    RouteReminder,
    User,
)
from storage.repositories import Repos
from storage.repositories.routes import DueRow, RouteRepo


class TimedRouteRepo(RouteRepo):
    """The real repository, with the time and rows of each sweep query added up."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self.pages = 0
        self.rows = 0
        self.routes = 0
        self.claims = 0
        self.seconds: defaultdict[str, float] = defaultdict(float)

    async def due_rows(
        self, *, horizon: date, nudged_before: datetime, after_route_id: int, limit: int
    ) -> list[DueRow]:
        t0 = time.perf_counter()
        rows = await super().due_rows(
            horizon=horizon, nudged_before=nudged_before, after_route_id=after_route_id, limit=limit
        )
        self.seconds["due_rows"] += time.perf_counter() - t0
        self.pages += 1
        self.rows += len(rows)
        self.routes += len({r.route_id for r in rows})
        return rows

    async def reminded(self, route_ids: Any, *, fresh_after: datetime) -> set[tuple[int, str]]:
        t0 = time.perf_counter()
        found = await super().reminded(route_ids, fresh_after=fresh_after)
        self.seconds["reminded"] += time.perf_counter() - t0
        return found

    async def claim(
        self, items: Sequence[tuple[int, int, str]], now: datetime, *, stale_before: datetime
    ) -> dict[tuple[int, str], int]:
        t0 = time.perf_counter()
        ids = await super().claim(items, now, stale_before=stale_before)
        self.seconds["claim"] += time.perf_counter() - t0
        self.claims += len(items)
        return ids


@dataclass
class Sweep:
    nudges: list[service.Nudge]
    seconds: float  # claim_reminders
    commit: float
    statements: int
    write_hold: float  # first write → COMMIT/ROLLBACK (s); NaN when nothing was written
    repo: TimedRouteRepo
    memory: MemoryStats


class Writer:
    """A bot update's write meanwhile: one row UPDATE + COMMIT in its own session every 50 ms."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self.sessionmaker = sessionmaker
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while not self._stop.is_set():
            t0 = time.perf_counter()
            try:
                async with self.sessionmaker() as session:
                    await session.execute(update(User).where(User.id == 1).values(locale="ru"))
                    await session.commit()
            except Exception as exc:  # "database is locked" after busy_timeout
                self.errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
            self.latencies.append(time.perf_counter() - t0)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), 0.05)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task

    def summary(self) -> str:
        slow = sum(1 for x in self.latencies if x >= 1)
        errors = f"; {len(self.errors)} failed ({self.errors[0]})" if self.errors else ""
        return (
            f"{len(self.latencies)} one-row writes + COMMIT from other sessions meanwhile: p50 "
            f"{percentile(self.latencies, 50) * 1e3:.1f} ms, max {percentile(self.latencies, 100):.2f} s, "
            f"{slow} took ≥ 1 s{errors}"
        )


async def run_sweep(
    sessionmaker: async_sessionmaker[AsyncSession],
    engine: AsyncEngine,
    *,
    keep: bool,
    trace: bool = False,
    writer: Writer | None = None,
) -> Sweep:
    async with MemoryMonitor(trace=trace) as monitor:
        with SqlProbe(engine) as probe:
            async with sessionmaker() as session:
                repos = Repos(session)
                repo = repos.routes = TimedRouteRepo(session)
                if writer is not None:
                    writer.start()
                t0 = time.perf_counter()
                nudges = await service.claim_reminders(repos, NOW, DEFAULT_TZ)
                t1 = time.perf_counter()
                await repos.commit()  # the sweep commits page by page; this one is empty
                t2 = time.perf_counter()
                if writer is not None:
                    await writer.stop()
                if not keep:
                    # Undo the claims (the sweep committed them page by page), as if it never ran.
                    await session.execute(delete(RouteReminder).where(RouteReminder.claimed_at == NOW))
                    await session.commit()
    assert monitor.stats is not None
    hold = max(probe.write_holds) if probe.write_holds else float("nan")
    statements = probe.statements - (len(writer.latencies) if writer is not None else 0)
    return Sweep(nudges, t1 - t0, t2 - t1, statements, hold, repo, monitor.stats)


def check_nudges(nudges: Sequence[service.Nudge], seeded: Seeded) -> list[str]:
    got = {n.route_id: frozenset((i.step_id, i.due.value) for i in n.items) for n in nudges}
    problems = []
    if len(got) != len(nudges):
        problems.append(f"{len(nudges) - len(got)} routes nudged twice in one sweep")
    missing = set(seeded.expected) - set(got)
    extra = set(got) - set(seeded.expected)
    wrong = [r for r in set(got) & set(seeded.expected) if got[r] != seeded.expected[r]]
    if missing or extra or wrong:
        last = max(got, default=0)
        beyond = sum(1 for r in missing if r > last)
        problems.append(
            f"nudges differ from the seeded data: {len(missing)} missing (e.g. {sorted(missing)[:3]}), "
            f"{len(extra)} unexpected (e.g. {sorted(extra)[:3]}), {len(wrong)} with other steps"
            + (
                f"; no route after id {last} was nudged, {beyond} of the missing are beyond it"
                if missing
                else ""
            )
        )
    for n in nudges:
        if len(n.reminder_ids) != len(n.items) or any(i is None for i in n.reminder_ids):
            problems.append(f"route {n.route_id}: {len(n.reminder_ids)} claims for {len(n.items)} steps")
            break
    return problems


def _mem(stats: MemoryStats) -> str:
    traced = f", tracemalloc peak {mib(stats.traced_peak)}" if stats.traced_peak is not None else ""
    rss = f"RSS +{mib(stats.rss_delta)} (peak {mib(stats.rss_peak)})"
    return f"{rss}, ru_maxrss +{mib(stats.maxrss_delta)}{traced}"


async def bench_sweep(
    label: str, url: str, routes: int, seed: int, *, trace: bool, unreachable: float
) -> tuple[list[str], list[Row], list[str]]:
    """Part 3 on one backend: (figures table lines, timing rows, notes)."""
    engine = create_engine(url)
    notes: list[str] = []
    problems: list[str] = []
    try:
        t0 = time.perf_counter()
        await upgrade(engine)
        sessionmaker = create_sessionmaker(engine)
        migrate = time.perf_counter() - t0
        seeded = await seed_sweep(sessionmaker, routes, seed, unreachable=unreachable)
        analyze = ""
        if engine.dialect.name == "postgresql":
            async with engine.begin() as conn:
                t1 = time.perf_counter()
                await conn.execute(text("ANALYZE"))
            analyze = f"; ANALYZE {time.perf_counter() - t1:.1f} s"
        open_routes = sum(n for s, n in seeded.statuses.items() if s in OPEN_ROUTES)
        kinds = ", ".join(f"{n} {k}" for k, n in seeded.reminders.most_common())
        share = seeded.due_routes / max(1, open_routes)
        notes.append(
            f"{label}: migrate {migrate:.1f} s; seeded {seeded.routes} teachers + routes, "
            f"{seeded.steps} steps, {sum(seeded.reminders.values())} earlier reminders ({kinds}) in "
            f"{seeded.generate_seconds + seeded.insert_seconds:.1f} s (generating "
            f"{seeded.generate_seconds:.1f} s, bulk inserts + commit {seeded.insert_seconds:.1f} s){analyze}"
        )
        notes.append(
            "  routes: "
            + ", ".join(f"{n} {s}" for s, n in seeded.statuses.most_common())
            + f"; teachers by zone: {', '.join(f'{z} {n}' for z, n in seeded.zones.most_common())}; "
            f"{seeded.unreachable} teachers marked unreachable (blocked the bot)"
        )
        notes.append(
            f"  {seeded.due_routes} of {open_routes} open routes ({share:.1%}; "
            f"{seeded.due_routes / seeded.routes:.1%} of all) have a step due at {NOW:%d.%m.%Y %H:%M} UTC; "
            f"{seeded.due_ignored} drafts would have one (ignored); the sweep's query should return "
            f"{seeded.examined} routes, {len(seeded.expected)} nudges expected"
        )

        figures: list[tuple[str, ...]] = []
        if trace:
            traced = await run_sweep(sessionmaker, engine, keep=False, trace=True)
            problems += check_nudges(traced.nudges, seeded)
            figures.append(
                (
                    "sweep, tracemalloc on, claims undone after",
                    f"{traced.seconds:.2f}",
                    str(len(traced.nudges)),
                    str(traced.statements),
                    _mem(traced.memory),
                )
            )
        writer = Writer(sessionmaker)
        crowded = await run_sweep(sessionmaker, engine, keep=False, writer=writer)
        figures.append(
            (
                "sweep + other sessions writing, claims undone after",
                f"{crowded.seconds + crowded.commit:.2f}",
                str(len(crowded.nudges)),
                str(crowded.statements),
                _mem(crowded.memory),
            )
        )
        first = await run_sweep(sessionmaker, engine, keep=True)
        problems += check_nudges(first.nudges, seeded)
        items = sum(len(n.items) for n in first.nudges)
        per = first.repo.seconds
        rest = first.seconds - sum(per.values())
        each = per["claim"] / max(1, first.repo.claims)
        figures.append(
            (
                "sweep: claim_reminders + commit",
                f"{first.seconds + first.commit:.2f}",
                str(len(first.nudges)),
                str(first.statements),
                _mem(first.memory),
            )
        )
        async with sessionmaker() as session:
            claimed = await session.scalar(
                select(func.count()).select_from(RouteReminder).where(RouteReminder.claimed_at == NOW)
            )
        if claimed != items:
            problems.append(f"{claimed} claims stored, {items} expected")
        by_zone = Counter(seeded.zone[n.route_id] for n in first.nudges)
        examined_by_zone = Counter(seeded.zone.values())
        notes.append(
            f"  sweep: {first.repo.routes} routes examined (expected {seeded.examined}) in "
            f"{first.repo.pages} page(s) of "
            f"≤{service.SWEEP_PAGE} ({first.repo.rows} step rows), {len(first.nudges)} nudges about "
            f"{items} steps; "
            f"nudged / examined by zone: "
            + ", ".join(
                f"{z} {by_zone.get(z, 0)}/{n}" + (" (night there)" if is_quiet(NOW, z) else "")
                for z, n in examined_by_zone.most_common()
            )
        )
        notes.append(
            f"  sweep time: due_rows {per['due_rows']:.2f} s, reminded {per['reminded']:.2f} s, claim "
            f"{per['claim']:.2f} s ({first.repo.claims} calls, {each * 1e3:.2f} ms each), plan + rest "
            f"{rest:.2f} s, commit {first.commit:.2f} s; "
            + (
                f"write transaction open {first.write_hold:.2f} s (first write → COMMIT"
                + (
                    ": SQLite's single write lock — every bot update that writes waits, busy_timeout 15 s)"
                    if engine.dialect.name == "sqlite"
                    else ")"
                )
                if first.write_hold == first.write_hold
                else "nothing written"
            )
        )

        notes.append(f"  while a sweep ran (claims undone after): {writer.summary()}")
        rate = float(Settings.model_fields["broadcast_rate"].default)  # the outbox's pace by default
        pace = len(first.nudges) / rate
        notes.append(
            f"  the job sends these {len(first.nudges)} nudges at the outbox's pace {rate:g}/s: "
            f"≥ {pace / 60:.1f} min after the sweep (it runs every 10 min; an unsent claim counts as lost "
            f"after CLAIM_TIMEOUT = {service.CLAIM_TIMEOUT.total_seconds() / 60:.0f} min)"
        )

        # Mark every nudge sent, as the job does after each message (here in batches of 100).
        batch = 100
        batches: list[float] = []
        with SqlProbe(engine) as probe:
            t0 = time.perf_counter()
            for start in range(0, len(first.nudges), batch):
                b0 = time.perf_counter()
                async with sessionmaker() as session:
                    repos = Repos(session)
                    for nudge in first.nudges[start : start + batch]:
                        await repos.routes.reminders_sent(nudge.route_id, nudge.reminder_ids, NOW)
                    await repos.commit()
                batches.append(time.perf_counter() - b0)
            marking = time.perf_counter() - t0
        figures.append(
            (
                f"reminders_sent × {len(first.nudges)} (commit per {batch})",
                f"{marking:.2f}",
                f"{len(first.nudges) / marking:.0f}/s" if marking > 0 else "n/a",
                str(probe.statements),
                "",
            )
        )
        async with sessionmaker() as session:
            sent = await session.scalar(
                select(func.count()).select_from(RouteReminder).where(RouteReminder.sent_at == NOW)
            )
        if sent != items:
            problems.append(f"{sent} reminders marked sent, {items} expected")

        second = await run_sweep(sessionmaker, engine, keep=True)
        figures.append(
            (
                "sweep again at the same now",
                f"{second.seconds + second.commit:.2f}",
                str(len(second.nudges)),
                str(second.statements),
                _mem(second.memory),
            )
        )
        if second.nudges:
            problems.append(f"the second sweep claimed {len(second.nudges)} nudges (must be 0)")
        notes.append(
            f"  second sweep: {second.repo.routes} routes still examined ({second.repo.pages} page(s), "
            f"{second.repo.rows} step rows: reminded already, or night in their zone), due_rows "
            f"{second.repo.seconds['due_rows']:.2f} s, reminded {second.repo.seconds['reminded']:.2f} s"
        )

        rows: list[Row] = []
        if seeded.methodist_id is not None:
            seconds: list[float] = []
            statements = 0
            listed = 0
            with SqlProbe(engine) as probe:
                for _run in range(20):
                    async with sessionmaker() as session:
                        repos = Repos(session)
                        methodist = await repos.users.by_id(seeded.methodist_id)
                        assert methodist is not None
                        t0 = time.perf_counter()
                        listed = len(await service.methodist_teachers(repos, methodist, NOW, DEFAULT_TZ))
                        seconds.append(time.perf_counter() - t0)
                statements = probe.statements // 20
            rows.append(
                Row(
                    f"{label}: methodist_teachers ({listed} teachers)",
                    seconds,
                    f"fresh session each, ~{statements} SQL statements per run (incl. loading the methodist)",
                )
            )
            rows.append(
                Row(f"{label}: sweep, mark-sent batches of {batch}", batches, "reminders_sent × 100 + COMMIT")
            )
        header = ("run", "wall s", "nudges", "SQL stmts", "memory")
        lines = [f"{label}:", table(header, figures)]
        notes += [f"PROBLEM: {p}" for p in dict.fromkeys(problems)]
        return lines, rows, notes
    finally:
        await engine.dispose()

"""The indicators report and its XLSX for a synthetic region: time and peak memory.

All times are wall-clock (time.perf_counter).  The benchmark's "now" is fixed: 16.03.2026 09:00 UTC
(12:00 in Moscow, the zone of the staff member and of every demo municipality); the period is the
school year so far, 01.09.2025 – 16.03.2026 (``PeriodCode.ACADEMIC_YEAR``).

Seeding — a fresh SQLite database (``storage.migrate.upgrade``; the demo directory and the shipped
questionnaires and catalogue synced as ``App.startup`` does), filled with bulk ``insert()``
executemany in chunks *by a child process* (``--seed-only``), so the measuring process never held
the seeding data and its ``ru_maxrss`` is the report's own.  ``--teachers`` teachers (role
«teacher»; demo municipalities weighted as in the mentoring benchmark, 3 % without a directory
school), ~15 % young specialists, some just outside the rule, categories none / first / highest,
registered over the last two and a half years; 1 % more people gave consent but never finished the
profile (not counted).  ~65 % took the general questionnaire within the period (30 % of them twice;
12 % also the inclusive one; 2 % of attempts rated no area), results per area high / medium / low;
10 % have a diagnosis of the previous year, 4 % an unfinished attempt.  ~35 % have a route of 6
steps (forms course / community / consultation / …; draft, submitted, returned, approved, carried
out; period ends spread, 18 % already over; built on a diagnosis for most), 8 % an older route of
the previous year.  ~85 % of the young specialists have a mentoring pair (active, paused,
completed — some before the period —, proposed, cancelled) with an experienced teacher of their
municipality (role «mentor», a mentor profile).  A few hundred events (seminar, webinar, contest,
conference, round table, course; 12 % of the previous year, 15 % upcoming, some cancelled and
drafts), registrations for ~40 % (waiting list, cancelled, attended with feedback), a broadcast of
kind «event» per published event and «update» / «cancel» ones, outbox rows 'sent' to ~90 % (the
rest 'blocked' / 'failed'), weekly digests to 25 %, personal reminders (not informing).  Generated
teacher by teacher, the rows are then rewritten in the order the bot writes them (by time, ids
ascending with it; attempts and routes renumbered, references followed) and the file VACUUMed: the
physical order changes SQLite's costs here by a factor of 3–4 for single subqueries
(``--clustered`` leaves the per-teacher order, for comparison).  No ANALYZE: the bot runs none.

While seeding, what every indicator must come to is worked out from the generated facts
independently of ``bot.domain.indicators`` (the definitions of its docstring); the report is
checked against it (shares, counts, the deficit matrix) for the region, the largest municipality
and its largest school.

Measured (in the parent process): ``bot.services.indicators.build`` for the three scopes, ``--runs``
times each in a fresh session (best / median / worst), with ``bot.ui.indicators.summary_screen``
(the text), the SQL statements, the event loop's stalls meanwhile (the build runs in the loop; only
the SQL goes to aiosqlite's thread) and the garbage collections; where the region's build spends
its time (the two queries with their rows, the flags, the rest); both
charts as the handler draws them (``charts.draw`` of ``indicators_png`` / ``heatmap_png``; the first
call pays matplotlib's warm-up); ``indicators_xlsx`` by name and anonymised (in a thread, as the
handler runs it), then reopened with openpyxl read-only: sheet names, rows of «Педагоги» = teachers
counted, pseudonyms unique, «Сводка» = the report.  Memory: RSS sampled every 10 ms (psutil) over
all of that, tracemalloc peak of one extra build + XLSX (slower: tracing), ``ru_maxrss`` of the
process at the end.  Targets: report (build + text) < 2 s, XLSX (build + file) < 20 s, peak < 1 GiB.
``--profile`` adds cProfile of the region's build and XLSX, the big query once more on the bare
``sqlite3`` module (what SQLite itself needs) with its plan, and the build with the garbage collector
off.  ``--quick`` (3000 teachers) runs in well under a minute.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, text

from benchmarks.indicators.checks import Timing, build_once, compare, timing_table
from benchmarks.indicators.measuring import measure
from benchmarks.indicators.seeding import seed
from benchmarks.indicators.world import CODE, NOW, PERIOD, TZ
from benchmarks.report import capture_errors, cpu_count, mib, quiet_logging, say
from benchmarks.seed import reset_postgres
from bot.domain import indicators as domain
from bot.i18n import I18n
from bot.services import indicators as service
from bot.services.indicators import Report
from bot.ui.indicators_xlsx import indicators_xlsx
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade
from storage.models import (
    Base,
)
from storage.repositories import Repos

# ---------------------------------------------------------------------------- running


def run_seed_child(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "benchmarks",
        "indicators",
        "--seed-only",
        "--db",
        str(path),
        "--teachers",
        str(args.teachers),
        "--seed",
        str(args.seed),
        *(["--clustered"] if args.clustered else []),
    ]
    subprocess.run(command, check=True)
    seeded: dict[str, Any] = json.loads(Path(f"{path}.seed.json").read_text(encoding="utf-8"))
    return seeded


def seed_line(seeded: dict[str, Any]) -> str:
    rows = seeded["rows"]
    total = sum(rows.values())
    listed = ", ".join(f"{name} {count}" for name, count in rows.items())
    return (
        f"Seeding (not a target): {seeded['seconds']:.1f} s in a child process "
        f"(generating {seeded['generate_seconds']:.1f} s, "
        + (
            "rows left grouped per teacher (--clustered), "
            if seeded.get("clustered")
            else f"rewriting the rows in creation order + VACUUM {seeded.get('reorder_seconds', 0):.1f} s, "
        )
        + "the rest migrations, content and inserts), "
        f"{total} rows: {listed}; child's ru_maxrss {mib(seeded['maxrss'])}"
    )


COPY_CHUNK = 20_000


async def copy_to_postgres(path: Path, url: str) -> tuple[int, float]:
    """The seeded SQLite database, table by table, into PostgreSQL (schema «public» dropped and
    migrated afresh): the same rows, so both backends answer the same report."""
    started = time.perf_counter()
    await reset_postgres(url)
    source, target = create_engine(f"sqlite+aiosqlite:///{path}"), create_engine(url)
    copied = 0
    try:
        await upgrade(target)
        async with target.begin() as conn:
            for table in reversed(Base.metadata.sorted_tables):
                await conn.execute(table.delete())
        async with source.connect() as src, target.begin() as dst:
            for table in Base.metadata.sorted_tables:
                result = await src.stream(select(table))
                async for chunk in result.partitions(COPY_CHUNK):
                    await dst.execute(insert(table), [dict(row._mapping) for row in chunk])
                    copied += len(chunk)
        async with target.begin() as conn:
            await conn.execute(text("ANALYZE"))
    finally:
        await source.dispose()
        await target.dispose()
    return copied, time.perf_counter() - started


async def measure_postgres(url: str, seeded: dict[str, Any], runs: int) -> tuple[list[Timing], list[str]]:
    """The region's report and file on PostgreSQL, checked against the seeded tallies."""
    _ = I18n("ru").get("ru")
    key = domain.pseudonym_key("benchmark-secret")
    engine = create_engine(url)
    problems: list[str] = []
    try:
        sessionmaker = create_sessionmaker(engine)
        async with sessionmaker() as session:
            repos = Repos(session)
            region = await service.resolve_scope(repos.indicators, 0, 0)
            muni = await service.resolve_scope(repos.indicators, seeded["municipality_id"], 0)
        assert region is not None and muni is not None
        builds: dict[str, list[float]] = {"region": [], "municipality": []}
        report: Report | None = None
        for _run in range(runs):
            for label, scope in (("region", region), ("municipality", muni)):
                built, seconds, text_seconds, _summary = await build_once(sessionmaker, scope, _)
                builds[label].append(seconds + text_seconds)
                if label == "region":
                    report = built
        assert report is not None
        problems += compare(report, seeded["expected"]["region"], "PostgreSQL region")
        t = time.perf_counter()
        data = await asyncio.to_thread(indicators_xlsx, report, _, anonymised=False, key=key)
        xlsx_seconds = time.perf_counter() - t
        timings = [
            Timing(
                "PostgreSQL: report = build + text — region",
                builds["region"],
                f"{report.counts.teachers} teachers",
            ),
            Timing("PostgreSQL: report = build + text — municipality", builds["municipality"], ""),
            Timing(
                "PostgreSQL: indicators_xlsx — by name (region)",
                [xlsx_seconds],
                f"{len(data) / 2**20:.1f} MiB",
            ),
        ]
    finally:
        await engine.dispose()
    return timings, problems


def run(args: argparse.Namespace) -> int:
    quiet_logging()
    cpus = cpu_count()
    say(
        f"Indicators report benchmark — Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {cpus} CPUs; {args.teachers} teachers, seed {args.seed}; "
        f"now = {NOW:%d.%m.%Y %H:%M} UTC, period {PERIOD.first_day:%d.%m.%Y}–{PERIOD.last_day:%d.%m.%Y} "
        f"({CODE.value}, {TZ})"
    )
    overall = time.perf_counter()
    temp: str | None = None
    if args.db:
        path = Path(args.db).expanduser().resolve()
    else:
        temp = tempfile.mkdtemp(prefix="metodist-bench-indicators-")
        path = Path(temp) / "indicators.db"
    summary = Path(f"{path}.seed.json")
    reused = path.exists()
    try:
        if reused:
            if not summary.exists():
                raise SystemExit(
                    f"{path} exists but was not seeded by this benchmark ({summary.name} missing)"
                )
            seeded = json.loads(summary.read_text(encoding="utf-8"))
            say(
                f"Reusing {path} (seeded earlier: {seeded['teachers']} teachers, seed {seeded['seed']}); "
                f"--teachers and --seed ignored"
            )
        else:
            say(f"\nSeeding {path} …")
            seeded = run_seed_child(path, args)
        say(seed_line(seeded))
        size = path.stat().st_size
        with capture_errors() as errors:
            code = asyncio.run(measure(path, size, seeded, args))
            if args.postgres:
                say(f"\nPostgreSQL ({args.postgres}): copying the same rows …")
                copied, seconds = asyncio.run(copy_to_postgres(path, args.postgres))
                say(f"  {copied} rows copied in {seconds:.0f} s (not a target)")
                pg_timings, pg_problems = asyncio.run(measure_postgres(args.postgres, seeded, args.runs))
                say(timing_table(pg_timings))
                region_pg = statistics.median(pg_timings[0].values)
                verdict = "OK" if region_pg < 2 else "MISSED"
                say(f"PostgreSQL: report (build + text), region, median {region_pg:.2f} s (< 2 s: {verdict})")
                for problem in pg_problems:
                    say(f"PROBLEM: {problem}")
                if pg_problems:
                    code = 1
        if errors.records:
            print(f"PROBLEM: {len(errors.records)} errors logged: {errors.records[:3]}", file=sys.stderr)
            code = 1
    finally:
        if temp is not None and not args.keep:
            shutil.rmtree(temp, ignore_errors=True)
        elif not reused:
            say(f"\nThe database is kept: {path} (reuse it with --db {path})")
    say(f"\nTotal wall time {time.perf_counter() - overall:.0f} s")
    return code


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--teachers", type=int, default=None, help="teachers in the region (default 100000)")
    parser.add_argument("--quick", action="store_true", help="a quick check: 3000 teachers unless --teachers")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="SQLite file (default: a new temporary one); a file seeded earlier by this benchmark "
        "(PATH.seed.json beside it) is reused as it is",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary database (to reuse with --db)"
    )
    parser.add_argument("--runs", type=int, default=3, help="builds per scope, charts (default 3)")
    parser.add_argument("--xlsx-runs", type=int, default=1, help="files of each kind (default 1)")
    parser.add_argument(
        "--no-phases", dest="phases", action="store_false", help="skip the region's step-by-step build"
    )
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the region's build and XLSX; the query plan"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="also copy the region into PostgreSQL and time the report there, e.g. "
        "postgresql+asyncpg://postgres@127.0.0.1:5432/test (its schema public is DROPPED)",
    )
    parser.add_argument(
        "--clustered",
        action="store_true",
        help="leave the rows grouped teacher by teacher, as generated, instead of rewriting them in the "
        "order the bot writes them (by time); for comparison",
    )
    parser.add_argument("--seed-only", action="store_true", help=argparse.SUPPRESS)


def main(args: argparse.Namespace) -> int:
    if args.teachers is None:
        args.teachers = 3000 if args.quick else 100_000
    if args.teachers < 100:
        raise SystemExit("--teachers must be at least 100")
    if args.runs < 1 or args.xlsx_runs < 1:
        raise SystemExit("--runs and --xlsx-runs must be at least 1")
    if args.seed_only:
        quiet_logging()
        if not args.db:
            raise SystemExit("--seed-only needs --db")
        path = Path(args.db)
        if path.exists():
            raise SystemExit(f"{path} exists already")
        seeded = asyncio.run(seed(path, args.teachers, args.seed, clustered=args.clustered))
        Path(f"{path}.seed.json").write_text(json.dumps(seeded), encoding="utf-8")
        return 0
    return run(args)

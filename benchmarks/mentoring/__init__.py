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
import platform
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.mentoring.people import Distribution, demo_areas, equal_areas, one_area
from benchmarks.mentoring.pure import bench_pure, pure_tables
from benchmarks.mentoring.timing import bench_db
from benchmarks.report import (
    capture_errors,
    cpu_count,
    exit_code,
    mib,
    quiet_logging,
    say,
    say_total,
)
from benchmarks.seed import reset_postgres

# ---------------------------------------------------------------------------- running


async def main_async(args: argparse.Namespace) -> int:
    quiet_logging()
    parts = set(args.only or ("pure", "db"))
    cpus = cpu_count()
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
    say_total(overall)
    return exit_code(problems, errors)


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

"""Routes (ИОМ): building a proposal, the route screen, the step-reminder sweep at scale.

All times are wall-clock (time.perf_counter) in one process and one event loop.  The benchmark's
"now" is fixed: 17.11.2026 11:30 UTC = 14:30 in Moscow, 16:30 in Yekaterinburg and 21:30 in
Vladivostok — night there (quiet hours), so those teachers' reminders wait for the morning.

1. Proposal — (a) the pure ``bot.domain.routes.build_proposal`` on six areas of the general
   questionnaire with mixed high / medium / low deficits and the shipped catalogue
   (``bot/content/recommendations.yaml``), many repetitions; with it ``Catalogue.model_validate``
   of the stored catalogue body, which ``content.catalogue`` does on every call.  (b) The service
   ``routes.build`` end to end on SQLite for a registered teacher with a finished diagnosis, each
   repetition in its own session, commit included; the draft is deleted between repetitions.
2. Route screen — a stored route of 30 steps (done with evidence, dropped, overdue, in progress,
   planned; methodist's comments): (a) what a handler does in a fresh session: the user
   (UserMiddleware's query), the route with its steps and evidence, ``services.routes.view_of`` and
   ``bot.ui.routes.route_screen``; (b) ``route_screen`` alone from a loaded ``RouteView``; (c)
   ``step_screen`` for every step.  Every page and step card is checked against Telegram's limits
   (text ≤ 4096 characters, callback_data ≤ 64 bytes), also for a route filled to the input limits.
3. Reminder sweep — a fresh database seeded with bulk inserts: ``--routes`` teachers (municipalities
   of the demo directory, some moved to Asia/Yekaterinburg and Asia/Vladivostok), each with one route
   of 6 steps (mostly approved / submitted, some drafts and carried-out ones that must be ignored),
   step dates spread so that ~10–20 % of the routes have a step due (ending within 3 days or
   overdue), a few thousand earlier reminders (sent, failed, stale and fresh claims) and
   ``--unreachable`` teachers who blocked the bot.  Timed: ``routes.claim_reminders`` + commit (the
   sweep: keyset pages of ``due_rows``, ``reminded``, ``reminder_plan``, ``claim``), checked against
   the nudges expected from the seeded data; once with tracemalloc on and once while other sessions
   write a row every 50 ms (both claims undone after); marking every nudge sent (``reminders_sent``,
   committed in batches); the same sweep again (must claim nothing); ``methodist_teachers`` for a
   methodist with 85 teachers.  Then the real job
   ``bot.jobs.route_reminders`` on a small database of ``--job-routes`` due routes with a bot on
   ``tests.fakes.FakeSession`` (no HTTP): unpaced (``bot.jobs.REMINDER_RATE`` patched to 1e9) and,
   for ``--paced`` routes, at the designed pace.  ``--postgres URL`` repeats part 3 on PostgreSQL
   (the schema ``public`` there is DROPPED and recreated).
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import random
import tempfile
import time
from pathlib import Path

from benchmarks.harness import bench_settings
from benchmarks.report import capture_errors, cpu_count, exit_code, say, say_total
from benchmarks.report import quiet_logging as quiet
from benchmarks.routes.job import bench_job
from benchmarks.routes.proposal import bench_proposal
from benchmarks.routes.screen import bench_screen
from benchmarks.routes.setup import NOW, format_rows, load_content
from benchmarks.routes.sweep import bench_sweep
from benchmarks.seed import (
    prepare_content,
    reset_postgres,
)
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade

# ---------------------------------------------------------------------------- running


async def main_async(args: argparse.Namespace) -> int:
    quiet()
    parts = set(args.only or ("proposal", "screen", "sweep", "job"))
    cpus = cpu_count()
    say(
        f"Routes (ИОМ) benchmark — Python {platform.python_version()}, {cpus} CPUs; logging at WARNING; "
        f"times are wall-clock; now = {NOW:%d.%m.%Y %H:%M} UTC."
    )
    overall = time.perf_counter()
    problems: list[str] = []
    rng = random.Random(args.seed)
    with capture_errors() as errors, tempfile.TemporaryDirectory(prefix="metodist-bench-routes-") as tmp_name:
        tmp = Path(tmp_name)
        settings = bench_settings(tmp / "app.db", "http://127.0.0.1:9", throttle_burst=0)
        if parts & {"proposal", "screen"}:
            engine = create_engine(settings.database_url)
            try:
                await upgrade(engine)
                sessionmaker = create_sessionmaker(engine)
                questionnaire = await prepare_content(sessionmaker)
                _q, catalogue = load_content()
                if "proposal" in parts:
                    say(
                        f"\n1. Building a proposal — pure rule ×{args.pure_runs}; routes.build on SQLite "
                        f"×{args.runs} (fresh session each, draft deleted in between)\n"
                    )
                    rows, notes = await bench_proposal(
                        sessionmaker, engine, questionnaire, catalogue, args.runs, args.pure_runs, rng
                    )
                    say(format_rows(rows))
                    for note in notes:
                        say(note)
                if "screen" in parts:
                    say(f"\n2. The route screen for a route of 30 steps (SQLite), ×{args.runs}\n")
                    rows, notes = await bench_screen(
                        sessionmaker, engine, questionnaire, catalogue, settings, args.runs, rng
                    )
                    say(format_rows(rows))
                    for note in notes:
                        say(note)
            finally:
                await engine.dispose()
        if parts & {"sweep", "job"}:
            backends: list[tuple[str, str | None]] = [("SQLite", None)]
            if args.postgres:
                backends.append(("PostgreSQL", args.postgres))
            for label, url in backends:
                if "sweep" in parts:
                    say(
                        f"\n3. The reminder sweep — {label}: {args.routes} teachers with a route, fresh "
                        f"database, now = {NOW:%d.%m.%Y %H:%M} UTC\n"
                    )
                    if url:
                        await reset_postgres(url)
                    db_url = url or f"sqlite+aiosqlite:///{tmp / 'sweep.db'}"
                    lines, rows, notes = await bench_sweep(
                        label, db_url, args.routes, args.seed, trace=args.trace, unreachable=args.unreachable
                    )
                    for line in lines:
                        say(line)
                    say()
                    say(format_rows(rows))
                    for note in notes:
                        say(note)
                    problems += [n for n in notes if n.startswith("PROBLEM")]
                if "job" in parts:
                    say(f"\n3b. The job bot.jobs.route_reminders — {label}: {args.job_routes} due routes\n")
                    if url:
                        await reset_postgres(url)
                    lines = await bench_job(label, url, tmp, args.job_routes, args.paced, args.seed)
                    for line in lines:
                        say(line)
                    problems += [n for n in lines if n.startswith("PROBLEM")]
    say_total(overall)
    return exit_code(problems, errors)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--routes", type=int, default=50_000, help="teachers with a route for the sweep (default 50000)"
    )
    parser.add_argument(
        "--runs", type=int, default=30, help="runs of routes.build and of the route screen (default 30)"
    )
    parser.add_argument(
        "--pure-runs", type=int, default=5000, help="runs of the pure build_proposal (default 5000)"
    )
    parser.add_argument(
        "--job-routes", type=int, default=500, help="due routes for the real job, unpaced (default 500)"
    )
    parser.add_argument(
        "--paced",
        type=int,
        default=40,
        help="nudges sent by the job at its designed pace (default 40; 0: skip)",
    )
    parser.add_argument(
        "--no-trace",
        dest="trace",
        action="store_false",
        help="skip the extra sweep with tracemalloc on (claims undone after) that measures Python memory",
    )
    parser.add_argument(
        "--unreachable",
        type=float,
        default=0.01,
        help="share of the sweep's teachers marked unreachable, i.e. they blocked the bot (default 0.01)",
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="also run part 3 on PostgreSQL, e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test "
        "(DROPS and recreates schema public there)",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=("proposal", "screen", "sweep", "job"),
        help="run only this part (repeatable)",
    )


def main(args: argparse.Namespace) -> int:
    for name in ("routes", "runs", "pure_runs", "job_routes"):
        if getattr(args, name) < 1:
            raise SystemExit(f"--{name.replace('_', '-')} must be at least 1")
    if not 0 <= args.unreachable < 1:
        raise SystemExit("--unreachable must be in [0, 1)")
    if args.paced < 0 or args.paced > args.job_routes:
        raise SystemExit("--paced must be between 0 and --job-routes")
    return asyncio.run(main_async(args))

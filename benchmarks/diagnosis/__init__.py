"""Diagnosis: recording an answer, scoring and rendering the results, staff aggregates at scale.

1. Answers — the real app in-process: ``build_app`` with ``tests.fakes.FakeSession`` (no HTTP, no
   polling), each update handed to ``Dispatcher.feed_update`` and timed (middlewares, handler,
   commit, Bot API calls into the fake).  Teachers are registered through the services
   (consent + complete_registration), then open the general questionnaire through the menu and
   answer all 36 items by pressing the real buttons: first one teacher at a time (clean per-update
   server time; the fake Bot API's own share is measured and subtracted), then all of them at once
   (one event loop, as in production).  Then the DB part alone: ``service.answer`` in its own
   session + commit, with the surrounding lookups timed separately.
2. Results — ``service.finish`` (score + store), ``service.outcome``, the results text, the
   recommendations screen and ``charts.radar_png``, for first attempts (no previous outline) and
   second attempts (with it).
3. Staff — a fresh database (``storage.migrate.upgrade``) seeded by bulk inserts with N teachers
   × 2 finished attempts (36 answers and 6 results each); ``service.aggregate`` for the region /
   the largest municipality / one subject, ``repos.diagnosis.teacher_results`` + the XLSX the
   staff handler builds, and the distribution PNG.  ``--postgres URL`` repeats this part on
   PostgreSQL (the schema ``public`` there is DROPPED and recreated).
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import tempfile
import time
from pathlib import Path

from benchmarks.diagnosis.answers import TimedTelegram, bench_answers
from benchmarks.diagnosis.results import bench_results
from benchmarks.diagnosis.staff import bench_staff
from benchmarks.harness import BOT_ID, bench_settings
from benchmarks.report import (
    capture_errors,
    cpu_count,
    exit_code,
    format_rows,
    quiet_logging,
    say,
    say_total,
    timed,
)
from benchmarks.seed import (
    prepare_content,
    reset_postgres,
)
from bot.app import build_app
from bot.services import charts
from handlers import setup_routers
from tests.fakes import FakeSession

# ---------------------------------------------------------------------------- running


async def main_async(args: argparse.Namespace) -> int:
    quiet_logging()
    parts = set(args.only or ("answers", "results", "staff"))
    cpus = cpu_count()
    say(
        f"Diagnosis benchmark — Python {platform.python_version()}, {cpus} CPUs; "
        f"logging at WARNING; times are wall-clock (time.perf_counter)."
    )
    problems: list[str] = []
    overall = time.perf_counter()
    with capture_errors() as errors, tempfile.TemporaryDirectory(prefix="metodist-bench-diag-") as tmp:
        # A cold first render (font cache, matplotlib imports) is not what a teacher usually waits for.
        _, cold = await timed(
            asyncio.to_thread(charts.radar_png, [("a", 10.0), ("b", 50.0), ("c", 90.0)], title="x")
        )
        settings = bench_settings(Path(tmp) / "app.db", "http://127.0.0.1:9", throttle_burst=0)
        if parts & {"answers", "results"}:
            fake = TimedTelegram(bot_id=BOT_ID)
            app = await build_app(settings, routers=setup_routers, session=FakeSession(fake))
            try:
                questionnaire = await prepare_content(app.sessionmaker)
                if "answers" in parts:
                    say(
                        "\n1. Recording one answer — the real app in-process: build_app + "
                        "tests.fakes.FakeSession (no HTTP, no polling),\n   each update timed around "
                        "Dispatcher.feed_update (middlewares, handler, commit, Bot API calls into the fake);"
                        "\n   SQLite file "
                        f"{settings.database_url.rsplit('/', 1)[-1]} in a temp dir, throttling off.\n"
                    )
                    rows, notes = await bench_answers(app, fake, questionnaire, args.teachers, args.seed)
                    say(format_rows(rows))
                    for note in notes:
                        say(note)
                if "results" in parts:
                    say(
                        "\n2. Score + render the results (what the handler does after the last answer, minus "
                        f"Bot API calls), {args.runs} teachers × 2 attempts\n"
                    )
                    rows, notes = await bench_results(app, questionnaire, args.runs, args.seed)
                    say(format_rows(rows))
                    for note in notes:
                        say(note)
                    say(f"(first, cold charts.radar_png in this process: {cold * 1000:.0f} ms — not counted)")
            finally:
                await app.engine.dispose()
                await app.bot.session.close()
                await app.storage.close()
        if "staff" in parts:
            backends = [("SQLite", f"sqlite+aiosqlite:///{Path(tmp) / 'staff.db'}")]
            if args.postgres:
                backends.append(("PostgreSQL", args.postgres))
            for label, url in backends:
                say(
                    f"\n3. Staff aggregates — {label}: {args.staff_teachers} teachers × 2 finished attempts, "
                    f"median of {args.repeat} (export: {args.export_runs}) runs, a fresh session per run\n"
                )
                if label == "PostgreSQL":
                    await reset_postgres(url)
                rows, notes = await bench_staff(
                    label, url, args.staff_teachers, args.repeat, args.export_runs, args.seed, settings
                )
                for note in notes:
                    say(note)
                say(format_rows(rows))
    say_total(overall)
    return exit_code(problems, errors)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--teachers", type=int, default=20, help="teachers answering in part 1 (default 20)")
    parser.add_argument(
        "--runs", type=int, default=30, help="teachers × 2 attempts scored in part 2 (default 30)"
    )
    parser.add_argument(
        "--staff-teachers", type=int, default=10_000, help="teachers seeded for part 3 (default 10000)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs of each aggregate in part 3 (default 5)")
    parser.add_argument(
        "--export-runs", type=int, default=3, help="runs of teacher_results + XLSX in part 3 (default 3)"
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
        choices=("answers", "results", "staff"),
        help="run only this part (repeatable)",
    )


def main(args: argparse.Namespace) -> int:
    for name in ("teachers", "runs", "staff_teachers", "repeat", "export_runs"):
        if getattr(args, name) < 1:
            raise SystemExit(f"--{name.replace('_', '-')} must be at least 1")
    return asyncio.run(main_async(args))

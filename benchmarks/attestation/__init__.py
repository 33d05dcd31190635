"""Attestation reminders: the sweep over a region's teachers — one pass, each reminder once.

A fresh database (``storage.migrate.upgrade``, the demo directory) is seeded with bulk inserts:
``--teachers`` registered teachers in the demo municipalities and schools, each with a confirmed
category awarded at a random day of the last five years (so its term ends within the next five);
10 % of them also an older confirmed category already superseded, 5 % a claim waiting for staff.
The clock is set to a weekday 09:00 UTC (daytime in every demo municipality).

Timed, with memory (RSS growth and ru_maxrss; tracemalloc only in the second pass — it would slow the
first two or three times):

1. the first pass — two sweeps started at once, each a transaction per page of records, as two bot
   processes would run the hourly job: every reminder due (6 months or 3 months before the expiry)
   is claimed by a conditional UPDATE and queued in the outbox, by one of the two;
2. a second pass — the same job again: it must queue nothing.

Checked: the reminders queued equal those due by the rules computed independently from the seeded
dates (``bot.domain.attestation.reminders_due``); every outbox row has its own dedupe key; no record
got a reminder twice; the second pass queued 0. A failed check prints a PROBLEM line and exits 1.
``--postgres URL`` repeats it on PostgreSQL (the schema ``public`` there is DROPPED and recreated).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import platform
import random
import tempfile
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from benchmarks.report import (
    MemoryMonitor,
    capture_errors,
    cpu_count,
    exit_code,
    mib,
    quiet_logging,
    say,
    say_total,
)
from benchmarks.seed import full_name, insert_rows, reset_postgres
from bot.delivery import OutboxNotifier
from bot.domain.attestation import Category, expiry, reminders_due
from bot.i18n import I18n
from bot.services.attestation import sweep
from bot.services.directory import ensure_sample_directory
from bot.services.notices import Notifier
from bot.ui import attestation as _screens  # noqa: F401 (renders the reminders)
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade
from storage.models import AttestationRecord, OutboxMessage, School, User, UserRole
from storage.repositories import AttestationRepo, Repos

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TIMEZONE = "Europe/Moscow"


async def seed(sessionmaker: Any, teachers: int, seed: int) -> tuple[int, float]:
    """The teachers and their records; returns the reminders due now and the seconds it took."""
    started = time.perf_counter()
    rng = random.Random(seed)
    today = NOW.date()
    async with sessionmaker() as session:
        repos = Repos(session)
        await ensure_sample_directory(repos)
        schools = list((await session.execute(select(School.id, School.municipality_id))).all())
        users: list[dict[str, Any]] = []
        for n in range(teachers):
            school_id, municipality_id = schools[n % len(schools)]
            users.append(
                {
                    "id": n + 1,
                    "tg_id": 10_000_000 + n,
                    "locale": "ru",
                    "consent_at": NOW,
                    "consent_version": "2026-11",
                    "full_name": full_name(rng),
                    "municipality_id": municipality_id,
                    "school_id": school_id,
                    "position": "teacher",
                    "experience_years": 10,
                    "birth_year": 1980,
                    "category": "first",
                    "registered_at": NOW - timedelta(days=30),
                    "teaches": True,
                }
            )
        await insert_rows(session, User, users)
        await insert_rows(session, UserRole, [{"user_id": u["id"], "role": "teacher"} for u in users])
        records: list[dict[str, Any]] = []
        due = 0
        base = {
            "order_number": "",
            "status": "confirmed",
            "source": "import",
            "superseded_at": None,
            "scan_file_id": None,
            "decided_at": NOW - timedelta(days=10),
        }
        for user in users:
            awarded = today - timedelta(days=rng.randrange(0, 5 * 365))
            category = rng.choice([Category.FIRST, Category.HIGHEST, Category.CONFORM])
            records.append(
                base
                | {
                    "user_id": user["id"],
                    "category": category.value,
                    "awarded_on": awarded,
                    "expires_on": expiry(awarded),
                    "order_date": awarded,
                    "order_number": f"{rng.randrange(1, 5000)}-к",
                }
            )
            due += bool(reminders_due(expiry(awarded), today))
            if rng.random() < 0.10:  # an older category, superseded: never reminded about
                old = awarded - timedelta(days=5 * 365)
                records.append(
                    base
                    | {
                        "user_id": user["id"],
                        "category": Category.CONFORM.value,
                        "awarded_on": old,
                        "expires_on": expiry(old),
                        "order_date": old,
                        "superseded_at": NOW - timedelta(days=100),
                    }
                )
            if rng.random() < 0.05:  # a claim waiting for staff
                claimed = today - timedelta(days=rng.randrange(0, 300))
                records.append(
                    base
                    | {
                        "user_id": user["id"],
                        "category": Category.METHODIST.value,
                        "awarded_on": claimed,
                        "expires_on": expiry(claimed),
                        "order_date": claimed,
                        "status": "claimed",
                        "source": "teacher",
                        "decided_at": None,
                    }
                )
        await insert_rows(session, AttestationRecord, records)
        await session.commit()
    return due, time.perf_counter() - started


async def one_sweep(sessionmaker: Any, i18n: I18n) -> int:
    """One process's job: a transaction per page, as `bot.jobs.attestation_reminders` runs it."""

    @contextlib.asynccontextmanager
    async def unit() -> AsyncIterator[tuple[AttestationRepo, Notifier]]:
        async with sessionmaker() as session:
            repos = Repos(session)
            yield repos.attestation, OutboxNotifier(repos.outbox, i18n, lambda: NOW, None)
            await repos.commit()

    return await sweep(unit, NOW, TIMEZONE)


async def bench(label: str, url: str, teachers: int, seed_value: int) -> list[str]:
    problems: list[str] = []
    engine = create_engine(url)
    try:
        await upgrade(engine)
        sessionmaker = create_sessionmaker(engine)
        due, seconds = await seed(sessionmaker, teachers, seed_value)
        say(f"{label}: seeded {teachers} teachers and their records in {seconds:.1f} s; due now: {due}")
        i18n = I18n("ru")
        # Untraced: tracemalloc would slow the pass itself two or three times.
        async with MemoryMonitor(trace=False) as first_memory:
            started = time.perf_counter()
            results = await asyncio.gather(one_sweep(sessionmaker, i18n), one_sweep(sessionmaker, i18n))
            first = time.perf_counter() - started
        async with MemoryMonitor() as second_memory:
            started = time.perf_counter()
            again = await one_sweep(sessionmaker, i18n)
            second = time.perf_counter() - started
        async with sessionmaker() as session:
            rows = (
                await session.execute(select(func.count(), func.count(func.distinct(OutboxMessage.dedupe))))
            ).one()
            six = await session.scalar(
                select(func.count()).where(AttestationRecord.reminded_6_at.is_not(None))
            )
            three = await session.scalar(
                select(func.count()).where(AttestationRecord.reminded_3_at.is_not(None))
            )
        m1, m2 = first_memory.stats, second_memory.stats
        assert m1 is not None and m2 is not None
        say(
            f"  first pass (two sweeps at once): {first:.2f} s, queued {results[0]} + {results[1]} = "
            f"{sum(results)}; RSS +{mib(m1.rss_delta)} (sampled every 10 ms), "
            f"ru_maxrss {mib(m1.maxrss_after)}"
        )
        say(
            f"  second pass: {second:.2f} s, queued {again}; tracemalloc peak {mib(m2.traced_peak)}, "
            f"RSS +{mib(m2.rss_delta)}"
        )
        say(
            f"  outbox rows {rows[0]} (distinct dedupe keys {rows[1]}); records with the 6-month mark {six}, "
            f"with the 3-month mark {three}"
        )
        if sum(results) != due:
            problems.append(f"PROBLEM {label}: {sum(results)} reminders queued, {due} due")
        if rows[0] != rows[1] or rows[0] != due:
            problems.append(f"PROBLEM {label}: outbox rows {rows[0]}, distinct keys {rows[1]}, due {due}")
        if again != 0:
            problems.append(f"PROBLEM {label}: the second pass queued {again}")
    finally:
        await engine.dispose()
    return problems


async def main_async(args: argparse.Namespace) -> int:
    quiet_logging()
    say(
        f"Attestation sweep benchmark — Python {platform.python_version()}, {cpu_count()} CPUs; "
        f"{args.teachers} teachers; clock {NOW:%Y-%m-%d %H:%M} UTC; times are wall-clock."
    )
    overall = time.perf_counter()
    problems: list[str] = []
    with capture_errors() as errors, tempfile.TemporaryDirectory(prefix="metodist-bench-att-") as tmp:
        backends = [("SQLite", f"sqlite+aiosqlite:///{Path(tmp) / 'attestation.db'}")]
        if args.postgres:
            backends.append(("PostgreSQL", args.postgres))
        for label, url in backends:
            if label == "PostgreSQL":
                await reset_postgres(url)
            problems += await bench(label, url, args.teachers, args.seed)
    for problem in problems:
        say(problem)
    say_total(overall)
    return exit_code(problems, errors)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--teachers", type=int, default=100_000, help="teachers (default 100000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="also run on PostgreSQL, e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test "
        "(DROPS and recreates schema public there)",
    )


def main(args: argparse.Namespace) -> int:
    if args.teachers < 1:
        raise SystemExit("--teachers must be at least 1")
    return asyncio.run(main_async(args))

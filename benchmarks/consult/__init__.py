"""Consultations for staff: routing (the least-loaded methodist), the staff screen, the service
level's job and the report, with 5,000 open questions.

A fresh database (the demo directory: 12 municipalities) is seeded with bulk inserts: ``--teachers``
teachers, ``--methodists`` methodists (two thirds scoped to a municipality, the rest regional), staff
of the region and of each municipality, ``--open`` open questions (about 8 % without a methodist,
about a quarter past their deadline, a tenth already answered and going on) and ``--closed`` closed
ones of this school year with first answers and ratings; each question has its first message. The
benchmark's "now" is fixed: Wednesday 25.11.2026 12:00 UTC.

Timed, ``--runs`` times each, in a fresh session (p50 / p95 of wall-clock time):

1. routing — ``ConsultStaffRepo.methodists_for`` (methodists covering a municipality with their open
   questions, least loaded first) for a random municipality, and the service's ``candidates`` for a
   random open question (the «Передать другому методисту» screen, rendered);
2. the staff screen — ``ConsultStaffService.home`` + ``home_screen`` for the regional centre (all
   5,000) and for a municipal service;
3. one question's card (``question`` + ``card`` + ``question_screen``);
4. the report for the school year (figures + screen) and its XLSX, regional;
5. the service level's job (``sla.remind`` + ``sla.escalate`` with an outbox notifier) over every
   open question once, and a second run that must claim nothing.

``--postgres URL`` repeats everything on PostgreSQL (the schema ``public`` there is DROPPED).
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import random
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from benchmarks.harness import bench_settings
from benchmarks.report import capture_errors, cpu_count, exit_code, percentile, say, say_total, table
from benchmarks.report import quiet_logging as quiet
from benchmarks.seed import full_name, insert_rows, reset_postgres
from bot.config import Settings
from bot.domain.consult import ConsultTopic
from bot.domain.consult_staff import Period, deadline
from bot.domain.roles import Role
from bot.i18n import I18n
from bot.services.consult_staff import sla
from bot.services.consult_staff.views import Desk
from bot.services.container import Services
from bot.services.directory import ensure_sample_directory
from bot.ui.consult_staff import screens
from bot.ui.consult_staff.sheets import report_xlsx
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade
from storage.models import ConsultMessage, ConsultQuestion, Municipality, OutboxMessage, User, UserRole
from storage.repositories import Repos

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
TZ = "Europe/Moscow"
TOPICS = list(ConsultTopic)


async def seed(sessionmaker: Any, args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(args.seed)
    async with sessionmaker() as session:
        repos = Repos(session)
        await ensure_sample_directory(repos)
        await repos.commit()
        munis = list(await session.scalars(select(Municipality.id).order_by(Municipality.id)))
        users: list[dict[str, Any]] = []
        tg = 10_000_000
        roles: list[dict[str, Any]] = []

        def person(name: str, muni: int, teaches: bool) -> int:
            nonlocal tg
            tg += 1
            users.append(
                {
                    "id": len(users) + 1,
                    "tg_id": tg,
                    "locale": "ru",
                    "consent_at": NOW - timedelta(days=200),
                    "consent_version": "1",
                    "full_name": name,
                    "municipality_id": muni,
                    "registered_at": NOW - timedelta(days=200),
                    "teaches": teaches,
                }
            )
            return len(users)

        teachers = [person(full_name(rng), rng.choice(munis), True) for _ in range(args.teachers)]
        methodists: list[tuple[int, int | None]] = []
        for index in range(args.methodists):
            muni = rng.choice(munis)
            user = person(full_name(rng), muni, False)
            scope = muni if index % 3 else None
            methodists.append((user, scope))
            roles.append({"user_id": user, "role": Role.METHODIST.value, "scope_municipality_id": scope})
        staff_region = person("Сотрудникова Елена Ивановна", munis[0], False)
        roles.append({"user_id": staff_region, "role": Role.STAFF.value, "scope_municipality_id": None})
        staff_muni = {}
        for muni in munis:
            staff_muni[muni] = person(full_name(rng), muni, False)
            roles.append(
                {"user_id": staff_muni[muni], "role": Role.STAFF.value, "scope_municipality_id": muni}
            )
        for user in teachers:
            roles.append({"user_id": user, "role": Role.TEACHER.value, "scope_municipality_id": None})
        await insert_rows(session, User, users)
        await insert_rows(session, UserRole, roles)
        muni_of = {u["id"]: u["municipality_id"] for u in users}
        covering = {m: [u for u, s in methodists if s is None or s == m] for m in munis}

        questions: list[dict[str, Any]] = []
        messages: list[dict[str, Any]] = []
        school_year = datetime(2026, 9, 1, tzinfo=UTC)
        for index in range(args.open + args.closed):
            is_open = index < args.open
            teacher = rng.choice(teachers)
            muni = muni_of[teacher]
            if is_open:
                asked = NOW - timedelta(hours=rng.uniform(1, 24 * 10))
            else:
                asked = school_year + timedelta(
                    seconds=rng.uniform(0, (NOW - school_year).total_seconds() - 86400)
                )
            methodist = None if is_open and rng.random() < 0.08 else rng.choice(covering[muni] or [None])
            answered = None
            if not is_open or rng.random() < 0.1:
                answered = asked + timedelta(hours=rng.expovariate(1 / 20))
                answered = min(answered, NOW)
            questions.append(
                {
                    "id": index + 1,
                    "teacher_id": teacher,
                    "methodist_id": methodist,
                    "topic": rng.choice(TOPICS).value,
                    "subject": "math",
                    "municipality_id": muni,
                    "status": "open" if is_open else "closed",
                    "waiting_on": "teacher" if answered else "methodist",
                    "created_at": asked,
                    "due_at": deadline(asked, TZ),
                    "first_answer_at": answered,
                    "last_activity_at": answered or asked,
                    "closed_at": None if is_open else (answered or asked) + timedelta(hours=2),
                    "closed_by": None if is_open else "teacher",
                    "rating": None if is_open or rng.random() < 0.3 else rng.choice((3, 4, 4, 5, 5, 5)),
                }
            )
            messages.append(
                {
                    "question_id": index + 1,
                    "author_id": teacher,
                    "side": "teacher",
                    "kind": "text",
                    "text": "Подскажите, как составить рабочую программу по математике для 7 класса? " * 3,
                    "created_at": asked,
                }
            )
        await insert_rows(session, ConsultQuestion, questions)
        await insert_rows(session, ConsultMessage, messages)
        await session.commit()
        if session.bind.dialect.name == "postgresql":
            for table_name in ("users", "user_roles", "consult_questions", "consult_messages"):
                await session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table_name}', 'id'), "
                        f"(SELECT max(id) FROM {table_name}))"
                    )
                )
            await session.execute(text("ANALYZE"))
            await session.commit()
        region = (await session.get(User, staff_region),)[0]
        return {
            "munis": munis,
            "region_staff": staff_region,
            "muni_staff": staff_muni,
            "open_ids": [q["id"] for q in questions[: args.open]],
            "region_user": region,
        }


async def repeat(runs: int, call: Callable[[], Awaitable[Any]]) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        times.append(time.perf_counter() - started)
    return times


def row(label: str, times: list[float]) -> list[str]:
    return [
        label,
        str(len(times)),
        f"{percentile(times, 50) * 1000:.1f}",
        f"{percentile(times, 95) * 1000:.1f}",
    ]


async def bench(label: str, url: str, args: argparse.Namespace, settings: Settings) -> list[str]:
    engine = create_engine(url)
    notes: list[str] = []
    try:
        await upgrade(engine)
        sessionmaker = create_sessionmaker(engine)
        started = time.perf_counter()
        world = await seed(sessionmaker, args)
        say(f"   seeded in {time.perf_counter() - started:.1f} s")
        i18n = I18n("ru")
        _ = i18n.get("ru")
        rng = random.Random(args.seed + 1)

        def clock() -> datetime:
            return NOW

        async def with_services(
            work: Callable[[Services, Repos], Awaitable[Any]], commit: bool = False
        ) -> Any:
            async with sessionmaker() as session:
                repos = Repos(session)
                services = Services.build(repos, settings, clock, i18n)
                result = await work(services, repos)
                if commit:
                    await repos.commit()
                return result

        region_desk = Desk(None, None, TZ)
        results: list[list[str]] = []

        async def routing(services: Services, repos: Repos) -> None:
            await repos.consult_staff.methodists_for(rng.choice(world["munis"]))

        results.append(
            row(
                "routing: methodists_for (least loaded)",
                await repeat(args.runs, lambda: with_services(routing)),
            )
        )

        async def pick(services: Services, repos: Repos) -> None:
            qid = rng.choice(world["open_ids"])
            found = await services.consult_staff.question(region_desk, qid)
            view = await services.consult_staff.candidates(found, found.question.methodist_id)
            screens.candidates_screen(view, _)

        results.append(
            row("«Передать»: candidates screen", await repeat(args.runs, lambda: with_services(pick)))
        )

        async def home_region(services: Services, repos: Repos) -> None:
            view = await services.consult_staff.home(region_desk, 0)
            text, _markup = screens.home_screen(view, _, TZ)
            assert len(text) <= 4096

        results.append(
            row("staff screen, region", await repeat(args.runs, lambda: with_services(home_region)))
        )

        async def home_muni(services: Services, repos: Repos) -> None:
            muni = rng.choice(world["munis"])
            view = await services.consult_staff.home(Desk(None, muni, TZ), 0)
            screens.home_screen(view, _, TZ)

        results.append(
            row("staff screen, a municipality", await repeat(args.runs, lambda: with_services(home_muni)))
        )

        async def card(services: Services, repos: Repos) -> None:
            found = await services.consult_staff.question(region_desk, rng.choice(world["open_ids"]))
            screens.question_screen(await services.consult_staff.card(found), _, TZ)

        results.append(row("one question's card", await repeat(args.runs, lambda: with_services(card))))

        async def report(services: Services, repos: Repos) -> None:
            view = await services.consult_staff.report(region_desk, Period.YEAR)
            text, _markup = screens.report_screen(view, _)
            assert len(text) <= 4096

        results.append(
            row(
                "report, school year, region",
                await repeat(max(3, args.runs // 5), lambda: with_services(report)),
            )
        )

        async def xlsx(services: Services, repos: Repos) -> None:
            view = await services.consult_staff.report(region_desk, Period.YEAR)
            await report_xlsx(view, _, TZ)

        results.append(row("report XLSX, school year", await repeat(3, lambda: with_services(xlsx))))

        async def sweep() -> tuple[int, float]:
            """As the job does it: candidates read once, then chunks of `sla.CHUNK`, a transaction
            each; returns the notices queued and the longest chunk (SQLite's write lock)."""
            async with sessionmaker() as session:
                repo = Repos(session).consult_staff
                due = await sla.reminder_rows(repo, NOW, TZ)
                overdue = await sla.escalation_rows(repo, NOW)
            queued, longest = 0, 0.0

            async def chunked(rows: list[Any], reminders: bool) -> None:
                nonlocal queued, longest
                for start in range(0, len(rows), sla.CHUNK):
                    began = time.perf_counter()
                    part = rows[start : start + sla.CHUNK]
                    async with sessionmaker() as session:
                        repos = Repos(session)
                        services = Services.build(repos, settings, clock, i18n)
                        if reminders:
                            queued += await sla.remind(
                                part, repos.consult_staff, repos.users, services.notifier, NOW, TZ
                            )
                        else:
                            queued += await sla.escalate(part, repos.consult_staff, services.notifier, NOW)
                        await repos.commit()
                    longest = max(longest, time.perf_counter() - began)

            await chunked(due, True)
            await chunked(overdue, False)
            return queued, longest

        started = time.perf_counter()
        first, first_chunk = await sweep()
        first_time = time.perf_counter() - started
        started = time.perf_counter()
        second, _chunk = await sweep()
        second_time = time.perf_counter() - started
        results.append(["SLA job, first run", "1", f"{first_time * 1000:.1f}", ""])
        results.append([f"  its longest chunk ({sla.CHUNK} questions)", "1", f"{first_chunk * 1000:.1f}", ""])
        results.append(["SLA job, run again", "1", f"{second_time * 1000:.1f}", ""])
        async with sessionmaker() as session:
            queued = await session.scalar(select(func.count()).select_from(OutboxMessage))
            overdue = await session.scalar(
                select(func.count())
                .select_from(ConsultQuestion)
                .where(ConsultQuestion.escalated_at.is_not(None))
            )
        say(table(["what", "runs", "p50 ms", "p95 ms"], results))
        notes.append(
            f"   SLA job: {first} notices queued on the first run ({overdue} questions escalated, "
            f"{queued} outbox rows), {second} on the second"
        )
        if second:
            notes.append("PROBLEM: the second run of the SLA job queued notices again")
    finally:
        await engine.dispose()
    return notes


async def main_async(args: argparse.Namespace) -> int:
    quiet()
    say(
        f"Consultations (staff) benchmark — Python {platform.python_version()}, {cpu_count()} CPUs; "
        f"{args.open} open + {args.closed} closed questions, {args.methodists} methodists, "
        f"now = {NOW:%d.%m.%Y %H:%M} UTC"
    )
    overall = time.perf_counter()
    problems: list[str] = []
    with (
        capture_errors() as errors,
        tempfile.TemporaryDirectory(prefix="metodist-bench-consult-") as tmp_name,
    ):
        tmp = Path(tmp_name)
        settings = bench_settings(tmp / "app.db", "http://127.0.0.1:9", throttle_burst=0)
        backends: list[tuple[str, str]] = [("SQLite", settings.database_url)]
        if args.postgres:
            backends.append(("PostgreSQL", args.postgres))
        for label, url in backends:
            say(f"\n{label}")
            if url.startswith("postgresql"):
                await reset_postgres(url)
            notes = await bench(label, url, args, settings)
            for note in notes:
                say(note)
            problems += [n for n in notes if n.startswith("PROBLEM")]
    say_total(overall)
    return exit_code(problems, errors)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--open", type=int, default=5000, help="open questions (default 5000)")
    parser.add_argument(
        "--closed", type=int, default=5000, help="closed questions this school year (default 5000)"
    )
    parser.add_argument("--teachers", type=int, default=5000, help="teachers (default 5000)")
    parser.add_argument("--methodists", type=int, default=60, help="methodists (default 60)")
    parser.add_argument("--runs", type=int, default=50, help="runs of each timed screen (default 50)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres", metavar="URL", help="also on PostgreSQL (schema public DROPPED)")


def main(args: argparse.Namespace) -> int:
    return asyncio.run(main_async(args))

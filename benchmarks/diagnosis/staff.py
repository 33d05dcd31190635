"""Part 3: staff aggregates, the teachers' results and XLSX, on a seeded database."""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from benchmarks.diagnosis.answers import T, _staff
from benchmarks.harness import SqlProbe
from benchmarks.report import Row, kib, timed
from benchmarks.seed import (
    QUESTIONNAIRE,
    full_name,
    insert_rows,
    prepare_content,
)
from bot.config import Settings
from bot.domain.diagnostics import ContentKind, Questionnaire, score
from bot.domain.profile import CATEGORIES, SUBJECTS
from bot.domain.roles import Role
from bot.i18n import I18n
from bot.services import accounts, charts
from bot.services.diagnosis_staff import Aggregate, Export, Slice
from bot.ui import diagnosis_staff as staff_screens
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade
from storage.models import (
    DiagnosisAnswer,
    DiagnosisAttempt,
    DiagnosisResult,
    School,
    User,
    UserRole,
    UserSubject,
)
from storage.repositories import Repos

# ---------------------------------------------------------------------------- 3. staff


@dataclass
class Seeded:
    teachers: int
    answers: int
    results: int
    generate_seconds: float
    insert_seconds: float
    biggest_municipality: tuple[int, str, int]  # id, name, teachers


CHUNK_TEACHERS = 1000


def _answers_for(
    questionnaire: Questionnaire, rng: random.Random, values: int, skill: float
) -> dict[str, int]:
    answers: dict[str, int] = {}
    for area in questionnaire.areas:
        bias = rng.gauss(0, 0.6)
        for item in area.items:
            if item.optional and rng.random() < 0.15:
                continue  # skipped
            answers[item.id] = max(0, min(values - 1, round(rng.gauss(skill + bias, 0.7))))
    return answers


async def seed_staff_data(
    sessionmaker: async_sessionmaker[AsyncSession], questionnaire: Questionnaire, teachers: int, seed: int
) -> Seeded:
    rng = random.Random(seed + 2)
    generate = 0.0
    started = time.perf_counter()
    async with sessionmaker() as session:
        repos = Repos(session)
        version = await repos.content.active_one(ContentKind.QUESTIONNAIRE, QUESTIONNAIRE)
        assert version is not None
        schools = [
            (s.id, s.municipality_id) for s in await session.scalars(select(School).order_by(School.id))
        ]
        base = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
        g0 = time.perf_counter()
        users: list[dict[str, Any]] = []
        subjects: list[dict[str, Any]] = []
        roles: list[dict[str, Any]] = []
        per_muni: dict[int, int] = {}
        for i in range(teachers):
            user_id = i + 1
            school_id, muni_id = rng.choice(schools)
            per_muni[muni_id] = per_muni.get(muni_id, 0) + 1
            note = rng.random() < 0.03  # school not in the directory
            experience = rng.randint(0, 35)
            registered = base - timedelta(days=rng.randint(1, 300), seconds=rng.randint(0, 86_000))
            users.append(
                {
                    "id": user_id,
                    "tg_id": 900_000_001 + i,
                    "locale": "ru",
                    "consent_at": registered,
                    "consent_version": accounts.CONSENT_VERSION,
                    "full_name": full_name(rng),
                    "municipality_id": muni_id,
                    "school_id": None if note else school_id,
                    "school_note": "МКОУ «Новая школа»" if note else None,
                    "position": "teacher",
                    "experience_years": experience,
                    "birth_year": 2026 - experience - rng.randint(22, 40),
                    "category": rng.choice(CATEGORIES),
                    "registered_at": registered,
                    "share_results": rng.random() < 0.3,
                }
            )
            for subject in rng.sample(SUBJECTS, 2 if rng.random() < 0.3 else 1):
                subjects.append({"user_id": user_id, "subject": subject})
            roles.append({"user_id": user_id, "role": Role.TEACHER})
        generate += time.perf_counter() - g0
        await insert_rows(session, User, users, chunk=20_000)
        await insert_rows(session, UserSubject, subjects, chunk=20_000)
        await insert_rows(session, UserRole, roles, chunk=20_000)

        values = len(questionnaire.scale)
        answers_total = results_total = 0
        for chunk_start in range(0, teachers, CHUNK_TEACHERS):
            g0 = time.perf_counter()
            attempts: list[dict[str, Any]] = []
            answers: list[dict[str, Any]] = []
            results: list[dict[str, Any]] = []
            for i in range(chunk_start, min(teachers, chunk_start + CHUNK_TEACHERS)):
                skill = rng.uniform(0.5, 2.5)
                for n in range(2):
                    attempt_id = 2 * i + n + 1
                    finished = base + timedelta(
                        days=200 * n + rng.randint(0, 60), seconds=rng.randint(0, 86_000)
                    )
                    attempts.append(
                        {
                            "id": attempt_id,
                            "user_id": i + 1,
                            "content_version_id": version.id,
                            "questionnaire_id": QUESTIONNAIRE,
                            "started_at": finished - timedelta(minutes=rng.randint(5, 40)),
                            "finished_at": finished,
                            "position": len(questionnaire.items),
                        }
                    )
                    given = _answers_for(questionnaire, rng, values, skill + 0.4 * n)
                    answers += [
                        {"attempt_id": attempt_id, "item_id": item, "value": value}
                        for item, value in given.items()
                    ]
                    results += [
                        {
                            "attempt_id": attempt_id,
                            "area": r.area,
                            "score": r.score,
                            "level": r.level.value if r.level else None,
                        }
                        for r in score(questionnaire, given)
                    ]
            generate += time.perf_counter() - g0
            await insert_rows(session, DiagnosisAttempt, attempts, chunk=20_000)
            # The big one as a Core insert, answered_at left to its server default: ~2× faster.
            await insert_rows(session, DiagnosisAnswer.__table__, answers, chunk=20_000)
            await insert_rows(session, DiagnosisResult, results, chunk=20_000)
            answers_total += len(answers)
            results_total += len(results)
        await session.commit()
        muni_id, count = max(per_muni.items(), key=lambda kv: kv[1])
        muni = await repos.directory.municipality(muni_id)
        assert muni is not None
        teachers_in_db = await session.scalar(select(func.count()).select_from(UserRole))
        assert teachers_in_db == teachers
    total = time.perf_counter() - started
    return Seeded(
        teachers, answers_total, results_total, generate, total - generate, (muni_id, muni.name, count)
    )


async def _repeat(
    sessionmaker: async_sessionmaker[AsyncSession],
    engine: AsyncEngine,
    runs: int,
    call: Callable[[Repos], Awaitable[T]],
) -> tuple[list[float], T, int]:
    """Time ``call`` in a fresh session ``runs`` times; (seconds, last result, SQL statements per run)."""
    seconds: list[float] = []
    result: T | None = None
    with SqlProbe(engine) as probe:
        for _ in range(runs):
            async with sessionmaker() as session:
                result, elapsed = await timed(call(Repos(session)))
            seconds.append(elapsed)
    assert result is not None
    return seconds, result, probe.statements // max(1, runs)


async def bench_staff(
    label: str, url: str, teachers: int, repeat: int, export_runs: int, seed: int, settings: Settings
) -> tuple[list[Row], list[str]]:
    notes: list[str] = []
    engine = create_engine(url)
    try:
        started = time.perf_counter()
        await upgrade(engine)
        sessionmaker = create_sessionmaker(engine)
        questionnaire = await prepare_content(sessionmaker)
        setup = time.perf_counter() - started
        seeded = await seed_staff_data(sessionmaker, questionnaire, teachers, seed)
        analyze = ""
        if engine.dialect.name == "postgresql":
            async with engine.begin() as conn:
                _, analyzed = await timed(conn.execute(text("ANALYZE")))
            analyze = f"; ANALYZE {analyzed:.1f} s (autovacuum would do it in production)"
        notes.append(
            f"{label}: migrate + demo directory + content {setup:.1f} s; seeding {teachers} teachers × 2 "
            f"attempts ({seeded.answers} answers, {seeded.results} results) "
            f"{seeded.generate_seconds + seeded.insert_seconds:.1f} s "
            f"(generating rows {seeded.generate_seconds:.1f} s, bulk inserts + commit "
            f"{seeded.insert_seconds:.1f} s){analyze}"
        )
        muni_id, muni_name, _count = seeded.biggest_municipality
        subject = "math"
        rows: list[Row] = []
        region_agg: Aggregate | None = None
        scopes: list[tuple[str, dict[str, Any]]] = [
            ("region", {}),
            (f"municipality «{muni_name}»", {"municipality_id": muni_id}),
            (f"subject «{subject}»", {"subject": subject}),
        ]
        for scope_label, scope in scopes:

            async def aggregate(repos: Repos, scope: dict[str, Any] = scope) -> Aggregate | None:
                return await _staff(repos).aggregate(QUESTIONNAIRE, Slice(**scope))

            seconds, agg, statements = await _repeat(sessionmaker, engine, repeat, aggregate)
            assert agg is not None
            region_agg = region_agg or agg
            rows.append(
                Row(
                    f"aggregate: {scope_label}",
                    seconds,
                    f"{agg.diagnosed}/{agg.teachers} diagnosed, {statements} SQL statements",
                )
            )
        assert region_agg is not None
        if region_agg.teachers != teachers or region_agg.diagnosed != teachers:
            raise AssertionError(
                f"aggregate: {region_agg.diagnosed}/{region_agg.teachers}, expected {teachers}"
            )

        _ = I18n(settings.default_locale).get("ru")

        async def teacher_results(repos: Repos) -> list[Any]:
            return await repos.diagnosis.teacher_results(QUESTIONNAIRE)

        fetch, results, statements = await _repeat(sessionmaker, engine, export_runs, teacher_results)
        if len(results) != teachers:
            raise AssertionError(f"teacher_results returned {len(results)} rows, expected {teachers}")
        rows.append(
            Row(
                "teacher_results(region)",
                fetch,
                f"{len(results)} rows, {statements} SQL statements",
            )
        )
        build: list[float] = []
        size = 0
        for _run in range(export_runs):
            t0 = time.perf_counter()
            export = Export(questionnaire, results, settings.default_timezone, datetime.now(UTC))
            data = staff_screens.results_xlsx(export, _)
            build.append(time.perf_counter() - t0)
            size = len(data)
        rows.append(Row("results_xlsx (bot.ui.diagnosis_staff)", build, f"{kib(size)}"))
        rows.append(Row("  export total (fetch + XLSX)", [a + b for a, b in zip(fetch, build, strict=True)]))
        png_times: list[float] = []
        png_size = 0
        text_times: list[float] = []
        for _run in range(repeat):
            t0 = time.perf_counter()
            staff_screens.aggregate_text(region_agg, _("stats-region"), _)
            t1 = time.perf_counter()
            png = charts.distribution_png(
                [(title, high, medium, low) for _id, title, high, medium, low in region_agg.areas],
                title=f"{region_agg.questionnaire.title} — {_('stats-region')}",
                legend=(_("level-high"), _("level-medium"), _("level-low")),
            )
            t2 = time.perf_counter()
            text_times.append(t1 - t0)
            png_times.append(t2 - t1)
            png_size = len(png)
        rows.append(Row("screens.aggregate_text", text_times))
        rows.append(Row("charts.distribution_png (region)", png_times, kib(png_size)))
        return rows, notes
    finally:
        await engine.dispose()

"""Part 1: the route proposal — the pure build_proposal and routes.build on a real database."""

from __future__ import annotations

import random
import statistics
import time
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from benchmarks.harness import SqlProbe
from benchmarks.routes.setup import NOW, Row, area_results, finished_attempt
from benchmarks.seed import (
    register_teachers,
)
from bot.domain.diagnostics import Catalogue, Questionnaire
from bot.domain.routes import (
    build_proposal,
    route_period,
)
from bot.services import routes as service
from storage.repositories import Repos

# ---------------------------------------------------------------------------- 1. proposal


async def bench_proposal(
    sessionmaker: async_sessionmaker[AsyncSession],
    engine: AsyncEngine,
    questionnaire: Questionnaire,
    catalogue: Catalogue,
    runs: int,
    pure_runs: int,
    rng: random.Random,
) -> tuple[list[Row], list[str]]:
    rows: list[Row] = []
    notes: list[str] = []
    results = area_results(questionnaire)
    start, end = route_period(NOW.date())
    pure: list[float] = []
    steps = build_proposal(results, catalogue, start=start, end=end)
    for _ in range(pure_runs):
        t0 = time.perf_counter()
        build_proposal(results, catalogue, start=start, end=end)
        pure.append(time.perf_counter() - t0)
    rows.append(
        Row(
            "build_proposal (pure; 6 areas: 2 high, 3 medium, 1 low)",
            pure,
            f"{len(steps)} steps, {start:%d.%m.%Y}–{end:%d.%m.%Y}",
            "µs",
        )
    )
    body = catalogue.model_dump(mode="json")
    validate: list[float] = []
    for _ in range(max(50, pure_runs // 20)):
        t0 = time.perf_counter()
        Catalogue.model_validate(body)
        validate.append(time.perf_counter() - t0)
    areas = len(catalogue.areas)
    recs = sum(len(a.high) + len(a.medium) + len(a.low) for a in catalogue.areas.values())
    rows.append(
        Row(
            "  Catalogue.model_validate(stored body)",
            validate,
            f"{areas} areas, {recs} recommendations; content.catalogue() does it on every call",
            "µs",
        )
    )

    # (b) the service, end to end, for a teacher with a finished diagnosis.
    tg_id = 810_000_001
    await register_teachers(sessionmaker, [tg_id], rng, NOW - timedelta(days=30))
    async with sessionmaker() as session:
        repos = Repos(session)
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        await finished_attempt(repos, user, questionnaire, NOW - timedelta(days=2))
        await repos.commit()
    whole: list[float] = []
    build: list[float] = []
    commit: list[float] = []
    statements: list[int] = []
    created_steps = 0
    with SqlProbe(engine) as probe:
        for _ in range(runs):
            async with sessionmaker() as session:
                repos = Repos(session)
                user = await repos.users.by_tg_id(tg_id)
                assert user is not None
                before = probe.statements
                t0 = time.perf_counter()
                route, created = await service.build(repos, user, NOW, NOW.date())
                t1 = time.perf_counter()
                await repos.commit()
                t2 = time.perf_counter()
                statements.append(probe.statements - before)
                if not created:
                    raise AssertionError("routes.build returned an existing route")
                created_steps = len(route.steps)
            build.append(t1 - t0)
            commit.append(t2 - t1)
            whole.append(t2 - t0)
            async with sessionmaker() as session:
                repos = Repos(session)
                current = await repos.routes.current(user.id)
                assert current is not None
                await repos.routes.delete(current)
                await repos.commit()
    if created_steps != len(steps):
        raise AssertionError(f"routes.build stored {created_steps} steps, the proposal has {len(steps)}")
    rows.append(
        Row(
            "routes.build + commit (SQLite, fresh session)",
            whole,
            f"draft of {created_steps} steps; {statistics.median(statements):.0f} SQL statements",
        )
    )
    rows.append(Row("  routes.build (basis, catalogue, proposal, inserts)", build))
    rows.append(Row("  commit", commit))
    return rows, notes

"""Part 2: scoring and rendering the results, for first and second attempts."""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from benchmarks.diagnosis.answers import _diagnosis
from benchmarks.report import Row, kib
from benchmarks.seed import (
    QUESTIONNAIRE,
    register_teachers,
)
from bot.app import App
from bot.config import Settings
from bot.domain.diagnostics import Questionnaire
from bot.i18n import Translator
from bot.services import charts
from bot.ui import diagnosis as screens
from storage.repositories import Repos

# ---------------------------------------------------------------------------- 2. results


@dataclass
class ResultTimes:
    finish: list[float] = field(default_factory=list)
    outcome: list[float] = field(default_factory=list)
    text: list[float] = field(default_factory=list)
    recs: list[float] = field(default_factory=list)
    radar: list[float] = field(default_factory=list)
    commit: list[float] = field(default_factory=list)
    total: list[float] = field(default_factory=list)
    png_sizes: list[int] = field(default_factory=list)


async def _answered_attempt(
    sessionmaker: async_sessionmaker[AsyncSession], tg_id: int, rng: random.Random, values: int
) -> int:
    """An open attempt with every item answered (the state right before the last button press)."""
    async with sessionmaker() as session:
        repos = Repos(session)
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        attempt, questionnaire = await _diagnosis(repos).start_or_resume(user, QUESTIONNAIRE)
        skill = rng.uniform(0.3, 2.7)
        for index, (_area, item) in enumerate(questionnaire.items):
            value = max(0, min(values - 1, round(rng.gauss(skill, 0.9))))
            await repos.diagnosis.save_answer(attempt, item.id, value, index + 1)
        await repos.commit()
        return attempt.id


async def _score_and_render(
    sessionmaker: async_sessionmaker[AsyncSession],
    tg_id: int,
    attempt_id: int,
    now: datetime,
    settings: Settings,
    _: Translator,
    out: ResultTimes,
) -> bool:
    """What the handler does after the last answer, minus the Bot API calls. Returns: had previous."""
    async with sessionmaker() as session:
        repos = Repos(session)
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        attempt, questionnaire = await _diagnosis(repos).load_attempt(user, attempt_id)
        t0 = time.perf_counter()
        await _diagnosis(repos).finish(attempt, questionnaire, now)
        t1 = time.perf_counter()
        outcome = await _diagnosis(repos).outcome(user, attempt.id)
        t2 = time.perf_counter()
        due = now + timedelta(days=settings.diagnosis_retake_days)
        results = screens.results_text(outcome, due, settings.default_timezone, _)
        t3 = time.perf_counter()
        screens.recommendations_screen(outcome, user.share_results, _)
        t4 = time.perf_counter()
        png = charts.radar_png(
            [(r.title, r.score) for r in outcome.results],
            title=outcome.questionnaire.title,
            previous=[(r.title, r.score) for r in outcome.previous] if outcome.previous else None,
            labels=(_("chart-now"), _("chart-before")),
            thresholds=(outcome.questionnaire.levels.high_below, outcome.questionnaire.levels.medium_below),
        )
        t5 = time.perf_counter()
        await repos.commit()
        t6 = time.perf_counter()
    if "Результаты" not in results or not png.startswith(b"\x89PNG"):
        raise AssertionError("no results text or no PNG")
    out.finish.append(t1 - t0)
    out.outcome.append(t2 - t1)
    out.text.append(t3 - t2)
    out.recs.append(t4 - t3)
    out.radar.append(t5 - t4)
    out.commit.append(t6 - t5)
    out.total.append(t6 - t0)
    out.png_sizes.append(len(png))
    return outcome.previous is not None


def _result_rows(label: str, times: ResultTimes) -> list[Row]:
    size = statistics.median(times.png_sizes) if times.png_sizes else 0
    return [
        Row(f"results {label}: total", times.total, "finish … commit, no Bot API"),
        Row("  service.finish (score + store 6 results)", times.finish),
        Row("  service.outcome (results, history, catalogue)", times.outcome),
        Row("  screens.results_text", times.text),
        Row("  screens.recommendations_screen", times.recs),
        Row("  charts.radar_png", times.radar, f"PNG median {kib(size)} ({size} B)"),
        Row("  commit", times.commit),
    ]


async def bench_results(
    app: App, questionnaire: Questionnaire, runs: int, seed: int
) -> tuple[list[Row], list[str]]:
    rng = random.Random(seed + 1)
    now = datetime.now(UTC)
    tg_ids = [803_000_001 + i for i in range(runs)]
    await register_teachers(app.sessionmaker, tg_ids, rng, now)
    _ = app.i18n.get("ru")
    values = len(questionnaire.scale)
    first, second = ResultTimes(), ResultTimes()
    earlier = now - timedelta(days=200)
    for tg_id in tg_ids:
        attempt_id = await _answered_attempt(app.sessionmaker, tg_id, rng, values)
        if await _score_and_render(app.sessionmaker, tg_id, attempt_id, earlier, app.settings, _, first):
            raise AssertionError("a first attempt has a previous one")
    for tg_id in tg_ids:
        attempt_id = await _answered_attempt(app.sessionmaker, tg_id, rng, values)
        if not await _score_and_render(app.sessionmaker, tg_id, attempt_id, now, app.settings, _, second):
            raise AssertionError("a second attempt has no previous one")
    rows = _result_rows("(1st attempt, no outline)", first) + _result_rows(
        "(2nd attempt, previous outline)", second
    )
    return rows, []

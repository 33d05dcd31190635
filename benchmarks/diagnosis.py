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
import contextlib
import logging
import os
import platform
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from aiogram.methods import TelegramMethod
from aiogram.types import Update
from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from benchmarks.harness import BOT_ID, SqlProbe, bench_settings, percentile, quiet_logging
from bot.app import App, build_app
from bot.config import Settings
from bot.domain.diagnostics import Questionnaire, score
from bot.domain.profile import CATEGORIES, SUBJECTS, ProfileDraft
from bot.domain.time import utc_now
from bot.i18n import I18n, Translator
from bot.services import accounts, charts, content
from bot.services import diagnosis as service
from bot.services.diagnosis import diagnosis_service
from bot.services.directory import ensure_sample_directory
from bot.ui import diagnosis as screens
from handlers import setup_routers
from handlers.diagnosis_staff import results_xlsx
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
from tests.fakes import FakeSession, FakeTelegram, FileUpload, TgUser

QUESTIONNAIRE = "general"
ITEM = re.compile(r"Вопрос (\d+) из (\d+)")
T = TypeVar("T")

_SURNAMES = (
    "Иванова",
    "Смирнова",
    "Кузнецова",
    "Соколова",
    "Попова",
    "Лебедева",
    "Козлова",
    "Новикова",
    "Морозова",
    "Петрова",
    "Волкова",
    "Соловьёва",
    "Васильева",
    "Зайцева",
    "Павлова",
    "Семёнова",
)
_FIRST = ("Мария", "Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Светлана", "Ирина", "Юлия", "Марина")
_PATRONYMIC = ("Петровна", "Сергеевна", "Викторовна", "Ивановна", "Андреевна", "Юрьевна", "Олеговна")


def _name(rng: random.Random) -> str:
    return f"{rng.choice(_SURNAMES)} {rng.choice(_FIRST)} {rng.choice(_PATRONYMIC)}"


# ---------------------------------------------------------------------------- output


@dataclass
class Row:
    label: str
    values: list[float]  # seconds
    note: str = ""


def _ms(value: float) -> str:
    return "n/a" if value != value else f"{value * 1000:.1f}"  # NaN


def format_rows(rows: Sequence[Row]) -> str:
    header = ("measurement", "n", "median ms", "p95 ms", "min ms", "max ms", "note")
    cells = [
        (
            r.label,
            str(len(r.values)),
            _ms(statistics.median(r.values)) if r.values else "n/a",
            _ms(percentile(r.values, 95)),
            _ms(min(r.values)) if r.values else "n/a",
            _ms(max(r.values)) if r.values else "n/a",
            r.note,
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in (header, *cells)) for i in range(len(header) - 1)]

    def line(row: Sequence[str]) -> str:
        first = [row[0].ljust(widths[0])]
        nums = [c.rjust(w) for c, w in zip(row[1:-1], widths[1:], strict=True)]
        return "  ".join([*first, *nums, row[-1]]).rstrip()

    return "\n".join([line(header), "-" * len(line(header)), *(line(c) for c in cells)])


def say(text: str = "") -> None:
    print(text, flush=True)


def kib(size: float) -> str:
    return f"{size / 1024:.1f} KiB"


class ErrorLog(logging.Handler):
    """ERROR records logged anywhere (a handler that failed is logged, not raised, by the bot)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(f"{record.name}: {record.getMessage()}")


@contextlib.contextmanager
def capture_errors() -> Iterator[ErrorLog]:
    handler = ErrorLog()
    logging.getLogger().addHandler(handler)
    try:
        yield handler
    finally:
        logging.getLogger().removeHandler(handler)


async def timed(call: Awaitable[T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = await call
    return result, time.perf_counter() - started


# ---------------------------------------------------------------------------- 1. answers


class LoopLag:
    """How long the event loop could not run anything: overshoot of a repeated 10 ms sleep."""

    def __init__(self, interval: float = 0.01) -> None:
        self.interval = interval
        self.lags: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            started = time.perf_counter()
            await asyncio.sleep(self.interval)
            self.lags.append(max(0.0, time.perf_counter() - started - self.interval))

    async def __aenter__(self) -> LoopLag:
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    def summary(self) -> str:
        blocked = [lag for lag in self.lags if lag >= 0.05]
        return (
            f"p50 {_ms(percentile(self.lags, 50))} ms, p95 {_ms(percentile(self.lags, 95))} ms, "
            f"max {_ms(percentile(self.lags, 100))} ms; {len(blocked)} stalls ≥ 50 ms, "
            f"{sum(blocked):.1f} s in all"
        )


class TimedTelegram(FakeTelegram):
    """The fake Bot API, adding up the time spent inside it (to subtract it from the bot's)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.api_seconds = 0.0

    async def handle_async(
        self,
        method: str,
        params: Mapping[str, Any],
        files: Mapping[str, bytes | FileUpload] | None = None,
        *,
        should_stop: Callable[[], bool] | None = None,
    ) -> Any:
        started = time.perf_counter()
        try:
            return await super().handle_async(method, params, files, should_stop=should_stop)
        finally:
            self.api_seconds += time.perf_counter() - started


@dataclass
class Sample:
    seconds: float  # Dispatcher.feed_update, whole
    api_seconds: float  # of which inside the fake Bot API (meaningful only one update at a time)
    statements: int  # SQL statements (meaningful only one update at a time)
    lock_held: float  # SQLite write lock: first write → COMMIT (meaningful only one update at a time)


class Teacher:
    """A registered teacher talking to the app through Dispatcher.feed_update, each update timed."""

    def __init__(self, app: App, fake: TimedTelegram, probe: SqlProbe, tg_id: int) -> None:
        self.app, self.fake, self.probe = app, fake, probe
        self.user = TgUser(fake, self._deliver, tg_id, first_name="Мария", language_code="ru")
        self.last: Sample | None = None

    async def _deliver(self, update: dict[str, Any]) -> None:
        bot, dp = self.app.bot, self.app.dp
        parsed = Update.model_validate(update, context={"bot": bot})
        api_before, sql_before = self.fake.api_seconds, self.probe.statements
        holds_before = len(self.probe.write_holds)
        started = time.perf_counter()
        response = await dp.feed_update(bot, parsed)
        elapsed = time.perf_counter() - started
        if isinstance(response, TelegramMethod):  # polling would execute it too
            await bot(response)
        self.last = Sample(
            elapsed,
            self.fake.api_seconds - api_before,
            self.probe.statements - sql_before,
            sum(self.probe.write_holds[holds_before:]),
        )

    def taken(self) -> Sample:
        assert self.last is not None
        sample, self.last = self.last, None
        return sample


@dataclass
class AnswerSamples:
    begin: list[Sample] = field(default_factory=list)  # «Начать» → the first item
    items: list[Sample] = field(default_factory=list)  # answers 1..35 → the next item
    final: list[Sample] = field(default_factory=list)  # answer 36 → results, radar, recommendations


async def open_and_answer(
    teacher: Teacher, labels: Sequence[str], rng: random.Random, out: AnswerSamples
) -> None:
    user = teacher.user
    await user.send("/menu")
    await user.click("📊 Диагностика")
    await user.click("Общая диагностика")
    teacher.last = None
    await user.click("Начать")
    out.begin.append(teacher.taken())
    skill = rng.uniform(0.4, 2.6)
    count = 0
    while True:
        match = ITEM.search(user.last_message.text or "")
        if match is None:
            break
        number, total = int(match.group(1)), int(match.group(2))
        if number != count + 1:
            raise AssertionError(f"{user!r}: expected item {count + 1}, the bot shows {number}")
        value = max(0, min(len(labels) - 1, round(rng.gauss(skill, 0.8))))
        await user.click(labels[value])
        (out.final if number == total else out.items).append(teacher.taken())
        count += 1
    texts = [m.text or "" for m in user.last_messages(3)]
    if count != 36 or not any("Результаты" in t for t in texts):
        raise AssertionError(f"{user!r}: answered {count} items, no results shown: {texts}")


async def prepare_content(sessionmaker: async_sessionmaker[AsyncSession]) -> Questionnaire:
    """The demo directory and the shipped questionnaires, as App.startup loads them."""
    async with sessionmaker() as session:
        repos = Repos(session)
        await ensure_sample_directory(repos)
        problems = await content.sync_files(repos.content)
        await repos.commit()
        if problems:
            raise RuntimeError(f"content problems: {problems}")
        version = await repos.content.active_one("questionnaire", QUESTIONNAIRE)
        assert version is not None
        return Questionnaire.model_validate(version.body)


async def register_teachers(
    sessionmaker: async_sessionmaker[AsyncSession], tg_ids: Sequence[int], rng: random.Random, now: datetime
) -> None:
    """Consent + registration through the services (what the registration dialogue ends with)."""
    async with sessionmaker() as session:
        repos = Repos(session)
        schools = list(await session.scalars(select(School)))
        for tg_id in tg_ids:
            user = await accounts.give_consent(repos, tg_id, locale="ru", now=now)
            school = rng.choice(schools)
            experience = rng.randint(0, 30)
            draft = ProfileDraft(
                full_name=_name(rng),
                municipality_id=school.municipality_id,
                school_id=school.id,
                position="teacher",
                subjects=(rng.choice(SUBJECTS),),
                experience_years=experience,
                birth_year=now.year - experience - rng.randint(22, 40),
                category=rng.choice(CATEGORIES),
            )
            await accounts.complete_registration(repos, user, draft, now=now)
        await repos.commit()


def _sample_rows(prefix: str, samples: Sequence[Sample], *, split: bool) -> list[Row]:
    rows = [Row(prefix, [s.seconds for s in samples])]
    if split:
        sql = sorted(s.statements for s in samples)
        rows[0].note = f"{statistics.median(sql):.0f} SQL statements (min {sql[0]}, max {sql[-1]})"
        rows.append(Row("  of which bot (minus fake Bot API)", [s.seconds - s.api_seconds for s in samples]))
        rows.append(Row("  SQLite write lock held (1st write→COMMIT)", [s.lock_held for s in samples]))
    return rows


async def bench_answers(
    app: App, fake: TimedTelegram, questionnaire: Questionnaire, teachers: int, seed: int
) -> tuple[list[Row], list[str]]:
    rng = random.Random(seed)
    labels = [option.label for option in questionnaire.scale]
    now = datetime.now(UTC)
    sequential_ids = [800_000_001 + i for i in range(teachers)]
    concurrent_ids = [801_000_001 + i for i in range(teachers)]
    db_ids = [802_000_001 + i for i in range(teachers)]
    await register_teachers(app.sessionmaker, sequential_ids + concurrent_ids + db_ids, rng, now)
    rows: list[Row] = []
    notes: list[str] = []

    # One teacher at a time: the server time of each update, nothing else running.
    one = AnswerSamples()
    with SqlProbe(app.engine) as probe:
        started = time.perf_counter()
        for tg_id in sequential_ids:
            await open_and_answer(Teacher(app, fake, probe, tg_id), labels, random.Random(rng.random()), one)
        one_wall = time.perf_counter() - started
    # All at once, one event loop: what a teacher waits when colleagues answer too.
    many = AnswerSamples()
    with SqlProbe(app.engine) as crowd_probe:
        crowd = [Teacher(app, fake, crowd_probe, tg_id) for tg_id in concurrent_ids]
        async with LoopLag() as lag:
            started = time.perf_counter()
            await asyncio.gather(
                *(open_and_answer(t, labels, random.Random(rng.random()), many) for t in crowd)
            )
            crowd_wall = time.perf_counter() - started

    rows += _sample_rows(f"answer → next item (1 teacher at a time, {teachers}×35)", one.items, split=True)
    rows += _sample_rows("answer 36 → results + radar + recs (1 at a time)", one.final, split=True)
    rows += _sample_rows("«Начать» → attempt + item 1 (1 at a time)", one.begin, split=True)
    rows += _sample_rows(f"answer → next item ({teachers} teachers at once)", many.items, split=False)
    rows += _sample_rows(f"answer 36 → results ({teachers} at once)", many.final, split=False)
    updates = teachers * (4 + 36)
    notes += [
        f"{teachers} teachers at once: {updates} updates in {crowd_wall:.1f} s = "
        f"{updates / crowd_wall:.0f} upd/s",
        f"  event loop blocked (a 10 ms sleep overshooting): {lag.summary()}",
        f"  SQLite: {crowd_probe.summary(crowd_wall)}",
        f"  pool: {crowd_probe.pool_summary(crowd_wall)}",
        f"1 teacher at a time: {updates} updates in {one_wall:.1f} s; SQLite: {probe.summary(one_wall)}",
    ]

    # The DB part alone, one answer per session (= per update) as the bot does it.
    t_user: list[float] = []
    t_load: list[float] = []
    t_answer: list[float] = []
    t_commit: list[float] = []
    attempts: dict[int, int] = {}
    for tg_id in db_ids:
        async with app.sessionmaker() as session:
            repos = Repos(session)
            user = await repos.users.by_tg_id(tg_id)
            assert user is not None
            attempt, _q = await diagnosis_service(
                repos, clock=utc_now, timezone="Europe/Moscow"
            ).start_or_resume(user, QUESTIONNAIRE)
            attempts[tg_id] = attempt.id
            await repos.commit()
    for index in range(len(questionnaire.items)):
        for tg_id in db_ids:
            async with app.sessionmaker() as session:
                repos = Repos(session)
                started = time.perf_counter()
                user = await repos.users.by_tg_id(tg_id)
                assert user is not None
                loaded = time.perf_counter()
                attempt, q = await service.load_attempt(repos, user, attempts[tg_id])
                answering = time.perf_counter()
                await diagnosis_service(repos, clock=utc_now, timezone="Europe/Moscow").answer(
                    attempt, q, index, rng.randrange(len(labels))
                )
                committing = time.perf_counter()
                await repos.commit()
                done = time.perf_counter()
            t_user.append(loaded - started)
            t_load.append(answering - loaded)
            t_answer.append(committing - answering)
            t_commit.append(done - committing)
    n = len(t_answer)
    rows += [
        Row(
            f"DB: service.answer + commit ({teachers}×36)",
            [a + c for a, c in zip(t_answer, t_commit, strict=True)],
            "upsert answer, flush position, COMMIT",
        ),
        Row("  service.answer (upsert + flush)", t_answer),
        Row("  commit", t_commit),
        Row("DB: users.by_tg_id (UserMiddleware)", t_user, "User + selectin subjects + roles"),
        Row("DB: service.load_attempt", t_load, "attempt + content version + Questionnaire validate"),
        Row(
            "DB: all of the above",
            [t_user[i] + t_load[i] + t_answer[i] + t_commit[i] for i in range(n)],
        ),
    ]
    version_body = questionnaire.model_dump(mode="json")
    validate: list[float] = []
    for _ in range(200):
        started = time.perf_counter()
        Questionnaire.model_validate(version_body)
        validate.append(time.perf_counter() - started)
    rows.append(Row("  Questionnaire.model_validate(body)", validate, "once per version (cached)"))
    return rows, notes


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
        attempt, questionnaire = await diagnosis_service(
            repos, clock=utc_now, timezone="Europe/Moscow"
        ).start_or_resume(user, QUESTIONNAIRE)
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
        attempt, questionnaire = await service.load_attempt(repos, user, attempt_id)
        t0 = time.perf_counter()
        await diagnosis_service(repos, clock=utc_now, timezone="Europe/Moscow").finish(
            attempt, questionnaire, now
        )
        t1 = time.perf_counter()
        outcome = await diagnosis_service(repos, clock=utc_now, timezone="Europe/Moscow").outcome(
            user, attempt.id
        )
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


# ---------------------------------------------------------------------------- 3. staff


async def reset_postgres(url: str) -> None:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    finally:
        await engine.dispose()


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


async def _insert(session: AsyncSession, model: Any, rows: list[dict[str, Any]], chunk: int = 20_000) -> None:
    for start in range(0, len(rows), chunk):
        await session.execute(insert(model), rows[start : start + chunk])


async def seed_staff_data(
    sessionmaker: async_sessionmaker[AsyncSession], questionnaire: Questionnaire, teachers: int, seed: int
) -> Seeded:
    rng = random.Random(seed + 2)
    generate = 0.0
    started = time.perf_counter()
    async with sessionmaker() as session:
        repos = Repos(session)
        version = await repos.content.active_one("questionnaire", QUESTIONNAIRE)
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
                    "full_name": _name(rng),
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
            roles.append({"user_id": user_id, "role": "teacher"})
        generate += time.perf_counter() - g0
        await _insert(session, User, users)
        await _insert(session, UserSubject, subjects)
        await _insert(session, UserRole, roles)

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
            await _insert(session, DiagnosisAttempt, attempts)
            # The big one as a Core insert, answered_at left to its server default: ~2× faster.
            await _insert(session, DiagnosisAnswer.__table__, answers)
            await _insert(session, DiagnosisResult, results)
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
        region_agg: service.Aggregate | None = None
        scopes: list[tuple[str, dict[str, Any]]] = [
            ("region", {}),
            (f"municipality «{muni_name}»", {"municipality_id": muni_id}),
            (f"subject «{subject}»", {"subject": subject}),
        ]
        for scope_label, scope in scopes:

            async def aggregate(repos: Repos, scope: dict[str, Any] = scope) -> service.Aggregate | None:
                return await diagnosis_service(repos, clock=utc_now, timezone="Europe/Moscow").aggregate(
                    QUESTIONNAIRE, **scope
                )

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
            data = results_xlsx(questionnaire, results, settings.default_timezone, _)
            build.append(time.perf_counter() - t0)
            size = len(data)
        rows.append(Row("results_xlsx (handlers.diagnosis_staff)", build, f"{kib(size)}"))
        rows.append(Row("  export total (fetch + XLSX)", [a + b for a, b in zip(fetch, build, strict=True)]))
        png_times: list[float] = []
        png_size = 0
        text_times: list[float] = []
        for _run in range(repeat):
            t0 = time.perf_counter()
            screens.aggregate_text(region_agg, _("stats-region"), _)
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


# ---------------------------------------------------------------------------- running


async def main_async(args: argparse.Namespace) -> int:
    quiet_logging()
    parts = set(args.only or ("answers", "results", "staff"))
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
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
    say(
        f"\nTotal wall time {time.perf_counter() - overall:.0f} s; process peak RSS (ru_maxrss) "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )
    if errors.records:
        problems.append(f"{len(errors.records)} errors logged:")
        problems += [f"  {line}" for line in errors.records[:5]]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    return 0


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

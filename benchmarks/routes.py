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
   (UserMiddleware's query), the route with its steps and evidence, ``handlers.routes.view_of`` and
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
import contextlib
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any

from aiogram.types import InlineKeyboardMarkup
from sqlalchemy import delete, func, insert, select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

import bot.jobs
import bot.scheduler
from benchmarks.diagnosis import capture_errors, prepare_content, register_teachers, reset_postgres, say
from benchmarks.harness import BOT_ID, MemoryMonitor, MemoryStats, SqlProbe, bench_settings, mib, percentile
from benchmarks.harness import quiet_logging as quiet
from bot.app import build_app
from bot.config import Settings
from bot.domain.diagnostics import AreaResult, Catalogue, Level, Questionnaire, Recommendation
from bot.domain.routes import (
    NEAR_DAYS,
    NUDGE_EVERY,
    Due,
    DueStep,
    StepStatus,
    build_proposal,
    reminder_plan,
    route_period,
    step_due,
)
from bot.domain.time import is_quiet, local_today
from bot.i18n import I18n
from bot.scheduler import JobRuntime
from bot.services import accounts, content
from bot.services import routes as service
from bot.services.directory import ensure_sample_directory
from bot.ui.diagnosis import TEXT_LIMIT
from bot.ui.routes import PAGE, RouteView, route_screen, step_screen
from handlers import setup_routers
from handlers.routes import view_of
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade
from storage.models import (
    MethodistAssignment,
    Municipality,
    Route,
    RouteReminder,
    RouteStep,
    School,
    User,
    UserRole,
)
from storage.repositories import Repos
from storage.repositories.routes import DueRow, RouteRepo
from tests.fakes import FakeSession, FakeTelegram

NOW = datetime(2026, 11, 17, 11, 30, tzinfo=UTC)
DEFAULT_TZ = "Europe/Moscow"
QUESTIONNAIRE = "general"
# Municipalities (the last ones of the demo directory, by id) moved to other time zones.
OTHER_ZONES = (("Asia/Yekaterinburg", 2), ("Asia/Vladivostok", 2))
TELEGRAM_TEXT = 4096
CALLBACK_BYTES = 64
OPEN_ROUTES = frozenset({"submitted", "returned", "approved"})
OPEN_STEPS = frozenset({StepStatus.PLANNED.value, StepStatus.IN_PROGRESS.value})

_NAMES = (
    "Иванова Мария Петровна",
    "Смирнова Анна Сергеевна",
    "Кузнецова Елена Викторовна",
    "Соколова Ольга Ивановна",
    "Попова Наталья Андреевна",
    "Лебедева Татьяна Юрьевна",
    "Козлова Светлана Олеговна",
    "Новикова Ирина Петровна",
)

# ---------------------------------------------------------------------------- output


@dataclass
class Row:
    label: str
    values: list[float]  # seconds
    note: str = ""
    unit: str = "ms"  # µs | ms | s


_SCALE = {"µs": 1e6, "ms": 1e3, "s": 1.0}


def _num(value: float, unit: str) -> str:
    if value != value:  # NaN
        return "n/a"
    scaled = value * _SCALE[unit]
    return f"{scaled:.2f}" if scaled < 10 else f"{scaled:.1f}"


def table(header: Sequence[str], cells: Sequence[Sequence[str]], *, left: int = 1) -> str:
    """Columns padded; the first `left` and the last one left-aligned, the rest right-aligned."""
    widths = [max(len(row[i]) for row in (header, *cells)) for i in range(len(header) - 1)]

    def line(row: Sequence[str]) -> str:
        parts = [
            c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=False))
        ]
        return "  ".join([*parts, row[-1]]).rstrip()

    return "\n".join([line(header), "-" * len(line(header)), *(line(c) for c in cells)])


def format_rows(rows: Sequence[Row]) -> str:
    header = ("measurement", "n", "median", "p95", "min", "max", "unit", "note")
    cells = [
        (
            r.label,
            str(len(r.values)),
            _num(statistics.median(r.values), r.unit) if r.values else "n/a",
            _num(percentile(r.values, 95), r.unit),
            _num(min(r.values), r.unit) if r.values else "n/a",
            _num(max(r.values), r.unit) if r.values else "n/a",
            r.unit,
            r.note,
        )
        for r in rows
    ]
    return table(header, cells)


def utf16(text_: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text_.encode("utf-16-le")) // 2


def callback_sizes(markup: InlineKeyboardMarkup | None) -> list[int]:
    if markup is None:
        return []
    return [len((b.callback_data or "").encode()) for row in markup.inline_keyboard for b in row]


# ---------------------------------------------------------------------------- shared setup


def load_content() -> tuple[Questionnaire, Catalogue]:
    """The shipped general questionnaire and catalogue, parsed as ``content.sync_files`` parses them."""
    folder = content.CONTENT_DIR
    parsed_q = content.parse_content(
        (folder / "questionnaires" / f"{QUESTIONNAIRE}.yaml").read_text(encoding="utf-8"), "general.yaml"
    )
    parsed_c = content.parse_content(
        (folder / "recommendations.yaml").read_text(encoding="utf-8"), "recommendations.yaml"
    )
    if parsed_q.questionnaire is None or parsed_c.catalogue is None:
        raise RuntimeError(f"content problems: {parsed_q.errors + parsed_c.errors}")
    return parsed_q.questionnaire, parsed_c.catalogue


# Levels of the six general areas: two high deficits, three medium, one low (a typical teacher).
LEVELS = (Level.HIGH, Level.MEDIUM, Level.LOW, Level.HIGH, Level.MEDIUM, Level.MEDIUM)
SCORES = (38.9, 61.1, 83.3, 44.4, 66.7, 72.2)


def area_results(questionnaire: Questionnaire) -> list[AreaResult]:
    return [
        AreaResult(area.id, area.title, score, level, len(area.items), len(area.items))
        for area, level, score in zip(questionnaire.areas, LEVELS, SCORES, strict=False)
    ]


async def finished_attempt(repos: Repos, user: User, questionnaire: Questionnaire, when: datetime) -> int:
    """A finished general attempt with the six results of :func:`area_results`."""
    version = await repos.content.active_one("questionnaire", QUESTIONNAIRE)
    assert version is not None
    attempt = await repos.diagnosis.create_attempt(user.id, version)
    attempt.started_at = when - timedelta(minutes=25)
    await repos.diagnosis.finish(
        attempt,
        [(r.area, r.score, r.level.value if r.level else None) for r in area_results(questionnaire)],
        when,
    )
    return attempt.id


async def _insert(session: AsyncSession, model: Any, rows: list[dict[str, Any]], chunk: int = 10_000) -> None:
    table_ = model.__table__ if hasattr(model, "__table__") else model
    for start in range(0, len(rows), chunk):
        await session.execute(insert(table_), rows[start : start + chunk])


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


# ---------------------------------------------------------------------------- 2. route screen

COMMENTS = (
    "Хороший выбор курса. Обратите внимание на модуль по формирующему оцениванию — он пригодится "
    "для открытого урока в декабре.",
    "Сроки стоит сдвинуть: стажировка в «Школе № 15» начинается только во второй четверти.",
    "Прошу приложить конспект урока и самоанализ, а не только сертификат.",
    "Предлагаю объединить этот шаг с консультацией по цифровым инструментам — темы пересекаются.",
    "Отличная идея. Поделитесь результатами на заседании методического объединения.",
    "Уточните, пожалуйста, формат: очно или дистанционно? От этого зависит, кто будет наставником.",
)


@dataclass
class Shape:
    """What a stored step looks like."""

    status: StepStatus
    start: date
    end: date
    evidence: int = 0
    comment: str | None = None
    title: str | None = None  # the teacher's own step; None = from the catalogue


def realistic_shapes(today: date, period: tuple[date, date]) -> list[Shape]:
    """30 steps over the school year: the past ones mostly done, a few overdue or dropped."""
    start, end = period
    slot = (end - start).days // 30
    shapes = []
    for k in range(30):
        s = start + timedelta(days=k * slot)
        e = s + timedelta(days=slot + 6)
        if e < today:
            status = StepStatus.DONE
            if k in (2, 4):
                status = StepStatus.IN_PROGRESS if k == 2 else StepStatus.PLANNED  # overdue
            if k == 5:
                status = StepStatus.DROPPED
        elif s <= today:
            status = StepStatus.IN_PROGRESS
        elif k in (9, 10):
            status = StepStatus.DONE  # done ahead of time
        else:
            status = StepStatus.DROPPED if k == 20 else StepStatus.PLANNED
        shapes.append(
            Shape(
                status,
                s,
                e,
                evidence=(k % 3) + 1 if status is StepStatus.DONE else 0,
                comment=COMMENTS[k % len(COMMENTS)] if k % 5 == 1 else None,
                title=f"Открытый урок по теме «Дроби» для коллег методобъединения, 6 класс (шаг {k + 1})"
                if k % 7 == 6
                else None,
            )
        )
    return shapes


def limit_shapes(today: date, period: tuple[date, date]) -> list[Shape]:
    """30 steps filled to what the bot accepts: 200-character titles, 1000-character comments,
    all overdue, 10 evidence items each."""
    start, _end = period
    filler = "Освоение современных образовательных технологий и методик "
    return [
        Shape(
            StepStatus.IN_PROGRESS,
            start,
            today - timedelta(days=1),
            evidence=10,
            comment=("Комментарий методиста: " + "необходимо доработать план шага. " * 40)[:1000],
            title=(f"{k + 1}. " + filler * 5)[: service.TITLE_MAX],
        )
        for k in range(30)
    ]


async def store_route(
    repos: Repos,
    user: User,
    attempt_id: int,
    methodist: User,
    catalogue: Catalogue,
    shapes: Sequence[Shape],
    *,
    long_evidence: bool,
) -> int:
    """An approved route with these steps, written through the repositories."""
    period = route_period(date(2026, 9, 1))
    route = await repos.routes.create(
        user_id=user.id,
        attempt_id=attempt_id,
        status="approved",
        period_start=period[0],
        period_end=period[1],
        goal="Освоить формирующее оценивание и цифровые инструменты урока; поделиться опытом с коллегами.",
    )
    recs: list[tuple[str, Level, Recommendation]] = [
        (area_id, level, rec)
        for area_id, area in catalogue.areas.items()
        for level in (Level.HIGH, Level.MEDIUM)
        for rec in area.for_level(level)
    ]
    for k, shape in enumerate(shapes):
        area_id, level, rec = recs[k % len(recs)]
        own = shape.title is not None
        step = await repos.routes.add_step(
            route,
            form=rec.form.value,
            title=shape.title if own else rec.title,
            description="" if own else rec.description,
            link=None if own else rec.link,
            hours=None if own else rec.hours,
            area=area_id,
            level=None if own else level.value,
            source="own" if own else "catalogue",
            planned_start=shape.start,
            planned_end=shape.end,
            status=shape.status.value,
        )
        step.comment = shape.comment
        if shape.status is StepStatus.DROPPED:
            step.drop_reason = "Курс перенесли на следующий год"
        if shape.status is StepStatus.DONE:
            step.done_at = datetime.combine(shape.end, datetime.min.time(), UTC)
        for n in range(shape.evidence):
            kind = ("photo", "document", "link", "text")[n % 4] if not long_evidence else "text"
            note = (
                ("Провела урок, приложила конспект и самоанализ. " * 30)[:1000]
                if long_evidence
                else "Конспект урока, самоанализ и отзыв наставника"
            )
            await repos.routes.add_evidence(
                step,
                kind=kind,
                file_id=f"AgACAgIAAxkBAAI{k:03d}{n:02d}" if kind in ("photo", "document") else None,
                file_unique_id=f"AQAD{k:03d}{n:02d}" if kind in ("photo", "document") else None,
                file_name="Удостоверение_о_повышении_квалификации.pdf" if kind == "document" else None,
                mime_type="application/pdf" if kind == "document" else None,
                file_size=245_000 if kind in ("photo", "document") else None,
                text="https://edu.example.ru/materials/lesson-plan" if kind == "link" else note,
            )
    await repos.routes.update(
        route,
        submitted_at=NOW - timedelta(days=70),
        reviewed_at=NOW - timedelta(days=68),
        approved_at=NOW - timedelta(days=68),
        reviewer_id=methodist.id,
        review_comment="Маршрут согласован. Не забывайте прикладывать подтверждения.",
    )
    return route.id


@dataclass
class ScreenCheck:
    label: str
    max_text: int = 0
    max_utf16: int = 0
    max_callback: int = 0
    clipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def take(self, where: str, screen: tuple[str, InlineKeyboardMarkup | None]) -> None:
        text_, markup = screen
        self.max_text = max(self.max_text, len(text_))
        self.max_utf16 = max(self.max_utf16, utf16(text_))
        self.max_callback = max([self.max_callback, *callback_sizes(markup)])
        if text_.endswith("\n…"):
            self.clipped.append(where)

    @property
    def ok(self) -> bool:
        return self.max_utf16 <= TELEGRAM_TEXT and self.max_callback <= CALLBACK_BYTES

    def line(self) -> str:
        verdict = "OK" if self.ok else "OVER THE LIMIT"
        clipped = f"; cut by clip() at {TEXT_LIMIT}: {', '.join(self.clipped)}" if self.clipped else ""
        return (
            f"{self.label}: longest text {self.max_text} chars ({self.max_utf16} UTF-16 units, limit "
            f"{TELEGRAM_TEXT}), longest callback_data {self.max_callback} B (limit {CALLBACK_BYTES}) — "
            f"{verdict}{clipped}"
        )


def visible_steps(screen_text: str, route: Route, page: int) -> int:
    chunk = route.steps[page * PAGE : (page + 1) * PAGE]
    return sum(1 for s in chunk if escape(s.title) in screen_text)


async def bench_screen(
    sessionmaker: async_sessionmaker[AsyncSession],
    engine: AsyncEngine,
    questionnaire: Questionnaire,
    catalogue: Catalogue,
    settings: Settings,
    runs: int,
    rng: random.Random,
) -> tuple[list[Row], list[str]]:
    _ = I18n(settings.default_locale).get("ru")
    rows: list[Row] = []
    notes: list[str] = []
    teacher_tg, limits_tg, methodist_tg = 820_000_001, 820_000_002, 820_000_003
    await register_teachers(
        sessionmaker, [teacher_tg, limits_tg, methodist_tg], rng, NOW - timedelta(days=90)
    )
    async with sessionmaker() as session:
        repos = Repos(session)
        teacher = await repos.users.by_tg_id(teacher_tg)
        limits_teacher = await repos.users.by_tg_id(limits_tg)
        methodist = await repos.users.by_tg_id(methodist_tg)
        assert teacher is not None and limits_teacher is not None and methodist is not None
        await repos.users.add_role(methodist, "methodist", scope_municipality_id=None, granted_by_tg_id=None)
        today = local_today(NOW, service.teacher_timezone(teacher, settings.default_timezone))
        period = route_period(date(2026, 9, 1))
        route_ids = {}
        for who, shapes, long_evidence in (
            (teacher, realistic_shapes(today, period), False),
            (limits_teacher, limit_shapes(today, period), True),
        ):
            attempt_id = await finished_attempt(repos, who, questionnaire, NOW - timedelta(days=80))
            await repos.assignments.assign(who.id, methodist.id, "staff", NOW - timedelta(days=75))
            route_ids[who.tg_id] = await store_route(
                repos, who, attempt_id, methodist, catalogue, shapes, long_evidence=long_evidence
            )
        await repos.commit()

    async def load(tg_id: int) -> tuple[RouteView, float, float, float, int]:
        async with sessionmaker() as session:
            repos = Repos(session)
            with SqlProbe(engine) as probe:
                t0 = time.perf_counter()
                user = await repos.users.by_tg_id(tg_id)
                assert user is not None
                t1 = time.perf_counter()
                route = await service.own_route(repos, user, route_ids[tg_id])
                t2 = time.perf_counter()
                view = await view_of(repos, route, user, settings, NOW)
                t3 = time.perf_counter()
        return view, t1 - t0, t2 - t1, t3 - t2, probe.statements

    t_user: list[float] = []
    t_route: list[float] = []
    t_view: list[float] = []
    t_screen: list[float] = []
    sql: list[int] = []
    view: RouteView | None = None
    for _run in range(runs):
        view, a, b, c, statements = await load(teacher_tg)
        t0 = time.perf_counter()
        route_screen(view, 0, _)
        t_screen.append(time.perf_counter() - t0)
        t_user.append(a)
        t_route.append(b)
        t_view.append(c)
        sql.append(statements)
    assert view is not None
    steps = view.route.steps
    counts = Counter(s.status for s in steps)
    overdue = sum(
        1 for s in steps if step_due(s.planned_end, StepStatus(s.status), view.today) is Due.OVERDUE
    )
    evidence = sum(len(s.evidence) for s in steps)
    rows.append(
        Row(
            "handler path: user + route + view_of + route_screen",
            [a + b + c + d for a, b, c, d in zip(t_user, t_route, t_view, t_screen, strict=True)],
            f"fresh session each; {statistics.median(sql):.0f} SQL statements; no Bot API call",
        )
    )
    rows.append(
        Row(
            "  view_of + route_screen (page 1)",
            [c + d for c, d in zip(t_view, t_screen, strict=True)],
            "what the brief calls DB load + render",
        )
    )
    rows.append(Row("    view_of (methodist, area titles, basis)", t_view))
    rows.append(Row("  users.by_tg_id (UserMiddleware)", t_user))
    rows.append(Row("  own_route (route + selectin steps + evidence)", t_route, f"{len(steps)} steps"))
    notes.append(
        f"Route of {len(steps)} steps: "
        + ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
        + f"; {overdue} overdue, {sum(1 for s in steps if s.comment)} with a methodist's comment, "
        f"{evidence} evidence items"
    )

    pages = (len(steps) + PAGE - 1) // PAGE
    alone: list[float] = []
    for _run in range(runs * 10):
        t0 = time.perf_counter()
        route_screen(view, 0, _)
        alone.append(time.perf_counter() - t0)
    rows.append(Row("route_screen alone (loaded RouteView, page 1)", alone, f"{pages} pages of {PAGE}", "µs"))
    per_step: list[float] = []
    for _run in range(max(1, runs // 2)):
        for step in steps:
            t0 = time.perf_counter()
            step_screen(step, view, 0, _)
            per_step.append(time.perf_counter() - t0)
    rows.append(Row("step_screen (each of the 30 steps)", per_step, "", "µs"))

    for label, tg_id in (("realistic route", teacher_tg), ("route at the input limits", limits_tg)):
        loaded = view if tg_id == teacher_tg else (await load(tg_id))[0]
        check = ScreenCheck(label)
        for page in range(pages):
            screen = route_screen(loaded, page, _)
            check.take(f"page {page + 1}", screen)
            shown = visible_steps(screen[0], loaded.route, page)
            if shown < len(loaded.route.steps[page * PAGE : (page + 1) * PAGE]):
                check.notes.append(f"page {page + 1} shows {shown} of {PAGE} steps in its text")
        for index, step in enumerate(loaded.route.steps):
            check.take(f"step {index + 1}", step_screen(step, loaded, 0, _))
        notes.append(check.line())
        if len(check.clipped) > 6:
            where = ", ".join(check.clipped[:3]) + f" … ({len(check.clipped)} screens)"
            notes[-1] = notes[-1].split("; cut by clip()")[0] + f"; cut by clip() at {TEXT_LIMIT}: {where}"
        notes += [f"  {n}" for n in check.notes]
        if not check.ok:
            raise AssertionError(check.line())
    return rows, notes


# ---------------------------------------------------------------------------- 3. the sweep

PERIOD = (date(2026, 9, 1), date(2027, 5, 31))
SLOT = 45  # days per step: 6 steps over the school year
STATUS_WEIGHTS = (("approved", 62), ("submitted", 20), ("returned", 3), ("draft", 10), ("carried_out", 5))
CHUNK = 5000


@dataclass
class Seeded:
    routes: int = 0
    steps: int = 0
    reminders: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    due_routes: int = 0  # open routes with a step due by the teacher's local date
    unreachable: int = 0  # teachers marked unreachable (their routes must be skipped)
    due_ignored: int = 0  # drafts with a step that would be due
    examined: int = 0  # routes the sweep's query should return
    expected: dict[int, frozenset[tuple[int, str]]] = field(default_factory=dict)
    zone: dict[int, str] = field(default_factory=dict)  # route -> time zone (examined routes)
    zones: Counter[str] = field(default_factory=Counter)  # teachers per zone
    tg_ids: dict[int, int] = field(default_factory=dict)  # route -> tg id (expected nudges)
    generate_seconds: float = 0.0
    insert_seconds: float = 0.0
    methodist_id: int | None = None


def _weighted(rng: random.Random, weights: Sequence[tuple[str, int]]) -> str:
    return rng.choices([w[0] for w in weights], [w[1] for w in weights])[0]


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


async def seed_sweep(
    sessionmaker: async_sessionmaker[AsyncSession],
    routes: int,
    seed: int,
    *,
    job: bool = False,
    tg_base: int = 700_000_001,
    unreachable: float = 0.0,
) -> Seeded:
    """``routes`` teachers with one route each (see the module docstring), by bulk inserts.

    ``job``: every route approved with one overdue step, no earlier reminders, Moscow time.
    """
    rng = random.Random(seed)
    out = Seeded()
    started = time.perf_counter()
    async with sessionmaker() as session:
        repos = Repos(session)
        await ensure_sample_directory(repos)
        await session.flush()
        muni_ids = list(await session.scalars(select(Municipality.id).order_by(Municipality.id)))
        if not job:
            moved = muni_ids[-sum(n for _z, n in OTHER_ZONES) :]
            for zone, n in OTHER_ZONES:
                ids, moved = moved[:n], moved[n:]
                await session.execute(
                    update(Municipality).where(Municipality.id.in_(ids)).values(timezone=zone)
                )
        zone_of = dict((await session.execute(select(Municipality.id, Municipality.timezone))).all())
        schools = [
            (s.id, s.municipality_id) for s in await session.scalars(select(School).order_by(School.id))
        ]
        _q, catalogue = load_content()
        recs = [
            (area_id, level, rec)
            for area_id, area in catalogue.areas.items()
            for level in (Level.HIGH, Level.MEDIUM)
            for rec in area.for_level(level)
        ]
        horizon = NOW.date() + timedelta(days=NEAR_DAYS + 1)
        nudged_before = NOW - NUDGE_EVERY
        fresh_after = NOW - service.CLAIM_TIMEOUT
        step_id = 0
        for chunk_start in range(0, routes, CHUNK):
            g0 = time.perf_counter()
            users: list[dict[str, Any]] = []
            roles: list[dict[str, Any]] = []
            route_rows: list[dict[str, Any]] = []
            step_rows: list[dict[str, Any]] = []
            reminder_rows: list[dict[str, Any]] = []
            for i in range(chunk_start, min(routes, chunk_start + CHUNK)):
                uid = i + 1
                lost = rng.random() < unreachable  # blocked the bot: Telegram answered 403 earlier
                out.unreachable += lost
                school_id, muni_id = rng.choice(schools) if rng.random() >= 0.03 else (None, None)
                tz = zone_of.get(muni_id, DEFAULT_TZ) if muni_id is not None else DEFAULT_TZ
                out.zones[tz] += 1
                today = local_today(NOW, tz)
                registered = NOW - timedelta(days=rng.randint(80, 120))
                users.append(
                    {
                        "id": uid,
                        "tg_id": tg_base + i,
                        "locale": "ru",
                        "consent_at": registered,
                        "consent_version": accounts.CONSENT_VERSION,
                        "full_name": rng.choice(_NAMES),
                        "municipality_id": muni_id,
                        "school_id": school_id,
                        "position": "teacher",
                        "experience_years": rng.randint(0, 35),
                        "birth_year": rng.randint(1960, 2002),
                        "category": "first",
                        "registered_at": registered,
                        "unreachable_at": NOW - timedelta(days=rng.randint(1, 60)) if lost else None,
                    }
                )
                roles.append({"user_id": uid, "role": "teacher"})
                status = "approved" if job else _weighted(rng, STATUS_WEIGHTS)
                out.statuses[status] += 1
                shift = rng.randint(-25, 25)
                steps: list[tuple[int, date, str]] = []
                for k in range(6):
                    step_id += 1
                    ps = PERIOD[0] + timedelta(days=max(0, k * SLOT + shift))
                    pe = min(ps + timedelta(days=SLOT - 1), PERIOD[1])
                    if status == "carried_out":
                        st = "done"
                    elif status == "draft":
                        st = "planned"
                    elif job and k == 0:
                        st = "in_progress"  # overdue
                    elif pe < today:
                        r = rng.random()
                        st = "done" if r < 0.90 else "dropped" if r < 0.95 else rng.choice(sorted(OPEN_STEPS))
                    elif ps <= today:
                        st = "in_progress" if rng.random() < 0.5 else "planned"
                    else:
                        st = "planned"
                    area_id, level, rec = recs[(i * 6 + k) % len(recs)]
                    step_rows.append(
                        {
                            "id": step_id,
                            "route_id": uid,
                            "position": k + 1,
                            "form": rec.form.value,
                            "title": rec.title,
                            "description": rec.description,
                            "link": rec.link,
                            "hours": rec.hours,
                            "area": area_id,
                            "level": level.value,
                            "source": "catalogue",
                            "planned_start": ps,
                            "planned_end": pe,
                            "status": st,
                            "started_at": _at(ps) if st in ("in_progress", "done") else None,
                            "done_at": _at(pe - timedelta(days=2)) if st == "done" else None,
                            "drop_reason": "time" if st == "dropped" else None,
                        }
                    )
                    steps.append((step_id, pe, st))
                # Earlier reminders: (step, kind) -> (claimed_at, sent_at, failed)
                earlier: dict[tuple[int, str], tuple[datetime, datetime | None, str | None]] = {}
                if status in OPEN_ROUTES and not job:
                    for sid, pe, st in steps:
                        due = step_due(pe, StepStatus(st), today)
                        if st == "done" and pe < today and rng.random() < 0.12:
                            sent = _at(pe - timedelta(days=2))
                            earlier[(sid, "near")] = (sent, sent, None)
                        elif due is Due.OVERDUE:
                            r = rng.random()
                            near_sent = _at(pe - timedelta(days=2))
                            if r < 0.55:
                                earlier[(sid, "near")] = (near_sent, near_sent, None)
                            if 0.35 <= r < 0.55:
                                sent = _at(pe + timedelta(days=1), 9)
                                earlier[(sid, "overdue")] = (sent, sent, None)
                            elif 0.55 <= r < 0.62:  # stale claim: the process died before sending
                                earlier[(sid, "overdue")] = (NOW - timedelta(minutes=30), None, None)
                            elif 0.62 <= r < 0.66:  # a sweep is sending it right now
                                earlier[(sid, "overdue")] = (NOW - timedelta(minutes=3), None, None)
                            elif 0.66 <= r < 0.69:
                                at = _at(pe + timedelta(days=1), 9)
                                earlier[(sid, "overdue")] = (
                                    at,
                                    None,
                                    "forbidden: bot was blocked by the user",
                                )
                        elif due is Due.NEAR and rng.random() < 0.05:
                            sent = NOW - timedelta(days=1)
                            earlier[(sid, "near")] = (sent, sent, None)
                sent_times = [at for _c, at, _f in earlier.values() if at is not None]
                last_nudge = max(sent_times) if sent_times else None
                for (sid, kind), (claimed, sent_at, failed) in earlier.items():
                    reminder_rows.append(
                        {
                            "route_id": uid,
                            "step_id": sid,
                            "kind": kind,
                            "claimed_at": claimed,
                            "sent_at": sent_at,
                            "failed": failed,
                        }
                    )
                    fresh = claimed > fresh_after
                    state = (
                        "sent"
                        if sent_at
                        else "failed"
                        if failed
                        else "fresh claim"
                        if fresh
                        else "stale claim"
                    )
                    out.reminders[state] += 1
                route_rows.append(
                    {
                        "id": uid,
                        "user_id": uid,
                        "attempt_id": None,
                        "status": status,
                        "goal": None
                        if status == "draft"
                        else "Развить предметные и методические компетенции",
                        "period_start": PERIOD[0],
                        "period_end": PERIOD[1],
                        "submitted_at": None if status == "draft" else _at(PERIOD[0] + timedelta(days=5)),
                        "approved_at": _at(PERIOD[0] + timedelta(days=8))
                        if status in ("approved", "carried_out")
                        else None,
                        "completed_at": NOW - timedelta(days=3) if status == "carried_out" else None,
                        "last_nudge_at": last_nudge,
                    }
                )
                # What the sweep must do with this route.
                any_due = any(step_due(pe, StepStatus(st), today) is not None for _s, pe, st in steps)
                if status == "draft" and any_due:
                    out.due_ignored += 1
                if status not in OPEN_ROUTES:
                    continue
                out.due_routes += any_due
                candidates = [(s, pe, st) for s, pe, st in steps if st in OPEN_STEPS and pe <= horizon]
                if lost or not candidates or (last_nudge is not None and last_nudge > nudged_before):
                    continue
                out.examined += 1
                out.zone[uid] = tz
                already = {
                    (sid, Due(kind))
                    for (sid, kind), (claimed, sent_at, failed) in earlier.items()
                    if sent_at is not None or failed is not None or claimed > fresh_after
                }
                plan = reminder_plan(
                    (DueStep(s, pe, StepStatus(st)) for s, pe, st in candidates),
                    already,
                    last_nudge_at=last_nudge,
                    now=NOW,
                    timezone=tz,
                )
                if plan:
                    out.expected[uid] = frozenset((sid, due.value) for sid, due in plan)
                    out.tg_ids[uid] = tg_base + i
            out.generate_seconds += time.perf_counter() - g0
            await _insert(session, User, users)
            await _insert(session, UserRole, roles)
            await _insert(session, Route, route_rows)
            await _insert(session, RouteStep, step_rows)
            await _insert(session, RouteReminder, reminder_rows)
            out.routes += len(route_rows)
            out.steps += len(step_rows)
        if not job:
            # A methodist accompanying 85 teachers of one municipality (seed 004: one per ~85).
            methodist_id = routes + 1
            await _insert(
                session,
                User,
                [
                    {
                        "id": methodist_id,
                        "tg_id": tg_base + routes,
                        "locale": "ru",
                        "consent_at": NOW - timedelta(days=200),
                        "consent_version": accounts.CONSENT_VERSION,
                        "full_name": "Методист Ольга Николаевна",
                        "registered_at": NOW - timedelta(days=200),
                    }
                ],
            )
            await _insert(session, UserRole, [{"user_id": methodist_id, "role": "methodist"}])
            teachers = list(
                await session.scalars(
                    select(User.id).where(User.municipality_id == muni_ids[0], User.id <= routes).limit(85)
                )
            )
            await _insert(
                session,
                MethodistAssignment,
                [
                    {"teacher_id": t, "methodist_id": methodist_id, "source": "auto", "assigned_at": NOW}
                    for t in teachers
                ],
            )
            out.methodist_id = methodist_id
        if session.bind is not None and session.bind.dialect.name == "postgresql":
            # Explicit ids do not move the sequences; the bot's own inserts must not collide.
            for name in ("users", "routes", "route_steps"):
                await session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"
                    )
                )
        await session.commit()
    out.insert_seconds = time.perf_counter() - started - out.generate_seconds
    return out


class TimedRouteRepo(RouteRepo):
    """The real repository, with the time and rows of each sweep query added up."""

    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session)
        self.pages = 0
        self.rows = 0
        self.routes = 0
        self.claims = 0
        self.seconds: defaultdict[str, float] = defaultdict(float)

    async def due_rows(
        self, *, horizon: date, nudged_before: datetime, after_route_id: int, limit: int
    ) -> list[DueRow]:
        t0 = time.perf_counter()
        rows = await super().due_rows(
            horizon=horizon, nudged_before=nudged_before, after_route_id=after_route_id, limit=limit
        )
        self.seconds["due_rows"] += time.perf_counter() - t0
        self.pages += 1
        self.rows += len(rows)
        self.routes += len({r.route_id for r in rows})
        return rows

    async def reminded(self, route_ids: Any, *, fresh_after: datetime) -> set[tuple[int, str]]:
        t0 = time.perf_counter()
        found = await super().reminded(route_ids, fresh_after=fresh_after)
        self.seconds["reminded"] += time.perf_counter() - t0
        return found

    async def claim(
        self, items: Sequence[tuple[int, int, str]], now: datetime, *, stale_before: datetime
    ) -> dict[tuple[int, str], int]:
        t0 = time.perf_counter()
        ids = await super().claim(items, now, stale_before=stale_before)
        self.seconds["claim"] += time.perf_counter() - t0
        self.claims += len(items)
        return ids


@dataclass
class Sweep:
    nudges: list[service.Nudge]
    seconds: float  # claim_reminders
    commit: float
    statements: int
    write_hold: float  # first write → COMMIT/ROLLBACK (s); NaN when nothing was written
    repo: TimedRouteRepo
    memory: MemoryStats


class Writer:
    """A bot update's write meanwhile: one row UPDATE + COMMIT in its own session every 50 ms."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self.sessionmaker = sessionmaker
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while not self._stop.is_set():
            t0 = time.perf_counter()
            try:
                async with self.sessionmaker() as session:
                    await session.execute(update(User).where(User.id == 1).values(locale="ru"))
                    await session.commit()
            except Exception as exc:  # "database is locked" after busy_timeout
                self.errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0]}")
            self.latencies.append(time.perf_counter() - t0)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), 0.05)

    def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task

    def summary(self) -> str:
        slow = sum(1 for x in self.latencies if x >= 1)
        errors = f"; {len(self.errors)} failed ({self.errors[0]})" if self.errors else ""
        return (
            f"{len(self.latencies)} one-row writes + COMMIT from other sessions meanwhile: p50 "
            f"{percentile(self.latencies, 50) * 1e3:.1f} ms, max {percentile(self.latencies, 100):.2f} s, "
            f"{slow} took ≥ 1 s{errors}"
        )


async def run_sweep(
    sessionmaker: async_sessionmaker[AsyncSession],
    engine: AsyncEngine,
    *,
    keep: bool,
    trace: bool = False,
    writer: Writer | None = None,
) -> Sweep:
    async with MemoryMonitor(trace=trace) as monitor:
        with SqlProbe(engine) as probe:
            async with sessionmaker() as session:
                repos = Repos(session)
                repo = repos.routes = TimedRouteRepo(session)
                if writer is not None:
                    writer.start()
                t0 = time.perf_counter()
                nudges = await service.claim_reminders(repos, NOW, DEFAULT_TZ)
                t1 = time.perf_counter()
                await repos.commit()  # the sweep commits page by page; this one is empty
                t2 = time.perf_counter()
                if writer is not None:
                    await writer.stop()
                if not keep:
                    # Undo the claims (the sweep committed them page by page), as if it never ran.
                    await session.execute(delete(RouteReminder).where(RouteReminder.claimed_at == NOW))
                    await session.commit()
    assert monitor.stats is not None
    hold = max(probe.write_holds) if probe.write_holds else float("nan")
    statements = probe.statements - (len(writer.latencies) if writer is not None else 0)
    return Sweep(nudges, t1 - t0, t2 - t1, statements, hold, repo, monitor.stats)


def check_nudges(nudges: Sequence[service.Nudge], seeded: Seeded) -> list[str]:
    got = {n.route_id: frozenset((i.step_id, i.due.value) for i in n.items) for n in nudges}
    problems = []
    if len(got) != len(nudges):
        problems.append(f"{len(nudges) - len(got)} routes nudged twice in one sweep")
    missing = set(seeded.expected) - set(got)
    extra = set(got) - set(seeded.expected)
    wrong = [r for r in set(got) & set(seeded.expected) if got[r] != seeded.expected[r]]
    if missing or extra or wrong:
        last = max(got, default=0)
        beyond = sum(1 for r in missing if r > last)
        problems.append(
            f"nudges differ from the seeded data: {len(missing)} missing (e.g. {sorted(missing)[:3]}), "
            f"{len(extra)} unexpected (e.g. {sorted(extra)[:3]}), {len(wrong)} with other steps"
            + (
                f"; no route after id {last} was nudged, {beyond} of the missing are beyond it"
                if missing
                else ""
            )
        )
    for n in nudges:
        if len(n.reminder_ids) != len(n.items) or any(i is None for i in n.reminder_ids):
            problems.append(f"route {n.route_id}: {len(n.reminder_ids)} claims for {len(n.items)} steps")
            break
    return problems


def _mem(stats: MemoryStats) -> str:
    traced = f", tracemalloc peak {mib(stats.traced_peak)}" if stats.traced_peak is not None else ""
    rss = f"RSS +{mib(stats.rss_delta)} (peak {mib(stats.rss_peak)})"
    return f"{rss}, ru_maxrss +{mib(stats.maxrss_delta)}{traced}"


async def bench_sweep(
    label: str, url: str, routes: int, seed: int, *, trace: bool, unreachable: float
) -> tuple[list[str], list[Row], list[str]]:
    """Part 3 on one backend: (figures table lines, timing rows, notes)."""
    engine = create_engine(url)
    notes: list[str] = []
    problems: list[str] = []
    try:
        t0 = time.perf_counter()
        await upgrade(engine)
        sessionmaker = create_sessionmaker(engine)
        migrate = time.perf_counter() - t0
        seeded = await seed_sweep(sessionmaker, routes, seed, unreachable=unreachable)
        analyze = ""
        if engine.dialect.name == "postgresql":
            async with engine.begin() as conn:
                t1 = time.perf_counter()
                await conn.execute(text("ANALYZE"))
            analyze = f"; ANALYZE {time.perf_counter() - t1:.1f} s"
        open_routes = sum(n for s, n in seeded.statuses.items() if s in OPEN_ROUTES)
        kinds = ", ".join(f"{n} {k}" for k, n in seeded.reminders.most_common())
        share = seeded.due_routes / max(1, open_routes)
        notes.append(
            f"{label}: migrate {migrate:.1f} s; seeded {seeded.routes} teachers + routes, "
            f"{seeded.steps} steps, {sum(seeded.reminders.values())} earlier reminders ({kinds}) in "
            f"{seeded.generate_seconds + seeded.insert_seconds:.1f} s (generating "
            f"{seeded.generate_seconds:.1f} s, bulk inserts + commit {seeded.insert_seconds:.1f} s){analyze}"
        )
        notes.append(
            "  routes: "
            + ", ".join(f"{n} {s}" for s, n in seeded.statuses.most_common())
            + f"; teachers by zone: {', '.join(f'{z} {n}' for z, n in seeded.zones.most_common())}; "
            f"{seeded.unreachable} teachers marked unreachable (blocked the bot)"
        )
        notes.append(
            f"  {seeded.due_routes} of {open_routes} open routes ({share:.1%}; "
            f"{seeded.due_routes / seeded.routes:.1%} of all) have a step due at {NOW:%d.%m.%Y %H:%M} UTC; "
            f"{seeded.due_ignored} drafts would have one (ignored); the sweep's query should return "
            f"{seeded.examined} routes, {len(seeded.expected)} nudges expected"
        )

        figures: list[tuple[str, ...]] = []
        if trace:
            traced = await run_sweep(sessionmaker, engine, keep=False, trace=True)
            problems += check_nudges(traced.nudges, seeded)
            figures.append(
                (
                    "sweep, tracemalloc on, claims undone after",
                    f"{traced.seconds:.2f}",
                    str(len(traced.nudges)),
                    str(traced.statements),
                    _mem(traced.memory),
                )
            )
        writer = Writer(sessionmaker)
        crowded = await run_sweep(sessionmaker, engine, keep=False, writer=writer)
        figures.append(
            (
                "sweep + other sessions writing, claims undone after",
                f"{crowded.seconds + crowded.commit:.2f}",
                str(len(crowded.nudges)),
                str(crowded.statements),
                _mem(crowded.memory),
            )
        )
        first = await run_sweep(sessionmaker, engine, keep=True)
        problems += check_nudges(first.nudges, seeded)
        items = sum(len(n.items) for n in first.nudges)
        per = first.repo.seconds
        rest = first.seconds - sum(per.values())
        each = per["claim"] / max(1, first.repo.claims)
        figures.append(
            (
                "sweep: claim_reminders + commit",
                f"{first.seconds + first.commit:.2f}",
                str(len(first.nudges)),
                str(first.statements),
                _mem(first.memory),
            )
        )
        async with sessionmaker() as session:
            claimed = await session.scalar(
                select(func.count()).select_from(RouteReminder).where(RouteReminder.claimed_at == NOW)
            )
        if claimed != items:
            problems.append(f"{claimed} claims stored, {items} expected")
        by_zone = Counter(seeded.zone[n.route_id] for n in first.nudges)
        examined_by_zone = Counter(seeded.zone.values())
        notes.append(
            f"  sweep: {first.repo.routes} routes examined (expected {seeded.examined}) in "
            f"{first.repo.pages} page(s) of "
            f"≤{service.SWEEP_PAGE} ({first.repo.rows} step rows), {len(first.nudges)} nudges about "
            f"{items} steps; "
            f"nudged / examined by zone: "
            + ", ".join(
                f"{z} {by_zone.get(z, 0)}/{n}" + (" (night there)" if is_quiet(NOW, z) else "")
                for z, n in examined_by_zone.most_common()
            )
        )
        notes.append(
            f"  sweep time: due_rows {per['due_rows']:.2f} s, reminded {per['reminded']:.2f} s, claim "
            f"{per['claim']:.2f} s ({first.repo.claims} calls, {each * 1e3:.2f} ms each), plan + rest "
            f"{rest:.2f} s, commit {first.commit:.2f} s; "
            + (
                f"write transaction open {first.write_hold:.2f} s (first write → COMMIT"
                + (
                    ": SQLite's single write lock — every bot update that writes waits, busy_timeout 15 s)"
                    if engine.dialect.name == "sqlite"
                    else ")"
                )
                if first.write_hold == first.write_hold
                else "nothing written"
            )
        )

        notes.append(f"  while a sweep ran (claims undone after): {writer.summary()}")
        rate = bot.jobs.REMINDER_RATE
        pace = len(first.nudges) / rate
        notes.append(
            f"  the job sends these {len(first.nudges)} nudges at REMINDER_RATE {rate:g}/s: "
            f"≥ {pace / 60:.1f} min after the sweep (it runs every 10 min; an unsent claim counts as lost "
            f"after CLAIM_TIMEOUT = {service.CLAIM_TIMEOUT.total_seconds() / 60:.0f} min)"
        )

        # Mark every nudge sent, as the job does after each message (here in batches of 100).
        batch = 100
        batches: list[float] = []
        with SqlProbe(engine) as probe:
            t0 = time.perf_counter()
            for start in range(0, len(first.nudges), batch):
                b0 = time.perf_counter()
                async with sessionmaker() as session:
                    repos = Repos(session)
                    for nudge in first.nudges[start : start + batch]:
                        await repos.routes.reminders_sent(nudge.route_id, nudge.reminder_ids, NOW)
                    await repos.commit()
                batches.append(time.perf_counter() - b0)
            marking = time.perf_counter() - t0
        figures.append(
            (
                f"reminders_sent × {len(first.nudges)} (commit per {batch})",
                f"{marking:.2f}",
                f"{len(first.nudges) / marking:.0f}/s" if marking > 0 else "n/a",
                str(probe.statements),
                "",
            )
        )
        async with sessionmaker() as session:
            sent = await session.scalar(
                select(func.count()).select_from(RouteReminder).where(RouteReminder.sent_at == NOW)
            )
        if sent != items:
            problems.append(f"{sent} reminders marked sent, {items} expected")

        second = await run_sweep(sessionmaker, engine, keep=True)
        figures.append(
            (
                "sweep again at the same now",
                f"{second.seconds + second.commit:.2f}",
                str(len(second.nudges)),
                str(second.statements),
                _mem(second.memory),
            )
        )
        if second.nudges:
            problems.append(f"the second sweep claimed {len(second.nudges)} nudges (must be 0)")
        notes.append(
            f"  second sweep: {second.repo.routes} routes still examined ({second.repo.pages} page(s), "
            f"{second.repo.rows} step rows: reminded already, or night in their zone), due_rows "
            f"{second.repo.seconds['due_rows']:.2f} s, reminded {second.repo.seconds['reminded']:.2f} s"
        )

        rows: list[Row] = []
        if seeded.methodist_id is not None:
            seconds: list[float] = []
            statements = 0
            listed = 0
            with SqlProbe(engine) as probe:
                for _run in range(20):
                    async with sessionmaker() as session:
                        repos = Repos(session)
                        methodist = await repos.users.by_id(seeded.methodist_id)
                        assert methodist is not None
                        t0 = time.perf_counter()
                        listed = len(await service.methodist_teachers(repos, methodist, NOW, DEFAULT_TZ))
                        seconds.append(time.perf_counter() - t0)
                statements = probe.statements // 20
            rows.append(
                Row(
                    f"{label}: methodist_teachers ({listed} teachers)",
                    seconds,
                    f"fresh session each, ~{statements} SQL statements per run (incl. loading the methodist)",
                )
            )
            rows.append(
                Row(f"{label}: sweep, mark-sent batches of {batch}", batches, "reminders_sent × 100 + COMMIT")
            )
        header = ("run", "wall s", "nudges", "SQL stmts", "memory")
        lines = [f"{label}:", table(header, figures)]
        notes += [f"PROBLEM: {p}" for p in dict.fromkeys(problems)]
        return lines, rows, notes
    finally:
        await engine.dispose()


# ---------------------------------------------------------------------------- 3b. the job


async def bench_job(label: str, url: str | None, tmp: Path, routes: int, paced: int, seed: int) -> list[str]:
    """``bot.jobs.route_reminders`` end to end, the bot on FakeSession (no HTTP)."""
    fake = FakeTelegram(bot_id=BOT_ID)
    overrides: dict[str, Any] = {"database_url": url} if url else {}
    settings = bench_settings(tmp / "job.db", "http://127.0.0.1:9", **overrides)
    app = await build_app(settings, routers=setup_routers, clock=lambda: NOW, session=FakeSession(fake))
    lines: list[str] = []
    saved_rate, saved_runtime = bot.jobs.REMINDER_RATE, bot.scheduler._runtime
    try:
        seeded = await seed_sweep(app.sessionmaker, routes, seed, job=True, tg_base=730_000_001)
        rng = random.Random(seed)
        tg_ids = sorted(seeded.tg_ids.values())
        blocked = set(rng.sample(tg_ids, max(1, len(tg_ids) // 50)))
        unknown = set(rng.sample(sorted(set(tg_ids) - blocked), max(1, len(tg_ids) // 100)))
        for tg_id in tg_ids:
            if tg_id not in unknown:
                fake.add_chat(tg_id)
            if tg_id in blocked:
                fake.block_user(tg_id)
        bot.scheduler._runtime = JobRuntime(app.bot, app.sessionmaker, app.i18n, app.settings, lambda: NOW)
        expected = len(seeded.expected)

        bot.jobs.REMINDER_RATE = 1e9  # no pacing: what the job itself costs
        with capture_errors() as errors, SqlProbe(app.engine) as probe:
            t0 = time.perf_counter()
            sent = await bot.jobs.route_reminders()
            wall = time.perf_counter() - t0
        messages = len(fake.requests_for("sendMessage"))
        delivered = expected - len(blocked) - len(unknown)
        if sent != delivered or messages != expected or errors.records:
            lines.append(
                f"PROBLEM: job sent {sent} (expected {delivered}), {messages} sendMessage calls "
                f"(expected {expected}), errors: {errors.records[:3]}"
            )
        async with app.sessionmaker() as session:
            marked = await session.scalar(
                select(func.count()).select_from(RouteReminder).where(RouteReminder.sent_at.is_not(None))
            )
            failed = await session.scalar(
                select(func.count()).select_from(RouteReminder).where(RouteReminder.failed.is_not(None))
            )
        lines.append(
            f"{label}: job unpaced (REMINDER_RATE patched to 1e9): {expected} due routes → {sent} sent, "
            f"{failed} reminders failed for good ({len(blocked)} chats blocked, {len(unknown)} not found), "
            f"in {wall:.2f} s = {expected / wall:.0f} messages/s ({wall / expected * 1e3:.2f} ms per nudge: "
            f"its share of the sweep + render + sendMessage into the fake + own session and commit); "
            f"{probe.statements} SQL statements, {probe.commits} commits; {marked} reminder rows marked sent"
        )

        if paced > 0:
            async with app.sessionmaker() as session:
                await session.execute(delete(RouteReminder).where(RouteReminder.route_id <= paced))
                await session.execute(update(Route).where(Route.id <= paced).values(last_nudge_at=None))
                await session.commit()
            bot.jobs.REMINDER_RATE = saved_rate
            before = len(fake.requests_for("sendMessage"))
            t0 = time.perf_counter()
            await bot.jobs.route_reminders()
            wall = time.perf_counter() - t0
            count = len(fake.requests_for("sendMessage")) - before
            # Those who blocked the bot were marked unreachable by the first run: skipped now.
            reachable = sum(1 for r in range(1, paced + 1) if seeded.tg_ids.get(r) not in blocked)
            if count != reachable:
                lines.append(f"PROBLEM: the paced run sent {count} nudges, expected {reachable}")
            lines.append(
                f"{label}: job paced (REMINDER_RATE = {saved_rate:g}/s, the design): {count} nudges in "
                f"{wall:.2f} s = {count / wall:.1f} messages/s (the pause comes on top of each message's own "
                f"cost); {len(seeded.expected)} due would take ≥ {len(seeded.expected) / saved_rate:.0f} s"
            )
    finally:
        bot.jobs.REMINDER_RATE = saved_rate
        bot.scheduler._runtime = saved_runtime
        await app.close()
    return lines


# ---------------------------------------------------------------------------- running


async def main_async(args: argparse.Namespace) -> int:
    quiet()
    parts = set(args.only or ("proposal", "screen", "sweep", "job"))
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
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

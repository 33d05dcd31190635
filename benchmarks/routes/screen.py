"""Part 2: the route screen — realistic and limit-sized routes rendered as the handler does it."""

from __future__ import annotations

import random
import statistics
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from html import escape

from aiogram.types import InlineKeyboardMarkup
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from benchmarks.harness import SqlProbe
from benchmarks.routes.setup import (
    CALLBACK_BYTES,
    NOW,
    TELEGRAM_TEXT,
    Row,
    callback_sizes,
    finished_attempt,
    utf16,
)
from benchmarks.seed import (
    register_teachers,
)
from bot.config import Settings
from bot.domain.diagnostics import Catalogue, Level, Questionnaire, Recommendation
from bot.domain.roles import Role
from bot.domain.routes import (
    AssignmentSource,
    Due,
    RouteStatus,
    StepSource,
    StepStatus,
    route_period,
    step_due,
)
from bot.domain.time import local_today, zone_of
from bot.i18n import I18n
from bot.services import routes as service
from bot.services.container import Services
from bot.ui.diagnosis import TEXT_LIMIT
from bot.ui.routes import PAGE, RouteView, route_screen, step_screen
from storage.models import (
    Route,
    User,
)
from storage.repositories import Repos

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
        status=RouteStatus.APPROVED,
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
            form=rec.form,
            title=shape.title if own else rec.title,
            description="" if own else rec.description,
            link=None if own else rec.link,
            hours=None if own else rec.hours,
            area=area_id,
            level=None if own else level,
            source=StepSource.OWN if own else StepSource.CATALOGUE,
            planned_start=shape.start,
            planned_end=shape.end,
            status=shape.status,
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
    chunk = service.ordered_steps(route)[page * PAGE : (page + 1) * PAGE]  # pages go by planned date
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
    i18n = I18n(settings.default_locale)
    _ = i18n.get("ru")
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
        await repos.users.add_role(
            methodist, Role.METHODIST, scope_municipality_id=None, granted_by_tg_id=None
        )
        today = local_today(NOW, zone_of(teacher, settings.default_timezone))
        period = route_period(date(2026, 9, 1))
        route_ids = {}
        for who, shapes, long_evidence in (
            (teacher, realistic_shapes(today, period), False),
            (limits_teacher, limit_shapes(today, period), True),
        ):
            attempt_id = await finished_attempt(repos, who, questionnaire, NOW - timedelta(days=80))
            await repos.assignments.assign(
                who.id, methodist.id, AssignmentSource.STAFF, NOW - timedelta(days=75)
            )
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
                view = await Services.build(repos, settings, lambda: NOW, i18n).routes.view_of(route, user)
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

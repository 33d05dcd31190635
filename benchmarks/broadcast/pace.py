"""One broadcast run: seeding the recipients, enqueuing as staff do, the outbox at work, what it did."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import itertools
import math
import resource
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psutil
from sqlalchemy import func, insert, select

from benchmarks.harness import SqlProbe, bench_settings, fake_bot_api
from benchmarks.report import (
    LoopLag,
    MemoryMonitor,
    MemoryStats,
    say,
)
from bot.app import App, build_app
from bot.domain.events import BroadcastKind
from bot.i18n import I18n
from bot.outbox import RateLimiter
from bot.services import broadcasts
from bot.services.accounts import CONSENT_VERSION
from bot.services.container import Services
from bot.ui.broadcasts import broadcast_progress
from handlers import setup_routers
from handlers.events_staff import start_broadcast
from storage.db import create_engine, create_sessionmaker
from storage.models import Broadcast, OutboxMessage, School, User
from storage.repositories import Repos
from tests.fakes import FakeTelegram
from tests.fakes.telegram import RATE_LIMITED_METHODS

# Wednesday, 12:00 in Moscow: day time in the demo region, and not the Monday of the weekly digest.
BASE = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
FIRST_TG_ID = 300_000_001
STAFF_TG_ID = 299_000_001
TELEGRAM_LIMIT = 30.0  # messages per second Telegram allows a bot (free broadcasts)
PER_CHAT = 1.0  # messages per second per chat
TARGET = 0.95
TEXT = (
    "📣 <b>Региональный семинар «Формирующее оценивание на уроке»</b>\n"
    "Пятница, 27 ноября, 15:00, ИРО, ауд. 204. Запись — кнопкой в карточке события."
)


class DayClock:
    """The app's clock: real time, starting at BASE."""

    def __init__(self) -> None:
        self._started = time.monotonic()

    def __call__(self) -> datetime:
        return BASE + timedelta(seconds=time.monotonic() - self._started)


class GcWatch:
    """Python's garbage collections while active: (generation, seconds) each; they stop the loop."""

    def __init__(self) -> None:
        self.pauses: list[tuple[int, float]] = []
        self._started = 0.0

    def _callback(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append((info["generation"], time.perf_counter() - self._started))

    def __enter__(self) -> GcWatch:
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc_info: object) -> None:
        gc.callbacks.remove(self._callback)


def fake_limit_for(rate: float) -> float:
    """Telegram-like: its own 30/s below that, else (paid broadcasts) comfortably above the rate."""
    return TELEGRAM_LIMIT if rate < TELEGRAM_LIMIT else float(math.ceil(rate * 4 / 3))


# ---------------------------------------------------------------------------- one run


@dataclass
class Storm:
    bursts: int = 0  # injected bursts of 429s, evenly over the run
    count: int = 0  # 429s per burst
    retry_after: int = 2


@dataclass
class Spec:
    label: str
    rate: float
    recipients: int
    fake_global: float | None
    storm: Storm | None = None


@dataclass
class Outcome:
    spec: Spec
    seed_seconds: float = 0.0
    load_seconds: float = 0.0  # the audience query (ORM users)
    enqueue_seconds: float = 0.0  # send_to + commit
    progress_seconds: float = 0.0  # start_broadcast (progress message)
    rss_after_enqueue: int = 0
    enqueue_lags: list[float] = field(default_factory=list)
    enqueue_gc: list[tuple[int, float]] = field(default_factory=list)
    gc: list[tuple[int, float]] = field(default_factory=list)  # (generation, seconds) during delivery
    memory: MemoryStats | None = None
    total: int = 0  # the broadcast's total
    first_send: float = math.nan  # s after enqueued (as the fake saw it)
    pace_span: float = math.nan  # first → last successful sendMessage
    wall: float = math.nan  # enqueued → every row marked
    last_to_marked: float = math.nan  # last send → every row marked
    closed_after: float = math.nan  # last send → broadcast closed as done
    sent: int = 0  # successful sendMessage to recipients (fake)
    got_429: int = 0  # sendMessage 429 answers (fake)
    other_429: int = 0  # 429 answers to other calls (the progress message's edits)
    other_429_where: Counter[str] = field(default_factory=Counter)
    first_edit_after: float = math.nan  # progress message sent → the worker's first edit of it
    worker_429: int = 0
    max_window: int = 0  # most rate-limited calls the fake accepted within any 1 s
    longest_gap: float = 0.0
    latencies: list[float] = field(default_factory=list)
    loop_lags: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0
    statements: int = 0
    commits: int = 0
    enqueue_statements: int = 0
    pauses: int = 0  # RateLimiter.pauses
    pause_calls: list[tuple[float, float]] = field(default_factory=list)  # (when, seconds)
    injected_at: list[float] = field(default_factory=list)
    progress_edits: int = 0
    progress_text: str = ""
    stats: dict[str, int] = field(default_factory=dict)
    concurrency: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def pace(self) -> float:
        return (self.sent - 1) / self.pace_span if self.sent > 1 and self.pace_span > 0 else math.nan

    @property
    def end_to_end(self) -> float:
        return self.sent / self.wall if self.wall > 0 else math.nan

    @property
    def paused(self) -> float:
        """Seconds covered by at least one pause (the union of [when, when + seconds])."""
        total, reach = 0.0, -math.inf
        for start, seconds in sorted(self.pause_calls):
            end = start + seconds
            if end > reach:
                total += end - max(start, reach)
                reach = end
        return total

    @property
    def pause_periods(self) -> list[float]:
        """The pauses merged where they overlap: how long each stretch of pausing lasted."""
        periods: list[list[float]] = []
        for start, seconds in sorted(self.pause_calls):
            if periods and start <= periods[-1][1]:
                periods[-1][1] = max(periods[-1][1], start + seconds)
            else:
                periods.append([start, start + seconds])
        return [end - start for start, end in periods]


async def seed_users(app: App, count: int) -> list[int]:
    """``count`` registered teachers (bulk insert) in the demo directory's schools; their tg ids."""
    async with app.sessionmaker() as session:
        schools = (await session.execute(select(School.id, School.municipality_id).order_by(School.id))).all()
        if not schools:
            raise RuntimeError("the demo directory was not loaded")
        registered = BASE - timedelta(days=40)
        rows: list[dict[str, Any]] = []
        for i in range(count):
            school_id, municipality_id = schools[i % len(schools)]
            rows.append(
                {
                    "tg_id": FIRST_TG_ID + i,
                    "locale": "ru",
                    "consent_at": registered,
                    "consent_version": CONSENT_VERSION,
                    "full_name": f"Учитель Тестовый {i}",
                    "municipality_id": municipality_id,
                    "school_id": school_id,
                    "position": "teacher",
                    "experience_years": i % 30,
                    "birth_year": 1970 + i % 30,
                    "category": "first",
                    "registered_at": registered,
                }
            )
        for start in range(0, len(rows), 5000):
            await session.execute(insert(User), rows[start : start + 5000])
        await session.commit()
    return [FIRST_TG_ID + i for i in range(count)]


def instrument(limiter: RateLimiter, calls: list[tuple[float, float]]) -> None:
    """Note every ``pause(seconds)`` (when, seconds); the limiter itself is untouched."""
    original = limiter.pause

    def pause(seconds: float) -> None:
        calls.append((limiter.monotonic(), seconds))
        original(seconds)

    limiter.pause = pause  # type: ignore[method-assign]


async def inject(app: App, fake: FakeTelegram, spec: Spec, out: Outcome) -> None:
    storm = spec.storm
    if storm is None or storm.bursts < 1:
        return
    for k in range(1, storm.bursts + 1):
        threshold = spec.recipients * k // (storm.bursts + 1)
        # The worker's counter has no event to wait on: poll it.
        while app.outbox.stats.sent < threshold:  # noqa: ASYNC110
            await asyncio.sleep(0.002)
        fake.inject_429(retry_after=storm.retry_after, method="sendMessage", count=storm.count)
        out.injected_at.append(time.monotonic())


async def outbox_counts(observer: Any) -> Counter[str]:
    async with observer() as session:
        result = await session.execute(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        )
        return Counter({status: int(n) for status, n in result.all()})


async def wait_done(
    app: App, observer: Any, spec: Spec, enqueued: float, limit: float, progress_every: float
) -> float | None:
    """Until no row is pending or sending (None on timeout); the time it was seen."""
    stats = app.outbox.stats
    next_note = enqueued + progress_every
    deadline = enqueued + limit
    while stats.sent + stats.failed + stats.blocked < spec.recipients:
        now = time.monotonic()
        if now > deadline:
            return None
        if progress_every > 0 and now >= next_note:
            say(f"  … {spec.label}: {stats.sent}/{spec.recipients} sent after {now - enqueued:.0f} s")
            next_note += progress_every
        await asyncio.sleep(0.01)
    while True:
        counts = await outbox_counts(observer)
        now = time.monotonic()
        if counts["pending"] + counts["sending"] == 0:
            return now
        if now > deadline:
            return None
        await asyncio.sleep(0.01)


def max_in_window(times: Sequence[float], span: float = 1.0) -> int:
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while times[lo] <= t - span:
            lo += 1
        best = max(best, hi - lo + 1)
    return best


def cpu_time() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def run(tmp: Path, spec: Spec, progress_every: float) -> Outcome:
    out = Outcome(spec)
    async with fake_bot_api() as api:
        fake = api.fake
        settings = bench_settings(
            tmp / f"{spec.label.replace(' ', '-').replace('/', '-')}.db",
            api.base_url,
            broadcast_rate=spec.rate,
            throttle_burst=0,
        )
        clock = DayClock()
        app = await build_app(settings, routers=setup_routers, clock=clock)
        observer_engine = create_engine(settings.database_url)
        observer = create_sessionmaker(observer_engine)
        try:
            await app.startup()
            t0 = time.perf_counter()
            tg_ids = await seed_users(app, spec.recipients)
            out.seed_seconds = time.perf_counter() - t0
            for tg_id in tg_ids:
                fake.add_chat(tg_id)
            fake.add_chat(STAFF_TG_ID)
            fake.set_rate_limit(spec.fake_global, PER_CHAT)
            instrument(app.outbox.limiter, out.pause_calls)
            before = len(fake.requests)
            recipients = set(tg_ids)
            # The memory monitor starts (with a full gc.collect, ~0.2 s with this heap) before the
            # broadcast is enqueued, so that pause is not charged to the outbox.
            async with MemoryMonitor(trace=False) as monitor:
                with SqlProbe(app.engine) as sql, GcWatch() as gc_enqueue:
                    async with LoopLag() as enqueue_lag, app.sessionmaker() as session:
                        repos = Repos(session)
                        t0 = time.perf_counter()
                        people = await repos.events.candidates(roles=None)
                        t1 = time.perf_counter()
                        broadcast = await broadcasts.send_to(
                            repos,
                            people,
                            kind=BroadcastKind.EVENT,
                            text=TEXT,
                            markup=None,
                            now=clock(),
                            default_tz=settings.default_timezone,
                        )
                        await repos.commit()
                        enqueued = time.monotonic()
                        t2 = time.perf_counter()
                        del people
                        services = Services.build(repos, settings, clock, app.i18n)
                        await start_broadcast(app.bot, services, broadcast, STAFF_TG_ID, app.i18n, app.outbox)
                        t3 = time.perf_counter()
                        broadcast_id, out.total = broadcast.id, broadcast.total
                    out.rss_after_enqueue = psutil.Process().memory_info().rss
                    out.load_seconds, out.enqueue_seconds, out.progress_seconds = t1 - t0, t2 - t1, t3 - t2
                    out.enqueue_statements = sql.statements
                    out.enqueue_lags = list(enqueue_lag.lags)
                    out.enqueue_gc = list(gc_enqueue.pauses)
                    statements0, commits0 = sql.statements, sql.commits
                    injector = asyncio.create_task(inject(app, fake, spec, out))
                    storm_time = spec.storm.bursts * spec.storm.retry_after * 3 if spec.storm else 0
                    limit = spec.recipients / spec.rate * 2 + 60 + storm_time
                    if spec.fake_global is not None and spec.fake_global < spec.rate:
                        limit += spec.recipients / spec.fake_global * 2
                    with GcWatch() as gc_delivery:
                        async with LoopLag() as lag:
                            cpu0 = cpu_time()
                            done = await wait_done(app, observer, spec, enqueued, limit, progress_every)
                            out.cpu_seconds = cpu_time() - cpu0
                    injector.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await injector
                    out.loop_lags = list(lag.lags)
                    out.gc = list(gc_delivery.pauses)
                    out.statements, out.commits = sql.statements - statements0, sql.commits - commits0
            out.memory = monitor.stats
            # The broadcast is closed by the worker's next progress report.
            closed_at = math.nan
            for _ in range(500):
                async with observer() as session:
                    row = await session.get(Broadcast, broadcast_id)
                    assert row is not None
                    if row.status == "done":
                        closed_at = time.monotonic()
                        break
                await asyncio.sleep(0.01)
            analyse(out, fake, before, recipients, enqueued, done, closed_at)
            stats = app.outbox.stats
            out.latencies = list(stats.latencies)
            out.worker_429 = stats.rate_limited
            out.concurrency = app.outbox.concurrency
            out.pauses = app.outbox.limiter.pauses
            out.stats = {
                "sent": stats.sent,
                "failed": stats.failed,
                "blocked": stats.blocked,
                "retried": stats.retried,
                "rate_limited": stats.rate_limited,
                "recovered": stats.recovered,
            }
            await check(out, observer, broadcast_id, fake, tg_ids, done is None, app.i18n)
        finally:
            await app.close()
            await observer_engine.dispose()
    return out


def analyse(
    out: Outcome,
    fake: FakeTelegram,
    before: int,
    recipients: set[int],
    enqueued: float,
    done: float | None,
    closed_at: float,
) -> None:
    records = fake.requests[before:]
    sends = [r for r in records if r.method == "sendMessage" and r.params.get("chat_id") in recipients]
    ok = [r.timestamp for r in sends if r.ok]
    out.sent = len(ok)
    out.got_429 = sum(1 for r in sends if r.outcome == 429)
    counted = {id(r) for r in sends}
    others = [r for r in records if r.outcome == 429 and id(r) not in counted]
    out.other_429 = len(others)
    out.other_429_where = Counter(
        f"{r.method} in the staff chat" if r.params.get("chat_id") == STAFF_TG_ID else r.method
        for r in others
    )
    accepted = sorted(r.timestamp for r in records if r.ok and r.method.lower() in RATE_LIMITED_METHODS)
    out.max_window = max_in_window(accepted)
    if ok:
        out.first_send = ok[0] - enqueued
        out.pace_span = ok[-1] - ok[0]
        out.longest_gap = max((b - a for a, b in itertools.pairwise(ok)), default=0.0)
        if done is not None:
            out.wall = done - enqueued
            out.last_to_marked = done - ok[-1]
        out.closed_after = closed_at - ok[-1]
    edits = [
        r
        for r in records
        if r.method == "editMessageText" and r.params.get("chat_id") == STAFF_TG_ID and r.ok
    ]
    out.progress_edits = len(edits)
    progress_sent = [
        r.timestamp
        for r in records
        if r.method == "sendMessage" and r.ok and r.params.get("chat_id") == STAFF_TG_ID
    ]
    tried = [
        r.timestamp
        for r in records
        if r.method == "editMessageText" and r.params.get("chat_id") == STAFF_TG_ID
    ]
    if progress_sent and tried:
        out.first_edit_after = tried[0] - progress_sent[0]


async def check(
    out: Outcome,
    observer: Any,
    broadcast_id: int,
    fake: FakeTelegram,
    tg_ids: list[int],
    timed_out: bool,
    i18n: I18n,
) -> None:
    label = out.spec.label
    problems = out.problems
    if timed_out:
        problems.append(f"PROBLEM: {label}: not done in time ({out.stats or out.sent} sent)")
    per_chat = Counter(len(fake.bot_messages(tg_id)) for tg_id in tg_ids)
    lost, twice = per_chat.get(0, 0), sum(n for k, n in per_chat.items() if k > 1)
    if lost or twice:
        problems.append(
            f"PROBLEM: {label}: {lost} recipients got no message, {twice} got more than one "
            f"({dict(sorted(per_chat.items()))} recipients by messages received)"
        )
    known = set(tg_ids) | {STAFF_TG_ID}
    strangers = [
        r
        for r in fake.requests
        if r.method == "sendMessage" and r.ok and r.params.get("chat_id") not in known
    ]
    if strangers:
        problems.append(f"PROBLEM: {label}: {len(strangers)} messages to chats that are not recipients")
    staff = fake.bot_messages(STAFF_TG_ID)
    if len(staff) != 1:
        problems.append(
            f"PROBLEM: {label}: {len(staff)} messages in the staff chat, expected 1 progress message"
        )
    async with observer() as session:
        repos = Repos(session)
        row = await repos.outbox.broadcast(broadcast_id)
        assert row is not None
        delivery = await broadcasts.delivery(repos, row)
        status = row.status
        final, _markup = broadcast_progress(row, await repos.outbox.counts(broadcast_id), i18n)
    counts = await outbox_counts(observer)
    if not (delivery.sent == delivery.total == row.total == len(tg_ids)):
        problems.append(
            f"PROBLEM: {label}: broadcast counts sent {delivery.sent}, total {delivery.total} (rows) / "
            f"{row.total} (broadcast), recipients {len(tg_ids)}: {delivery}"
        )
    if counts["pending"] or counts["sending"]:
        problems.append(f"PROBLEM: {label}: outbox rows left {dict(counts)}")
    if status != "done":
        problems.append(f"PROBLEM: {label}: the broadcast is {status!r}, not closed as 'done'")
    # Staff's progress message must end up saying so (the worker's last edit follows the close).
    for _ in range(300):
        if staff and staff[-1].html == final:
            break
        await asyncio.sleep(0.01)
    out.progress_text = (staff[-1].text or "").replace("\n", " ¶ ") if staff else ""
    out.progress_edits = sum(
        1
        for r in fake.requests
        if r.method == "editMessageText" and r.ok and r.params.get("chat_id") == STAFF_TG_ID
    )
    if status == "done" and not (staff and staff[-1].html == final):
        problems.append(
            f"PROBLEM: {label}: staff's progress message still says {out.progress_text[:100]!r} after the "
            f"broadcast closed (its last edit was lost)"
        )

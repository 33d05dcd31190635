"""Broadcasts: the outbox's pace, time and memory, and its behaviour under a 429 storm.

Everything runs in ONE process and ONE event loop: the real app (``bot.app.build_app``, started
with ``App.startup`` — directory, content, commands, the scheduler and the outbox worker, no
polling) talks HTTP to the fake Bot API on 127.0.0.1 (``benchmarks.harness.fake_bot_api``).  Each
run has a fresh SQLite database in a temporary folder, ``--recipients`` registered teachers seeded
by bulk insert (schools and municipalities of the demo directory) and a chat for each in the fake.
The app's clock runs in real time from Wednesday 18.11.2026 09:00 UTC (12:00 in Moscow), so
nobody is in quiet hours and every row is due at once.  The broadcast is enqueued as staff do it:
the audience query ``repos.events.candidates`` (every registered, reachable person),
``broadcasts.send_to`` + commit, then ``handlers.events_staff.start_broadcast`` (the progress
message in a staff chat, which the outbox edits every few seconds; it wakes the outbox).

1. Pace — for each of ``--rates`` (default 25/s, the setting's default, and 300/s) the fake's
   rate limit is set to Telegram-like limits above the configured rate (global 30/s below 30/s —
   Telegram's own limit — else 4/3 of the rate, e.g. 400/s for 300/s; ``--fake-limit`` overrides;
   per chat 1/s).  Measured until every row is marked in the database: the pace as the fake saw
   it ((sent − 1) / first → last successful sendMessage) and end to end (sent / enqueued → every
   row marked), each against the configured rate (target ≥ 0.95), 429s received, the most sends
   in any 1-second window, sendMessage latency (``OutboxWorker.stats.latencies``: the HTTP round
   trip), the event loop's stalls, CPU, RSS growth (psutil, sampled every 10 ms; the process holds
   the fake's records of every message too) and the app's SQL statements (its engine only).
2. 429 storm — at ``--storm-rate`` (300/s) to ``--storm-recipients`` (3,000): (a) injected — the
   fake's limit as in part 1, and ``--storm-bursts`` times during the run the next
   ``--storm-count`` sendMessage calls answer 429 with retry_after ``--storm-retry-after`` s;
   (b) throttled — the fake's global limit set BELOW the configured rate (``--storm-limit``,
   200/s), so it answers 429 whenever the worker goes faster.  Reported: 429s, the limiter's
   pauses (``RateLimiter.pauses``) and pause calls, time paused (the union of the pauses), the
   longest gap between two sends, lost or duplicated messages and the effective rate.
3. Checks (a failure prints a PROBLEM line and exits 1): every recipient got exactly one message
   and nobody else got one, the broadcast's rows are all ``sent`` (as many as its total), no row
   of the outbox left ``pending`` / ``sending``, the broadcast closed as ``done`` and staff's progress
   message saying so (the worker's last edit of it arrived), no ERROR logged,
   the pace at least 0.95 of the configured rate and no 429 in part 1.

The 25/s run of 10,000 recipients takes 400 s by design (that is the rate), the 300/s run
~35 s, the storms ~25 s: the default run takes about 7–8 minutes.  ``--recipients`` lowers it
(e.g. 2000: ~2 minutes).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import itertools
import math
import os
import platform
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psutil
from sqlalchemy import func, insert, select

from benchmarks.diagnosis import LoopLag, capture_errors, say
from benchmarks.harness import (
    MemoryMonitor,
    MemoryStats,
    SqlProbe,
    bench_settings,
    fake_bot_api,
    mib,
    percentile,
    quiet_logging,
)
from bot.app import App, build_app
from bot.i18n import I18n
from bot.outbox import BATCH, RateLimiter
from bot.services import broadcasts
from bot.services.accounts import CONSENT_VERSION
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
                        people = await repos.events.candidates(roles=[], municipalities=[], schools=[])
                        t1 = time.perf_counter()
                        broadcast = await broadcasts.send_to(
                            repos,
                            people,
                            kind="event",
                            text=TEXT,
                            markup=None,
                            now=clock(),
                            default_tz=settings.default_timezone,
                        )
                        await repos.commit()
                        enqueued = time.monotonic()
                        t2 = time.perf_counter()
                        del people
                        await start_broadcast(app.bot, repos, broadcast, STAFF_TG_ID, app.i18n, app.outbox)
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


# ---------------------------------------------------------------------------- output


def ms(values: Sequence[float], q: float) -> str:
    return f"{percentile(values, q) * 1000:.1f}" if values else "n/a"


def gc_line(pauses: Sequence[tuple[int, float]]) -> str:
    if not pauses:
        return "no garbage collection"
    oldest = [d for g, d in pauses if g == 2]
    return (
        f"{len(pauses)} garbage collections ({len(oldest)} of generation 2, max "
        f"{max(oldest, default=0.0) * 1000:.0f} ms), max {max(d for _, d in pauses) * 1000:.0f} ms, "
        f"sum {sum(d for _, d in pauses):.2f} s"
    )


def where(out: Outcome) -> str:
    if not out.other_429_where:
        return ""
    return " (" + ", ".join(f"{n} × {what}" for what, n in out.other_429_where.most_common()) + ")"


def ratio(value: float, rate: float) -> str:
    return "n/a" if math.isnan(value) else f"{value / rate:.3f}"


def describe(out: Outcome) -> list[str]:
    spec = out.spec
    limit = "off" if spec.fake_global is None else f"{spec.fake_global:g}/s"
    m = out.memory
    memory = (
        f"RSS {mib(m.rss_before)} before the enqueue, {mib(out.rss_after_enqueue)} after it "
        f"(+{mib(out.rss_after_enqueue - m.rss_before)}), peak {mib(m.rss_peak)} until done: "
        f"+{mib(m.rss_delta)} in all; ru_maxrss +{mib(m.maxrss_delta)}"
        if m is not None
        else "n/a"
    )
    cpu = (
        f"CPU {out.cpu_seconds:.1f} s during the delivery = {out.cpu_seconds / out.wall:.0%} of one core "
        f"(bot + fake + SQLite, one process), {out.cpu_seconds / max(out.sent, 1) * 1e6:.0f} µs per message"
        if out.wall > 0
        else "CPU n/a"
    )
    return [
        f"{spec.label}: configured {spec.rate:g}/s, {spec.recipients} recipients; fake Bot API limit global "
        f"{limit}, per chat {PER_CHAT:g}/s; worker concurrency {out.concurrency}, claims of "
        f"{min(BATCH, out.concurrency)}",
        f"  seeding {spec.recipients} users (bulk insert) {out.seed_seconds:.2f} s; enqueue: audience query "
        f"(ORM users) {out.load_seconds:.2f} s + send_to + commit {out.enqueue_seconds:.2f} s, then the "
        f"progress message {out.progress_seconds * 1000:.0f} ms; {out.enqueue_statements} SQL statements; "
        f"loop stalls max {ms(out.enqueue_lags, 100)} ms; {gc_line(out.enqueue_gc)}",
        f"  sent {out.sent} (fake); first send {out.first_send * 1000:.0f} ms after the commit; "
        f"first → last send {out.pace_span:.2f} s; commit → every row marked {out.wall:.2f} s "
        f"(last send → marked {out.last_to_marked * 1000:.0f} ms, → broadcast closed as done "
        f"{out.closed_after * 1000:.0f} ms)",
        f"  achieved: pace (fake, (sent−1)/first→last) {out.pace:.2f}/s = {ratio(out.pace, spec.rate)} of "
        f"configured; end to end (sent/commit→marked) {out.end_to_end:.2f}/s = "
        f"{ratio(out.end_to_end, spec.rate)}",
        f"  429s: {out.got_429} to sendMessage (worker counted {out.worker_429}), {out.other_429} to other "
        f"calls{where(out)}; limiter pauses {out.pauses} ({len(out.pause_calls)} pause calls, "
        f"{out.paused:.2f} s paused); most calls accepted in any 1 s: {out.max_window}; "
        f"longest gap between sends {out.longest_gap * 1000:.0f} ms",
        f"  sendMessage latency (stats.latencies, n={len(out.latencies)}): p50 {ms(out.latencies, 50)} ms, "
        f"p95 {ms(out.latencies, 95)} ms, p99 {ms(out.latencies, 99)} ms, max {ms(out.latencies, 100)} ms",
        f"  event loop during the delivery: stalls p99 {ms(out.loop_lags, 99)} ms, max "
        f"{ms(out.loop_lags, 100)} ms; {gc_line(out.gc)}",
        f"  {cpu}",
        f"  memory: {memory}",
        f"  SQL (the app's engine, delivery): {out.statements} statements, {out.commits} commits = "
        f"{out.statements / max(out.sent, 1) * 1000:.0f} statements per 1000 messages",
        f"  progress message: first edit tried {out.first_edit_after * 1000:.0f} ms after it was sent; "
        f"{out.progress_edits} edits; last: {out.progress_text[:120]}",
        f"  worker stats: {out.stats}",
    ]


def table(outcomes: Sequence[Outcome]) -> str:
    header = (
        "run",
        "recipients",
        "rate/s",
        "fake limit",
        "pace/s",
        "ratio",
        "e2e/s",
        "ratio",
        "wall s",
        "429s",
        "p50 ms",
        "p95 ms",
        "RSS +MiB",
        "SQL",
    )
    rows = [
        (
            o.spec.label,
            str(o.spec.recipients),
            f"{o.spec.rate:g}",
            "off" if o.spec.fake_global is None else f"{o.spec.fake_global:g}",
            f"{o.pace:.2f}",
            ratio(o.pace, o.spec.rate),
            f"{o.end_to_end:.2f}",
            ratio(o.end_to_end, o.spec.rate),
            f"{o.wall:.1f}",
            str(o.got_429 + o.other_429),
            ms(o.latencies, 50),
            ms(o.latencies, 95),
            f"{o.memory.rss_delta / 2**20:.1f}" if o.memory else "n/a",
            str(o.statements),
        )
        for o in outcomes
    ]
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    return "\n".join([line(header), "-" * len(line(header)), *(line(r) for r in rows)])


def storm_lines(out: Outcome) -> list[str]:
    spec = out.spec
    storm = spec.storm
    lines = []
    if storm is not None and storm.bursts:
        base = (spec.recipients - 1) / spec.rate
        best = base + storm.bursts * storm.retry_after
        worst = base + storm.bursts * storm.count * storm.retry_after
        after = ", ".join(str(spec.recipients * k // (storm.bursts + 1)) for k in range(1, storm.bursts + 1))
        periods = ", ".join(f"{p:.2f}" for p in out.pause_periods)
        lines.append(
            f"  storm: {storm.bursts} bursts of {storm.count} × 429 (retry_after {storm.retry_after} s) "
            f"injected after {after} sent — the fake fails the next {storm.count} sendMessage calls whenever "
            f"they come, so a burst costs between one retry_after (the in-flight calls take all "
            f"{storm.count} at once) and {storm.count} × retry_after (one call after each pause takes one): "
            f"first → last {best:.1f}…{worst:.1f} s expected, {out.pace_span:.1f} s measured; "
            f"separate stretches of pausing (s): {periods}"
        )
    elif spec.fake_global is not None and spec.fake_global < spec.rate:
        lines.append(
            f"  throttled: the fake allows {spec.fake_global:g}/s, the worker is set to {spec.rate:g}/s: "
            f"effective {out.pace:.1f}/s = {out.pace / spec.fake_global:.2f} of what Telegram allowed"
        )
    lost = "none" if not any("got no message" in p for p in out.problems) else "SEE PROBLEM"
    lines.append(
        f"  {out.got_429} × 429 to sendMessage, {out.other_429} to other calls{where(out)}; "
        f"limiter.pauses {out.pauses}, {len(out.pause_calls)} pause calls, {out.paused:.2f} s paused "
        f"in total; longest gap between sends {out.longest_gap:.2f} s; lost or duplicated: {lost}; "
        f"effective rate {out.pace:.1f}/s "
        f"({ratio(out.pace, spec.rate)} of configured)"
    )
    return lines


# ---------------------------------------------------------------------------- running


async def main_async(args: argparse.Namespace) -> int:
    quiet_logging()
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    say(
        f"Broadcast (outbox) benchmark — Python {platform.python_version()}, {cpus} CPUs; real app over HTTP "
        f"to the fake Bot API on 127.0.0.1; SQLite; logging at WARNING."
    )
    rates = [float(r) for r in args.rates.split(",") if r.strip()]
    slow = [r for r in rates if args.recipients / r > 60]
    if slow:
        say(
            f"Note: {args.recipients} recipients at {', '.join(f'{r:g}/s' for r in slow)} take "
            f"{', '.join(f'{args.recipients / r:.0f} s' for r in slow)} by design (that is the rate); "
            f"--recipients lowers it."
        )
    if args.recipients < 10_000:
        say(f"Note: {args.recipients} recipients, fewer than the 10,000 of the brief.")
    overall = time.perf_counter()
    problems: list[str] = []
    outcomes: list[Outcome] = []
    with (
        capture_errors() as errors,
        tempfile.TemporaryDirectory(prefix="metodist-bench-broadcast-") as tmp_name,
    ):
        tmp = Path(tmp_name)
        say("\n1. Pace: one broadcast to everyone, the fake's limit above the configured rate\n")
        for rate in rates:
            limit = args.fake_limit if args.fake_limit is not None else fake_limit_for(rate)
            spec = Spec(f"{rate:g}/s", rate, args.recipients, limit)
            out = await run(tmp, spec, args.progress)
            outcomes.append(out)
            for line in describe(out):
                say(line)
            problems += out.problems
            if not out.pace >= TARGET * rate:
                problems.append(
                    f"PROBLEM: {spec.label}: pace {out.pace:.2f}/s = {ratio(out.pace, rate)} of the "
                    f"configured rate, below the target {TARGET}"
                )
            if out.got_429:
                problems.append(
                    f"PROBLEM: {spec.label}: {out.got_429} × 429 to the broadcast's sendMessage although the "
                    f"fake's limit ({limit:g}/s) is above the configured rate"
                )
            if out.other_429:
                problems.append(
                    f"PROBLEM: {spec.label}: {out.other_429} × 429 to other calls{where(out)} "
                    f"(per-chat limit {PER_CHAT:g}/s; the first edit of the progress message came "
                    f"{out.first_edit_after * 1000:.0f} ms after it was sent); the limiter paused every "
                    f"sender: {len(out.pause_calls)} pause calls, {out.paused:.2f} s paused"
                )
            say()
        say(table(outcomes))
        storms: list[Spec] = []
        if args.storm_recipients > 0:
            limit = args.fake_limit if args.fake_limit is not None else fake_limit_for(args.storm_rate)
            storms.append(
                Spec(
                    f"storm {args.storm_rate:g}/s injected",
                    args.storm_rate,
                    args.storm_recipients,
                    limit,
                    Storm(args.storm_bursts, args.storm_count, args.storm_retry_after),
                )
            )
            if args.storm_limit > 0:
                storms.append(
                    Spec(
                        f"storm {args.storm_rate:g}/s throttled {args.storm_limit:g}/s",
                        args.storm_rate,
                        args.storm_recipients,
                        args.storm_limit,
                    )
                )
        if storms:
            say("\n2. 429 storm\n")
        storm_outcomes = []
        for spec in storms:
            out = await run(tmp, spec, args.progress)
            storm_outcomes.append(out)
            for line in describe(out):
                say(line)
            for line in storm_lines(out):
                say(line)
            problems += out.problems
            say()
        if storm_outcomes:
            say(table(storm_outcomes))
    say(
        f"\nTotal wall time {time.perf_counter() - overall:.0f} s; process peak RSS (ru_maxrss) "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )
    if errors.records:
        problems.append(f"PROBLEM: {len(errors.records)} errors logged:")
        problems += [f"  {line}" for line in errors.records[:5]]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    say("All checks passed: every recipient got exactly one message, every row sent, nothing left queued.")
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rates",
        default="25,300",
        help="configured broadcast rates to measure, comma-separated (default 25,300)",
    )
    parser.add_argument(
        "--recipients",
        type=int,
        default=10_000,
        help="recipients per pace run (default 10000; at 25/s that is 400 s by design)",
    )
    parser.add_argument(
        "--fake-limit",
        type=float,
        help="the fake's global limit per second for every run "
        "(default: 30 below 30/s, else 4/3 of the rate)",
    )
    parser.add_argument(
        "--storm-rate", type=float, default=300.0, help="configured rate of the storms (default 300)"
    )
    parser.add_argument(
        "--storm-recipients",
        type=int,
        default=3000,
        help="recipients of each storm run (default 3000; 0: skip)",
    )
    parser.add_argument("--storm-bursts", type=int, default=3, help="bursts of injected 429s (default 3)")
    parser.add_argument("--storm-count", type=int, default=5, help="429 answers per burst (default 5)")
    parser.add_argument(
        "--storm-retry-after", type=int, default=2, help="retry_after of the injected 429s, s (default 2)"
    )
    parser.add_argument(
        "--storm-limit",
        type=float,
        default=200.0,
        help="the fake's global limit in the throttled storm, below --storm-rate (default 200; 0: skip)",
    )
    parser.add_argument(
        "--progress",
        type=float,
        default=30.0,
        help="print progress every this many seconds (default 30; 0: off)",
    )


def main(args: argparse.Namespace) -> int:
    if args.recipients < 2:
        raise SystemExit("--recipients must be at least 2")
    try:
        rates = [float(r) for r in args.rates.split(",") if r.strip()]
    except ValueError:
        raise SystemExit("--rates: numbers separated by commas, e.g. 25,300") from None
    if not rates or any(not 0 < r <= 1000 for r in rates) or not 0 < args.storm_rate <= 1000:
        raise SystemExit("rates must be in (0, 1000] (the setting's bounds)")
    if args.storm_bursts < 0 or args.storm_count < 1 or args.storm_retry_after < 1:
        raise SystemExit("--storm-bursts ≥ 0, --storm-count ≥ 1, --storm-retry-after ≥ 1")
    return asyncio.run(main_async(args))

"""Part 3b: the real reminder job, unpaced and at its designed pace."""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, update

import bot.jobs
import bot.scheduler
from benchmarks.harness import BOT_ID, SqlProbe, bench_settings
from benchmarks.report import capture_errors
from benchmarks.routes.setup import NOW
from benchmarks.routes.sweep_seed import seed_sweep
from bot.app import App, build_app
from bot.scheduler import JobRuntime
from handlers import setup_routers
from storage.models import (
    Route,
    RouteReminder,
)
from storage.repositories import Repos
from tests.fakes import FakeSession, FakeTelegram


async def _sent_by_the_outbox(app: App) -> None:
    """The outbox worker, started until nothing queued is due any more (the job only queues)."""
    await app.outbox.start()
    try:
        while True:
            async with app.sessionmaker() as session:
                if not await Repos(session).outbox.due_count(NOW):
                    break
            await asyncio.sleep(0.02)
    finally:
        await app.outbox.stop()


# ---------------------------------------------------------------------------- 3b. the job


async def bench_job(label: str, url: str | None, tmp: Path, routes: int, paced: int, seed: int) -> list[str]:
    """``bot.jobs.route_reminders`` end to end (queued by the job, sent by the outbox), the bot on
    FakeSession (no HTTP)."""
    fake = FakeTelegram(bot_id=BOT_ID)
    overrides: dict[str, Any] = {"database_url": url} if url else {}
    settings = bench_settings(tmp / "job.db", "http://127.0.0.1:9", **overrides)
    app = await build_app(settings, routers=setup_routers, clock=lambda: NOW, session=FakeSession(fake))
    lines: list[str] = []
    saved_rate, saved_runtime = app.outbox.limiter.rate, bot.scheduler._runtime
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
        bot.scheduler._runtime = JobRuntime(
            app.bot, app.sessionmaker, app.i18n, app.settings, lambda: NOW, app.outbox
        )
        expected = len(seeded.expected)

        app.outbox.limiter.rate = 1e9  # no pacing: what the job and the outbox themselves cost
        with capture_errors() as errors, SqlProbe(app.engine) as probe:
            t0 = time.perf_counter()
            queued = await bot.jobs.route_reminders()
            await _sent_by_the_outbox(app)
            wall = time.perf_counter() - t0
        messages = len(fake.requests_for("sendMessage"))
        delivered = expected - len(blocked) - len(unknown)
        sent = messages - len(blocked) - len(unknown)
        if queued != expected or sent != delivered or errors.records:
            lines.append(
                f"PROBLEM: job queued {queued} (expected {expected}), {messages} sendMessage calls "
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
            f"{label}: job unpaced (the outbox's rate patched to 1e9): {expected} due routes → {sent} sent, "
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
            app.outbox.limiter.rate = saved_rate
            before = len(fake.requests_for("sendMessage"))
            t0 = time.perf_counter()
            await bot.jobs.route_reminders()
            await _sent_by_the_outbox(app)
            wall = time.perf_counter() - t0
            count = len(fake.requests_for("sendMessage")) - before
            # Those who blocked the bot were marked unreachable by the first run: skipped now.
            reachable = sum(1 for r in range(1, paced + 1) if seeded.tg_ids.get(r) not in blocked)
            if count != reachable:
                lines.append(f"PROBLEM: the paced run sent {count} nudges, expected {reachable}")
            lines.append(
                f"{label}: job paced (the outbox at {saved_rate:g}/s, the design): {count} nudges in "
                f"{wall:.2f} s = {count / wall:.1f} messages/s (the pause comes on top of each message's own "
                f"cost); {len(seeded.expected)} due would take ≥ {len(seeded.expected) / saved_rate:.0f} s"
            )
    finally:
        app.outbox.limiter.rate = saved_rate
        bot.scheduler._runtime = saved_runtime
        await app.close()
    return lines

"""The fast in-process path (Dispatcher.feed_update + a recording session), and the scheduler."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert

import bot.jobs
from bot.app import build_app
from bot.domain.roles import Role
from bot.scheduler import JOBS, JobSpec
from bot.services import roles as role_service
from handlers import setup_routers
from storage.models import JobRun
from tests.conftest import ADMIN_ID, BotEnv, FakeClock, make_settings
from tests.fakes import FakeSession, FakeTelegram, TgUser, feed_deliver


async def test_in_process_registration_start(tmp_path: Path, clock: FakeClock) -> None:
    fake = FakeTelegram(bot_id=123456789)
    settings = make_settings(tmp_path, "sqlite", "http://unused.invalid")
    app = await build_app(settings, routers=setup_routers, clock=clock, session=FakeSession(fake))
    try:
        await app.startup()
        user = TgUser(fake, feed_deliver(app.dp, app.bot), 901)
        await user.send("/start")
        assert "Согласие" in user.last_message.text
        await user.click("Даю согласие")
        await user.send("Лебедева Анна")
        assert "муниципалитете" in user.last_message.text
        await user.send("/menu")
        assert "📝 Зарегистрироваться" in user.buttons()
        await user.click("Зарегистрироваться")
        assert "Продолжим" in user.last_message.text
        assert not fake.unanswered_callbacks()
    finally:
        await app.close()


def _in(at: datetime | None, **delta: float) -> bool:
    """`at` (wall clock) is about `delta` from now."""
    assert at is not None
    return abs((at - datetime.now(UTC)) - timedelta(**delta)) < timedelta(seconds=30)


async def test_invite_cleanup_job_removes_stale_invites_and_a_run_missed_while_down_comes_at_start(
    env: BotEnv,
) -> None:
    """Restarts lose nothing: the jobs are declared at every start, and each one's first run follows
    from its last recorded run — a daily run missed while the bot was down comes at once."""
    assert env.app is not None
    planned = env.app.scheduler.planned()
    assert set(planned) == {job.id for job in JOBS}
    # Never run yet: the daily clean-up waits for 03:15 in Moscow (now 12:00 there), the reminders'
    # sweep for one interval.
    assert _in(planned["cleanup-invites"], hours=15, minutes=15)
    assert _in(planned["route-reminders"], minutes=10)

    async with env.repos() as repos:
        for days, uses in ((1, 1), (30, 5)):
            await role_service.create_invite(
                repos,
                frozenset({Role.ADMIN}),
                ADMIN_ID,
                Role.MENTOR,
                actor_scope=None,
                days=days,
                uses=uses,
                scope_municipality_id=None,
                now=env.clock(),
            )
        await repos.commit()
    assert await bot.jobs.cleanup_invites() == 0
    env.clock.advance(days=2)
    assert await bot.jobs.cleanup_invites() == 1
    assert await bot.jobs.cleanup_invites() == 0  # running twice is harmless
    async with env.repos() as repos:
        assert await repos.invites.count() == 1

    # A new invite expires; the bot is down over two nights, so the 03:15 clean-ups are missed.
    async with env.repos() as repos:
        await role_service.create_invite(
            repos,
            frozenset({Role.ADMIN}),
            ADMIN_ID,
            Role.MENTOR,
            actor_scope=None,
            days=1,
            uses=1,
            scope_municipality_id=None,
            now=env.clock(),
        )
        # The reminders' sweep will have run 4 minutes before the restart.
        await repos.job_runs.started("route-reminders", env.clock() + timedelta(days=2, minutes=-4))
        await repos.commit()
    await env.crash()
    env.clock.advance(days=2)
    await env.start()
    assert env.app is not None
    planned = env.app.scheduler.planned()
    assert _in(planned["route-reminders"], minutes=6)
    for _ in range(100):  # the missed clean-up runs by itself, at once
        async with env.repos() as repos:
            if await repos.invites.count() == 1:
                break
        await asyncio.sleep(0.1)
    async with env.repos() as repos:
        assert await repos.invites.count() == 1
        assert (await repos.job_runs.last_runs())["cleanup-invites"].started_at == env.clock()
    then = env.app.scheduler.planned()["cleanup-invites"]  # and then daily again, at 03:15
    assert then is not None and (then.hour, then.minute) == (3, 15)
    assert timedelta(0) < then - datetime.now(UTC) <= timedelta(days=1)


def test_a_jobs_first_run_follows_its_last_recorded_one() -> None:
    daily = JobSpec(id="d", func="m:f", hour=3, minute=15)
    every = JobSpec(id="e", func="m:f", every_minutes=10)
    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 12:00 in Moscow
    moscow = "Europe/Moscow"
    today_0315 = datetime(2026, 11, 23, 0, 15, tzinfo=UTC)
    assert daily.first_run(None, now, moscow) == today_0315 + timedelta(days=1)
    assert daily.first_run(today_0315 + timedelta(milliseconds=300), now, moscow) == today_0315 + timedelta(
        days=1
    )
    assert daily.first_run(today_0315 - timedelta(days=1), now, moscow) == now  # today's was missed
    assert every.first_run(None, now, moscow) == now + timedelta(minutes=10)
    assert every.first_run(now - timedelta(minutes=4), now, moscow) == now + timedelta(minutes=6)
    assert every.first_run(now - timedelta(minutes=20), now, moscow) == now
    assert every.first_run(now + timedelta(hours=5), now, moscow) == now + timedelta(minutes=10)


async def test_a_scheduler_run_beside_an_update_holding_the_database_stalls_nothing(
    env: BotEnv, caplog: pytest.LogCaptureFixture
) -> None:
    """The job store used to write synchronously on the event loop: while an update held SQLite's
    write lock (awaiting Telegram), the whole bot froze for the 15 s busy timeout, then
    «database is locked» — and every tap meanwhile was answered too late."""
    assert env.app is not None
    caplog.set_level(logging.WARNING)
    lags: list[float] = []

    async def ticker() -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.02)
            lags.append(time.perf_counter() - before - 0.02)

    ticking = asyncio.create_task(ticker())
    anna = env.user(7101)
    async with env.app.sessionmaker() as session:  # an update that wrote and now awaits Telegram
        await session.execute(insert(JobRun).values(job_id="busy", started_at=env.clock(), done=0))
        env.app.scheduler.run_soon("events-publish")
        await asyncio.sleep(0.3)
        await anna.send("/help")  # others are still answered meanwhile
        await asyncio.sleep(0.5)
        await session.rollback()
    for _ in range(100):
        async with env.repos() as repos:
            if "events-publish" in await repos.job_runs.last_runs():
                break
        await asyncio.sleep(0.05)
    ticking.cancel()
    async with env.repos() as repos:
        run = (await repos.job_runs.last_runs())["events-publish"]
    assert run.finished_at is not None and run.error is None
    assert "Что я умею" in anna.last_message.text
    assert max(lags) < 0.5, f"the event loop stalled for {max(lags):.1f} s"
    assert "database is locked" not in caplog.text


async def test_clock_is_injected(env: BotEnv) -> None:
    before = env.clock()
    env.clock.advance(hours=1)
    assert env.clock() - before == timedelta(hours=1)

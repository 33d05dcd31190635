"""The fast in-process path (Dispatcher.feed_update + a recording session), and the scheduler."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import text

import bot.jobs
from bot.app import build_app
from bot.domain.roles import Role
from bot.services import roles as role_service
from tests.conftest import ADMIN_ID, BotEnv, FakeClock, make_settings
from tests.fakes import FakeSession, FakeTelegram, TgUser, feed_deliver


async def test_in_process_registration_start(tmp_path: Path, clock: FakeClock) -> None:
    fake = FakeTelegram(bot_id=123456789)
    settings = make_settings(tmp_path, "sqlite", "http://unused.invalid")
    app = await build_app(settings, clock=clock, session=FakeSession(fake))
    try:
        await app.startup()
        user = TgUser(fake, feed_deliver(app.dp, app.bot), 901)
        await user.send("/start")
        assert "Согласие" in user.last_message.text
        await user.click("Согласен(на)")
        await user.send("Лебедева Анна")
        assert "муниципалитете" in user.last_message.text
        await user.send("/menu")
        assert "📝 Зарегистрироваться" in user.buttons()
        await user.click("Зарегистрироваться")
        assert "Продолжим" in user.last_message.text
        assert not fake.unanswered_callbacks()
    finally:
        await app.close()


async def test_invite_cleanup_job_is_persistent_and_removes_stale_invites(env: BotEnv) -> None:
    assert env.app is not None
    jobs = {job.id: job for job in env.app.scheduler.jobs()}
    assert "cleanup-invites" in jobs and jobs["cleanup-invites"].next_run is not None
    assert (jobs["cleanup-invites"].next_run.hour, jobs["cleanup-invites"].next_run.minute) == (3, 15)

    async with env.repos() as repos:
        admin_roles = frozenset({Role.ADMIN})
        now = env.clock()
        await role_service.create_invite(
            repos,
            admin_roles,
            ADMIN_ID,
            Role.MENTOR,
            actor_scope=None,
            days=1,
            uses=1,
            scope_municipality_id=None,
            now=now,
        )
        await role_service.create_invite(
            repos,
            admin_roles,
            ADMIN_ID,
            Role.MENTOR,
            actor_scope=None,
            days=30,
            uses=5,
            scope_municipality_id=None,
            now=now,
        )
        await repos.commit()
    env.clock.advance(days=2)
    assert await bot.jobs.cleanup_invites() == 1
    assert await bot.jobs.cleanup_invites() == 0  # running twice is harmless
    async with env.repos() as repos:
        assert await repos.invites.count() == 1

    # The job lives in the database: a restart finds it there, once.
    await env.restart()
    async with env.repos() as repos:
        rows = (await repos.session.execute(text("SELECT id FROM apscheduler_jobs"))).scalars().all()
    from bot.scheduler import JOBS

    assert sorted(rows) == sorted(job.id for job in JOBS)
    assert {"cleanup-invites", "route-reminders", "mentoring-sweep", "events-reminders"} <= set(rows)


async def test_clock_is_injected(env: BotEnv) -> None:
    before = env.clock()
    env.clock.advance(hours=1)
    assert env.clock() - before == timedelta(hours=1)

"""APScheduler behind a small interface.

Jobs live in the bot's database (SQLAlchemyJobStore), so a restart loses none of them. A stored
job names its function as text ("bot.jobs:cleanup_invites"), so the function cannot be handed the
running bot directly; `JobRuntime` is bound here at start for the job functions to use.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from aiogram import Bot
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import create_engine
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.context import Clock
from bot.i18n import I18n
from bot.outbox import OutboxWorker
from storage.db import is_sqlite, sync_url

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class JobRuntime:
    bot: Bot
    sessionmaker: async_sessionmaker[AsyncSession]
    i18n: I18n
    settings: Settings
    clock: Clock
    outbox: OutboxWorker | None = None


_runtime: JobRuntime | None = None


def runtime() -> JobRuntime:
    if _runtime is None:
        raise RuntimeError("the scheduler runtime is not bound: start the bot with bot.app")
    return _runtime


@dataclass(frozen=True, slots=True)
class JobSpec:
    """A daily job at hour:minute, or one every `every_minutes`."""

    id: str
    func: str
    hour: int = 0
    minute: int = 0
    every_minutes: int | None = None


# Every periodic job of the bot. Each reads its work from the database, so running it twice is harmless.
JOBS = (
    JobSpec(id="cleanup-invites", func="bot.jobs:cleanup_invites", hour=3, minute=15),
    # Reminders wait for each teacher's local morning, so the sweep runs all day long.
    JobSpec(id="route-reminders", func="bot.jobs:route_reminders", every_minutes=10),
    JobSpec(id="mentoring-sweep", func="bot.jobs:mentoring_sweep", every_minutes=30),
    JobSpec(id="adaptation-checks", func="bot.jobs:adaptation_checks", every_minutes=30),
    JobSpec(id="events-publish", func="bot.jobs:publish_events", every_minutes=1),
    JobSpec(id="events-reminders", func="bot.jobs:event_reminders", every_minutes=5),
    # Hourly: each teacher's digest goes on Monday from 10:00 in their own time zone.
    JobSpec(id="events-digest", func="bot.jobs:weekly_digest", every_minutes=60),
    JobSpec(id="survey-waves", func="bot.jobs:survey_waves", every_minutes=5),
    JobSpec(id="survey-reminders", func="bot.jobs:survey_reminders", every_minutes=15),
)


class JobScheduler:
    def __init__(self, settings: Settings) -> None:
        url = sync_url(settings.database_url)
        connect_args = {"timeout": 15} if is_sqlite(url) else {}
        self._engine = create_engine(url, connect_args=connect_args, pool_pre_ping=True)
        self._scheduler = AsyncIOScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=self._engine, tablename="apscheduler_jobs")},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 6 * 3600},
            timezone=settings.default_timezone,
        )
        self._timezone = settings.default_timezone

    def start(self, bound: JobRuntime) -> None:
        global _runtime
        _runtime = bound
        self._scheduler.start()
        for job in JOBS:
            trigger = (
                IntervalTrigger(minutes=job.every_minutes, timezone=self._timezone)
                if job.every_minutes
                else CronTrigger(hour=job.hour, minute=job.minute, timezone=self._timezone)
            )
            self._scheduler.add_job(job.func, trigger, id=job.id, replace_existing=True)
        log.info("scheduler started: %s", ", ".join(f"{j.id} next {j.next_run}" for j in self.jobs()))

    @dataclass(frozen=True, slots=True)
    class Planned:
        id: str
        next_run: datetime | None

    def jobs(self) -> list[JobScheduler.Planned]:
        return [JobScheduler.Planned(job.id, job.next_run_time) for job in self._scheduler.get_jobs()]

    def shutdown(self) -> None:
        global _runtime
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        self._engine.dispose()
        _runtime = None

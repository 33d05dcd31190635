"""APScheduler behind a small interface.

The jobs are declared in code (`JOBS`) and kept in memory; nothing of APScheduler's is written to
the database. An earlier version kept them in a SQLAlchemyJobStore on the bot's own database: its
synchronous writes ran on the event loop, and while an update held SQLite's write lock (awaiting
Telegram) the loop froze until the 15 s busy timeout ended it with "database is locked" — every
callback meanwhile was answered too late. What a restart must not lose is kept anyway: each job
reads its due work from the database and records every run in `job_runs`, and at start each job's
first run follows from its last recorded one (an overdue job runs at once, as a missed run of a
persistent store would). A job names its function as text ("bot.jobs:cleanup_invites"), so
`JobRuntime` is bound here at start for the job functions to use.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from aiogram import Bot
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.commit import Later, committing
from bot.config import Settings
from bot.context import Wakeable
from bot.domain.time import Clock
from bot.i18n import I18n
from bot.services.container import Services
from storage.repositories import Repos

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class JobRuntime:
    bot: Bot
    sessionmaker: async_sessionmaker[AsyncSession]
    i18n: I18n
    settings: Settings
    clock: Clock
    outbox: Wakeable | None = None  # the outbox worker

    def wake(self) -> None:
        """The outbox worker: rows were queued and committed."""
        if self.outbox is not None:
            self.outbox.wake()

    @contextlib.asynccontextmanager
    async def services(self) -> AsyncIterator[Services]:
        """A job's unit of work, as an update's: the services around one session, committed when
        the block ends (rolled back when it fails); notices told in it go to the outbox, whose
        worker is woken after the commit."""
        later: list[Later] = []
        async with self.sessionmaker() as session:
            repos = Repos(session)
            with committing(later):
                yield Services.build(repos, self.settings, self.clock, self.i18n, self.wake)
            await repos.commit()
        for action in later:
            await action()


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

    def trigger(self, timezone: str) -> BaseTrigger:
        if self.every_minutes:
            return IntervalTrigger(minutes=self.every_minutes, timezone=timezone)
        return CronTrigger(hour=self.hour, minute=self.minute, timezone=timezone)

    def first_run(self, last_started: datetime | None, now: datetime, timezone: str) -> datetime:
        """When this job should next run, given its last recorded start: one period after it, at
        once if that moment has passed (a run missed while the bot was down), and — when it never
        ran — one period from now (a daily job: its next hour:minute)."""
        if last_started is not None and last_started > now:
            last_started = None  # a clock set back: forget the future
        if self.every_minutes:
            if last_started is None:
                return now + timedelta(minutes=self.every_minutes)
            return max(now, last_started + timedelta(minutes=self.every_minutes))
        trigger = CronTrigger(hour=self.hour, minute=self.minute, timezone=timezone)
        # The first hour:minute after the last start (a run starts a moment after its time).
        since = last_started + timedelta(seconds=1) if last_started is not None else now
        after: datetime | None = trigger.get_next_fire_time(None, since)
        assert after is not None  # a daily trigger always has a next time
        return max(now, after)


# Every periodic job of the bot. Each reads its work from the database, so running it twice is harmless.
JOBS = (
    JobSpec(id="cleanup-invites", func="bot.jobs:cleanup_invites", hour=3, minute=15),
    # Reminders wait for each teacher's local morning, so the sweep runs all day long.
    JobSpec(id="route-reminders", func="bot.jobs:route_reminders", every_minutes=10),
    JobSpec(id="mentoring-sweep", func="bot.jobs:mentoring_sweep", every_minutes=30),
    JobSpec(id="adaptation-checks", func="bot.jobs:adaptation_checks", every_minutes=30),
    JobSpec(id="events-publish", func="bot.jobs:publish_events", every_minutes=1),
    JobSpec(id="events-reminders", func="bot.jobs:event_reminders", every_minutes=5),
    # Announcements scheduled by staff: each claimed atomically, so several processes may run it.
    JobSpec(id="announcements-send", func="bot.jobs:send_announcements", every_minutes=1),
    # Hourly: each teacher's digest goes on Monday from 10:00 in their own time zone.
    JobSpec(id="events-digest", func="bot.jobs:weekly_digest", every_minutes=60),
    JobSpec(id="survey-waves", func="bot.jobs:survey_waves", every_minutes=5),
    JobSpec(id="survey-reminders", func="bot.jobs:survey_reminders", every_minutes=15),
    # Anonymous answers into the results, shuffled, in batches (never in the answering transaction).
    JobSpec(id="survey-release", func="bot.jobs:survey_release", every_minutes=10),
    # Consultations' service level: the methodist's reminder, overdue and unrouted questions to staff.
    JobSpec(id="consult-sla", func="bot.jobs:consult_sla", every_minutes=10),
    JobSpec(id="consult-slot-reminders", func="bot.jobs:consult_slot_reminders", every_minutes=5),
    # The expert review: practices staffed with experts, overdue reviews reminded and reassigned.
    JobSpec(id="expert-review", func="bot.jobs:expert_review", every_minutes=10),
    # Hourly: each reminder before a category expires goes in the teacher's daytime, once.
    JobSpec(id="attestation-reminders", func="bot.jobs:attestation_reminders", every_minutes=60),
)


class JobScheduler:
    """APScheduler with an in-memory job store; see the module's docstring for why."""

    def __init__(self, settings: Settings) -> None:
        self._timezone = settings.default_timezone
        self._scheduler = AsyncIOScheduler(
            jobstores={"default": MemoryJobStore()},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 6 * 3600},
            timezone=settings.default_timezone,
        )

    async def start(self, bound: JobRuntime) -> None:
        """Bind the runtime and declare every job, its first run following from `job_runs`."""
        global _runtime
        _runtime = bound
        async with bound.sessionmaker() as session:
            last = await Repos(session).job_runs.last_runs()
        now = bound.clock()
        # The app's clock says what is due; APScheduler counts in wall-clock time (tests move
        # the app's clock by hand, production has one clock).
        wall = datetime.now(UTC)
        for job in JOBS:
            run = last.get(job.id)
            first = job.first_run(run.started_at if run else None, now, self._timezone)
            self._scheduler.add_job(
                job.func, job.trigger(self._timezone), id=job.id, next_run_time=wall + (first - now)
            )
        self._scheduler.start()
        log.info("scheduler started: %s", ", ".join(f"{j.id} next {j.next_run}" for j in self.jobs()))

    @dataclass(frozen=True, slots=True)
    class Planned:
        id: str
        next_run: datetime | None

    def jobs(self) -> list[JobScheduler.Planned]:
        return [
            JobScheduler.Planned(job.id, getattr(job, "next_run_time", None))
            for job in self._scheduler.get_jobs()
        ]

    def planned(self) -> dict[str, datetime | None]:
        """Each job's next run, for staff's schedule screen."""
        return {job.id: job.next_run for job in self.jobs()}

    def run_soon(self, job_id: str) -> None:
        """Run a job now rather than at its next time (tests; an operator's «run now»)."""
        self._scheduler.modify_job(job_id, next_run_time=datetime.now(UTC))

    def shutdown(self) -> None:
        global _runtime
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        _runtime = None

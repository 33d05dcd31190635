"""Periodic jobs, referenced by "bot.jobs:<name>" from the persistent job store."""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from typing import Any

from aiogram.exceptions import TelegramAPIError

from bot.domain.time import zone_of
from bot.logs import traceback_without_messages
from bot.scheduler import JobRuntime, runtime
from bot.services import announcements, attestation, events, mentoring, routes
from bot.services.broadcasts import Outgoing
from bot.services.consult_staff import sla as consult_sla_rules
from bot.services.container import Services
from bot.services.notices import Notifier
from bot.services.roles import cleanup_expired_invites
from bot.ui import attestation as _attestation_screens  # noqa: F401 (renders attestation's notices)
from bot.ui import consult_slots as _slot_screens  # noqa: F401 (renders booking's notices)
from bot.ui import consult_staff as _consult_staff_screens  # noqa: F401 (renders the service level's notices)
from bot.ui import mentoring as _mentoring_screens  # noqa: F401 (renders mentoring's notices)
from bot.ui import routes as _route_screens  # noqa: F401 (renders the route's notices)
from bot.ui import surveys as _survey_screens  # noqa: F401 (renders the survey invitations)
from bot.ui.announcements import NewsAnnouncer
from bot.ui.broadcasts import broadcast_progress
from bot.ui.events import TeacherAnnouncer, digest_message, reminder_message
from storage.repositories import AttestationRepo, Repos

log = logging.getLogger(__name__)

# Runs that did nothing are kept a day (enough to see the job is alive), the others a quarter.
KEEP_IDLE_RUNS = timedelta(days=1)
KEEP_RUNS = timedelta(days=92)


class JobFailed(Exception):
    """A job failed; it says which job and the exception's type, never its message."""


def recorded(job_id: str) -> Callable[[Callable[[], Awaitable[int]]], Callable[[], Awaitable[int]]]:
    """Each run of a job leaves a row in `job_runs`: when, how much it did, or what went wrong —
    staff see it on the schedule screen. The record is written in its own transaction, so a
    failing job is recorded too.

    A failure is recorded and logged by the exception's type and the traceback's frames only: a
    message may echo a person's text (a validation error's input, a database error's parameters).
    For the same reason the job raises `JobFailed` in its place, so APScheduler logs no message."""

    def wrap(func: Callable[[], Awaitable[int]]) -> Callable[[], Awaitable[int]]:
        @functools.wraps(func)
        async def run() -> int:
            rt = runtime()
            async with rt.sessionmaker() as session:
                repos = Repos(session)
                run_id = (await repos.job_runs.started(job_id, rt.clock())).id
                await repos.commit()
            done, error = 0, None
            try:
                done = await func()
                return done
            except Exception as exc:
                error = type(exc).__name__[:300]
                log.error("job %s failed: %s\n%s", job_id, error, traceback_without_messages(exc))
                raise JobFailed(f"{job_id}: {error}") from None
            finally:
                async with rt.sessionmaker() as session:
                    repos = Repos(session)
                    await repos.job_runs.finished(run_id, rt.clock(), done, error)
                    await repos.commit()

        return run

    return wrap


@recorded("cleanup-invites")
async def cleanup_invites() -> int:
    """Daily: remove invites that can no longer be used (expired, revoked, used up); forget old
    records of job runs."""
    rt = runtime()
    async with rt.sessionmaker() as session:
        repos = Repos(session)
        removed = await cleanup_expired_invites(repos, rt.clock())
        await repos.job_runs.prune(rt.clock() - KEEP_IDLE_RUNS, rt.clock() - KEEP_RUNS)
        # A stale copy of a message matters for seconds (a double tap, a restart): a day is ample.
        await repos.screens.prune(rt.clock() - KEEP_SCREEN_EDITS)
        await repos.commit()
    log.info("invite clean-up removed %d stale invites", removed)
    return removed


KEEP_SCREEN_EDITS = timedelta(days=1)


@recorded("route-reminders")
async def route_reminders() -> int:
    """Every few minutes: remind teachers of route steps that end within 3 days or are overdue —
    in their local daytime, at most once a week per route, each (step, near/overdue) once.

    Claims are committed page by page first; then each claimed reminder is queued in the outbox
    (a dedupe key per route and reminders) and recorded sent in one transaction, so a restart
    neither loses nor repeats one (claims a crash left unqueued are taken over after
    CLAIM_TIMEOUT). The outbox sends at the shared pace and gives up on a blocked teacher.
    """
    rt = runtime()
    async with rt.sessionmaker() as session:
        nudges = await routes.claim_reminders(Repos(session), rt.clock(), rt.settings.default_timezone)
    if not nudges:
        return 0
    async with rt.services() as services:
        queued = await services.routes.remind(nudges)
    log.info("route reminders: %d queued of %d due", queued, len(nudges))
    return queued


@recorded("mentoring-sweep")
async def mentoring_sweep() -> int:
    """Every half hour: quiet pairs (14 days → the mentor, once; 30 days → staff, once) and young
    specialists unpaired a week after registering (→ staff, once). Each notice is queued in the
    outbox (a dedupe key per pair or person and kind) in the transaction that records it was
    decided, so a restart or a second run repeats none; the outbox sends at the shared pace."""
    rt = runtime()
    now = rt.clock()
    async with rt.services() as services:
        rules = services.mentoring
        queued = await mentoring.sweep(
            rules.repos, rules.notifier, now, rt.settings.default_timezone, now.year
        )
    if queued:
        log.info("mentoring sweep: %d notices queued", queued)
    return queued


@recorded("adaptation-checks")
async def adaptation_checks() -> int:
    """Every half hour: this month's adaptation check for young specialists whose local time has
    come (from 10:00 on the 1st, never at night); one per person per month, claimed, queued in the
    outbox and marked sent in one transaction."""
    rt = runtime()
    async with rt.services() as services:
        rules = services.mentoring
        return await mentoring.send_checks(
            rules.repos, rules.notifier, rt.clock(), rt.settings.default_timezone
        )


def _wake(rt: JobRuntime) -> None:
    if rt.outbox is not None:
        rt.outbox.wake()


@recorded("events-publish")
async def publish_events() -> int:
    """Every minute: events scheduled for now are published (their broadcast is queued)."""
    rt = runtime()
    teachers = rt.i18n.get(rt.settings.default_locale)
    async with rt.sessionmaker() as session:
        repos = Repos(session)
        done = await events.publish_due(
            repos,
            rt.clock(),
            rt.settings.default_timezone,
            TeacherAnnouncer(teachers).announcement,
        )
        await repos.commit()
    if done:
        _wake(rt)
    return len(done)


@recorded("events-reminders")
async def event_reminders() -> int:
    """Every 5 minutes: a day and an hour before an event; feedback an hour after it ended."""
    rt = runtime()

    def render(event: Any, user: Any, kind: str) -> Outgoing:
        return reminder_message(event, kind, rt.i18n.get(user.locale))

    async with rt.sessionmaker() as session:
        repos = Repos(session)
        queued = await events.remind(repos, rt.clock(), rt.settings.default_timezone, render)
        queued += await events.ask_feedback(repos, rt.clock(), rt.settings.default_timezone, render)
        await repos.commit()
    if queued:
        _wake(rt)
    return queued


@recorded("events-digest")
async def weekly_digest() -> int:
    """Hourly: the weekly digest of upcoming events and of the week's announcements, Monday from
    10:00 in each teacher's zone."""
    rt = runtime()
    default_tz = rt.settings.default_timezone

    def render(user: Any, found: list[Any], news: list[Any]) -> Outgoing:
        return digest_message(found, news, zone_of(user, default_tz), rt.i18n.get(user.locale))

    async with rt.sessionmaker() as session:
        repos = Repos(session)
        news = await announcements.of_the_week(repos, rt.clock())
        queued = await events.digest(repos, rt.clock(), default_tz, render, news)
        await repos.commit()
    if queued:
        _wake(rt)
    return queued


@recorded("announcements-send")
async def send_announcements() -> int:
    """Every minute: announcements scheduled for now are sent — each claimed, queued in the outbox
    and marked sent in one transaction of its own, so a restart neither loses nor repeats one and
    of several processes only one sends it. Its author gets the broadcast's progress (with stop)."""
    rt = runtime()
    render = NewsAnnouncer(rt.i18n.get(rt.settings.default_locale))
    async with rt.sessionmaker() as session:
        due = await Repos(session).announcements.due(rt.clock())
    sent = 0
    for announcement_id in due:
        async with rt.sessionmaker() as session:
            repos = Repos(session)
            done = await announcements.claim_and_send(
                repos, announcement_id, rt.clock(), rt.settings.default_timezone, render
            )
            if done is None:
                await repos.rollback()
                continue
            await repos.commit()
        sent += 1
        _wake(rt)
        if done.author_chat is not None:
            await _watch(rt, done.broadcast.id, done.author_chat)
    return sent


async def _watch(rt: JobRuntime, broadcast_id: int, chat_id: int) -> None:
    """The progress message of a scheduled broadcast, to its author (who may have blocked the bot
    since: then they simply do not get it)."""
    async with rt.sessionmaker() as session:
        repos = Repos(session)
        broadcast = await repos.outbox.broadcast(broadcast_id)
        if broadcast is None:
            return
        text, markup = broadcast_progress(broadcast, await repos.outbox.counts(broadcast_id), rt.i18n)
        try:
            message = await rt.bot.send_message(chat_id, text, reply_markup=markup)
        except TelegramAPIError as exc:
            log.info("announcement progress not shown to its author: %s", type(exc).__name__)
            return
        await repos.outbox.set_progress_message(broadcast_id, chat_id, message.message_id)
        await repos.commit()


@recorded("survey-waves")
async def survey_waves() -> int:
    """Every 5 minutes: open the survey waves that are due (once, or monthly on the day at the hour
    in each person's zone) and finish one-off campaigns whose wave has closed. Returns the number
    of people invited."""
    async with runtime().services() as services:
        opened = await services.surveys.open_waves()
        await services.surveys.close_finished()
    return sum(o.invited for o in opened)


@recorded("survey-reminders")
async def survey_reminders() -> int:
    """Every 15 minutes: a survey's reminders (at most two) to those who have not answered yet."""
    async with runtime().services() as services:
        return await services.surveys.remind()


@recorded("survey-release")
async def survey_release() -> int:
    """Every 10 minutes: anonymous answers waiting in `survey_pending` go into the results in
    shuffled batches (at least RELEASE_BATCH of a wave at once; all that is left, and the wave's
    answers shuffled once more, when it has closed). Each wave in a transaction of its own, which
    touches no invite; a claim that releases nothing is rolled back. Returns the answers released."""
    rt = runtime()
    async with rt.services() as services:
        waiting = await services.surveys.release_waiting()
    released = 0
    for wave_id, closed in waiting:
        async with rt.sessionmaker() as session:
            repos = Repos(session)
            surveys = Services.build(repos, rt.settings, rt.clock, rt.i18n).surveys
            done = await surveys.release(wave_id, closed)
            if done is None:
                await repos.rollback()
                continue
            await repos.commit()
            released += done
    return released


@recorded("consult-sla")
async def consult_sla() -> int:
    """Every 10 minutes: the methodist's one reminder before a question's deadline (09:00 of its
    working day, or of the day before when it falls before 13:00), then staff told once of overdue
    questions and of those with no methodist. Each is claimed by a conditional UPDATE and queued in
    the outbox in the same transaction, so several processes or a second run repeat nothing."""
    rt = runtime()
    now, default_tz = rt.clock(), rt.settings.default_timezone
    chunk = consult_sla_rules.CHUNK
    async with rt.sessionmaker() as session:
        repo = Repos(session).consult_staff
        due = await consult_sla_rules.reminder_rows(repo, now, default_tz)
        overdue = await consult_sla_rules.escalation_rows(repo, now)
    reminded = escalated = 0
    for start in range(0, len(due), chunk):
        async with rt.services() as services:
            staff = services.consult_staff
            rows = due[start : start + chunk]
            reminded += await consult_sla_rules.remind(
                rows, staff.repo, staff.users, services.notifier, now, default_tz
            )
    for start in range(0, len(overdue), chunk):
        async with rt.services() as services:
            rows = overdue[start : start + chunk]
            escalated += await consult_sla_rules.escalate(
                rows, services.consult_staff.repo, services.notifier, now
            )
    if reminded or escalated:
        log.info("consult service level: %d reminders, %d staff notices", reminded, escalated)
    return reminded + escalated


@recorded("consult-slot-reminders")
async def consult_slot_reminders() -> int:
    """Every 5 minutes: a booked consultation a day and an hour before, to the teacher and the
    methodist. Each reminder is claimed by a conditional update of its slot and queued in the outbox
    (a once-only key) in the same transaction: a second process, or a run after a restart, finds it
    claimed."""
    rt = runtime()
    async with rt.services() as services:
        return await services.consult_slots.remind()


@recorded("expert-review")
async def expert_review() -> int:
    """Every ten minutes: submitted practices get two experts (a returned one's earlier experts
    first), an overdue review is reminded once, one past the grace period goes to another expert.
    Each practice is claimed by a conditional update of its counter, each reminder and each
    withdrawal by a conditional update of the review, so several processes may run it at once; the
    notices go to the outbox in the same transaction (once-only keys)."""
    rt = runtime()
    async with rt.services() as services:
        done = await services.expertise.sweep()
    if done:
        log.info("expert review: %d assignments, reminders and reassignments", done)
    return done


@recorded("attestation-reminders")
async def attestation_reminders() -> int:
    """Hourly: the reminders 6 and 3 months before a teacher's category expires, each once, in the
    teacher's daytime, with the support route in one tap. Each is claimed by a conditional UPDATE and
    queued in the outbox (a dedupe key per record and reminder) in one transaction per page of
    records, so two processes or a second run repeat none (`bot.services.attestation.sweep`)."""
    rt = runtime()

    @contextlib.asynccontextmanager
    async def unit() -> AsyncIterator[tuple[AttestationRepo, Notifier]]:
        async with rt.services() as services:
            yield services.attestation.repo, services.notifier

    queued = await attestation.sweep(unit, rt.clock(), rt.settings.default_timezone)
    if queued:
        log.info("attestation reminders: %d queued", queued)
    return queued

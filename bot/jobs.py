"""Periodic jobs, referenced by "bot.jobs:<name>" from the persistent job store."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
)
from aiogram.types import InlineKeyboardMarkup

from bot.logs import traceback_without_messages
from bot.scheduler import JobRuntime, runtime
from bot.services import events, mentoring, routes, surveys
from bot.services.broadcasts import zone
from bot.services.roles import cleanup_expired_invites
from bot.ui.events import announcement, announcement_keyboard
from bot.ui.events import digest as events_digest
from bot.ui.events import reminder as event_reminder
from bot.ui.mentoring import adaptation_screen, mentoring_notice
from bot.ui.routes import route_reminder
from bot.ui.surveys import invitation
from storage.repositories import Repos

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

# Reminders go out at well under Telegram's ~30 messages/s for bulk sending.
REMINDER_RATE = 20.0


@recorded("route-reminders")
async def route_reminders() -> int:
    """Every few minutes: remind teachers of route steps that end within 3 days or are overdue —
    in their local daytime, at most once a week per route, each (step, near/overdue) once.

    Claims are committed before sending and marked sent after, so a restart neither loses nor
    repeats a reminder (only a message in flight at a crash can be sent again, after CLAIM_TIMEOUT).
    """
    rt = runtime()
    now = rt.clock()
    async with rt.sessionmaker() as session:
        nudges = await routes.claim_reminders(Repos(session), now, rt.settings.default_timezone)
    sent = 0
    loop = asyncio.get_running_loop()
    next_at = loop.time()
    for nudge in nudges:
        # Pace the sending itself: the pause makes up the rest of each message's slot.
        await asyncio.sleep(max(0.0, next_at - loop.time()))
        next_at = max(next_at, loop.time()) + 1 / REMINDER_RATE
        text, markup = route_reminder(nudge, rt.i18n.get(nudge.locale))
        outcome = await _deliver(rt, nudge.tg_id, text, markup)
        async with rt.sessionmaker() as session:
            repos = Repos(session)
            if outcome is None:
                await repos.routes.reminders_sent(nudge.route_id, nudge.reminder_ids, rt.clock())
                sent += 1
            elif outcome == RETRY:
                await repos.routes.reminders_released(nudge.reminder_ids)
            else:
                await repos.routes.reminders_failed(nudge.reminder_ids, outcome)
            await repos.commit()
    if nudges:
        log.info("route reminders: %d sent of %d due", sent, len(nudges))
    return sent


RETRY = "retry"


async def _deliver(rt: JobRuntime, tg_id: int, text: str, markup: InlineKeyboardMarkup | None) -> str | None:
    """One message from a job: None when sent; RETRY for a passing failure; otherwise why it will
    never be delivered (a 403 also marks the person unreachable)."""
    for _attempt in range(2):
        try:
            await rt.bot.send_message(tg_id, text, reply_markup=markup)
            return None
        except TelegramRetryAfter as exc:
            await asyncio.sleep(exc.retry_after)
        except TelegramForbiddenError as exc:
            async with rt.sessionmaker() as session:
                repos = Repos(session)
                await repos.users.mark_unreachable(tg_id, rt.clock())
                await repos.commit()
            return f"forbidden: {exc.message}"
        except TelegramBadRequest as exc:
            if "chat not found" in exc.message:
                return f"bad request: {exc.message}"
            log.warning("job message to %s not sent: %s", tg_id, exc.message)
            return RETRY
        except (TelegramAPIError, TelegramNetworkError, OSError) as exc:
            log.warning("job message to %s not sent, will retry: %s", tg_id, exc)
            return RETRY
    return RETRY


@recorded("mentoring-sweep")
async def mentoring_sweep() -> int:
    """Every half hour: quiet pairs (14 days → the mentor, once; 30 days → staff, once) and young
    specialists unpaired a week after registering (→ staff, once). Decisions are recorded before
    the messages go, so a restart or a second run repeats none."""
    rt = runtime()
    now = rt.clock()
    async with rt.sessionmaker() as session:
        repos = Repos(session)
        notices = await mentoring.sweep(repos, now, rt.settings.default_timezone, now.year)
        await repos.commit()
    sent = 0
    for notice in notices:
        _ = rt.i18n.get(notice.locale)
        text, markup = mentoring_notice(notice, _)
        if await _deliver(rt, notice.tg_id, text, markup) is None:
            sent += 1
        await asyncio.sleep(1 / REMINDER_RATE)
    if notices:
        log.info("mentoring sweep: %d of %d notices sent", sent, len(notices))
    return sent


@recorded("adaptation-checks")
async def adaptation_checks() -> int:
    """Every half hour: this month's adaptation check for young specialists whose local time has
    come (from 10:00 on the 1st, never at night); one per person per month."""
    rt = runtime()
    now = rt.clock()
    async with rt.sessionmaker() as session:
        repos = Repos(session)
        claimed = await mentoring.claim_checks(repos, now, rt.settings.default_timezone)
        await repos.commit()
    sent = 0
    for check, user in claimed:
        _ = rt.i18n.get(user.locale)
        text, markup = adaptation_screen(check, _)
        if await _deliver(rt, user.tg_id, _("adapt-intro") + "\n\n" + text, markup) is None:
            sent += 1
            async with rt.sessionmaker() as session:
                repos = Repos(session)
                stored = await repos.mentoring.check(check.id)
                if stored is not None:
                    await repos.mentoring.update(stored, sent_at=rt.clock())
                await repos.commit()
        await asyncio.sleep(1 / REMINDER_RATE)
    return sent


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
            lambda event: (announcement(event, teachers), announcement_keyboard(event, teachers)),
        )
        await repos.commit()
    if done:
        _wake(rt)
    return len(done)


@recorded("events-reminders")
async def event_reminders() -> int:
    """Every 5 minutes: a day and an hour before an event; feedback an hour after it ended."""
    rt = runtime()

    def render(event: Any, user: Any, kind: str) -> Any:
        return event_reminder(event, kind, rt.i18n.get(user.locale))

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
    """Hourly: the weekly digest of upcoming events, Monday from 10:00 in each teacher's zone."""
    rt = runtime()
    async with rt.sessionmaker() as session:
        repos = Repos(session)
        queued = await events.digest(
            repos,
            rt.clock(),
            rt.settings.default_timezone,
            lambda user, found: events_digest(found, rt.i18n.get(user.locale)),
        )
        await repos.commit()
    if queued:
        _wake(rt)
    return queued


def _survey_message(rt: JobRuntime) -> surveys.Render:
    def render(campaign: Any, wave: Any, invite_id: int, user: Any, kind: str) -> Any:
        tz = zone(user, rt.settings.default_timezone)
        return invitation(campaign, wave.closes_at, invite_id, tz, kind, rt.i18n.get(user.locale))

    return render


@recorded("survey-waves")
async def survey_waves() -> int:
    """Every 5 minutes: open the survey waves that are due (once, or monthly on the day at the hour
    in each person's zone) and finish one-off campaigns whose wave has closed. Returns the number
    of people invited."""
    rt = runtime()
    async with rt.sessionmaker() as session:
        repos = Repos(session)
        opened = await surveys.open_waves(
            repos, rt.clock(), rt.settings.default_timezone, _survey_message(rt)
        )
        await surveys.close_finished(repos, rt.clock())
        await repos.commit()
    invited = sum(o.invited for o in opened)
    if invited:
        _wake(rt)
    return invited


@recorded("survey-reminders")
async def survey_reminders() -> int:
    """Every 15 minutes: a survey's reminders (at most two) to those who have not answered yet."""
    rt = runtime()
    async with rt.sessionmaker() as session:
        repos = Repos(session)
        queued = await surveys.remind(repos, rt.clock(), rt.settings.default_timezone, _survey_message(rt))
        await repos.commit()
    if queued:
        _wake(rt)
    return queued


@recorded("survey-release")
async def survey_release() -> int:
    """Every 10 minutes: anonymous answers waiting in `survey_pending` go into the results in
    shuffled batches (at least RELEASE_BATCH of a wave at once; all that is left, and the wave's
    answers shuffled once more, when it has closed). Each wave in a transaction of its own, which
    touches no invite; a claim that releases nothing is rolled back. Returns the answers released."""
    rt = runtime()
    async with rt.sessionmaker() as session:
        waiting = await surveys.release_waiting(Repos(session), rt.clock())
    released = 0
    for wave_id, closed in waiting:
        async with rt.sessionmaker() as session:
            repos = Repos(session)
            done = await surveys.release(repos, wave_id, closed)
            if done is None:
                await repos.rollback()
                continue
            await repos.commit()
            released += done
    return released

"""Periodic jobs, referenced by "bot.jobs:<name>" from the persistent job store."""

from __future__ import annotations

import asyncio
import logging

from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
)

from bot.scheduler import JobRuntime, runtime
from bot.services import routes
from bot.services.roles import cleanup_expired_invites
from bot.ui.routes import route_reminder
from storage.repositories import Repos

log = logging.getLogger(__name__)


async def cleanup_invites() -> int:
    """Daily: remove invites that can no longer be used (expired, revoked, used up)."""
    rt = runtime()
    async with rt.sessionmaker() as session:
        repos = Repos(session)
        removed = await cleanup_expired_invites(repos, rt.clock())
        await repos.commit()
    log.info("invite clean-up removed %d stale invites", removed)
    return removed


# Reminders go out at well under Telegram's ~30 messages/s for bulk sending.
REMINDER_RATE = 20.0


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
        outcome = await _send_nudge(rt, nudge)
        async with rt.sessionmaker() as session:
            repos = Repos(session)
            if outcome is None:
                await repos.routes.reminders_sent(nudge.route_id, nudge.reminder_ids, rt.clock())
                sent += 1
            elif outcome == "retry":
                await repos.routes.reminders_released(nudge.reminder_ids)
            else:
                await repos.routes.reminders_failed(nudge.reminder_ids, outcome)
                if outcome.startswith("forbidden"):
                    await repos.users.mark_unreachable(nudge.tg_id, rt.clock())
            await repos.commit()
    if nudges:
        log.info("route reminders: %d sent of %d due", sent, len(nudges))
    return sent


async def _send_nudge(rt: JobRuntime, nudge: routes.Nudge) -> str | None:
    """None when sent; "retry" for a passing failure; otherwise why it will never be delivered."""
    _ = rt.i18n.get(nudge.locale)
    text, markup = route_reminder(nudge, _)
    for _attempt in range(2):
        try:
            await rt.bot.send_message(nudge.tg_id, text, reply_markup=markup)
            return None
        except TelegramRetryAfter as exc:
            await asyncio.sleep(exc.retry_after)
        except TelegramForbiddenError as exc:
            return f"forbidden: {exc.message}"
        except TelegramBadRequest as exc:
            if "chat not found" in exc.message:
                return f"bad request: {exc.message}"
            log.warning("route reminder %s not sent: %s", nudge.route_id, exc.message)
            return "retry"
        except (TelegramAPIError, TelegramNetworkError, OSError) as exc:
            log.warning("route reminder %s not sent, will retry: %s", nudge.route_id, exc)
            return "retry"
    return "retry"

"""Events' jobs: publishing what is scheduled, reminders a day and an hour before, asking for
feedback, and the weekly digest — each queued in the outbox once (dedupe keys)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.domain.events import ACTIVE, DAY_BEFORE, FEEDBACK_AFTER, Audience, Reminder, concerns, due_reminders
from bot.domain.time import is_quiet, zone_of
from bot.services import broadcasts
from bot.services.broadcasts import Outgoing, Personal
from bot.services.events.common import EventJobRepos, StaffEventRepos, person_of
from bot.services.events.lifecycle import publish
from storage.models import Announcement, Broadcast, Event, User
from storage.repositories import ContestRepo

Render = Callable[[Event, User, str], Outgoing]


async def publish_due(
    repos: EventJobRepos,
    now: datetime,
    default_tz: str,
    render: Callable[[Event], Outgoing],
) -> list[Broadcast]:
    """Scheduled events whose time has come."""
    done = []
    for event in await repos.events.due_to_publish(now):
        author = await repos.users.by_id(event.created_by_id) if event.created_by_id else None
        done.append(
            await publish(repos, event, author, message=render(event), now=now, default_tz=default_tz)
        )
    return done


async def remind(repos: StaffEventRepos, now: datetime, default_tz: str, render: Render) -> int:
    """A day and an hour before: once each, through the outbox (urgent: they are about time)."""
    rows = await repos.events.to_remind(now, now + DAY_BEFORE)
    marks: dict[str, list[int]] = {"reminded_day_at": [], "reminded_hour_at": []}
    messages = []
    for row, event, user in rows:
        for due in due_reminders(
            event.starts_at, now, row.reminded_day_at is not None, row.reminded_hour_at is not None
        ):
            messages.append(
                Personal(
                    user, render(event, user, due.value), f"ev{event.id}:{user.id}:{due.value}", urgent=True
                )
            )
            marks["reminded_day_at" if due is Reminder.DAY else "reminded_hour_at"].append(row.id)
    queued = await broadcasts.send_each(repos, messages, now, default_tz)
    for field_name, ids in marks.items():
        await repos.events.mark_reminded(ids, field_name, now)
    return queued


async def ask_feedback(repos: StaffEventRepos, now: datetime, default_tz: str, render: Render) -> int:
    rows = await repos.events.to_ask_feedback(now - FEEDBACK_AFTER)
    messages = [
        Personal(user, render(event, user, "feedback"), f"ev{event.id}:{user.id}:fb")
        for _r, event, user in rows
    ]
    queued = await broadcasts.send_each(repos, messages, now, default_tz)
    await repos.events.mark_reminded([r.id for r, _e, _u in rows], "feedback_asked_at", now)
    return queued


DIGEST_DAYS = 14


DIGEST_HOUR = 10


def digest_due(now: datetime, timezone: str) -> str | None:
    """The ISO week whose digest may go now in this zone (from Monday 10:00, never at night)."""
    local = now.astimezone(ZoneInfo(timezone))
    if is_quiet(now, timezone) or (local.weekday() == 0 and local.hour < DIGEST_HOUR):
        return None
    year, week, _day = local.isocalendar()
    return f"{year}-W{week:02d}"


async def digest(
    repos: StaffEventRepos,
    now: datetime,
    default_tz: str,
    render: Callable[[User, list[Event], list[Announcement]], Outgoing],
    news: Sequence[Announcement] = (),
) -> int:
    """Once a week: upcoming events that concern each teacher and that they have not registered
    for, and the week's announcements (`news`) whose audience takes them in. Run hourly; each
    person's week is keyed in the outbox (dedupe), so it goes once."""
    events = [e for e in await repos.events.upcoming(now) if e.starts_at <= now + timedelta(days=DIGEST_DAYS)]
    if not events and not news:
        return 0
    people = await repos.events.candidates(roles=None)
    people = [p for p in people if not p.digest_off]
    audiences = {("e", e.id): Audience.from_json(e.audience) for e in events}
    audiences |= {("n", a.id): Audience.from_json(a.audience) for a in news}
    need_areas = any(audience.areas for audience in audiences.values())
    areas = await repos.events.deficit_areas([p.id for p in people]) if need_areas else {}
    need_groups = any(audience.groups for audience in audiences.values())  # part 11: target groups
    groups = await ContestRepo(repos.events.session).groups([p.id for p in people]) if need_groups else {}
    messages = []
    for person in people:
        week = digest_due(now, zone_of(person, default_tz))
        if week is None:
            continue
        me = person_of(person, now.year, areas.get(person.id, set()), groups.get(person.id, set()))
        mine = [e for e in events if concerns(audiences["e", e.id], me)]
        statuses = await repos.events.my_statuses(person.id, [e.id for e in mine]) if mine else {}
        fresh = [e for e in mine if statuses.get(e.id) not in ACTIVE]
        told = [a for a in news if concerns(audiences["n", a.id], me)]
        if not fresh and not told:
            continue
        messages.append(Personal(person, render(person, fresh[:10], told[:10]), f"digest:{person.id}:{week}"))
    return await broadcasts.send_each(repos, messages, now, default_tz)

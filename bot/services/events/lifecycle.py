"""An event's life as staff lead it: the draft, publishing now or later, cancelling."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.domain.events import (
    ACTIVE,
    UNPUBLISHED,
    Audience,
    BroadcastKind,
    EventKind,
    EventLevel,
    EventStatus,
    Reach,
    within,
)
from bot.services import broadcasts
from bot.services.broadcasts import Outgoing
from bot.services.events.common import NoReach, NotAllowed, StaffEventRepos, recipients
from storage.models import Broadcast, Event, User


async def start_draft(
    repos: StaffEventRepos,
    author: User,
    *,
    kind: EventKind,
    level: EventLevel,
    title: str,
    timezone: str,
    audience: Audience,
    now: datetime,
) -> Event:
    return await repos.events.create(
        kind=kind,
        level=level,
        title=title,
        description="",
        starts_at=now + timedelta(days=7),
        timezone=timezone,
        audience=audience.to_json(),
        status=EventStatus.DRAFT,
        urgent=False,
        created_by_id=author.id,
    )


async def publish(
    repos: StaffEventRepos,
    event: Event,
    author: User | None,
    *,
    message: Outgoing,
    now: datetime,
    default_tz: str,
    reach: Reach | None = None,
) -> Broadcast:
    """Send the announcement. `reach`: of the person publishing (the scheduler passes None: the
    audience was cut to its author's reach when it was scheduled)."""
    if event.status not in UNPUBLISHED:
        raise NotAllowed
    if reach is not None:
        await _confine(repos, event, reach)
    people = await recipients(repos, event, now.year)
    broadcast = await broadcasts.send_to(
        repos,
        people,
        kind=BroadcastKind.EVENT,
        text=message.text,
        markup=message.markup,
        now=now,
        default_tz=default_tz,
        urgent=event.urgent,
        event_id=event.id,
        photo_file_id=event.image_file_id,
        created_by=author,
    )
    await repos.events.update(event, status=EventStatus.PUBLISHED, published_at=now, publish_at=None)
    return broadcast


async def _confine(repos: StaffEventRepos, event: Event, reach: Reach) -> None:
    if reach.nobody:
        raise NoReach
    audience = within(Audience.from_json(event.audience), reach)
    await repos.events.update(event, audience=audience.to_json())


async def schedule(
    repos: StaffEventRepos, event: Event, at: datetime, now: datetime, reach: Reach | None = None
) -> None:
    if event.status not in UNPUBLISHED or at <= now:
        raise NotAllowed
    if reach is not None:
        await _confine(repos, event, reach)
    await repos.events.update(event, status=EventStatus.SCHEDULED, publish_at=at)


async def cancel(repos: StaffEventRepos, event: Event, now: datetime) -> list[User]:
    """The event is off: returns the people to tell (registered and waiting)."""
    if event.status is EventStatus.CANCELLED:
        raise NotAllowed
    was_published = event.status is EventStatus.PUBLISHED
    await repos.events.update(event, status=EventStatus.CANCELLED, cancelled_at=now)
    if not was_published:
        return []
    return [u for _r, u in await repos.events.registrations(event.id, ACTIVE)]


async def interested(repos: StaffEventRepos, event: Event) -> list[User]:
    return [u for _r, u in await repos.events.registrations(event.id, ACTIVE)]

"""Events, the shared part: the refusals, when an event ends, and who manages what and whom an
author reaches (`may_manage`, `reach_of`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from bot.domain.events import (
    DEFAULT_LENGTH,
    UNPUBLISHED,
    Audience,
    EventStatus,
    Reach,
    home_municipality,
    within,
)
from bot.domain.roles import Role
from bot.services import roles as role_service
from bot.services.audience import AudienceService, person_of, reach_of, regional
from bot.services.broadcasts import Outboxes
from storage.models import Broadcast, Event, User
from storage.repositories import ContentRepo, DirectoryRepo, EventRepo, RouteRepo, UserRepo

__all__ = ["person_of", "reach_of"]


class TeacherEventRepos(Protocol):
    """What a teacher's side of events uses (`Repos` is one): the events and registrations, the
    person (moved up from the waiting list, the digest turned off), and the route an event joins."""

    @property
    def events(self) -> EventRepo: ...
    @property
    def users(self) -> UserRepo: ...
    @property
    def routes(self) -> RouteRepo: ...


class StaffEventRepos(Outboxes, Protocol):
    """What staff's side of events uses (`Repos` is one): the events, the audience (the directory
    and the content's competence areas) and the outbox the announcements go through."""

    @property
    def events(self) -> EventRepo: ...
    @property
    def directory(self) -> DirectoryRepo: ...
    @property
    def content(self) -> ContentRepo: ...


class EventJobRepos(StaffEventRepos, Protocol):
    """The events' jobs: staff's repositories and the people (a scheduled event's author)."""

    @property
    def users(self) -> UserRepo: ...


class NotYours(Exception):
    """An event this person may not manage (or a registration of someone else)."""


class NotAllowed(Exception):
    """Not in this state (published already, cancelled, a double tap)."""


class NoReach(Exception):
    """The author may write to nobody (a methodist with no subjects in their profile)."""


class NotOver(Exception):
    """Attendance and ratings wait until the event has ended."""


def ends_at(event: Event) -> datetime:
    return event.ends_at or event.starts_at + DEFAULT_LENGTH


def is_draft(event: Event) -> bool:
    return event.status in UNPUBLISHED


def is_over(event: Event, now: datetime) -> bool:
    return event.status is EventStatus.PUBLISHED and now >= ends_at(event)


# --- who manages what, and whom an author reaches -----------------------------------------------


def may_manage(event: Event, user: User, roles: frozenset[Role]) -> bool:
    """The one rule for every staff screen and button of an event (card, attendees, attendance,
    the spreadsheet, edits, cancelling, publishing, stopping its broadcast):
    admins and regional staff manage every event; municipal staff the events of their
    municipality (`home_municipality`: the one the audience is confined to); a methodist their
    own events, within their current scope."""
    return may_manage_for(event.audience, event.created_by_id, user, roles)


def may_manage_for(
    audience: dict[str, Any] | None, author_id: int | None, user: User, roles: frozenset[Role]
) -> bool:
    """`may_manage` for anything sent to an audience by an author (an event, an announcement)."""
    if regional(user, roles):
        return True
    home = home_municipality(Audience.from_json(audience))
    if Role.STAFF in roles and home == role_service.role_scope(user, Role.STAFF):
        return True
    if Role.METHODIST in roles and author_id == user.id:
        scope = role_service.role_scope(user, Role.METHODIST)
        return scope is None or home == scope
    return False


async def manageable(
    repos: StaffEventRepos, user: User, roles: frozenset[Role], limit: int = 30
) -> list[Event]:
    """The newest events this person may manage, newest first (the staff list)."""
    if regional(user, roles):
        return await repos.events.authored(None, limit)
    author = None if Role.STAFF in roles else user.id
    found: list[Event] = []
    before: int | None = None
    while len(found) < limit:
        page = await repos.events.authored(author, 200, before_id=before)
        found += [e for e in page if may_manage(e, user, roles)]
        if len(page) < 200:
            break
        before = page[-1].id
    return found[:limit]


async def manageable_event(
    repos: StaffEventRepos, event_id: int, user: User | None, roles: frozenset[Role]
) -> Event:
    event = await repos.events.event(event_id)
    if event is None or user is None or not may_manage(event, user, roles):
        raise NotYours(event_id)
    return event


async def stoppable(
    repos: StaffEventRepos, broadcast_id: int, user: User | None, roles: frozenset[Role]
) -> Broadcast:
    """A broadcast this person may stop: an event's, by whoever manages the event; one without
    an event, by admins, regional staff or its author."""
    broadcast = await repos.outbox.broadcast(broadcast_id)
    if broadcast is None or user is None:
        raise NotYours(broadcast_id)
    event = await repos.events.event(broadcast.event_id) if broadcast.event_id is not None else None
    if event is not None:
        allowed = may_manage(event, user, roles)
    else:
        allowed = regional(user, roles) or broadcast.created_by_id == user.id
    if not allowed:
        raise NotYours(broadcast_id)
    return broadcast


def default_audience(author: User, roles: frozenset[Role]) -> Audience:
    """A municipal service or methodist writes to their municipality; a methodist to their subjects."""
    return within(Audience(), reach_of(author, roles))


async def recipients(
    repos: StaffEventRepos, event: Event, year: int, reach: Reach | None = None
) -> list[User]:
    """Who gets the event; with `reach`, only those the one publishing it may write to."""
    audience = AudienceService(repos.events, repos.directory, repos.content)
    return await audience.reached(Audience.from_json(event.audience), year, reach)

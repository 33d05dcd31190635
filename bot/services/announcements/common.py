"""Announcements, the shared part: what they use, who manages one, and sending one through the
outbox (a broadcast of kind NEWS: the text, a picture or a document, the link buttons)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Protocol

from bot.domain.announcements import Attachment
from bot.domain.events import Audience, BroadcastKind
from bot.domain.roles import Role
from bot.services import broadcasts
from bot.services.audience import AudienceService
from bot.services.broadcasts import Outgoing
from bot.services.events.common import StaffEventRepos, may_manage_for
from storage.models import Announcement, Broadcast, User
from storage.repositories import AnnouncementRepo, UserRepo

# What teachers get, rendered by `bot/ui` in the installation's language.
Render = Callable[[Announcement], Outgoing]


class AnnouncementRepos(StaffEventRepos, Protocol):
    """The announcements, the audience (as events: candidates, the directory, the content's areas),
    the outbox, and the people (a scheduled announcement's author). `Repos` is one."""

    @property
    def announcements(self) -> AnnouncementRepo: ...
    @property
    def users(self) -> UserRepo: ...


def may_manage(announcement: Announcement, user: User, roles: frozenset[Role]) -> bool:
    """The events' rule: admins and regional staff every announcement; municipal staff those of
    their municipality; a methodist their own, within their current scope."""
    return may_manage_for(announcement.audience, announcement.created_by_id, user, roles)


def audience_service(repos: StaffEventRepos) -> AudienceService:
    return AudienceService(repos.events, repos.directory, repos.content)


async def send(
    repos: AnnouncementRepos,
    announcement: Announcement,
    author: User | None,
    message: Outgoing,
    *,
    now: datetime,
    default_tz: str,
) -> Broadcast:
    """Queue the announcement for everyone its audience takes in (each in their own daytime:
    announcements are never urgent). The caller has claimed it (`transition` to SENT) in the
    same transaction, so it goes once."""
    people = await audience_service(repos).reached(Audience.from_json(announcement.audience), now.year)
    kind = announcement.file_kind
    broadcast = await broadcasts.send_to(
        repos,
        people,
        kind=BroadcastKind.NEWS,
        text=message.text,
        markup=message.markup,
        now=now,
        default_tz=default_tz,
        urgent=False,
        photo_file_id=announcement.file_id if kind is Attachment.PHOTO else None,
        document_file_id=announcement.file_id if kind is Attachment.DOCUMENT else None,
        created_by=author,
    )
    await repos.announcements.update(announcement, broadcast_id=broadcast.id)
    return broadcast

"""The announcements' job: send what is scheduled for now, each exactly once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.announcements import AnnouncementStatus
from bot.services.announcements.common import AnnouncementRepos, Render, send
from storage.models import Announcement, Broadcast


@dataclass(frozen=True, slots=True)
class Due:
    """A scheduled announcement sent: its author watches the progress."""

    announcement: Announcement
    broadcast: Broadcast
    author_chat: int | None


async def claim_and_send(
    repos: AnnouncementRepos, announcement_id: int, now: datetime, default_tz: str, render: Render
) -> Due | None:
    """Claim one due announcement and queue its broadcast, in the caller's transaction (commit it
    right after). The claim is a conditional UPDATE, so of two processes running the job at once
    only one sends; a crash before the commit leaves it scheduled, to be sent by the next run."""
    claimed = await repos.announcements.transition(
        announcement_id, AnnouncementStatus.SCHEDULED, AnnouncementStatus.SENT, due_by=now, sent_at=now
    )
    if not claimed:
        return None
    announcement = await repos.announcements.get(announcement_id, fresh=True)
    if announcement is None:
        return None
    author = await repos.users.by_id(announcement.created_by_id) if announcement.created_by_id else None
    broadcast = await send(repos, announcement, author, render(announcement), now=now, default_tz=default_tz)
    return Due(announcement, broadcast, author.tg_id if author is not None else None)

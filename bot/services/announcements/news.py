"""«Новости» for teachers: the announcements sent to an audience that takes them in, newest first,
and the week's announcements for the digest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.errors import Refusal
from bot.domain.events import Audience, concerns
from bot.domain.time import Clock, zone_of
from bot.services.announcements.common import AnnouncementRepos
from bot.services.audience import person_of
from storage.models import Announcement, User
from storage.repositories import ContestRepo

PAGE = 8
DIGEST_WINDOW = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class NewsPage:
    items: list[Announcement]
    page: int
    pages: int
    timezone: str  # the reader's: the dates are theirs


async def concerning(
    repos: AnnouncementRepos, user: User, found: Sequence[Announcement], year: int
) -> list[Announcement]:
    """Those of `found` whose audience takes `user` in (the events' rule)."""
    audiences = {a.id: Audience.from_json(a.audience) for a in found}
    need_areas = any(audience.areas for audience in audiences.values())
    areas = (await repos.events.deficit_areas([user.id])).get(user.id, set()) if need_areas else set()
    need_groups = any(audience.groups for audience in audiences.values())  # part 11: target groups
    groups = (
        (await ContestRepo(repos.events.session).groups([user.id])).get(user.id, set())
        if need_groups
        else set()
    )
    person = person_of(user, year, areas, groups)
    return [a for a in found if concerns(audiences[a.id], person)]


async def of_the_week(repos: AnnouncementRepos, now: datetime) -> list[Announcement]:
    """What the weekly digest recalls: announcements sent in the last seven days."""
    return await repos.announcements.published(since=now - DIGEST_WINDOW)


class NewsService:
    def __init__(self, repos: AnnouncementRepos, *, clock: Clock, timezone: str) -> None:
        self.repos = repos
        self.clock = clock
        self.timezone = timezone

    async def listing(self, user: User, page: int) -> NewsPage:
        mine = await concerning(
            self.repos, user, await self.repos.announcements.published(), self.clock().year
        )
        pages = max(1, (len(mine) + PAGE - 1) // PAGE)
        page = min(max(page, 0), pages - 1)
        return NewsPage(mine[page * PAGE : (page + 1) * PAGE], page, pages, zone_of(user, self.timezone))

    async def visible(self, user: User, announcement_id: int) -> Announcement:
        """An announcement the person may read again (the VisibleNews filter): sent, not taken
        back, and for them."""
        found = await self.repos.announcements.readable(announcement_id)
        if found is None or not await concerning(self.repos, user, [found], self.clock().year):
            raise Refusal("nw-not-yours")
        return found

"""Announcements: drafts, the atomic claim that sends one exactly once, and what teachers read."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Select, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.announcements import AnnouncementStatus
from bot.domain.events import BroadcastStatus
from storage.models import Announcement, Broadcast


class AnnouncementRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, **fields: Any) -> Announcement:
        row = Announcement(**fields)
        self.session.add(row)
        await self.session.flush()
        return row

    async def get(self, announcement_id: int, *, fresh: bool = False) -> Announcement | None:
        """`fresh`: read again even if this session holds the row (after a conditional UPDATE)."""
        if not fresh:
            return await self.session.get(Announcement, announcement_id)
        return await self.session.scalar(
            select(Announcement)
            .where(Announcement.id == announcement_id)
            .execution_options(populate_existing=True)
        )

    async def update(self, row: Announcement, **fields: Any) -> None:
        for name, value in fields.items():
            setattr(row, name, value)
        await self.session.flush()

    async def delete(self, row: Announcement) -> None:
        await self.session.delete(row)
        await self.session.flush()

    async def authored(
        self, author_id: int | None, limit: int = 200, *, before_id: int | None = None
    ) -> list[Announcement]:
        """Recent announcements: one author's, or (None) everyone's — newest first."""
        query = select(Announcement)
        if author_id is not None:
            query = query.where(Announcement.created_by_id == author_id)
        if before_id is not None:
            query = query.where(Announcement.id < before_id)
        return list(await self.session.scalars(query.order_by(Announcement.id.desc()).limit(limit)))

    async def due(self, now: datetime) -> list[int]:
        """Scheduled announcements whose time has come (oldest first)."""
        rows = await self.session.scalars(
            select(Announcement.id)
            .where(Announcement.status == AnnouncementStatus.SCHEDULED, Announcement.send_at <= now)
            .order_by(Announcement.send_at, Announcement.id)
        )
        return list(rows)

    async def transition(
        self,
        announcement_id: int,
        frm: AnnouncementStatus,
        to: AnnouncementStatus,
        *,
        due_by: datetime | None = None,
        **fields: Any,
    ) -> bool:
        """Move one announcement from `frm` to `to` in one conditional UPDATE: True for the one
        transaction that did it. Two processes (or a double tap) claiming the same announcement:
        the second waits for the first's row lock (PostgreSQL) or write lock (SQLite), then finds
        it moved and gets False. `due_by`: only if its `send_at` has come."""
        conditions = [Announcement.id == announcement_id, Announcement.status == frm]
        if due_by is not None:
            conditions.append(Announcement.send_at <= due_by)
        result = await self.session.execute(
            update(Announcement).where(*conditions).values(status=to, **fields)
        )
        return int(getattr(result, "rowcount", 0) or 0) == 1

    @staticmethod
    def _readable() -> Select[Announcement]:
        """Sent announcements teachers may read: a broadcast staff stopped takes its announcement
        back (those who got it keep their message)."""
        return (
            select(Announcement)
            .outerjoin(Broadcast, Broadcast.id == Announcement.broadcast_id)
            .where(
                Announcement.status == AnnouncementStatus.SENT,
                or_(Broadcast.id.is_(None), Broadcast.status != BroadcastStatus.STOPPED),
            )
        )

    async def readable(self, announcement_id: int) -> Announcement | None:
        return await self.session.scalar(self._readable().where(Announcement.id == announcement_id))

    async def published(self, *, since: datetime | None = None, limit: int = 300) -> list[Announcement]:
        """Sent announcements teachers may read, newest first."""
        query = self._readable()
        if since is not None:
            query = query.where(Announcement.sent_at >= since)
        query = query.order_by(Announcement.sent_at.desc(), Announcement.id.desc()).limit(limit)
        return list(await self.session.scalars(query))

    async def broadcasts(self, ids: Iterable[int]) -> dict[int, Broadcast]:
        """The broadcasts of announcements, by id (a list shows how each went)."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        rows = await self.session.scalars(select(Broadcast).where(Broadcast.id.in_(wanted)))
        return {b.id: b for b in rows}

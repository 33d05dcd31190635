"""Broadcasts and the outbox: one row per recipient, claimed by the worker, marked as it goes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.events import BroadcastStatus
from bot.domain.outbox import OutboxStatus
from storage.models import Broadcast, OutboxMessage, User

INSERT_CHUNK = 2000


@dataclass(frozen=True, slots=True)
class Claimed:
    id: int
    broadcast_id: int | None
    user_id: int | None
    chat_id: int
    attempts: int
    text: str | None
    markup: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class Content:
    """What every recipient of a broadcast gets: the text (a caption under a picture or a
    document) and its keyboard."""

    text: str
    markup: dict[str, Any] | None = None
    photo: str | None = None  # a file_id
    document: str | None = None  # a file_id


@dataclass(frozen=True, slots=True)
class Recipient:
    user_id: int | None
    chat_id: int
    not_before: datetime
    text: str | None = None
    markup: dict[str, Any] | None = None
    dedupe: str | None = None
    held: bool = False  # kept until they write to the bot (`OutboxStatus.HELD`)


class OutboxRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _insert(self) -> Any:
        dialect = self.session.bind.dialect.name if self.session.bind is not None else "sqlite"
        return pg_insert if dialect == "postgresql" else sqlite_insert

    async def create_broadcast(self, **fields: Any) -> Broadcast:
        row = Broadcast(**fields)
        self.session.add(row)
        await self.session.flush()
        return row

    async def broadcast(self, broadcast_id: int) -> Broadcast | None:
        return await self.session.get(Broadcast, broadcast_id)

    async def enqueue(self, broadcast_id: int | None, recipients: Iterable[Recipient]) -> int:
        """Bulk insert; rows whose dedupe key exists already are skipped. Returns rows added."""
        rows = self._rows(broadcast_id, recipients)
        added = 0
        for start in range(0, len(rows), INSERT_CHUNK):
            chunk = rows[start : start + INSERT_CHUNK]
            if any(r["dedupe"] for r in chunk):
                added += len(await self._insert_once(chunk))
            else:
                await self.session.execute(insert(OutboxMessage), chunk)
                added += len(chunk)
        return added

    async def enqueue_keyed(self, recipients: Sequence[Recipient]) -> list[str | None]:
        """Personal messages (no broadcast), one statement per `INSERT_CHUNK` rows; a row whose
        dedupe key exists already (or comes earlier in `recipients`) is skipped. Returns the dedupe
        key of each row added (None for a row without one)."""
        seen: set[str] = set()
        once = []
        for r in recipients:
            if r.dedupe is not None:
                if r.dedupe in seen:
                    continue
                seen.add(r.dedupe)
            once.append(r)
        rows = self._rows(None, once)
        added: list[str | None] = []
        for start in range(0, len(rows), INSERT_CHUNK):
            added += await self._insert_once(rows[start : start + INSERT_CHUNK])
        return added

    @staticmethod
    def _rows(broadcast_id: int | None, recipients: Iterable[Recipient]) -> list[dict[str, Any]]:
        return [
            {
                "broadcast_id": broadcast_id,
                "user_id": r.user_id,
                "chat_id": r.chat_id,
                "status": OutboxStatus.HELD if r.held else OutboxStatus.PENDING,
                "attempts": 0,
                "not_before": r.not_before,
                "text": r.text,
                "markup": r.markup,
                "dedupe": r.dedupe,
            }
            for r in recipients
        ]

    async def _insert_once(self, chunk: list[dict[str, Any]]) -> list[str | None]:
        """One INSERT … ON CONFLICT (dedupe) DO NOTHING; the dedupe keys of the rows added."""
        statement = (
            self._insert()(OutboxMessage)
            .values(chunk)
            .on_conflict_do_nothing(index_elements=["dedupe"])
            .returning(OutboxMessage.dedupe)
        )
        return list((await self.session.execute(statement)).scalars())

    async def recover_in_flight(self) -> dict[int | None, int]:
        """After a crash: rows taken for sending but never marked go back to the queue. They may
        have reached Telegram already — the only possible duplicates; counted per broadcast."""
        result = await self.session.execute(
            select(OutboxMessage.broadcast_id, func.count())
            .where(OutboxMessage.status == OutboxStatus.SENDING)
            .group_by(OutboxMessage.broadcast_id)
        )
        counts = {broadcast_id: int(n) for broadcast_id, n in result.all()}
        if counts:
            await self.session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.status == OutboxStatus.SENDING)
                .values(status=OutboxStatus.PENDING)
            )
            for broadcast_id, n in counts.items():
                if broadcast_id is not None:
                    await self.session.execute(
                        update(Broadcast)
                        .where(Broadcast.id == broadcast_id)
                        .values(resent_after_crash=Broadcast.resent_after_crash + n)
                    )
        return counts

    async def release_held(self, chat_id: int, user_id: int | None, now: datetime) -> int:
        """The person of `chat_id` has written to the bot: what was kept for them is queued now.
        Returns how many rows were released (looked up first: most updates find none, and need
        not take SQLite's write lock for it)."""
        held = (OutboxMessage.chat_id == chat_id) & (OutboxMessage.status == OutboxStatus.HELD)
        found = await self.session.scalar(select(func.count()).select_from(OutboxMessage).where(held))
        if not found:
            return 0
        values: dict[str, Any] = {"status": OutboxStatus.PENDING, "not_before": now}
        if user_id is not None:
            values["user_id"] = user_id
        result = await self.session.execute(update(OutboxMessage).where(held).values(**values))
        return int(getattr(result, "rowcount", 0) or 0)

    async def claim(self, now: datetime, limit: int) -> list[Claimed]:
        """Take the next due rows (oldest first) and mark them as being sent."""
        result = await self.session.execute(
            select(
                OutboxMessage.id,
                OutboxMessage.broadcast_id,
                OutboxMessage.user_id,
                OutboxMessage.chat_id,
                OutboxMessage.attempts,
                OutboxMessage.text,
                OutboxMessage.markup,
            )
            .where(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.not_before <= now)
            .order_by(OutboxMessage.not_before, OutboxMessage.id)
            .limit(limit)
        )
        rows = [Claimed(*row) for row in result.all()]
        if rows:
            await self.session.execute(
                update(OutboxMessage)
                .where(
                    OutboxMessage.id.in_([r.id for r in rows]), OutboxMessage.status == OutboxStatus.PENDING
                )
                .values(status=OutboxStatus.SENDING, claimed_at=now)
            )
        return rows

    async def mark(self, updates: Sequence[tuple[int, dict[str, Any]]]) -> None:
        """Write the outcome of sent rows: (id, fields) — grouped so a batch is a few statements."""
        groups: dict[tuple[tuple[str, Any], ...], list[int]] = {}
        for row_id, fields in updates:
            key = tuple(sorted(fields.items(), key=lambda kv: kv[0]))
            groups.setdefault(key, []).append(row_id)
        for key, ids in groups.items():
            values = dict(key)
            for start in range(0, len(ids), 5000):
                await self.session.execute(
                    update(OutboxMessage)
                    .where(OutboxMessage.id.in_(ids[start : start + 5000]))
                    .values(**values)
                )

    async def cancel_pending(self, broadcast_id: int) -> int:
        result = await self.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.broadcast_id == broadcast_id, OutboxMessage.status == OutboxStatus.PENDING)
            .values(status=OutboxStatus.CANCELLED)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    async def counts(self, broadcast_id: int) -> dict[str, int]:
        result = await self.session.execute(
            select(OutboxMessage.status, func.count())
            .where(OutboxMessage.broadcast_id == broadcast_id)
            .group_by(OutboxMessage.status)
        )
        return {status: int(n) for status, n in result.all()}

    async def broadcasts_of(self, event_id: int) -> list[Broadcast]:
        """An event's broadcasts, the announcement first."""
        rows = await self.session.scalars(
            select(Broadcast).where(Broadcast.event_id == event_id).order_by(Broadcast.id)
        )
        return list(rows)

    async def active_broadcasts(self) -> list[Broadcast]:
        rows = await self.session.scalars(
            select(Broadcast).where(Broadcast.status == BroadcastStatus.SENDING)
        )
        return list(rows)

    async def due_count(self, now: datetime) -> int:
        """Rows queued for now or being sent."""
        count = await self.session.scalar(
            select(func.count())
            .select_from(OutboxMessage)
            .where(
                (OutboxMessage.status == OutboxStatus.SENDING)
                | ((OutboxMessage.status == OutboxStatus.PENDING) & (OutboxMessage.not_before <= now))
            )
        )
        return int(count or 0)

    async def next_due(self) -> datetime | None:
        return await self.session.scalar(
            select(func.min(OutboxMessage.not_before)).where(OutboxMessage.status == OutboxStatus.PENDING)
        )

    async def texts(self, broadcast_ids: Iterable[int]) -> dict[int, Content]:
        ids = list(set(broadcast_ids))
        if not ids:
            return {}
        result = await self.session.execute(
            select(
                Broadcast.id,
                Broadcast.text,
                Broadcast.markup,
                Broadcast.photo_file_id,
                Broadcast.document_file_id,
            ).where(Broadcast.id.in_(ids))
        )
        return {bid: Content(text, markup, photo, doc) for bid, text, markup, photo, doc in result.all()}

    async def mark_unreachable(self, user_ids: Sequence[int], now: datetime) -> None:
        if user_ids:
            await self.session.execute(
                update(User).where(User.id.in_(list(user_ids))).values(unreachable_at=now)
            )

    async def finish(self, broadcast: Broadcast, status: BroadcastStatus, now: datetime) -> None:
        broadcast.status, broadcast.finished_at = status, now
        await self.session.flush()

    async def set_progress_message(self, broadcast_id: int, chat_id: int, message_id: int) -> None:
        await self.session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id)
            .values(progress_chat_id=chat_id, progress_message_id=message_id)
        )

"""What the bot's latest edit of each message left in it, as fingerprints (see `bot.ui.messaging`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import ScreenEdit


@dataclass(frozen=True, slots=True)
class KeptEdit:
    chat_id: int
    message_id: int
    edited_at: int  # Telegram's edit_date (seconds); 0 when not known
    before: str | None  # the fingerprint of what the message showed before the edit
    after: str  # … and after it


class ScreenRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def latest(self, chat_id: int, message_id: int) -> KeptEdit | None:
        row = (
            await self.session.execute(
                select(ScreenEdit.edited_at, ScreenEdit.before, ScreenEdit.after).where(
                    ScreenEdit.chat_id == chat_id, ScreenEdit.message_id == message_id
                )
            )
        ).one_or_none()
        return None if row is None else KeptEdit(chat_id, message_id, row[0], row[1], row[2])

    async def keep(self, edits: Sequence[KeptEdit], now: datetime) -> None:
        """The latest edit per message wins (one statement per edit; usually one per update)."""
        dialect = self.session.bind.dialect.name if self.session.bind is not None else "sqlite"
        insert: Any = pg_insert if dialect == "postgresql" else sqlite_insert
        for edit in edits:
            values = {"edited_at": edit.edited_at, "before": edit.before, "after": edit.after, "kept_at": now}
            await self.session.execute(
                insert(ScreenEdit)
                .values(chat_id=edit.chat_id, message_id=edit.message_id, **values)
                .on_conflict_do_update(index_elements=["chat_id", "message_id"], set_=values)
            )

    async def prune(self, before: datetime) -> int:
        result = await self.session.execute(delete(ScreenEdit).where(ScreenEdit.kept_at < before))
        return int(getattr(result, "rowcount", 0) or 0)

"""aiogram FSM storage in the bot's own database, so dialogues survive a restart.

Used when REDIS_URL is not set. Inside an update, `DbSessionMiddleware` binds the storage to
the update's session (`bind`), so the dialogue step and the data it produced commit together —
and SQLite never sees two writers from one process. Outside an update (aiogram reading the
state before the session opens) every call is its own short transaction.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, KeyBuilder, StateType, StorageKey
from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.models import FsmRecord


class _SqlFsm:
    """The SQL of FSM records, on a given session."""

    def __init__(self, dialect: str, keys: KeyBuilder) -> None:
        self._insert = pg_insert if dialect == "postgresql" else sqlite_insert
        self._keys = keys

    def key(self, key: StorageKey) -> str:
        return self._keys.build(key)

    async def upsert(self, session: AsyncSession, key: StorageKey, values: dict[str, Any]) -> None:
        values = {**values, "updated_at": func.now()}  # ON CONFLICT skips the column's onupdate
        stmt = self._insert(FsmRecord).values(key=self.key(key), **values)
        stmt = stmt.on_conflict_do_update(index_elements=[FsmRecord.key], set_=values)
        await session.execute(stmt)

    async def get_state(self, session: AsyncSession, key: StorageKey) -> str | None:
        return await session.scalar(select(FsmRecord.state).where(FsmRecord.key == self.key(key)))

    async def get_data(self, session: AsyncSession, key: StorageKey) -> dict[str, Any]:
        data = await session.scalar(select(FsmRecord.data).where(FsmRecord.key == self.key(key)))
        return dict(data or {})

    async def drop_if_empty(self, session: AsyncSession, key: StorageKey) -> None:
        """Keep no row for someone with no dialogue in progress (least data)."""
        row = await session.scalar(select(FsmRecord).where(FsmRecord.key == self.key(key)))
        if row is not None and row.state is None and not row.data:
            await session.execute(delete(FsmRecord).where(FsmRecord.key == row.key))


def _state_value(state: StateType) -> str | None:
    return state.state if isinstance(state, State) else state


def _json_data(data: Mapping[str, Any]) -> dict[str, Any]:
    # Round-trip through JSON now: data that cannot be stored fails here, not after a restart.
    result: dict[str, Any] = json.loads(json.dumps(dict(data), ensure_ascii=False))
    return result


class SqlStorage(BaseStorage):
    def __init__(
        self,
        engine: AsyncEngine,
        sessionmaker: async_sessionmaker[AsyncSession],
        key_builder: KeyBuilder | None = None,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._sql = _SqlFsm(
            engine.dialect.name, key_builder or DefaultKeyBuilder(with_destiny=True, with_bot_id=True)
        )

    def bind(self, session: AsyncSession) -> SessionFsmStorage:
        return SessionFsmStorage(self._sql, session)

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        async with self._sessionmaker() as session, session.begin():
            await self._sql.upsert(session, key, {"state": _state_value(state)})
            await self._sql.drop_if_empty(session, key)

    async def get_state(self, key: StorageKey) -> str | None:
        async with self._sessionmaker() as session:
            return await self._sql.get_state(session, key)

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        async with self._sessionmaker() as session, session.begin():
            await self._sql.upsert(session, key, {"data": _json_data(data)})
            await self._sql.drop_if_empty(session, key)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        async with self._sessionmaker() as session:
            return await self._sql.get_data(session, key)

    async def close(self) -> None:
        """The engine is owned and disposed by the application."""


class SessionFsmStorage(BaseStorage):
    """The same records, in the update's unit of work.

    Writes are kept in memory and written by `flush()` just before the update's commit, so the
    database write lock (SQLite has one per file) is held for the commit only — not while the
    handler talks to Telegram. Reads see the pending writes; repeated reads hit the database once.
    Events of one user are serialised by aiogram's event isolation, so nothing races here.
    """

    def __init__(self, sql: _SqlFsm, session: AsyncSession) -> None:
        self._sql = sql
        self._session = session
        self._keys: dict[str, StorageKey] = {}
        self._state: dict[str, str | None] = {}
        self._data: dict[str, dict[str, Any]] = {}
        self._dirty: dict[str, set[str]] = {}

    def _touch(self, key: StorageKey, part: str) -> str:
        name = self._sql.key(key)
        self._keys[name] = key
        self._dirty.setdefault(name, set()).add(part)
        return name

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        self._state[self._touch(key, "state")] = _state_value(state)

    async def get_state(self, key: StorageKey) -> str | None:
        name = self._sql.key(key)
        if name not in self._state:
            self._state[name] = await self._sql.get_state(self._session, key)
        return self._state[name]

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        self._data[self._touch(key, "data")] = _json_data(data)

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        name = self._sql.key(key)
        if name not in self._data:
            self._data[name] = await self._sql.get_data(self._session, key)
        return dict(self._data[name])

    async def flush(self) -> None:
        """Write what changed into the session (the caller commits)."""
        for name, parts in self._dirty.items():
            key = self._keys[name]
            values: dict[str, Any] = {}
            if "state" in parts:
                values["state"] = self._state[name]
            if "data" in parts:
                values["data"] = self._data[name]
            await self._sql.upsert(self._session, key, values)
            # Only a cleared dialogue can leave an empty row; don't ask the database otherwise.
            if values.get("state") is None and not values.get("data"):
                await self._sql.drop_if_empty(self._session, key)
        self._dirty.clear()

    async def close(self) -> None:
        """Nothing to close: the session belongs to the update."""

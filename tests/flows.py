"""Conversation snippets shared by the end-to-end tests."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from tests.fakes import TgUser

if TYPE_CHECKING:
    from tests.conftest import BotEnv


async def register(
    user: TgUser,
    *,
    name: str = "Иванова Мария Петровна",
    municipality: str = "г. Кострома",
    school: str = "Гимназия № 15",
    position: str = "Учитель",
    subjects: tuple[str, ...] = ("Математика",),
    experience: str = "2",
    birth_year: str = "1998",
    category: str = "Без категории",
    start: str = "/start",
) -> None:
    await user.send(start)
    await user.click("Согласен(на)")
    await user.send(name)
    await user.click(municipality)
    await user.click(school)
    await user.click(position)
    for subject in subjects:
        await user.click(subject)
    await user.click("Готово")
    await user.send(experience)
    await user.send(birth_year)
    await user.click(category)


# --- the database as a whole, before and after a request ------------------------------------------

# Tables that change on their own or as bookkeeping: the dialogue state, the scheduler's jobs and
# runs, the migration marker, keys the installation generates on first use, what edits left in
# messages.
BOOKKEEPING_TABLES = frozenset(
    {"fsm_records", "job_runs", "apscheduler_jobs", "alembic_version", "installation_secrets", "screen_edits"}
)


class DbSnapshots:
    """Every row of every table of a SQLite database (found by reflection, so a new table is
    included without touching this), to prove that a request changed nothing.

    `PRAGMA data_version` tells cheaply whether anyone committed since the last look, so a loop
    of forged requests reads the tables only when something was written.
    """

    def __init__(self, path: Path, ignore: frozenset[str] = BOOKKEEPING_TABLES) -> None:
        self.engine = sa.create_engine(f"sqlite:///{path}")
        self.conn = self.engine.connect()
        self.ignore = ignore
        self._version: int | None = None
        self._last: dict[str, list[tuple[object, ...]]] = {}
        self._schema: object = None
        self._metadata = sa.MetaData()

    def close(self) -> None:
        self.conn.close()
        self.engine.dispose()

    def _data_version(self) -> int:
        value = self.conn.exec_driver_sql("PRAGMA data_version").scalar()
        self.conn.rollback()
        return int(value or 0)

    def take(self) -> dict[str, list[tuple[object, ...]]]:
        version = self._data_version()
        if version == self._version:
            return self._last
        schema = self.conn.exec_driver_sql("SELECT group_concat(name) FROM sqlite_master").scalar()
        if schema != self._schema:
            self._metadata = sa.MetaData()
            self._metadata.reflect(self.conn)
            self._schema = schema
        tables: dict[str, list[tuple[object, ...]]] = {}
        for name, table in sorted(self._metadata.tables.items()):
            if name in self.ignore:
                continue
            rows = self.conn.execute(sa.select(table)).all()
            tables[name] = sorted((tuple(r) for r in rows), key=repr)
        self.conn.rollback()
        self._version, self._last = version, tables
        return tables


def db_changes(
    before: dict[str, list[tuple[object, ...]]], after: dict[str, list[tuple[object, ...]]]
) -> list[str]:
    """What differs, table by table: rows gone and rows new (an update is one of each)."""
    changes: list[str] = []
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name, []), after.get(name, [])
        if old == new:
            continue
        gone = [r for r in old if r not in new]
        added = [r for r in new if r not in old]
        changes += [f"{name}: - {row!r}"[:300] for row in gone]
        changes += [f"{name}: + {row!r}"[:300] for row in added]
    return changes


async def settle(env: BotEnv, limit: float = 15.0) -> None:
    """Until the outbox has nothing left to send now."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    assert env.app is not None
    env.app.outbox.wake()
    while True:
        async with env.repos() as repos:
            due = await repos.outbox.due_count(env.clock())
        if not due:
            await asyncio.sleep(0.3)  # the progress message's last edit
            return
        assert loop.time() < deadline, "the outbox did not finish"
        await asyncio.sleep(0.1)

"""Storage: the ORM models match the migrations; the FSM storage in the bot's own database."""

from __future__ import annotations

import ast
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiogram.fsm.state import State, StatesGroup
from aiogram.fsm.storage.base import StorageKey
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, select, text, update
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from storage.db import create_engine, create_sessionmaker
from storage.fsm import SqlStorage
from storage.migrate import MIGRATIONS_DIR, alembic_config, upgrade
from storage.models import Base, FsmRecord
from tests.conftest import POSTGRES_URL, reset_postgres

needs_postgres = pytest.mark.skipif(not POSTGRES_URL, reason="TEST_POSTGRES_URL is not set")
BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=needs_postgres),
]

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def foreign_tables() -> set[str]:
    """FOREIGN_TABLES as storage/migrations/env.py defines it (that module cannot be imported)."""
    tree = ast.parse((MIGRATIONS_DIR / "env.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "FOREIGN_TABLES" for t in node.targets
        ):
            return set(ast.literal_eval(node.value))
    raise AssertionError("FOREIGN_TABLES not found in env.py")


FOREIGN_TABLES = foreign_tables()


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    return not (type_ == "table" and name in FOREIGN_TABLES)


def schema_diff(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(
        connection,
        opts={"compare_type": True, "include_object": include_object, "target_metadata": Base.metadata},
    )
    return list(compare_metadata(context, Base.metadata))


@pytest.fixture
async def engine(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    backend = getattr(request, "param", "sqlite")
    if backend == "postgres":
        assert POSTGRES_URL
        await reset_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    else:
        url = f"sqlite+aiosqlite:///{tmp_path / 'storage.db'}"
    engine = create_engine(url)
    try:
        yield engine
    finally:
        await engine.dispose()


# --- models vs migrations ------------------------------------------------------------------


def test_env_excludes_apscheduler_table() -> None:
    # and the practice bank's full-text tables on SQLite (migration 0016)
    assert {"apscheduler_jobs", "practices_fts"} <= FOREIGN_TABLES


@pytest.mark.parametrize("engine", BACKENDS, indirect=True)
async def test_models_match_migrations(engine: AsyncEngine) -> None:
    await upgrade(engine)
    # APScheduler's own table lives in the same database and must not count as a difference.
    async with engine.begin() as conn:
        await conn.execute(
            text("CREATE TABLE apscheduler_jobs (id VARCHAR(191) PRIMARY KEY, next_run_time FLOAT)")
        )
    async with engine.connect() as conn:
        diff = await conn.run_sync(schema_diff)
    assert diff == []


@pytest.mark.parametrize("engine", BACKENDS, indirect=True)
async def test_schema_comparison_sees_differences(engine: AsyncEngine) -> None:
    # The comparison is not vacuous: an empty database differs by every table.
    async with engine.connect() as conn:
        diff = await conn.run_sync(schema_diff)
    added = {d[1].name for d in diff if d[0] == "add_table"}
    assert added == set(Base.metadata.tables)
    # … and a migrated database that lost one index differs by exactly that index.
    await upgrade(engine)
    async with engine.begin() as conn:
        await conn.execute(text("DROP INDEX ix_users_school_id"))
    async with engine.connect() as conn:
        diff = await conn.run_sync(schema_diff)
    assert [(d[0], d[1].name) for d in diff] == [("add_index", "ix_users_school_id")]


@pytest.mark.parametrize("engine", BACKENDS, indirect=True)
async def test_upgrade_is_repeatable(engine: AsyncEngine) -> None:
    await upgrade(engine)
    await upgrade(engine)
    async with engine.connect() as conn:
        version = await conn.scalar(text("SELECT version_num FROM alembic_version"))
    assert version == HEAD


# --- SqlStorage ----------------------------------------------------------------------------


class Form(StatesGroup):
    name = State()
    year = State()


KEY = StorageKey(bot_id=1, chat_id=100, user_id=100)
OTHER_USER = StorageKey(bot_id=1, chat_id=101, user_id=101)
OTHER_BOT = StorageKey(bot_id=2, chat_id=100, user_id=100)
PREFS = StorageKey(bot_id=1, chat_id=100, user_id=100, destiny="prefs")


@pytest.fixture
async def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    await upgrade(engine)
    return create_sessionmaker(engine)


@pytest.fixture
def storage(engine: AsyncEngine, sessions: async_sessionmaker[AsyncSession]) -> SqlStorage:
    return SqlStorage(engine, sessions)


async def row_count(sessions: async_sessionmaker[AsyncSession]) -> int:
    async with sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(FsmRecord)) or 0)


@pytest.mark.parametrize("engine", BACKENDS, indirect=True)
async def test_state_and_data_round_trip(storage: SqlStorage, sessions) -> None:
    assert await storage.get_state(KEY) is None
    assert await storage.get_data(KEY) == {}

    await storage.set_state(KEY, Form.name)
    assert await storage.get_state(KEY) == Form.name.state == "Form:name"
    await storage.set_state(KEY, "Form:year")
    assert await storage.get_state(KEY) == "Form:year"

    data = {"draft": {"full_name": "Ёлкина Алёна", "subjects": ["math"], "school_id": None}, "page": 2}
    await storage.set_data(KEY, data)
    assert await storage.get_data(KEY) == data
    # Writing data keeps the state, writing the state keeps the data.
    assert await storage.get_state(KEY) == "Form:year"
    await storage.set_state(KEY, Form.name)
    assert await storage.get_data(KEY) == data

    merged = await storage.update_data(KEY, {"page": 3, "q": "гимназия"})
    assert merged == {**data, "page": 3, "q": "гимназия"}
    assert await storage.get_data(KEY) == merged
    assert await row_count(sessions) == 1

    # Other people and other bots are untouched.
    assert await storage.get_state(OTHER_USER) is None
    assert await storage.get_data(OTHER_BOT) == {}


@pytest.mark.parametrize("engine", BACKENDS, indirect=True)
async def test_data_is_stored_as_json(storage: SqlStorage) -> None:
    await storage.set_data(KEY, {"subjects": ("math", "pe"), "n": 1.5, "ok": True})
    assert await storage.get_data(KEY) == {"subjects": ["math", "pe"], "n": 1.5, "ok": True}
    # The caller's dict is not the stored one.
    returned = await storage.get_data(KEY)
    returned["n"] = 0
    assert (await storage.get_data(KEY))["n"] == 1.5


@pytest.mark.parametrize("engine", BACKENDS, indirect=True)
@pytest.mark.parametrize("bad", [{"when": datetime(2026, 1, 1, tzinfo=UTC)}, {"s": {1, 2}}, {"o": object()}])
async def test_non_json_data_raises_and_stores_nothing(storage: SqlStorage, sessions, bad) -> None:
    with pytest.raises(TypeError):
        await storage.set_data(KEY, bad)
    assert await row_count(sessions) == 0
    assert await storage.get_data(KEY) == {}

    # Earlier data survives a failed write.
    await storage.set_data(KEY, {"step": 1})
    with pytest.raises(TypeError):
        await storage.set_data(KEY, {"step": 2, **bad})
    assert await storage.get_data(KEY) == {"step": 1}


@pytest.mark.parametrize("engine", BACKENDS, indirect=True)
async def test_clearing_removes_the_row(storage: SqlStorage, sessions) -> None:
    await storage.set_state(KEY, Form.name)
    await storage.set_data(KEY, {"a": 1})
    assert await row_count(sessions) == 1

    await storage.set_state(KEY, None)
    assert await row_count(sessions) == 1  # data is still there
    assert await storage.get_data(KEY) == {"a": 1}
    await storage.set_data(KEY, {})
    assert await row_count(sessions) == 0

    # Data alone keeps a row; clearing data with no state removes it.
    await storage.set_data(KEY, {"a": 1})
    assert await row_count(sessions) == 1
    await storage.set_data(KEY, {})
    assert await row_count(sessions) == 0

    # Clearing what was never there leaves no trace either.
    await storage.set_state(OTHER_USER, None)
    await storage.set_data(OTHER_USER, {})
    assert await row_count(sessions) == 0


@pytest.mark.parametrize("engine", BACKENDS, indirect=True)
async def test_bound_storage_writes_only_on_commit(storage: SqlStorage, sessions) -> None:
    async with sessions() as session:
        bound = storage.bind(session)
        await bound.set_state(KEY, Form.year)
        await bound.set_data(KEY, {"draft": {"full_name": "Иванова Мария"}})
        # Visible inside the update's unit of work …
        assert await bound.get_state(KEY) == "Form:year"
        assert await bound.get_data(KEY) == {"draft": {"full_name": "Иванова Мария"}}
        # … but not to anyone else until it commits.
        assert await storage.get_state(KEY) is None
        await session.rollback()
    assert await storage.get_state(KEY) is None
    assert await storage.get_data(KEY) == {}
    assert await row_count(sessions) == 0

    async with sessions() as session:
        bound = storage.bind(session)
        await bound.set_state(KEY, Form.year)
        await bound.set_data(KEY, {"x": 1})
        await session.commit()
    # Writes are buffered until flush(): the update's middleware flushes right before committing.
    assert await storage.get_state(KEY) is None
    async with sessions() as session:
        bound = storage.bind(session)
        await bound.set_state(KEY, Form.year)
        await bound.set_data(KEY, {"x": 1})
        await bound.flush()
        await session.commit()
    assert await storage.get_state(KEY) == "Form:year"
    assert await storage.get_data(KEY) == {"x": 1}

    async with sessions() as session:
        bound = storage.bind(session)
        await bound.set_state(KEY, None)
        await bound.set_data(KEY, {})
        assert await bound.get_state(KEY) is None
        await session.rollback()
    assert await storage.get_state(KEY) == "Form:year"

    async with sessions() as session:
        bound = storage.bind(session)
        await bound.set_state(KEY, None)
        await bound.set_data(KEY, {})
        await bound.flush()
        await session.commit()
    assert await row_count(sessions) == 0


@pytest.mark.parametrize("engine", BACKENDS, indirect=True)
async def test_bound_storage_rejects_non_json(storage: SqlStorage, sessions) -> None:
    async with sessions() as session:
        bound = storage.bind(session)
        await bound.set_state(KEY, Form.name)
        with pytest.raises(TypeError):
            await bound.set_data(KEY, {"when": datetime(2026, 1, 1, tzinfo=UTC)})
        await bound.flush()
        await session.commit()
    assert await storage.get_state(KEY) == "Form:name"
    assert await storage.get_data(KEY) == {}


@pytest.mark.parametrize("engine", BACKENDS, indirect=True)
async def test_destinies_are_separate(storage: SqlStorage, sessions) -> None:
    assert KEY.destiny == "default"
    await storage.set_data(PREFS, {"lang": "en"})
    await storage.set_state(KEY, Form.name)
    await storage.set_data(KEY, {"draft": {}})

    assert await storage.get_data(KEY) == {"draft": {}}
    assert await storage.get_data(PREFS) == {"lang": "en"}
    assert await storage.get_state(PREFS) is None
    assert await row_count(sessions) == 2

    await storage.set_state(KEY, None)
    await storage.set_data(KEY, {})
    assert await storage.get_data(PREFS) == {"lang": "en"}
    assert await row_count(sessions) == 1
    async with sessions() as session:
        keys = list(await session.scalars(select(FsmRecord.key)))
    assert len(keys) == 1 and "prefs" in keys[0]


@pytest.mark.parametrize("engine", BACKENDS, indirect=True)
async def test_updated_at_moves_on_every_write(storage: SqlStorage, sessions) -> None:
    await storage.set_state(KEY, Form.name)
    long_ago = datetime(2020, 1, 1, tzinfo=UTC)
    async with sessions() as session, session.begin():
        await session.execute(update(FsmRecord).values(updated_at=long_ago))
    await storage.set_data(KEY, {"step": 2})
    async with sessions() as session:
        updated_at = await session.scalar(select(FsmRecord.updated_at))
    assert updated_at is not None and updated_at > long_ago

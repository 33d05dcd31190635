"""Alembic environment: uses the connection handed over by storage.migrate, or DATABASE_URL."""

from __future__ import annotations

import asyncio
import os
from typing import Literal

from alembic import context
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from storage.db import DEFAULT_URL_FOR_ALEMBIC, ensure_sqlite_dir
from storage.models import Base, UtcDateTime

config = context.config
target_metadata = Base.metadata

# Tables that other libraries own and create themselves.
FOREIGN_TABLES = {
    "apscheduler_jobs",
    # SQLite's full-text search of the practice bank (migration 0016): a virtual table and its own.
    "practices_fts",
    "practices_fts_config",
    "practices_fts_content",
    "practices_fts_data",
    "practices_fts_docsize",
    "practices_fts_idx",
}


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    return not (type_ == "table" and name in FOREIGN_TABLES)


def render_item(type_: str, obj: object, autogen_context: object) -> str | Literal[False]:
    """Migrations spell UtcDateTime as the plain column type it stores."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_object,
        render_item=render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


def _url() -> str:
    return config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL", DEFAULT_URL_FOR_ALEMBIC)


async def _run_async() -> None:
    url = _url()
    ensure_sqlite_dir(url)
    engine = create_async_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(_configure)
    await engine.dispose()


connection = config.attributes.get("connection")
if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif connection is not None:
    _configure(connection)
else:
    asyncio.run(_run_async())

"""Secrets the installation generated for itself, once (the key of the pseudonyms)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import InstallationSecret


class SecretRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _insert(self) -> Any:
        dialect = self.session.bind.dialect.name if self.session.bind is not None else "sqlite"
        return pg_insert if dialect == "postgresql" else sqlite_insert

    async def kept(self, name: str, fresh: str) -> str:
        """The secret `name`; stored as `fresh` when there is none yet. Two processes asking at
        once get the same one: the first insert wins, the other's does nothing."""
        await self.session.execute(
            self._insert()(InstallationSecret)
            .values(name=name, value=fresh)
            .on_conflict_do_nothing(index_elements=["name"])
        )
        value = await self.session.scalar(
            select(InstallationSecret.value).where(InstallationSecret.name == name)
        )
        assert value is not None
        return value

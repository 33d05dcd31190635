"""Questionnaires and the recommendation catalogue as stored versions: the active ones, staging
a new version and switching it on."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.diagnostics import ContentKind
from storage.models import ContentVersion


class ContentRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def active(self, kind: ContentKind) -> list[ContentVersion]:
        rows = await self.session.scalars(
            select(ContentVersion)
            .where(ContentVersion.kind == kind, ContentVersion.active.is_(True))
            .order_by(ContentVersion.content_id)
        )
        return list(rows)

    async def active_one(self, kind: ContentKind, content_id: str) -> ContentVersion | None:
        return await self.session.scalar(
            select(ContentVersion).where(
                ContentVersion.kind == kind,
                ContentVersion.content_id == content_id,
                ContentVersion.active.is_(True),
            )
        )

    async def by_id(self, version_id: int) -> ContentVersion | None:
        return await self.session.get(ContentVersion, version_id)

    async def find(self, kind: ContentKind, content_id: str, version: int) -> ContentVersion | None:
        return await self.session.scalar(
            select(ContentVersion).where(
                ContentVersion.kind == kind,
                ContentVersion.content_id == content_id,
                ContentVersion.version == version,
            )
        )

    async def add(
        self,
        *,
        kind: ContentKind,
        content_id: str,
        version: int,
        body: dict[str, Any],
        sha256: str,
        source: str,
        uploaded_by_tg_id: int | None,
    ) -> ContentVersion:
        row = ContentVersion(
            kind=kind,
            content_id=content_id,
            version=version,
            body=body,
            sha256=sha256,
            active=False,
            source=source,
            uploaded_by_tg_id=uploaded_by_tg_id,
        )
        self.session.add(row)
        await self.session.flush()
        return row

    async def activate(self, row: ContentVersion) -> None:
        await self.session.execute(
            update(ContentVersion)
            .where(
                ContentVersion.kind == row.kind,
                ContentVersion.content_id == row.content_id,
                ContentVersion.id != row.id,
            )
            .values(active=False)
        )
        row.active = True
        await self.session.flush()

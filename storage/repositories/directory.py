"""Municipalities and schools."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from sqlalchemy import CompoundSelect, Select, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import Invite, Municipality, School, User, UserRole


class Upsert(StrEnum):
    """What an import did to a directory row."""

    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


_DIGITS = re.compile(r"(\d+)")


def _natural_key(school: School) -> tuple[tuple[int, int | str], ...]:
    label = (school.short_name or school.name).casefold()
    return tuple((1, int(part)) if part.isdigit() else (0, part) for part in _DIGITS.split(label))


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_key(*parts: str | None) -> str:
    return " ".join(p for p in parts if p).casefold().replace("ё", "е")


def _used_schools() -> Select[Any]:
    return select(User.school_id).where(User.school_id.is_not(None))


def _used_municipalities() -> CompoundSelect[Any]:
    """A municipality is in use by a profile, or as the scope of a staff role or an invite
    (deleting it would silently widen that scope to the whole region)."""
    return (
        select(User.municipality_id)
        .where(User.municipality_id.is_not(None))
        .union(
            select(UserRole.scope_municipality_id).where(UserRole.scope_municipality_id.is_not(None)),
            select(Invite.scope_municipality_id).where(Invite.scope_municipality_id.is_not(None)),
        )
    )


class DirectoryRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def count_municipalities(self) -> int:
        return int(await self.session.scalar(select(func.count()).select_from(Municipality)) or 0)

    async def count_schools(self) -> int:
        return int(await self.session.scalar(select(func.count()).select_from(School)) or 0)

    async def municipalities(
        self, *, offset: int = 0, limit: int | None = None
    ) -> tuple[list[Municipality], int]:
        total = await self.count_municipalities()
        query = select(Municipality).order_by(Municipality.name).offset(offset)
        if limit is not None:
            query = query.limit(limit)
        return list(await self.session.scalars(query)), total

    async def municipality(self, municipality_id: int) -> Municipality | None:
        return await self.session.get(Municipality, municipality_id)

    async def municipality_by_code(self, code: str) -> Municipality | None:
        return await self.session.scalar(select(Municipality).where(Municipality.code == code))

    async def school(self, school_id: int) -> School | None:
        return await self.session.get(School, school_id)

    async def school_by_code(self, code: str) -> School | None:
        return await self.session.scalar(select(School).where(School.code == code))

    async def schools(
        self, municipality_id: int, *, query: str | None, offset: int, limit: int
    ) -> tuple[list[School], int]:
        """Schools of a municipality, optionally those whose name contains `query`.

        Ordered naturally by the name a teacher sees («СОШ № 2» before «СОШ № 11»); a
        municipality has at most a few hundred schools, so the page is cut in memory.
        """
        where = [School.municipality_id == municipality_id]
        if query:
            where.append(School.search_text.like(f"%{_like_escape(search_key(query))}%", escape="\\"))
        rows = sorted(await self.session.scalars(select(School).where(*where)), key=_natural_key)
        return rows[offset : offset + limit], len(rows)

    async def upsert_municipality(self, code: str, name: str, timezone: str) -> tuple[Municipality, Upsert]:
        """Insert or update by code."""
        row = await self.municipality_by_code(code)
        if row is None:
            row = Municipality(code=code, name=name, timezone=timezone)
            self.session.add(row)
            await self.session.flush()
            return row, Upsert.ADDED
        if (row.name, row.timezone) == (name, timezone):
            return row, Upsert.UNCHANGED
        row.name, row.timezone = name, timezone
        await self.session.flush()
        return row, Upsert.UPDATED

    async def upsert_school(
        self, code: str, municipality_id: int, name: str, short_name: str | None, *, shnor: bool = False
    ) -> tuple[School, Upsert]:
        row = await self.school_by_code(code)
        key = search_key(short_name, name)
        if row is None:
            row = School(
                code=code,
                municipality_id=municipality_id,
                name=name,
                short_name=short_name,
                search_text=key,
                shnor=shnor,
            )
            self.session.add(row)
            await self.session.flush()
            return row, Upsert.ADDED
        if (row.municipality_id, row.name, row.short_name, row.shnor) == (
            municipality_id,
            name,
            short_name,
            shnor,
        ):
            return row, Upsert.UNCHANGED
        row.municipality_id, row.name, row.short_name = municipality_id, name, short_name
        row.shnor = shnor
        row.search_text = key
        await self.session.flush()
        return row, Upsert.UPDATED

    async def entries(self) -> tuple[list[Municipality], list[School]]:
        """The whole directory (a region has a few thousand schools at most), by code."""
        municipalities = await self.session.scalars(select(Municipality).order_by(Municipality.code))
        schools = await self.session.scalars(select(School).order_by(School.code))
        return list(municipalities), list(schools)

    async def in_use(self) -> tuple[set[int], set[int]]:
        """Ids of the schools and the municipalities that `remove_absent` keeps because something
        points at them (a school's own schools aside)."""
        schools = await self.session.scalars(_used_schools())
        municipalities = await self.session.scalars(_used_municipalities())
        return {int(s) for s in schools if s is not None}, {int(m) for m in municipalities if m is not None}

    async def remove_absent(
        self, keep_municipalities: set[str], keep_schools: set[str]
    ) -> tuple[int, int, int]:
        """Delete entries not in the imported file unless someone's profile points at them.

        Returns (schools removed, municipalities removed, entries kept because they are in use).
        """
        used_schools = _used_schools()
        used_munis = _used_municipalities()
        absent_schools = select(School.id).where(School.code.not_in(keep_schools))
        kept = int(
            await self.session.scalar(
                select(func.count())
                .select_from(School)
                .where(School.code.not_in(keep_schools), School.id.in_(used_schools))
            )
            or 0
        )
        res_s = await self.session.execute(
            delete(School).where(School.id.in_(absent_schools), School.id.not_in(used_schools))
        )
        has_schools = select(School.municipality_id)
        kept += int(
            await self.session.scalar(
                select(func.count())
                .select_from(Municipality)
                .where(
                    Municipality.code.not_in(keep_municipalities),
                    Municipality.id.in_(used_munis) | Municipality.id.in_(has_schools),
                )
            )
            or 0
        )
        res_m = await self.session.execute(
            delete(Municipality).where(
                Municipality.code.not_in(keep_municipalities),
                Municipality.id.not_in(used_munis),
                Municipality.id.not_in(has_schools),
            )
        )
        return int(getattr(res_s, "rowcount", 0)), int(getattr(res_m, "rowcount", 0)), kept

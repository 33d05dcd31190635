"""Users, their subjects and roles."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload

from bot.domain.roles import Role
from storage.models import SchoolRequest, User, UserRole, UserSubject


class UserRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def by_tg_id(self, tg_id: int) -> User | None:
        """The current user of every update: one query with roles and subjects joined in."""
        result = await self.session.scalars(
            select(User).options(joinedload(User.roles), joinedload(User.subjects)).where(User.tg_id == tg_id)
        )
        return result.unique().one_or_none()

    async def by_id(self, user_id: int) -> User | None:
        return await self.session.get(User, user_id)

    async def create(
        self, tg_id: int, *, locale: str | None, consent_at: datetime, consent_version: str
    ) -> User:
        user = User(tg_id=tg_id, locale=locale, consent_at=consent_at, consent_version=consent_version)
        user.subjects = []
        user.roles = []
        self.session.add(user)
        await self.session.flush()
        return user

    async def delete(self, user: User) -> None:
        await self.session.delete(user)
        await self.session.flush()

    @staticmethod
    def deleted(user: User) -> bool:
        """Was the person deleted in this unit of work (their data withdrawn just now)?"""
        state = sa_inspect(user)
        return bool(state.deleted or state.was_deleted)

    async def update(self, user: User, **fields: Any) -> None:
        for name, value in fields.items():
            setattr(user, name, value)
        await self.session.flush()
        # Keep the loaded school and municipality in step with the ids just written.
        stale = [
            rel for rel, fk in (("school", "school_id"), ("municipality", "municipality_id")) if fk in fields
        ]
        if stale:
            await self.session.refresh(user, stale)

    async def mark_unreachable(self, tg_id: int, now: datetime | None) -> None:
        """Telegram refused to deliver (403), or — with None — the person wrote to the bot again."""
        await self.session.execute(update(User).where(User.tg_id == tg_id).values(unreachable_at=now))

    async def set_subjects(self, user: User, subjects: Iterable[str]) -> None:
        wanted = list(dict.fromkeys(subjects))
        user.subjects = [UserSubject(user_id=user.id, subject=s) for s in wanted]
        await self.session.flush()

    async def add_school_request(self, user: User, municipality_id: int | None, text: str) -> None:
        self.session.add(SchoolRequest(user_id=user.id, municipality_id=municipality_id, text=text))
        await self.session.flush()

    async def open_school_requests(self) -> int:
        count = await self.session.scalar(
            select(func.count()).select_from(SchoolRequest).where(SchoolRequest.resolved_at.is_(None))
        )
        return int(count or 0)

    # --- roles -------------------------------------------------------------------------

    async def add_role(
        self,
        user: User,
        role: Role,
        *,
        scope_municipality_id: int | None,
        granted_by_tg_id: int | None,
    ) -> bool:
        """Give a role; False if the user already has it (nothing changes then)."""
        if any(r.role == role for r in user.roles):
            return False
        user.roles.append(
            UserRole(
                user_id=user.id,
                role=role,
                scope_municipality_id=scope_municipality_id,
                granted_by_tg_id=granted_by_tg_id,
            )
        )
        await self.session.flush()
        return True

    async def remove_role(self, user: User, role: Role) -> bool:
        result = await self.session.execute(
            delete(UserRole).where(UserRole.user_id == user.id, UserRole.role == role)
        )
        await self.session.refresh(user, ["roles"])
        return bool(getattr(result, "rowcount", 0))

    async def with_roles(
        self,
        roles: Sequence[Role],
        *,
        offset: int,
        limit: int,
        municipality_id: int | None = None,
        scoped_roles: Sequence[Role] = (),
    ) -> tuple[list[User], int]:
        """People holding any of these roles, by name, one page at a time. With a municipality: those
        living there, and those whose `scoped_roles` role works for it."""
        ids = select(UserRole.user_id).where(UserRole.role.in_(roles)).distinct()
        if municipality_id is not None:
            working_there = select(UserRole.user_id).where(
                UserRole.role.in_(scoped_roles), UserRole.scope_municipality_id == municipality_id
            )
            living_there = select(User.id).where(User.municipality_id == municipality_id)
            ids = ids.where(or_(UserRole.user_id.in_(living_there), UserRole.user_id.in_(working_there)))
        total = await self.session.scalar(select(func.count()).select_from(ids.subquery()))
        rows = await self.session.scalars(
            select(User).where(User.id.in_(ids)).order_by(User.full_name, User.id).offset(offset).limit(limit)
        )
        return list(rows), int(total or 0)

"""Invites and the audit log of role changes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.domain.roles import AuditAction, Role
from storage.models import Invite, RoleAudit, User, UserRole


class InviteRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(
        self,
        *,
        code: str,
        role: Role,
        scope_municipality_id: int | None,
        created_by_tg_id: int,
        expires_at: datetime,
        max_uses: int,
    ) -> Invite:
        invite = Invite(
            code=code,
            role=role,
            scope_municipality_id=scope_municipality_id,
            created_by_tg_id=created_by_tg_id,
            expires_at=expires_at,
            max_uses=max_uses,
            uses=0,
        )
        self.session.add(invite)
        await self.session.flush()
        return invite

    async def by_code(self, code: str) -> Invite | None:
        return await self.session.scalar(select(Invite).where(Invite.code == code))

    async def by_id(self, invite_id: int) -> Invite | None:
        return await self.session.get(Invite, invite_id)

    async def take_use(self, invite_id: int, now: datetime) -> bool:
        """Count one use atomically, only while the invite is still valid (two people, one use left)."""
        result = await self.session.execute(
            update(Invite)
            .where(
                Invite.id == invite_id,
                Invite.revoked_at.is_(None),
                Invite.expires_at > now,
                Invite.uses < Invite.max_uses,
            )
            .values(uses=Invite.uses + 1)
        )
        return bool(getattr(result, "rowcount", 0))

    async def active(
        self, now: datetime, roles: frozenset[Role], *, municipality_id: int | None = None, limit: int = 15
    ) -> list[Invite]:
        """Usable invites to these roles; with a municipality, only those made for it."""
        query = select(Invite).where(
            Invite.revoked_at.is_(None),
            Invite.expires_at > now,
            Invite.uses < Invite.max_uses,
            Invite.role.in_(roles),
        )
        if municipality_id is not None:
            query = query.where(Invite.scope_municipality_id == municipality_id)
        rows = await self.session.scalars(
            query.order_by(Invite.created_at.desc(), Invite.id.desc()).limit(limit)
        )
        return list(rows)

    async def revoke(self, invite: Invite, now: datetime) -> None:
        invite.revoked_at = now
        await self.session.flush()

    async def delete_stale(self, now: datetime) -> int:
        """Remove invites that can no longer be used: expired, revoked or used up."""
        result = await self.session.execute(
            delete(Invite).where(
                (Invite.expires_at <= now) | Invite.revoked_at.is_not(None) | (Invite.uses >= Invite.max_uses)
            )
        )
        return int(getattr(result, "rowcount", 0))

    async def count(self) -> int:
        return int(await self.session.scalar(select(func.count()).select_from(Invite)) or 0)


class AuditRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(
        self,
        *,
        actor_tg_id: int | None,
        target_tg_id: int | None,
        role: Role,
        action: AuditAction,
        source: str,
    ) -> None:
        self.session.add(
            RoleAudit(
                actor_tg_id=actor_tg_id,
                target_tg_id=target_tg_id,
                role=role,
                action=action,
                source=source,
            )
        )
        await self.session.flush()

    async def recent(self, limit: int = 20) -> list[RoleAudit]:
        rows = await self.session.scalars(select(RoleAudit).order_by(RoleAudit.id.desc()).limit(limit))
        return list(rows)

    async def recent_named(
        self, limit: int = 20, *, municipality_id: int | None = None, scoped_roles: Sequence[Role] = ()
    ) -> list[tuple[RoleAudit, str | None, str | None]]:
        """Entries with the current names of the target and the actor (None if unknown or deleted).
        With a municipality: only about people living there or whose `scoped_roles` role works there."""
        target, actor = aliased(User), aliased(User)
        query = (
            select(RoleAudit, target.full_name, actor.full_name)
            .outerjoin(target, target.tg_id == RoleAudit.target_tg_id)
            .outerjoin(actor, actor.tg_id == RoleAudit.actor_tg_id)
        )
        if municipality_id is not None:
            working_there = select(UserRole.user_id).where(
                UserRole.role.in_(scoped_roles), UserRole.scope_municipality_id == municipality_id
            )
            query = query.where(or_(target.municipality_id == municipality_id, target.id.in_(working_there)))
        rows = await self.session.execute(query.order_by(RoleAudit.id.desc()).limit(limit))
        return [(entry, target_name, actor_name) for entry, target_name, actor_name in rows]

    async def forget(self, tg_id: int) -> None:
        """De-identify a person who deleted their data; the fact of the change stays."""
        await self.session.execute(
            update(RoleAudit).where(RoleAudit.actor_tg_id == tg_id).values(actor_tg_id=None)
        )
        await self.session.execute(
            update(RoleAudit).where(RoleAudit.target_tg_id == tg_id).values(target_tg_id=None)
        )

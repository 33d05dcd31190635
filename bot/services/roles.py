"""Granting and revoking roles, invite links, and the audit trail of every change."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain.roles import (
    INVITE_DAYS,
    INVITE_USES,
    SCOPED_ROLES,
    InviteProblem,
    InviteState,
    Role,
    can_manage,
    grantable_roles,
    invite_problem,
    parse_roles,
)
from storage.models import Invite, User
from storage.repositories import Repos


class PermissionDenied(Exception):
    """The actor's roles do not allow this; handlers answer politely."""


def effective_roles(user: User | None, tg_id: int, admin_ids: Iterable[int]) -> frozenset[Role]:
    """Stored roles plus admin for ids in ADMIN_IDS (config wins, cannot be revoked in the bot)."""
    roles = set(parse_roles(r.role for r in user.roles)) if user is not None else set()
    if tg_id in set(admin_ids):
        roles.add(Role.ADMIN)
    return frozenset(roles)


def role_scope(user: User | None, role: Role) -> int | None:
    """The municipality a staff member or methodist works for; None = the whole region."""
    if user is None:
        return None
    return next((r.scope_municipality_id for r in user.roles if r.role == role.value), None)


def staff_scope(user: User | None, roles: frozenset[Role]) -> int | None:
    """A municipal service sees its municipality only; the regional centre and admins see all."""
    return None if Role.ADMIN in roles else role_scope(user, Role.STAFF)


def methodist_may_see(methodist: User | None, teacher: User) -> bool:
    """A teacher's results reach a methodist only with the teacher's consent, within the scope."""
    scope = role_scope(methodist, Role.METHODIST)
    return teacher.share_results and (scope is None or teacher.municipality_id == scope)


async def grant(
    repos: Repos,
    user: User,
    role: Role,
    *,
    actor_tg_id: int | None,
    source: str,
    scope_municipality_id: int | None = None,
) -> bool:
    added = await repos.users.add_role(
        user, role.value, scope_municipality_id=scope_municipality_id, granted_by_tg_id=actor_tg_id
    )
    if added:
        await repos.audit.record(
            actor_tg_id=actor_tg_id, target_tg_id=user.tg_id, role=role.value, action="grant", source=source
        )
    return added


async def revoke(
    repos: Repos, actor_roles: frozenset[Role], actor_tg_id: int, user: User, role: Role
) -> bool:
    if not can_manage(actor_roles, role):
        raise PermissionDenied(role)
    removed = await repos.users.remove_role(user, role.value)
    if removed:
        await repos.audit.record(
            actor_tg_id=actor_tg_id,
            target_tg_id=user.tg_id,
            role=role.value,
            action="revoke",
            source="manual",
        )
    return removed


async def create_invite(
    repos: Repos,
    actor_roles: frozenset[Role],
    actor_tg_id: int,
    role: Role,
    *,
    days: int,
    uses: int,
    scope_municipality_id: int | None,
    now: datetime,
) -> Invite:
    if not can_manage(actor_roles, role):
        raise PermissionDenied(role)
    if days not in INVITE_DAYS or uses not in INVITE_USES:
        raise ValueError("unsupported invite limits")
    return await repos.invites.create(
        code=secrets.token_urlsafe(12),
        role=role.value,
        scope_municipality_id=scope_municipality_id if role in SCOPED_ROLES else None,
        created_by_tg_id=actor_tg_id,
        expires_at=now + timedelta(days=days),
        max_uses=uses,
    )


class RedeemOutcome(StrEnum):
    GRANTED = "granted"
    ALREADY = "already"
    UNKNOWN = "unknown"
    REVOKED = InviteProblem.REVOKED.value
    EXPIRED = InviteProblem.EXPIRED.value
    EXHAUSTED = InviteProblem.EXHAUSTED.value


@dataclass(frozen=True, slots=True)
class Redeemed:
    outcome: RedeemOutcome
    role: Role | None = None


async def redeem_invite(repos: Repos, user: User, code: str, now: datetime) -> Redeemed:
    invite = await repos.invites.by_code(code)
    if invite is None:
        return Redeemed(RedeemOutcome.UNKNOWN)
    role = Role(invite.role)
    if any(r.role == role.value for r in user.roles):
        return Redeemed(RedeemOutcome.ALREADY, role)
    state = InviteState(invite.expires_at, invite.max_uses, invite.uses, invite.revoked_at)
    problem = invite_problem(state, now)
    if problem is not None:
        return Redeemed(RedeemOutcome(problem.value), role)
    if not await repos.invites.take_use(invite.id, now):
        # Someone took the last use between our read and write.
        return Redeemed(RedeemOutcome.EXHAUSTED, role)
    await grant(
        repos,
        user,
        role,
        actor_tg_id=invite.created_by_tg_id,
        source=f"invite:{invite.id}",
        scope_municipality_id=invite.scope_municipality_id,
    )
    return Redeemed(RedeemOutcome.GRANTED, role)


async def revoke_invite(
    repos: Repos, actor_roles: frozenset[Role], invite_id: int, now: datetime
) -> Invite | None:
    invite = await repos.invites.by_id(invite_id)
    if invite is None or invite.revoked_at is not None:
        return None
    if not can_manage(actor_roles, Role(invite.role)):
        raise PermissionDenied(invite.role)
    await repos.invites.revoke(invite, now)
    return invite


async def active_invites(repos: Repos, actor_roles: frozenset[Role], now: datetime) -> list[Invite]:
    roles = frozenset(r.value for r in grantable_roles(actor_roles))
    return await repos.invites.active(now, roles)


async def cleanup_expired_invites(repos: Repos, now: datetime) -> int:
    return await repos.invites.delete_stale(now)


__all__ = [
    "PermissionDenied",
    "RedeemOutcome",
    "Redeemed",
    "active_invites",
    "cleanup_expired_invites",
    "create_invite",
    "effective_roles",
    "grant",
    "methodist_may_see",
    "redeem_invite",
    "revoke",
    "revoke_invite",
    "role_scope",
    "staff_scope",
]

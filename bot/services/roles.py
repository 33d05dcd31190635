"""Granting and revoking roles, invite links, and the audit trail of every change."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from bot.domain.roles import (
    INVITE_DAYS,
    INVITE_USES,
    SCOPED_ROLES,
    AuditAction,
    InviteProblem,
    InviteState,
    Role,
    can_manage,
    grantable_roles,
    invite_problem,
    invite_scope_allowed,
    role_in_reach,
)
from bot.services import routes as route_service
from bot.services.routes import RouteRepos
from storage.models import Invite, User
from storage.repositories import AuditRepo, DirectoryRepo, InviteRepo, UserRepo


class Grants(Protocol):
    """What granting a role writes: the person's roles and the audit trail (`Repos` is one)."""

    @property
    def users(self) -> UserRepo: ...
    @property
    def audit(self) -> AuditRepo: ...


class RoleRepos(RouteRepos, Grants, Protocol):
    """The repositories the role rules use (`Repos` is one); a methodist's handover takes the
    route repositories."""

    @property
    def invites(self) -> InviteRepo: ...
    @property
    def directory(self) -> DirectoryRepo: ...


class PermissionDenied(Exception):
    """The actor's roles do not allow this; handlers answer politely."""


class OutOfScope(PermissionDenied):
    """The role would allow it, but the object belongs to another municipality (or the region)."""


def effective_roles(user: User | None, tg_id: int, admin_ids: Iterable[int]) -> frozenset[Role]:
    """Stored roles plus admin for ids in ADMIN_IDS (config wins, cannot be revoked in the bot)."""
    roles = {r.role for r in user.roles} if user is not None else set()
    if tg_id in set(admin_ids):
        roles.add(Role.ADMIN)
    return frozenset(roles)


def role_scope(user: User | None, role: Role) -> int | None:
    """The municipality a staff member or methodist works for; None = the whole region."""
    if user is None:
        return None
    return next((r.scope_municipality_id for r in user.roles if r.role == role), None)


def staff_scope(user: User | None, roles: frozenset[Role]) -> int | None:
    """A municipal service sees its municipality only; the regional centre and admins see all."""
    return None if Role.ADMIN in roles else role_scope(user, Role.STAFF)


def person_in_scope(person: User, scope: int | None) -> bool:
    """Municipal staff see people of their municipality and people whose scoped role (a methodist of
    theirs living elsewhere) works for it; the region and admins (None) see everyone."""
    if scope is None or person.municipality_id == scope:
        return True
    return any(r.role in SCOPED_ROLES and r.scope_municipality_id == scope for r in person.roles)


def revocable_roles(actor_roles: frozenset[Role], actor_scope: int | None, person: User) -> frozenset[Role]:
    """The roles of this person the actor may take away."""
    return frozenset(
        role
        for role in {r.role for r in person.roles}
        if role_in_reach(
            actor_roles,
            actor_scope,
            role,
            held_scope=role_scope(person, role),
            home_municipality_id=person.municipality_id,
        )
    )


def methodist_may_see(methodist: User | None, teacher: User) -> bool:
    """A teacher's results reach a methodist only with the teacher's consent, within the scope (and
    while they teach: someone who stopped is not among the methodist's teachers)."""
    scope = role_scope(methodist, Role.METHODIST)
    return teacher.teaches and teacher.share_results and (scope is None or teacher.municipality_id == scope)


async def grant(
    repos: Grants,
    user: User,
    role: Role,
    *,
    actor_tg_id: int | None,
    source: str,
    scope_municipality_id: int | None = None,
) -> bool:
    added = await repos.users.add_role(
        user, role, scope_municipality_id=scope_municipality_id, granted_by_tg_id=actor_tg_id
    )
    if added:
        await repos.audit.record(
            actor_tg_id=actor_tg_id,
            target_tg_id=user.tg_id,
            role=role,
            action=AuditAction.GRANT,
            source=source,
        )
    return added


@dataclass(frozen=True, slots=True)
class Revoked:
    removed: bool
    # A methodist's teachers and their routes waiting for review, when that role was taken.
    handover: route_service.Handover | None = None


async def revoke(
    repos: RoleRepos,
    actor_roles: frozenset[Role],
    actor_scope: int | None,
    actor_tg_id: int,
    user: User,
    role: Role,
    now: datetime,
) -> Revoked:
    """Take a role within the actor's reach; a methodist's teachers do not outlive the role."""
    if not can_manage(actor_roles, role):
        raise PermissionDenied(role)
    held = any(r.role == role for r in user.roles)
    if held and role not in revocable_roles(actor_roles, actor_scope, user):
        raise OutOfScope(role)
    if not held and not person_in_scope(user, actor_scope):
        raise OutOfScope(role)
    removed = await repos.users.remove_role(user, role)
    if not removed:
        return Revoked(False)
    await repos.audit.record(
        actor_tg_id=actor_tg_id,
        target_tg_id=user.tg_id,
        role=role,
        action=AuditAction.REVOKE,
        source="manual",
    )
    handover = await route_service.hand_over(repos, user, now) if role is Role.METHODIST else None
    return Revoked(True, handover)


def check_invite_scope(
    actor_roles: frozenset[Role], actor_scope: int | None, role: Role, scope: int | None
) -> None:
    """Raise unless the actor may invite to this role for this municipality (None: the region)."""
    if not can_manage(actor_roles, role):
        raise PermissionDenied(role)
    if not invite_scope_allowed(actor_scope, scope):
        raise OutOfScope(scope)


async def create_invite(
    repos: RoleRepos,
    actor_roles: frozenset[Role],
    actor_tg_id: int,
    role: Role,
    *,
    actor_scope: int | None,
    days: int,
    uses: int,
    scope_municipality_id: int | None,
    now: datetime,
) -> Invite:
    """A new invite link. A methodist's or staff invite works for its municipality (None: the region);
    a mentor's invite only remembers the municipality it was made for, so that its staff see it."""
    check_invite_scope(actor_roles, actor_scope, role, scope_municipality_id)
    if days not in INVITE_DAYS or uses not in INVITE_USES:
        raise ValueError("unsupported invite limits")
    if (
        scope_municipality_id is not None
        and await repos.directory.municipality(scope_municipality_id) is None
    ):
        raise ValueError("unknown municipality")
    return await repos.invites.create(
        code=secrets.token_urlsafe(12),
        role=role,
        scope_municipality_id=scope_municipality_id,
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


async def dead_invite(repos: RoleRepos, code: str, now: datetime) -> Redeemed | None:
    """Why an invite cannot be used any more (unknown, revoked, expired, used up), or None while it
    can: checked when the link is opened, so a newcomer hears it before registering, not after."""
    invite = await repos.invites.by_code(code)
    if invite is None:
        return Redeemed(RedeemOutcome.UNKNOWN)
    state = InviteState(invite.expires_at, invite.max_uses, invite.uses, invite.revoked_at)
    problem = invite_problem(state, now)
    return Redeemed(RedeemOutcome(problem.value), invite.role) if problem is not None else None


async def redeem_invite(repos: RoleRepos, user: User, code: str, now: datetime) -> Redeemed:
    invite = await repos.invites.by_code(code)
    if invite is None:
        return Redeemed(RedeemOutcome.UNKNOWN)
    role = invite.role
    if any(r.role == role for r in user.roles):
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
        scope_municipality_id=invite.scope_municipality_id if role in SCOPED_ROLES else None,
    )
    return Redeemed(RedeemOutcome.GRANTED, role)


async def revoke_invite(
    repos: RoleRepos, actor_roles: frozenset[Role], actor_scope: int | None, invite_id: int, now: datetime
) -> Invite | None:
    invite = await repos.invites.by_id(invite_id)
    if invite is None or invite.revoked_at is not None:
        return None
    check_invite_scope(actor_roles, actor_scope, invite.role, invite.scope_municipality_id)
    await repos.invites.revoke(invite, now)
    return invite


async def active_invites(
    repos: RoleRepos, actor_roles: frozenset[Role], actor_scope: int | None, now: datetime
) -> list[Invite]:
    """Invites the actor could have made: to roles they grant, for their municipality if municipal."""
    return await repos.invites.active(now, grantable_roles(actor_roles), municipality_id=actor_scope)


async def cleanup_expired_invites(repos: RoleRepos, now: datetime) -> int:
    return await repos.invites.delete_stale(now)


__all__ = [
    "Grants",
    "OutOfScope",
    "PermissionDenied",
    "RedeemOutcome",
    "Redeemed",
    "Revoked",
    "RoleRepos",
    "active_invites",
    "check_invite_scope",
    "cleanup_expired_invites",
    "create_invite",
    "dead_invite",
    "effective_roles",
    "grant",
    "methodist_may_see",
    "person_in_scope",
    "redeem_invite",
    "revocable_roles",
    "revoke",
    "revoke_invite",
    "role_scope",
    "staff_scope",
]

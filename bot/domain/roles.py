"""Roles, who may grant which, and whether an invite can still be used."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Role(StrEnum):
    TEACHER = "teacher"
    MENTOR = "mentor"
    METHODIST = "methodist"
    STAFF = "staff"
    ADMIN = "admin"
    # Mirrors an Expert row that is active or paused (the pool is the source of truth): the menu's
    # «Экспертиза» and the gate of the experts' router. Granted and taken by the expert pool only.
    EXPERT = "expert"


# Admins hand out any role; centre and municipal staff bring in mentors and methodists.
_GRANTABLE: dict[Role, frozenset[Role]] = {
    Role.ADMIN: frozenset({Role.MENTOR, Role.METHODIST, Role.STAFF, Role.ADMIN}),
    Role.STAFF: frozenset({Role.MENTOR, Role.METHODIST}),
}


class AuditAction(StrEnum):
    """What a role-log entry records."""

    GRANT = "grant"
    REVOKE = "revoke"


MANAGERS = frozenset({Role.ADMIN, Role.STAFF})
# Roles that work for the whole region or for one municipality.
SCOPED_ROLES = frozenset({Role.STAFF, Role.METHODIST})
INVITE_DAYS = (1, 7, 30)
INVITE_USES = (1, 5, 20, 100)


def grantable_roles(actor_roles: Iterable[Role]) -> frozenset[Role]:
    result: frozenset[Role] = frozenset()
    for role in actor_roles:
        result |= _GRANTABLE.get(role, frozenset())
    return result


def can_manage(actor_roles: Iterable[Role], role: Role) -> bool:
    """May the actor grant (by invite) and revoke this role?"""
    return role in grantable_roles(actor_roles)


def scope_covers(scope: int | None, municipality_id: int | None) -> bool:
    """A role scoped to a municipality works there only; an unscoped one (None) works region-wide."""
    return scope is None or municipality_id == scope


def invite_scope_allowed(actor_scope: int | None, requested: int | None) -> bool:
    """Municipal staff invite for their own municipality only; the region and admins choose freely."""
    return actor_scope is None or requested == actor_scope


def role_in_reach(
    actor_roles: Iterable[Role],
    actor_scope: int | None,
    role: Role,
    *,
    held_scope: int | None,
    home_municipality_id: int | None,
) -> bool:
    """May the actor revoke this role of this person? Municipal staff reach a scoped role (methodist)
    only when it works for their municipality (a regional methodist is the region's), and an
    unscoped one (mentor) only for people of their municipality."""
    if not can_manage(actor_roles, role):
        return False
    if actor_scope is None:
        return True
    if role in SCOPED_ROLES:
        return held_scope == actor_scope
    return home_municipality_id == actor_scope


def parse_roles(values: Iterable[str]) -> frozenset[Role]:
    known = {r.value for r in Role}
    return frozenset(Role(v) for v in values if v in known)


class InviteProblem(StrEnum):
    REVOKED = "revoked"
    EXPIRED = "expired"
    EXHAUSTED = "exhausted"


@dataclass(frozen=True, slots=True)
class InviteState:
    expires_at: datetime
    max_uses: int
    uses: int
    revoked_at: datetime | None


def invite_problem(invite: InviteState, now: datetime) -> InviteProblem | None:
    if invite.revoked_at is not None:
        return InviteProblem.REVOKED
    if invite.expires_at <= now:
        return InviteProblem.EXPIRED
    if invite.uses >= invite.max_uses:
        return InviteProblem.EXHAUSTED
    return None

"""Roles and invite links as administrators and staff manage them: what the screens show, the
changes, and what the people concerned are told.

The rules (who may grant, revoke or invite to what, for which municipality) are the functions of
`bot.services.roles`; here they are applied to one actor (`Actor`: their record and roles), and a
«no» is a `Refusal` with the locale key the person has always seen.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from bot.domain.errors import Refusal
from bot.domain.roles import SCOPED_ROLES, Role, grantable_roles
from bot.domain.time import Clock
from bot.services import roles as rules
from bot.services.base import UnitOfWork
from bot.services.notices import Letter, Notice, Notifier
from bot.services.roles import RoleRepos
from bot.services.routes import Handover
from storage.models import Invite, Municipality, RoleAudit, User

log = logging.getLogger(__name__)

# The roles managed on these screens, in the order they are offered.
MANAGED_ROLES = (Role.MENTOR, Role.METHODIST, Role.STAFF, Role.ADMIN)
SCOPE_CHOICES = 40  # municipalities offered as an invite's scope
# An invite as the handlers name it (they do not import storage).
InviteRow = Invite


class Actor(Protocol):
    @property
    def user(self) -> User | None: ...
    @property
    def roles(self) -> frozenset[Role]: ...


# --- notices (rendered by bot/ui/admin) ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RoleRevoked(Notice):
    """To the person: a role of theirs was taken."""

    role: Role


@dataclass(frozen=True, slots=True)
class RouteHandedOver(Notice):
    """To a methodist: a former colleague's teacher's route, waiting for review, is theirs now."""

    route_id: int
    teacher: str | None


@dataclass(frozen=True, slots=True)
class NewMethodist(Notice):
    """To the teacher: another methodist has their route now."""

    methodist: str | None


# --- views -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScopeChoice:
    """The invite wizard asks for which municipality (or the region) the role works."""

    role: Role
    municipalities: list[Municipality]


@dataclass(frozen=True, slots=True)
class UsesChoice:
    """The invite wizard asks how many people; the scope is settled (0: the region)."""

    role: Role
    scope: int


@dataclass(frozen=True, slots=True)
class Created:
    invite: Invite
    scope_name: str | None


@dataclass(frozen=True, slots=True)
class Revocation:
    """A role the actor asked to take from a person (found, and within the actor's reach)."""

    target: User
    role: Role


@dataclass(frozen=True, slots=True)
class PersonCard:
    target: User
    revocable: frozenset[Role]
    removed: Role | None = None  # the role just taken
    handover: Handover | None = None  # what became of a former methodist's teachers


@dataclass(frozen=True, slots=True)
class DirectoryCounts:
    municipalities: int
    schools: int
    requests: int


def _role(value: str) -> Role | None:
    return Role(value) if value in {r.value for r in Role} else None


def _refusal(exc: rules.PermissionDenied) -> Refusal:
    return Refusal("roles-out-of-scope" if isinstance(exc, rules.OutOfScope) else "refused-role")


class RoleService:
    def __init__(self, repos: RoleRepos, uow: UnitOfWork, notifier: Notifier, *, clock: Clock) -> None:
        # The rules in bot.services.roles take the repositories they use as one object.
        self.repos = repos
        self.uow = uow
        self.notifier = notifier
        self.clock = clock

    @staticmethod
    def scope_of(actor: Actor) -> int | None:
        return rules.staff_scope(actor.user, actor.roles)

    # --- invites ---------------------------------------------------------------------------------

    @staticmethod
    def invite_roles(actor: Actor) -> list[Role]:
        """The roles the actor may invite to, in the screens' order."""
        return [r for r in MANAGED_ROLES if r in grantable_roles(actor.roles)]

    async def invite_role(self, actor: Actor, value: str) -> ScopeChoice | UsesChoice:
        """The wizard's first step: a role the actor grants; then the scope, unless it is settled."""
        role = _role(value)
        if role is None or role not in grantable_roles(actor.roles):
            raise Refusal("refused-role")
        scope = self.scope_of(actor)
        if role in SCOPED_ROLES and scope is None:
            municipalities, _total = await self.repos.directory.municipalities(limit=SCOPE_CHOICES)
            return ScopeChoice(role, municipalities)
        # Municipal staff have no choice: the invite is for their municipality.
        return UsesChoice(role, scope or 0)

    def checked_role(self, actor: Actor, value: str, scope: int) -> Role:
        """The wizard's role, if the actor may invite to it for the scope the button carries."""
        role = _role(value)
        if role is None:
            raise Refusal("refused-role")
        try:
            rules.check_invite_scope(actor.roles, self.scope_of(actor), role, scope or None)
        except rules.PermissionDenied as exc:
            raise _refusal(exc) from None
        return role

    async def create_invite(
        self, actor: Actor, tg_id: int, value: str, *, scope: int, uses: int, days: int
    ) -> Created:
        role = self.checked_role(actor, value, scope)
        try:
            invite = await rules.create_invite(
                self.repos,
                actor.roles,
                tg_id,
                role,
                actor_scope=self.scope_of(actor),
                days=days,
                uses=uses,
                scope_municipality_id=scope or None,
                now=self.clock(),
            )
        except rules.PermissionDenied as exc:
            raise _refusal(exc) from None
        except ValueError:
            raise Refusal("refused-role") from None
        log.info("user %s created invite %s for role %s", tg_id, invite.id, invite.role)
        municipality = (
            await self.repos.directory.municipality(invite.scope_municipality_id)
            if invite.scope_municipality_id and role in SCOPED_ROLES
            else None
        )
        return Created(invite, municipality.name if municipality else None)

    async def active_invites(self, actor: Actor) -> list[Invite]:
        return await rules.active_invites(self.repos, actor.roles, self.scope_of(actor), self.clock())

    async def revocable_invite(self, actor: Actor, invite_id: int) -> Invite | None:
        """An invite the actor may revoke (the RevocableInvite filter); None when it is gone or
        revoked already (the list is shown again, with a word)."""
        invite = await self.repos.invites.by_id(invite_id)
        if invite is None or invite.revoked_at is not None:
            return None
        try:
            rules.check_invite_scope(
                actor.roles, self.scope_of(actor), invite.role, invite.scope_municipality_id
            )
        except rules.PermissionDenied as exc:
            raise _refusal(exc) from None
        return invite

    async def revoke_invite(self, actor: Actor, invite: Invite | None) -> tuple[bool, list[Invite]]:
        """Revoke it (checked by `revocable_invite`): whether there was anything left to revoke,
        and the invites still active."""
        if invite is not None:
            await self.repos.invites.revoke(invite, self.clock())
        return invite is not None, await self.active_invites(actor)

    # --- people ----------------------------------------------------------------------------------

    async def people(self, actor: Actor, page: int, size: int) -> tuple[list[User], int]:
        return await self.repos.users.with_roles(
            MANAGED_ROLES,
            offset=page * size,
            limit=size,
            municipality_id=self.scope_of(actor),
            scoped_roles=sorted(SCOPED_ROLES),
        )

    async def person(self, actor: Actor, user_id: int) -> User:
        """A person the actor may look at (the PersonInReach filter)."""
        target = await self.repos.users.by_id(user_id)
        if target is None:
            raise Refusal("person-gone", alert=False)
        if not rules.person_in_scope(target, self.scope_of(actor)):
            raise Refusal("roles-out-of-scope")
        return target

    def card(self, actor: Actor, target: User) -> PersonCard:
        return PersonCard(target, rules.revocable_roles(actor.roles, self.scope_of(actor), target))

    async def revocation(self, user_id: int, value: str) -> Revocation:
        """The person and role a «take the role» button names (the Revocation filter); whether the
        actor may is decided by `revoke`, in the order the rules check it."""
        target = await self.repos.users.by_id(user_id)
        role = _role(value)
        if target is None or role is None:
            raise Refusal("person-gone", alert=False)
        return Revocation(target, role)

    async def revoke(self, actor: Actor, tg_id: int, revocation: Revocation) -> PersonCard:
        """Take the role; the person is told, and so are a former methodist's teachers and the
        methodists who have their routes now. Committed before the screen changes."""
        target, role = revocation.target, revocation.role
        scope = self.scope_of(actor)
        try:
            result = await rules.revoke(self.repos, actor.roles, scope, tg_id, target, role, self.clock())
        except rules.PermissionDenied as exc:
            raise _refusal(exc) from None
        if result.removed:
            await self.notifier.tell(target, RoleRevoked(role))
            if result.handover is not None:
                await self._tell_handover(result.handover)
        await self.uow.commit()
        return PersonCard(
            target,
            rules.revocable_roles(actor.roles, scope, target),
            removed=role if result.removed else None,
            handover=result.handover,
        )

    async def _tell_handover(self, handover: Handover) -> None:
        """The new methodist gets the route waiting for review; its teacher learns who has it now."""
        await self.notifier.tell_many(
            letter
            for teacher, methodist, route in handover.rerouted
            for letter in (
                Letter(methodist, RouteHandedOver(route.id, teacher.full_name)),
                Letter(teacher, NewMethodist(methodist.full_name)),
            )
        )

    async def audit(self, actor: Actor) -> list[tuple[RoleAudit, str | None, str | None]]:
        return await self.repos.audit.recent_named(
            20, municipality_id=self.scope_of(actor), scoped_roles=sorted(SCOPED_ROLES)
        )

    async def directory(self) -> DirectoryCounts:
        directory = self.repos.directory
        return DirectoryCounts(
            await directory.count_municipalities(),
            await directory.count_schools(),
            await self.repos.users.open_school_requests(),
        )

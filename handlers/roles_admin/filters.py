"""The objects a roles or invites button names, resolved and checked against the actor's reach."""

from __future__ import annotations

from bot.callbacks import InviteCD, RolesCD
from bot.filters import Actor, owned
from bot.services.container import Services


async def _invite(services: Services, actor: Actor, data: InviteCD) -> object:
    return await services.roles.revocable_invite(actor, data.id)


async def _person(services: Services, actor: Actor, data: RolesCD) -> object:
    return await services.roles.person(actor, data.user_id)


async def _revocation(services: Services, actor: Actor, data: RolesCD) -> object:
    return await services.roles.revocation(data.user_id, data.role)


# An invite the actor may revoke (None: gone or revoked already).
RevocableInvite = owned("invite", _invite)
# A person with roles within the actor's scope.
PersonInReach = owned("target", _person)
# The person and role of a «take the role» button.
RoleToTake = owned("revocation", _revocation)

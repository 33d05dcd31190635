"""Filters of the staff event screens: the event (or broadcast) in the callback data, loaded and
checked against the person's reach (`services.events_staff.own` / `stoppable`), injected.

Filters run before the router's inner middlewares: for someone without a staff role nothing is
loaded (None) and RoleGate, after the filters, refuses them as it refuses every button here."""

from __future__ import annotations

from typing import Any

from bot.domain.roles import Role
from bot.filters import Actor, Loader, owned
from bot.services.container import Services

STAFF_ROLES = frozenset({Role.STAFF, Role.ADMIN, Role.METHODIST})


def gated(load: Loader) -> Loader:
    async def run(services: Services, actor: Actor, data: Any) -> object:
        if not actor.roles & STAFF_ROLES:
            return None
        return await load(services, actor, data)

    return run


OwnEvent = owned("event", gated(lambda services, actor, data: services.events_staff.own(actor, data.e)))
OwnBroadcast = owned(
    "broadcast", gated(lambda services, actor, data: services.events_staff.stoppable(actor, data.b))
)

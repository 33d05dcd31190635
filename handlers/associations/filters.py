"""What an association's buttons reach, checked in the service (`Refusal` when not theirs). Nothing is
loaded before registration: `RegisteredOnly` then shows the menu."""

from __future__ import annotations

from typing import Any

from bot.filters import Actor, owned
from bot.services.container import Services
from storage.models import Association


def _registered(actor: Actor) -> bool:
    return actor.user is not None and actor.user.registered_at is not None


async def _visible(services: Services, actor: Actor, data: Any) -> Association | None:
    if not _registered(actor):
        return None
    assert actor.user is not None
    return await services.associations.visible(actor.user, actor.roles, data.a)


async def _led(services: Services, actor: Actor, data: Any) -> Association | None:
    if not _registered(actor):
        return None
    return await services.associations.led(actor.user, data.a)


async def _managed(services: Services, actor: Actor, data: Any) -> Association | None:
    if not _registered(actor):
        return None
    return await services.associations.managed(actor.user, actor.roles, data.a)


# An association the person may open (fits them, theirs, or staff's of its scope).
Visible = owned("association", _visible)
# An association the person leads.
Led = owned("association", _led)
# An association staff of this scope manage.
Managed = owned("association", _managed)

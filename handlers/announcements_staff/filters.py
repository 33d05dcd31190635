"""The announcement in the callback data, loaded and checked against the person's reach
(`services.announcements.own`), injected as `announcement`.

Filters run before the router's inner middlewares: for someone without a staff role nothing is
loaded (None) and RoleGate, after the filters, refuses them as it refuses every button here."""

from __future__ import annotations

from typing import Any

from bot.filters import Actor, owned
from bot.services.container import Services
from handlers.events_staff.filters import STAFF_ROLES


async def _own(services: Services, actor: Actor, data: Any) -> object:
    if not actor.roles & STAFF_ROLES:
        return None
    return await services.announcements.own(actor, data.a)


async def _maybe(services: Services, actor: Actor, data: Any) -> object:
    """«Назад» and «Отмена» before the draft exists carry no announcement (0)."""
    if not actor.roles & STAFF_ROLES or not data.a:
        return None
    return await services.announcements.own(actor, data.a)


OwnAnnouncement = owned("announcement", _own)
MaybeAnnouncement = owned("announcement", _maybe)

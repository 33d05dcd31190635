"""The practice in the callback data, loaded and checked, injected as `practice`:
`VisiblePractice` — published, or one's own; `OwnPractice` — one's own; `EditablePractice` — one's own
draft or returned practice. Nothing is loaded before registration (the gate shows the menu)."""

from __future__ import annotations

from typing import Any

from bot.filters import Actor, owned
from bot.services.container import Services


def _registered(actor: Actor) -> bool:
    return actor.user is not None and actor.user.registered_at is not None


async def _visible(services: Services, actor: Actor, data: Any) -> object:
    return await services.practices.visible(actor.user, data.p) if _registered(actor) else None


async def _own(services: Services, actor: Actor, data: Any) -> object:
    return await services.practices.own(actor.user, data.p) if _registered(actor) else None


async def _editable(services: Services, actor: Actor, data: Any) -> object:
    return await services.practices.editable(actor.user, data.p) if _registered(actor) else None


VisiblePractice = owned("practice", _visible)
OwnPractice = owned("practice", _own)
EditablePractice = owned("practice", _editable)

"""What the expert review's buttons reach: the expert's own open review (`OwnReview`), the staff
member at the pool (`AtPool`) and an expert within their municipality (`ExpertInScope`). The role is
checked here first, so a forged tap by someone without it is refused before anything is looked up
(a filter runs before the router's RoleGate)."""

from __future__ import annotations

from typing import Any

from bot.filters import Actor, owned
from bot.services.container import Services
from bot.services.expertise.views import Desk
from storage.models import Expert, PracticeReview


async def _review(services: Services, actor: Actor, data: Any) -> PracticeReview:
    return await services.expertise.own_review(actor.user, data.r)


async def _desk(services: Services, actor: Actor, _data: Any) -> Desk:
    return services.expertise.desk(actor.user, actor.roles)


async def _expert(services: Services, actor: Actor, data: Any) -> Expert:
    return await services.expertise.scoped_expert(await _desk(services, actor, data), data.e)


OwnReview = owned("review", _review)
AtPool = owned("desk", _desk)
ExpertInScope = owned("expert", _expert)

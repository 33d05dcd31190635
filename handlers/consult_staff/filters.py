"""Who is at staff's consultation desk and which question a button reaches: one within their scope
(their municipality; the region for the regional centre and admins), checked in the service — which
says the role gate's refusal first to someone not staff (a filter runs before the router's middlewares)."""

from __future__ import annotations

from typing import Any

from bot.filters import Actor, owned
from bot.services.consult_staff.views import Desk
from bot.services.container import Services
from storage.repositories.consult_staff import QuestionRow


async def _desk(services: Services, actor: Actor, _data: Any) -> Desk:
    return services.consult_staff.desk(actor.user, actor.roles)


async def _question(services: Services, actor: Actor, data: Any) -> QuestionRow:
    desk = services.consult_staff.desk(actor.user, actor.roles)
    return await services.consult_staff.question(desk, data.q)


# The staff member at work: `desk` (who, the municipality they answer for, their time zone).
AtDesk = owned("desk", _desk)
# A question (`q`) in scope, with its people and place: `row`.
QuestionInScope = owned("row", _question)

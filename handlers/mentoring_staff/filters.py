"""Who is at staff's mentoring desk and what their buttons reach: a pair or an application within
their scope (their municipality; the region for the regional centre and admins), checked in the
service — which says the RoleGate's refusal first to someone not staff (a filter runs before the
router's middlewares)."""

from __future__ import annotations

from typing import Any

from bot.filters import Actor, owned
from bot.services.container import Services
from bot.services.mentoring.views import Desk, ScopedApplication, ScopedPair


async def _desk(services: Services, actor: Actor, _data: Any) -> Desk:
    return await services.mentoring.desk(actor.user, actor.roles)


async def _pair(services: Services, actor: Actor, data: Any) -> ScopedPair:
    return await services.mentoring.scoped_pair(await _desk(services, actor, data), data.p)


async def _application(services: Services, actor: Actor, data: Any) -> ScopedApplication:
    return await services.mentoring.scoped_application(await _desk(services, actor, data), data.a)


# The staff member at work: `desk` (who, and the municipality they answer for).
AtDesk = owned("desk", _desk)
# A pair (`p`) in scope, with its two people: `scoped` (pair, mentee, mentor).
InScope = owned("scoped", _pair)
# A mentor's application (`a`) in scope, with the applicant: `application`.
ApplicationInScope = owned("application", _application)

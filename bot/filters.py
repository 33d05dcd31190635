"""Filters that resolve an id in the callback data to an object the person may reach, and inject it.

One place to get scope right: a handler registered with `OwnRoute()` (say) receives `route` already
loaded and checked — found, theirs or within their scope — or is never called; the person gets the
refusal (`Refusal`) the lookup raised, as an alert, from `handlers/errors`.

Each area declares its filters next to its handlers, e.g.:

    OwnRoute = owned("route", lambda services, actor, data: services.routes.own(actor, data.r))

and registers a handler with it after the callback filter that parses the data:

    router.callback_query.register(view, RouteCD.filter(F.action == RouteAction.VIEW), OwnRoute())
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from aiogram.filters import Filter
from aiogram.filters.callback_data import CallbackData
from aiogram.types import TelegramObject

from bot.domain.roles import Role
from bot.services.container import Services
from storage.models import User


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting: their record (None before consent) and their effective roles."""

    user: User | None
    roles: frozenset[Role]


Loader = Callable[[Services, Actor, Any], Awaitable[object]]


class Owned(Filter):
    """Inject `name` = await load(services, actor, callback_data); the loader raises `Refusal`
    when the object is gone or out of the person's reach."""

    def __init__(self, name: str, load: Loader) -> None:
        self.name = name
        self.load = load

    async def __call__(
        self,
        event: TelegramObject,
        services: Services,
        roles: frozenset[Role],
        user: User | None = None,
        callback_data: CallbackData | None = None,
    ) -> dict[str, Any]:
        found = await self.load(services, Actor(user, roles), callback_data)
        return {self.name: found}

    def __str__(self) -> str:
        return f"Owned({self.name})"


def owned(name: str, load: Loader) -> Callable[[], Owned]:
    """A filter class-like factory: `OwnRoute = owned("route", loader)`; use as `OwnRoute()`."""

    def make() -> Owned:
        return Owned(name, load)

    return make

"""What middlewares put into handler data, typed (aiogram's MiddlewareData pattern).

`User` is the current person's record as handlers receive it (they do not import `storage`).
The outbox worker and the scheduler are seen here only through what handlers may ask of them
(`Wakeable`, `Planner`): this module depends on neither.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, Protocol, TypedDict

from aiogram.dispatcher.middlewares.data import MiddlewareData
from aiogram.types import TelegramObject

from bot.config import Settings
from bot.domain.roles import Role
from bot.domain.time import Clock
from bot.i18n import I18n, Translator
from bot.services.container import Services
from storage.models import User
from storage.repositories import Repos

__all__ = ["AppData", "Handler", "HandlerData", "Planner", "User", "Wakeable"]

# The next step of an update, as a middleware calls it.
Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class Wakeable(Protocol):
    """The outbox worker, as an update sees it: told that rows were queued."""

    def wake(self) -> None: ...


class Planner(Protocol):
    """The job scheduler, as staff's schedule screen sees it."""

    def planned(self) -> dict[str, datetime | None]: ...


class AppData(TypedDict):
    """Passed to the Dispatcher once, at start."""

    settings: Settings
    i18n: I18n
    clock: Clock
    outbox: Wakeable | None
    scheduler: Planner | None


class HandlerData(MiddlewareData, AppData, total=False):
    repos: Repos
    services: Services
    user: User | None
    roles: frozenset[Role]
    locale: str
    # The translator. Named «_» so texts read naturally: _("menu-title").
    _: Translator

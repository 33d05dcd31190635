"""What middlewares put into handler data, typed (aiogram's MiddlewareData pattern).

`User` is the current person's record as handlers receive it (they do not import `storage`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from aiogram.dispatcher.middlewares.data import MiddlewareData

from bot.config import Settings
from bot.domain.roles import Role
from bot.domain.time import Clock
from bot.i18n import I18n, Translator
from bot.services.container import Services
from storage.models import User

__all__ = ["AppData", "HandlerData", "User"]
from storage.repositories import Repos

if TYPE_CHECKING:
    from bot.outbox import OutboxWorker
    from bot.scheduler import JobScheduler


class AppData(TypedDict):
    """Passed to the Dispatcher once, at start."""

    settings: Settings
    i18n: I18n
    clock: Clock
    outbox: OutboxWorker | None
    scheduler: JobScheduler | None


class HandlerData(MiddlewareData, AppData, total=False):
    repos: Repos
    services: Services
    user: User | None
    roles: frozenset[Role]
    locale: str
    # The translator. Named «_» so texts read naturally: _("menu-title").
    _: Translator

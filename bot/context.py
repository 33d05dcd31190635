"""What middlewares put into handler data, typed (aiogram's MiddlewareData pattern)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, TypedDict

from aiogram.dispatcher.middlewares.data import MiddlewareData

from bot.config import Settings
from bot.domain.roles import Role
from bot.i18n import I18n, Translator
from storage.models import User
from storage.repositories import Repos

if TYPE_CHECKING:
    from bot.outbox import OutboxWorker
    from bot.scheduler import JobScheduler

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class AppData(TypedDict):
    """Passed to the Dispatcher once, at start."""

    settings: Settings
    i18n: I18n
    clock: Clock
    outbox: OutboxWorker | None
    scheduler: JobScheduler | None


class HandlerData(MiddlewareData, AppData, total=False):
    repos: Repos
    user: User | None
    roles: frozenset[Role]
    locale: str
    # The translator. Named «_» so texts read naturally: _("menu-title").
    _: Translator

"""Gates for whole routers: a finished profile (`RegisteredOnly`), giving lessons (`TeachersOnly`),
a role (`RoleGate`)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from aiogram import BaseMiddleware, Router
from aiogram.types import CallbackQuery, Message, TelegramObject
from aiogram.types import User as TgUser
from aiogram.utils.callback_answer import CallbackAnswer

from bot.context import Handler
from bot.domain.roles import Role
from bot.ui.messaging import show
from bot.ui.screens import main_menu, menu_button
from bot.ui.teachers import not_teaching_screen

log = logging.getLogger(__name__)


class RegisteredOnly(BaseMiddleware):
    """For routers whose every handler needs a finished profile: others get the menu, which
    offers registration (a typed command, a forged or an old button alike)."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user = data.get("user")
        if user is not None and user.registered_at is not None:
            return await handler(event, data)
        if isinstance(event, (Message, CallbackQuery)):
            await show(event, main_menu(user, data.get("roles", frozenset()), data["_"]), edit=False)
        return None


class TeachersOnly(BaseMiddleware):
    """For the sections of those who give lessons (the diagnosis, the route, one's mentor): someone
    registered as not teaching gets a note with the way to change that in the profile — a forged
    button or an old one alike. Unregistered people get the menu, as with `RegisteredOnly`."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user = data.get("user")
        if user is not None and user.registered_at is not None and user.teaches:
            return await handler(event, data)
        if not isinstance(event, (Message, CallbackQuery)):
            return None
        if user is None or user.registered_at is None:
            await show(event, main_menu(user, data.get("roles", frozenset()), data["_"]), edit=False)
            return None
        log.info("not teaching: %s refused for user %s", type(event).__name__, user.id)
        await show(event, not_teaching_screen(data["_"]), edit=isinstance(event, CallbackQuery))
        return None


class RoleGate(BaseMiddleware):
    """Server-side role check for a whole router: forged callbacks and typed commands are refused."""

    def __init__(self, allowed: Iterable[Role]) -> None:
        self.allowed = frozenset(allowed)

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        roles: frozenset[Role] = data.get("roles", frozenset())
        if roles & self.allowed:
            return await handler(event, data)
        _ = data["_"]
        tg_user: TgUser | None = data.get("event_from_user")
        log.warning(
            "refused %s for user %s with roles %s", type(event).__name__, tg_user and tg_user.id, roles
        )
        if isinstance(event, CallbackQuery):
            answer: CallbackAnswer = data["callback_answer"]
            answer.text, answer.show_alert = _("refused-role"), True
        elif isinstance(event, Message):
            await event.answer(_("refused-role"), reply_markup=menu_button(_))
        return None


def gated(name: str, gate: BaseMiddleware) -> Router:
    """A router whose every message and tap passes `gate` first (RegisteredOnly, RoleGate, …)."""
    router = Router(name=name)
    router.message.middleware(gate)
    router.callback_query.middleware(gate)
    return router

"""Last router: whatever nobody else took gets a short helpful answer and the menu — never silence."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.context import User
from bot.domain.roles import Role
from bot.i18n import Translator
from bot.turn import Turn
from bot.ui.messaging import show
from bot.ui.registration.dialogue import current_step, reshow
from bot.ui.screens import main_menu

Answer = Callable[[Message, User | None, frozenset[Role], Translator], Awaitable[None]]


def _answer(key: str) -> Answer:
    """A message nobody took: a word (`key`) and the menu."""

    async def answer(message: Message, user: User | None, roles: frozenset[Role], _: Translator) -> None:
        text, markup = main_menu(user, roles, _, teaches=user is None or user.teaches)
        await show(message, (_(key) + "\n\n" + text, markup))

    return answer


async def stale_button(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    """A button from an older screen (or forged data): say so and show where the person really is."""
    turn.answer.text = _("stale-button")
    if await current_step(turn.state) is not None:
        await reshow(query, turn.state, turn.services, _)
        return
    await show(query, main_menu(turn.user, turn.roles, _, teaches=turn.teaches), edit=False)


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(_answer("unknown-command"), F.text.startswith("/"))
    router.message.register(_answer("unexpected-text"), F.text)
    router.message.register(_answer("unexpected-content"))
    router.callback_query.register(stale_button)
    return router

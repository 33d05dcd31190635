"""Last router: whatever nobody else took gets a short helpful answer and the menu — never silence."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.roles import Role
from bot.i18n import Translator
from bot.ui.messaging import show
from bot.ui.screens import main_menu
from handlers.registration_flow import current_step, reshow
from storage.models import User
from storage.repositories import Repos

router = Router(name=__name__)


@router.message(F.text.startswith("/"))
async def unknown_command(message: Message, user: User | None, roles: frozenset[Role], _: Translator) -> None:
    text, markup = main_menu(user, roles, _)
    await show(message, (_("unknown-command") + "\n\n" + text, markup))


@router.message(F.text)
async def unexpected_text(message: Message, user: User | None, roles: frozenset[Role], _: Translator) -> None:
    text, markup = main_menu(user, roles, _)
    await show(message, (_("unexpected-text") + "\n\n" + text, markup))


@router.message()
async def unexpected_content(
    message: Message, user: User | None, roles: frozenset[Role], _: Translator
) -> None:
    text, markup = main_menu(user, roles, _)
    await show(message, (_("unexpected-content") + "\n\n" + text, markup))


@router.callback_query()
async def stale_button(
    query: CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """A button from an older screen (or forged data): say so and show where the person really is."""
    callback_answer.text = _("stale-button")
    if await current_step(state) is not None:
        await reshow(query, state, repos, _)
        return
    await show(query, main_menu(user, roles, _), edit=False)

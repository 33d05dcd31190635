"""The profile: view it, edit one field at a time, delete everything (withdraw consent)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MenuCD, ProfileAction, ProfileCD, Section
from bot.context import User
from bot.i18n import Translator
from bot.turn import Turn
from bot.ui.messaging import show
from bot.ui.registration import declined_screen
from bot.ui.registration.dialogue import EDIT_START, WORK_FIELD, edit_data, forget, go
from bot.ui.screens import confirm_delete_screen, main_menu, profile_fields, profile_screen
from bot.ui.teachers import not_teaching_screen


def _registered(user: User | None) -> bool:
    return user is not None and user.registered_at is not None


async def view(event: Message | CallbackQuery, turn: Turn, _: Translator) -> None:
    if turn.user is None or not _registered(turn.user):
        await show(event, main_menu(turn.user, frozenset(), _), edit=False)
        return
    await turn.state.clear()
    await show(event, profile_screen(turn.user, _, turn.services.clock().year))


async def edit(query: CallbackQuery, callback_data: ProfileCD, turn: Turn, _: Translator) -> None:
    if turn.user is None or not _registered(turn.user) or callback_data.field not in EDIT_START:
        await show(query, main_menu(turn.user, frozenset(), _))
        return
    if callback_data.field not in (*profile_fields(turn.user), WORK_FIELD):
        # A teacher's field from an old screen or a forged button: the way to say one teaches.
        await show(query, not_teaching_screen(_))
        return
    await turn.state.set_data(edit_data(turn.user, callback_data.field))
    await go(query, turn.state, turn.services, _, EDIT_START[callback_data.field])


async def ask_delete(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    if turn.user is None:
        await show(query, declined_screen(_))
        return
    await show(query, confirm_delete_screen(_))


async def delete(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    if turn.user is None:
        # A stale confirmation (deleted from another device or from /mydata): say so plainly.
        await show(query, (_("md-gone"), None))
        return
    await turn.services.accounts.delete(turn.user)
    await forget(turn.state)
    await show(query, (_("profile-deleted"), None))


def build_router() -> Router:
    router = Router(name=__name__)
    on = router.callback_query.register
    router.message.register(view, Command("profile"))
    on(view, MenuCD.filter(F.section == Section.PROFILE))
    on(view, ProfileCD.filter(F.action == ProfileAction.VIEW))
    on(edit, ProfileCD.filter(F.action == ProfileAction.EDIT))
    on(ask_delete, ProfileCD.filter(F.action == ProfileAction.DELETE))
    on(delete, ProfileCD.filter(F.action == ProfileAction.DELETE_YES))
    return router

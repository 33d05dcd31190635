"""The profile: view it, edit one field at a time, delete everything (withdraw consent)."""

from __future__ import annotations

from dataclasses import asdict

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MenuCD, ProfileAction, ProfileCD, Section
from bot.domain.time import Clock
from bot.i18n import Translator
from bot.services import accounts
from bot.ui.messaging import show
from bot.ui.registration import declined_screen
from bot.ui.screens import confirm_delete_screen, main_menu, profile_screen
from handlers.mydata import delete_person
from handlers.registration_flow import EDIT_START, go
from storage.models import User
from storage.repositories import Repos

router = Router(name=__name__)


def _registered(user: User | None) -> bool:
    return user is not None and user.registered_at is not None


@router.message(Command("profile"))
@router.callback_query(MenuCD.filter(F.section == Section.PROFILE))
@router.callback_query(ProfileCD.filter(F.action == ProfileAction.VIEW))
async def view(
    event: Message | CallbackQuery, state: FSMContext, user: User | None, _: Translator, clock: Clock
) -> None:
    if not _registered(user):
        await show(event, main_menu(user, frozenset(), _), edit=False)
        return
    assert user is not None
    await state.clear()
    await show(event, profile_screen(user, _, clock().year))


@router.callback_query(ProfileCD.filter(F.action == ProfileAction.EDIT))
async def edit(
    query: CallbackQuery,
    callback_data: ProfileCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    _: Translator,
) -> None:
    if not _registered(user) or callback_data.field not in EDIT_START:
        await show(query, main_menu(user, frozenset(), _))
        return
    assert user is not None
    await state.set_data(
        {"mode": "edit", "field": callback_data.field, "draft": asdict(accounts.draft_from_user(user))}
    )
    await go(query, state, repos, _, EDIT_START[callback_data.field])


@router.callback_query(ProfileCD.filter(F.action == ProfileAction.DELETE))
async def ask_delete(query: CallbackQuery, user: User | None, _: Translator) -> None:
    if user is None:
        await show(query, declined_screen(_))
        return
    await show(query, confirm_delete_screen(_))


@router.callback_query(ProfileCD.filter(F.action == ProfileAction.DELETE_YES))
async def delete(
    query: CallbackQuery, state: FSMContext, repos: Repos, user: User | None, _: Translator
) -> None:
    await state.clear()
    if user is None:
        # A stale confirmation (deleted from another device or from /mydata): say so plainly.
        await show(query, (_("md-gone"), None))
        return
    await delete_person(repos, user, state)
    await show(query, (_("profile-deleted"), None))

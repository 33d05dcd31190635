"""«Мои наставляемые» and the mentor card: capacity, formats, a few words about themselves."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MentorAction, MentorCD
from bot.context import User
from bot.i18n import Translator
from bot.services.container import Services
from bot.ui.mentoring import mentor as screens
from bot.ui.mentoring import teacher
from bot.ui.mentoring.common import one_line
from bot.ui.messaging import show
from handlers.mentoring_log.states import MentorCardDialog

ABOUT_MAX = 500


async def mentees(
    query: CallbackQuery, state: FSMContext, services: Services, user: User | None, _: Translator
) -> None:
    await state.clear()
    if user is not None:
        await show(query, screens.mentees_screen(await services.mentoring.mentees(user), _))


async def profile(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    services: Services,
    user: User | None,
    _: Translator,
) -> None:
    await state.clear()
    if user is None:
        return
    if callback_data.action == MentorAction.FMT:
        card = await services.mentoring.toggle_format(user, callback_data.v)
    elif callback_data.action == MentorAction.SET_CAP:
        card = await services.mentoring.set_capacity(user, callback_data.v)
    else:
        card = await services.mentoring.card(user)
    await show(query, screens.mentor_profile_screen(card, _))


async def ask_capacity(query: CallbackQuery, _: Translator) -> None:
    await show(query, teacher.capacity_prompt(_, action=MentorAction.SET_CAP))


async def ask_about(query: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.set_state(MentorCardDialog.about)
    await show(query, (_("mn-about-prompt"), None))


async def got_about(
    message: Message, state: FSMContext, services: Services, user: User | None, _: Translator
) -> None:
    about = await one_line(message, ABOUT_MAX, _)
    if about is None:
        return
    await state.clear()
    if user is not None:
        card = await services.mentoring.save_about(user, about or None)
        await show(message, screens.mentor_profile_screen(card, _))

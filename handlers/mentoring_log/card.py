"""«Мои молодые специалисты» and the mentor card: capacity, formats, a few words about themselves."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from bot.callbacks import MentorAction, MentorCD
from bot.i18n import Translator
from bot.turn import Turn
from bot.ui.mentoring import mentor as screens
from bot.ui.mentoring import teacher
from bot.ui.mentoring.common import one_line
from bot.ui.messaging import show
from handlers.mentoring_log.states import MentorCardDialog

ABOUT_MAX = 500


async def mentees(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    if turn.user is not None:
        await show(query, screens.mentees_screen(await turn.services.mentoring.mentees(turn.user), _))


async def profile(query: CallbackQuery, callback_data: MentorCD, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    if turn.user is None:
        return
    if callback_data.action == MentorAction.FMT:
        card = await turn.services.mentoring.toggle_format(turn.user, callback_data.v)
    elif callback_data.action == MentorAction.SET_CAP:
        card = await turn.services.mentoring.set_capacity(turn.user, callback_data.v)
    else:
        card = await turn.services.mentoring.card(turn.user)
    await show(query, screens.mentor_profile_screen(card, _))


async def ask_capacity(query: CallbackQuery, _: Translator) -> None:
    await show(query, teacher.capacity_prompt(_, action=MentorAction.SET_CAP))


async def ask_about(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.set_state(MentorCardDialog.about)
    card = await turn.services.mentoring.card(turn.person)
    await show(query, screens.card_about_prompt(card, _))


async def got_about(message: Message, turn: Turn, _: Translator) -> None:
    about = await one_line(message, ABOUT_MAX, _)
    if about is None:
        return
    await turn.state.clear()
    if turn.user is not None:
        card = await turn.services.mentoring.save_about(turn.user, about or None)
        await show(message, screens.mentor_profile_screen(card, _))

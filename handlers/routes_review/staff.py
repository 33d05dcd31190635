"""Staff: who accompanies whom — the methodists, putting the unassigned with one automatically,
finding a teacher by name and putting them with a methodist."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from bot.callbacks import AssignCD
from bot.i18n import Translator
from bot.turn import Turn
from bot.ui.messaging import show
from bot.ui.routes import search_prompt, search_results
from bot.ui.routes.present import present_review
from handlers.routes_review.states import AssignDialog


async def home(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await present_review(query, await turn.services.routes.review.methodists(turn.user, turn.roles), _)


async def auto(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await present_review(query, await turn.services.routes.review.auto_assign(turn.user, turn.roles), _)


async def ask_search(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.set_state(AssignDialog.search)
    await show(query, search_prompt(_))


async def search(message: Message, turn: Turn, _: Translator) -> None:
    found = await turn.services.routes.review.search(turn.user, turn.roles, message.text or "")
    await show(message, search_results(found, _))


async def pick(query: CallbackQuery, callback_data: AssignCD, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await present_review(
        query, await turn.services.routes.review.pick(turn.user, turn.roles, callback_data.t), _
    )


async def put(query: CallbackQuery, callback_data: AssignCD, turn: Turn, _: Translator) -> None:
    view = await turn.services.routes.review.assign(turn.user, turn.roles, callback_data.t, callback_data.m)
    await present_review(query, view, _)

"""Staff: who accompanies whom — the methodists, putting the unassigned with one automatically,
finding a teacher by name and putting them with a methodist."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import AssignCD
from bot.context import User
from bot.domain.roles import Role
from bot.i18n import Translator
from bot.services.container import Services
from bot.ui.messaging import show
from bot.ui.routes import search_prompt, search_results
from bot.ui.routes.present import present_review
from handlers.routes_review.states import AssignDialog


async def home(
    query: CallbackQuery,
    state: FSMContext,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    await state.clear()
    await present_review(query, await services.routes.review.methodists(user, roles), _)


async def auto(
    query: CallbackQuery, services: Services, user: User | None, roles: frozenset[Role], _: Translator
) -> None:
    await present_review(query, await services.routes.review.auto_assign(user, roles), _)


async def ask_search(query: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.set_state(AssignDialog.search)
    await show(query, search_prompt(_))


async def search(
    message: Message, services: Services, user: User | None, roles: frozenset[Role], _: Translator
) -> None:
    found = await services.routes.review.search(user, roles, message.text or "")
    await show(message, search_results(found, _))


async def pick(
    query: CallbackQuery,
    callback_data: AssignCD,
    state: FSMContext,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    await state.clear()
    await present_review(query, await services.routes.review.pick(user, roles, callback_data.t), _)


async def put(
    query: CallbackQuery,
    callback_data: AssignCD,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    view = await services.routes.review.assign(user, roles, callback_data.t, callback_data.m)
    await present_review(query, view, _)

"""The route screen: open it, build it from the diagnosis, turn its pages, build it again."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import DiagCD, RouteCD
from bot.context import User
from bot.i18n import Translator
from bot.services.container import Services
from bot.services.routes.views import Route
from bot.ui.routes.present import present


async def open_route(
    query: CallbackQuery, state: FSMContext, services: Services, user: User, _: Translator
) -> None:
    await state.clear()
    await present(query, await services.routes.current(user), _)


async def build(
    query: CallbackQuery,
    callback_data: RouteCD | DiagCD,
    state: FSMContext,
    services: Services,
    user: User,
    _: Translator,
) -> None:
    await state.clear()
    attempt_id = callback_data.a if isinstance(callback_data, DiagCD) else None
    await present(query, await services.routes.build(user, attempt_id), _)


async def view(
    query: CallbackQuery,
    callback_data: RouteCD,
    state: FSMContext,
    services: Services,
    user: User,
    route: Route,
    _: Translator,
) -> None:
    await state.clear()
    await present(query, await services.routes.page(user, route, callback_data.p), _)


async def rebuild(
    query: CallbackQuery,
    services: Services,
    user: User,
    route: Route,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    await present(query, await services.routes.rebuild(user, route), _, callback_answer)

"""The route's goal (suggested from its areas, or typed) and sending the route to the methodist."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.context import User
from bot.i18n import Translator
from bot.services.container import Services
from bot.services.routes.views import Ask, Route
from bot.ui.messaging import show
from bot.ui.routes import suggested_goal
from bot.ui.routes.present import answered, goal_screen, present
from handlers.routes.states import RouteDialog


async def _ask_goal(query: CallbackQuery, state: FSMContext, ask: Ask, _: Translator) -> None:
    await state.set_state(RouteDialog.goal)
    await state.set_data({"route": ask.route.id})
    await show(query, goal_screen(ask, _))


async def ask_goal(
    query: CallbackQuery, state: FSMContext, services: Services, route: Route, _: Translator
) -> None:
    await _ask_goal(query, state, await services.routes.ask_goal(route), _)


async def take_suggested_goal(
    query: CallbackQuery,
    state: FSMContext,
    services: Services,
    user: User,
    route: Route,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    view = await services.routes.take_goal(user, route, lambda titles: suggested_goal(route, titles, _))
    if view is None:
        callback_answer.text = _("route-stale")
        return
    await state.clear()
    await present(query, view, _)


async def typed_goal(
    message: Message, state: FSMContext, services: Services, user: User, _: Translator
) -> None:
    data = await state.get_data()
    view = await services.routes.type_goal(user, int(data.get("route", 0)), message.text or "")
    await answered(state, view)
    await present(message, view, _)


async def submit(
    query: CallbackQuery,
    state: FSMContext,
    services: Services,
    user: User,
    route: Route,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    view = await services.routes.submit(user, route)
    if isinstance(view, Ask):
        await _ask_goal(query, state, view, _)
    else:
        await present(query, view, _, callback_answer)

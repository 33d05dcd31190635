"""The route's goal (suggested from its areas, or typed) and sending the route to the methodist."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.i18n import Translator
from bot.services.routes.views import Ask, Route
from bot.turn import Turn
from bot.ui.messaging import show
from bot.ui.routes import suggested_goal
from bot.ui.routes.present import answered, goal_screen, present
from handlers.routes.states import RouteDialog


async def _ask_goal(query: CallbackQuery, state: FSMContext, ask: Ask, _: Translator) -> None:
    await state.set_state(RouteDialog.goal)
    await state.set_data({"route": ask.route.id})
    await show(query, goal_screen(ask, _))


async def ask_goal(query: CallbackQuery, turn: Turn, route: Route, _: Translator) -> None:
    await _ask_goal(query, turn.state, await turn.services.routes.ask_goal(route), _)


async def take_suggested_goal(query: CallbackQuery, turn: Turn, route: Route, _: Translator) -> None:
    view = await turn.services.routes.take_goal(
        turn.person, route, lambda titles: suggested_goal(route, titles, _)
    )
    if view is None:
        turn.answer.text = _("route-stale")
        return
    await turn.state.clear()
    await present(query, view, _)


async def typed_goal(message: Message, turn: Turn, _: Translator) -> None:
    data = await turn.state.get_data()
    view = await turn.services.routes.type_goal(turn.person, int(data.get("route", 0)), message.text or "")
    await answered(turn.state, view)
    await present(message, view, _)


async def submit(query: CallbackQuery, turn: Turn, route: Route, _: Translator) -> None:
    view = await turn.services.routes.submit(turn.person, route)
    if isinstance(view, Ask):
        await _ask_goal(query, turn.state, view, _)
    else:
        await present(query, view, _, turn.answer)

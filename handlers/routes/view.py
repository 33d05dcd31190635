"""The route screen: open it, build it from the diagnosis, turn its pages, build it again."""

from __future__ import annotations

from aiogram.types import CallbackQuery

from bot.callbacks import DiagCD, RouteCD
from bot.i18n import Translator
from bot.services.routes.views import Route
from bot.turn import Turn
from bot.ui.routes.present import present


async def open_route(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await present(query, await turn.services.routes.current(turn.person), _)


async def build(query: CallbackQuery, callback_data: RouteCD | DiagCD, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    attempt_id = callback_data.a if isinstance(callback_data, DiagCD) else None
    await present(query, await turn.services.routes.build(turn.person, attempt_id), _)


async def view(query: CallbackQuery, callback_data: RouteCD, turn: Turn, route: Route, _: Translator) -> None:
    await turn.state.clear()
    await present(query, await turn.services.routes.page(turn.person, route, callback_data.p), _)


async def rebuild(query: CallbackQuery, turn: Turn, route: Route, _: Translator) -> None:
    await present(query, await turn.services.routes.rebuild(turn.person, route), _, turn.answer)

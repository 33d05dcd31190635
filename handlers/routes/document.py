"""The route as a document (DOCX), for the teacher."""

from __future__ import annotations

from aiogram.types import CallbackQuery

from bot.i18n import Translator
from bot.services.routes.views import Route
from bot.turn import Turn
from bot.ui.routes.present import send_route_document


async def export(query: CallbackQuery, turn: Turn, route: Route, _: Translator) -> None:
    turn.answer.text = _("export-wait")
    await send_route_document(
        turn.bot, query.from_user.id, await turn.services.routes.document(route, turn.person), _
    )

"""The route as a document (DOCX), for the teacher."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.context import User
from bot.i18n import Translator
from bot.services.container import Services
from bot.services.routes.views import Route
from bot.ui.routes.present import send_route_document


async def export(
    query: CallbackQuery,
    bot: Bot,
    services: Services,
    user: User,
    route: Route,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    callback_answer.text = _("export-wait")
    await send_route_document(bot, query.from_user.id, await services.routes.document(route, user), _)

"""A launched campaign: its card, stopping it, its results, its answers as XLSX."""

from __future__ import annotations

import asyncio

from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import SurveyStaffAction, SurveyStaffCD
from bot.context import User
from bot.i18n import Translator
from bot.services.container import Services
from bot.services.surveys import Campaign, Card
from bot.ui import surveys as screens
from bot.ui.messaging import show


async def card(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    services: Services,
    campaign: Campaign,
    user: User,
    _: Translator,
) -> None:
    view = await services.surveys.open_card(user, campaign, callback_data.p)
    await show(
        query, screens.card_screen(view, _) if isinstance(view, Card) else screens.confirm_screen(view, _)
    )


async def stop(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    services: Services,
    campaign: Campaign,
    user: User,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    confirmed = callback_data.action == SurveyStaffAction.STOP_YES
    view = await services.surveys.stop(user, campaign, confirmed=confirmed)
    if not isinstance(view, Card):
        await show(query, screens.stop_confirm(view.campaign, _))
        return
    if view.note is not None:
        callback_answer.text = _(view.note)
    await show(query, screens.card_screen(view, _))


async def results(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    services: Services,
    campaign: Campaign,
    user: User,
    _: Translator,
) -> None:
    await show(
        query, screens.results_screen(await services.surveys.results(user, campaign, callback_data.v), _)
    )


async def xlsx(query: CallbackQuery, services: Services, campaign: Campaign, _: Translator) -> None:
    found = await services.surveys.export(campaign)
    if query.bot is None:
        return
    data = await asyncio.to_thread(screens.answers_xlsx, found, _)
    name, caption = screens.xlsx_file(found, _)
    await query.bot.send_document(query.from_user.id, BufferedInputFile(data, filename=name), caption=caption)

"""A launched campaign: its card, stopping it, its results, its answers as XLSX."""

from __future__ import annotations

import asyncio
from typing import Any

from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import SurveyStaffCD
from bot.i18n import Translator
from bot.services.surveys import CampaignDesk, Card, StopAsk
from bot.turn import Turn
from bot.ui import surveys as screens
from bot.ui.messaging import show
from handlers.surveys_staff.wizard import enter

CD = SurveyStaffCD


async def card(
    query: CallbackQuery,
    callback_data: CD,
    desk: CampaignDesk,
    turn: Turn,
    survey_run: dict[str, Any] | None,
    _: Translator,
) -> None:
    view = await desk.open(callback_data.p)
    if isinstance(view, Card):
        await show(query, screens.card_screen(view, _))
    else:
        # A draft opens at its last look, in the wizard (back and cancel work there).
        await enter(turn.state, survey_run, desk.campaign.id, "confirm")
        await show(query, screens.confirm_screen(view, _))


async def ask_stop(query: CallbackQuery, desk: CampaignDesk, _: Translator, turn: Turn) -> None:
    await _stopped(query, await desk.stop(confirmed=False), _, turn.answer)


async def stop(query: CallbackQuery, desk: CampaignDesk, _: Translator, turn: Turn) -> None:
    await _stopped(query, await desk.stop(confirmed=True), _, turn.answer)


async def _stopped(query: CallbackQuery, view: Card | StopAsk, _: Translator, answer: CallbackAnswer) -> None:
    if isinstance(view, StopAsk):
        await show(query, screens.stop_confirm(view.campaign, _))
        return
    if view.note is not None:
        answer.text = _(view.note)
    await show(query, screens.card_screen(view, _))


async def results(query: CallbackQuery, callback_data: CD, desk: CampaignDesk, _: Translator) -> None:
    await show(query, screens.results_screen(await desk.results(callback_data.v), _))


async def xlsx(query: CallbackQuery, desk: CampaignDesk, _: Translator) -> None:
    found = await desk.export()
    if query.bot is None:
        return
    data = await asyncio.to_thread(screens.answers_xlsx, found, _)
    name, caption = screens.xlsx_file(found, _)
    await query.bot.send_document(query.from_user.id, BufferedInputFile(data, filename=name), caption=caption)

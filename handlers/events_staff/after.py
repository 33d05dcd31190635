"""After publishing: the event's card, who registered and who came, edits and cancellation told to
those registered, the spreadsheet, and stopping a running broadcast."""

from __future__ import annotations

import asyncio

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import EventStaffAction, EventStaffCD
from bot.config import Settings
from bot.context import User
from bot.domain.roles import Role
from bot.filters import Actor
from bot.i18n import I18n, Translator
from bot.outbox import OutboxWorker
from bot.services.container import Services
from bot.services.events.staff import BroadcastRow, EditField, EventRow, Problem
from bot.ui import events as screens
from bot.ui.broadcasts import broadcast_progress
from bot.ui.messaging import show
from handlers.events_staff.progress import start_broadcast
from handlers.events_staff.publish import teachers
from handlers.events_staff.states import EventWizard

EDIT_PROMPTS = {
    EditField.TITLE: "es-title-prompt",
    EditField.DESCRIPTION: "es-description-prompt",
    EditField.START: "es-start-prompt",
    EditField.PLACE: "es-place-prompt",
}


async def card(
    query: CallbackQuery, state: FSMContext, services: Services, event: EventRow, _: Translator
) -> None:
    await state.clear()
    view = await services.events_staff.card(event)
    await show(query, screens.staff_card(view.event, view.stats, view.delivery, _))


async def people(
    query: CallbackQuery,
    callback_data: EventStaffCD,
    services: Services,
    event: EventRow,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    attend = callback_data.v if callback_data.action == EventStaffAction.ATTEND else None
    view = await services.events_staff.people(event, attend)
    if view.note:
        callback_answer.text = _(view.note)
    await show(query, screens.people_screen(view.event, view.rows, view.over, _))


async def edit(
    query: CallbackQuery,
    callback_data: EventStaffCD,
    state: FSMContext,
    services: Services,
    event: EventRow,
    _: Translator,
) -> None:
    event = await services.events_staff.published(event)
    if callback_data.action == EventStaffAction.EDIT or callback_data.v not in EDIT_PROMPTS:
        await show(query, screens.edit_fields(event, _))
        return
    await state.set_state(EventWizard.edit)
    await state.set_data({"event": event.id, "field": callback_data.v})
    key = EDIT_PROMPTS[EditField(callback_data.v)]
    await show(query, screens.text_prompt(key, event.id, _, zone=event.timezone))


async def got_edit(
    message: Message,
    state: FSMContext,
    bot: Bot,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    i18n: I18n,
    outbox: OutboxWorker | None,
    _: Translator,
) -> None:
    data = await state.get_data()
    result = await services.events_staff.edit(
        Actor(user, roles),
        int(data.get("event", 0)),
        str(data.get("field", "")),
        message.text or "",
        teachers(i18n, settings),
    )
    if result is None:
        await state.clear()
        return
    if isinstance(result, Problem):
        await message.answer(_(result.key, **result.values))
        return
    await state.clear()
    await show(message, (_("es-edited", count=result.broadcast.total), None))
    await show(message, screens.staff_card(result.card.event, result.card.stats, None, _))
    await start_broadcast(bot, services, result.broadcast, message.chat.id, i18n, outbox)


async def cancel(
    query: CallbackQuery,
    bot: Bot,
    services: Services,
    event: EventRow,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    i18n: I18n,
    outbox: OutboxWorker | None,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    sent = await services.events_staff.cancel(Actor(user, roles), event, teachers(i18n, settings))
    callback_answer.text = _("es-cancelled", count=sent.broadcast.total)
    await show(query, screens.staff_card(sent.card.event, sent.card.stats, None, _))
    await start_broadcast(bot, services, sent.broadcast, query.from_user.id, i18n, outbox)


async def xlsx(
    query: CallbackQuery,
    bot: Bot,
    services: Services,
    event: EventRow,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    callback_answer.text = _("export-wait")
    rows, delivery = await services.events_staff.export(event)
    data = await asyncio.to_thread(screens.event_xlsx, event, rows, delivery, _)
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(data, filename=f"event-{event.id}.xlsx"),
        caption=_("es-xlsx-caption"),
    )


async def stop(
    query: CallbackQuery,
    services: Services,
    broadcast: BroadcastRow,
    i18n: I18n,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    stopped = await services.events_staff.stop(broadcast)
    callback_answer.text = _("bc-stopped", count=stopped.dropped)
    await show(query, broadcast_progress(stopped.broadcast, stopped.counts, i18n))

"""After publishing: the event's card, who registered and who came, edits and cancellation told to
those registered, the spreadsheet, and stopping a running broadcast."""

from __future__ import annotations

import asyncio

from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.callbacks import EventStaffAction, EventStaffCD
from bot.config import Settings
from bot.i18n import Translator
from bot.outbox import OutboxWorker
from bot.services.events.staff import BroadcastRow, EditField, EventRow, Problem
from bot.turn import Turn
from bot.ui import events as screens
from bot.ui.broadcasts import broadcast_progress
from bot.ui.events.wizard import edit_prompt
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


async def card(query: CallbackQuery, turn: Turn, event: EventRow, _: Translator) -> None:
    await turn.state.clear()
    view = await turn.services.events_staff.card(event)
    await show(query, screens.staff_card(view.event, view.stats, view.delivery, _))


async def people(
    query: CallbackQuery, callback_data: EventStaffCD, turn: Turn, event: EventRow, _: Translator
) -> None:
    attend = callback_data.v if callback_data.action == EventStaffAction.ATTEND else None
    view = await turn.services.events_staff.people(event, attend)
    if view.note:
        turn.answer.text = _(view.note)
    await show(query, screens.people_screen(view.event, view.rows, view.over, _))


async def edit(
    query: CallbackQuery, callback_data: EventStaffCD, turn: Turn, event: EventRow, _: Translator
) -> None:
    event = await turn.services.events_staff.published(event)
    if callback_data.action == EventStaffAction.EDIT or callback_data.v not in EDIT_PROMPTS:
        # The fields (also «⬅️ Назад» from a field's prompt: nothing typed next is taken for it).
        await turn.state.clear()
        await show(query, screens.edit_fields(event, _))
        return
    await turn.state.set_state(EventWizard.edit)
    await turn.state.set_data({"event": event.id, "field": callback_data.v})
    await show(query, edit_prompt(EDIT_PROMPTS[EditField(callback_data.v)], event, _))


async def got_edit(
    message: Message, turn: Turn, settings: Settings, outbox: OutboxWorker | None, _: Translator
) -> None:
    data = await turn.state.get_data()
    result = await turn.services.events_staff.edit(
        turn.actor,
        int(data.get("event", 0)),
        str(data.get("field", "")),
        message.text or "",
        teachers(turn.i18n, settings),
    )
    if result is None:
        await turn.state.clear()
        return
    if isinstance(result, Problem):
        await message.answer(_(result.key, **result.values))
        return
    await turn.state.clear()
    await show(message, (_("es-edited", count=result.broadcast.total), None))
    await show(message, screens.staff_card(result.card.event, result.card.stats, None, _))
    await start_broadcast(turn.bot, turn.services, result.broadcast, message.chat.id, turn.i18n, outbox)


async def xlsx(query: CallbackQuery, turn: Turn, event: EventRow, _: Translator) -> None:
    turn.answer.text = _("export-wait")
    rows, delivery = await turn.services.events_staff.export(event)
    data = await asyncio.to_thread(screens.event_xlsx, event, rows, delivery, _)
    await turn.bot.send_document(
        query.from_user.id,
        BufferedInputFile(data, filename=f"event-{event.id}.xlsx"),
        caption=_("es-xlsx-caption"),
    )


async def stop(query: CallbackQuery, turn: Turn, broadcast: BroadcastRow, _: Translator) -> None:
    stopped = await turn.services.events_staff.stop(broadcast)
    turn.answer.text = _("bc-stopped", count=stopped.dropped)
    await show(query, broadcast_progress(stopped.broadcast, stopped.counts, turn.i18n))

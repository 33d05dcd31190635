"""The audience picker of a draft (`bot.ui.audience`) and the preview of exactly what teachers get.
Both belong to the wizard: «⬅️ Назад» and «✖️ Отмена» work there, also for a draft opened from the
list."""

from __future__ import annotations

from aiogram.types import CallbackQuery

from bot.callbacks import EventStaffAction, EventStaffCD
from bot.i18n import Translator
from bot.services.audience import AudienceStep, AudienceView
from bot.services.events.staff import EventRow
from bot.turn import Turn
from bot.ui import events as screens
from bot.ui.audience import AudienceButtons, audience_screen, choices_screen
from bot.ui.events.wizard import event_nav
from bot.ui.messaging import show
from handlers.events_staff.wizard import enter_picker


async def audience(
    query: CallbackQuery, callback_data: EventStaffCD, turn: Turn, event: EventRow, _: Translator
) -> None:
    actor = turn.actor
    view = await turn.services.events_staff.pick(
        actor, event, AudienceStep(callback_data.action.value), callback_data.v
    )
    await enter_picker(turn.state, event.id)
    buttons = AudienceButtons(EventStaffCD, e=event.id)
    if isinstance(view, AudienceView):
        await show(query, audience_screen(view, _, buttons, nav=event_nav(event.id)))
    else:
        await show(query, choices_screen(view, _, buttons, nav=event_nav(event.id)))


async def preview(
    query: CallbackQuery, callback_data: EventStaffCD, turn: Turn, event: EventRow, _: Translator
) -> None:
    urgent = callback_data.action == EventStaffAction.URGENT
    view = await turn.services.events_staff.preview(turn.actor, event, toggle_urgent=urgent)
    await enter_picker(turn.state, event.id)
    await show(query, screens.preview_screen(view.event, view.count, _))

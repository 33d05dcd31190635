"""Publishing a draft now (the broadcast and its live progress) or at a time, and dropping it."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from bot.callbacks import EventStaffAction, EventStaffCD
from bot.config import Settings
from bot.i18n import I18n, Translator
from bot.outbox import OutboxWorker
from bot.services.events.staff import Card, EventRow, Problem
from bot.turn import Turn
from bot.ui import events as screens
from bot.ui.events.wizard import schedule_prompt
from bot.ui.messaging import show
from handlers.events_staff.progress import start_broadcast
from handlers.events_staff.states import EventWizard


def teachers(i18n: I18n, settings: Settings) -> screens.TeacherAnnouncer:
    """What teachers get is written in the installation's language."""
    return screens.TeacherAnnouncer(i18n.get(settings.default_locale))


async def send_out(
    query: CallbackQuery,
    callback_data: EventStaffCD,
    turn: Turn,
    event: EventRow,
    settings: Settings,
    outbox: OutboxWorker | None,
    _: Translator,
) -> None:
    """Publish the event, or cancel it: either way its teachers are told, and the broadcast starts."""
    staff, actor = turn.services.events_staff, turn.actor
    cancel = callback_data.action is EventStaffAction.CANCEL
    sent = await (staff.cancel if cancel else staff.publish)(actor, event, teachers(turn.i18n, settings))
    await turn.state.clear()  # the wizard is over
    turn.answer.text = _("es-cancelled" if cancel else "es-published", count=sent.broadcast.total)
    await show(query, screens.staff_card(sent.card.event, sent.card.stats, None, _))
    await start_broadcast(turn.bot, turn.services, sent.broadcast, query.from_user.id, turn.i18n, outbox)


async def ask_schedule(query: CallbackQuery, turn: Turn, event: EventRow, _: Translator) -> None:
    event = await turn.services.events_staff.ask_schedule(turn.actor, event)
    await turn.state.set_state(EventWizard.schedule)
    await turn.state.set_data({"event": event.id})
    await show(query, schedule_prompt(event, _))


async def got_schedule(message: Message, turn: Turn, _: Translator) -> None:
    event_id = int((await turn.state.get_data()).get("event", 0))
    result = await turn.services.events_staff.schedule(turn.actor, event_id, message.text or "")
    if result is None:
        await turn.state.clear()
    elif isinstance(result, Problem):
        if result.end:
            await turn.state.clear()
        await message.answer(_(result.key, **result.values))
    else:
        await turn.state.clear()
        await _show_card(message, result, _)


async def _show_card(message: Message, card: Card, _: Translator) -> None:
    await show(message, screens.staff_card(card.event, card.stats, card.delivery, _))


async def drop(query: CallbackQuery, turn: Turn, event: EventRow, _: Translator) -> None:
    events = await turn.services.events_staff.drop(turn.actor, event)
    await turn.state.clear()
    turn.answer.text = _("es-dropped")
    await show(query, screens.staff_home(events, _))

"""Publishing a draft now (the broadcast and its live progress) or at a time, and dropping it."""

from __future__ import annotations

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.config import Settings
from bot.context import User
from bot.domain.roles import Role
from bot.filters import Actor
from bot.i18n import I18n, Translator
from bot.outbox import OutboxWorker
from bot.services.container import Services
from bot.services.events.staff import Card, EventRow, Problem
from bot.ui import events as screens
from bot.ui.messaging import show
from handlers.events_staff.progress import start_broadcast
from handlers.events_staff.states import EventWizard


def teachers(i18n: I18n, settings: Settings) -> screens.TeacherAnnouncer:
    """What teachers get is written in the installation's language."""
    return screens.TeacherAnnouncer(i18n.get(settings.default_locale))


async def publish(
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
    sent = await services.events_staff.publish(Actor(user, roles), event, teachers(i18n, settings))
    callback_answer.text = _("es-published", count=sent.broadcast.total)
    await show(query, screens.staff_card(sent.card.event, sent.card.stats, None, _))
    await start_broadcast(bot, services, sent.broadcast, query.from_user.id, i18n, outbox)


async def ask_schedule(
    query: CallbackQuery,
    state: FSMContext,
    services: Services,
    event: EventRow,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    event = await services.events_staff.ask_schedule(Actor(user, roles), event)
    await state.set_state(EventWizard.schedule)
    await state.set_data({"event": event.id})
    await show(query, screens.text_prompt("es-schedule-prompt", event.id, _, zone=event.timezone))


async def got_schedule(
    message: Message,
    state: FSMContext,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    event_id = int((await state.get_data()).get("event", 0))
    result = await services.events_staff.schedule(Actor(user, roles), event_id, message.text or "")
    if result is None:
        await state.clear()
    elif isinstance(result, Problem):
        if result.end:
            await state.clear()
        await message.answer(_(result.key, **result.values))
    else:
        await state.clear()
        await _show_card(message, result, _)


async def _show_card(message: Message, card: Card, _: Translator) -> None:
    await show(message, screens.staff_card(card.event, card.stats, card.delivery, _))


async def drop(
    query: CallbackQuery,
    services: Services,
    event: EventRow,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    events = await services.events_staff.drop(Actor(user, roles), event)
    callback_answer.text = _("es-dropped")
    await show(query, screens.staff_home(events, _))

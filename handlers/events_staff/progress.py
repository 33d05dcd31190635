"""The broadcast's live progress message, sent to the staff member who started it."""

from __future__ import annotations

from aiogram import Bot

from bot.i18n import I18n
from bot.outbox import OutboxWorker
from bot.services.container import Services
from bot.services.events.staff import BroadcastRow
from bot.ui.broadcasts import broadcast_progress


async def start_broadcast(
    bot: Bot,
    services: Services,
    broadcast: BroadcastRow,
    chat_id: int,
    i18n: I18n,
    outbox: OutboxWorker | None,
) -> None:
    """The progress message staff watch; the outbox edits it as it goes."""
    text, markup = broadcast_progress(broadcast, await services.events_staff.progress(broadcast), i18n)
    message = await bot.send_message(chat_id, text, reply_markup=markup)
    await services.events_staff.watch(broadcast, chat_id, message.message_id)
    if outbox is not None:
        outbox.wake()

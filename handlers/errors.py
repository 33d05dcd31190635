"""The error handler: log with context, tell the person something went wrong, offer the menu."""

from __future__ import annotations

import logging

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import ExceptionTypeFilter
from aiogram.types import ErrorEvent

from bot.domain.errors import Refusal
from bot.i18n import I18n, Translator
from bot.logs import traceback_without_messages
from bot.ui.screens import menu_button

log = logging.getLogger(__name__)


async def on_refusal(event: ErrorEvent, bot: Bot, i18n: I18n, _: Translator | None = None) -> None:
    """A polite no (see `Refusal`): a tap was answered with it already; a message gets it as a reply."""
    refusal = event.exception
    assert isinstance(refusal, Refusal)
    update = event.update
    tg_user = update.message or update.callback_query or update.edited_message or update.inline_query or None
    sender = getattr(tg_user, "from_user", None)
    log.info("refused update %s from user %s: %s", update.update_id, sender and sender.id, refusal.key)
    if sender is None or refusal.answered:
        return
    if _ is None:
        _ = i18n.get(i18n.negotiate(sender.language_code))
    text = _(refusal.key, **refusal.values)
    try:
        if update.callback_query is not None:
            await update.callback_query.answer(text, show_alert=refusal.alert)
        else:
            await bot.send_message(sender.id, text, reply_markup=menu_button(_))
    except TelegramAPIError as exc:
        log.info("could not tell user %s about a refusal: %s", sender.id, exc)


async def on_error(event: ErrorEvent, bot: Bot, i18n: I18n) -> None:
    update = event.update
    tg_user = None
    chat_id = None
    if update.message is not None:
        tg_user, chat_id = update.message.from_user, update.message.chat.id
    elif update.callback_query is not None:
        tg_user = update.callback_query.from_user
        chat_id = tg_user.id
    log.error(
        "update %s from user %s failed: %s\n%s",
        update.update_id,
        tg_user.id if tg_user else None,
        type(event.exception).__name__,
        traceback_without_messages(event.exception),
    )
    if chat_id is None:
        return
    _ = i18n.get(i18n.negotiate(tg_user.language_code if tg_user else None))
    try:
        await bot.send_message(chat_id, _("error-generic"), reply_markup=menu_button(_))
    except TelegramAPIError as exc:  # blocked, or Telegram itself is the problem
        log.warning("could not tell user %s about the error: %s", tg_user and tg_user.id, exc)


def build_router() -> Router:
    """First of all routers: it sees the failures of every router after it."""
    router = Router(name=__name__)
    router.errors.register(on_refusal, ExceptionTypeFilter(Refusal))
    router.errors.register(on_error)
    return router

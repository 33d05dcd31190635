"""Showing a screen: edit the message a button belongs to, or send a new one."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.types import CallbackQuery, InaccessibleMessage, InlineKeyboardMarkup, Message

log = logging.getLogger(__name__)

Screen = tuple[str, InlineKeyboardMarkup | None]


async def show(event: Message | CallbackQuery, screen: Screen, *, edit: bool = True) -> Message | None:
    """Edit in place for button presses (fewer messages for the teacher), else send.

    Callback queries are answered by `SafeCallbackAnswer` around every handler.
    """
    text, markup = screen
    if isinstance(event, CallbackQuery):
        message = event.message
        if edit and isinstance(message, Message) and not isinstance(message, InaccessibleMessage):
            try:
                result = await message.edit_text(text, reply_markup=markup)
            except TelegramBadRequest as exc:
                if "message is not modified" in exc.message:
                    return message  # a double tap: the screen is already right
                log.info("cannot edit message %s (%s), sending a new one", message.message_id, exc.message)
            else:
                return result if isinstance(result, Message) else message
        if event.bot is None:
            return None
        return await event.bot.send_message(event.from_user.id, text, reply_markup=markup)
    return await event.answer(text, reply_markup=markup)


async def notify(bot: Bot, tg_id: int, text: str, markup: InlineKeyboardMarkup | None = None) -> bool:
    """Write to someone other than the person acting (a methodist, a teacher). A person who blocked
    the bot or never opened it must not break the action that concerns them."""
    try:
        await bot.send_message(tg_id, text, reply_markup=markup)
    except TelegramAPIError as exc:
        log.info("could not notify user %s: %s", tg_id, exc)
        return False
    return True

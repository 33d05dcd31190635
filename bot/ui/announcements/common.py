"""What teachers get: the announcement (the same in the preview, the broadcast and «Новости»)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from aiogram import Bot
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot.domain.announcements import Attachment, buttons_of
from bot.i18n import Translator
from bot.services.broadcasts import Outgoing
from bot.ui.broadcasts import markup_json
from storage.models import Announcement


def message_text(announcement: Announcement, _: Translator) -> str:
    """The header and the text as its author typed it (escaped: it shows as written)."""
    return _("an-head") + "\n\n" + escape(announcement.text)


def link_keyboard(
    announcement: Announcement, extra: Sequence[InlineKeyboardButton] = ()
) -> InlineKeyboardMarkup | None:
    """The author's link buttons, one per row; `extra` below them (a «back» in «Новости»)."""
    rows = [[InlineKeyboardButton(text=b.text, url=b.url)] for b in buttons_of(announcement.buttons)]
    rows += [[button] for button in extra]
    return InlineKeyboardMarkup(inline_keyboard=rows) if rows else None


def day(moment: datetime | None, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%d.%m") if moment else ""


async def send_copy(
    bot: Bot,
    chat_id: int,
    announcement: Announcement,
    _: Translator,
    extra: Sequence[InlineKeyboardButton] = (),
) -> Message:
    """The announcement as teachers get it: a picture or a document with the text as its caption,
    or the text alone; the link buttons under it."""
    text, markup = message_text(announcement, _), link_keyboard(announcement, extra)
    if announcement.file_id and announcement.file_kind is Attachment.PHOTO:
        return await bot.send_photo(chat_id, announcement.file_id, caption=text, reply_markup=markup)
    if announcement.file_id and announcement.file_kind is Attachment.DOCUMENT:
        return await bot.send_document(chat_id, announcement.file_id, caption=text, reply_markup=markup)
    return await bot.send_message(chat_id, text, reply_markup=markup)


class NewsAnnouncer:
    """`bot.services.announcements.Render`: the broadcast's message in the teachers' language."""

    def __init__(self, _: Translator) -> None:
        self._ = _

    def __call__(self, announcement: Announcement) -> Outgoing:
        return Outgoing(message_text(announcement, self._), markup_json(link_keyboard(announcement)))

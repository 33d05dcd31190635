"""A message of the conversation as the bot keeps it: text, a photo, a document or a voice message.
Anything else, an empty or too long text gets a clear answer instead."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import Message

from bot.domain.consult import TEXT_MAX, MessageKind
from bot.i18n import Translator
from bot.services.consult import Draft
from storage.models import ConsultMessage


async def draft_of(message: Message, _: Translator) -> Draft | None:
    """The message as a draft; None (and the person told why) when it cannot be one."""
    text = (message.text or message.caption or "").strip() or None
    if text is not None and len(text) > TEXT_MAX:
        await message.answer(_("consult-too-long", max=TEXT_MAX, length=len(text)))
        return None
    if message.photo:
        return Draft(MessageKind.PHOTO, text, message.photo[-1].file_id)
    if message.document is not None:
        return Draft(MessageKind.DOCUMENT, text, message.document.file_id, message.document.file_name)
    if message.voice is not None:
        return Draft(MessageKind.VOICE, text, message.voice.file_id)
    if message.text is not None:
        if text is None:
            await message.answer(_("consult-empty"))
            return None
        return Draft(MessageKind.TEXT, text)
    await message.answer(_("consult-bad-kind"))
    return None


def draft_data(draft: Draft) -> dict[str, str | None]:
    return {
        "kind": draft.kind.value,
        "text": draft.text,
        "file_id": draft.file_id,
        "file_name": draft.file_name,
    }


def draft_from(data: object) -> Draft | None:
    if not isinstance(data, dict) or data.get("kind") not in set(MessageKind):
        return None
    return Draft(MessageKind(data["kind"]), data.get("text"), data.get("file_id"), data.get("file_name"))


async def send_files(bot: Bot, chat_id: int, files: list[ConsultMessage]) -> None:
    """The conversation's files, to the person who asked for them (their own chat: a reply)."""
    for message in files:
        if message.file_id is None:
            continue
        caption = message.text[:1000] if message.text else None
        if message.kind == MessageKind.PHOTO:
            await bot.send_photo(chat_id, message.file_id, caption=caption, parse_mode=None)
        elif message.kind == MessageKind.VOICE:
            await bot.send_voice(chat_id, message.file_id, caption=caption, parse_mode=None)
        else:
            await bot.send_document(chat_id, message.file_id, caption=caption, parse_mode=None)

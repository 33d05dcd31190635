"""Showing a screen: edit the message a button belongs to, or send a new one.

A tap that would change nothing (the current language again, a refresh with nothing new, the
screen already open) makes no request at all: Telegram would refuse the edit ("message is not
modified"). The tap gets a short note instead, through the callback's answer.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InaccessibleMessage, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.ui.rendered import Rendered, digest, render, stored
from storage.repositories.screens import KeptEdit, ScreenRepo

log = logging.getLogger(__name__)

Screen = tuple[str, InlineKeyboardMarkup | None]


@dataclass(frozen=True, slots=True)
class _Edit:
    at: int  # Telegram's edit_date of the result (seconds); 0 when only likely
    before: Rendered | None  # what the message showed when we edited it
    after: Rendered


class EditLog:
    """What our own latest edits left in messages, for one running bot.

    The message in a callback is what it was when the button was pressed. A quick second tap on it
    is handled after our edit for the first one, yet carries the message as it was before that
    edit: what Telegram compares with is what our edit left.
    """

    KEPT = 4096

    def __init__(self) -> None:
        self._edits: OrderedDict[tuple[int, int], _Edit] = OrderedDict()

    def remember(self, message: Message, before: Rendered | None = None) -> None:
        """Keep what an edit left in `message` (the result of an edit request)."""
        content = stored(message)
        if content is not None:
            at = message.edit_date or int(message.date.timestamp())
            self.keep(message.chat.id, message.message_id, content, at, before)

    def keep(
        self, chat_id: int, message_id: int, content: Rendered, at: int = 0, before: Rendered | None = None
    ) -> None:
        """Keep what a message shows; `at` 0 when only likely (the message in a callback wins)."""
        key = (chat_id, message_id)
        self._edits[key] = _Edit(at, before, content)
        self._edits.move_to_end(key)
        while len(self._edits) > self.KEPT:
            self._edits.popitem(last=False)

    def known(self, chat_id: int, message_id: int) -> Rendered | None:
        """What the message shows as far as this bot knows, without a callback to look at."""
        kept = self._edits.get((chat_id, message_id))
        return kept.after if kept is not None else None

    def current(self, message: Message) -> Rendered | None:
        """What `message` (from a callback) shows now: our latest edit when the callback's copy
        is the one that edit replaced, or older than it; else the callback's copy."""
        seen = stored(message)
        ours = self._edits.get((message.chat.id, message.message_id))
        if seen is None or ours is None:
            return seen
        if seen == ours.before or ours.at > (message.edit_date or 0):
            return ours.after
        return seen


@dataclass(slots=True)
class _Answering:
    answer: CallbackAnswer
    unchanged_note: str
    edits: EditLog
    # The database's record of edits (shared by every process and kept across a crash), and the
    # edits this update made, written with the update's own transaction.
    screens: ScreenRepo | None = None
    made: list[KeptEdit] | None = None


# The callback being handled (set by SafeCallbackAnswer around each callback handler).
_answering: ContextVar[_Answering | None] = ContextVar("answering", default=None)


@contextmanager
def answering(
    answer: CallbackAnswer,
    unchanged_note: str,
    edits: EditLog,
    screens: ScreenRepo | None = None,
    made: list[KeptEdit] | None = None,
) -> Iterator[None]:
    """While a callback is handled: where `show` puts its note for a tap that changed nothing, and
    what it knows of the bot's recent edits (in memory; in the database when `screens` is given,
    with this update's edits collected in `made` for the update's transaction)."""
    token = _answering.set(_Answering(answer, unchanged_note, edits, screens, made))
    try:
        yield
    finally:
        _answering.reset(token)


def note_unchanged(note: str | None = None) -> None:
    """Answer the current tap with a short note (unless the handler said something already)."""
    current = _answering.get()
    if current is not None and current.answer.text is None:
        current.answer.text = note or current.unchanged_note


async def edit_screen(message: Message, screen: Screen, unchanged: str | None = None) -> Message | None:
    """Edit a text message to `screen`; None when it cannot be edited (the caller sends instead).
    A screen already shown costs no request: the tap gets a note (`unchanged`, or the general one)."""
    text, markup = screen
    answering_now = _answering.get()
    if answering_now is not None and answering_now.screens is not None:
        return await _edit_kept(message, screen, answering_now, unchanged)
    edits = answering_now.edits if answering_now is not None else EditLog()
    shown = edits.current(message)
    if shown is not None and shown == render(text, markup):
        note_unchanged(unchanged)
        return message
    try:
        result = await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        if "message is not modified" in exc.message:
            # Our comparison missed a case: keep the screen and say so in the log.
            log.warning("edit of message %s was not needed", message.message_id)
            note_unchanged(unchanged)
            return message
        log.info("cannot edit message %s (%s), sending a new one", message.message_id, exc.message)
        return None
    if isinstance(result, Message):
        edits.remember(result, before=shown)
        return result
    return message


async def _edit_kept(
    message: Message, screen: Screen, now: _Answering, unchanged: str | None = None
) -> Message | None:
    """`edit_screen` with the record of edits in the database: the callback's copy of the message
    may predate an edit made by a process that has since died, or by another one."""
    assert now.screens is not None
    text, markup = screen
    seen = stored(message)
    if seen is None:
        return None
    new = render(text, markup)
    seen_print, wanted = digest(seen), digest(new)
    kept = await now.screens.latest(message.chat.id, message.message_id)
    shown = seen_print
    if kept is not None and (kept.before == seen_print or kept.edited_at > (message.edit_date or 0)):
        shown = kept.after
    # This process's own memory too: edits of someone who has just deleted their data are not kept
    # in the database, yet their double tap must not fail either.
    remembered = now.edits.current(message)
    if shown == wanted or (remembered is not None and remembered == new):
        note_unchanged(unchanged)
        return message
    try:
        result = await message.edit_text(text, reply_markup=markup)
    except TelegramBadRequest as exc:
        if "message is not modified" in exc.message:
            log.warning("edit of message %s was not needed", message.message_id)
            note_unchanged(unchanged)
            return message
        log.info("cannot edit message %s (%s), sending a new one", message.message_id, exc.message)
        return None
    edited = result if isinstance(result, Message) else message
    at = edited.edit_date or int(edited.date.timestamp()) if isinstance(result, Message) else 0
    if isinstance(result, Message):
        now.edits.remember(result, before=seen if shown == seen_print else None)
    if now.made is not None:
        now.made.append(KeptEdit(message.chat.id, message.message_id, at, shown, wanted))
    return edited


async def show(
    event: Message | CallbackQuery, screen: Screen, *, edit: bool = True, unchanged: str | None = None
) -> Message | None:
    """Edit in place for button presses (fewer messages for the teacher), else send.

    A tap whose screen is the one already shown gets a short note instead of an edit: `unchanged`
    (what this screen means by it: «nothing new yet» for a refresh), or «nothing has changed here».

    Callback queries are answered by `SafeCallbackAnswer` around every handler. A button under a
    photo or a file cannot turn it into text: the screen comes as a new message.
    """
    text, markup = screen
    if isinstance(event, CallbackQuery):
        message = event.message
        if (
            edit
            and isinstance(message, Message)
            and not isinstance(message, InaccessibleMessage)
            and message.text is not None
        ):
            edited = await edit_screen(message, screen, unchanged)
            if edited is not None:
                return edited
        if event.bot is None:
            return None
        return await event.bot.send_message(event.from_user.id, text, reply_markup=markup)
    return await event.answer(text, reply_markup=markup)

"""Conversation helpers: a Telegram user talking to the bot through the fake API.

``deliver`` decides how updates reach the bot:

* :func:`http_deliver` - queue for getUpdates; the bot polls the HTTP fake server
  (``dp.start_polling(bot, handle_as_tasks=False, ...)``) and we wait until it confirmed
  the update, i.e. finished handling it;
* :func:`feed_deliver` - ``Dispatcher.feed_update`` in-process (use with FakeSession).

Example::

    anna = make_user(fake, http_deliver(fake), 42)
    await anna.send("/start")
    assert "Здравствуйте" in anna.last_message.text
    await anna.click("Каталог")
"""

from __future__ import annotations

import asyncio
import struct
import zlib
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiogram.methods import TelegramMethod
from aiogram.types import Update

from tests.fakes.telegram import FakeMessage, FakeTelegram, FileUpload

if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher

__all__ = [
    "TINY_PNG",
    "Deliver",
    "TgUser",
    "feed_deliver",
    "http_deliver",
    "make_user",
    "tiny_png",
]

Deliver = Callable[[dict[str, Any]], Awaitable[None]]


def tiny_png(width: int = 1, height: int = 1) -> bytes:
    """A valid (white) PNG image, accepted by the fake sendPhoto."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


TINY_PNG = tiny_png()


def http_deliver(fake: FakeTelegram, *, timeout: float = 10.0) -> Deliver:
    """Queue the update for getUpdates and wait until the polling bot processed it."""

    async def deliver(update: dict[str, Any]) -> None:
        update_id = fake.push_update(update)
        await fake.wait_processed(update_id, timeout=timeout)

    return deliver


def feed_deliver(dispatcher: Dispatcher, bot: Bot, **kwargs: Any) -> Deliver:
    """Process the update in-process with ``dispatcher.feed_update``.

    Unlike polling, exceptions raised by handlers propagate to the test (polling only
    logs them).  A TelegramMethod returned by a handler is executed, as polling does.
    Startup hooks are not run: ``await dispatcher.emit_startup(bot=bot)`` if needed.
    """

    async def deliver(update: dict[str, Any]) -> None:
        parsed = Update.model_validate(update, context={"bot": bot})
        response = await dispatcher.feed_update(bot, parsed, **kwargs)
        if isinstance(response, TelegramMethod):
            await bot(response)

    return deliver


class TgUser:
    """A user in a private chat with the bot."""

    def __init__(
        self,
        fake: FakeTelegram,
        deliver: Deliver,
        user_id: int,
        first_name: str = "Анна",
        last_name: str | None = None,
        language_code: str | None = "ru",
        username: str | None = None,
    ) -> None:
        self.fake = fake
        self.deliver = deliver
        self.id = user_id
        self.chat_id = user_id
        self.first_name = first_name
        self.last_name = last_name
        self.language_code = language_code
        self.username = username
        self._mark = fake.message_seq

    def __repr__(self) -> str:
        return f"TgUser(id={self.id}, first_name={self.first_name!r})"

    @property
    def user(self) -> dict[str, Any]:
        """The Bot API ``User`` object of this user."""
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data

    # ------------------------------------------------------------------ actions

    async def _deliver(self, update: dict[str, Any]) -> None:
        await self.deliver(update)

    async def send(self, text: str) -> None:
        """The user types ``text`` (commands get a bot_command entity)."""
        self._mark = self.fake.message_seq
        await self._deliver(self.fake.make_message_update(self.user, text))

    async def send_sticker(self) -> None:
        self._mark = self.fake.message_seq
        await self._deliver(self.fake.make_message_update(self.user, sticker=True))

    async def send_photo(self, content: bytes = TINY_PNG, caption: str | None = None) -> None:
        self._mark = self.fake.message_seq
        await self._deliver(self.fake.make_message_update(self.user, caption, photo=content))

    async def send_voice(self, content: bytes = b"OggS voice", caption: str | None = None) -> None:
        self._mark = self.fake.message_seq
        await self._deliver(self.fake.make_message_update(self.user, caption, voice=content))

    async def send_document(
        self,
        filename: str,
        content: bytes,
        mime_type: str = "application/octet-stream",
        caption: str | None = None,
    ) -> None:
        self._mark = self.fake.message_seq
        upload = FileUpload(content=content, filename=filename, content_type=mime_type)
        await self._deliver(self.fake.make_message_update(self.user, caption, document=upload))

    async def click(
        self,
        button_text: str,
        *,
        message: FakeMessage | None = None,
        expect_answer: bool = True,
    ) -> None:
        """Press a button by its text.

        Looks at the inline keyboard of ``message`` (default: the newest bot message with
        an inline keyboard), exact text first, then a unique substring match.  Reply
        keyboard buttons (when ``message`` is not given) are "pressed" by sending their
        text.  After a callback query was processed, asserts it was answered, because
        Telegram shows a spinner until answerCallbackQuery.
        """
        target = message if message is not None else self._newest_with_inline_keyboard()
        if target is not None and target.deleted:
            raise AssertionError(f"message {target} was deleted, its buttons are gone")
        inline = target.inline_buttons if target is not None else []
        reply = self.fake.reply_keyboard_buttons(self.chat_id) if message is None else []

        exact = [b for b in inline if b.get("text") == button_text]
        if len(exact) > 1:
            raise AssertionError(
                f"{len(exact)} inline buttons are called {button_text!r}: {self._describe(target)}"
            )
        if exact:
            assert target is not None
            await self._press(target, exact[0], expect_answer=expect_answer)
            return
        if button_text in reply:
            await self.send(button_text)
            return
        partial_inline = [b for b in inline if button_text in str(b.get("text", ""))]
        partial_reply = [text for text in reply if button_text in text]
        if len(partial_inline) + len(partial_reply) == 1:
            if partial_inline:
                assert target is not None
                await self._press(target, partial_inline[0], expect_answer=expect_answer)
            else:
                await self.send(partial_reply[0])
            return
        problem = "is ambiguous" if partial_inline or partial_reply else "not found"
        raise AssertionError(
            f"button {button_text!r} {problem}. Inline buttons of {self._describe(target)}; "
            f"reply keyboard: {reply}"
        )

    async def click_data(
        self,
        data: str,
        *,
        message: FakeMessage | None = None,
        expect_answer: bool = True,
    ) -> None:
        """Send a callback query with arbitrary (forged or stale) ``data``.

        Uses ``message`` or the newest bot message in the chat.
        """
        target = message or self._newest_with_inline_keyboard() or self.last_message
        await self._send_callback(target, data, expect_answer=expect_answer, label=repr(data))

    async def _press(
        self,
        message: FakeMessage,
        button: dict[str, Any],
        *,
        expect_answer: bool,
    ) -> None:
        if "callback_data" not in button:
            kinds = [k for k in button if k != "text"]
            raise AssertionError(
                f"button {button.get('text')!r} is a {kinds} button: pressing it sends "
                "nothing to the bot (inspect it with TgUser.button() instead)"
            )
        await self._send_callback(
            message,
            str(button["callback_data"]),
            expect_answer=expect_answer,
            label=repr(button.get("text")),
        )

    async def _send_callback(
        self,
        message: FakeMessage,
        data: str,
        *,
        expect_answer: bool,
        label: str,
    ) -> None:
        self._mark = self.fake.message_seq
        update = self.fake.make_callback_update(self.user, message, data)
        callback_id = update["callback_query"]["id"]
        await self._deliver(update)
        record = self.fake.callback(callback_id)
        if expect_answer and not record.answered:
            recent = [str(r) for r in self.fake.requests[-5:]]
            raise AssertionError(
                f"callback query for button {label} (data={data!r}) was not answered with "
                "answerCallbackQuery - Telegram would show a loading spinner. "
                f"Recent requests: {recent}"
            )

    async def wait_for_message(
        self,
        predicate: Callable[[FakeMessage], bool] | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> FakeMessage:
        """Wait for a new bot message in this chat (e.g. sent by a scheduler)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            for msg in self.replies:
                if predicate is None or predicate(msg):
                    return msg
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(f"no matching bot message within {timeout}s; chat: {self.history}")
            await self.fake.wait_for_change(remaining)

    # ------------------------------------------------------------------ inspection

    @property
    def messages(self) -> list[FakeMessage]:
        """Bot messages in this chat (deleted ones excluded), oldest first."""
        return self.fake.bot_messages(self.chat_id)

    @property
    def history(self) -> list[FakeMessage]:
        """All messages (user and bot) in this chat, deleted ones excluded."""
        return self.fake.chat_messages(self.chat_id)

    @property
    def replies(self) -> list[FakeMessage]:
        """Bot messages created since this user's last action."""
        return [m for m in self.messages if m.seq > self._mark]

    @property
    def last_message(self) -> FakeMessage:
        """Newest non-deleted message from the bot in this chat."""
        messages = self.messages
        if not messages:
            raise AssertionError(f"the bot sent nothing to {self!r}; chat: {self.history}")
        return messages[-1]

    def last_messages(self, n: int) -> list[FakeMessage]:
        """The ``n`` newest bot messages, oldest first."""
        return self.messages[-n:] if n > 0 else []

    def buttons(self, message: FakeMessage | None = None) -> list[str]:
        """Inline button texts of ``message`` (default: last bot message), flattened."""
        target = message if message is not None else self.last_message
        return target.button_texts

    def button(self, text: str, message: FakeMessage | None = None) -> dict[str, Any]:
        """The inline button dict with exactly this text."""
        target = message if message is not None else self._newest_with_inline_keyboard()
        for button in target.inline_buttons if target else []:
            if button.get("text") == text:
                return button
        raise AssertionError(f"no inline button {text!r} on {self._describe(target)}")

    @property
    def reply_keyboard(self) -> list[str]:
        """Texts of the reply keyboard currently shown to the user."""
        return self.fake.reply_keyboard_buttons(self.chat_id)

    def _newest_with_inline_keyboard(self) -> FakeMessage | None:
        for msg in reversed(self.messages):
            if msg.inline_keyboard:
                return msg
        return None

    @staticmethod
    def _describe(message: FakeMessage | None) -> str:
        if message is None:
            return "(no bot message with an inline keyboard)"
        return f"message #{message.message_id} {message.button_texts}"


def make_user(fake: FakeTelegram, deliver: Deliver, user_id: int, **kwargs: Any) -> TgUser:
    return TgUser(fake, deliver, user_id, **kwargs)

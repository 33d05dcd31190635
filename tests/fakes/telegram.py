"""Transport-agnostic fake of the Telegram Bot API.

:class:`FakeTelegram` keeps the state of one bot (chats, messages, files, callback
queries, pending updates) and answers Bot API calls with Telegram's real error codes and
descriptions.  Transports:

* :class:`tests.fakes.server.FakeBotApiServer` - HTTP server for the real ``AiohttpSession``;
* :class:`tests.fakes.session.FakeSession` - in-process aiogram session.

Both pass parameters exactly as aiogram serialises them (strings; JSON strings for
complex values) and :func:`normalize_params` decodes them the same way for both paths.
"""

from __future__ import annotations

import asyncio
import bisect
import contextlib
import copy
import json
import math
import mimetypes
import re
import time
from collections import defaultdict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tests.fakes.html import HtmlError, parse_html, utf16_len

__all__ = [
    "CallbackRecord",
    "FakeMessage",
    "FakeTelegram",
    "FileUpload",
    "InjectedError",
    "RecordedRequest",
    "StoredFile",
    "TelegramApiError",
    "normalize_params",
]

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024
MAX_CALLBACK_ANSWER_LENGTH = 200
MAX_CALLBACK_DATA_BYTES = 64
MAX_INLINE_BUTTONS = 100
MAX_DOCUMENT_SIZE = 50 * 1024 * 1024
CALLBACK_QUERY_TIMEOUT = 15.0

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
BLOCKED = "Forbidden: bot was blocked by the user"
CONFLICT = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"

JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "entities",
        "caption_entities",
        "commands",
        "scope",
        "allowed_updates",
        "menu_button",
        "link_preview_options",
        "reply_parameters",
        "media",
        "message_ids",
    }
)
INT_FIELDS = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "offset",
        "limit",
        "timeout",
        "cache_time",
        "reply_to_message_id",
        "message_thread_id",
        "user_id",
    }
)
BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "show_alert",
        "drop_pending_updates",
        "disable_web_page_preview",
        "allow_sending_without_reply",
        "has_spoiler",
        "disable_content_type_detection",
        "allow_paid_broadcast",
        "show_caption_above_media",
    }
)
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
INLINE_ACTION_FIELDS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
# Methods counted by the optional rate limiter.
RATE_LIMITED_METHODS = frozenset(
    {
        "sendmessage",
        "sendphoto",
        "senddocument",
        "editmessagetext",
        "editmessagecaption",
        "editmessagereplymarkup",
        "copymessage",
        "forwardmessage",
    }
)
# ``inject_error(method=None, ...)`` never hits these (polling infrastructure).
WILDCARD_EXCLUDED_METHODS = frozenset({"getupdates", "getme"})
DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

_BUTTON_URL_RE = re.compile(r"^(?:https?://[^\s/$.?#][^\s]*|tg://[a-z_]+\S*)$", re.IGNORECASE)
_COMMAND_RE = re.compile(r"^/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?=$|\s)")
_BOT_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_INT_RE = re.compile(r"^-?\d+$")
_TRIM_CHARS = " \t\r\n\v\f"


class TelegramApiError(Exception):
    """An error answer of the Bot API (``{"ok": false, ...}``)."""

    def __init__(
        self,
        error_code: int,
        description: str,
        parameters: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(f"{error_code}: {description}")
        self.error_code = error_code
        self.description = description
        self.parameters = parameters
        self.injected = False

    def to_response(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = dict(self.parameters)
        return body


def _bad(reason: str) -> TelegramApiError:
    return TelegramApiError(400, f"Bad Request: {reason}")


@dataclass
class FileUpload:
    """A file part of a multipart request."""

    content: bytes
    filename: str | None = None
    content_type: str | None = None


@dataclass
class StoredFile:
    file_id: str
    file_unique_id: str
    kind: str  # "photo" | "document" | "sticker"
    content: bytes
    file_name: str | None
    mime_type: str | None
    file_path: str
    source_url: str | None = None

    @property
    def file_size(self) -> int:
        return len(self.content)


@dataclass(repr=False)
class FakeMessage:
    """One message in a private chat, as the user sees it."""

    message_id: int
    chat_id: int
    from_bot: bool
    date: int
    sender: dict[str, Any]
    seq: int = 0  # global creation order across chats
    text: str | None = None  # plain text after parsing, as displayed
    html: str | None = None  # raw text/caption exactly as sent by the bot
    entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    caption: str | None = None
    caption_entities: list[dict[str, Any]] = field(default_factory=list)
    photo: bytes | None = None
    document: bytes | None = None
    sticker: bool = False
    file_id: str | None = None
    file_name: str | None = None
    mime_type: str | None = None
    reply_to_message_id: int | None = None
    deleted: bool = False
    edit_count: int = 0
    edit_date: int | None = None

    @property
    def edited(self) -> bool:
        return self.edit_count > 0

    @property
    def inline_keyboard(self) -> list[list[dict[str, Any]]] | None:
        if self.reply_markup and "inline_keyboard" in self.reply_markup:
            rows: list[list[dict[str, Any]]] = self.reply_markup["inline_keyboard"]
            return rows
        return None

    def inline_keyboard_markup(self) -> dict[str, Any] | None:
        """``reply_markup`` if it is an InlineKeyboardMarkup (what edits compare)."""
        return self.reply_markup if self.inline_keyboard is not None else None

    @property
    def inline_buttons(self) -> list[dict[str, Any]]:
        return [button for row in self.inline_keyboard or [] for button in row]

    @property
    def button_texts(self) -> list[str]:
        return [str(button.get("text", "")) for button in self.inline_buttons]

    @property
    def content(self) -> str:
        """Text or caption (empty string if none)."""
        return self.text if self.text is not None else (self.caption or "")

    def __repr__(self) -> str:
        flags = " deleted" if self.deleted else ""
        flags += f" edited x{self.edit_count}" if self.edit_count else ""
        return f"FakeMessage(chat={self.chat_id} {self}{flags})"

    def __str__(self) -> str:
        who = "bot" if self.from_bot else "user"
        kind = "photo " if self.photo is not None else "document " if self.document else ""
        buttons = f" {self.button_texts}" if self.inline_keyboard else ""
        return f"#{self.message_id} {who}: {kind}{self.content!r}{buttons}"


@dataclass
class RecordedRequest:
    method: str  # canonical name, e.g. "sendMessage" (as sent for unknown methods)
    params: dict[str, Any]
    files: dict[str, FileUpload]
    timestamp: float
    outcome: str | int = "pending"  # "ok" or the error code
    description: str | None = None
    result: Any = None
    injected: bool = False  # the error came from inject_error(), not from Telegram's rules

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"

    def __str__(self) -> str:
        params = {k: v for k, v in self.params.items() if k not in {"reply_markup"}}
        summary = json.dumps(params, ensure_ascii=False, default=str)
        if len(summary) > 160:
            summary = summary[:157] + "..."
        status = "ok" if self.ok else f"{self.outcome} {self.description}"
        return f"{self.method} {summary} -> {status}"


@dataclass
class CallbackRecord:
    id: str
    user_id: int
    chat_id: int
    message_id: int
    data: str
    created_at: float
    answered: bool = False
    answer: dict[str, Any] | None = None
    answered_at: float | None = None  # the fake's clock when answerCallbackQuery arrived

    @property
    def answer_delay(self) -> float | None:
        """Seconds from the button press to its answer (Telegram gives up after ~15 s)."""
        return None if self.answered_at is None else self.answered_at - self.created_at


@dataclass
class InjectedError:
    method: str | None  # lower-cased, None = any method except getUpdates/getMe
    chat_id: int | None
    error_code: int
    description: str
    retry_after: int | None
    remaining: int


def normalize_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """Decode form values the way the Bot API does (JSON fields, ints, booleans).

    Values that are already native (JSON request bodies) are kept.  Undecodable JSON is
    kept as the raw string; the method handler then reports Telegram's error.
    """
    result: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, str):
            if key in JSON_FIELDS:
                with contextlib.suppress(ValueError):
                    value = json.loads(value)
            elif key in INT_FIELDS and _INT_RE.match(value):
                value = int(value)
            elif key in BOOL_FIELDS and value.lower() in {"true", "false", "1", "0"}:
                value = value.lower() in {"true", "1"}
        result[key] = value
    return result


def _is_image(data: bytes) -> bool:
    return (
        data.startswith(b"\x89PNG\r\n\x1a\n")
        or data.startswith(b"\xff\xd8\xff")
        or data[:6] in (b"GIF87a", b"GIF89a")
        or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")
        or data.startswith(b"BM")
    )


def _trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip leading/trailing whitespace like Telegram, shifting/clipping entities."""
    stripped = text.strip(_TRIM_CHARS)
    if stripped == text:
        return text, sorted(entities, key=lambda e: (e["offset"], -e["length"]))
    lead = utf16_len(text[: len(text) - len(text.lstrip(_TRIM_CHARS))])
    new_len = utf16_len(stripped)
    result = []
    for entity in entities:
        start = max(0, entity["offset"] - lead)
        end = min(new_len, entity["offset"] + entity["length"] - lead)
        if end > start:
            result.append({**entity, "offset": start, "length": end - start})
    result.sort(key=lambda e: (e["offset"], -e["length"]))
    return stripped, result


def _window_retry(window: deque[float], per_second: float, now: float) -> int:
    span = max(1.0, 1.0 / per_second)
    capacity = max(1, int(per_second * span + 1e-9))
    while window and window[0] <= now - span:
        window.popleft()
    if len(window) >= capacity:
        return max(1, math.ceil(window[0] + span - now))
    return 0


class FakeTelegram:
    """State and rules of a fake Telegram Bot API for one bot."""

    def __init__(
        self,
        bot_id: int = 1000001,
        bot_username: str = "metodist_test_bot",
        *,
        bot_first_name: str = "Методист (test)",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.clock = clock
        self.callback_timeout = CALLBACK_QUERY_TIMEOUT

        self.requests: list[RecordedRequest] = []
        # Every error answer given, in order (also reachable via error_responses()).
        self.errors: list[RecordedRequest] = []
        self.callbacks: list[CallbackRecord] = []
        self.confirmed_offset = 0

        self._chats: dict[int, dict[str, Any]] = {}
        self._blocked: set[int] = set()
        self._messages: dict[int, list[FakeMessage]] = defaultdict(list)
        self._next_message_id: dict[int, int] = defaultdict(lambda: 1)
        self._message_seq = 0
        self._reply_keyboards: dict[int, dict[str, Any] | None] = {}
        self._chat_actions: dict[int, list[str]] = defaultdict(list)
        self._files: dict[str, StoredFile] = {}
        self._files_by_path: dict[str, StoredFile] = {}
        self._file_seq = 0
        self._callbacks_by_id: dict[str, CallbackRecord] = {}
        self._callback_seq = 0
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._menu_buttons: dict[int | None, dict[str, Any]] = {}

        self._update_seq = 100_000_000
        self._pending: list[dict[str, Any]] = []
        self._dropped_updates: set[int] = set()
        self._allowed_updates: frozenset[str] | None = None
        self._poll_generation = 0

        self._injected: list[InjectedError] = []
        self._global_rate: float | None = None
        self._chat_rate: float | None = None
        self._global_window: deque[float] = deque()
        self._chat_windows: dict[int, deque[float]] = defaultdict(deque)

        self._event: asyncio.Event | None = None
        self._event_loop: asyncio.AbstractEventLoop | None = None

        self._methods: dict[str, tuple[str, Callable[..., Any]]] = {}
        for name, handler in (
            ("getMe", self._get_me),
            ("getUpdates", self._get_updates),
            ("sendMessage", self._send_message),
            ("editMessageText", self._edit_message_text),
            ("editMessageCaption", self._edit_message_caption),
            ("editMessageReplyMarkup", self._edit_message_reply_markup),
            ("deleteMessage", self._delete_message),
            ("answerCallbackQuery", self._answer_callback_query),
            ("sendPhoto", self._send_photo),
            ("sendDocument", self._send_document),
            ("sendVoice", self._send_voice),
            ("sendChatAction", self._send_chat_action),
            ("getFile", self._get_file),
            ("setMyCommands", self._set_my_commands),
            ("getMyCommands", self._get_my_commands),
            ("deleteMyCommands", self._delete_my_commands),
            ("deleteWebhook", self._delete_webhook),
            ("getWebhookInfo", self._get_webhook_info),
            ("close", self._true),
            ("logOut", self._true),
            ("setChatMenuButton", self._set_chat_menu_button),
            ("getChatMenuButton", self._get_chat_menu_button),
        ):
            self._methods[name.lower()] = (name, handler)

    # ------------------------------------------------------------------ users/bot

    @property
    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def add_chat(self, user: dict[str, Any] | int, first_name: str = "User") -> None:
        """Make a private chat known, as if the user had started the bot earlier."""
        if isinstance(user, int):
            user = {"id": user, "is_bot": False, "first_name": first_name}
        chat: dict[str, Any] = {"id": user["id"], "type": "private"}
        for key in ("first_name", "last_name", "username"):
            if user.get(key):
                chat[key] = user[key]
        self._chats[int(user["id"])] = chat

    def has_chat(self, chat_id: int) -> bool:
        return chat_id in self._chats

    def block_user(self, chat_id: int) -> None:
        """The user blocks the bot: sends to this chat answer 403 until unblocked.

        A later message from the user (``make_message_update``) unblocks, as pressing
        "Restart" does in Telegram.
        """
        self._blocked.add(chat_id)

    def unblock_user(self, chat_id: int) -> None:
        self._blocked.discard(chat_id)

    def is_blocked(self, chat_id: int) -> bool:
        return chat_id in self._blocked

    # ------------------------------------------------------------------ fault injection

    def inject_error(
        self,
        method: str | None,
        chat_id: int | None,
        error_code: int,
        description: str,
        retry_after: int | None = None,
        count: int = 1,
    ) -> InjectedError:
        """Make the next ``count`` matching calls fail with the given error.

        ``method=None`` matches any method except getUpdates/getMe; ``chat_id=None``
        matches any chat.
        """
        if count < 1:
            raise ValueError("count must be >= 1")
        injected = InjectedError(
            method=method.lower() if method else None,
            chat_id=chat_id,
            error_code=error_code,
            description=description,
            retry_after=retry_after,
            remaining=count,
        )
        self._injected.append(injected)
        return injected

    def inject_429(
        self,
        retry_after: int = 1,
        method: str | None = None,
        chat_id: int | None = None,
        count: int = 1,
    ) -> InjectedError:
        return self.inject_error(
            method,
            chat_id,
            429,
            f"Too Many Requests: retry after {retry_after}",
            retry_after=retry_after,
            count=count,
        )

    def clear_injected_errors(self) -> None:
        self._injected.clear()

    def set_rate_limit(
        self,
        global_per_second: float | None,
        per_chat_per_second: float | None,
    ) -> None:
        """Enable (or disable with ``None``) 429 answers for sending methods."""
        self._global_rate = global_per_second
        self._chat_rate = per_chat_per_second
        self._global_window.clear()
        self._chat_windows.clear()

    # ------------------------------------------------------------------ inspection

    def requests_for(self, method: str) -> list[RecordedRequest]:
        name = method.lower()
        return [r for r in self.requests if r.method.lower() == name]

    def error_responses(
        self, *, include_injected: bool = False, include_polling: bool = False
    ) -> list[RecordedRequest]:
        """Error answers the fake gave, oldest first: what a polished bot never provokes (400 for a
        needless edit or a late callback answer, 429, ...). Errors a test injected are left out
        unless asked for, and so are getUpdates' 409s (a newer poll replacing an older one at a
        restart is polling's own business)."""
        return [
            r
            for r in self.errors
            if (include_injected or not r.injected) and (include_polling or r.method.lower() != "getupdates")
        ]

    def chat_messages(self, chat_id: int, *, include_deleted: bool = False) -> list[FakeMessage]:
        return [m for m in self._messages.get(chat_id, []) if include_deleted or not m.deleted]

    def bot_messages(self, chat_id: int) -> list[FakeMessage]:
        return [m for m in self.chat_messages(chat_id) if m.from_bot]

    def message(self, chat_id: int, message_id: int) -> FakeMessage | None:
        """Message by id, including deleted ones."""
        for msg in self._messages.get(chat_id, []):
            if msg.message_id == message_id:
                return msg
        return None

    def message_json(self, msg: FakeMessage, *, with_reply: bool = True) -> dict[str, Any]:
        """The Bot API ``Message`` object for ``msg``."""
        data: dict[str, Any] = {
            "message_id": msg.message_id,
            "from": copy.deepcopy(msg.sender),
            "chat": copy.deepcopy(self._chat_json(msg.chat_id)),
            "date": msg.date,
        }
        if msg.edit_date is not None:
            data["edit_date"] = msg.edit_date
        if msg.reply_to_message_id is not None and with_reply:
            replied = self.message(msg.chat_id, msg.reply_to_message_id)
            if replied is not None:
                data["reply_to_message"] = self.message_json(replied, with_reply=False)
        if msg.text is not None:
            data["text"] = msg.text
            if msg.entities:
                data["entities"] = copy.deepcopy(msg.entities)
        stored = self._files.get(msg.file_id) if msg.file_id else None
        if stored is not None:
            if stored.kind == "photo":
                data["photo"] = [self._photo_size(stored)]
            elif stored.kind == "voice":
                data["voice"] = {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "duration": 3,
                    "mime_type": "audio/ogg",
                    "file_size": stored.file_size,
                }
            elif stored.kind == "sticker":
                data["sticker"] = {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "type": "regular",
                    "width": 512,
                    "height": 512,
                    "is_animated": False,
                    "is_video": False,
                    "emoji": "👍",
                    "file_size": stored.file_size,
                }
            else:
                document: dict[str, Any] = {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "file_size": stored.file_size,
                }
                if stored.file_name:
                    document["file_name"] = stored.file_name
                if stored.mime_type:
                    document["mime_type"] = stored.mime_type
                data["document"] = document
        if msg.caption is not None:
            data["caption"] = msg.caption
            if msg.caption_entities:
                data["caption_entities"] = copy.deepcopy(msg.caption_entities)
        if msg.inline_keyboard is not None:
            data["reply_markup"] = copy.deepcopy(msg.reply_markup)
        return data

    def reply_keyboard(self, chat_id: int) -> dict[str, Any] | None:
        """The ReplyKeyboardMarkup currently shown to the user (None if removed/never)."""
        return self._reply_keyboards.get(chat_id)

    def reply_keyboard_buttons(self, chat_id: int) -> list[str]:
        keyboard = self.reply_keyboard(chat_id)
        if not keyboard:
            return []
        return [
            button if isinstance(button, str) else str(button.get("text", ""))
            for row in keyboard.get("keyboard", [])
            for button in row
        ]

    def chat_actions(self, chat_id: int) -> list[str]:
        return list(self._chat_actions.get(chat_id, []))

    def my_commands(
        self,
        scope: dict[str, Any] | None = None,
        language_code: str = "",
    ) -> list[dict[str, Any]]:
        return copy.deepcopy(self._commands.get(self._commands_key(scope, language_code), []))

    def menu_button(self, chat_id: int | None = None) -> dict[str, Any] | None:
        return self._menu_buttons.get(chat_id)

    def file(self, file_id: str) -> StoredFile | None:
        return self._files.get(file_id)

    def file_by_path(self, file_path: str) -> StoredFile | None:
        return self._files_by_path.get(file_path.lstrip("/"))

    def callback(self, callback_id: str) -> CallbackRecord:
        return self._callbacks_by_id[callback_id]

    def unanswered_callbacks(self) -> list[CallbackRecord]:
        return [cb for cb in self.callbacks if not cb.answered]

    @property
    def message_seq(self) -> int:
        """Sequence number of the newest message in any chat (see ``FakeMessage.seq``)."""
        return self._message_seq

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        return copy.deepcopy(self._pending)

    # ------------------------------------------------------------------ updates

    def new_update_id(self) -> int:
        self._update_seq += 1
        return self._update_seq

    def push_update(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates; returns its update_id."""
        update = copy.deepcopy(update)
        if "update_id" not in update:
            update["update_id"] = self.new_update_id()
        update_id = int(update["update_id"])
        bisect.insort(self._pending, update, key=lambda u: int(u["update_id"]))
        self._notify()
        return update_id

    def make_message_update(
        self,
        user: dict[str, Any],
        text: str | None = None,
        *,
        sticker: bool = False,
        photo: bytes | None = None,
        document: FileUpload | tuple[str, bytes] | tuple[str, bytes, str] | None = None,
        voice: bytes | None = None,
    ) -> dict[str, Any]:
        """Record a message typed by ``user`` in their private chat; return the update.

        For photo/document messages ``text`` becomes the caption.  Commands get a
        ``bot_command`` entity covering only the command, like Telegram sends.
        """
        self._register_user(user)
        chat_id = int(user["id"])
        msg = self._new_message(chat_id, from_bot=False, sender=self._user_json(user))
        stored: StoredFile | None = None
        if sticker:
            stored = self._store_file("sticker", b"RIFF\0\0\0\0WEBPVP8 ", "sticker.webp", None)
            msg.sticker = True
        elif photo is not None:
            stored = self._store_file("photo", photo, None, None)
            msg.photo = photo
        elif voice is not None:
            stored = self._store_file("voice", voice, None, None)
            msg.document = voice
        elif document is not None:
            if isinstance(document, tuple):
                upload = FileUpload(
                    content=document[1],
                    filename=document[0],
                    content_type=document[2] if len(document) > 2 else None,
                )
            else:
                upload = document
            stored = self._store_file("document", upload.content, upload.filename, upload)
            msg.document = upload.content
            msg.file_name = stored.file_name
            msg.mime_type = stored.mime_type
        if stored is not None:
            msg.file_id = stored.file_id
            if text is not None:
                msg.caption = text
        elif text is not None:
            msg.text = text
            match = _COMMAND_RE.match(text)
            if match:
                msg.entities = [{"type": "bot_command", "offset": 0, "length": utf16_len(match.group(0))}]
        else:
            raise ValueError("make_message_update needs text, sticker, photo, voice or document")
        return {"update_id": self.new_update_id(), "message": self.message_json(msg)}

    def make_callback_update(
        self,
        user: dict[str, Any],
        message: FakeMessage,
        data: str,
    ) -> dict[str, Any]:
        """Record a button press by ``user`` on ``message``; return the update."""
        self._register_user(user)
        self._callback_seq += 1
        callback_id = str(4_400_000_000_000_000_000 + self._callback_seq)
        record = CallbackRecord(
            id=callback_id,
            user_id=int(user["id"]),
            chat_id=message.chat_id,
            message_id=message.message_id,
            data=data,
            created_at=self.clock(),
        )
        self.callbacks.append(record)
        self._callbacks_by_id[callback_id] = record
        query = {
            "id": callback_id,
            "from": self._user_json(user),
            "message": self.message_json(message),
            "chat_instance": str(-(7_000_000_000_000_000_000 + message.chat_id)),
            "data": data,
        }
        return {"update_id": self.new_update_id(), "callback_query": query}

    def is_processed(self, update_id: int) -> bool:
        return self.confirmed_offset > update_id or update_id in self._dropped_updates

    async def wait_processed(self, update_id: int, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Wait until the bot confirmed ``update_id`` via getUpdates offset.

        With ``handle_as_tasks=False`` polling this means the handler finished.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not self.is_processed(update_id):
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(self._not_processed_report(update_id, timeout))
            await self.wait_for_change(remaining)

    async def wait_for_change(self, timeout: float) -> None:  # noqa: ASYNC109
        """Sleep until the state changes (update pushed, getUpdates, ...) or timeout."""
        event = self._current_event()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)

    def wake_waiters(self) -> None:
        """Wake every coroutine blocked in long polling / waiting for changes."""
        self._notify()

    def _not_processed_report(self, update_id: int, timeout: float) -> str:
        polls = self.requests_for("getUpdates")
        interesting = [r for r in self.requests if r.method.lower() != "getupdates"][-10:]
        lines = [
            f"update {update_id} was not processed within {timeout}s "
            f"(confirmed offset {self.confirmed_offset}, {len(polls)} getUpdates calls, "
            f"pending ids {[u['update_id'] for u in self._pending]}).",
            "Is polling running with handle_as_tasks=False? Did the handler hang?",
            "Last requests:",
        ]
        lines += [f"  {r}" for r in interesting] or ["  (none)"]
        return "\n".join(lines)

    # ------------------------------------------------------------------ dispatch

    def handle(
        self,
        method: str,
        params: Mapping[str, Any],
        files: Mapping[str, bytes | FileUpload] | None = None,
    ) -> Any:
        """Execute one Bot API call; return its ``result`` or raise TelegramApiError.

        getUpdates never waits here (see :meth:`handle_async`).
        """
        return self._dispatch(method, params, files)[1]

    async def handle_async(
        self,
        method: str,
        params: Mapping[str, Any],
        files: Mapping[str, bytes | FileUpload] | None = None,
        *,
        should_stop: Callable[[], bool] | None = None,
    ) -> Any:
        """Like :meth:`handle`, but getUpdates long-polls up to ``timeout`` seconds.

        A newer getUpdates call terminates an older waiting one with 409 Conflict, as
        Telegram does.  ``should_stop`` (checked on every wake-up, see
        :meth:`wake_waiters`) makes a waiting poll return ``[]`` immediately.
        """
        record, result = self._dispatch(method, params, files)
        if method.lower() != "getupdates" or result:
            return result
        timeout = record.params.get("timeout") or 0
        if not isinstance(timeout, int) or timeout <= 0:
            return result
        generation = self._poll_generation
        limit = self._limit(record.params)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if should_stop is not None and should_stop():
                return []
            remaining = deadline - loop.time()
            if remaining <= 0:
                return []
            await self.wait_for_change(remaining)
            if should_stop is not None and should_stop():
                return []
            if self._poll_generation != generation:
                record.outcome = 409
                record.description = CONFLICT
                self.errors.append(record)
                raise TelegramApiError(409, CONFLICT)
            result = self._collect_updates(limit)
            if result:
                record.result = result
                return result

    def _dispatch(
        self,
        method: str,
        params: Mapping[str, Any],
        files: Mapping[str, bytes | FileUpload] | None,
    ) -> tuple[RecordedRequest, Any]:
        key = method.lower()
        entry = self._methods.get(key)
        normalized = normalize_params(params)
        uploads = {
            name: value if isinstance(value, FileUpload) else FileUpload(content=value)
            for name, value in (files or {}).items()
        }
        record = RecordedRequest(
            method=entry[0] if entry else method,
            params=normalized,
            files=uploads,
            timestamp=self.clock(),
        )
        self.requests.append(record)
        try:
            if entry is None:
                raise TelegramApiError(404, "Not Found")
            self._check_injected(key, normalized)
            self._check_rate_limit(key, normalized)
            result = entry[1](normalized, uploads)
        except TelegramApiError as error:
            record.outcome = error.error_code
            record.description = error.description
            record.injected = error.injected
            self.errors.append(record)
            raise
        except Exception as error:
            record.outcome = 500
            record.description = f"fake Telegram crashed: {error!r}"
            self.errors.append(record)
            raise
        record.outcome = "ok"
        record.result = result
        return record, result

    def _check_injected(self, key: str, params: dict[str, Any]) -> None:
        for injected in self._injected:
            if injected.method is None:
                if key in WILDCARD_EXCLUDED_METHODS:
                    continue
            elif injected.method != key:
                continue
            if injected.chat_id is not None and params.get("chat_id") != injected.chat_id:
                continue
            injected.remaining -= 1
            if injected.remaining <= 0:
                self._injected.remove(injected)
            parameters = {"retry_after": injected.retry_after} if injected.retry_after is not None else None
            error = TelegramApiError(injected.error_code, injected.description, parameters)
            error.injected = True
            raise error

    def _check_rate_limit(self, key: str, params: dict[str, Any]) -> None:
        if key not in RATE_LIMITED_METHODS:
            return
        if self._global_rate is None and self._chat_rate is None:
            return
        now = self.clock()
        chat_id = params.get("chat_id")
        retry = 0
        if self._global_rate:
            retry = max(retry, _window_retry(self._global_window, self._global_rate, now))
        if self._chat_rate and isinstance(chat_id, int):
            retry = max(retry, _window_retry(self._chat_windows[chat_id], self._chat_rate, now))
        if retry:
            raise TelegramApiError(429, f"Too Many Requests: retry after {retry}", {"retry_after": retry})
        if self._global_rate:
            self._global_window.append(now)
        if self._chat_rate and isinstance(chat_id, int):
            self._chat_windows[chat_id].append(now)

    # ------------------------------------------------------------------ notifications

    def _current_event(self) -> asyncio.Event:
        loop = asyncio.get_running_loop()
        if self._event is None or self._event_loop is not loop:
            self._event = asyncio.Event()
            self._event_loop = loop
        return self._event

    def _notify(self) -> None:
        if self._event is not None:
            self._event.set()
        self._event = None
        self._event_loop = None

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _user_json(user: dict[str, Any]) -> dict[str, Any]:
        data = {"is_bot": False, **user}
        return {k: v for k, v in data.items() if v is not None}

    def _register_user(self, user: dict[str, Any]) -> None:
        self.add_chat(user)
        self._blocked.discard(int(user["id"]))

    def _chat_json(self, chat_id: int) -> dict[str, Any]:
        return self._chats.get(chat_id) or {"id": chat_id, "type": "private", "first_name": "?"}

    def _new_message(self, chat_id: int, *, from_bot: bool, sender: dict[str, Any]) -> FakeMessage:
        message_id = self._next_message_id[chat_id]
        self._next_message_id[chat_id] = message_id + 1
        self._message_seq += 1
        msg = FakeMessage(
            message_id=message_id,
            chat_id=chat_id,
            from_bot=from_bot,
            date=int(time.time()),
            sender=sender,
            seq=self._message_seq,
        )
        self._messages[chat_id].append(msg)
        self._notify()
        return msg

    def _resolve_chat(self, params: dict[str, Any], *, check_blocked: bool = True) -> int:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise _bad("chat_id is empty")
        if isinstance(raw, bool) or not isinstance(raw, int) or raw not in self._chats:
            raise _bad("chat not found")
        if check_blocked and raw in self._blocked:
            raise TelegramApiError(403, BLOCKED)
        return raw

    def _find_message(self, chat_id: int, params: dict[str, Any], not_found: str) -> FakeMessage:
        message_id = params.get("message_id")
        if message_id is None or message_id == "":
            raise _bad("message identifier is not specified")
        if not isinstance(message_id, int):
            raise _bad(not_found)
        msg = self.message(chat_id, message_id)
        if msg is None or msg.deleted:
            raise _bad(not_found)
        return msg

    def _format(
        self,
        text: str,
        parse_mode: Any,
        entities: Any,
    ) -> tuple[str, list[dict[str, Any]]]:
        if entities not in (None, "", []):
            if not isinstance(entities, list):
                raise _bad("can't parse entities JSON object")
            checked: list[dict[str, Any]] = []
            for entity in entities:
                if (
                    not isinstance(entity, dict)
                    or not isinstance(entity.get("type"), str)
                    or not isinstance(entity.get("offset"), int)
                    or not isinstance(entity.get("length"), int)
                ):
                    raise _bad("can't parse MessageEntity: wrong entity object")
                checked.append(dict(entity))
            return _trim(text, checked)
        if parse_mode:
            mode = str(parse_mode).lower()
            if mode == "html":
                try:
                    plain, parsed = parse_html(text)
                except HtmlError as error:
                    raise TelegramApiError(400, error.description) from None
                return _trim(plain, parsed)
            if mode in {"markdown", "markdownv2"}:
                raise _bad(
                    "unsupported parse_mode (the fake Telegram implements only HTML; "
                    "extend tests/fakes if the bot needs Markdown)"
                )
            raise _bad("unsupported parse_mode")
        return _trim(text, [])

    def _parse_markup(self, raw: Any, *, inline_only: bool = False) -> dict[str, Any] | None:
        if raw is None or raw == "":
            return None
        if not isinstance(raw, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        markup = copy.deepcopy(raw)
        if "inline_keyboard" in markup:
            self._check_inline_keyboard(markup["inline_keyboard"])
            return markup
        if inline_only:
            raise _bad("inline keyboard expected")
        if "keyboard" in markup:
            rows = markup["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise _bad('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays')
            for row in rows:
                for button in row:
                    text = button if isinstance(button, str) else None
                    if isinstance(button, dict):
                        text = button.get("text")
                    if not isinstance(text, str):
                        raise _bad(
                            "can't parse keyboard button: KeyboardButton must be a String or an Object"
                        )
                    if not text.strip():
                        raise _bad("BUTTON_TEXT_INVALID")
            return markup
        if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
            return markup
        raise _bad("can't parse reply keyboard markup JSON object")

    @staticmethod
    def _check_inline_keyboard(rows: Any) -> None:
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            raise _bad('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays')
        total = 0
        for row in rows:
            for button in row:
                total += 1
                if not isinstance(button, dict):
                    raise _bad("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
                text = button.get("text")
                if not isinstance(text, str):
                    raise _bad('can\'t parse inline keyboard button: Field "text" must be of type String')
                actions = [
                    name
                    for name in INLINE_ACTION_FIELDS
                    if name in button
                    and button[name] is not None
                    and not (name in {"url", "callback_data"} and button[name] == "")
                    and button[name] is not False
                ]
                if not actions:
                    raise _bad(
                        "can't parse inline keyboard button: "
                        "Text buttons are unallowed in the inline keyboard"
                    )
                if len(actions) > 1:
                    raise _bad(
                        "can't parse inline keyboard button: exactly one of the optional "
                        f"fields must be used, got {actions} (the fake Telegram is strict here)"
                    )
                if not text.strip():
                    raise _bad("BUTTON_TEXT_INVALID")
                if "callback_data" in actions:
                    data = button["callback_data"]
                    if not isinstance(data, str) or len(data.encode("utf-8")) > MAX_CALLBACK_DATA_BYTES:
                        raise _bad("BUTTON_DATA_INVALID")
                if "url" in actions:
                    url = button["url"]
                    if not isinstance(url, str) or not _BUTTON_URL_RE.match(url):
                        raise _bad("BUTTON_URL_INVALID")
        if total > MAX_INLINE_BUTTONS:
            raise _bad("reply markup is too long")

    def _remember_reply_keyboard(self, chat_id: int, markup: dict[str, Any] | None) -> None:
        if markup is None:
            return
        if "keyboard" in markup:
            self._reply_keyboards[chat_id] = copy.deepcopy(markup)
        elif markup.get("remove_keyboard") is True:
            self._reply_keyboards[chat_id] = None

    def _reply_to(self, chat_id: int, params: dict[str, Any]) -> int | None:
        reply = params.get("reply_parameters")
        allow_missing = bool(params.get("allow_sending_without_reply"))
        message_id: Any = params.get("reply_to_message_id")
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            allow_missing = allow_missing or bool(reply.get("allow_sending_without_reply"))
        if message_id in (None, ""):
            return None
        msg = self.message(chat_id, message_id) if isinstance(message_id, int) else None
        if msg is None or msg.deleted:
            if allow_missing:
                return None
            raise _bad("message to be replied not found")
        return msg.message_id

    @staticmethod
    def _check_text(text: Any) -> str:
        if text is None or text == "":
            raise _bad("message text is empty")
        return str(text)

    def _next_file_ids(self, kind: str) -> tuple[str, str, int]:
        self._file_seq += 1
        prefix = {"photo": "AgACAgIAAxkBAAI", "sticker": "CAACAgIAAxkBAAI"}.get(kind, "BQACAgIAAxkBAAI")
        n = self._file_seq
        return f"{prefix}{n:08d}fake", f"AQAD{n:06d}fake", n

    def _store_file(
        self,
        kind: str,
        content: bytes,
        filename: str | None,
        upload: FileUpload | None,
        source_url: str | None = None,
    ) -> StoredFile:
        file_id, unique_id, n = self._next_file_ids(kind)
        mime: str | None = None
        if kind == "document":
            guessed = mimetypes.guess_type(filename or "")[0]
            declared = upload.content_type if upload else None
            if declared in {"application/octet-stream", ""}:
                declared = None
            mime = guessed or declared or "application/octet-stream"
        ext = ""
        if filename and "." in filename:
            ext = "." + filename.rsplit(".", 1)[1]
        elif kind == "photo":
            ext = ".jpg"
        folder = {"photo": "photos", "sticker": "stickers"}.get(kind, "documents")
        stored = StoredFile(
            file_id=file_id,
            file_unique_id=unique_id,
            kind=kind,
            content=content,
            file_name=filename if kind == "document" else None,
            mime_type=mime,
            file_path=f"{folder}/file_{n}{ext}",
            source_url=source_url,
        )
        self._files[file_id] = stored
        self._files_by_path[stored.file_path] = stored
        return stored

    def _input_file(
        self,
        params: dict[str, Any],
        files: dict[str, FileUpload],
        field_name: str,
        kind: str,
    ) -> StoredFile:
        raw = params.get(field_name)
        upload: FileUpload | None = None
        if isinstance(raw, str) and raw.startswith("attach://"):
            upload = files.get(raw.removeprefix("attach://"))
            if upload is None:
                raise _bad(f'file "{raw}" not found')
        elif raw in (None, "") and field_name in files:
            upload = files[field_name]
        if upload is not None:
            if not upload.content:
                raise _bad("file must be non-empty")
            if kind == "photo" and not _is_image(upload.content):
                raise _bad("IMAGE_PROCESS_FAILED")
            if len(upload.content) > MAX_DOCUMENT_SIZE:
                raise TelegramApiError(413, "Request Entity Too Large")
            return self._store_file(kind, upload.content, upload.filename, upload)
        if raw in (None, ""):
            raise _bad(f"there is no {field_name} in the request")
        if isinstance(raw, str):
            if raw in self._files:
                stored = self._files[raw]
                if {stored.kind, kind} == {"photo", "document"}:
                    # A picture's file_id sent as a document (or the other way round).
                    raise _bad("type of file mismatch")
                return stored
            if re.match(r"^https?://\S+$", raw):
                # The fake cannot download it; keep a contentless file.
                name = raw.rsplit("/", 1)[-1] or None
                return self._store_file(kind, b"", name, None, source_url=raw)
        raise _bad("wrong file identifier/HTTP URL specified")

    @staticmethod
    def _photo_size(stored: StoredFile) -> dict[str, Any]:
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "width": 800,
            "height": 600,
            "file_size": stored.file_size,
        }

    @staticmethod
    def _limit(params: dict[str, Any]) -> int:
        limit = params.get("limit")
        if not isinstance(limit, int) or limit <= 0:
            return 100
        return min(limit, 100)

    @staticmethod
    def _update_type(update: dict[str, Any]) -> str:
        for key in update:
            if key != "update_id":
                return key
        return ""

    def _collect_updates(self, limit: int) -> list[dict[str, Any]]:
        allowed = self._allowed_updates
        kept: list[dict[str, Any]] = []
        dropped = False
        for update in self._pending:
            kind = self._update_type(update)
            deliverable = kind not in DEFAULT_EXCLUDED_UPDATES if allowed is None else kind in allowed
            if deliverable:
                kept.append(update)
            else:
                # Telegram never delivers update types the bot did not ask for.
                self._dropped_updates.add(int(update["update_id"]))
                dropped = True
        if dropped:
            self._pending = kept
            self._notify()
        return copy.deepcopy(kept[:limit])

    def _commands_key(self, scope: Any, language_code: Any) -> tuple[str, str]:
        if not isinstance(scope, dict):
            scope = {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(language_code or "")

    # ------------------------------------------------------------------ methods

    def _true(self, params: dict[str, Any], files: dict[str, FileUpload]) -> bool:
        return True

    def _get_me(self, params: dict[str, Any], files: dict[str, FileUpload]) -> dict[str, Any]:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _get_updates(self, params: dict[str, Any], files: dict[str, FileUpload]) -> list[dict[str, Any]]:
        self._poll_generation += 1
        offset = params.get("offset")
        if isinstance(offset, int) and offset != 0:
            if offset > 0:
                self.confirmed_offset = max(self.confirmed_offset, offset)
                self._pending = [u for u in self._pending if int(u["update_id"]) >= offset]
            else:
                self._pending = self._pending[offset:]
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) if allowed else None
        self._notify()
        return self._collect_updates(self._limit(params))

    def _send_message(self, params: dict[str, Any], files: dict[str, FileUpload]) -> dict[str, Any]:
        raw_text = self._check_text(params.get("text"))
        text, entities = self._format(raw_text, params.get("parse_mode"), params.get("entities"))
        if not text:
            raise _bad("message must be non-empty")
        markup = self._parse_markup(params.get("reply_markup"))
        chat_id = self._resolve_chat(params)
        if utf16_len(text) > MAX_TEXT_LENGTH:
            raise _bad("message is too long")
        reply_to = self._reply_to(chat_id, params)
        msg = self._new_message(chat_id, from_bot=True, sender=self.bot_user)
        msg.text, msg.html, msg.entities = text, raw_text, entities
        msg.reply_markup = markup
        msg.reply_to_message_id = reply_to
        self._remember_reply_keyboard(chat_id, markup)
        return self.message_json(msg)

    def _send_media(
        self,
        params: dict[str, Any],
        files: dict[str, FileUpload],
        field_name: str,
    ) -> dict[str, Any]:
        raw_caption = params.get("caption")
        caption: str | None = None
        caption_entities: list[dict[str, Any]] = []
        if raw_caption not in (None, ""):
            caption, caption_entities = self._format(
                str(raw_caption), params.get("parse_mode"), params.get("caption_entities")
            )
            if utf16_len(caption) > MAX_CAPTION_LENGTH:
                raise _bad("message caption is too long")
        markup = self._parse_markup(params.get("reply_markup"))
        chat_id = self._resolve_chat(params)
        stored = self._input_file(params, files, field_name, field_name)
        reply_to = self._reply_to(chat_id, params)
        msg = self._new_message(chat_id, from_bot=True, sender=self.bot_user)
        msg.file_id = stored.file_id
        if field_name == "photo":
            msg.photo = stored.content
        else:
            msg.document = stored.content
            msg.file_name = stored.file_name
            msg.mime_type = stored.mime_type
        msg.caption = caption or None
        msg.caption_entities = caption_entities
        msg.html = str(raw_caption) if raw_caption not in (None, "") else None
        msg.reply_markup = markup
        msg.reply_to_message_id = reply_to
        self._remember_reply_keyboard(chat_id, markup)
        return self.message_json(msg)

    def _send_photo(self, params: dict[str, Any], files: dict[str, FileUpload]) -> dict[str, Any]:
        return self._send_media(params, files, "photo")

    def _send_document(self, params: dict[str, Any], files: dict[str, FileUpload]) -> dict[str, Any]:
        return self._send_media(params, files, "document")

    def _send_voice(self, params: dict[str, Any], files: dict[str, FileUpload]) -> dict[str, Any]:
        return self._send_media(params, files, "voice")

    def _check_not_inline(self, params: dict[str, Any]) -> None:
        if params.get("inline_message_id"):
            raise _bad("the fake Telegram does not support inline_message_id")

    def _edit_message_text(self, params: dict[str, Any], files: dict[str, FileUpload]) -> dict[str, Any]:
        self._check_not_inline(params)
        raw_text = self._check_text(params.get("text"))
        text, entities = self._format(raw_text, params.get("parse_mode"), params.get("entities"))
        if not text:
            raise _bad("message must be non-empty")
        markup = self._parse_markup(params.get("reply_markup"), inline_only=True)
        chat_id = self._resolve_chat(params)
        msg = self._find_message(chat_id, params, "message to edit not found")
        if not msg.from_bot:
            raise _bad("message can't be edited")
        if msg.text is None:
            raise _bad("there is no text in the message to edit")
        if utf16_len(text) > MAX_TEXT_LENGTH:
            raise _bad("message is too long")
        if text == msg.text and entities == msg.entities and markup == msg.inline_keyboard_markup():
            raise TelegramApiError(400, NOT_MODIFIED)
        msg.text, msg.html, msg.entities = text, raw_text, entities
        self._mark_edited(msg, markup)
        return self.message_json(msg)

    def _edit_message_caption(self, params: dict[str, Any], files: dict[str, FileUpload]) -> dict[str, Any]:
        self._check_not_inline(params)
        raw_caption = params.get("caption")
        caption: str | None = None
        entities: list[dict[str, Any]] = []
        if raw_caption not in (None, ""):
            caption, entities = self._format(
                str(raw_caption), params.get("parse_mode"), params.get("caption_entities")
            )
            if utf16_len(caption) > MAX_CAPTION_LENGTH:
                raise _bad("message caption is too long")
        markup = self._parse_markup(params.get("reply_markup"), inline_only=True)
        chat_id = self._resolve_chat(params)
        msg = self._find_message(chat_id, params, "message to edit not found")
        if not msg.from_bot:
            raise _bad("message can't be edited")
        if msg.file_id is None:
            raise _bad("there is no caption in the message to edit")
        caption = caption or None
        if (
            caption == msg.caption
            and entities == msg.caption_entities
            and markup == msg.inline_keyboard_markup()
        ):
            raise TelegramApiError(400, NOT_MODIFIED)
        msg.caption, msg.caption_entities = caption, entities
        msg.html = str(raw_caption) if caption else None
        self._mark_edited(msg, markup)
        return self.message_json(msg)

    def _edit_message_reply_markup(
        self, params: dict[str, Any], files: dict[str, FileUpload]
    ) -> dict[str, Any]:
        self._check_not_inline(params)
        markup = self._parse_markup(params.get("reply_markup"), inline_only=True)
        chat_id = self._resolve_chat(params)
        msg = self._find_message(chat_id, params, "message to edit not found")
        if not msg.from_bot:
            raise _bad("message can't be edited")
        if markup == msg.inline_keyboard_markup():
            raise TelegramApiError(400, NOT_MODIFIED)
        self._mark_edited(msg, markup)
        return self.message_json(msg)

    def _mark_edited(self, msg: FakeMessage, markup: dict[str, Any] | None) -> None:
        msg.reply_markup = markup
        msg.edit_count += 1
        msg.edit_date = int(time.time())
        self._notify()

    def _delete_message(self, params: dict[str, Any], files: dict[str, FileUpload]) -> bool:
        chat_id = self._resolve_chat(params, check_blocked=False)
        msg = self._find_message(chat_id, params, "message to delete not found")
        msg.deleted = True
        self._notify()
        return True

    def _answer_callback_query(self, params: dict[str, Any], files: dict[str, FileUpload]) -> bool:
        callback_id = params.get("callback_query_id")
        record = self._callbacks_by_id.get(str(callback_id)) if callback_id else None
        if record is None or record.answered or self.clock() - record.created_at > self.callback_timeout:
            raise _bad(QUERY_TOO_OLD.removeprefix("Bad Request: "))
        text = params.get("text")
        if isinstance(text, str) and utf16_len(text) > MAX_CALLBACK_ANSWER_LENGTH:
            raise _bad("MESSAGE_TOO_LONG")
        record.answered = True
        record.answered_at = self.clock()
        record.answer = {k: v for k, v in params.items() if k != "callback_query_id"}
        return True

    def _send_chat_action(self, params: dict[str, Any], files: dict[str, FileUpload]) -> bool:
        action = params.get("action")
        if action in (None, ""):
            raise _bad("action is empty")
        if action not in CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        chat_id = self._resolve_chat(params)
        self._chat_actions[chat_id].append(str(action))
        return True

    def _get_file(self, params: dict[str, Any], files: dict[str, FileUpload]) -> dict[str, Any]:
        stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise _bad("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": stored.file_size,
            "file_path": stored.file_path,
        }

    def _set_my_commands(self, params: dict[str, Any], files: dict[str, FileUpload]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad("can't parse commands JSON object")
        if len(commands) > 100:
            raise _bad("BOT_COMMANDS_TOO_MUCH")
        cleaned: list[dict[str, Any]] = []
        for command in commands:
            if not isinstance(command, dict):
                raise _bad("can't parse BotCommand: BotCommand must be an Object")
            name = command.get("command")
            description = command.get("description")
            if not isinstance(name, str) or not _BOT_COMMAND_RE.match(name):
                raise _bad("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": name, "description": description})
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        if cleaned:
            self._commands[key] = cleaned
        else:
            self._commands.pop(key, None)
        return True

    def _get_my_commands(self, params: dict[str, Any], files: dict[str, FileUpload]) -> list[dict[str, Any]]:
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        return copy.deepcopy(self._commands.get(key, []))

    def _delete_my_commands(self, params: dict[str, Any], files: dict[str, FileUpload]) -> bool:
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        self._commands.pop(key, None)
        return True

    def _delete_webhook(self, params: dict[str, Any], files: dict[str, FileUpload]) -> bool:
        if params.get("drop_pending_updates"):
            self._dropped_updates.update(int(u["update_id"]) for u in self._pending)
            self._pending = []
            self._notify()
        return True

    def _get_webhook_info(self, params: dict[str, Any], files: dict[str, FileUpload]) -> dict[str, Any]:
        return {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }

    def _set_chat_menu_button(self, params: dict[str, Any], files: dict[str, FileUpload]) -> bool:
        chat_id: int | None = None
        if params.get("chat_id") not in (None, ""):
            chat_id = self._resolve_chat(params, check_blocked=False)
        button = params.get("menu_button")
        if button in (None, ""):
            button = {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in {
            "commands",
            "web_app",
            "default",
        }:
            raise _bad("can't parse menu button JSON object")
        self._menu_buttons[chat_id] = copy.deepcopy(button)
        return True

    def _get_chat_menu_button(self, params: dict[str, Any], files: dict[str, FileUpload]) -> dict[str, Any]:
        chat_id = params.get("chat_id")
        key = chat_id if isinstance(chat_id, int) else None
        button = self._menu_buttons.get(key) or self._menu_buttons.get(None)
        return copy.deepcopy(button) if button else {"type": "commands"}

"""Test doubles: a fake Telegram Bot API (HTTP server and in-process session)."""

from tests.fakes.client import TgUser, feed_deliver, http_deliver, make_user, tiny_png
from tests.fakes.html import HtmlError, parse_html, utf16_len
from tests.fakes.server import FakeBotApiServer
from tests.fakes.session import FakeSession
from tests.fakes.telegram import (
    FakeMessage,
    FakeTelegram,
    FileUpload,
    RecordedRequest,
    TelegramApiError,
)

__all__ = [
    "FakeBotApiServer",
    "FakeMessage",
    "FakeSession",
    "FakeTelegram",
    "FileUpload",
    "HtmlError",
    "RecordedRequest",
    "TelegramApiError",
    "TgUser",
    "feed_deliver",
    "http_deliver",
    "make_user",
    "parse_html",
    "tiny_png",
    "utf16_len",
]

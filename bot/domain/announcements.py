"""Announcements: free-form news from the methodical service to an audience (seed 002 §1: new
normative documents, course schedules, literature, contests, grants, news) — what staff may type
(the text, a link button), the limits Telegram sets, and an announcement's life.

An announcement is a draft until it is sent now or scheduled; a scheduled one is sent by a job
that claims it atomically (several processes may run). The text is kept as the person typed it
and escaped when it is shown.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

from bot.domain.events import has_control


class AnnouncementStatus(StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"  # waits for `send_at`; the job sends it
    SENT = "sent"  # its broadcast is queued (it may still be sending, or have been stopped)


class Attachment(StrEnum):
    PHOTO = "photo"
    DOCUMENT = "document"


# Telegram counts a message's length in UTF-16 code units: 4096 for a text, 1024 for a caption.
# The header the bot puts above the text takes the rest.
TEXT_MAX = 3500
CAPTION_TEXT_MAX = 950
BUTTONS_MAX = 5
LABEL_MAX = 40
URL_MAX = 500

# Direction overrides and isolates: they make a text (or a link) read other than it is.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")


class TextProblem(StrEnum):
    EMPTY = "empty"
    CONTROL = "control"  # invisible control or direction characters
    LONG = "long"


class ButtonProblem(StrEnum):
    FORMAT = "format"  # no label, or no link, or two links
    LABEL = "label"  # too long, or with control characters
    INSECURE = "insecure"  # http:// — a button opens https only
    URL = "url"  # not a web address (spaces, no host, a login in it, too long)
    MANY = "many"


def utf16_len(text: str) -> int:
    """The length Telegram counts."""
    return len(text.encode("utf-16-le")) // 2


def _hostile(text: str, *, lines: bool) -> bool:
    return has_control(text, lines=lines) or any(ch in BIDI_CONTROLS for ch in text)


def text_limit(with_file: bool) -> int:
    return CAPTION_TEXT_MAX if with_file else TEXT_MAX


def read_text(text: str, *, with_file: bool) -> str:
    """The announcement's text as typed (trimmed). Raises ValueError(TextProblem)."""
    text = text.strip()
    if not text:
        raise ValueError(TextProblem.EMPTY)
    if _hostile(text, lines=True):
        raise ValueError(TextProblem.CONTROL)
    if utf16_len(text) > text_limit(with_file):
        raise ValueError(TextProblem.LONG)
    return text


def fits_caption(text: str) -> bool:
    return utf16_len(text) <= CAPTION_TEXT_MAX


@dataclass(frozen=True, slots=True)
class LinkButton:
    """A button under the announcement that opens a web page."""

    text: str
    url: str

    def to_json(self) -> dict[str, str]:
        return {"text": self.text, "url": self.url}

    @classmethod
    def from_json(cls, raw: Any) -> LinkButton | None:
        if isinstance(raw, dict) and isinstance(raw.get("text"), str) and isinstance(raw.get("url"), str):
            return cls(raw["text"], raw["url"])
        return None


def buttons_of(raw: Any) -> list[LinkButton]:
    found = [LinkButton.from_json(item) for item in raw] if isinstance(raw, list) else []
    return [b for b in found if b is not None]


def is_safe_url(url: str) -> bool:
    """An https address of a real host: no spaces or control characters, no login in it (the
    «https://gosuslugi.ru@example.com» trick), a dotted host name, at most URL_MAX characters."""
    if not url.lower().startswith("https://") or len(url) > URL_MAX:
        return False
    if any(ch.isspace() for ch in url) or _hostile(url, lines=False):
        return False
    if any(unicodedata.category(ch) == "Cf" for ch in url):
        return False
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        return False
    if "@" in parts.netloc or not port_ok:
        return False
    labels = host.split(".")
    return len(labels) >= 2 and all(labels) and not host.replace(".", "").isdigit()


SEPARATORS = " \t—–-:|"


def read_button(text: str) -> LinkButton:
    """«Положение о конкурсе https://example.org/p.pdf» (or the two on separate lines, or with
    « — » between them) → a button. Raises ValueError(ButtonProblem)."""
    words = text.split()
    links = [w for w in words if w.lower().startswith(("http://", "https://"))]
    if len(links) != 1:
        raise ValueError(ButtonProblem.FORMAT)
    url = links[0]
    at = words.index(url)
    label = " ".join(words[:at] + words[at + 1 :]).strip(SEPARATORS)
    label = " ".join(label.split())
    if not label:
        raise ValueError(ButtonProblem.FORMAT)
    if len(label) > LABEL_MAX or _hostile(label, lines=False):
        raise ValueError(ButtonProblem.LABEL)
    if url.lower().startswith("http://"):
        raise ValueError(ButtonProblem.INSECURE)
    if not is_safe_url(url):
        raise ValueError(ButtonProblem.URL)
    return LinkButton(label, url)


def headline(text: str) -> str:
    """The first line that says something: what a list shows of an announcement."""
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())
    return ""

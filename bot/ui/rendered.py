"""What Telegram keeps of a message — text, formatting, buttons — so an edit that changes nothing
is never asked for.

Telegram refuses such an edit ("400 message is not modified"). A screen (our HTML and keyboard) is
turned into what Telegram would store — the text without tags and with whitespace trimmed, the
formatting as ranges in UTF-16 code units, the keyboard as JSON — and compared with the message a
button belongs to. Entities Telegram finds in the text itself (links, @mentions, /commands) follow
from the text, so only the formatting we asked for is compared; it is compared character by
character, so two adjacent bold runs equal one longer run.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from itertools import pairwise
from typing import Any

from aiogram.types import InlineKeyboardMarkup, Message, MessageEntity

_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
}
# Entities that come from markup; the others Telegram detects in the text.
FORMATTING = frozenset({*_TAGS.values(), "text_mention", "expandable_blockquote"})
_TRIM = " \t\r\n\v\f"

# A style: (entity type, its argument — a link's URL, a pre's language, a user id, an emoji id).
Style = tuple[str, str]
Span = tuple[int, int, Style]
# Maximal runs of equal formatting: (start, end, styles), in UTF-16 code units.
Runs = tuple[tuple[int, int, frozenset[Style]], ...]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True, slots=True)
class Rendered:
    """A message's content as Telegram compares it."""

    text: str
    runs: Runs
    markup: Any  # the inline keyboard as JSON; None without buttons


class _Parser(HTMLParser):
    """Telegram's HTML: the text, and each formatting tag as a span with its argument."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.at = 0
        self.open: list[tuple[str, str, str, int]] = []  # tag, entity type, argument, start
        self.spans: list[Span] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        kind, argument = _TAGS.get(tag, ""), ""
        if tag == "a":
            argument = values.get("href", "").strip()
            if argument.lower().startswith("tg://user?id="):
                kind, argument = "text_mention", argument.split("=", 1)[1]
        elif tag == "code":
            argument = values.get("class", "").removeprefix("language-")
        elif tag == "blockquote" and "expandable" in values:
            kind = "expandable_blockquote"
        elif tag == "tg-emoji":
            argument = values.get("emoji-id", "")
        self.open.append((tag, kind, argument, self.at))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                _tag, kind, argument, start = self.open.pop(index)
                if kind and self.at > start:
                    self.spans.append((start, self.at, (kind, argument)))
                return

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        self.at += utf16_len(data)


def _pre_languages(spans: list[Span]) -> list[Span]:
    """`<pre><code class="language-x">` is one pre entity with language x; a lone code's class
    means nothing to Telegram."""
    pre_ranges = {(start, end) for start, end, (kind, _arg) in spans if kind == "pre"}
    languages = {
        (start, end): arg
        for start, end, (kind, arg) in spans
        if kind == "code" and (start, end) in pre_ranges
    }
    result: list[Span] = []
    for start, end, (kind, arg) in spans:
        if kind == "code":
            if (start, end) in pre_ranges:
                continue
            arg = ""
        elif kind == "pre":
            arg = languages.get((start, end), "")
        result.append((start, end, (kind, arg)))
    return result


def _trim(text: str, spans: list[Span]) -> tuple[str, list[Span]]:
    """Telegram drops leading and trailing whitespace; formatting moves with the text."""
    stripped = text.strip(_TRIM)
    lead = utf16_len(text[: len(text) - len(text.lstrip(_TRIM))])
    size = utf16_len(stripped)
    moved = [(max(0, s - lead), min(size, e - lead), style) for s, e, style in spans]
    return stripped, [(s, e, style) for s, e, style in moved if e > s]


def _runs(spans: Iterable[Span]) -> Runs:
    """Sweep the edges once: the styles active between two edges, equal neighbours merged."""
    starts: dict[int, list[Style]] = {}
    ends: dict[int, list[Style]] = {}
    for start, end, style in spans:
        starts.setdefault(start, []).append(style)
        ends.setdefault(end, []).append(style)
    active: Counter[Style] = Counter()
    runs: list[tuple[int, int, frozenset[Style]]] = []
    edges = sorted(starts.keys() | ends.keys())
    for here, there in pairwise(edges):
        active.subtract(ends.get(here, ()))
        active.update(starts.get(here, ()))
        styles = frozenset(style for style, count in active.items() if count > 0)
        if not styles:
            continue
        if runs and runs[-1][1] == here and runs[-1][2] == styles:
            runs[-1] = (runs[-1][0], there, styles)
        else:
            runs.append((here, there, styles))
    return tuple(runs)


def _markup(markup: Any) -> Any:
    if not isinstance(markup, InlineKeyboardMarkup) or not any(markup.inline_keyboard):
        return None
    return markup.model_dump(mode="json", exclude_none=True)


def render(html: str, markup: InlineKeyboardMarkup | None) -> Rendered:
    """A screen we would send (HTML parse mode), as Telegram would store it."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    text, spans = _trim("".join(parser.parts), _pre_languages(parser.spans))
    return Rendered(text, _runs(spans), _markup(markup))


def _entity_style(entity: MessageEntity) -> Style:
    if entity.type == "text_link":
        return entity.type, entity.url or ""
    if entity.type == "pre":
        return entity.type, entity.language or ""
    if entity.type == "text_mention":
        return entity.type, str(entity.user.id) if entity.user else ""
    if entity.type == "custom_emoji":
        return entity.type, entity.custom_emoji_id or ""
    return entity.type, ""


def stored(message: Message) -> Rendered | None:
    """What a text message holds now; None for a message without text (a photo, a file)."""
    if message.text is None:
        return None
    spans = [
        (e.offset, e.offset + e.length, _entity_style(e))
        for e in message.entities or ()
        if e.type in FORMATTING
    ]
    return Rendered(message.text, _runs(spans), _markup(message.reply_markup))


def digest(content: Rendered) -> str:
    """A short fingerprint of a message's content: what is kept of our edits between processes."""
    runs = [[start, end, sorted(styles)] for start, end, styles in content.runs]
    raw = json.dumps([content.text, runs, content.markup], ensure_ascii=False, sort_keys=True)
    return hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()

"""Telegram-compatible HTML parser used by the fake Bot API.

The parser follows the algorithm of TDLib (``td/telegram/MessageEntity.cpp``,
``parse_html``) which is what the real Bot API server runs, including the wording of
its error messages and the *byte* offsets they report.  It is deliberately **stricter**
than Telegram in a couple of places so that tests catch unescaped user input:

* every ``&`` in text must start one of ``&lt; &gt; &amp; &quot;`` or a numeric
  reference ``&#NN;`` / ``&#xHH;`` *terminated by* ``;`` (Telegram silently keeps an
  undecodable ``&`` as a literal character);
* ``<a>`` requires an ``href`` attribute (Telegram falls back to the link text).

Inside quoted attribute values the lenient Telegram behaviour is kept (``&`` that does
not start an entity stays literal), because URLs with query strings are common there.

Offsets and lengths of the returned entities are measured in UTF-16 code units, like
in the Bot API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = [
    "ALLOWED_TAGS",
    "HtmlError",
    "parse_html",
    "utf16_len",
]

ERROR_PREFIX = "Bad Request: can't parse entities: "

ALLOWED_TAGS = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)

_SIMPLE_TYPES = {
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
}

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_SPACES = frozenset(" \t\r\n\v\f\0")
_URL_RE = re.compile(r"^(?:https?|tg|ton)://\S+$", re.IGNORECASE)
_BARE_DOMAIN_RE = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:[/?#]\S*)?$", re.IGNORECASE)
_TG_USER_RE = re.compile(r"^tg://user\?id=(\d+)$", re.IGNORECASE)


class HtmlError(ValueError):
    """Entity parsing failed; ``description`` is the full Bot API error description."""

    def __init__(self, description: str) -> None:
        super().__init__(description)
        self.description = description

    @property
    def reason(self) -> str:
        """The description without the ``Bad Request: can't parse entities:`` prefix."""
        return self.description.removeprefix(ERROR_PREFIX)


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (how Telegram measures text)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _OpenTag:
    name: str
    argument: str
    utf16_offset: int
    byte_offset: int
    order: int = 0


def _error(reason: str) -> HtmlError:
    return HtmlError(ERROR_PREFIX + reason)


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8", errors="surrogatepass"))


def _decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode the character reference starting at ``text[pos] == "&"``.

    Returns ``(character, end_index_after_reference)`` or ``None`` if TDLib would not
    decode it.  ``;`` is optional here, as in TDLib.
    """
    n = len(text)
    end = pos + 1
    if end < n and text[end] == "#":
        end += 1
        value = 0
        digits = 0
        if end < n and text[end] in "xX":
            end += 1
            while end < n and text[end] in "0123456789abcdefABCDEF":
                value = value * 16 + int(text[end], 16)
                end += 1
                digits += 1
                if value >= 0x10FFFF:
                    return None
        else:
            while end < n and text[end].isascii() and text[end].isdigit():
                value = value * 10 + int(text[end])
                end += 1
                digits += 1
                if value >= 0x10FFFF:
                    return None
        if digits == 0 or value == 0 or 0xD800 <= value <= 0xDFFF:
            return None
        char = chr(value)
    else:
        while end < n and text[end].isascii() and text[end].isalpha():
            end += 1
        name = text[pos + 1 : end]
        if name not in _NAMED_ENTITIES:
            return None
        char = _NAMED_ENTITIES[name]
    if end < n and text[end] == ";":
        end += 1
    return char, end


def _decode_text_entity_strict(text: str, pos: int) -> tuple[str, int]:
    decoded = _decode_entity(text, pos)
    if decoded is not None and text[decoded[1] - 1] == ";":
        return decoded
    offset = _byte_offset(text, pos)
    if decoded is not None:
        raise _error(
            f'HTML entity "{text[pos : decoded[1]]}" at byte offset {offset} must be '
            'terminated with ";" (the fake Telegram is stricter than the real one)'
        )
    match = re.match(r"&#?[A-Za-z0-9]{1,32};", text[pos:])
    if match:
        raise _error(
            f'Unsupported HTML entity "{match.group(0)}" at byte offset {offset}; '
            "only &lt; &gt; &amp; &quot; and numeric references are supported"
        )
    raise _error(
        f'Unescaped "&" at byte offset {offset}: use "&amp;" (the fake Telegram is '
        "stricter than the real one to catch unescaped text)"
    )


def _normalize_url(url: str) -> str | None:
    url = url.strip()
    if _URL_RE.match(url):
        return url
    if _BARE_DOMAIN_RE.match(url):
        return "http://" + url
    return None


def _link_entity(url: str, offset: int, length: int) -> dict[str, Any] | None:
    user_match = _TG_USER_RE.match(url.strip())
    if user_match:
        user = {"id": int(user_match.group(1)), "is_bot": False, "first_name": ""}
        return {"type": "text_mention", "offset": offset, "length": length, "user": user}
    normalized = _normalize_url(url)
    if normalized is None:
        # Telegram silently drops links with an invalid URL.
        return None
    return {"type": "text_link", "offset": offset, "length": length, "url": normalized}


def _parse_attributes(text: str, i: int, tag: _OpenTag) -> tuple[int, dict[str, str], bool]:
    """Parse attributes of a start tag; ``i`` points right after the tag name.

    Returns ``(index_of_closing_gt, attributes, has_expandable)``.
    """
    n = len(text)
    attributes: dict[str, str] = {}
    expandable = False
    begin = tag.byte_offset
    name = tag.name
    while True:
        while i < n and text[i] in _SPACES:
            i += 1
        if i >= n:
            raise _error(f'Unclosed start tag "{name}" at byte offset {begin}')
        if text[i] == ">":
            return i, attributes, expandable
        attr_begin = i
        while i < n and text[i] not in _SPACES and text[i] not in "=>":
            i += 1
        attr_name = text[attr_begin:i].lower()
        if not attr_name:
            raise _error(f'Empty attribute name in the tag "{name}" at byte offset {begin}')
        while i < n and text[i] in _SPACES:
            i += 1
        if i >= n or text[i] != "=":
            if name == "blockquote" and attr_name == "expandable":
                expandable = True
                continue
            raise _error(
                "Expected equal sign in declaration of an attribute of the tag "
                f'"{name}" at byte offset {begin}'
            )
        i += 1
        while i < n and text[i] in _SPACES:
            i += 1
        if i >= n:
            raise _error(f'Unclosed start tag "{name}" at byte offset {begin}')
        value_chars: list[str] = []
        if text[i] not in "'\"":
            token_begin = i
            while i < n and (text[i].isascii() and (text[i].isalnum() or text[i] in ".-")):
                i += 1
            value_chars.append(text[token_begin:i].lower())
            if i >= n or (text[i] not in _SPACES and text[i] != ">"):
                raise _error(f"Unexpected end of name token at byte offset {_byte_offset(text, token_begin)}")
        else:
            quote = text[i]
            i += 1
            while i < n and text[i] != quote:
                if text[i] == "&":
                    decoded = _decode_entity(text, i)
                    if decoded is not None:
                        value_chars.append(decoded[0])
                        i = decoded[1]
                        continue
                value_chars.append(text[i])
                i += 1
            if i < n:
                i += 1
        if i >= n:
            raise _error("Unclosed start tag")
        attributes.setdefault(attr_name, "".join(value_chars))


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram HTML into ``(plain_text, entities)``.

    Entities are Bot API ``MessageEntity`` dicts with UTF-16 offsets, sorted by offset.
    Raises :class:`HtmlError` with a Telegram-like description on malformed input.
    """
    n = len(text)
    out: list[str] = []
    utf16_offset = 0
    stack: list[_OpenTag] = []
    entities: list[dict[str, Any]] = []
    opened = 0
    i = 0
    while i < n:
        c = text[i]
        if c == "&":
            char, i = _decode_text_entity_strict(text, i)
            out.append(char)
            utf16_offset += utf16_len(char)
            continue
        if c != "<":
            out.append(c)
            utf16_offset += 2 if ord(c) > 0xFFFF else 1
            i += 1
            continue

        begin = i
        begin_bytes = _byte_offset(text, begin)
        i += 1
        if i < n and text[i] == "/":
            # end tag
            if not stack:
                raise _error(f"Unexpected end tag at byte offset {begin_bytes}")
            j = i + 1
            while j < n and text[j] not in _SPACES and text[j] != ">":
                j += 1
            end_name = text[i + 1 : j].lower()
            while j < n and text[j] in _SPACES:
                j += 1
            if j >= n or text[j] != ">":
                raise _error(f"Unclosed end tag at byte offset {begin_bytes}")
            open_tag = stack[-1]
            if end_name and end_name != open_tag.name:
                raise _error(
                    f"Unmatched end tag at byte offset {begin_bytes}, expected "
                    f'"</{open_tag.name}>", found "</{end_name}>"'
                )
            stack.pop()
            i = j + 1
            if utf16_offset > open_tag.utf16_offset:
                count = len(entities)
                _close_entity(open_tag, utf16_offset, entities)
                for entity in entities[count:]:
                    entity["_order"] = open_tag.order
            continue

        # start tag
        j = i
        while j < n and text[j] not in _SPACES and text[j] != ">":
            j += 1
        if j >= n:
            raise _error(f"Unclosed start tag at byte offset {begin_bytes}")
        name = text[i:j].lower()
        if name not in ALLOWED_TAGS:
            raise _error(f'Unsupported start tag "{name}" at byte offset {begin_bytes}')
        tag = _OpenTag(
            name=name,
            argument="",
            utf16_offset=utf16_offset,
            byte_offset=begin_bytes,
            order=opened,
        )
        opened += 1
        end, attributes, expandable = _parse_attributes(text, j, tag)
        i = end + 1
        if name == "a":
            if "href" not in attributes:
                raise _error(
                    f'Tag "a" must have attribute "href" at byte offset {begin_bytes} '
                    "(the fake Telegram is stricter than the real one)"
                )
            tag.argument = attributes["href"]
        elif name == "span":
            if attributes.get("class") != "tg-spoiler":
                raise _error(f'Tag "span" must have class "tg-spoiler" at byte offset {begin_bytes}')
        elif name == "code":
            css_class = attributes.get("class", "")
            if css_class.startswith("language-"):
                tag.argument = css_class.removeprefix("language-")
        elif name == "blockquote":
            tag.argument = "expandable" if expandable else ""
        elif name == "tg-emoji":
            emoji_id = attributes.get("emoji-id", "")
            if not emoji_id.isdigit() or int(emoji_id) == 0:
                raise _error("Invalid custom emoji identifier specified")
            tag.argument = emoji_id
        stack.append(tag)

    if stack:
        raise _error(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')

    # Sorted by offset, longer first; for equal ranges the outer tag comes first.
    entities.sort(key=lambda e: (e["offset"], -e["length"], e["_order"]))
    for entity in entities:
        entity.pop("_language", None)
        entity.pop("_order", None)
    return "".join(out), entities


def _close_entity(tag: _OpenTag, utf16_offset: int, entities: list[dict[str, Any]]) -> None:
    offset = tag.utf16_offset
    length = utf16_offset - offset
    name = tag.name
    if name in _SIMPLE_TYPES:
        entities.append({"type": _SIMPLE_TYPES[name], "offset": offset, "length": length})
    elif name == "a":
        link = _link_entity(tag.argument, offset, length)
        if link is not None:
            entities.append(link)
    elif name == "code":
        last = entities[-1] if entities else None
        if (
            last is not None
            and last["type"] == "pre"
            and last["offset"] == offset
            and last["length"] == length
        ):
            # <code> wrapping the whole <pre> content
            if tag.argument:
                last["language"] = tag.argument
            return
        entity: dict[str, Any] = {"type": "code", "offset": offset, "length": length}
        if tag.argument:
            entity["_language"] = tag.argument
        entities.append(entity)
    elif name == "pre":
        last = entities[-1] if entities else None
        if (
            last is not None
            and last["type"] == "code"
            and last["offset"] == offset
            and last["length"] == length
        ):
            # <pre><code class="language-x">...</code></pre> -> pre with language
            language = last.pop("_language", None)
            last["type"] = "pre"
            if language:
                last["language"] = language
        else:
            entities.append({"type": "pre", "offset": offset, "length": length})
    elif name == "blockquote":
        kind = "expandable_blockquote" if tag.argument == "expandable" else "blockquote"
        entities.append({"type": kind, "offset": offset, "length": length})
    elif name == "tg-emoji":
        entities.append(
            {
                "type": "custom_emoji",
                "offset": offset,
                "length": length,
                "custom_emoji_id": tag.argument,
            }
        )

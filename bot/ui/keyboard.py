"""A minimal inline keyboard builder.

aiogram's InlineKeyboardBuilder deep-copies the whole markup on every added button (quadratic);
on a 25-button screen that was ~40% of the bot's CPU per update in `benchmarks/registration`.
This one appends to a list and cuts rows once, with the same `adjust` rule.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup


def shorten(text: str, limit: int) -> str:
    """`text` fits `limit` characters: cut at a word boundary and end with «…», never mid-word
    (a single word longer than the limit is the one case cut inside, still with «…»)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 3:
        cut = cut[:space]
    return cut.rstrip(' ,.;:—-–(«"') + "…"


def share_url(url: str, text: str) -> str:
    """Telegram's «share» link: it opens the person's chat list to forward `url` with `text` (the
    chat they pick shows the text under the link). Both go percent-encoded: a button's URL may
    hold no space or line break."""
    return f"https://t.me/share/url?url={quote(url, safe='')}&text={quote(text, safe='')}"


class Keyboard:
    def __init__(self) -> None:
        self._buttons: list[InlineKeyboardButton] = []
        self._sizes: tuple[int, ...] = (1,)

    def button(self, *, text: str, callback_data: CallbackData | str) -> None:
        data = callback_data.pack() if isinstance(callback_data, CallbackData) else callback_data
        self._buttons.append(InlineKeyboardButton(text=text, callback_data=data))

    def link(self, *, text: str, url: str) -> None:
        """A button that opens a link (a Telegram share link, a webinar's page)."""
        self._buttons.append(InlineKeyboardButton(text=text, url=url))

    def pager(self, page: int, pages: int, to_page: Callable[[int], CallbackData]) -> int:
        """◀️ / ▶️ for a paged list; returns how many buttons that row got (0 for one page)."""
        added = 0
        if pages > 1 and page > 0:
            self.button(text="◀️", callback_data=to_page(page - 1))
            added += 1
        if pages > 1 and page < pages - 1:
            self.button(text="▶️", callback_data=to_page(page + 1))
            added += 1
        return added

    def adjust(self, *sizes: int) -> None:
        """Row widths in order; the last one repeats for the remaining buttons (as aiogram's)."""
        self._sizes = tuple(s for s in sizes if s > 0) or (1,)

    def as_markup(self) -> InlineKeyboardMarkup:
        rows: list[list[InlineKeyboardButton]] = []
        index = 0
        sizes = list(self._sizes)
        while index < len(self._buttons):
            size = sizes.pop(0) if len(sizes) > 1 else sizes[0]
            rows.append(self._buttons[index : index + size])
            index += size
        return InlineKeyboardMarkup(inline_keyboard=rows)

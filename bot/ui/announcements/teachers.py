"""«Новости» for teachers: the list (newest first, paged), one announcement again, and the part of
the weekly digest that recalls the week's announcements."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from aiogram.types import InlineKeyboardButton

from bot.callbacks import EventAction, EventCD, MenuCD, NewsAction, NewsCD, Section
from bot.domain.announcements import Attachment, headline
from bot.i18n import Translator
from bot.ui.announcements.common import day
from bot.ui.diagnosis import clip
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from storage.models import Announcement


def _mark(announcement: Announcement) -> str:
    if announcement.file_kind is Attachment.PHOTO:
        return "🖼"
    return "📎" if announcement.file_kind is Attachment.DOCUMENT else "📰"


def news_screen(items: list[Announcement], page: int, pages: int, timezone: str, _: Translator) -> Screen:
    lines = [_("nw-title")]
    if not items:
        lines.append(_("nw-empty"))
    kb = Keyboard()
    for announcement in items:
        when = day(announcement.sent_at, timezone)
        lines.append(f"• {when} · {escape(shorten(headline(announcement.text), 80))}")
        kb.button(
            text=f"{_mark(announcement)} {when} {shorten(headline(announcement.text), 40)}",
            callback_data=NewsCD(action=NewsAction.OPEN, a=announcement.id, p=page),
        )
    sizes = [1] * len(items)
    nav = kb.pager(page, pages, lambda n: NewsCD(action=NewsAction.LIST, p=n))
    if nav:
        sizes.append(nav)
        lines.append(_("route-page", page=page + 1, pages=pages))
    kb.button(text=_("nw-btn-events"), callback_data=EventCD(action=EventAction.LIST))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    sizes.append(2)
    kb.adjust(*sizes)
    return clip("\n".join(lines)), kb.as_markup()


def back_to_news(page: int, _: Translator) -> InlineKeyboardButton:
    """Under an announcement opened from «Новости»."""
    return InlineKeyboardButton(
        text=_("nw-btn-back"), callback_data=NewsCD(action=NewsAction.LIST, p=page).pack()
    )


def news_button(_: Translator, *, from_digest: bool = False) -> InlineKeyboardButton:
    """«📰 Новости», on the events list and under the digest (whence the list comes as a new
    message, and the digest stays)."""
    data = NewsCD(action=NewsAction.LIST, k="d" if from_digest else "")
    return InlineKeyboardButton(text=_("nw-btn-open"), callback_data=data.pack())


def digest_lines(news: Sequence[Announcement], timezone: str, _: Translator) -> list[str]:
    """The digest's part about the week's announcements (empty when there were none)."""
    if not news:
        return []
    lines = [_("nw-digest-title")]
    lines += [f"• {day(a.sent_at, timezone)} · {escape(shorten(headline(a.text), 80))}" for a in news[:10]]
    return lines

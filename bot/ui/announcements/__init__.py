"""Screens of announcements: what teachers get (`common`: the same message in the preview, the
broadcast and «Новости»), the staff's wizard, list and card (`staff`), the teachers' «Новости»
and the digest's part (`teachers`)."""

from bot.ui.announcements.common import NewsAnnouncer, link_keyboard, message_text, send_copy
from bot.ui.announcements.staff import (
    audience,
    buttons_prompt,
    card_screen,
    file_prompt,
    home_buttons,
    mine_screen,
    preview_panel,
    schedule_prompt,
    state_of,
    text_prompt,
)
from bot.ui.announcements.teachers import back_to_news, digest_lines, news_button, news_screen

__all__ = [
    "NewsAnnouncer",
    "audience",
    "back_to_news",
    "buttons_prompt",
    "card_screen",
    "digest_lines",
    "file_prompt",
    "home_buttons",
    "link_keyboard",
    "message_text",
    "mine_screen",
    "news_button",
    "news_screen",
    "preview_panel",
    "schedule_prompt",
    "send_copy",
    "state_of",
    "text_prompt",
]

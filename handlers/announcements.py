"""«📰 Новости» for teachers: the announcements sent to them (and to audiences that take them in),
newest first, paged; one opens again exactly as it came, with its file and link buttons.

The announcement in the callback data is loaded and checked by the VisibleNews filter (sent, not
taken back by staff, and for this person)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.callbacks import NewsAction, NewsCD
from bot.filters import Actor, owned
from bot.i18n import Translator
from bot.middlewares import RegisteredOnly, gated
from bot.services.announcements.staff import AnnouncementRow
from bot.services.container import Services
from bot.turn import Turn
from bot.ui import announcements as screens
from bot.ui.messaging import show


async def _visible(services: Services, actor: Actor, data: NewsCD) -> AnnouncementRow | None:
    """Nothing is loaded before registration: RegisteredOnly, after the filters, shows the menu."""
    if actor.user is None or actor.user.registered_at is None:
        return None
    return await services.news.visible(actor.user, data.a)


VisibleNews = owned("news", _visible)


async def news_list(query: CallbackQuery, callback_data: NewsCD, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    view = await turn.services.news.listing(turn.person, callback_data.p)
    screen = screens.news_screen(view.items, view.page, view.pages, view.timezone, _)
    await show(query, screen, edit=callback_data.k != "d")


async def open_news(
    query: CallbackQuery, callback_data: NewsCD, turn: Turn, news: AnnouncementRow, _: Translator
) -> None:
    back = [screens.back_to_news(callback_data.p, _)]
    if news.file_id is None and isinstance(query.message, Message) and query.message.text is not None:
        # A text alone takes the list's place; «back» brings the list again.
        await show(query, (screens.message_text(news, _), screens.link_keyboard(news, back)))
        return
    await screens.send_copy(turn.bot, query.from_user.id, news, _, back)


def build_router() -> Router:
    router = gated(__name__, RegisteredOnly())
    on = router.callback_query.register
    on(news_list, NewsCD.filter(F.action == NewsAction.LIST))
    on(open_news, NewsCD.filter(F.action == NewsAction.OPEN), VisibleNews())
    return router

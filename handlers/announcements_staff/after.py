"""«🗂 Мои объявления»: the list with how each went, an announcement's card (progress, stop, taking
a scheduled one back, going on with a draft), and the announcement once more as teachers got it."""

from __future__ import annotations

from aiogram.types import CallbackQuery

from bot.callbacks import AnnStaffCD
from bot.config import Settings
from bot.i18n import Translator
from bot.services.announcements.staff import AnnouncementRow
from bot.turn import Turn
from bot.ui import announcements as screens
from bot.ui.messaging import show
from handlers.announcements_staff.send import preview, teachers


async def mine(query: CallbackQuery, callback_data: AnnStaffCD, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    rows = await turn.services.announcements.mine(turn.actor)
    listed = [(row.announcement, row.broadcast) for row in rows]
    await show(query, screens.mine_screen(listed, callback_data.p, _))


async def card(
    query: CallbackQuery, callback_data: AnnStaffCD, turn: Turn, announcement: AnnouncementRow, _: Translator
) -> None:
    await turn.state.clear()
    view = await turn.services.announcements.card(announcement)
    await show(
        query, screens.card_screen(view.announcement, view.broadcast, view.delivery, callback_data.p, _)
    )


async def copy(
    query: CallbackQuery, turn: Turn, announcement: AnnouncementRow, settings: Settings, _: Translator
) -> None:
    await screens.send_copy(turn.bot, query.from_user.id, announcement, teachers(turn, settings))


async def stop(
    query: CallbackQuery, callback_data: AnnStaffCD, turn: Turn, announcement: AnnouncementRow, _: Translator
) -> None:
    view, dropped = await turn.services.announcements.stop(announcement)
    turn.answer.text = _("bc-stopped", count=dropped)
    await show(
        query, screens.card_screen(view.announcement, view.broadcast, view.delivery, callback_data.p, _)
    )


async def unschedule(
    query: CallbackQuery, callback_data: AnnStaffCD, turn: Turn, announcement: AnnouncementRow, _: Translator
) -> None:
    view = await turn.services.announcements.unschedule(announcement)
    turn.answer.text = _("an-unscheduled")
    await show(query, screens.card_screen(view.announcement, None, None, callback_data.p, _))


async def resume(
    query: CallbackQuery, turn: Turn, announcement: AnnouncementRow, settings: Settings, _: Translator
) -> None:
    """A draft goes on from its preview (whose «⬅️ Назад» leads to every earlier step)."""
    await preview(query, turn, announcement, settings, _)


async def drop(
    query: CallbackQuery, callback_data: AnnStaffCD, turn: Turn, announcement: AnnouncementRow, _: Translator
) -> None:
    await turn.services.announcements.drop(announcement)
    turn.answer.text = _("es-dropped")
    rows = await turn.services.announcements.mine(turn.actor)
    listed = [(row.announcement, row.broadcast) for row in rows]
    await show(query, screens.mine_screen(listed, callback_data.p, _))

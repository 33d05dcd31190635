"""«👥 Методобъединения» for teachers: the list of their associations and those that fit them, a card,
joining (or asking to), leaving, the plan and its DOCX, meetings, their materials and minutes."""

from __future__ import annotations

from aiogram.exceptions import TelegramBadRequest
from aiogram.filters.callback_data import CallbackData
from aiogram.types import BufferedInputFile, CallbackQuery

from bot.callbacks import AsCD
from bot.domain.time import local_today
from bot.i18n import Translator
from bot.services.association_doc import build_plan_docx
from bot.services.associations import Joined
from bot.turn import Turn
from bot.ui import associations as screens
from bot.ui.messaging import show
from storage.models import Association

NOTICE = "n"  # a button under a notice: its screen comes as a new message


async def listing(query: CallbackQuery, callback_data: CallbackData, turn: Turn, _: Translator) -> None:
    """The list, a page of it (`p`; from the menu: the first)."""
    await turn.state.clear()
    page = callback_data.p if isinstance(callback_data, AsCD) else 0
    view = await turn.services.associations.listing(turn.person, page)
    await show(query, screens.list_screen(view, _))


async def _card(query: CallbackQuery, turn: Turn, association: Association, _: Translator) -> None:
    card = await turn.services.associations.card(turn.person, turn.roles, association)
    await show(query, screens.card_screen(card, _))


async def open_card(
    query: CallbackQuery, callback_data: AsCD, turn: Turn, association: Association, _: Translator
) -> None:
    await turn.state.clear()
    card = await turn.services.associations.card(turn.person, turn.roles, association)
    # From a notice (`v` "n") the card opens as a new message: the notice stays.
    await show(query, screens.card_screen(card, _), edit=callback_data.v != NOTICE)


async def join(query: CallbackQuery, turn: Turn, association: Association, _: Translator) -> None:
    result = await turn.services.associations.join(turn.person, association)
    turn.answer.text = _(f"as-join-{result}")
    turn.answer.show_alert = result == Joined.REQUESTED
    await _card(query, turn, association, _)


async def leave(query: CallbackQuery, association: Association, _: Translator) -> None:
    await show(query, screens.leave_confirm(association, _))


async def leave_yes(query: CallbackQuery, turn: Turn, association: Association, _: Translator) -> None:
    left = await turn.services.associations.leave(turn.person, association)
    turn.answer.text = _("as-left" if left else "as-left-already")
    await show(query, screens.list_screen(await turn.services.associations.listing(turn.person, 0), _))


async def plan(query: CallbackQuery, callback_data: AsCD, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    view = await turn.services.associations.plan(turn.person, turn.roles, callback_data.a)
    await show(query, screens.plan_screen(view, _))


async def docx(query: CallbackQuery, callback_data: AsCD, turn: Turn, _: Translator) -> None:
    service = turn.services.associations
    view = await service.plan(turn.person, turn.roles, callback_data.a)
    card = await service.card(turn.person, turn.roles, view.association)
    today = local_today(turn.services.clock(), turn.services.settings.default_timezone)
    document = screens.plan_document(view, card, today, _)
    await turn.bot.send_document(
        query.from_user.id,
        BufferedInputFile(build_plan_docx(document, _), filename=f"plan-{view.association.id}.docx"),
        caption=_("as-docx-caption"),
    )


async def meetings(query: CallbackQuery, callback_data: AsCD, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    view = await turn.services.associations.meetings(
        turn.person, turn.roles, callback_data.a, callback_data.p
    )
    await show(query, screens.meetings_screen(view, _))


async def meeting(query: CallbackQuery, callback_data: AsCD, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    view = await turn.services.associations.meeting(turn.person, turn.roles, callback_data.a, callback_data.i)
    await show(query, screens.meeting_screen(view, _, callback_data.p), edit=callback_data.v != NOTICE)


async def _send_file(
    query: CallbackQuery, turn: Turn, file_id: str, caption: str | None, _: Translator
) -> None:
    """A stored file; one Telegram no longer has (another bot's, deleted) is said, not a failure."""
    try:
        await turn.bot.send_document(query.from_user.id, file_id, caption=caption)
    except TelegramBadRequest:
        turn.answer.text, turn.answer.show_alert = _("as-file-gone"), True


async def material(query: CallbackQuery, callback_data: AsCD, turn: Turn, _: Translator) -> None:
    found = await turn.services.associations.material(
        turn.person, turn.roles, callback_data.a, callback_data.i
    )
    await _send_file(query, turn, found.file_id, None, _)


async def minutes(query: CallbackQuery, callback_data: AsCD, turn: Turn, _: Translator) -> None:
    view = await turn.services.associations.meeting(turn.person, turn.roles, callback_data.a, callback_data.i)
    if view.meeting.minutes_file_id is None:
        turn.answer.text = _("as-minutes-none")
        return
    await _send_file(query, turn, view.meeting.minutes_file_id, _("as-minutes-caption"), _)

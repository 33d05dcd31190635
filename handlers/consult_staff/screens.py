"""Staff's consultations: the counts and the questions that need them, one question, passing it to
another methodist, the report and its spreadsheet."""

from __future__ import annotations

from aiogram.types import BufferedInputFile, CallbackQuery

from bot.callbacks import ConsultStaffCD
from bot.domain.consult_staff import Period
from bot.i18n import Translator
from bot.services.consult_staff.views import Desk
from bot.turn import Turn
from bot.ui.consult_staff import screens
from bot.ui.consult_staff.sheets import report_xlsx
from bot.ui.messaging import show
from storage.repositories.consult_staff import QuestionRow


def _period(value: str) -> Period:
    """The period a button names; an unknown one (an old or forged button) is this month."""
    try:
        return Period(value)
    except ValueError:
        return Period.MONTH


async def home(
    query: CallbackQuery, desk: Desk, turn: Turn, _: Translator, callback_data: object = None
) -> None:
    """From the menu (`MenuCD`) or a page of the list (`ConsultStaffCD.pg`)."""
    page = callback_data.pg if isinstance(callback_data, ConsultStaffCD) else 0
    view = await turn.services.consult_staff.home(desk, page)
    await show(query, screens.home_screen(view, _, desk.timezone))


async def question(query: CallbackQuery, desk: Desk, row: QuestionRow, turn: Turn, _: Translator) -> None:
    view = await turn.services.consult_staff.card(row)
    await show(query, screens.question_screen(view, _, desk.timezone))


async def pick(
    query: CallbackQuery, callback_data: ConsultStaffCD, row: QuestionRow, turn: Turn, _: Translator
) -> None:
    """The methodists who may take it, least loaded first — if the question is still as the button
    knew it (open, with the same methodist)."""
    view = await turn.services.consult_staff.candidates(row, callback_data.f or None, callback_data.pg)
    await show(query, screens.candidates_screen(view, _))


async def move(
    query: CallbackQuery,
    callback_data: ConsultStaffCD,
    desk: Desk,
    row: QuestionRow,
    turn: Turn,
    _: Translator,
) -> None:
    service = turn.services.consult_staff
    moved = await service.move(row, callback_data.f or None, callback_data.m)
    view = await service.home(desk)
    await show(query, screens.home_screen(view, _, desk.timezone, note=screens.moved_note(moved, _)))


async def report(
    query: CallbackQuery, callback_data: ConsultStaffCD, desk: Desk, turn: Turn, _: Translator
) -> None:
    view = await turn.services.consult_staff.report(desk, _period(callback_data.p))
    await show(query, screens.report_screen(view, _))


async def xlsx(
    query: CallbackQuery, callback_data: ConsultStaffCD, desk: Desk, turn: Turn, _: Translator
) -> None:
    turn.answer.text = _("export-wait")
    view = await turn.services.consult_staff.report(desk, _period(callback_data.p))
    content, filename = await report_xlsx(view, _, desk.timezone)
    document = BufferedInputFile(content, filename=filename)
    await turn.bot.send_document(query.from_user.id, document, caption=_("cst-xlsx-caption"))

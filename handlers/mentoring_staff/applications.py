"""Mentors' applications (approve, decline) and the report with its spreadsheet."""

from __future__ import annotations

from aiogram.types import BufferedInputFile, CallbackQuery

from bot.callbacks import PairAction, PairCD
from bot.i18n import Translator
from bot.services.mentoring.views import Desk, ScopedApplication
from bot.turn import Turn
from bot.ui.mentoring import report as sheets
from bot.ui.mentoring import staff as screens
from bot.ui.messaging import show


async def applications(query: CallbackQuery, desk: Desk, turn: Turn, _: Translator) -> None:
    await show(query, screens.applications_screen(await turn.services.mentoring.applications(desk), _))


async def decide(
    query: CallbackQuery,
    callback_data: PairCD,
    desk: Desk,
    application: ScopedApplication,
    turn: Turn,
    _: Translator,
) -> None:
    """Approve (the mentor role is granted) or decline; the applicant is told."""
    approve = callback_data.action == PairAction.APPROVE
    outcome = await turn.services.mentoring.decide(desk, application, approve, query.from_user.id)
    await screens.show_outcome(query, outcome, _, turn.answer)


async def report(query: CallbackQuery, desk: Desk, turn: Turn, _: Translator) -> None:
    await show(query, screens.report_screen(await turn.services.mentoring.report(desk), _))


async def xlsx(query: CallbackQuery, turn: Turn, desk: Desk, _: Translator) -> None:
    turn.answer.text = _("export-wait")
    content, filename = await sheets.report_xlsx(await turn.services.mentoring.report_file(desk), _)
    document = BufferedInputFile(content, filename=filename)
    await turn.bot.send_document(query.from_user.id, document, caption=_("mts-xlsx-caption"))

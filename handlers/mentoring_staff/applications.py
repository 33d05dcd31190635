"""Mentors' applications (approve, decline) and the report with its spreadsheet."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import PairAction, PairCD
from bot.context import User
from bot.domain.roles import Role
from bot.i18n import Translator
from bot.services.container import Services
from bot.services.mentoring.views import ScopedApplication
from bot.ui.mentoring import report as sheets
from bot.ui.mentoring import staff as screens
from bot.ui.messaging import show


async def applications(
    query: CallbackQuery, services: Services, user: User | None, roles: frozenset[Role], _: Translator
) -> None:
    await show(query, screens.applications_screen(await services.mentoring.applications(user, roles), _))


async def decide(
    query: CallbackQuery,
    callback_data: PairCD,
    application: ScopedApplication,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    approve = callback_data.action == PairAction.APPROVE
    outcome = await services.mentoring.decide(user, roles, application, approve, query.from_user.id)
    await screens.show_outcome(query, outcome, _, callback_answer)


async def report(
    query: CallbackQuery, services: Services, user: User | None, roles: frozenset[Role], _: Translator
) -> None:
    await show(query, screens.report_screen(await services.mentoring.report(user, roles), _))


async def xlsx(
    query: CallbackQuery,
    bot: Bot,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    callback_answer.text = _("export-wait")
    content, filename = await sheets.report_xlsx(await services.mentoring.report_file(user, roles), _)
    await bot.send_document(
        query.from_user.id, BufferedInputFile(content, filename=filename), caption=_("mts-xlsx-caption")
    )

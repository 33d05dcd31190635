"""«Отчёты и показатели» for staff: the target indicators for the region, a municipality or a
school over a period — a text summary, two charts (indicators against targets, deficits by area ×
municipality or school) and the XLSX for the region, by name or anonymised.
Role check: RoleGate(staff, admin); a municipal service sees its municipality only
(`services.indicators.scope`)."""

from __future__ import annotations

import asyncio

from aiogram import F, Router
from aiogram.types import CallbackQuery

from bot.callbacks import MenuCD, ReportAction, ReportCD, Section
from bot.domain.roles import Role
from bot.i18n import Translator
from bot.middlewares import RoleGate, gated
from bot.services.indicators import PickKind
from bot.turn import Turn
from bot.ui import indicators as screens
from bot.ui.indicators_xlsx import indicators_xlsx
from bot.ui.messaging import show


async def home(query: CallbackQuery, callback_data: MenuCD | ReportCD, turn: Turn, _: Translator) -> None:
    cd = callback_data if isinstance(callback_data, ReportCD) else ReportCD(action=ReportAction.HOME)
    view = await turn.services.indicators.home(turn.user, turn.roles, cd.m, cd.s, cd.p)
    await show(query, screens.home_screen(view.scope, view.period, view.region_allowed, _))


async def pick(query: CallbackQuery, callback_data: ReportCD, turn: Turn, _: Translator) -> None:
    cd, kind = callback_data, PickKind(callback_data.action.value)
    choice = await turn.services.indicators.choice(turn.user, turn.roles, kind, cd.m, cd.s, cd.p, cd.pg)
    await show(query, screens.choice_screen(choice, _))


async def show_report(query: CallbackQuery, callback_data: ReportCD, turn: Turn, _: Translator) -> None:
    cd = callback_data
    asked = turn.services.indicators.report(turn.user, turn.roles, query.from_user.id, cd.m, cd.s, cd.p)
    async with asked as report:
        await screens.send_report(query, report, _)


async def xlsx(query: CallbackQuery, callback_data: ReportCD, turn: Turn, _: Translator) -> None:
    cd = callback_data
    anonymised = bool(cd.an)
    asked = turn.services.indicators.keyed_report(turn.user, turn.roles, query.from_user.id, cd.m, cd.s, cd.p)
    async with asked as keyed:
        report = keyed.report
        data = await asyncio.to_thread(indicators_xlsx, report, _, anonymised=anonymised, key=keyed.key)
        await screens.send_xlsx(query, report, data, anonymised, _)
    turn.answer.text = _("rp-xlsx-sent")


def build_router() -> Router:
    router = gated(__name__, RoleGate({Role.STAFF, Role.ADMIN}))
    on = router.callback_query.register
    on(home, MenuCD.filter(F.section == Section.REPORTS))
    on(home, ReportCD.filter(F.action == ReportAction.HOME))
    on(pick, ReportCD.filter(F.action.in_({ReportAction.MUNIS, ReportAction.SCHOOLS})))
    on(show_report, ReportCD.filter(F.action == ReportAction.SHOW))
    on(xlsx, ReportCD.filter(F.action == ReportAction.XLSX))
    return router

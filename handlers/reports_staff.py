"""«Отчёты и показатели» for staff: the target indicators for the region, a municipality or a
school over a period — a text summary, two charts (indicators against targets, deficits by area ×
municipality or school) and the XLSX for the region, by name or anonymised.
Role check: RoleGate(staff, admin); a municipal service sees its municipality only
(`services.indicators.scope`)."""

from __future__ import annotations

import asyncio

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import MenuCD, ReportAction, ReportCD, Section
from bot.domain.roles import Role
from bot.filters import Actor, owned
from bot.i18n import Translator
from bot.middlewares import RoleGate
from bot.services.container import Services
from bot.services.indicators import PickKind
from bot.ui import indicators as screens
from bot.ui.indicators_xlsx import indicators_xlsx
from bot.ui.messaging import show


async def _acting(services: Services, actor: Actor, data: object) -> Actor:
    return actor


Acting = owned("who", _acting)  # who is acting (their record and roles), as one argument


async def home(
    query: CallbackQuery, callback_data: MenuCD | ReportCD, services: Services, who: Actor, _: Translator
) -> None:
    cd = callback_data if isinstance(callback_data, ReportCD) else ReportCD(action=ReportAction.HOME)
    view = await services.indicators.home(who.user, who.roles, cd.m, cd.s, cd.p)
    await show(query, screens.home_screen(view.scope, view.period, view.region_allowed, _))


async def pick(
    query: CallbackQuery, callback_data: ReportCD, services: Services, who: Actor, _: Translator
) -> None:
    cd, kind = callback_data, PickKind(callback_data.action.value)
    choice = await services.indicators.choice(who.user, who.roles, kind, cd.m, cd.s, cd.p, cd.pg)
    await show(query, screens.choice_screen(choice, _))


async def show_report(
    query: CallbackQuery, callback_data: ReportCD, services: Services, who: Actor, _: Translator
) -> None:
    cd = callback_data
    asked = services.indicators.report(who.user, who.roles, query.from_user.id, cd.m, cd.s, cd.p)
    async with asked as report:
        await screens.send_report(query, report, _)


async def xlsx(
    query: CallbackQuery,
    callback_data: ReportCD,
    services: Services,
    who: Actor,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    cd = callback_data
    anonymised = bool(cd.an)
    asked = services.indicators.keyed_report(who.user, who.roles, query.from_user.id, cd.m, cd.s, cd.p)
    async with asked as keyed:
        report = keyed.report
        data = await asyncio.to_thread(indicators_xlsx, report, _, anonymised=anonymised, key=keyed.key)
        await screens.send_xlsx(query, report, data, anonymised, _)
    callback_answer.text = _("rp-xlsx-sent")


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.middleware(RoleGate({Role.STAFF, Role.ADMIN}))
    router.callback_query.middleware(RoleGate({Role.STAFF, Role.ADMIN}))
    on = router.callback_query.register
    on(home, MenuCD.filter(F.section == Section.REPORTS), Acting())
    on(home, ReportCD.filter(F.action == ReportAction.HOME), Acting())
    on(pick, ReportCD.filter(F.action.in_({ReportAction.MUNIS, ReportAction.SCHOOLS})), Acting())
    on(show_report, ReportCD.filter(F.action == ReportAction.SHOW), Acting())
    on(xlsx, ReportCD.filter(F.action == ReportAction.XLSX), Acting())
    return router

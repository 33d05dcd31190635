"""«Отчёты и показатели» for staff: the target indicators for the region, a municipality or a
school over a period — a text summary, two charts (indicators against targets, deficits by area ×
municipality or school) and the XLSX for the region, by name or anonymised.
Role check: RoleGate(staff, admin); a municipal service sees its municipality only."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from html import escape
from zoneinfo import ZoneInfo

from aiogram import F, Router
from aiogram.types import BufferedInputFile, CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import MenuCD, ReportCD, Section
from bot.config import Settings
from bot.domain import indicators as domain
from bot.domain.roles import Role
from bot.domain.time import Clock
from bot.i18n import Translator
from bot.middlewares import RoleGate
from bot.services import charts
from bot.services import indicators as service
from bot.services import roles as role_service
from bot.services.indicators import Report, Scope
from bot.services.indicators_xlsx import indicators_xlsx
from bot.ui import indicators as screens
from bot.ui.messaging import show
from handlers.events_staff import zone_of
from storage.models import User
from storage.repositories import Repos

router = Router(name=__name__)
router.message.middleware(RoleGate({Role.STAFF, Role.ADMIN}))
router.callback_query.middleware(RoleGate({Role.STAFF, Role.ADMIN}))


async def _scope(
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    m: int,
    s: int,
    _: Translator,
    answer: CallbackAnswer,
) -> Scope | None:
    """The scope a button asks for, within what this person may see: a municipal service is held to
    its municipality whatever the button says; a gone municipality or school gets a clear answer."""
    allowed = role_service.staff_scope(user, roles)
    if allowed is not None and m != allowed:
        m, s = allowed, 0
    scope = await service.resolve_scope(repos, m, s if m else 0)
    if scope is None:
        answer.text, answer.show_alert = _("rp-scope-gone"), True
    return scope


# People whose report is being prepared: a second tap meanwhile (the region's report takes a second
# or two) gets «wait» instead of a second set of charts or files. One process holds the polling.
_busy: set[int] = set()


def _period(code: str, user: User | None, settings: Settings, clock: Clock) -> domain.Period:
    zone = zone_of(user, settings)
    today = clock().astimezone(ZoneInfo(zone)).date()
    return domain.make_period(domain.parse_period(code), today, zone)


@router.callback_query(MenuCD.filter(F.section == Section.REPORTS))
@router.callback_query(ReportCD.filter(F.action == "home"))
async def home(
    query: CallbackQuery,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    clock: Clock,
    _: Translator,
    callback_answer: CallbackAnswer,
    callback_data: MenuCD | ReportCD,
) -> None:
    cd = callback_data if isinstance(callback_data, ReportCD) else ReportCD(action="home")
    scope = await _scope(repos, user, roles, cd.m, cd.s, _, callback_answer)
    if scope is None:
        return
    period = _period(cd.p, user, settings, clock)
    region = role_service.staff_scope(user, roles) is None
    await show(query, screens.home_screen(scope, period, region, _))


@router.callback_query(ReportCD.filter(F.action.in_({"munis", "schools"})))
async def pick(
    query: CallbackQuery,
    callback_data: ReportCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    scope = await _scope(repos, user, roles, callback_data.m, callback_data.s, _, callback_answer)
    if scope is None:
        return
    code = domain.parse_period(callback_data.p)
    if callback_data.action == "munis":
        if role_service.staff_scope(user, roles) is not None:
            callback_answer.text, callback_answer.show_alert = _("rp-only-yours"), True
            return
        items, title = await service.municipalities(repos), _("rp-pick-municipality")
    else:
        if scope.municipality_id is None:
            callback_answer.text, callback_answer.show_alert = _("rp-scope-gone"), True
            return
        items = await service.schools(repos, scope.municipality_id)
        title = _("rp-pick-school", municipality=scope.municipality or "")
    screen = screens.pick_screen(
        items, callback_data.pg, action=callback_data.action, scope=scope, code=code, title=title, _=_
    )
    await show(query, screen)


@contextmanager
def _one_at_a_time(tg_id: int) -> Iterator[bool]:
    """False while this person's previous report is still being prepared (a second tap)."""
    if tg_id in _busy:
        yield False
        return
    _busy.add(tg_id)
    try:
        yield True
    finally:
        _busy.discard(tg_id)


@asynccontextmanager
async def _report(
    query: CallbackQuery,
    cd: ReportCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    clock: Clock,
    _: Translator,
    answer: CallbackAnswer,
) -> AsyncIterator[Report | None]:
    """The report a button asks for, held as «being prepared» until the caller has sent it; None
    (with the answer set) for a scope this person may not see or a second tap meanwhile."""
    scope = await _scope(repos, user, roles, cd.m, cd.s, _, answer)
    if scope is None:
        yield None
        return
    with _one_at_a_time(query.from_user.id) as free:
        if not free:
            answer.text = _("rp-busy")
            yield None
            return
        code = domain.parse_period(cd.p)
        yield await service.build(repos, scope, code, now=clock(), timezone=zone_of(user, settings))


@router.callback_query(ReportCD.filter(F.action == "show"))
async def show_report(
    query: CallbackQuery,
    callback_data: ReportCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    clock: Clock,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    async with _report(
        query, callback_data, repos, user, roles, settings, clock, _, callback_answer
    ) as report:
        if report is None or query.bot is None:
            return
        name = screens.scope_name(report.scope, _)
        bars = await charts.draw(
            charts.indicators_png,
            screens.chart_bars(report, _),
            title=_("rp-chart-title", scope=name),
            legend=(_("rp-chart-met"), _("rp-chart-missed"), _("rp-chart-target")),
        )
        chat = query.from_user.id
        await query.bot.send_photo(chat, BufferedInputFile(bars, filename="indicators.png"))
        groups, areas, shares = screens.heatmap_data(report, _)
        if groups and areas:
            note = _("rp-heat-note")
            if report.deficits.hidden_groups:
                note += " " + _("rp-heat-hidden", count=report.deficits.hidden_groups)
            heat = await charts.draw(
                charts.heatmap_png, groups, areas, shares, title=_("rp-heat-title", scope=name), note=note
            )
            await query.bot.send_photo(chat, BufferedInputFile(heat, filename="deficits.png"))
        text, markup = screens.summary_screen(report, _)
        if not (groups and areas):
            text += "\n\n" + _("rp-heat-none")
        await show(query, (text, markup), edit=False)


@router.callback_query(ReportCD.filter(F.action == "xlsx"))
async def xlsx(
    query: CallbackQuery,
    callback_data: ReportCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    clock: Clock,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    async with _report(
        query, callback_data, repos, user, roles, settings, clock, _, callback_answer
    ) as report:
        if report is None or query.bot is None:
            return
        anonymised = bool(callback_data.an)
        key = await service.pseudonym_key(repos, settings.pseudonym_key)
        data = await asyncio.to_thread(indicators_xlsx, report, _, anonymised=anonymised, key=key)
        period = report.period
        suffix = "-anon" if anonymised else ""
        name = f"indicators-{period.first_day:%Y%m%d}-{period.last_day:%Y%m%d}{suffix}.xlsx"
        caption_key = "rp-xlsx-caption-anon" if anonymised else "rp-xlsx-caption"
        where = escape(screens.scope_name(report.scope, _)[:300])
        await query.bot.send_document(
            query.from_user.id,
            BufferedInputFile(data, filename=name),
            caption=_(caption_key, scope=where, count=report.counts.teachers),
        )
    callback_answer.text = _("rp-xlsx-sent")

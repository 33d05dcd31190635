"""«Отчёты и показатели»: pick the scope and the period, then the summary, two charts and the
XLSX. Screens only; the numbers come from `bot.services.indicators`."""

from __future__ import annotations

from html import escape

from aiogram.types import BufferedInputFile, CallbackQuery

from bot.callbacks import MenuCD, ReportAction, ReportCD, Section
from bot.domain.indicators import TARGETS, Indicator, Period, PeriodCode, Share, target_of
from bot.i18n import Translator
from bot.services import charts
from bot.services.charts import IndicatorBar
from bot.services.indicators import Choice, PickKind, Report, Scope
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen, show

PAGE = 10
LABEL = 40  # characters of a municipality or school on a button


def _clip(text: str, size: int = LABEL) -> str:
    return shorten(text, size)


def scope_name(scope: Scope, _: Translator) -> str:
    return scope.title(_("rp-scope-region"))


def period_text(period: Period, _: Translator) -> str:
    return _(
        "rp-period",
        name=_(f"rp-period-{period.code.value}"),
        first=f"{period.first_day:%d.%m.%Y}",
        last=f"{period.last_day:%d.%m.%Y}",
    )


def _cd(action: ReportAction, scope: Scope, code: PeriodCode, **kw: int) -> ReportCD:
    return ReportCD(action=action, m=scope.municipality_id or 0, s=scope.school_id or 0, p=code.value, **kw)


def home_screen(scope: Scope, period: Period, region_allowed: bool, _: Translator) -> Screen:
    code = period.code
    text = "\n".join(
        [
            _("rp-home-title"),
            _("rp-home-scope", scope=escape(scope_name(scope, _))),
            period_text(period, _),
            "",
            _("rp-home-hint"),
        ]
    )
    kb = Keyboard()
    kb.button(text=_("rp-btn-show"), callback_data=_cd(ReportAction.SHOW, scope, code))
    kb.button(text=_("rp-btn-xlsx"), callback_data=_cd(ReportAction.XLSX, scope, code))
    kb.button(text=_("rp-btn-xlsx-anon"), callback_data=_cd(ReportAction.XLSX, scope, code, an=1))
    for option in PeriodCode:
        mark = "• " if option is code else ""
        kb.button(
            text=mark + _(f"rp-period-{option.value}"),
            callback_data=ReportCD(
                action=ReportAction.HOME, m=scope.municipality_id or 0, s=scope.school_id or 0, p=option.value
            ),
        )
    sizes = [1, 2, 2, 2]
    if region_allowed:
        kb.button(text=_("rp-btn-municipality"), callback_data=_cd(ReportAction.MUNIS, scope, code))
        sizes.append(1)
    if scope.municipality_id is not None:
        kb.button(text=_("rp-btn-school"), callback_data=_cd(ReportAction.SCHOOLS, scope, code))
        sizes.append(1)
    if scope.school_id is not None:
        whole = Scope(scope.municipality_id, None, scope.municipality, None)
        kb.button(text=_("rp-btn-whole-municipality"), callback_data=_cd(ReportAction.HOME, whole, code))
        sizes.append(1)
    elif scope.municipality_id is not None and region_allowed:
        kb.button(
            text=_("rp-btn-region"), callback_data=_cd(ReportAction.HOME, Scope(None, None, None, None), code)
        )
        sizes.append(1)
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(*sizes, 1)
    return text, kb.as_markup()


def choice_screen(choice: Choice, _: Translator) -> Screen:
    """Municipalities or schools to narrow the report to."""
    if choice.kind is PickKind.MUNIS:
        title = _("rp-pick-municipality")
    else:
        title = _("rp-pick-school", municipality=choice.scope.municipality or "")
    return pick_screen(
        choice.items, choice.page, kind=choice.kind, scope=choice.scope, code=choice.code, title=title, _=_
    )


def pick_screen(
    items: list[tuple[int, str]],
    page: int,
    *,
    kind: PickKind,
    scope: Scope,
    code: PeriodCode,
    title: str,
    _: Translator,
) -> Screen:
    """A paged list of municipalities (`kind` MUNIS) or schools (SCHOOLS)."""
    action = ReportAction(kind.value)
    pages = max(1, (len(items) + PAGE - 1) // PAGE)
    page = min(max(page, 0), pages - 1)
    kb = Keyboard()
    shown = items[page * PAGE : (page + 1) * PAGE]
    for item_id, name in shown:
        if kind is PickKind.MUNIS:
            target = ReportCD(action=ReportAction.HOME, m=item_id, s=0, p=code.value)
        else:
            target = ReportCD(action=ReportAction.HOME, m=scope.municipality_id or 0, s=item_id, p=code.value)
        kb.button(text=_clip(name), callback_data=target)
    paging = kb.pager(page, pages, lambda n: _cd(action, scope, code, pg=n))
    kb.button(text=_("rp-btn-back"), callback_data=_cd(ReportAction.HOME, scope, code))
    kb.adjust(*([1] * len(shown)), paging, 1)
    text = title if pages == 1 else f"{title}\n{_('page-of', page=page + 1, pages=pages)}"
    return text, kb.as_markup()


def _value(share: Share, _: Translator) -> str:
    percent = share.percent
    if percent is None:
        return _("rp-no-data")
    return _("rp-value", percent=f"{percent:.1f}".replace(".", ","), n=share.n, total=share.total)


def summary_screen(report: Report, _: Translator) -> Screen:
    lines = [
        _("rp-sum-title", scope=escape(scope_name(report.scope, _))),
        period_text(report.period, _),
        _("rp-sum-teachers", count=report.counts.teachers),
        "",
    ]
    met = known = 0
    for indicator, share in report.shares.items():
        target = target_of(indicator)
        verdict = share.met(target)
        known += verdict is not None
        met += verdict is True
        mark = "▫️" if verdict is None else "✅" if verdict else "❌"
        name, value = _(f"rp-ind-{indicator.value}"), _value(share, _)
        if target is None:  # the seeds set no figure for it: shown, not judged
            lines.append(_("rp-sum-line-free", mark=mark, name=name, value=value))
            continue
        lines.append(_("rp-sum-line", mark=mark, name=name, value=value, target=target))
    if report.by_target_group:  # part 11: «involved» per target group
        lines.append(_("tg-rp-title", target=TARGETS[Indicator.INVOLVED].percent))
        for group, share in report.by_target_group.items():
            verdict = share.met(TARGETS[Indicator.INVOLVED].percent)
            mark = "▫️" if verdict is None else "✅" if verdict else "❌"
            lines.append(f"{mark} {_(f'tg-group-{group}')}: {_value(share, _)}")
    c = report.counts
    lines += [
        "",
        _("rp-sum-met", met=met, known=known),
        _(
            "rp-sum-counts",
            young=c.young,
            first=c.category_first,
            highest=c.category_highest,
            course=c.course,
            contest=c.contest,
            mentors=c.mentors,
        ),
        _("rp-sum-experts", experts=c.experts),
    ]
    if report.attestation:
        lines += ["", _("rp-att-title")]
        for att, share in report.attestation.items():
            lines.append(_("rp-att-line", name=_(f"rp-att-{att.value}"), value=_value(share, _)))
    scope = report.scope
    code = report.period.code
    kb = Keyboard()
    kb.button(text=_("rp-btn-xlsx"), callback_data=_cd(ReportAction.XLSX, scope, code))
    kb.button(text=_("rp-btn-xlsx-anon"), callback_data=_cd(ReportAction.XLSX, scope, code, an=1))
    kb.button(text=_("rp-btn-back"), callback_data=_cd(ReportAction.HOME, scope, code))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1, 1, 2)
    return "\n".join(lines), kb.as_markup()


def chart_bars(report: Report, _: Translator) -> list[IndicatorBar]:
    bars: list[IndicatorBar] = []
    for indicator, share in report.shares.items():
        target = target_of(indicator)
        bars.append((_(f"rp-ind-{indicator.value}"), share.percent, target, share.met(target)))
    return bars


def heatmap_data(report: Report, _: Translator) -> tuple[list[str], list[str], list[list[float | None]]]:
    matrix = report.deficits
    unknown = _("rp-x-unknown")
    groups = [report.group_name(g, unknown) for g in matrix.groups]
    areas = [report.area_titles.get(a, a) for a in matrix.areas]
    shares = [
        [matrix.share(g, a).percent for a in range(len(matrix.areas))] for g in range(len(matrix.groups))
    ]
    return groups, areas, shares


async def send_report(query: CallbackQuery, report: Report, _: Translator) -> None:
    """The indicators against their targets and the deficits heatmap as pictures, then the summary."""
    if query.bot is None:
        return
    name = scope_name(report.scope, _)
    bars = await charts.draw(
        charts.indicators_png,
        chart_bars(report, _),
        title=_("rp-chart-title", scope=name),
        legend=(_("rp-chart-met"), _("rp-chart-missed"), _("rp-chart-target")),
    )
    chat = query.from_user.id
    await query.bot.send_photo(chat, BufferedInputFile(bars, filename="indicators.png"))
    groups, areas, shares = heatmap_data(report, _)
    if groups and areas:
        note = _("rp-heat-note")
        if report.deficits.hidden_groups:
            note += " " + _("rp-heat-hidden", count=report.deficits.hidden_groups)
        heat = await charts.draw(
            charts.heatmap_png, groups, areas, shares, title=_("rp-heat-title", scope=name), note=note
        )
        await query.bot.send_photo(chat, BufferedInputFile(heat, filename="deficits.png"))
    text, markup = summary_screen(report, _)
    if not (groups and areas):
        text += "\n\n" + _("rp-heat-none")
    await show(query, (text, markup), edit=False)


async def send_xlsx(
    query: CallbackQuery, report: Report, data: bytes, anonymised: bool, _: Translator
) -> None:
    """The report's file (`bot.ui.indicators_xlsx`), named by its period, with its caption."""
    if query.bot is None:
        return
    period = report.period
    suffix = "-anon" if anonymised else ""
    name = f"indicators-{period.first_day:%Y%m%d}-{period.last_day:%Y%m%d}{suffix}.xlsx"
    caption_key = "rp-xlsx-caption-anon" if anonymised else "rp-xlsx-caption"
    where = escape(scope_name(report.scope, _)[:300])
    await query.bot.send_document(
        query.from_user.id,
        BufferedInputFile(data, filename=name),
        caption=_(caption_key, scope=where, count=report.counts.teachers),
    )

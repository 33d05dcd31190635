"""The consultations report as a spreadsheet: the summary, by topic, by municipality, a row per
question (no names: the report is about the service, not the people) and «Как считается». Built by
`reports.workbook`, the one safe writer (formula-like text stays text)."""

from __future__ import annotations

import asyncio

from bot.domain.consult_staff import RATINGS, Group, hours_to_first_answer, within_sla
from bot.i18n import Translator
from bot.services.consult_staff.views import Report
from bot.services.reports import Sheet, workbook
from bot.ui.consult_staff.common import at, subject, topic


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _groups(groups: list[Group], label: object, _: Translator) -> list[list[object]]:
    return [
        [
            label(g.key),  # type: ignore[operator]
            g.asked,
            g.answered,
            g.within,
            g.judged,
            _share(g.within, g.judged),
            _round(g.median_hours),
        ]
        for g in groups
    ]


def report_sheets(view: Report, _: Translator, zone: str) -> list[Sheet]:
    f = view.figures
    summary: list[list[object]] = [
        [_("cst-x-period"), _(f"cst-x-period-{view.period.value}")],
        [_("cst-x-since"), view.since],
        [_("cst-x-until"), view.today],
        [_("cst-x-asked"), f.asked],
        [_("cst-x-open"), f.open],
        [_("cst-x-answered"), f.answered],
        [_("cst-x-median"), _round(f.median_hours)],
        [_("cst-x-p90"), _round(f.p90_hours)],
        [_("cst-x-within"), f.within],
        [_("cst-x-judged"), f.judged],
        [_("cst-x-within-share"), _share(f.within, f.judged)],
        [_("cst-x-rated"), f.rated],
        [_("cst-x-mean"), None if f.mean_rating is None else round(f.mean_rating, 2)],
        *[[_("cst-x-stars", stars=r), f.ratings[r]] for r in RATINGS],
    ]
    group_header = [
        _("cst-x-col-asked"),
        _("cst-x-col-answered"),
        _("cst-x-col-within"),
        _("cst-x-col-judged"),
        _("cst-x-col-share"),
        _("cst-x-col-median"),
    ]
    questions: list[list[object]] = []
    for row, facts in zip(view.rows, view.facts, strict=True):
        where = row.timezone or zone
        waited = hours_to_first_answer(facts)
        questions.append(
            [
                row.id,
                at(row.created_at, where),
                topic(row.topic, _),
                subject(row.subject, _) if row.subject else "",
                row.municipality or "",
                _(f"cst-x-status-{row.status.value}"),
                at(row.first_answer_at, where) if row.first_answer_at else "",
                _round(waited),
                at(facts.sla_due, where),
                _("cst-x-yes") if within_sla(facts) else (_("cst-x-no") if waited is not None else ""),
                row.rating,
            ]
        )
    how = [[_(f"cst-x-how-{n}")] for n in range(1, 8)]
    return [
        Sheet(_("cst-x-sheet-summary"), [], summary, table=False, bold_first=True),
        Sheet(
            _("cst-x-sheet-topics"),
            [_("cst-x-col-topic"), *group_header],
            _groups(f.by_topic, lambda key: topic(key, _), _),
        ),
        Sheet(
            _("cst-x-sheet-places"),
            [_("cst-x-col-place"), *group_header],
            _groups(f.by_municipality, lambda key: key or _("cst-place-unknown"), _),
        ),
        Sheet(
            _("cst-x-sheet-questions"),
            [
                _("cst-x-col-id"),
                _("cst-x-col-when"),
                _("cst-x-col-topic"),
                _("cst-x-col-subject"),
                _("cst-x-col-place"),
                _("cst-x-col-status"),
                _("cst-x-col-first"),
                _("cst-x-col-hours"),
                _("cst-x-col-due"),
                _("cst-x-col-in-time"),
                _("cst-x-col-rating"),
            ],
            questions,
        ),
        Sheet(_("cst-x-sheet-how"), [_("cst-x-sheet-how")], how, table=False),
    ]


async def report_xlsx(view: Report, _: Translator, zone: str) -> tuple[bytes, str]:
    """The file and its name; built off the event loop (openpyxl writes cell by cell)."""
    sheets = report_sheets(view, _, zone)
    content = await asyncio.to_thread(workbook, sheets)
    return content, f"konsultacii-{view.period.value}-{view.today.isoformat()}.xlsx"

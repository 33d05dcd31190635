"""The indicators report as XLSX, ready to send to the region.

Sheets: «Сводка» (every indicator with its target, value, numerator, denominator, whether it is
met and how it is counted, in words; the scope, the period, the counts), one sheet per indicator
(per municipality, or per school within a municipality, and the total), «Педагоги» (a row per
teacher with what they count in — by name, or by a pseudonym in the anonymised file, sorted by it)
and «Дефициты» (area × group).
Write-only openpyxl, values as numbers so the region can sum and filter; run it in a thread.
"""

from __future__ import annotations

import io

import numpy as np
from openpyxl import Workbook

from bot.domain import indicators as domain
from bot.domain.indicators import TARGETS, Indicator, Share, target_of
from bot.i18n import Translator
from bot.services.indicators import Report
from bot.services.reports import add_sheet, safe_sheet_title

# The per-teacher columns: which flag (a column of `FlagTable`), under which title key.
TEACHER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("rp-col-young", "young"),
    ("rp-col-diagnosed", "diagnosed"),
    ("rp-col-recommended", "recommended"),
    ("rp-col-route", "route"),
    ("rp-col-trajectory", "trajectory"),
    ("rp-col-route-due", "route_due"),
    ("rp-col-route-done", "route_done"),
    ("rp-col-mentored", "mentored"),
    ("rp-col-mentoring", "mentoring"),
    ("rp-col-events", "events"),
    ("rp-col-contest", "contest"),
    ("rp-col-community", "community"),
    ("rp-col-course", "course"),
    ("rp-col-informed", "informed"),
    ("rp-col-involved", "involved"),
    ("rp-col-practice", "practice"),
)


def _met(share: Share, target: int | None, _: Translator) -> str:
    met = share.met(target)
    return "" if met is None else _("rp-x-yes") if met else _("rp-x-no")


def indicators_xlsx(report: Report, _: Translator, *, anonymised: bool, key: bytes) -> bytes:
    wb = Workbook(write_only=True)
    period = report.period
    header = [
        _("rp-x-indicator"),
        _("rp-x-target"),
        _("rp-x-value"),
        _("rp-x-n"),
        _("rp-x-total"),
        _("rp-x-met"),
        _("rp-x-how"),
    ]
    summary: list[list[object]] = []
    for indicator, share in report.shares.items():
        target = target_of(indicator)  # None: the seeds give no figure (left empty)
        summary.append(
            [
                _(f"rp-ind-{indicator.value}"),
                target,
                share.percent,
                share.n,
                share.total,
                _met(share, target, _),
                _(f"rp-how-{indicator.value}"),
            ]
        )
    involved = TARGETS[Indicator.INVOLVED]
    for target_group, share in report.by_target_group.items():  # part 11: «involved» per target group
        summary.append(
            [
                _("tg-rp-row", group=_(f"tg-group-{target_group}")),
                involved.percent,
                share.percent,
                share.n,
                share.total,
                _met(share, involved.percent, _),
                _("tg-rp-how"),
            ]
        )
    for att, share in report.attestation.items():
        summary.append(
            [
                _(f"rp-att-{att.value}"),
                None,
                share.percent,
                share.n,
                share.total,
                "",
                _(f"rp-att-how-{att.value}"),
            ]
        )
    counts = report.counts
    summary += [
        [],
        [_("rp-x-scope"), report.scope.title(_("rp-scope-region"))],
        [_("rp-x-period"), f"{period.first_day:%d.%m.%Y} – {period.last_day:%d.%m.%Y}"],
        [_("rp-count-teachers"), counts.teachers],
        [_("rp-count-young"), counts.young],
        [_("rp-count-first"), counts.category_first],
        [_("rp-count-highest"), counts.category_highest],
        [_("rp-count-course"), counts.course],
        [_("rp-count-contest"), counts.contest],
        [_("rp-count-mentors"), counts.mentors],
        [_("rp-count-experts"), counts.experts],
    ]
    add_sheet(wb, safe_sheet_title(_("rp-x-summary")), header, summary, table=False)

    unknown = _("rp-x-unknown")
    group_title = _("rp-x-school") if report.by_school else _("rp-x-municipality")
    breakdown = report.breakdown()
    order = sorted(breakdown, key=lambda g: (g is None, report.group_name(g, unknown)))
    used: set[str] = {safe_sheet_title(_("rp-x-summary")).casefold()}
    for indicator in Indicator:
        goal = target_of(indicator)
        rows: list[list[object]] = []
        for group in order:
            share = breakdown[group][indicator]
            rows.append(
                [
                    report.group_name(group, unknown),
                    share.n,
                    share.total,
                    share.percent,
                    goal,
                    _met(share, goal, _),
                ]
            )
        total = report.shares[indicator]
        rows.append([_("rp-x-all"), total.n, total.total, total.percent, goal, _met(total, goal, _)])
        title = safe_sheet_title(_(f"rp-sheet-{indicator.value}"))
        used.add(title.casefold())
        add_sheet(
            wb,
            title,
            [group_title, _("rp-x-n"), _("rp-x-total"), _("rp-x-value"), _("rp-x-target"), _("rp-x-met")],
            rows,
            table=True,
        )

    person = [_("rp-x-code")] if anonymised else [_("rp-x-name")]
    teacher_header = [
        *person,
        _("rp-x-municipality"),
        _("rp-x-school"),
        _("rp-x-category"),
        *(_(title) for title, _flag in TEACHER_COLUMNS),
    ]
    municipalities, schools = report.municipality_names, report.school_names
    categories = {c: _(f"category-{c}") for c in ("none", "first", "highest")}
    teacher_rows: list[list[object]] = []
    t = report.teachers
    # The flags as 1/0 straight from the columns: 1.5 million cells for 100,000 teachers.
    marks = np.column_stack(
        [np.asarray(getattr(report.flags, name), dtype=np.uint8) for _title, name in TEACHER_COLUMNS]
    ).tolist()
    for user_id, name, municipality, school, category, row_marks in zip(
        t.user_id, t.full_name, t.municipality_id, t.school_id, t.category, marks, strict=True
    ):
        who = domain.pseudonym(user_id, key) if anonymised else (name or "")
        teacher_rows.append(
            [
                who,
                municipalities.get(municipality, "") if municipality is not None else "",
                schools.get(school, "") if school is not None else "",
                categories.get(category, "") if category is not None else "",
                *row_marks,
            ]
        )
    if anonymised:
        # By code: the named file's order (by name, by municipality) would tell who is who.
        teacher_rows.sort(key=lambda row: str(row[0]))
    add_sheet(
        wb, safe_sheet_title(_("rp-x-teachers")), teacher_header, teacher_rows, table=True, plain_from=4
    )

    matrix = report.deficits
    areas = [report.area_titles.get(a, a) for a in matrix.areas]
    deficit_rows: list[list[object]] = []
    for g, group in enumerate(matrix.groups):
        values: list[object] = [report.group_name(group, unknown)]
        for a in range(len(matrix.areas)):
            share = matrix.share(g, a)
            values += [share.percent, share.total]
        deficit_rows.append(values)
    deficit_header: list[object] = [group_title]
    for area in areas:
        deficit_header += [_("rp-x-high", area=area), _("rp-x-rated", area=area)]
    add_sheet(wb, safe_sheet_title(_("rp-x-deficits")), deficit_header, deficit_rows, table=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()

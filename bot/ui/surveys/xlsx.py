"""A survey's answers as XLSX: «Итоги» (per question, per option), «Ответы» (a row per finished
questionnaire, answers as given — with the person only when the campaign is not anonymous), and
«Волны» (how many were asked and answered each time, and how many answers the file holds). An
anonymous wave with fewer than `ANONYMOUS_MIN` answers is not in the file at all (see
`bot.services.surveys`' export). Write-only openpyxl; run in a thread."""

from __future__ import annotations

import io

from openpyxl import Workbook

from bot.domain import surveys as domain
from bot.domain.surveys import QType
from bot.i18n import Translator
from bot.services.reports import add_sheet, safe_sheet_title
from bot.services.surveys import Export
from bot.ui.keyboard import shorten
from bot.ui.sheet_time import local_cell, zoned_title


def _period(period: str, _: Translator) -> str:
    return _("ss-period-once") if period == domain.ONCE_PERIOD else period


def answers_xlsx(found: Export, _: Translator) -> bytes:
    template, rows = found.template, found.rows
    anonymous = found.campaign.anonymous
    wb = Workbook(write_only=True)
    summaries = domain.summarize(template, [r.answers for r in rows])
    summary_rows: list[list[object]] = []
    for number, summary in enumerate(summaries, 1):
        q = summary.question
        summary_rows.append([number, q.text, _(f"ss-type-{q.type.value}"), summary.answered, "", ""])
        if q.type in (QType.SINGLE, QType.MULTI, QType.SCALE):
            for label, n in summary.counts:
                share = round(n / summary.answered, 4) if summary.answered else 0
                summary_rows.append(["", "", label, n, share, ""])
        if q.type in (QType.SCALE, QType.NUMBER) and summary.mean is not None:
            summary_rows.append(["", "", _("ss-x-mean"), "", "", round(summary.mean, 2)])
            summary_rows.append(["", "", _("ss-x-median"), "", "", summary.median])
    add_sheet(
        wb,
        safe_sheet_title(_("ss-x-summary")),
        ["№", _("ss-x-question"), _("ss-x-option"), _("ss-x-count"), _("ss-x-share"), _("ss-x-value")],
        summary_rows,
        table=False,
    )
    person_header = (
        [] if anonymous else [_("ss-x-name"), _("ss-x-municipality"), _("ss-x-school"), _("ss-x-date")]
    )
    header = [
        _("ss-x-wave"),
        *person_header,
        *(f"{i}. {shorten(q.text, 80)}" for i, q in enumerate(template.questions, 1)),
    ]
    answer_rows: list[list[object]] = []
    for row in rows:
        person: list[object] = []
        if not anonymous:
            who = row.person
            person = [
                who.full_name if who is not None else _("ss-x-deleted"),
                who.municipality.name if who is not None and who.municipality is not None else "",
                who.school.name if who is not None and who.school is not None else "",
                row.submitted_on,
            ]
        values: list[object] = []
        for q in template.questions:
            value = row.answers.get(q.id)
            values.append(value if isinstance(value, int | float) else domain.as_given(q, value))
        answer_rows.append([_period(row.period, _), *person, *values])
    add_sheet(wb, safe_sheet_title(_("ss-x-answers")), header, answer_rows, table=True)
    wave_rows: list[list[object]] = [
        [
            _period(w.wave.period, _),
            local_cell(w.wave.opens_at, found.timezone),
            local_cell(w.wave.closes_at, found.timezone),
            w.invited,
            w.answered,
            round(w.answered / w.invited, 4) if w.invited else 0,
            found.in_file.get(w.wave.id, 0),
        ]
        for w in found.waves
    ]
    add_sheet(
        wb,
        safe_sheet_title(_("ss-x-waves")),
        [
            _("ss-x-wave"),
            zoned_title(_("ss-x-opens"), _, found.timezone, found.now),
            zoned_title(_("ss-x-closes"), _, found.timezone, found.now),
            _("ss-x-invited"),
            _("ss-x-answered"),
            _("ss-x-share"),
            _("ss-x-in-file"),
        ],
        wave_rows,
        table=True,
    )
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()

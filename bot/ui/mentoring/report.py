"""The mentoring report as a spreadsheet: summary, pairs, mentors and the meeting log."""

from __future__ import annotations

import asyncio

from bot.i18n import Translator
from bot.services import reports
from bot.services.mentoring.report import MeetingRow, Report
from bot.services.mentoring.views import ReportFile
from bot.services.reports import Sheet
from bot.ui.mentoring.common import place_of, school_of, state_of


def report_sheets(report: Report, meetings: list[MeetingRow], _: Translator) -> list[Sheet]:
    """The report as a spreadsheet for the region: summary, pairs, mentors and the meeting log.
    Free text (names, schools, topics, comments) goes in as data: `reports.workbook` keeps it text."""
    a = report.adaptation
    summary = [
        (_("mts-col-youngs"), report.youngs),
        (_("mts-col-covered"), report.covered),
        (_("mts-col-coverage"), report.coverage),
        (_("mts-col-pairs"), len(report.pairs)),
        (_("mts-col-risk"), len(report.at_risk)),
        (_("mts-col-per-month"), report.per_month),
        (_("mts-col-rating"), report.rating),
        (_("mts-col-adaptation"), a.answered),
        (_("mts-col-support"), a.support_avg),
        (_("mts-col-overloaded"), a.overloaded),
        (_("mts-col-may-leave"), a.may_leave),
    ]
    pairs = [
        (
            row.mentee.full_name or "",
            place_of(row.mentee),
            school_of(row.mentee),
            row.mentor.full_name or "",
            school_of(row.mentor),
            _(f"mn-status-{row.pair.status}"),
            row.pair.period_start,
            row.meetings,
            row.per_month,
            row.rating,
            _(f"mn-fit-{row.pair.fit_answer}") if row.pair.fit_answer else "",
            _("mts-yes") if row.at_risk else "",
        )
        for row in report.pairs
    ]
    mentors = [
        (
            load.mentor.full_name or "",
            place_of(load.mentor),
            school_of(load.mentor),
            load.load,
            load.capacity,
            load.about or "",
        )
        for load in report.mentors
    ]
    log = [
        (
            row.meeting.held_on,
            row.mentee.full_name or "",
            row.mentor.full_name or "",
            _(f"mn-format-{row.meeting.format}"),
            row.meeting.topic,
            row.meeting.minutes,
            _(f"mts-meeting-{state_of(row.meeting)}"),
            row.meeting.rating,
            row.meeting.rating_comment or "",
            row.meeting.note or "",
        )
        for row in meetings
    ]
    return [
        Sheet(_("mts-sheet-summary"), (), summary, table=False, bold_first=True),
        Sheet(
            _("mts-sheet-pairs"),
            (
                _("mts-col-mentee"),
                _("mts-col-municipality"),
                _("mts-col-mentee-school"),
                _("mts-col-mentor"),
                _("mts-col-mentor-school"),
                _("mts-col-status"),
                _("mts-col-since"),
                _("mts-col-meetings"),
                _("mts-col-per-month"),
                _("mts-col-rating"),
                _("mts-col-fit"),
                _("mts-col-risk"),
            ),
            pairs,
        ),
        Sheet(
            _("mts-sheet-mentors"),
            (
                _("mts-col-mentor"),
                _("mts-col-municipality"),
                _("mts-col-school"),
                _("mts-col-load"),
                _("mts-col-capacity"),
                _("mts-col-about"),
            ),
            mentors,
        ),
        Sheet(
            _("mts-sheet-meetings"),
            (
                _("mts-col-date"),
                _("mts-col-mentee"),
                _("mts-col-mentor"),
                _("mts-col-format"),
                _("mts-col-topic"),
                _("mts-col-minutes"),
                _("mts-col-confirmed"),
                _("mts-col-meeting-rating"),
                _("mts-col-comment"),
                _("mts-col-note"),
            ),
            log,
        ),
    ]


async def report_xlsx(data: ReportFile, _: Translator) -> tuple[bytes, str]:
    """The workbook (built in a thread) and its file name."""
    content = await asyncio.to_thread(reports.workbook, report_sheets(data.report, data.meetings, _))
    return content, f"mentoring-{data.day.isoformat()}.xlsx"

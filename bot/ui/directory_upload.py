"""Screens of loading the directory from a file: the request for the file, a refused file, the
preview of what it changes, the result; and the current directory as a spreadsheet."""

from __future__ import annotations

from datetime import datetime
from html import escape

from bot.callbacks import MenuCD, Section
from bot.callbacks.directory import DirectoryAction, DirectoryCD
from bot.i18n import Translator
from bot.services.directory import ImportReport, RowProblem
from bot.services.directory_check import MAX_UPLOAD_BYTES
from bot.services.directory_upload import CSV_COLUMNS, Changes, DirectoryRow, Preview, Rejected
from bot.services.directory_upload import EXAMPLES as EXAMPLES_SHOWN
from bot.services.reports import results_xlsx
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from bot.ui.zones import zone_text

NAME_CHARS = 70  # a school's or a municipality's name in an example line
PROBLEMS_SHOWN = 5


def _q(text: str) -> str:
    return escape(shorten(text, NAME_CHARS))


def _sample_and_cancel(_: Translator, token: str = "") -> Keyboard:
    builder = Keyboard()
    builder.button(text=_("dirup-btn-sample"), callback_data=DirectoryCD(action=DirectoryAction.SAMPLE))
    builder.button(text=_("btn-cancel"), callback_data=DirectoryCD(action=DirectoryAction.CANCEL, t=token))
    builder.adjust(1)
    return builder


def _back_row(_: Translator) -> Keyboard:
    builder = Keyboard()
    builder.button(text=_("dirup-btn-directory"), callback_data=MenuCD(section=Section.DIRECTORY))
    builder.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    builder.adjust(1)
    return builder


def upload_button(builder: Keyboard, _: Translator) -> None:
    """«📥 Загрузить справочник» on the directory screen (admins only)."""
    builder.button(text=_("dirup-btn-upload"), callback_data=DirectoryCD(action=DirectoryAction.UPLOAD))


def prompt_screen(_: Translator) -> Screen:
    text = _(
        "dirup-prompt",
        limit=MAX_UPLOAD_BYTES // (1024 * 1024),
        columns=", ".join(CSV_COLUMNS),
    )
    return text, _sample_and_cancel(_).as_markup()


def not_a_file_screen(_: Translator) -> Screen:
    return _("dirup-send-file"), _sample_and_cancel(_).as_markup()


def problem_text(problem: RowProblem, _: Translator) -> str:
    """A skipped row in words: «Строка 4: часовой пояс «Europe/Kostroma» мне неизвестен»."""
    match problem.kind:
        case "missing-columns":
            what = _("dirup-problem-missing-columns", columns=escape(problem.value))
        case "school-repeats":
            what = _("dirup-problem-school-repeats", code=_q(problem.value))
        case "municipality-differs":
            what = _("dirup-problem-municipality-differs", code=_q(problem.value))
        case _:
            what = "; ".join(
                _(
                    f"dirup-issue-{issue.kind}",
                    column=_(f"dirup-column-{issue.column}"),
                    value=_q(issue.value),
                    limit=issue.limit,
                )
                for issue in problem.issues
            )
    return _("dirup-problem-line", line=problem.line, what=what)


def _problems(problems: list[RowProblem], _: Translator) -> list[str]:
    lines = [problem_text(p, _) for p in problems[:PROBLEMS_SHOWN]]
    if len(problems) > PROBLEMS_SHOWN:
        lines.append(_("dirup-more", count=len(problems) - PROBLEMS_SHOWN))
    return lines


def rejected_screen(rejected: Rejected, _: Translator) -> Screen:
    name = _q(rejected.name)
    if rejected.refusal is not None:
        reason = _(f"dirup-refused-{rejected.refusal.key}", **rejected.refusal.args)
    elif any(p.kind == "missing-columns" for p in rejected.problems):
        reason = problem_text(rejected.problems[0], _)
    else:
        reason = _("dirup-refused-no-rows", count=len(rejected.problems))
        reason += "\n" + "\n".join(_problems(rejected.problems, _))
    return _("dirup-rejected", name=name, reason=reason), _sample_and_cancel(_).as_markup()


def _examples(changes: Changes, now: datetime, _: Translator) -> list[str]:
    lines: list[str] = []
    for name in changes.municipalities_added[:EXAMPLES_SHOWN]:
        lines.append(_("dirup-ex-muni-added", name=_q(name)))
    for muni in changes.municipalities_changed[:EXAMPLES_SHOWN]:
        if muni.old_name != muni.new_name:
            lines.append(_("dirup-ex-muni-renamed", old=_q(muni.old_name), new=_q(muni.new_name)))
        if muni.old_timezone != muni.new_timezone:
            lines.append(
                _(
                    "dirup-ex-muni-zone",
                    name=_q(muni.new_name),
                    old=zone_text(_, muni.old_timezone, now),
                    new=zone_text(_, muni.new_timezone, now),
                )
            )
    for name in changes.municipalities_removed[:EXAMPLES_SHOWN]:
        lines.append(_("dirup-ex-muni-removed", name=_q(name)))
    for label, muni_name in changes.schools_added[:EXAMPLES_SHOWN]:
        lines.append(_("dirup-ex-school-added", name=_q(label), municipality=_q(muni_name)))
    for change in changes.schools_changed[:EXAMPLES_SHOWN]:
        old, new = _q(change.old_label), _q(change.new_label)
        if old != new:
            lines.append(_("dirup-ex-school-renamed", old=old, new=new))
        if change.moved_to is not None:
            lines.append(_("dirup-ex-school-moved", name=new, municipality=_q(change.moved_to)))
        if old == new and change.moved_to is None:
            lines.append(_("dirup-ex-school-full-name", name=new))
    for name in changes.schools_removed[:EXAMPLES_SHOWN]:
        lines.append(_("dirup-ex-school-removed", name=_q(name)))
    return lines


def _figures(changes: Changes, _: Translator) -> str:
    return _(
        "dirup-figures",
        m_added=len(changes.municipalities_added),
        m_changed=len(changes.municipalities_changed),
        m_removed=len(changes.municipalities_removed),
        s_added=len(changes.schools_added),
        s_changed=len(changes.schools_changed),
        s_removed=len(changes.schools_removed),
    )


def preview_screen(preview: Preview, now: datetime, _: Translator, *, stale: bool = False) -> Screen:
    pending, changes = preview.pending, preview.changes
    parts = []
    if stale:
        parts.append(_("dirup-stale"))
    parts.append(
        _(
            "dirup-preview-head",
            name=_q(pending.name),
            rows=pending.rows,
            good=pending.rows - len(pending.problems),
        )
    )
    if changes.total:
        parts.append(_figures(changes, _))
        parts.append(_("dirup-examples") + "\n" + "\n".join(_examples(changes, now, _)))
    else:
        parts.append(_("dirup-no-changes"))
    if changes.kept_in_use:
        parts.append(_("dirup-kept-in-use", count=changes.kept_in_use))
    if pending.problems:
        head = _("dirup-problems", count=len(pending.problems))
        if changes.kept_for_errors:
            head += " " + _("dirup-problems-keep", count=changes.kept_for_errors)
        parts.append(head + "\n" + "\n".join(_problems(pending.problems, _)))
    if not changes.total:
        return "\n\n".join(parts), _back_row(_).as_markup()
    parts.append(_("dirup-confirm"))
    builder = Keyboard()
    builder.button(
        text=_("dirup-btn-apply"), callback_data=DirectoryCD(action=DirectoryAction.APPLY, t=pending.token)
    )
    builder.button(
        text=_("btn-cancel"), callback_data=DirectoryCD(action=DirectoryAction.CANCEL, t=pending.token)
    )
    builder.adjust(1)
    return "\n\n".join(parts), builder.as_markup()


def applied_screen(report: ImportReport, _: Translator) -> Screen:
    text = _(
        "dirup-applied",
        m_added=report.municipalities_added,
        m_changed=report.municipalities_updated,
        m_removed=report.removed_municipalities,
        s_added=report.schools_added,
        s_changed=report.schools_updated,
        s_removed=report.removed_schools,
    )
    if report.kept_in_use:
        text += "\n\n" + _("dirup-kept-in-use", count=report.kept_in_use)
    return text, _back_row(_).as_markup()


def cancelled_screen(_: Translator) -> Screen:
    return _("dirup-cancelled"), _back_row(_).as_markup()


def directory_xlsx(rows: list[DirectoryRow], _: Translator) -> bytes:
    """The directory in the import's own columns: download, edit, send back."""
    table: list[list[object]] = [
        [
            r.municipality_code,
            r.municipality_name,
            r.timezone,
            r.school_code,
            r.school_name,
            r.school_short_name,
            r.school_shnor,
        ]
        for r in rows
    ]
    return results_xlsx(list(CSV_COLUMNS), table, sheet_title=_("dirup-sheet-title"))


def sample_caption(rows: list[DirectoryRow], _: Translator) -> str:
    municipalities = len({r.municipality_code for r in rows})
    schools = sum(1 for r in rows if r.school_code)
    return _("dirup-sample-caption", municipalities=municipalities, schools=schools)

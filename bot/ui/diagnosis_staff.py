"""Screens of the diagnosis for staff and methodists: aggregates of a slice with their chart, the
results file, content uploads, and a teacher's results as their methodist sees them."""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import Any

from aiogram.types import BufferedInputFile, CallbackQuery

from bot.callbacks import (
    MenuCD,
    MethodistAction,
    MethodistCD,
    Section,
    StatAction,
    StatCD,
    UploadAction,
    UploadCD,
)
from bot.domain.diagnostics import Questionnaire
from bot.domain.profile import SUBJECTS
from bot.i18n import Translator
from bot.services import charts, reports
from bot.services.content import NotStaged, Parsed, Preview, Rejected
from bot.services.diagnosis_staff import Aggregate, Ask, Export, Municipalities, Stats, TeacherView
from bot.ui.diagnosis import clip, render_radar, results_text
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen, show
from bot.ui.sheet_time import local_cell, zoned_title
from storage.models import User

LABEL = 60  # characters of a title or a name on a button
TEACHERS_SHOWN = 30


def _cd(action: StatAction, ask: Ask, **changes: Any) -> StatCD:
    """A button asking for `ask` with `changes` (say, another school)."""
    a = replace(ask, **changes)
    return StatCD(action=action, q=a.q, m=a.m, s=a.s, sub=a.sub)


def ask_of(cd: StatCD) -> Ask:
    return Ask(cd.q, cd.m, cd.s, cd.sub)


# --- aggregates ----------------------------------------------------------------------------------


def questionnaires_screen(questionnaires: list[Questionnaire], _: Translator) -> Screen:
    kb = Keyboard()
    for questionnaire in questionnaires:
        kb.button(
            text=shorten(questionnaire.title, LABEL),
            callback_data=StatCD(action=StatAction.SCOPE, q=questionnaire.id),
        )
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    return _("stats-pick-questionnaire"), kb.as_markup()


def municipalities_screen(choice: Municipalities, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("stats-region"), callback_data=StatCD(action=StatAction.SHOW, q=choice.q))
    for muni_id, name in choice.items:
        kb.button(text=name, callback_data=StatCD(action=StatAction.SHOW, q=choice.q, m=muni_id))
    kb.button(text=_("btn-back"), callback_data=MenuCD(section=Section.DIAG_STATS))
    return _("stats-pick-scope"), kb.as_markup()


def scope_name(stats: Stats, _: Translator) -> str:
    parts = [p for p in (stats.municipality, stats.school) if p]
    if stats.subject:
        parts.append(_(f"subject-{stats.subject}"))
    return ", ".join(parts) or _("stats-region")


def aggregate_text(agg: Aggregate, scope: str, _: Translator) -> str:
    lines = [
        _("stats-title", title=escape(agg.questionnaire.title), scope=escape(scope)),
        _("stats-diagnosed", diagnosed=agg.diagnosed, teachers=agg.teachers, share=agg.share),
        "",
    ]
    for _area, title, high, medium, low in agg.areas:
        lines.append(_("stats-area", area=escape(title), high=high, medium=medium, low=low))
    return clip("\n".join(lines))


def stats_screen(stats: Stats, _: Translator) -> Screen:
    agg, ask = stats.aggregate, stats.ask
    if agg is None:
        return _("diag-gone"), None
    kb = Keyboard()
    kb.button(text=_("stats-btn-xlsx"), callback_data=_cd(StatAction.XLSX, ask))
    kb.button(text=_("stats-btn-subject"), callback_data=_cd(StatAction.SUBJECTS, ask, sub=""))
    if ask.m:
        kb.button(text=_("stats-btn-school"), callback_data=_cd(StatAction.SCHOOLS, ask, s=0))
    kb.button(text=_("btn-back"), callback_data=StatCD(action=StatAction.SCOPE, q=ask.q))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return aggregate_text(agg, scope_name(stats, _), _), kb.as_markup()


async def show_stats(query: CallbackQuery, stats: Stats, _: Translator) -> None:
    """The aggregate in place of the screen, then its chart of levels by area."""
    await show(query, stats_screen(stats, _))
    agg = stats.aggregate
    if agg is None or query.bot is None:
        return
    png = await charts.draw(
        charts.distribution_png,
        [(title, high, medium, low) for _id, title, high, medium, low in agg.areas],
        title=f"{agg.questionnaire.title} — {scope_name(stats, _)}",
        legend=(_("level-high"), _("level-medium"), _("level-low")),
    )
    await query.bot.send_photo(query.from_user.id, BufferedInputFile(png, filename="deficits.png"))


def subjects_screen(ask: Ask, _: Translator) -> Screen:
    kb = Keyboard()
    for code in SUBJECTS:
        kb.button(text=_(f"subject-{code}"), callback_data=_cd(StatAction.SHOW, ask, sub=code))
    kb.button(text=_("btn-back"), callback_data=_cd(StatAction.SHOW, ask, sub=""))
    kb.adjust(2)
    return _("stats-pick-subject"), kb.as_markup()


def schools_screen(ask: Ask, schools: list[tuple[int, str]], _: Translator) -> Screen:
    kb = Keyboard()
    for school_id, name in schools:
        kb.button(text=shorten(name, LABEL), callback_data=_cd(StatAction.SHOW, ask, s=school_id))
    kb.button(text=_("btn-back"), callback_data=_cd(StatAction.SHOW, ask, s=0, sub=""))
    kb.adjust(2)
    return _("stats-pick-school"), kb.as_markup()


def results_xlsx(export: Export, _: Translator) -> bytes:
    """Every teacher's latest results in the slice, a row each (seconds of CPU for a region: run it
    in a thread)."""
    questionnaire = export.questionnaire
    date = zoned_title(_("xlsx-date"), _, export.timezone, export.now)
    header = [_("xlsx-name"), _("xlsx-municipality"), _("xlsx-school"), _("xlsx-subjects"), date]
    for area in questionnaire.areas:
        header += [f"{area.title}, %", f"{area.title}: {_('xlsx-level')}"]
    body = []
    for row in export.rows:
        line: list[object] = [
            row.full_name or "",
            row.municipality or "",
            row.school or "",
            ", ".join(_(f"subject-{s}") for s in row.subjects),
            local_cell(row.finished_at, export.timezone),
        ]
        for area in questionnaire.areas:
            score, level = row.areas.get(area.id, (None, None))
            line += [score, _(f"level-{level}") if level is not None else ""]
        body.append(line)
    return reports.results_xlsx(header, body, sheet_title=questionnaire.title[:31])


async def send_results(query: CallbackQuery, export: Export, data: bytes, _: Translator) -> None:
    """The results file (`results_xlsx`), with its caption."""
    questionnaire = export.questionnaire
    if query.bot is not None:
        await query.bot.send_document(
            query.from_user.id,
            BufferedInputFile(data, filename=f"diagnosis-{questionnaire.id}.xlsx"),
            caption=_("stats-xlsx-caption", title=questionnaire.title, count=len(export.rows)),
        )


# --- uploads ---------------------------------------------------------------------------------------

UPLOAD_ERRORS_SHOWN = 15


def upload_refused(parsed: Parsed, _: Translator) -> str:
    """Why a file was not taken: the whole-file reason in the user's words, or the fields at fault."""
    if parsed.refusal is not None:
        # `where` names fields and keys of the file itself: text from the upload, escaped.
        args = {k: escape(v) if isinstance(v, str) else v for k, v in parsed.refusal.args.items()}
        return _(f"upload-{parsed.refusal.key}", **args)
    shown = "\n".join(f"• {line}" for line in parsed.errors[:UPLOAD_ERRORS_SHOWN])
    text = _("upload-invalid", errors=escape(shown))
    if len(parsed.errors) > UPLOAD_ERRORS_SHOWN:
        text += "\n" + _("upload-more-errors", count=len(parsed.errors) - UPLOAD_ERRORS_SHOWN)
    return clip(text)


def upload_preview(parsed: Parsed, version_id: int, _: Translator) -> Screen:
    """What a checked file holds, with «switch it on» and «cancel»."""
    kb = Keyboard()
    kb.button(
        text=_("upload-btn-activate"), callback_data=UploadCD(action=UploadAction.ACTIVATE, id=version_id)
    )
    kb.button(text=_("btn-cancel"), callback_data=UploadCD(action=UploadAction.DROP, id=version_id))
    kb.adjust(1)
    if parsed.questionnaire is not None:
        q = parsed.questionnaire
        text = _(
            "upload-preview-questionnaire",
            title=escape(q.title),
            version=q.version,
            areas=len(q.areas),
            items=len(q.items),
        )
    else:
        catalogue = parsed.catalogue
        assert catalogue is not None
        recs = sum(len(a.high) + len(a.medium) + len(a.low) for a in catalogue.areas.values())
        text = _("upload-preview-catalogue", version=catalogue.version, areas=len(catalogue.areas), recs=recs)
    return text, kb.as_markup()


def received_screen(received: Rejected | NotStaged | Preview, _: Translator) -> Screen:
    if isinstance(received, Rejected):
        return upload_refused(received.parsed, _), None
    if isinstance(received, NotStaged):
        return _(f"upload-{received.problem.value}"), None
    return upload_preview(received.parsed, received.version_id, _)


def activated_screen(version: int | None, _: Translator) -> Screen:
    return (_("upload-activated", version=version) if version is not None else _("upload-gone")), None


# --- methodists -------------------------------------------------------------------------------------


def teachers_screen(teachers: list[User], _: Translator) -> Screen:
    kb = Keyboard()
    for teacher in teachers[:TEACHERS_SHOWN]:
        kb.button(
            text=shorten(teacher.full_name or "—", LABEL),
            callback_data=MethodistCD(action=MethodistAction.OPEN, user_id=teacher.id),
        )
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    text = _("methodist-teachers", count=len(teachers)) if teachers else _("methodist-teachers-empty")
    return text, kb.as_markup()


async def show_teacher(query: CallbackQuery, view: TeacherView, _: Translator) -> None:
    """A teacher's latest results as a new message, then their radar chart."""
    text = _("methodist-teacher-title", name=escape(view.name or "—")) + "\n\n"
    text += results_text(view.outcome, None, view.timezone, _)
    await show(query, (clip(text), None), edit=False)
    png = await render_radar(view.outcome, _)
    if query.bot is not None:
        await query.bot.send_photo(query.from_user.id, BufferedInputFile(png, filename="diagnosis.png"))

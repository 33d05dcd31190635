"""Diagnosis for staff (aggregates, the results file, uploading content) and for methodists
(results of the teachers who share them).

Role checks: RoleGate on each router. Within it: content is the region's (`content.may_manage`:
admins and regional staff); every aggregate button is resolved by `service.staff_slice`, which
holds municipal staff to their municipality and its schools; a methodist opens a teacher only by
`role_service.methodist_may_see`. A forged button gets a note and nothing else."""

from __future__ import annotations

import asyncio
import logging
from html import escape as escape_html

from aiogram import Bot, F, Router
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import MenuCD, MethodistCD, Section, StatCD, UploadCD
from bot.config import Settings
from bot.domain.diagnostics import Level, Questionnaire
from bot.domain.profile import SUBJECTS
from bot.domain.roles import Role
from bot.domain.time import utc_now
from bot.i18n import Translator
from bot.middlewares import RoleGate
from bot.services import charts, content, reports
from bot.services import diagnosis as service
from bot.services import roles as role_service
from bot.services.diagnosis import diagnosis_service
from bot.ui import diagnosis as screens
from bot.ui.admin import local_time
from bot.ui.diagnosis import render_radar
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import show
from storage.models import User
from storage.repositories import Repos
from storage.repositories.diagnosis import TeacherResult

log = logging.getLogger(__name__)

staff = Router(name=__name__ + ".staff")
staff.message.middleware(RoleGate({Role.STAFF, Role.ADMIN}))
staff.callback_query.middleware(RoleGate({Role.STAFF, Role.ADMIN}))

methodists = Router(name=__name__ + ".methodists")
methodists.callback_query.middleware(RoleGate({Role.METHODIST}))


@staff.callback_query(MenuCD.filter(F.section == Section.DIAG_STATS))
async def pick_questionnaire(query: CallbackQuery, repos: Repos, _: Translator) -> None:
    kb = Keyboard()
    for _version, questionnaire in await content.questionnaires(repos.content):
        kb.button(text=questionnaire.title[:60], callback_data=StatCD(action="scope", q=questionnaire.id))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    await show(query, (_("stats-pick-questionnaire"), kb.as_markup()))


@staff.callback_query(StatCD.filter(F.action == "scope"))
async def pick_scope(
    query: CallbackQuery,
    callback_data: StatCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    bot: Bot,
    _: Translator,
) -> None:
    fixed = role_service.staff_scope(user, roles)
    if fixed is not None:  # municipal staff: no choice, their municipality
        cd = StatCD(action="show", q=callback_data.q, m=fixed)
        await _show_stats(query, cd, service.Slice(municipality_id=fixed), repos, bot, _)
        return
    kb = Keyboard()
    kb.button(text=_("stats-region"), callback_data=StatCD(action="show", q=callback_data.q))
    municipalities, _total = await repos.directory.municipalities(limit=40)
    for muni in municipalities:
        kb.button(text=muni.name, callback_data=StatCD(action="show", q=callback_data.q, m=muni.id))
    kb.button(text=_("btn-back"), callback_data=MenuCD(section=Section.DIAG_STATS))
    await show(query, (_("stats-pick-scope"), kb.as_markup()))


@staff.callback_query(StatCD.filter(F.action == "show"))
async def stats(
    query: CallbackQuery,
    callback_data: StatCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    bot: Bot,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    part = await _slice(callback_data, repos, user, roles)
    if part is None:
        callback_answer.text, callback_answer.show_alert = _("stats-out-of-scope"), True
        return
    await _show_stats(query, callback_data, part, repos, bot, _)


async def _slice(cd: StatCD, repos: Repos, user: User | None, roles: frozenset[Role]) -> service.Slice | None:
    """The teachers a (possibly forged) button asks for, if they are within the actor's reach."""
    return await diagnosis_service(repos, clock=utc_now, timezone="Europe/Moscow").staff_slice(
        role_service.staff_scope(user, roles),
        municipality_id=cd.m,
        school_id=cd.s,
        subject=cd.sub,
    )


async def _scope_name(repos: Repos, part: service.Slice, _: Translator) -> str:
    parts = []
    if part.municipality_id:
        muni = await repos.directory.municipality(part.municipality_id)
        parts.append(muni.name if muni else "?")
    if part.school_id:
        school = await repos.directory.school(part.school_id)
        parts.append((school.short_name or school.name) if school else "?")
    if part.subject:
        parts.append(_(f"subject-{part.subject}"))
    return ", ".join(parts) or _("stats-region")


async def _show_stats(
    query: CallbackQuery, cd: StatCD, part: service.Slice, repos: Repos, bot: Bot, _: Translator
) -> None:
    agg = await diagnosis_service(repos, clock=utc_now, timezone="Europe/Moscow").aggregate(
        cd.q,
        municipality_id=part.municipality_id,
        school_id=part.school_id,
        subject=part.subject,
    )
    if agg is None:
        await show(query, (_("diag-gone"), None))
        return
    scope = await _scope_name(repos, part, _)
    kb = Keyboard()
    kb.button(
        text=_("stats-btn-xlsx"), callback_data=StatCD(action="xlsx", q=cd.q, m=cd.m, s=cd.s, sub=cd.sub)
    )
    kb.button(text=_("stats-btn-subject"), callback_data=StatCD(action="subjects", q=cd.q, m=cd.m, s=cd.s))
    if cd.m:
        kb.button(
            text=_("stats-btn-school"), callback_data=StatCD(action="schools", q=cd.q, m=cd.m, sub=cd.sub)
        )
    kb.button(text=_("btn-back"), callback_data=StatCD(action="scope", q=cd.q))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    await show(query, (screens.aggregate_text(agg, scope, _), kb.as_markup()))
    png = await charts.draw(
        charts.distribution_png,
        [(title, high, medium, low) for _id, title, high, medium, low in agg.areas],
        title=f"{agg.questionnaire.title} — {scope}",
        legend=(_("level-high"), _("level-medium"), _("level-low")),
    )
    await bot.send_photo(query.from_user.id, BufferedInputFile(png, filename="deficits.png"))


@staff.callback_query(StatCD.filter(F.action == "subjects"))
async def pick_subject(
    query: CallbackQuery,
    callback_data: StatCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    if await _slice(callback_data, repos, user, roles) is None:
        callback_answer.text, callback_answer.show_alert = _("stats-out-of-scope"), True
        return
    kb = Keyboard()
    for code in SUBJECTS:
        kb.button(
            text=_(f"subject-{code}"),
            callback_data=StatCD(
                action="show", q=callback_data.q, m=callback_data.m, s=callback_data.s, sub=code
            ),
        )
    kb.button(
        text=_("btn-back"),
        callback_data=StatCD(action="show", q=callback_data.q, m=callback_data.m, s=callback_data.s),
    )
    kb.adjust(2)
    await show(query, (_("stats-pick-subject"), kb.as_markup()), edit=False)


@staff.callback_query(StatCD.filter(F.action == "schools"))
async def pick_school(
    query: CallbackQuery,
    callback_data: StatCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    part = await _slice(callback_data, repos, user, roles)
    if part is None or part.municipality_id is None:
        callback_answer.text, callback_answer.show_alert = _("stats-out-of-scope"), True
        return
    kb = Keyboard()
    schools, _total = await repos.directory.schools(part.municipality_id, query=None, offset=0, limit=60)
    for school in schools:
        kb.button(
            text=(school.short_name or school.name)[:60],
            callback_data=StatCD(
                action="show", q=callback_data.q, m=callback_data.m, s=school.id, sub=callback_data.sub
            ),
        )
    kb.button(text=_("btn-back"), callback_data=StatCD(action="show", q=callback_data.q, m=callback_data.m))
    kb.adjust(2)
    await show(query, (_("stats-pick-school"), kb.as_markup()), edit=False)


@staff.callback_query(StatCD.filter(F.action == "xlsx"))
async def export(
    query: CallbackQuery,
    callback_data: StatCD,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    part = await _slice(callback_data, repos, user, roles)
    if part is None:
        callback_answer.text, callback_answer.show_alert = _("stats-out-of-scope"), True
        return
    version = await repos.content.active_one("questionnaire", callback_data.q)
    if version is None:
        callback_answer.text = _("diag-gone")
        return
    questionnaire = content.as_questionnaire(version)
    rows = await repos.diagnosis.teacher_results(
        callback_data.q,
        municipality_id=part.municipality_id,
        school_id=part.school_id,
        subject=part.subject,
    )
    # Seconds of CPU for a region: built in a worker thread, the bot keeps answering meanwhile.
    data = await asyncio.to_thread(results_xlsx, questionnaire, rows, settings.default_timezone, _)
    callback_answer.text = _("stats-xlsx-sent", count=len(rows))
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(data, filename=f"diagnosis-{questionnaire.id}.xlsx"),
        caption=_("stats-xlsx-caption", title=questionnaire.title, count=len(rows)),
    )


def results_xlsx(questionnaire: Questionnaire, rows: list[TeacherResult], tz: str, _: Translator) -> bytes:
    header = [_("xlsx-name"), _("xlsx-municipality"), _("xlsx-school"), _("xlsx-subjects"), _("xlsx-date")]
    for area in questionnaire.areas:
        header += [f"{area.title}, %", f"{area.title}: {_('xlsx-level')}"]
    body = []
    for row in rows:
        line: list[object] = [
            row.full_name or "",
            row.municipality or "",
            row.school or "",
            ", ".join(_(f"subject-{s}") for s in row.subjects),
            local_time(row.finished_at, tz),
        ]
        for area in questionnaire.areas:
            score, level = row.areas.get(area.id, (None, None))
            line += [score, _(f"level-{level}") if level in {lv.value for lv in Level} else ""]
        body.append(line)
    return reports.results_xlsx(header, body, sheet_title=questionnaire.title[:31])


# --- uploading a questionnaire or the catalogue: the region's (admins, regional staff) -------------


@staff.message(F.document & F.document.file_name.regexp(r"(?i)\.ya?ml$", mode="search"))
async def upload(
    message: Message, bot: Bot, repos: Repos, user: User | None, roles: frozenset[Role], _: Translator
) -> None:
    document = message.document
    assert document is not None
    if not content.may_manage(user, roles):
        await message.answer(_("upload-regional-only"))
        return
    # Refused by the size Telegram reports, before a byte is downloaded; the rest is checked in a
    # child process with a time limit, so a hostile file cannot stop the bot for everyone.
    source = document.file_name or "file.yaml"
    refusal = content.size_refusal(document.file_size)
    if refusal is not None:
        parsed = content.Parsed(refusal=refusal)
    else:
        buffer = await bot.download(document.file_id)
        assert buffer is not None
        parsed = await content.check_upload(buffer.read(), source)
    if parsed.kind == "catalogue" and parsed.catalogue is not None:
        parsed.errors += content.check_catalogue_covers(
            parsed.catalogue, [q for _v, q in await content.questionnaires(repos.content)]
        )
    if parsed.refusal is not None or parsed.errors:
        reason = parsed.refusal.key if parsed.refusal else "errors"
        log.info("upload by %s refused: %s", message.chat.id, reason)  # ids only: not the file's name
        await message.answer(screens.upload_refused(parsed, _))
        return
    staged = await content.stage(
        repos.content,
        parsed,
        source="upload",
        uploaded_by_tg_id=message.from_user.id if message.from_user else None,
    )
    if staged.problem is not None or staged.row is None:
        await message.answer(_(f"upload-{staged.problem or 'same-version'}"))
        return
    if staged.row.active:
        await message.answer(_("upload-already-active"))
        return
    text, markup = screens.upload_preview(parsed, staged.row.id, _)
    await message.answer(text, reply_markup=markup)


@staff.callback_query(UploadCD.filter(F.action == "activate"))
async def activate(
    query: CallbackQuery,
    callback_data: UploadCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    if not content.may_manage(user, roles):
        callback_answer.text, callback_answer.show_alert = _("upload-regional-only"), True
        return
    row = await repos.content.by_id(callback_data.id)
    if row is None:
        await show(query, (_("upload-gone"), None))
        return
    await repos.content.activate(row)
    log.info("user %s activated %s %s v%s", query.from_user.id, row.kind, row.content_id, row.version)
    await show(query, (_("upload-activated", version=row.version), None))


@staff.callback_query(UploadCD.filter(F.action == "drop"))
async def drop(
    query: CallbackQuery,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    if not content.may_manage(user, roles):
        callback_answer.text, callback_answer.show_alert = _("upload-regional-only"), True
        return
    await show(query, (_("upload-dropped"), None))


# --- methodists ---------------------------------------------------------------------------------


@methodists.callback_query(MethodistCD.filter(F.action == "list"))
async def my_teachers(query: CallbackQuery, repos: Repos, user: User | None, _: Translator) -> None:
    teachers = await repos.diagnosis.shared_teachers(role_service.role_scope(user, Role.METHODIST))
    kb = Keyboard()
    for teacher in teachers[:30]:
        kb.button(
            text=(teacher.full_name or "—")[:60], callback_data=MethodistCD(action="open", user_id=teacher.id)
        )
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    text = _("methodist-teachers", count=len(teachers)) if teachers else _("methodist-teachers-empty")
    await show(query, (text, kb.as_markup()))


@methodists.callback_query(MethodistCD.filter(F.action == "open"))
async def teacher_results(
    query: CallbackQuery,
    callback_data: MethodistCD,
    bot: Bot,
    repos: Repos,
    user: User | None,
    settings: Settings,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    teacher = await repos.users.by_id(callback_data.user_id)
    if teacher is None or not role_service.methodist_may_see(user, teacher):
        callback_answer.text, callback_answer.show_alert = _("methodist-not-shared"), True
        return
    finished = await repos.diagnosis.finished(teacher.id)
    if not finished:
        callback_answer.text = _("diag-history-empty")
        return
    outcome = await diagnosis_service(repos, clock=utc_now, timezone="Europe/Moscow").outcome(
        teacher, finished[0].id
    )
    text = _("methodist-teacher-title", name=escape_html(teacher.full_name or "—")) + "\n\n"
    text += screens.results_text(outcome, None, settings.default_timezone, _)
    await show(query, (screens.clip(text), None), edit=False)
    png = await render_radar(outcome, _)
    await bot.send_photo(query.from_user.id, BufferedInputFile(png, filename="diagnosis.png"))

"""Diagnosis for staff (aggregates, the results file, uploading content) and for methodists
(results of the teachers who share them).

Role checks: RoleGate on each router. Within it: content is the region's (`content.may_manage`:
admins and regional staff, checked by `OwnUpload` and `services.content.receive`); every aggregate
button is resolved by `InSlice` (`services.diagnosis_staff.asked`), which holds municipal staff to their
municipality and its schools; a methodist opens a teacher only through `OwnTeacher`
(`methodist_may_see`). A forged button gets a note and nothing else.
"""

from __future__ import annotations

import asyncio

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MenuCD, MethodistAction, MethodistCD, Section
from bot.callbacks.diagnosis import StatAction, StatCD, UploadAction, UploadCD
from bot.context import User
from bot.domain.roles import Role
from bot.filters import owned
from bot.i18n import Translator
from bot.middlewares import RoleGate
from bot.services.content import Upload
from bot.services.diagnosis_staff import Asked, Stats
from bot.turn import Turn
from bot.ui import diagnosis_staff as screens
from bot.ui.messaging import show

OwnUpload = owned("upload", lambda s, who, cd: s.content.upload(who.user, who.roles, cd.id))
OwnTeacher = owned("teacher", lambda s, who, cd: s.diagnosis_staff.teacher(who.user, who.roles, cd.user_id))
# The slice a StatCD button asks for, within the actor's reach, as `asked`.
InSlice = owned("asked", lambda s, who, cd: s.diagnosis_staff.asked(who.user, who.roles, screens.ask_of(cd)))


# --- aggregates -----------------------------------------------------------------------------------


async def pick_questionnaire(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await show(query, screens.questionnaires_screen(await turn.services.diagnosis_staff.questionnaires(), _))


async def pick_scope(query: CallbackQuery, callback_data: StatCD, turn: Turn, _: Translator) -> None:
    view = await turn.services.diagnosis_staff.scopes(turn.user, turn.roles, callback_data.q)
    if isinstance(view, Stats):  # municipal staff: no choice, their municipality
        await screens.show_stats(query, view, _)
    else:
        await show(query, screens.municipalities_screen(view, _))


async def stats(query: CallbackQuery, asked: Asked, turn: Turn, _: Translator) -> None:
    await screens.show_stats(query, await turn.services.diagnosis_staff.stats(asked), _)


async def pick_subject(query: CallbackQuery, asked: Asked, _: Translator) -> None:
    await show(query, screens.subjects_screen(asked.ask, _), edit=False)


async def pick_school(query: CallbackQuery, asked: Asked, turn: Turn, _: Translator) -> None:
    schools = await turn.services.diagnosis_staff.schools(asked)
    await show(query, screens.schools_screen(asked.ask, schools, _), edit=False)


async def export(query: CallbackQuery, asked: Asked, turn: Turn, _: Translator) -> None:
    view = await turn.services.diagnosis_staff.export(asked, turn.user)
    # Seconds of CPU for a region: built in a worker thread, the bot keeps answering meanwhile.
    data = await asyncio.to_thread(screens.results_xlsx, view, _)
    turn.answer.text = _("stats-xlsx-sent", count=len(view.rows))
    await screens.send_results(query, view, data, _)


# --- uploading a questionnaire or the catalogue: the region's (admins, regional staff) -------------


async def upload(message: Message, turn: Turn, _: Translator) -> None:
    document = message.document
    assert document is not None

    async def fetch() -> bytes:
        buffer = await turn.bot.download(document.file_id)
        assert buffer is not None
        return buffer.read()

    received = await turn.services.content.receive(
        turn.user,
        turn.roles,
        name=document.file_name,
        size=document.file_size,
        fetch=fetch,
        uploader_tg_id=message.from_user.id if message.from_user else None,
    )
    text, markup = screens.received_screen(received, _)
    await message.answer(text, reply_markup=markup)


async def activate(query: CallbackQuery, upload: Upload, turn: Turn, _: Translator) -> None:
    version = await turn.services.content.activate(upload, by_tg_id=query.from_user.id)
    await show(query, screens.activated_screen(version, _))


async def drop(query: CallbackQuery, upload: Upload, _: Translator) -> None:
    await show(query, (_("upload-dropped"), None))


# --- methodists ---------------------------------------------------------------------------------


async def my_teachers(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    teachers = await turn.services.diagnosis_staff.shared_teachers(turn.user)
    await show(query, screens.teachers_screen(teachers, _))


async def teacher_results(query: CallbackQuery, teacher: User, turn: Turn, _: Translator) -> None:
    await screens.show_teacher(query, await turn.services.diagnosis_staff.teacher_results(teacher), _)


def build_router() -> Router:
    """Staff first, then methodists (one parent router, in that order)."""
    staff = Router(name=__name__ + ".staff")
    staff.message.middleware(RoleGate({Role.STAFF, Role.ADMIN}))
    staff.callback_query.middleware(RoleGate({Role.STAFF, Role.ADMIN}))
    on = staff.callback_query.register
    on(pick_questionnaire, MenuCD.filter(F.section == Section.DIAG_STATS))
    on(pick_scope, StatCD.filter(F.action == StatAction.SCOPE))
    on(stats, StatCD.filter(F.action == StatAction.SHOW), InSlice())
    on(pick_subject, StatCD.filter(F.action == StatAction.SUBJECTS), InSlice())
    on(pick_school, StatCD.filter(F.action == StatAction.SCHOOLS), InSlice())
    on(export, StatCD.filter(F.action == StatAction.XLSX), InSlice())
    yaml = F.document & F.document.file_name.regexp(r"(?i)\.ya?ml$", mode="search")
    staff.message.register(upload, yaml)
    on(activate, UploadCD.filter(F.action == UploadAction.ACTIVATE), OwnUpload())
    on(drop, UploadCD.filter(F.action == UploadAction.DROP), OwnUpload())

    methodists = Router(name=__name__ + ".methodists")
    methodists.callback_query.middleware(RoleGate({Role.METHODIST}))
    methodists.callback_query.register(my_teachers, MethodistCD.filter(F.action == MethodistAction.LIST))
    methodists.callback_query.register(
        teacher_results, MethodistCD.filter(F.action == MethodistAction.OPEN), OwnTeacher()
    )

    router = Router(name=__name__)
    router.include_routers(staff, methodists)
    return router

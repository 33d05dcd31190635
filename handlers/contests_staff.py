"""Contests for staff (part 11): a contest's stages, its participants with their results entered on
screen, the participants' file (XLSX with registration codes), a results file imported with a
preview (read in a child process), and «✅ Подтверждения» — contests held elsewhere and target
groups that wait for a methodist's or staff's confirmation.

RoleGate(staff, admin, methodist). Which contests each may touch: the events' own rule (the
OwnEvent filter, `services.events_staff.own`); whose records they may confirm: `Reviewer`
(`services.contests.reviewer`) — a methodist their teachers, municipal staff their municipality,
the regional centre and admins everyone."""

from __future__ import annotations

import io

from aiogram import F, Router
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.callbacks import (
    ConfirmAction,
    ConfirmCD,
    ContestStaffAction,
    ContestStaffCD,
    MenuCD,
    Section,
)
from bot.domain.contests import STAGE_PRESETS
from bot.domain.roles import Role
from bot.i18n import Translator
from bot.middlewares import RoleGate, gated
from bot.services.contest_check import read_results_file
from bot.services.contests import EventRow, Problem
from bot.services.directory_check import MAX_UPLOAD_BYTES, kind_of
from bot.turn import Turn
from bot.ui import contests as screens
from bot.ui.messaging import show
from handlers.events_staff.filters import OwnEvent

A = ContestStaffAction


class ContestStaffDialog(StatesGroup):
    stage = State()  # the dates of a stage (data: event, title)
    results = State()  # a results file (data: event); then the preview's rows (data: rows)


async def home(query: CallbackQuery, turn: Turn, event: EventRow, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.staff_screen(await turn.services.contests.staff_view(event), _))


async def stage(
    query: CallbackQuery, callback_data: ContestStaffCD, turn: Turn, event: EventRow, _: Translator
) -> None:
    turn.services.contests.contest(event)
    if callback_data.v not in STAGE_PRESETS:
        await show(query, screens.stage_presets(event.id, _))
        return
    title = _(f"ct-stage-{callback_data.v}")
    await turn.state.set_state(ContestStaffDialog.stage)
    await turn.state.set_data({"event": event.id, "title": title})
    await show(query, screens.stage_dates_prompt(event.id, title, _))


async def got_stage(message: Message, turn: Turn, _: Translator) -> None:
    data = await turn.state.get_data()
    event = await turn.services.events_staff.own(turn.actor, int(data.get("event", 0)))
    view = await turn.services.contests.add_stage(event, str(data.get("title", "")), message.text or "")
    if isinstance(view, Problem):
        await message.answer(_(view.key))
        return
    await turn.state.clear()
    await show(message, screens.staff_screen(view, _))


async def drop(
    query: CallbackQuery, callback_data: ContestStaffCD, turn: Turn, event: EventRow, _: Translator
) -> None:
    stage_id = int(callback_data.v) if callback_data.v.isdigit() else 0
    await show(query, screens.staff_screen(await turn.services.contests.drop_stage(event, stage_id), _))


async def people(query: CallbackQuery, turn: Turn, event: EventRow, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.people_screen(await turn.services.contests.staff_view(event), _))


async def pick(
    query: CallbackQuery, callback_data: ContestStaffCD, turn: Turn, event: EventRow, _: Translator
) -> None:
    view = await turn.services.contests.staff_view(event)
    person = next((p for p in view.people if str(p.user_id) == callback_data.v), None)
    if person is None:
        turn.answer.text = _("ct-stale")
        await show(query, screens.people_screen(view, _))
        return
    await show(query, screens.pick_screen(event.id, person.user_id, person.name, _))


async def set_result(
    query: CallbackQuery, callback_data: ContestStaffCD, turn: Turn, event: EventRow, _: Translator
) -> None:
    who, _dot, result = callback_data.v.partition(".")
    view = await turn.services.contests.set_result(
        turn.actor, event, int(who) if who.isdigit() else 0, result
    )
    turn.answer.text = _("ct-result-saved")
    await show(query, screens.people_screen(view, _))


async def participants_file(query: CallbackQuery, turn: Turn, event: EventRow, _: Translator) -> None:
    header = [
        _("ct-col-code"),
        _("ct-col-name"),
        _("ct-col-school"),
        _("ct-col-result"),
        _("ct-col-materials"),
    ]
    data = await turn.services.contests.participants_file(turn.services.contests.contest(event), header)
    await turn.bot.send_document(
        query.from_user.id,
        BufferedInputFile(data, filename=f"contest-{event.id}.xlsx"),
        caption=_("ct-file-caption"),
    )


async def ask_import(query: CallbackQuery, turn: Turn, event: EventRow, _: Translator) -> None:
    turn.services.contests.contest(event)
    await turn.state.set_state(ContestStaffDialog.results)
    await turn.state.set_data({"event": event.id})
    await show(query, screens.import_prompt(event.id, _))


async def got_file(message: Message, turn: Turn, _: Translator) -> None:
    document = message.document
    if document is None:
        await message.answer(_("ct-import-need-file"))
        return
    kind = kind_of(document.file_name)
    if kind is None:
        await message.answer(_("ct-import-refused-kind"))
        return
    if document.file_size is not None and document.file_size > MAX_UPLOAD_BYTES:
        await message.answer(_("ct-import-refused-too-big"))
        return
    data = await turn.state.get_data()
    event = await turn.services.events_staff.own(turn.actor, int(data.get("event", 0)))
    buffer = io.BytesIO()
    await turn.bot.download(document.file_id, destination=buffer)
    rows, refusal = await read_results_file(buffer.getvalue(), kind)
    if refusal is not None:
        await message.answer(_(f"ct-import-refused-{refusal}"))
        return
    preview = await turn.services.contests.preview(event, rows)
    if preview.header_missing:
        await message.answer(_("ct-import-header"))
        return
    # The rows stay in the state (restarts lose nothing) and are matched again when applied.
    await turn.state.update_data(rows=[[line, cells] for line, cells in rows])
    await show(message, screens.preview_screen(event.id, preview, _))


async def apply(query: CallbackQuery, turn: Turn, event: EventRow, _: Translator) -> None:
    data = await turn.state.get_data()
    if int(data.get("event", 0)) != event.id or not data.get("rows"):
        turn.answer.text = _("ct-stale")
        await show(query, screens.staff_screen(await turn.services.contests.staff_view(event), _))
        return
    rows = [(int(line), [str(c) for c in cells]) for line, cells in data["rows"]]
    changed, same = await turn.services.contests.apply(turn.actor, event, rows)
    await turn.state.clear()
    turn.answer.text, turn.answer.show_alert = _("ct-applied", changed=changed, same=same), True
    await show(query, screens.people_screen(await turn.services.contests.staff_view(event), _))


# --- confirmations ------------------------------------------------------------------------------


async def confirmations(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await show(query, screens.review_screen(await turn.services.contests.review_list(turn.actor), _))


async def open_record(query: CallbackQuery, callback_data: ConfirmCD, turn: Turn, _: Translator) -> None:
    record, owner = await turn.services.contests.record_for(turn.actor, callback_data.i)
    await show(query, screens.record_card(record, owner, _))
    send = turn.bot.send_photo if record.file_kind == "photo" else turn.bot.send_document
    try:
        await send(query.from_user.id, record.file_id)
    except TelegramBadRequest:  # a file Telegram no longer has (or a forged id): the card stays
        await turn.bot.send_message(query.from_user.id, _("cf-diploma-gone"))


async def review_record(query: CallbackQuery, callback_data: ConfirmCD, turn: Turn, _: Translator) -> None:
    confirm = callback_data.action == ConfirmAction.RECORD_YES
    turn.answer.text = _(await turn.services.contests.review_record(turn.actor, callback_data.i, confirm))
    await show(query, screens.review_screen(await turn.services.contests.review_list(turn.actor), _))


async def review_group(query: CallbackQuery, callback_data: ConfirmCD, turn: Turn, _: Translator) -> None:
    confirm = callback_data.action == ConfirmAction.GROUP_YES
    turn.answer.text = _(await turn.services.contests.review_mark(turn.actor, callback_data.i, confirm))
    await show(query, screens.review_screen(await turn.services.contests.review_list(turn.actor), _))


async def need_file(message: Message, _: Translator) -> None:
    await message.answer(_("ct-import-need-file"))


def build_router() -> Router:
    router = gated(__name__, RoleGate({Role.STAFF, Role.ADMIN, Role.METHODIST}))
    on, typed = router.callback_query.register, router.message.register
    cd = ContestStaffCD.filter
    on(home, cd(F.action == A.HOME), OwnEvent())
    on(stage, cd(F.action == A.STAGE), OwnEvent())
    typed(got_stage, ContestStaffDialog.stage, F.text)
    on(drop, cd(F.action == A.DROP), OwnEvent())
    on(people, cd(F.action == A.PEOPLE), OwnEvent())
    on(pick, cd(F.action == A.PICK), OwnEvent())
    on(set_result, cd(F.action == A.SET), OwnEvent())
    on(participants_file, cd(F.action == A.FILE), OwnEvent())
    on(ask_import, cd(F.action == A.IMPORT), OwnEvent())
    typed(got_file, ContestStaffDialog.results, F.document)
    typed(need_file, ContestStaffDialog.results)
    on(apply, cd(F.action == A.APPLY), OwnEvent())
    on(confirmations, MenuCD.filter(F.section == Section.CONFIRMATIONS))
    on(confirmations, ConfirmCD.filter(F.action == ConfirmAction.HOME))
    on(open_record, ConfirmCD.filter(F.action == ConfirmAction.RECORD))
    on(review_record, ConfirmCD.filter(F.action.in_({ConfirmAction.RECORD_YES, ConfirmAction.RECORD_NO})))
    on(review_group, ConfirmCD.filter(F.action.in_({ConfirmAction.GROUP_YES, ConfirmAction.GROUP_NO})))
    return router

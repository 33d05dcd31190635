"""«🗂 Категории и приказы» for staff and admins: the queue of claims (confirm, or reject with a
reason), the region's file of attestation orders (checked in a child process, a preview of rows
matched, unmatched and ambiguous, then «apply»; importing it again changes nothing), and who is due
this school year by municipality and school (a screen and an XLSX).

RoleGate(staff, admin); a municipal service reaches its municipality only — checked by the service
whatever a button says. The preview waits in the FSM storage (a restart loses nothing) under
`PENDING`, named by its token.
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.callbacks import AttStaffAction, AttStaffCD, MenuCD, Section
from bot.domain.attestation import InvalidInput, parse_reason
from bot.domain.roles import Role
from bot.i18n import Translator
from bot.middlewares import RoleGate, gated
from bot.services.attestation import Applied, Gone, Pending, Rejected
from bot.turn import Turn
from bot.ui import attestation as screens
from bot.ui.messaging import show

PENDING = "att_import"
REASON_FOR = "att_reject"


class AttStaff(StatesGroup):
    file = State()  # waiting for the file of orders (a checked one may be pending)
    reason = State()  # the reason of a rejection


async def _pending(state: FSMContext) -> Pending | None:
    stored = (await state.get_data()).get(PENDING)
    return Pending.from_json(stored) if stored else None


async def _forget(state: FSMContext) -> None:
    data: dict[str, Any] = await state.get_data()
    data.pop(PENDING, None)
    data.pop(REASON_FOR, None)
    await state.set_state(None)
    await state.set_data(data)


async def home(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    turn.services.attestation.scope(turn.user, turn.roles)
    if await turn.state.get_state() in {s.state for s in AttStaff.__states__}:
        await _forget(turn.state)
    await show(query, screens.staff_home_screen(_))


async def queue(query: CallbackQuery, callback_data: AttStaffCD, turn: Turn, _: Translator) -> None:
    view = await turn.services.attestation.queue(turn.user, turn.roles, callback_data.pg)
    await show(query, screens.queue_screen(view, _))


async def card(query: CallbackQuery, callback_data: AttStaffCD, turn: Turn, _: Translator) -> None:
    found = await turn.services.attestation.card(turn.user, turn.roles, callback_data.r)
    if await turn.state.get_state() == AttStaff.reason.state:
        await _forget(turn.state)
    await show(query, screens.card_screen(found, _, callback_data.pg))


async def confirm(query: CallbackQuery, callback_data: AttStaffCD, turn: Turn, _: Translator) -> None:
    decided = await turn.services.attestation.confirm(turn.user, turn.roles, callback_data.r)
    note = _("att-confirmed") if decided.done else _("att-decided-before")
    turn.answer.text = note
    await show(query, screens.card_screen(decided.card, _, note=note))


async def ask_reason(query: CallbackQuery, callback_data: AttStaffCD, turn: Turn, _: Translator) -> None:
    found = await turn.services.attestation.card(turn.user, turn.roles, callback_data.r)
    if found.record.status.value != "claimed":
        turn.answer.text = _("att-decided-before")
        await show(query, screens.card_screen(found, _))
        return
    await turn.state.set_state(AttStaff.reason)
    await turn.state.update_data({REASON_FOR: found.record.id})
    await show(query, screens.ask_reason_screen(found, _))


async def typed_reason(message: Message, turn: Turn, _: Translator) -> None:
    record_id = int((await turn.state.get_data()).get(REASON_FOR) or 0)
    service = turn.services.attestation
    if not record_id:  # the state outlived its data: start over from the section
        await _forget(turn.state)
        await show(message, screens.staff_home_screen(_))
        return
    found = await service.card(turn.user, turn.roles, record_id)
    try:
        reason = parse_reason(message.text or "")
    except InvalidInput as bad:
        await show(message, screens.ask_reason_screen(found, _, bad.key))
        return
    decided = await service.reject(turn.user, turn.roles, record_id, reason)
    await _forget(turn.state)
    note = _("att-rejected-done") if decided.done else _("att-decided-before")
    await show(message, screens.card_screen(decided.card, _, note=note))


async def scan(query: CallbackQuery, callback_data: AttStaffCD, turn: Turn, _: Translator) -> None:
    record = await turn.services.attestation.scan(turn.user, turn.roles, callback_data.r)
    if not await screens.send_scan(turn.bot, query.from_user.id, record):
        turn.answer.text = _("att-no-scan")


async def start_import(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    turn.services.attestation.scope(turn.user, turn.roles)
    await _forget(turn.state)
    await turn.state.set_state(AttStaff.file)
    await show(query, screens.import_prompt_screen(_))


async def receive(message: Message, turn: Turn, _: Translator) -> None:
    document = message.document
    assert document is not None

    async def fetch() -> bytes:
        buffer = await turn.bot.download(document.file_id)
        assert buffer is not None
        return buffer.read()

    received = await turn.services.attestation.receive(
        turn.user, turn.roles, name=document.file_name, size=document.file_size, fetch=fetch
    )
    if isinstance(received, Rejected):
        await show(message, screens.rejected_file_screen(received, _))
        return
    if received.changes:
        await turn.state.update_data({PENDING: received.pending.to_json()})
    await show(message, screens.preview_screen(received, _))


async def not_a_file(message: Message, _: Translator) -> None:
    await show(message, screens.not_a_file_screen(_))


async def apply(query: CallbackQuery, callback_data: AttStaffCD, turn: Turn, _: Translator) -> None:
    outcome = await turn.services.attestation.apply(
        turn.user, turn.roles, await _pending(turn.state), callback_data.t
    )
    if isinstance(outcome, Gone):
        turn.answer.text = _("att-import-gone")
        return
    assert isinstance(outcome, Applied)
    await _forget(turn.state)
    await show(query, screens.applied_screen(outcome, _))


async def drop(query: CallbackQuery, callback_data: AttStaffCD, turn: Turn, _: Translator) -> None:
    if not turn.services.attestation.cancel(
        turn.user, turn.roles, await _pending(turn.state), callback_data.t
    ):
        turn.answer.text = _("att-import-gone")
        return
    await _forget(turn.state)
    await show(query, screens.import_cancelled_screen(_))


async def due(query: CallbackQuery, callback_data: AttStaffCD, turn: Turn, _: Translator) -> None:
    view = await turn.services.attestation.due(turn.user, turn.roles, callback_data.m, callback_data.s)
    await show(query, screens.due_screen(view, _))


async def due_xlsx(query: CallbackQuery, callback_data: AttStaffCD, turn: Turn, _: Translator) -> None:
    view = await turn.services.attestation.due(turn.user, turn.roles, callback_data.m, callback_data.s)
    data = await asyncio.to_thread(screens.due_xlsx, view, _)
    file = BufferedInputFile(data, filename="attestation.xlsx")
    await turn.bot.send_document(
        query.from_user.id, file, caption=_("att-due-xlsx-caption", count=len(view.rows))
    )
    turn.answer.text = _("att-due-xlsx-sent")


A = AttStaffAction


def build_router() -> Router:
    router = gated(__name__, RoleGate({Role.STAFF, Role.ADMIN}))
    on, cd = router.callback_query.register, AttStaffCD.filter
    on(home, MenuCD.filter(F.section == Section.ATTESTATION_STAFF))
    on(home, cd(F.action == A.HOME))
    on(queue, cd(F.action == A.QUEUE))
    on(card, cd(F.action == A.CARD))
    on(confirm, cd(F.action == A.CONFIRM))
    on(ask_reason, cd(F.action == A.REJECT))
    on(scan, cd(F.action == A.SCAN))
    on(start_import, cd(F.action == A.IMPORT))
    on(apply, cd(F.action == A.APPLY))
    on(drop, cd(F.action == A.DROP))
    on(due, cd(F.action == A.DUE))
    on(due_xlsx, cd(F.action == A.DUE_XLSX))
    commands = F.text.startswith("/")
    router.message.register(receive, AttStaff.file, F.document)
    router.message.register(not_a_file, AttStaff.file, ~commands)
    router.message.register(typed_reason, AttStaff.reason, F.text, ~commands)
    return router

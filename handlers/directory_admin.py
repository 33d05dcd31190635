"""Loading the directory from a file, for admins: «📥 Загрузить справочник» → a CSV or Excel file →
a preview of what changes → «✅ Применить» or «✖️ Отмена».

The whole router is behind RoleGate(admin), and the service checks the role again. The checked
file waits in the FSM storage (SQL or Redis, so a restart between preview and apply loses
nothing) under `PENDING`, while the dialogue stays in `DirectoryUpload.file`: another file sent
meanwhile replaces it. Apply and cancel name the preview by its token (see
`bot.services.directory_upload`).
"""

from __future__ import annotations

import asyncio
from typing import Any

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.callbacks.directory import DirectoryAction, DirectoryCD
from bot.domain.roles import Role
from bot.i18n import Translator
from bot.middlewares import RoleGate, gated
from bot.services.directory_upload import Applied, Gone, Pending, Preview, Rejected, Stale
from bot.turn import Turn
from bot.ui import directory_upload as screens
from bot.ui.messaging import show

PENDING = "directory_upload"
SAMPLE_FILENAME = "directory.xlsx"


class DirectoryUpload(StatesGroup):
    file = State()  # waiting for a file; a checked one may be pending already


async def _pending(state: FSMContext) -> Pending | None:
    stored = (await state.get_data()).get(PENDING)
    return Pending.from_json(stored) if stored else None


async def _keep(state: FSMContext, pending: Pending) -> None:
    await state.update_data({PENDING: pending.to_json()})


async def _forget(state: FSMContext) -> None:
    """Drop the pending file and stop waiting for one; another dialogue's data stays."""
    data: dict[str, Any] = await state.get_data()
    data.pop(PENDING, None)
    if await state.get_state() == DirectoryUpload.file.state:
        await state.set_state(None)
    await state.set_data(data)


async def start(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await turn.state.set_state(DirectoryUpload.file)
    await show(query, screens.prompt_screen(_))


async def sample(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    rows = await turn.services.directory_upload.rows(turn.roles)
    data = await asyncio.to_thread(screens.directory_xlsx, rows, _)
    file = BufferedInputFile(data, filename=SAMPLE_FILENAME)
    await turn.bot.send_document(query.from_user.id, file, caption=screens.sample_caption(rows, _))
    turn.answer.text = _("dirup-sample-sent")


async def receive(message: Message, turn: Turn, _: Translator) -> None:
    document = message.document
    assert document is not None

    async def fetch() -> bytes:
        buffer = await turn.bot.download(document.file_id)
        assert buffer is not None
        return buffer.read()

    received = await turn.services.directory_upload.receive(
        turn.roles,
        name=document.file_name,
        size=document.file_size,
        fetch=fetch,
        by_tg_id=message.from_user.id if message.from_user else None,
    )
    if isinstance(received, Rejected):
        await show(message, screens.rejected_screen(received, _))  # still waiting for a file
        return
    await _show_preview(message, received, turn, _)


async def _show_preview(
    event: Message | CallbackQuery, preview: Preview, turn: Turn, _: Translator, *, stale: bool = False
) -> None:
    if preview.changes.total:
        await _keep(turn.state, preview.pending)
    else:
        await _forget(turn.state)  # nothing to apply: nothing to keep
    await show(event, screens.preview_screen(preview, turn.services.clock(), _, stale=stale))


async def not_a_file(message: Message, _: Translator) -> None:
    await show(message, screens.not_a_file_screen(_))


async def apply(query: CallbackQuery, callback_data: DirectoryCD, turn: Turn, _: Translator) -> None:
    pending = await _pending(turn.state)
    outcome = await turn.services.directory_upload.apply(
        turn.roles, pending, callback_data.t, by_tg_id=query.from_user.id
    )
    if isinstance(outcome, Gone):
        turn.answer.text = _("dirup-gone")
    elif isinstance(outcome, Stale):
        turn.answer.text, turn.answer.show_alert = _("dirup-stale-note"), True
        await _show_preview(query, outcome.preview, turn, _, stale=True)
    elif isinstance(outcome, Applied):
        await _forget(turn.state)
        await show(query, screens.applied_screen(outcome.report, _))


async def cancel(query: CallbackQuery, callback_data: DirectoryCD, turn: Turn, _: Translator) -> None:
    pending = await _pending(turn.state)
    if not turn.services.directory_upload.cancel(turn.roles, pending, callback_data.t):
        turn.answer.text = _("dirup-gone")
        return
    await _forget(turn.state)
    await show(query, screens.cancelled_screen(_))


def build_router() -> Router:
    router = gated(__name__, RoleGate({Role.ADMIN}))
    on = router.callback_query.register
    on(start, DirectoryCD.filter(F.action == DirectoryAction.UPLOAD))
    on(sample, DirectoryCD.filter(F.action == DirectoryAction.SAMPLE))
    on(apply, DirectoryCD.filter(F.action == DirectoryAction.APPLY))
    on(cancel, DirectoryCD.filter(F.action == DirectoryAction.CANCEL))
    router.message.register(receive, DirectoryUpload.file, F.document)
    # Commands still work while a file is awaited (they are handled before or after this router).
    router.message.register(not_a_file, DirectoryUpload.file, ~F.text.startswith("/"))
    return router

"""Contests for teachers (part 11): a contest's application materials (files, links), a
consultation asked before it, «представление опыта» added to the route after it, «Мои конкурсы»
with recording a contest held elsewhere (name, level, date, result, diploma), and the target groups
a teacher works with (from the profile). TeachersOnly; the contest in the callback data is loaded
and checked by the events' VisibleEvent filter. Each handler makes one call to `services.contests`."""

from __future__ import annotations

from datetime import date

from aiogram import F, Router
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.callbacks import ContestAction, ContestCD, GroupAction, GroupCD
from bot.domain.contests import ContestResult, read_day
from bot.domain.events import EventLevel
from bot.i18n import Translator
from bot.middlewares import TeachersOnly, gated
from bot.services.contests import EventRow, NewRecord, Problem, read_title
from bot.turn import Turn
from bot.ui import contests as screens
from bot.ui.messaging import show
from handlers.events import VisibleEvent

FILE_MAX_BYTES = 20 * 1024 * 1024  # what a bot may download from Telegram; the diploma stays a file_id


class ContestDialog(StatesGroup):
    materials = State()  # a file or a link for the application (data: event)
    title = State()  # a contest held elsewhere: its name
    day = State()  # … the day it was held
    diploma = State()  # … the diploma, a file or a photo
    level = State()  # buttons
    result = State()  # buttons


async def mine(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.mine_screen(await turn.services.contests.mine(turn.person), _))


async def materials(query: CallbackQuery, turn: Turn, event: EventRow, _: Translator) -> None:
    items = await turn.services.contests.materials(turn.person, event)
    await turn.state.set_state(ContestDialog.materials)
    await turn.state.set_data({"event": event.id, "title": event.title})
    await show(query, screens.materials_screen(event.id, event.title, items, _))


async def got_material(message: Message, turn: Turn, _: Translator) -> None:
    data = await turn.state.get_data()
    event_id = int(data.get("event", 0))
    file_id = file_name = None
    if message.document is not None:
        file_id, file_name = message.document.file_id, message.document.file_name
    elif message.photo:
        file_id, file_name = message.photo[-1].file_id, _("ct-material-photo")
    elif message.text is None:
        await message.answer(_("ct-material-not-link"))
        return
    result = await turn.services.contests.add_material(
        turn.person, event_id, file_id=file_id, file_name=file_name, text=message.text
    )
    if isinstance(result, Problem):
        await message.answer(_(result.key))
        return
    await show(message, screens.materials_screen(event_id, str(data.get("title", "")), result, _))


async def consult(query: CallbackQuery, turn: Turn, event: EventRow, _: Translator) -> None:
    name = await turn.services.contests.consult(turn.person, event)
    turn.answer.text, turn.answer.show_alert = _("ct-consult-sent", name=name), True


async def experience(query: CallbackQuery, turn: Turn, event: EventRow, _: Translator) -> None:
    await turn.services.contests.experience(turn.person, event)
    turn.answer.text, turn.answer.show_alert = _("ct-exp-added"), True


# --- a contest held elsewhere ---------------------------------------------------------------------


async def record(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.set_state(ContestDialog.title)
    await turn.state.set_data({})
    await show(query, screens.record_prompt("ct-record-title", _))


async def got_title(message: Message, turn: Turn, _: Translator) -> None:
    try:
        title = read_title(message.text or "")
    except ValueError as exc:
        await message.answer(_("ct-record-title-long" if str(exc) == "long" else "ct-record-title-empty"))
        return
    await turn.state.update_data(title=title)
    await turn.state.set_state(ContestDialog.level)
    await show(message, screens.level_screen(_))


async def level(query: CallbackQuery, callback_data: ContestCD, turn: Turn, _: Translator) -> None:
    data = await turn.state.get_data()
    if not data.get("title") or callback_data.v not in {lv.value for lv in EventLevel}:
        await _stale(query, turn, _)
        return
    await turn.state.update_data(level=callback_data.v)
    await turn.state.set_state(ContestDialog.day)
    await show(query, screens.record_prompt("ct-record-day", _))


async def got_day(message: Message, turn: Turn, _: Translator) -> None:
    try:
        day = read_day(message.text or "")
    except ValueError:
        await message.answer(_("ct-record-day-bad"))
        return
    if day > turn.services.contests.now().date() or day < date(2000, 1, 1):
        await message.answer(_("ct-record-day-future"))
        return
    await turn.state.update_data(day=day.isoformat())
    await turn.state.set_state(ContestDialog.result)
    await show(message, screens.result_screen(_))


async def result(query: CallbackQuery, callback_data: ContestCD, turn: Turn, _: Translator) -> None:
    data = await turn.state.get_data()
    if not data.get("day") or callback_data.v not in {r.value for r in ContestResult}:
        await _stale(query, turn, _)
        return
    await turn.state.update_data(result=callback_data.v)
    await turn.state.set_state(ContestDialog.diploma)
    await show(query, screens.record_prompt("ct-record-diploma", _))


async def got_diploma(message: Message, turn: Turn, _: Translator) -> None:
    if message.document is not None:
        file_id, kind = message.document.file_id, "document"
    elif message.photo:
        file_id, kind = message.photo[-1].file_id, "photo"
    else:
        await message.answer(_("ct-record-diploma-bad"))
        return
    data = await turn.state.get_data()
    try:
        new = NewRecord(
            title=str(data["title"]),
            level=EventLevel(str(data["level"])),
            held_on=date.fromisoformat(str(data["day"])),
            result=ContestResult(str(data["result"])),
            file_id=file_id,
            file_kind=kind,
        )
    except (KeyError, ValueError):
        await turn.state.clear()
        await message.answer(_("ct-stale"))
        return
    await turn.services.contests.save_record(turn.person, new)
    await turn.state.clear()
    await message.answer(_("ct-record-saved"))
    await show(message, screens.mine_screen(await turn.services.contests.mine(turn.person), _))


async def need_text(message: Message, _: Translator) -> None:
    await message.answer(_("ct-need-text"))


async def need_buttons(message: Message, _: Translator) -> None:
    await message.answer(_("ct-need-buttons"))


async def _stale(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    turn.answer.text = _("ct-stale")
    await show(query, screens.mine_screen(await turn.services.contests.mine(turn.person), _))


async def abort(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.mine_screen(await turn.services.contests.mine(turn.person), _))


# --- target groups --------------------------------------------------------------------------------


async def groups(query: CallbackQuery, callback_data: GroupCD, turn: Turn, _: Translator) -> None:
    service = turn.services.contests
    if callback_data.action == GroupAction.TOGGLE:
        view = await service.toggle_group(turn.person, callback_data.v)
    else:
        view = await service.groups(turn.person)
    await show(query, screens.groups_screen(view, _))


def build_router() -> Router:
    router = gated(__name__, TeachersOnly())
    on, typed = router.callback_query.register, router.message.register
    cd = ContestCD.filter
    on(mine, cd(F.action == ContestAction.MINE))
    on(materials, cd(F.action == ContestAction.MATERIALS), VisibleEvent())
    typed(got_material, ContestDialog.materials, F.document | F.photo | F.text)
    on(consult, cd(F.action == ContestAction.CONSULT), VisibleEvent())
    on(experience, cd(F.action == ContestAction.EXPERIENCE), VisibleEvent())
    on(record, cd(F.action == ContestAction.RECORD))
    typed(got_title, ContestDialog.title, F.text)
    on(level, cd(F.action == ContestAction.LEVEL))
    typed(got_day, ContestDialog.day, F.text)
    on(result, cd(F.action == ContestAction.RESULT))
    typed(got_diploma, ContestDialog.diploma)
    typed(need_text, ContestDialog.title)
    typed(need_text, ContestDialog.day)
    typed(need_buttons, ContestDialog.level)
    typed(need_buttons, ContestDialog.result)
    typed(need_text, ContestDialog.materials)
    on(abort, cd(F.action == ContestAction.ABORT))
    on(groups, GroupCD.filter())
    return router

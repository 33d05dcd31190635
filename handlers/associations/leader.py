"""The leader's side of an association: members and requests, adding teachers, the plan's items, a
meeting (when → place → agenda → materials → «Создать»), attendance and talks in one tap each, the
minutes, and a message to the members. Every button is checked by `Led` (a leader of this very
association); typed answers belong to a draft in the FSM data that names its association."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import AsCD
from bot.domain import associations as domain
from bot.i18n import Translator
from bot.outbox import OutboxWorker
from bot.turn import Turn
from bot.ui import associations as screens
from bot.ui.messaging import show
from bot.ui.wizard import stale_tap
from handlers.associations.states import AsDialog
from storage.models import Association

# --- members ------------------------------------------------------------------------------------------


async def members(
    query: CallbackQuery, callback_data: AsCD, turn: Turn, association: Association, _: Translator
) -> None:
    page = await turn.services.associations.members(association, callback_data.p)
    await show(query, screens.members_screen(association, page, _))


async def requests(
    query: CallbackQuery, callback_data: AsCD, turn: Turn, association: Association, _: Translator
) -> None:
    page = await turn.services.associations.members(association, callback_data.p, requests=True)
    await show(query, screens.requests_screen(association, page, _), edit=callback_data.v != "n")


async def decide(
    query: CallbackQuery, callback_data: AsCD, turn: Turn, association: Association, _: Translator
) -> None:
    approve = callback_data.action == "approve"
    done = await turn.services.associations.decide(association, callback_data.i, approve)
    turn.answer.text = _(("as-approved" if approve else "as-declined") if done else "as-decided-already")
    page = await turn.services.associations.members(association, callback_data.p, requests=True)
    await show(query, screens.requests_screen(association, page, _))


async def remove(
    query: CallbackQuery, callback_data: AsCD, turn: Turn, association: Association, _: Translator
) -> None:
    done = await turn.services.associations.remove_member(association, callback_data.i)
    turn.answer.text = _("as-removed" if done else "as-removed-already")
    page = await turn.services.associations.members(association, callback_data.p)
    await show(query, screens.members_screen(association, page, _))


async def candidates(
    query: CallbackQuery, callback_data: AsCD, turn: Turn, association: Association, _: Translator
) -> None:
    found = await turn.services.associations.candidates(association, callback_data.p)
    await show(query, screens.candidates_screen(association, found, _))


async def add(
    query: CallbackQuery, callback_data: AsCD, turn: Turn, association: Association, _: Translator
) -> None:
    added = await turn.services.associations.add_member(association, callback_data.u)
    turn.answer.text = _("as-added" if added else "as-added-already")
    found = await turn.services.associations.candidates(association, callback_data.p)
    await show(query, screens.candidates_screen(association, found, _))


# --- the plan -----------------------------------------------------------------------------------------


async def _draft(state: FSMContext, association_id: int, kind: str) -> dict[str, Any] | None:
    data = await state.get_data()
    return data if data.get("a") == association_id and data.get("kind") == kind else None


async def plan_add(query: CallbackQuery, turn: Turn, association: Association, _: Translator) -> None:
    await turn.state.set_state(None)
    await turn.state.set_data({"a": association.id, "kind": "plan"})
    await show(query, screens.month_picker(association.id, _))


async def plan_month(
    query: CallbackQuery, callback_data: AsCD, turn: Turn, association: Association, _: Translator
) -> None:
    data = await _draft(turn.state, association.id, "plan")
    if data is None or not callback_data.v.isdigit() or int(callback_data.v) not in domain.SCHOOL_MONTHS:
        stale_tap(turn.answer, _)
        return
    data["month"] = int(callback_data.v)
    await turn.state.set_data(data)
    await show(query, screens.form_picker(association.id, _))


async def plan_form(
    query: CallbackQuery, callback_data: AsCD, turn: Turn, association: Association, _: Translator
) -> None:
    data = await _draft(turn.state, association.id, "plan")
    if data is None or "month" not in data or callback_data.v not in set(domain.PlanForm):
        stale_tap(turn.answer, _)
        return
    data["form"] = callback_data.v
    await turn.state.set_data(data)
    await turn.state.set_state(AsDialog.plan_topic)
    await show(query, screens.topic_prompt(association.id, _))


async def _typed_plan(message: Message, turn: Turn) -> dict[str, Any] | None:
    data = await turn.state.get_data()
    if data.get("kind") != "plan" or "form" not in data:
        await turn.state.clear()
        return None
    return data


async def plan_topic(message: Message, turn: Turn, _: Translator) -> None:
    data = await _typed_plan(message, turn)
    if data is None:
        return
    try:
        data["topic"] = domain.read_line(message.text, domain.TOPIC_MAX)
    except ValueError as exc:
        await message.answer(_(f"as-text-{exc}", max=domain.TOPIC_MAX))
        return
    await turn.state.set_data(data)
    await turn.state.set_state(AsDialog.plan_who)
    await show(message, screens.responsible_prompt(int(data["a"]), _))


async def _save_item(
    event: Message | CallbackQuery, turn: Turn, data: dict[str, Any], who: str, _: Translator
) -> None:
    association = await turn.services.associations.led(turn.person, int(data["a"]))
    await turn.services.associations.add_item(
        association, int(data["month"]), str(data["form"]), str(data["topic"]), who
    )
    await turn.state.clear()
    view = await turn.services.associations.plan(turn.person, turn.roles, association.id)
    await show(event, screens.plan_screen(view, _))


async def plan_who(message: Message, turn: Turn, _: Translator) -> None:
    data = await _typed_plan(message, turn)
    if data is None or "topic" not in data:
        return
    try:
        who = domain.read_line(message.text, domain.RESPONSIBLE_MAX)
    except ValueError as exc:
        await message.answer(_(f"as-text-{exc}", max=domain.RESPONSIBLE_MAX))
        return
    await _save_item(message, turn, data, who, _)


async def plan_me(query: CallbackQuery, turn: Turn, association: Association, _: Translator) -> None:
    data = await _draft(turn.state, association.id, "plan")
    if data is None or "topic" not in data:
        stale_tap(turn.answer, _)
        return
    await _save_item(query, turn, data, turn.person.full_name or "", _)


async def plan_delete(
    query: CallbackQuery, callback_data: AsCD, turn: Turn, association: Association, _: Translator
) -> None:
    done = await turn.services.associations.delete_item(association, callback_data.i)
    turn.answer.text = _("as-plan-deleted" if done else "as-plan-deleted-already")
    view = await turn.services.associations.plan(turn.person, turn.roles, association.id)
    await show(query, screens.plan_screen(view, _))


# --- a meeting ----------------------------------------------------------------------------------------

STEPS = {
    "when": AsDialog.meet_when,
    "place": AsDialog.meet_place,
    "agenda": AsDialog.meet_agenda,
    "files": AsDialog.meet_files,
}


async def _ask_meeting(
    event: Message | CallbackQuery, turn: Turn, data: dict[str, Any], step: str, _: Translator
) -> None:
    await turn.state.set_data(data)
    if step == "confirm":
        await turn.state.set_state(None)
        association = await turn.services.associations.led(turn.person, int(data["a"]))
        when = datetime.fromisoformat(str(data["when"]))
        count = await turn.services.associations.audience_count(association)
        await show(
            event, screens.meet_confirm(association, data, screens.when_text(when, str(data["tz"])), count, _)
        )
        return
    await turn.state.set_state(STEPS[step])
    await show(event, screens.meet_prompt(int(data["a"]), step, _, len(data.get("files", []))))


async def meet_new(
    query: CallbackQuery, callback_data: AsCD, turn: Turn, association: Association, _: Translator
) -> None:
    """Start the wizard, or (with a step in `v`) go back to that step, the answers kept."""
    data = await _draft(turn.state, association.id, "meet")
    if callback_data.v in STEPS and data is not None:
        await _ask_meeting(query, turn, data, callback_data.v, _)
        return
    fresh = {"a": association.id, "kind": "meet", "token": secrets.token_hex(4), "files": []}
    await _ask_meeting(query, turn, fresh, "when", _)


async def _typed_meeting(turn: Turn) -> dict[str, Any] | None:
    data = await turn.state.get_data()
    if data.get("kind") != "meet":
        await turn.state.clear()
        return None
    return data


async def meet_when(message: Message, turn: Turn, _: Translator) -> None:
    data = await _typed_meeting(turn)
    if data is None:
        return
    moment = turn.services.associations.read_when(turn.person, message.text or "")
    data["when"] = moment.isoformat()
    data["tz"] = turn.services.associations.zone(turn.person)
    await _ask_meeting(message, turn, data, "place", _)


async def meet_place(message: Message, turn: Turn, _: Translator) -> None:
    data = await _typed_meeting(turn)
    if data is None:
        return
    data["place"], data["link"] = turn.services.associations.read_place(message.text or "")
    await _ask_meeting(message, turn, data, "agenda", _)


async def meet_agenda(message: Message, turn: Turn, _: Translator) -> None:
    data = await _typed_meeting(turn)
    if data is None:
        return
    data["agenda"] = turn.services.associations.read_agenda(message.text or "")
    await _ask_meeting(message, turn, data, "files", _)


async def meet_file(message: Message, turn: Turn, _: Translator) -> None:
    data = await _typed_meeting(turn)
    if data is None:
        return
    if message.document is None:
        await message.answer(_("as-meet-need-file"))
        return
    files = list(data.get("files", []))
    if len(files) >= domain.MATERIALS_MAX:
        await message.answer(_("as-meet-files-full", max=domain.MATERIALS_MAX))
        return
    files.append([message.document.file_id, (message.document.file_name or "")[:255] or None])
    data["files"] = files
    await _ask_meeting(message, turn, data, "files", _)


async def meet_skip(
    query: CallbackQuery, callback_data: AsCD, turn: Turn, association: Association, _: Translator
) -> None:
    data = await _draft(turn.state, association.id, "meet")
    if data is None or callback_data.v not in ("place", "files") or "when" not in data:
        stale_tap(turn.answer, _)
        return
    if callback_data.v == "place":
        data["place"], data["link"] = None, None
        await _ask_meeting(query, turn, data, "agenda", _)
    elif "agenda" in data:
        await _ask_meeting(query, turn, data, "confirm", _)
    else:
        stale_tap(turn.answer, _)


async def meet_go(
    query: CallbackQuery, callback_data: AsCD, turn: Turn, association: Association, _: Translator
) -> None:
    """«Создать»: once — the draft (and its token) goes with the first tap."""
    data = await _draft(turn.state, association.id, "meet")
    if data is None or data.get("token") != callback_data.v or "agenda" not in data:
        stale_tap(turn.answer, _)
        return
    await turn.state.clear()
    meeting = await turn.services.associations.call_meeting(
        turn.person,
        association,
        starts_at=datetime.fromisoformat(str(data["when"])),
        place=data.get("place"),
        link=data.get("link"),
        agenda=str(data["agenda"]),
        files=[(str(f[0]), f[1]) for f in data.get("files", [])],
    )
    turn.answer.text = _("as-meet-created")
    view = await turn.services.associations.meeting(turn.person, turn.roles, association.id, meeting.id)
    await show(query, screens.meeting_screen(view, _))


async def mark(
    query: CallbackQuery, callback_data: AsCD, turn: Turn, association: Association, _: Translator
) -> None:
    service = turn.services.associations
    view = await service.led_meeting(turn.person, association.id, callback_data.i)
    await service.mark(view, callback_data.u, talk=callback_data.action == "talk")
    view = await service.led_meeting(turn.person, association.id, callback_data.i)
    await show(query, screens.meeting_screen(view, _, callback_data.p))


async def upload(
    query: CallbackQuery, callback_data: AsCD, turn: Turn, association: Association, _: Translator
) -> None:
    view = await turn.services.associations.led_meeting(turn.person, association.id, callback_data.i)
    await turn.state.set_state(AsDialog.minutes)
    await turn.state.set_data({"a": association.id, "kind": "minutes", "m": view.meeting.id})
    await show(query, screens.minutes_prompt(association.id, view.meeting.id, _))


async def got_minutes(message: Message, turn: Turn, _: Translator) -> None:
    data = await turn.state.get_data()
    if data.get("kind") != "minutes":
        await turn.state.clear()
        return
    if message.document is None:
        await message.answer(_("as-minutes-need-file"))
        return
    service = turn.services.associations
    view = await service.led_meeting(turn.person, int(data["a"]), int(data["m"]))
    await service.minutes(view, message.document.file_id, (message.document.file_name or "")[:255] or None)
    await turn.state.clear()
    await message.answer(_("as-minutes-saved"))
    view = await service.led_meeting(turn.person, int(data["a"]), int(data["m"]))
    await show(message, screens.meeting_screen(view, _))


# --- a message to members -----------------------------------------------------------------------------


async def write(query: CallbackQuery, turn: Turn, association: Association, _: Translator) -> None:
    count = await turn.services.associations.audience_count(association)
    await turn.state.set_state(AsDialog.write)
    await turn.state.set_data({"a": association.id, "kind": "write"})
    await show(query, screens.write_prompt(association, count, _))


async def write_text(message: Message, turn: Turn, _: Translator) -> None:
    data = await turn.state.get_data()
    if data.get("kind") != "write":
        await turn.state.clear()
        return
    try:
        text = domain.read_text(message.text, domain.MESSAGE_MAX)
    except ValueError as exc:
        await message.answer(_(f"as-text-{exc}", max=domain.MESSAGE_MAX))
        return
    association = await turn.services.associations.led(turn.person, int(data["a"]))
    count = await turn.services.associations.audience_count(association)
    token = secrets.token_hex(4)
    await turn.state.set_data({**data, "text": text, "token": token})
    await show(message, screens.write_preview(association, text, count, token, _))


async def send(
    query: CallbackQuery,
    callback_data: AsCD,
    turn: Turn,
    association: Association,
    outbox: OutboxWorker | None,
    _: Translator,
) -> None:
    """«Отправить»: once — the draft goes with the first tap; a second one is stale."""
    data = await _draft(turn.state, association.id, "write")
    if data is None or data.get("token") != callback_data.v or "text" not in data:
        stale_tap(turn.answer, _)
        return
    await turn.state.clear()
    text = screens.message_text(association.name, str(data["text"]), _)
    count = await turn.services.associations.broadcast(turn.person, association, text)
    await show(query, screens.back_to(association.id, _("as-sent", count=count), _))
    if outbox is not None:
        outbox.wake()


async def abort(
    query: CallbackQuery, callback_data: AsCD, turn: Turn, association: Association, _: Translator
) -> None:
    data = await turn.state.get_data()
    if data.get("a") != association.id:
        stale_tap(turn.answer, _)
        return
    await turn.state.clear()
    await show(query, screens.back_to(association.id, _("as-aborted"), _))


async def not_text(message: Message, _: Translator) -> None:
    await message.answer(_("as-need-text"))

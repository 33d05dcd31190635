"""«🗓 Мои часы консультаций» for methodists: the slots (free, booked, waiting for «состоялась /
не состоялась»), a wizard to add one (day, time, length, online link or place, a topic; once or for
four weeks), cancelling one (the teacher is told), the outcome, the calendar file.

RoleGate lets only methodists in; the slot in the callback data is loaded by OwnSlot (the methodist's
own, or refused). The wizard keeps its answers in the FSM data, so a restart loses nothing."""

from __future__ import annotations

from datetime import date, datetime, time

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.callbacks import MenuCD, Section, SlotAction, SlotCD
from bot.domain.consult_slots import (
    DURATIONS,
    WEEKS,
    Mode,
    Outcome,
    SlotInputError,
    check_future,
    moment,
    parse_day,
    parse_time,
    read_link,
    read_place,
    read_topic,
)
from bot.domain.errors import Refusal
from bot.domain.roles import Role
from bot.filters import Actor, owned
from bot.i18n import Translator
from bot.middlewares import RoleGate, gated
from bot.services.consult_slots import Draft, SlotRow
from bot.services.container import Services
from bot.turn import Turn
from bot.ui import consult_slots as screens
from bot.ui.messaging import show


async def _own(services: Services, actor: Actor, data: SlotCD) -> SlotRow:
    return await services.consult_slots.own_slot(actor.user, actor.roles, data.s)


OwnSlot = owned("slot", _own)


class SlotWizard(StatesGroup):
    day = State()
    time = State()
    duration = State()
    mode = State()
    where = State()
    topic = State()
    preview = State()


def _problem(_: Translator, exc: SlotInputError, step: str) -> str:
    return _(f"cs-bad-{step}-{exc.problem.value}")


async def home(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.slots_home(await turn.services.consult_slots.home(turn.person), _))


async def new(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    service = turn.services.consult_slots
    timezone = service.zone(turn.person)
    await turn.state.set_state(SlotWizard.day)
    await turn.state.set_data({"timezone": timezone})
    await show(query, screens.ask_day(_, timezone, service.clock()))


async def abort(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    home_view = await turn.services.consult_slots.home(turn.person)
    await show(query, screens.slots_home(home_view, _, _("cs-aborted")))


async def got_day(message: Message, turn: Turn, _: Translator) -> None:
    service = turn.services.consult_slots
    data = await turn.state.get_data()
    timezone = str(data.get("timezone") or service.zone(turn.person))
    now = service.clock()
    try:
        day = parse_day(message.text or "", timezone, now)
    except SlotInputError as exc:
        await show(message, screens.ask_day(_, timezone, now, _problem(_, exc, "day")))
        return
    await turn.state.update_data(day=day.isoformat())
    await turn.state.set_state(SlotWizard.time)
    await show(message, screens.ask_time(_, day.strftime("%d.%m.%Y"), timezone, now))


async def got_time(message: Message, turn: Turn, _: Translator) -> None:
    service = turn.services.consult_slots
    data = await turn.state.get_data()
    timezone = str(data.get("timezone") or service.zone(turn.person))
    now = service.clock()
    day = date.fromisoformat(str(data.get("day")))
    try:
        at: time = parse_time(message.text or "")
        starts_at = moment(day, at, timezone)
        check_future(starts_at, now)
    except SlotInputError as exc:
        await show(
            message, screens.ask_time(_, day.strftime("%d.%m.%Y"), timezone, now, _problem(_, exc, "time"))
        )
        return
    await turn.state.update_data(starts_at=starts_at.isoformat())
    await turn.state.set_state(SlotWizard.duration)
    await show(message, screens.ask_duration(_))


async def got_duration(query: CallbackQuery, callback_data: SlotCD, turn: Turn, _: Translator) -> None:
    if not callback_data.v.isdigit() or int(callback_data.v) not in DURATIONS:
        raise Refusal("cs-stale", alert=False)
    await turn.state.update_data(minutes=int(callback_data.v))
    await turn.state.set_state(SlotWizard.mode)
    await show(query, screens.ask_mode(_))


async def got_mode(query: CallbackQuery, callback_data: SlotCD, turn: Turn, _: Translator) -> None:
    mode = next((m for m in Mode if m.value == callback_data.v), None)
    if mode is None:
        raise Refusal("cs-stale", alert=False)
    await turn.state.update_data(mode=mode.value)
    await turn.state.set_state(SlotWizard.where)
    await show(query, screens.ask_where(_, mode))


async def got_where(message: Message, turn: Turn, _: Translator) -> None:
    data = await turn.state.get_data()
    mode = Mode(str(data.get("mode", Mode.PLACE.value)))
    try:
        if mode is Mode.ONLINE:
            await turn.state.update_data(link=read_link(message.text or ""), place=None)
        else:
            await turn.state.update_data(place=read_place(message.text or ""), link=None)
    except SlotInputError as exc:
        await show(message, screens.ask_where(_, mode, _problem(_, exc, mode.value)))
        return
    await turn.state.set_state(SlotWizard.topic)
    await show(message, screens.ask_topic(_))


def _draft(data: dict[str, object]) -> Draft:
    return Draft(
        starts_at=datetime.fromisoformat(str(data["starts_at"])),
        minutes=int(str(data["minutes"])),
        mode=Mode(str(data["mode"])),
        link=str(data["link"]) if data.get("link") else None,
        place=str(data["place"]) if data.get("place") else None,
        topic=str(data["topic"]) if data.get("topic") else None,
        timezone=str(data["timezone"]),
    )


async def _to_preview(target: Message | CallbackQuery, turn: Turn, _: Translator) -> None:
    data = await turn.state.get_data()
    try:
        draft = _draft(data)
    except (KeyError, ValueError):
        await turn.state.clear()
        raise Refusal("cs-stale") from None
    await turn.state.set_state(SlotWizard.preview)
    await show(target, screens.preview(draft, _))


async def got_topic(message: Message, turn: Turn, _: Translator) -> None:
    try:
        topic = read_topic(message.text or "")
    except SlotInputError as exc:
        await show(message, screens.ask_topic(_, _problem(_, exc, "topic")))
        return
    await turn.state.update_data(topic=topic)
    await _to_preview(message, turn, _)


async def skip_topic(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.update_data(topic=None)
    await _to_preview(query, turn, _)


async def publish(query: CallbackQuery, callback_data: SlotCD, turn: Turn, _: Translator) -> None:
    if not callback_data.v.isdigit() or int(callback_data.v) not in WEEKS:
        raise Refusal("cs-stale", alert=False)
    data = await turn.state.get_data()
    try:
        draft = _draft(data)
    except (KeyError, ValueError):
        await turn.state.clear()
        raise Refusal("cs-stale") from None
    service = turn.services.consult_slots
    try:
        check_future(draft.starts_at, service.clock())
    except SlotInputError:
        await turn.state.set_state(SlotWizard.day)
        await show(query, screens.ask_day(_, draft.timezone, service.clock(), _("cs-bad-time-past")))
        return
    await turn.state.clear()
    result = await service.publish(turn.person, draft, int(callback_data.v))
    note = screens.published_note(result, draft.timezone, _)
    await show(query, screens.slots_home(await service.home(turn.person), _, note))


async def wrong_type(message: Message, _: Translator) -> None:
    await message.answer(_("cs-type-text"))


async def open_slot(query: CallbackQuery, turn: Turn, slot: SlotRow, _: Translator) -> None:
    card = await turn.services.consult_slots.methodist_card(slot)
    await show(
        query,
        screens.methodist_card(card, _),
        edit=bool(isinstance(query.message, Message) and query.message.text),
    )


async def ask_cancel(query: CallbackQuery, turn: Turn, slot: SlotRow, _: Translator) -> None:
    card = await turn.services.consult_slots.methodist_card(slot)
    await show(query, screens.cancel_confirm(card, _))


async def cancel(query: CallbackQuery, turn: Turn, slot: SlotRow, _: Translator) -> None:
    card = await turn.services.consult_slots.cancel(turn.person, slot)
    turn.answer.text = _("cs-cancelled")
    await show(query, screens.methodist_card(card, _))


async def mark(query: CallbackQuery, callback_data: SlotCD, turn: Turn, slot: SlotRow, _: Translator) -> None:
    outcome = Outcome.HELD if callback_data.action == SlotAction.HELD else Outcome.MISSED
    card = await turn.services.consult_slots.mark(turn.person, slot, outcome)
    turn.answer.text = _(f"cs-marked-{outcome.value}")
    await show(query, screens.methodist_card(card, _))


async def calendar(query: CallbackQuery, turn: Turn, slot: SlotRow, _: Translator) -> None:
    service = turn.services.consult_slots
    card = await service.methodist_card(slot)
    if card.teacher is None or slot.teacher_id is None:
        raise Refusal("cs-stale", alert=False)
    title, description = screens.calendar_texts(slot, card.teacher, _, for_methodist=True)
    await turn.bot.send_document(
        query.from_user.id,
        BufferedInputFile(
            await service.calendar(slot, title, description), filename=f"consultation-{slot.id}.ics"
        ),
        caption=_("cs-ics-caption"),
    )


def build_router() -> Router:
    router = gated(__name__, RoleGate({Role.METHODIST}))
    tap, typed = router.callback_query.register, router.message.register

    def on(*actions: SlotAction) -> CallbackQueryFilter:
        return SlotCD.filter(F.action.in_(set(actions)))

    tap(home, MenuCD.filter(F.section == Section.CONSULT_SLOTS))
    tap(home, on(SlotAction.HOME))
    tap(new, on(SlotAction.NEW))
    tap(abort, on(SlotAction.ABORT))
    tap(got_duration, SlotWizard.duration, on(SlotAction.DUR))
    tap(got_mode, SlotWizard.mode, on(SlotAction.MODE))
    tap(skip_topic, SlotWizard.topic, on(SlotAction.SKIP_TOPIC))
    tap(publish, SlotWizard.preview, on(SlotAction.PUBLISH))
    # A wizard button pressed out of its step (an old message, after a restart that lost nothing).
    tap(stale, on(SlotAction.DUR, SlotAction.MODE, SlotAction.SKIP_TOPIC, SlotAction.PUBLISH))
    typed(got_day, SlotWizard.day, F.text)
    typed(got_time, SlotWizard.time, F.text)
    typed(got_where, SlotWizard.where, F.text)
    typed(got_topic, SlotWizard.topic, F.text)
    typed(wrong_type, StateFilter(SlotWizard.day, SlotWizard.time, SlotWizard.where, SlotWizard.topic))
    tap(open_slot, on(SlotAction.OPEN), OwnSlot())
    tap(ask_cancel, on(SlotAction.CANCEL), OwnSlot())
    tap(cancel, on(SlotAction.CANCEL_YES), OwnSlot())
    tap(mark, on(SlotAction.HELD, SlotAction.MISSED), OwnSlot())
    tap(calendar, on(SlotAction.ICS), OwnSlot())
    return router


async def stale(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    home_view = await turn.services.consult_slots.home(turn.person)
    await show(query, screens.slots_home(home_view, _, _("cs-stale")))

"""The event wizard: kind, level, title (the draft is made), description, start, length or end,
place, registration deadline, seats, a picture or file — then the audience picker.

Every step has «⬅️ Назад» (the step before, its answer kept) and «✖️ Отмена» (the wizard ends; a
draft stays in the list). A step shown again has «↩️ Оставить как есть». These buttons work only
while the wizard is going (`_live`): after a cancel, or from an older run, a tap gets a note.
"""

from __future__ import annotations

from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.types import CallbackQuery, Message

from bot.callbacks import EventStaffAction, EventStaffCD
from bot.domain.events import EventKind, EventLevel
from bot.i18n import Translator
from bot.services.audience import AudienceView
from bot.services.events.staff import EventRow, Problem, Step
from bot.turn import Turn
from bot.ui import events as screens
from bot.ui.audience import AudienceButtons, audience_screen
from bot.ui.events.wizard import (
    AUDIENCE,
    STEPS,
    StepView,
    after,
    edit_cancelled,
    event_nav,
    step_screen,
    wizard_cancelled,
)
from bot.ui.messaging import show
from bot.ui.wizard import end_wizard, stale_tap
from handlers.events_staff.states import EventWizard

Target = Message | CallbackQuery

STATE_OF: dict[str, State] = {step: getattr(EventWizard, step) for step in STEPS}
# The states of a wizard going on (the steps, the picker and preview, the publishing time).
RUN = frozenset(str(s.state) for s in (*STATE_OF.values(), EventWizard.audience, EventWizard.schedule))
KINDS = frozenset(k.value for k in EventKind)
LEVELS = frozenset(lv.value for lv in EventLevel)


async def home(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.staff_home(await turn.services.events_staff.home(turn.actor), _))


async def new(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await _show_step(query, turn.state, "kind", None, _)


# --- going on ---------------------------------------------------------------------------------------


async def _live(state: FSMContext, event_id: int) -> dict[str, Any] | None:
    """The wizard's data when a button of the draft `event_id` (0: before the title) belongs to the
    wizard going on now; None for a button of a cancelled or older run."""
    if await state.get_state() not in RUN:
        return None
    data = await state.get_data()
    return data if int(data.get("event", 0)) == event_id else None


async def _show_step(
    target: Target, state: FSMContext, step: str, event: EventRow | None, _: Translator
) -> None:
    """Show `step` (its state set); a step before the furthest one reached is shown with its answer."""
    data = await state.get_data()
    index = STEPS.index(step)
    reached = max(int(data.get("reached", 0)), index)
    await state.set_state(STATE_OF[step])
    await state.update_data(reached=reached)
    view = StepView(step, event, data.get("kind"), data.get("level"), again=index < reached)
    await show(target, step_screen(view, _))


async def enter_picker(state: FSMContext, event_id: int) -> None:
    """The picker and the preview belong to the wizard (back and cancel work there), every step
    behind them answered — also for a draft opened from the list."""
    data = await state.get_data() if await state.get_state() in RUN else {}
    if int(data.get("event", 0)) != event_id:
        data = {"event": event_id}
    await state.set_state(EventWizard.audience)
    await state.set_data({**data, "reached": len(STEPS)})


async def _audience(target: Target, state: FSMContext, view: AudienceView | None, _: Translator) -> None:
    if view is None:
        await state.clear()
        return
    event_id = int((await state.get_data()).get("event", 0))
    await enter_picker(state, event_id)
    buttons = AudienceButtons(EventStaffCD, e=event_id)
    await show(target, audience_screen(view, _, buttons, nav=event_nav(event_id)))


async def _go(target: Target, turn: Turn, event_id: int, step: str, _: Translator) -> None:
    """Show `step` of the draft (or, after the last step, the picker)."""
    if not event_id:
        await _show_step(target, turn.state, step, None, _)
        return
    event = await turn.services.events_staff.draft(turn.actor, event_id)
    if event is None:
        # Published, deleted or out of reach meanwhile: the wizard is over.
        await turn.state.clear()
        if isinstance(target, CallbackQuery):
            stale_tap(turn.answer, _)
        return
    if step == AUDIENCE:
        await _audience(target, turn.state, await turn.services.events_staff.media(turn.actor, event_id), _)
    else:
        await _show_step(target, turn.state, step, event, _)


async def step(query: CallbackQuery, callback_data: EventStaffCD, turn: Turn, _: Translator) -> None:
    """«⬅️ Назад» and «↩️ Оставить как есть»: show the step named in the button, answers kept."""
    data = await _live(turn.state, callback_data.e)
    target = callback_data.v
    if data is None or (target not in STEPS and target != AUDIENCE):
        stale_tap(turn.answer, _)
        return
    # Before the title there is no draft: only the kind, the level and the title are steps.
    if not callback_data.e and (target not in STEPS[:3] or (target != "kind" and "kind" not in data)):
        stale_tap(turn.answer, _)
        return
    await _go(query, turn, callback_data.e, target, _)


async def abort(query: CallbackQuery, callback_data: EventStaffCD, turn: Turn, _: Translator) -> None:
    """«✖️ Отмена»: the wizard (or the edit of a published event) ends with a note and the ways on."""
    state, e = turn.state, callback_data.e
    data = await state.get_data()
    staff = turn.services.events_staff
    if await state.get_state() == EventWizard.edit.state and int(data.get("event", 0)) == e and e:
        event = await staff.in_wizard(turn.actor, e)
        if event is not None:
            await end_wizard(query, state, edit_cancelled(event, _))
            return
    if await _live(state, e) is None:
        stale_tap(turn.answer, _)
        return
    event = await staff.in_wizard(turn.actor, e) if e else None
    await end_wizard(query, state, wizard_cancelled(event, _))


# --- kind, level, title ----------------------------------------------------------------------------


async def kind(query: CallbackQuery, callback_data: EventStaffCD, turn: Turn, _: Translator) -> None:
    e, value = callback_data.e, callback_data.v
    if e:
        # The kind of a draft, the person back at the first step.
        if await _live(turn.state, e) is None or value not in KINDS:
            stale_tap(turn.answer, _)
            return
        if await turn.services.events_staff.answer(turn.actor, e, Step.KIND, value) is None:
            await turn.state.clear()
            return
        await _go(query, turn, e, "level", _)
        return
    if value not in KINDS:
        await _show_step(query, turn.state, "kind", None, _)
        return
    data = await _live(turn.state, 0)
    if data is None:
        # A new wizard (a kind button of an older screen starts one too).
        await turn.state.clear()
    await turn.state.update_data(kind=value)
    await _show_step(query, turn.state, "level", None, _)


async def level(query: CallbackQuery, callback_data: EventStaffCD, turn: Turn, _: Translator) -> None:
    e, value = callback_data.e, callback_data.v
    if e:
        if await _live(turn.state, e) is None or value not in LEVELS:
            stale_tap(turn.answer, _)
            return
        if await turn.services.events_staff.answer(turn.actor, e, Step.LEVEL, value) is None:
            await turn.state.clear()
            return
        await _go(query, turn, e, "title", _)
        return
    data = await _live(turn.state, 0)
    if data is None or "kind" not in data or value not in LEVELS:
        await turn.state.clear()
        await _show_step(query, turn.state, "kind", None, _)
        return
    await turn.state.update_data(level=value)
    await _show_step(query, turn.state, "title", None, _)


async def got_title(message: Message, turn: Turn, _: Translator) -> None:
    data = await turn.state.get_data()
    staff = turn.services.events_staff
    event_id = int(data.get("event", 0))
    if event_id:
        result = await staff.answer(turn.actor, event_id, Step.TITLE, message.text or "")
    else:
        result = await staff.start(turn.actor, data.get("kind"), data.get("level"), message.text or "")
    if await _said(message, turn.state, result, _):
        return
    assert isinstance(result, EventRow)
    await turn.state.set_data({"event": result.id, "reached": int(data.get("reached", 0))})
    await _show_step(message, turn.state, "description", result, _)


async def _said(target: Target, state: FSMContext, result: object, _: Translator) -> bool:
    """The step is over here: a problem was said (the wizard waits for another answer, or ends),
    or the event is out of reach (the wizard ends quietly)."""
    if isinstance(result, Problem):
        if result.end:
            await state.clear()
        await target.answer(_(result.key, **result.values))
        return True
    if result is None:
        await state.clear()
        return True
    return False


async def _event_id(state: FSMContext) -> int:
    return int((await state.get_data()).get("event", 0))


# --- the steps after the title ----------------------------------------------------------------------

# A typed answer in each state, or a button: the service's step (and the step it answers).
NEXT: dict[State | EventStaffAction, tuple[Step, str]] = {
    EventWizard.description: (Step.DESCRIPTION, "description"),
    EventStaffAction.SKIP_DESCRIPTION: (Step.NO_DESCRIPTION, "description"),
    EventWizard.start: (Step.START, "start"),
    EventWizard.end: (Step.END, "end"),
    EventStaffAction.LENGTH: (Step.LENGTH, "end"),
    EventWizard.place: (Step.PLACE, "place"),
    EventStaffAction.SKIP_PLACE: (Step.NO_PLACE, "place"),
    EventWizard.deadline: (Step.DEADLINE, "deadline"),
    EventStaffAction.DEADLINE: (Step.DEADLINE_CHOICE, "deadline"),
    EventWizard.capacity: (Step.CAPACITY, "capacity"),
    EventStaffAction.CAP: (Step.CAPACITY_CHOICE, "capacity"),
}
TYPED = [key for key in NEXT if isinstance(key, State)]
TYPED_BY_NAME = {str(key.state): found for key, found in NEXT.items() if isinstance(key, State)}


async def _then(target: Target, state: FSMContext, result: object, answered: str, _: Translator) -> None:
    if not await _said(target, state, result, _):
        assert isinstance(result, EventRow)
        await _show_step(target, state, after(answered), result, _)


async def got_text(message: Message, turn: Turn, raw_state: str | None, _: Translator) -> None:
    step_, answered = TYPED_BY_NAME[raw_state or ""]
    result = await turn.services.events_staff.answer(
        turn.actor, await _event_id(turn.state), step_, message.text or ""
    )
    await _then(message, turn.state, result, answered, _)


async def got_button(query: CallbackQuery, callback_data: EventStaffCD, turn: Turn, _: Translator) -> None:
    step_, answered = NEXT[callback_data.action]
    result = await turn.services.events_staff.answer(
        turn.actor, await _event_id(turn.state), step_, callback_data.v
    )
    await _then(query, turn.state, result, answered, _)


async def got_media(message: Message, turn: Turn, _: Translator) -> None:
    photo = message.photo[-1].file_id if message.photo else None
    document = message.document
    view = await turn.services.events_staff.media(
        turn.actor,
        await _event_id(turn.state),
        photo=photo,
        document=document.file_id if document else None,
        file_name=document.file_name if document else None,
    )
    await _audience(message, turn.state, view, _)


async def skip_media(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    """«Пропустить» (no picture), or «🧹 Убрать» one given before."""
    view = await turn.services.events_staff.media(turn.actor, await _event_id(turn.state), clear=True)
    await _audience(query, turn.state, view, _)


async def need_text(message: Message, _: Translator) -> None:
    await message.answer(_("route-need-text"))


async def need_media(message: Message, _: Translator) -> None:
    await message.answer(_("es-media-bad"))


async def need_buttons(message: Message, _: Translator) -> None:
    await message.answer(_("route-use-buttons"))

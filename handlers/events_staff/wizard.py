"""The event wizard: kind, level, title (the draft is made), description, start, length or end,
place, registration deadline, seats, a picture or file — then the audience picker."""

from __future__ import annotations

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
from bot.ui.messaging import Screen, show
from handlers.events_staff.states import EventWizard

Target = Message | CallbackQuery


async def home(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.staff_home(await turn.services.events_staff.home(turn.actor), _))


async def new(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.kind_prompt(_))


async def kind(query: CallbackQuery, callback_data: EventStaffCD, turn: Turn, _: Translator) -> None:
    if callback_data.v not in {k.value for k in EventKind}:
        await show(query, screens.kind_prompt(_))
        return
    await turn.state.set_data({"kind": callback_data.v})
    await show(query, screens.level_prompt(_))


async def level(query: CallbackQuery, callback_data: EventStaffCD, turn: Turn, _: Translator) -> None:
    data = await turn.state.get_data()
    if "kind" not in data or callback_data.v not in {lv.value for lv in EventLevel}:
        await show(query, screens.kind_prompt(_))
        return
    await turn.state.update_data(level=callback_data.v)
    await turn.state.set_state(EventWizard.title)
    await show(query, screens.text_prompt("es-title-prompt", 0, _))


async def got_title(message: Message, turn: Turn, _: Translator) -> None:
    data = await turn.state.get_data()
    kind_, level_ = data.get("kind"), data.get("level")
    result = await turn.services.events_staff.start(turn.actor, kind_, level_, message.text or "")
    if await _said(message, turn.state, result, _):
        return
    assert isinstance(result, EventRow)
    await turn.state.set_state(EventWizard.description)
    await turn.state.set_data({"event": result.id})
    await show(message, _description_prompt(result, _))


def _description_prompt(event: EventRow, _: Translator) -> Screen:
    return screens.text_prompt("es-description-prompt", event.id, _, skip=EventStaffAction.SKIP_DESCRIPTION)


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


# Each step: the service takes the answer; the next prompt (and state) follows.


async def _next(target: Target, state: FSMContext, event: EventRow, step: str, _: Translator) -> None:
    if step == "start":
        await state.set_state(EventWizard.start)
        await show(
            target, screens.text_prompt("es-start-prompt", event.id, _, zone=screens.zone_words(event, _))
        )
    elif step == "end":
        await state.set_state(EventWizard.end)
        await show(target, screens.length_prompt(event.id, _))
    elif step == "place":
        await state.set_state(EventWizard.place)
        await show(
            target, screens.text_prompt("es-place-prompt", event.id, _, skip=EventStaffAction.SKIP_PLACE)
        )
    elif step == "deadline":
        await state.set_state(EventWizard.deadline)
        await show(target, screens.deadline_prompt(event.id, _))
    elif step == "capacity":
        await state.set_state(EventWizard.capacity)
        await show(target, screens.capacity_prompt(event.id, _))
    else:
        await state.set_state(EventWizard.media)
        await show(
            target, screens.text_prompt("es-media-prompt", event.id, _, skip=EventStaffAction.SKIP_MEDIA)
        )


async def _then(target: Target, state: FSMContext, result: object, step: str, _: Translator) -> None:
    if not await _said(target, state, result, _):
        assert isinstance(result, EventRow)
        await _next(target, state, result, step, _)


# A typed answer in each state, or a button: (the service's step, the next prompt).
NEXT: dict[State | EventStaffAction, tuple[Step, str]] = {
    EventWizard.description: (Step.DESCRIPTION, "start"),
    EventStaffAction.SKIP_DESCRIPTION: (Step.SKIP, "start"),
    EventWizard.start: (Step.START, "end"),
    EventWizard.end: (Step.END, "place"),
    EventStaffAction.LENGTH: (Step.LENGTH, "place"),
    EventWizard.place: (Step.PLACE, "deadline"),
    EventStaffAction.SKIP_PLACE: (Step.SKIP, "deadline"),
    EventWizard.deadline: (Step.DEADLINE, "capacity"),
    EventStaffAction.DEADLINE: (Step.DEADLINE_CHOICE, "capacity"),
    EventWizard.capacity: (Step.CAPACITY, "media"),
    EventStaffAction.CAP: (Step.CAPACITY_CHOICE, "media"),
}
TYPED = [key for key in NEXT if isinstance(key, State)]
TYPED_BY_NAME = {str(key.state): found for key, found in NEXT.items() if isinstance(key, State)}


async def got_text(message: Message, turn: Turn, raw_state: str | None, _: Translator) -> None:
    step, after = TYPED_BY_NAME[raw_state or ""]
    result = await turn.services.events_staff.answer(
        turn.actor, await _event_id(turn.state), step, message.text or ""
    )
    await _then(message, turn.state, result, after, _)


async def got_button(query: CallbackQuery, callback_data: EventStaffCD, turn: Turn, _: Translator) -> None:
    step, after = NEXT[callback_data.action]
    result = await turn.services.events_staff.answer(
        turn.actor, await _event_id(turn.state), step, callback_data.v
    )
    await _then(query, turn.state, result, after, _)


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
    view = await turn.services.events_staff.media(turn.actor, await _event_id(turn.state))
    await _audience(query, turn.state, view, _)


async def _audience(target: Target, state: FSMContext, view: AudienceView | None, _: Translator) -> None:
    if view is None:
        await state.clear()
        return
    event_id = await _event_id(state)
    await state.set_state(None)
    await show(target, audience_screen(view, _, AudienceButtons(EventStaffCD, e=event_id)))


async def need_text(message: Message, _: Translator) -> None:
    await message.answer(_("route-need-text"))


async def need_media(message: Message, _: Translator) -> None:
    await message.answer(_("es-media-bad"))

"""«Мероприятия» for teachers: upcoming events that concern them, a card, registration (deadline,
capacity, waiting list), an .ics file, «Мои записи», feedback after the event, adding it to the ИОМ.

Each handler makes one call to `services.events` and shows what it returns; the event in the
callback data is loaded and checked by the VisibleEvent filter (published and for this person, or
one they registered for)."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import EventAction, EventCD, MenuCD, Section
from bot.domain.events import RegistrationStatus
from bot.filters import Actor, owned
from bot.i18n import Translator
from bot.middlewares import RegisteredOnly, gated
from bot.services.container import Services
from bot.services.events.service import FEEDBACK_MAX, CardView, EventRow
from bot.turn import Turn
from bot.ui import events as screens
from bot.ui.messaging import show


async def _visible(services: Services, actor: Actor, data: EventCD) -> EventRow | None:
    """Nothing is loaded before registration: RegisteredOnly, after the filters, shows the menu."""
    if actor.user is None or actor.user.registered_at is None:
        return None
    return await services.events.visible(actor.user, data.e)


VisibleEvent = owned("event", _visible)


class EventDialog(StatesGroup):
    feedback = State()


async def events_list(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    kind, page = "", 0
    if query.data and query.data.startswith(EventCD.__prefix__):
        data = EventCD.unpack(query.data)
        kind, page = data.k, data.p
    view = await turn.services.events.listing(turn.person, kind, page)
    await show(query, screens.list_screen(view.events, view.statuses, view.kinds, view.kind, view.page, _))


async def mine(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await show(query, screens.mine_screen(await turn.services.events.mine(turn.person), _))


async def _show_card(
    target: CallbackQuery, view: CardView, _: Translator, back: EventCD | None = None, *, edit: bool = True
) -> None:
    back = back or EventCD(action=EventAction.LIST)
    text, markup = screens.card_screen(
        view.event,
        view.row,
        view.taken,
        view.state,
        view.can_route,
        back,
        _,
        stages=view.stages,
        result=view.result,
    )
    await show(target, (text, markup), edit=edit)


def _noted(view: CardView, _: Translator, answer: CallbackAnswer) -> CardView:
    if view.note:
        answer.text = _(view.note)
    return view


async def open_card(
    query: CallbackQuery, callback_data: EventCD, turn: Turn, event: EventRow, _: Translator
) -> None:
    back = (
        EventCD(action=EventAction.MINE)
        if callback_data.k == "mine"
        else EventCD(action=EventAction.LIST, k=callback_data.k, p=callback_data.p)
    )
    # From a broadcast or a reminder the card opens as a new message; the announcement stays.
    from_list = isinstance(query.message, Message) and bool(query.message.text) and callback_data.k != ""
    view = await turn.services.events.card(turn.person, event)
    await _show_card(query, view, _, back, edit=from_list or callback_data.p > 0)


async def _send_ics(bot: Bot, chat_id: int, services: Services, event: EventRow, _: Translator) -> None:
    await bot.send_document(
        chat_id,
        BufferedInputFile(services.events.calendar(event), filename=f"event-{event.id}.ics"),
        caption=_("ev-ics-caption"),
    )


async def register(query: CallbackQuery, turn: Turn, event: EventRow, _: Translator) -> None:
    result = await turn.services.events.register(turn.person, event)
    turn.answer.text = _(f"ev-reg-{result.status}")
    turn.answer.show_alert = result.alert
    await _show_card(query, result.card, _, edit=False)
    if result.status == RegistrationStatus.REGISTERED:
        await _send_ics(turn.bot, query.from_user.id, turn.services, event, _)


async def unregister(query: CallbackQuery, turn: Turn, event: EventRow, _: Translator) -> None:
    view = await turn.services.events.unregister(turn.person, event)
    await _show_card(query, _noted(view, _, turn.answer), _)


async def files(
    query: CallbackQuery, callback_data: EventCD, turn: Turn, event: EventRow, _: Translator
) -> None:
    if callback_data.action == EventAction.ICS:
        await _send_ics(turn.bot, query.from_user.id, turn.services, event, _)
    elif event.file_id:
        await turn.bot.send_document(query.from_user.id, event.file_id)


async def to_route(query: CallbackQuery, turn: Turn, event: EventRow, _: Translator) -> None:
    view = await turn.services.events.to_route(turn.person, event)
    await _show_card(query, _noted(view, _, turn.answer), _)


async def rate(query: CallbackQuery, callback_data: EventCD, turn: Turn, _: Translator) -> None:
    registration = await turn.services.events.rate(turn.person, callback_data.e, callback_data.p)
    await turn.state.set_state(EventDialog.feedback)
    await turn.state.set_data({"registration": registration})
    await show(query, screens.comment_prompt(callback_data.e, _))


async def no_comment(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await show(query, (_("ev-thanks"), None))


async def feedback(message: Message, turn: Turn, _: Translator) -> None:
    text = " ".join((message.text or "").split())
    if len(text) > FEEDBACK_MAX:
        await message.answer(_("mn-about-long", max=FEEDBACK_MAX))
        return
    data = await turn.state.get_data()
    await turn.state.clear()
    await message.answer(
        _(await turn.services.events.comment(turn.person, int(data.get("registration", 0)), text))
    )


async def digest_off(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.services.events.digest_off(turn.person)
    turn.answer.text, turn.answer.show_alert = _("ev-digest-off-done"), True


def build_router() -> Router:
    router = gated(__name__, RegisteredOnly())
    on = router.callback_query.register
    on(events_list, MenuCD.filter(F.section == Section.EVENTS))
    on(events_list, EventCD.filter(F.action == EventAction.LIST))
    on(mine, EventCD.filter(F.action == EventAction.MINE))
    on(open_card, EventCD.filter(F.action == EventAction.OPEN), VisibleEvent())
    on(register, EventCD.filter(F.action == EventAction.REG), VisibleEvent())
    on(unregister, EventCD.filter(F.action == EventAction.UNREG), VisibleEvent())
    on(files, EventCD.filter(F.action.in_({EventAction.ICS, EventAction.FILE})), VisibleEvent())
    on(to_route, EventCD.filter(F.action == EventAction.ROUTE), VisibleEvent())
    on(rate, EventCD.filter(F.action == EventAction.RATE))
    on(no_comment, EventCD.filter(F.action == EventAction.NO_COMMENT))
    router.message.register(feedback, EventDialog.feedback, F.text)
    on(digest_off, EventCD.filter(F.action == EventAction.DIGEST_OFF))
    return router

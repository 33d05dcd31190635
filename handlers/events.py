"""«Мероприятия» for teachers: upcoming events that concern them, a card, registration (deadline,
capacity, waiting list), an .ics file, «Мои записи», feedback after the event, adding it to the ИОМ."""

from __future__ import annotations

import logging
from html import escape

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import EventAction, EventCD, MenuCD, Section
from bot.config import Settings
from bot.domain.events import Registration, ics
from bot.domain.time import Clock, local_today
from bot.i18n import I18n, Translator
from bot.middlewares import RegisteredOnly
from bot.outbox import OutboxWorker
from bot.services import broadcasts
from bot.services import events as service
from bot.services import routes as route_service
from bot.ui import events as screens
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import show
from storage.models import Event, User
from storage.repositories import Repos

log = logging.getLogger(__name__)
router = Router(name=__name__)
router.message.middleware(RegisteredOnly())
router.callback_query.middleware(RegisteredOnly())

FEEDBACK_MAX = 500


class EventDialog(StatesGroup):
    feedback = State()


@router.callback_query(MenuCD.filter(F.section == Section.EVENTS))
@router.callback_query(EventCD.filter(F.action == EventAction.LIST))
async def events_list(
    query: CallbackQuery, state: FSMContext, repos: Repos, user: User, _: Translator, clock: Clock
) -> None:
    await state.clear()
    kind, page = "", 0
    if query.data and query.data.startswith(EventCD.__prefix__):
        data = EventCD.unpack(query.data)
        kind, page = data.k, data.p
    everything = await service.upcoming_for(repos, user, clock())
    kinds = sorted({e.kind for e in everything})
    shown = [e for e in everything if not kind or e.kind == kind]
    statuses = await repos.events.my_statuses(user.id, [e.id for e in shown])
    await show(query, screens.list_screen(shown, statuses, kinds, kind, page, _))


@router.callback_query(EventCD.filter(F.action == EventAction.MINE))
async def mine(query: CallbackQuery, repos: Repos, user: User, _: Translator, clock: Clock) -> None:
    await show(query, screens.mine_screen(await repos.events.mine(user.id, clock()), _))


async def _event(
    repos: Repos, user: User, event_id: int, _: Translator, clock: Clock, answer: CallbackAnswer
) -> Event | None:
    try:
        return await service.visible(repos, user, event_id, clock())
    except service.NotYours:
        answer.text, answer.show_alert = _("ev-not-for-you"), True
        return None


async def show_card(
    event_: CallbackQuery | Message,
    repos: Repos,
    event: Event,
    user: User,
    _: Translator,
    clock: Clock,
    back: EventCD | None = None,
    *,
    note: str | None = None,
    edit: bool = True,
) -> None:
    row = await repos.events.registration(event.id, user.id)
    taken = await repos.events.taken(event.id)
    route = await repos.routes.current(user.id)
    can_route = route is not None and route_service.status(route).value != "carried_out"
    text, markup = screens.card_screen(
        event,
        row,
        taken,
        service.state(event, taken, clock()),
        can_route,
        back or EventCD(action=EventAction.LIST),
        _,
    )
    await show(event_, ((note + "\n\n" + text) if note else text, markup), edit=edit)


@router.callback_query(EventCD.filter(F.action == EventAction.OPEN))
async def open_card(
    query: CallbackQuery,
    callback_data: EventCD,
    repos: Repos,
    user: User,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    event = await _event(repos, user, callback_data.e, _, clock, callback_answer)
    if event is None:
        return
    back = (
        EventCD(action=EventAction.MINE)
        if callback_data.k == "mine"
        else EventCD(action=EventAction.LIST, k=callback_data.k, p=callback_data.p)
    )
    # From a broadcast or a reminder the card opens as a new message; the announcement stays.
    from_list = isinstance(query.message, Message) and bool(query.message.text) and callback_data.k != ""
    await show_card(query, repos, event, user, _, clock, back, edit=from_list or callback_data.p > 0)


async def send_ics(bot: Bot, chat_id: int, event: Event, _: Translator) -> None:
    await bot.send_document(
        chat_id,
        BufferedInputFile(ics(service.calendar_entry(event)), filename=f"event-{event.id}.ics"),
        caption=_("ev-ics-caption"),
    )


@router.callback_query(EventCD.filter(F.action == EventAction.REG))
async def register(
    query: CallbackQuery,
    callback_data: EventCD,
    bot: Bot,
    repos: Repos,
    user: User,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    event = await _event(repos, user, callback_data.e, _, clock, callback_answer)
    if event is None:
        return
    result = await service.register(repos, event, user, clock())
    callback_answer.text = _(f"ev-reg-{result.status}")
    if result.status in (Registration.CLOSED.value, Registration.STARTED.value, Registration.CANCELLED.value):
        callback_answer.show_alert = True
    await repos.commit()
    await show_card(query, repos, event, user, _, clock, edit=False)
    if result.status == "registered":
        await send_ics(bot, query.from_user.id, event, _)


@router.callback_query(EventCD.filter(F.action == EventAction.UNREG))
async def unregister(
    query: CallbackQuery,
    callback_data: EventCD,
    repos: Repos,
    user: User,
    settings: Settings,
    i18n: I18n,
    outbox: OutboxWorker | None,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    event = await _event(repos, user, callback_data.e, _, clock, callback_answer)
    if event is None:
        return
    try:
        promoted = await service.unregister(repos, event, user, clock())
    except service.NotAllowed:
        callback_answer.text = _("route-stale")
        await show_card(query, repos, event, user, _, clock)
        return
    callback_answer.text = _("ev-unregistered")
    if promoted is not None:
        theirs = i18n.get(promoted.locale)
        await broadcasts.send_one(
            repos,
            promoted,
            theirs("ev-promoted", title=escape(event.title)),
            screens.announcement_keyboard(event, theirs),
            clock(),
            settings.default_timezone,
            dedupe=f"ev{event.id}:{promoted.id}:promoted:{int(clock().timestamp())}",
            urgent=True,
        )
        if outbox is not None:
            outbox.wake()
    await show_card(query, repos, event, user, _, clock)


@router.callback_query(EventCD.filter(F.action.in_({EventAction.ICS, EventAction.FILE})))
async def files(
    query: CallbackQuery,
    callback_data: EventCD,
    bot: Bot,
    repos: Repos,
    user: User,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    event = await _event(repos, user, callback_data.e, _, clock, callback_answer)
    if event is None:
        return
    if callback_data.action == EventAction.ICS:
        await send_ics(bot, query.from_user.id, event, _)
    elif event.file_id:
        await bot.send_document(query.from_user.id, event.file_id)


@router.callback_query(EventCD.filter(F.action == EventAction.ROUTE))
async def to_route(
    query: CallbackQuery,
    callback_data: EventCD,
    repos: Repos,
    user: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    event = await _event(repos, user, callback_data.e, _, clock, callback_answer)
    if event is None:
        return
    row = await repos.events.registration(event.id, user.id)
    if row is None or row.status != "registered":
        callback_answer.text = _("route-stale")
        return
    try:
        await service.add_to_route(
            repos,
            user,
            event,
            row,
            local_today(clock(), route_service.teacher_timezone(user, settings.default_timezone)),
        )
    except (service.NotAllowed, route_service.NotAllowed):
        callback_answer.text = _("ev-route-already")
        return
    except route_service.NoDiagnosis:
        callback_answer.text, callback_answer.show_alert = _("ev-route-none"), True
        return
    except route_service.RouteFull:
        callback_answer.text, callback_answer.show_alert = _("route-full"), True
        return
    callback_answer.text = _("ev-route-added")
    await show_card(query, repos, event, user, _, clock)


@router.callback_query(EventCD.filter(F.action == EventAction.RATE))
async def rate(
    query: CallbackQuery,
    callback_data: EventCD,
    state: FSMContext,
    repos: Repos,
    user: User,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    row = await repos.events.registration(callback_data.e, user.id)
    event = await repos.events.event(callback_data.e)
    if row is None or event is None:
        callback_answer.text, callback_answer.show_alert = _("ev-not-for-you"), True
        return
    try:
        await service.rate(repos, event, row, callback_data.p, row.feedback, clock())
    except service.NotOver:
        callback_answer.text, callback_answer.show_alert = _("ev-rate-not-yet"), True
        return
    except service.NotAllowed:
        callback_answer.text = _("route-stale")
        return
    await state.set_state(EventDialog.feedback)
    await state.set_data({"registration": row.id})
    kb = Keyboard()
    kb.button(
        text=_("mn-btn-no-comment"), callback_data=EventCD(action=EventAction.NO_COMMENT, e=callback_data.e)
    )
    await show(query, (_("mn-comment-prompt"), kb.as_markup()))


@router.callback_query(EventCD.filter(F.action == EventAction.NO_COMMENT))
async def no_comment(query: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.clear()
    await show(query, (_("ev-thanks"), None))


@router.message(EventDialog.feedback, F.text)
async def feedback(
    message: Message, state: FSMContext, repos: Repos, user: User, _: Translator, clock: Clock
) -> None:
    text = " ".join((message.text or "").split())
    if len(text) > FEEDBACK_MAX:
        await message.answer(_("mn-about-long", max=FEEDBACK_MAX))
        return
    data = await state.get_data()
    await state.clear()
    row = await repos.events.registration_by_id(int(data.get("registration", 0)))
    event = await repos.events.event(row.event_id) if row is not None else None
    if row is None or event is None or row.user_id != user.id or row.rating is None:
        await message.answer(_("route-stale"))
        return
    try:
        await service.rate(repos, event, row, row.rating, text, clock())
    except (service.NotAllowed, service.NotOver):
        await message.answer(_("route-stale"))
        return
    await message.answer(_("ev-thanks"))


@router.callback_query(EventCD.filter(F.action == EventAction.DIGEST_OFF))
async def digest_off(
    query: CallbackQuery, repos: Repos, user: User, _: Translator, callback_answer: CallbackAnswer
) -> None:
    await repos.users.update(user, digest_off=True)
    callback_answer.text, callback_answer.show_alert = _("ev-digest-off-done"), True

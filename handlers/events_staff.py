"""«Рассылки и мероприятия» for staff (and methodists, for their association): the event wizard,
the audience with a live count, the preview of the exact message, publishing now or later, the
broadcast's live progress and stop, edits and cancellation told to those registered, attendance,
the XLSX. Role check: RoleGate(staff, admin, methodist); which events each of them may touch and
whom they may write to — `bot.services.events.may_manage` and `reach_of`."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import BroadcastCD, EventStaffCD, MenuCD, Section
from bot.config import Settings
from bot.domain.events import (
    PLACE_MAX,
    Audience,
    EventKind,
    EventLevel,
    PlaceProblem,
    has_control,
    parse_capacity,
    parse_when,
    read_place,
    within,
)
from bot.domain.roles import Role
from bot.domain.time import Clock
from bot.i18n import I18n, Translator
from bot.middlewares import RoleGate
from bot.outbox import OutboxWorker
from bot.services import broadcasts, content
from bot.services import events as service
from bot.ui import events as screens
from bot.ui.broadcasts import broadcast_progress
from bot.ui.messaging import show
from storage.models import Broadcast, Event, User
from storage.repositories import Repos

log = logging.getLogger(__name__)
router = Router(name=__name__)
router.message.middleware(RoleGate({Role.STAFF, Role.ADMIN, Role.METHODIST}))
router.callback_query.middleware(RoleGate({Role.STAFF, Role.ADMIN, Role.METHODIST}))

TITLE_MAX = 200
DESCRIPTION_MAX = 2500


class EventWizard(StatesGroup):
    title = State()
    description = State()
    start = State()
    end = State()
    place = State()
    deadline = State()
    capacity = State()
    media = State()
    schedule = State()
    edit = State()


def zone_of(user: User | None, settings: Settings) -> str:
    return (
        user.municipality.timezone
        if user is not None and user.municipality is not None
        else settings.default_timezone
    )


async def _own(
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    event_id: int,
    _: Translator,
    answer: CallbackAnswer,
) -> Event | None:
    try:
        return await service.manageable_event(repos, event_id, user, roles)
    except service.NotYours:
        answer.text, answer.show_alert = _("es-not-yours"), True
        return None


@router.callback_query(MenuCD.filter(F.section == Section.BROADCASTS))
@router.callback_query(EventStaffCD.filter(F.action == "home"))
async def home(
    query: CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    await state.clear()
    events = await service.manageable(repos, user, roles) if user is not None else []
    await show(query, screens.staff_home(events, _))


# --- the wizard -------------------------------------------------------------------------------------


@router.callback_query(EventStaffCD.filter(F.action == "new"))
async def new(query: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.clear()
    await show(query, screens.kind_prompt(_))


@router.callback_query(EventStaffCD.filter(F.action == "kind"))
async def kind(query: CallbackQuery, callback_data: EventStaffCD, state: FSMContext, _: Translator) -> None:
    if callback_data.v not in {k.value for k in EventKind}:
        await show(query, screens.kind_prompt(_))
        return
    await state.set_data({"kind": callback_data.v})
    await show(query, screens.level_prompt(_))


@router.callback_query(EventStaffCD.filter(F.action == "level"))
async def level(query: CallbackQuery, callback_data: EventStaffCD, state: FSMContext, _: Translator) -> None:
    data = await state.get_data()
    if "kind" not in data or callback_data.v not in {lv.value for lv in EventLevel}:
        await show(query, screens.kind_prompt(_))
        return
    await state.update_data(level=callback_data.v)
    await state.set_state(EventWizard.title)
    await show(query, screens.text_prompt("es-title-prompt", 0, _))


def _clean(text: str | None) -> str:
    return " ".join((text or "").split())


@router.message(EventWizard.title, F.text)
async def got_title(
    message: Message,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
) -> None:
    title = _clean(message.text)
    if has_control(title):
        await message.answer(_("es-control-bad"))
        return
    if not 3 <= len(title) <= TITLE_MAX:
        await message.answer(_("es-title-bad", max=TITLE_MAX))
        return
    data = await state.get_data()
    if user is None or "kind" not in data:
        await state.clear()
        return
    event = await service.start_draft(
        repos,
        user,
        kind=EventKind(data["kind"]),
        level=str(data.get("level", EventLevel.REGIONAL.value)),
        title=title,
        timezone=zone_of(user, settings),
        audience=service.default_audience(user, roles),
        now=clock(),
    )
    await state.set_state(EventWizard.description)
    await state.set_data({"event": event.id})
    await show(message, screens.text_prompt("es-description-prompt", event.id, _, skip="skip_description"))


async def _event_of(
    state: FSMContext, repos: Repos, user: User | None, roles: frozenset[Role]
) -> Event | None:
    data = await state.get_data()
    try:
        return await service.manageable_event(repos, int(data.get("event", 0)), user, roles)
    except service.NotYours:
        await state.clear()
        return None


async def _ask_start(event_: Message | CallbackQuery, state: FSMContext, event: Event, _: Translator) -> None:
    await state.set_state(EventWizard.start)
    await show(event_, screens.text_prompt("es-start-prompt", event.id, _, zone=event.timezone))


@router.message(EventWizard.description, F.text)
async def got_description(
    message: Message,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    text = (message.text or "").strip()
    if len(text) > DESCRIPTION_MAX:
        await message.answer(_("es-too-long", max=DESCRIPTION_MAX))
        return
    if has_control(text, lines=True):
        await message.answer(_("es-control-bad"))
        return
    event = await _event_of(state, repos, user, roles)
    if event is None:
        return
    await repos.events.update(event, description=text)
    await _ask_start(message, state, event, _)


@router.callback_query(EventWizard.description, EventStaffCD.filter(F.action == "skip_description"))
async def skip_description(
    query: CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    event = await _event_of(state, repos, user, roles)
    if event is not None:
        await _ask_start(query, state, event, _)


@router.message(EventWizard.start, F.text)
async def got_start(
    message: Message,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
) -> None:
    event = await _event_of(state, repos, user, roles)
    if event is None:
        return
    try:
        starts_at = parse_when(message.text or "", event.timezone, clock())
    except ValueError:
        await message.answer(_("es-date-bad"))
        return
    if starts_at <= clock():
        await message.answer(_("es-date-past"))
        return
    await repos.events.update(event, starts_at=starts_at)
    await state.set_state(EventWizard.end)
    await show(message, screens.length_prompt(event.id, _))


async def _ask_place(event_: Message | CallbackQuery, state: FSMContext, event: Event, _: Translator) -> None:
    await state.set_state(EventWizard.place)
    await show(event_, screens.text_prompt("es-place-prompt", event.id, _, skip="skip_place"))


@router.callback_query(EventWizard.end, EventStaffCD.filter(F.action == "length"))
async def got_length(
    query: CallbackQuery,
    callback_data: EventStaffCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    event = await _event_of(state, repos, user, roles)
    if event is None:
        return
    hours = int(callback_data.v) if callback_data.v.isdigit() else 0
    await repos.events.update(event, ends_at=event.starts_at + timedelta(hours=hours) if hours else None)
    await _ask_place(query, state, event, _)


@router.message(EventWizard.end, F.text)
async def got_end(
    message: Message,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
) -> None:
    event = await _event_of(state, repos, user, roles)
    if event is None:
        return
    try:
        ends = parse_when(message.text or "", event.timezone, clock())
    except ValueError:
        await message.answer(_("es-date-bad"))
        return
    if ends <= event.starts_at:
        await message.answer(_("es-end-before"))
        return
    await repos.events.update(event, ends_at=ends)
    await _ask_place(message, state, event, _)


async def _ask_deadline(
    event_: Message | CallbackQuery, state: FSMContext, event: Event, _: Translator
) -> None:
    await state.set_state(EventWizard.deadline)
    await show(event_, screens.deadline_prompt(event.id, _))


@router.message(EventWizard.place, F.text)
async def got_place(
    message: Message,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    try:
        place, link = read_place(message.text or "")
    except ValueError as problem:
        await message.answer(_place_problem(problem, _))
        return
    event = await _event_of(state, repos, user, roles)
    if event is None:
        return
    await repos.events.update(event, place=place, link=link)
    await _ask_deadline(message, state, event, _)


def _place_problem(problem: ValueError, _: Translator) -> str:
    if problem.args and problem.args[0] == PlaceProblem.LONG:
        return _("es-too-long", max=PLACE_MAX)
    return _("es-place-bad")


@router.callback_query(EventWizard.place, EventStaffCD.filter(F.action == "skip_place"))
async def skip_place(
    query: CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    event = await _event_of(state, repos, user, roles)
    if event is not None:
        await _ask_deadline(query, state, event, _)


async def _ask_capacity(
    event_: Message | CallbackQuery, state: FSMContext, event: Event, _: Translator
) -> None:
    await state.set_state(EventWizard.capacity)
    await show(event_, screens.capacity_prompt(event.id, _))


@router.callback_query(EventWizard.deadline, EventStaffCD.filter(F.action == "deadline"))
async def got_deadline_button(
    query: CallbackQuery,
    callback_data: EventStaffCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    event = await _event_of(state, repos, user, roles)
    if event is None:
        return
    deadline = event.starts_at - timedelta(days=1) if callback_data.v == "day" else None
    await repos.events.update(event, deadline=deadline)
    await _ask_capacity(query, state, event, _)


@router.message(EventWizard.deadline, F.text)
async def got_deadline(
    message: Message,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
) -> None:
    event = await _event_of(state, repos, user, roles)
    if event is None:
        return
    try:
        deadline = parse_when(message.text or "", event.timezone, clock())
    except ValueError:
        await message.answer(_("es-date-bad"))
        return
    if not clock() < deadline <= event.starts_at:
        await message.answer(_("es-deadline-bad"))
        return
    await repos.events.update(event, deadline=deadline)
    await _ask_capacity(message, state, event, _)


async def _ask_media(event_: Message | CallbackQuery, state: FSMContext, event: Event, _: Translator) -> None:
    await state.set_state(EventWizard.media)
    await show(event_, screens.text_prompt("es-media-prompt", event.id, _, skip="skip_media"))


@router.callback_query(EventWizard.capacity, EventStaffCD.filter(F.action == "cap"))
async def got_capacity_button(
    query: CallbackQuery,
    callback_data: EventStaffCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    event = await _event_of(state, repos, user, roles)
    if event is None:
        return
    value = int(callback_data.v) if callback_data.v.isdigit() else 0
    await repos.events.update(event, capacity=value or None)
    await _ask_media(query, state, event, _)


@router.message(EventWizard.capacity, F.text)
async def got_capacity(
    message: Message,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    event = await _event_of(state, repos, user, roles)
    if event is None:
        return
    try:
        capacity = parse_capacity(message.text or "")
    except ValueError:
        await message.answer(_("es-capacity-bad"))
        return
    await repos.events.update(event, capacity=capacity)
    await _ask_media(message, state, event, _)


async def _audience(
    event_: Message | CallbackQuery,
    repos: Repos,
    event: Event,
    user: User,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
) -> None:
    reach = service.reach_of(user, roles)
    audience = Audience.from_json(event.audience)
    count = len(await service.recipients(repos, event, clock().year, reach))
    municipalities, _total = await repos.directory.municipalities()
    catalogue = await content.catalogue(repos.content)
    titles = {area: rec.title for area, rec in catalogue.areas.items()} if catalogue else {}
    await show(
        event_,
        screens.audience_screen(
            audience,
            count,
            {m.id: m.name for m in municipalities},
            titles,
            _,
            _buttons(event),
            note=_("es-no-reach") if reach.nobody else None,
        ),
    )


@router.message(EventWizard.media, F.photo | F.document)
async def got_media(
    message: Message,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
) -> None:
    event = await _event_of(state, repos, user, roles)
    if event is None or user is None:
        return
    if message.photo:
        await repos.events.update(event, image_file_id=message.photo[-1].file_id)
    elif message.document:
        await repos.events.update(
            event,
            file_id=message.document.file_id,
            file_name=(message.document.file_name or "")[:255] or None,
        )
    await state.set_state(None)
    await _audience(message, repos, event, user, roles, _, clock)


@router.callback_query(EventWizard.media, EventStaffCD.filter(F.action == "skip_media"))
async def skip_media(
    query: CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
) -> None:
    event = await _event_of(state, repos, user, roles)
    if event is None or user is None:
        return
    await state.set_state(None)
    await _audience(query, repos, event, user, roles, _, clock)


@router.message(
    EventWizard.title,
    EventWizard.description,
    EventWizard.start,
    EventWizard.end,
    EventWizard.place,
    EventWizard.deadline,
    EventWizard.capacity,
    EventWizard.schedule,
    EventWizard.edit,
)
async def need_text(message: Message, _: Translator) -> None:
    await message.answer(_("route-need-text"))


@router.message(EventWizard.media)
async def need_media(message: Message, _: Translator) -> None:
    await message.answer(_("es-media-bad"))


# --- the audience and the preview ------------------------------------------------------------------------


@router.callback_query(EventStaffCD.filter(F.action.in_({"audience", "young", "opt", "aud"})))
async def audience(
    query: CallbackQuery,
    callback_data: EventStaffCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    event = await _own(repos, user, roles, callback_data.e, _, callback_answer)
    if event is None or user is None:
        return
    if event.status not in ("draft", "scheduled"):
        callback_answer.text = _("es-published-already")
        return
    await state.clear()
    current = Audience.from_json(event.audience)
    current = current.edited(callback_data.action, callback_data.v)
    current = within(current, service.reach_of(user, roles))
    await repos.events.update(event, audience=current.to_json())
    if callback_data.action == "aud" or callback_data.action == "opt":
        key = callback_data.v if callback_data.action == "aud" else callback_data.v.split(".", 1)[0]
        options = await service.audience_options(repos, key, _)
        chosen = {str(v) for v in getattr(current, key, ())}
        await show(query, screens.options_screen(key, options, chosen, _, _buttons(event)))
        return
    await _audience(query, repos, event, user, roles, _, clock)


def _buttons(event: Event) -> screens.AudienceButton:
    return lambda action, value: EventStaffCD(action=action, e=event.id, v=value)


@router.callback_query(EventStaffCD.filter(F.action.in_({"preview", "urgent"})))
async def preview(
    query: CallbackQuery,
    callback_data: EventStaffCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    event = await _own(repos, user, roles, callback_data.e, _, callback_answer)
    if event is None or user is None:
        return
    if event.status not in ("draft", "scheduled"):
        callback_answer.text = _("es-published-already")
        return
    if callback_data.action == "urgent":
        await repos.events.update(event, urgent=not event.urgent)
    count = len(await service.recipients(repos, event, clock().year, service.reach_of(user, roles)))
    await show(query, screens.preview_screen(event, count, _))


async def start_broadcast(
    bot: Bot, repos: Repos, broadcast: Broadcast, chat_id: int, i18n: I18n, outbox: OutboxWorker | None
) -> None:
    """The progress message staff watch; the outbox edits it as it goes."""
    counts = await repos.outbox.counts(broadcast.id)
    text, markup = broadcast_progress(broadcast, counts, i18n)
    sent = await bot.send_message(chat_id, text, reply_markup=markup)
    await repos.outbox.set_progress_message(broadcast.id, chat_id, sent.message_id)
    await repos.commit()
    if outbox is not None:
        outbox.wake()


@router.callback_query(EventStaffCD.filter(F.action == "publish"))
async def publish(
    query: CallbackQuery,
    callback_data: EventStaffCD,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    i18n: I18n,
    outbox: OutboxWorker | None,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    event = await _own(repos, user, roles, callback_data.e, _, callback_answer)
    if event is None or user is None:
        return
    teachers = i18n.get(settings.default_locale)
    try:
        broadcast = await service.publish(
            repos,
            event,
            user,
            text=screens.announcement(event, teachers),
            markup=screens.announcement_keyboard(event, teachers),
            now=clock(),
            default_tz=settings.default_timezone,
            reach=service.reach_of(user, roles),
        )
    except service.NotAllowed:
        callback_answer.text = _("es-published-already")
        return
    except service.NoReach:
        callback_answer.text, callback_answer.show_alert = _("es-no-reach"), True
        return
    await repos.commit()
    callback_answer.text = _("es-published", count=broadcast.total)
    await show(query, screens.staff_card(event, await repos.events.stats(event.id), None, _))
    await start_broadcast(bot, repos, broadcast, query.from_user.id, i18n, outbox)


@router.callback_query(EventStaffCD.filter(F.action == "schedule"))
async def ask_schedule(
    query: CallbackQuery,
    callback_data: EventStaffCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    event = await _own(repos, user, roles, callback_data.e, _, callback_answer)
    if event is None or user is None:
        return
    if event.status not in ("draft", "scheduled"):
        callback_answer.text = _("es-published-already")
        return
    if service.reach_of(user, roles).nobody:
        callback_answer.text, callback_answer.show_alert = _("es-no-reach"), True
        return
    await state.set_state(EventWizard.schedule)
    await state.set_data({"event": event.id})
    await show(query, screens.text_prompt("es-schedule-prompt", event.id, _, zone=event.timezone))


@router.message(EventWizard.schedule, F.text)
async def got_schedule(
    message: Message,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
) -> None:
    event = await _event_of(state, repos, user, roles)
    if event is None or user is None:
        return
    try:
        at = parse_when(message.text or "", event.timezone, clock())
        await service.schedule(repos, event, at, clock(), service.reach_of(user, roles))
    except ValueError:
        await message.answer(_("es-date-bad"))
        return
    except service.NotAllowed:
        await message.answer(_("es-date-past"))
        return
    except service.NoReach:
        await state.clear()
        await message.answer(_("es-no-reach"))
        return
    await state.clear()
    await show(message, screens.staff_card(event, await repos.events.stats(event.id), None, _))


@router.callback_query(EventStaffCD.filter(F.action == "drop"))
async def drop(
    query: CallbackQuery,
    callback_data: EventStaffCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    event = await _own(repos, user, roles, callback_data.e, _, callback_answer)
    if event is None:
        return
    if event.status not in ("draft", "scheduled"):
        callback_answer.text = _("es-published-already")
        return
    await repos.events.delete(event)
    callback_answer.text = _("es-dropped")
    events = await service.manageable(repos, user, roles) if user is not None else []
    await show(query, screens.staff_home(events, _))


# --- after publishing -------------------------------------------------------------------------------------


async def _delivery(repos: Repos, event: Event) -> broadcasts.Delivery | None:
    rows = await repos.outbox.broadcasts_of(event.id)
    return await broadcasts.delivery(repos, rows[0]) if rows else None


@router.callback_query(EventStaffCD.filter(F.action == "card"))
async def card(
    query: CallbackQuery,
    callback_data: EventStaffCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    await state.clear()
    event = await _own(repos, user, roles, callback_data.e, _, callback_answer)
    if event is None:
        return
    await show(
        query, screens.staff_card(event, await repos.events.stats(event.id), await _delivery(repos, event), _)
    )


@router.callback_query(EventStaffCD.filter(F.action.in_({"people", "attend"})))
async def people(
    query: CallbackQuery,
    callback_data: EventStaffCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    event = await _own(repos, user, roles, callback_data.e, _, callback_answer)
    if event is None:
        return
    if callback_data.action == "attend":
        try:
            await service.toggle_attendance(
                repos, event, int(callback_data.v) if callback_data.v.isdigit() else 0, clock()
            )
        except service.NotOver:
            callback_answer.text, callback_answer.show_alert = _("es-attend-not-yet"), True
            return
        except service.NotAllowed:
            callback_answer.text = _("route-stale")
    rows = await repos.events.registrations(event.id)
    await show(query, screens.people_screen(event, rows, service.is_over(event, clock()), _))


@router.callback_query(EventStaffCD.filter(F.action.in_({"edit", "edit_field"})))
async def edit(
    query: CallbackQuery,
    callback_data: EventStaffCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    event = await _own(repos, user, roles, callback_data.e, _, callback_answer)
    if event is None:
        return
    if event.status != "published":
        callback_answer.text = _("es-not-published")
        return
    if callback_data.action == "edit" or callback_data.v not in ("title", "description", "start", "place"):
        await show(query, screens.edit_fields(event, _))
        return
    await state.set_state(EventWizard.edit)
    await state.set_data({"event": event.id, "field": callback_data.v})
    key = {
        "title": "es-title-prompt",
        "description": "es-description-prompt",
        "start": "es-start-prompt",
        "place": "es-place-prompt",
    }[callback_data.v]
    await show(query, screens.text_prompt(key, event.id, _, zone=event.timezone))


@router.message(EventWizard.edit, F.text)
async def got_edit(
    message: Message,
    state: FSMContext,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    i18n: I18n,
    outbox: OutboxWorker | None,
    _: Translator,
    clock: Clock,
) -> None:
    data = await state.get_data()
    event = await _event_of(state, repos, user, roles)
    if event is None or event.status != "published":
        await state.clear()
        return
    field = str(data.get("field", ""))
    text = (message.text or "").strip()
    if field == "place":
        try:
            place, link = read_place(text)
        except ValueError as problem:
            await message.answer(_place_problem(problem, _))
            return
    try:
        if field == "title":
            if not 3 <= len(_clean(text)) <= TITLE_MAX or has_control(_clean(text)):
                raise ValueError("title")
            await repos.events.update(event, title=_clean(text))
        elif field == "description":
            if len(text) > DESCRIPTION_MAX or has_control(text, lines=True):
                raise ValueError("description")
            await repos.events.update(event, description=text)
        elif field == "start":
            starts_at = parse_when(text, event.timezone, clock())
            if starts_at <= clock():
                raise ValueError("past")
            shift = starts_at - event.starts_at
            await repos.events.update(
                event,
                starts_at=starts_at,
                ends_at=event.ends_at + shift if event.ends_at else None,
                deadline=event.deadline + shift if event.deadline else None,
            )
            await repos.events.reset_reminders(event.id)
        elif field == "place":
            await repos.events.update(event, place=place, link=link)
    except ValueError:
        await message.answer(_("es-edit-bad"))
        return
    await state.clear()
    people_ = await service.interested(repos, event)
    teachers = i18n.get(settings.default_locale)
    broadcast = await broadcasts.send_to(
        repos,
        people_,
        kind="update",
        text=screens.change_notice(event, teachers),
        markup=screens.announcement_keyboard(event, teachers),
        now=clock(),
        default_tz=settings.default_timezone,
        urgent=True,
        event_id=event.id,
        created_by=user,
    )
    await repos.commit()
    await show(message, (_("es-edited", count=broadcast.total), None))
    await show(message, screens.staff_card(event, await repos.events.stats(event.id), None, _))
    await start_broadcast(bot, repos, broadcast, message.chat.id, i18n, outbox)


@router.callback_query(EventStaffCD.filter(F.action == "cancel"))
async def cancel(
    query: CallbackQuery,
    callback_data: EventStaffCD,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    i18n: I18n,
    outbox: OutboxWorker | None,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    event = await _own(repos, user, roles, callback_data.e, _, callback_answer)
    if event is None:
        return
    try:
        people_ = await service.cancel(repos, event, clock())
    except service.NotAllowed:
        callback_answer.text = _("es-published-already")
        return
    teachers = i18n.get(settings.default_locale)
    broadcast = await broadcasts.send_to(
        repos,
        people_,
        kind="cancel",
        text=screens.cancel_notice(event, teachers),
        markup=None,
        now=clock(),
        default_tz=settings.default_timezone,
        urgent=True,
        event_id=event.id,
        created_by=user,
    )
    await repos.commit()
    callback_answer.text = _("es-cancelled", count=broadcast.total)
    await show(query, screens.staff_card(event, await repos.events.stats(event.id), None, _))
    await start_broadcast(bot, repos, broadcast, query.from_user.id, i18n, outbox)


@router.callback_query(EventStaffCD.filter(F.action == "xlsx"))
async def xlsx(
    query: CallbackQuery,
    callback_data: EventStaffCD,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    event = await _own(repos, user, roles, callback_data.e, _, callback_answer)
    if event is None:
        return
    callback_answer.text = _("export-wait")
    rows = await repos.events.registrations(event.id, ("registered", "waitlist", "cancelled"))
    data = await asyncio.to_thread(service.event_xlsx, event, rows, await _delivery(repos, event), _)
    await bot.send_document(
        query.from_user.id,
        BufferedInputFile(data, filename=f"event-{event.id}.xlsx"),
        caption=_("es-xlsx-caption"),
    )


# --- a running broadcast ---------------------------------------------------------------------------------


@router.callback_query(BroadcastCD.filter(F.action == "stop"))
async def stop(
    query: CallbackQuery,
    callback_data: BroadcastCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    i18n: I18n,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        broadcast = await service.stoppable(repos, callback_data.b, user, roles)
    except service.NotYours:
        callback_answer.text, callback_answer.show_alert = _("bc-not-yours"), True
        return
    dropped = await broadcasts.stop(repos, broadcast, clock())
    await repos.commit()
    callback_answer.text = _("bc-stopped", count=dropped)
    text, markup = broadcast_progress(broadcast, await repos.outbox.counts(broadcast.id), i18n)
    await show(query, (text, markup))

"""The mentor's side: «Мои наставляемые», the mentor card, and the meeting log — five taps, and a
meeting saved twice (a double tap, a slow network) is one meeting. Role check: RoleGate(mentor)."""

from __future__ import annotations

import contextlib
import logging
import secrets
from datetime import date, timedelta

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import MentorCD, MenuCD, Section
from bot.config import Settings
from bot.domain.mentoring import MeetingFormat, parse_capacity, parse_topic
from bot.domain.roles import Role
from bot.domain.time import Clock, local_today
from bot.i18n import I18n, Translator
from bot.middlewares import RoleGate
from bot.services import mentoring as service
from bot.ui import mentoring as screens
from bot.ui.messaging import notify, show
from storage.models import MentorMeeting, MentorPair, User
from storage.repositories import Repos

log = logging.getLogger(__name__)
router = Router(name=__name__)
router.message.middleware(RoleGate({Role.MENTOR}))
router.callback_query.middleware(RoleGate({Role.MENTOR}))

NOTE_MAX = 1000
OLDEST_DAYS = 30  # a meeting can be logged up to a month back


class MeetingDialog(StatesGroup):
    topic = State()
    note = State()
    edit_topic = State()


class MentorCardDialog(StatesGroup):
    about = State()


def today_of(user: User, settings: Settings, clock: Clock) -> date:
    return local_today(clock(), service.timezone_of(user, settings.default_timezone))


@router.callback_query(MenuCD.filter(F.section == Section.MENTEES))
async def mentees(
    query: CallbackQuery, state: FSMContext, repos: Repos, user: User | None, _: Translator
) -> None:
    await state.clear()
    if user is None:
        return
    pairs = await repos.mentoring.pairs_of_mentor(user.id, ("active", "paused"))
    profile = await repos.mentoring.profile(user.id)
    await show(query, screens.mentees_screen(pairs, profile, len(pairs), _))


# --- the mentor card --------------------------------------------------------------------------------


@router.callback_query(MentorCD.filter(F.action.in_({"profile", "fmt", "set_cap"})))
async def profile(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    _: Translator,
) -> None:
    await state.clear()
    if user is None:
        return
    card = await repos.mentoring.profile(user.id)
    if callback_data.action == "fmt" and callback_data.v in {f.value for f in MeetingFormat}:
        formats = list(card.formats or []) if card else []
        formats = (
            [f for f in formats if f != callback_data.v]
            if callback_data.v in formats
            else [*formats, callback_data.v]
        )
        card = await repos.mentoring.save_profile(user.id, formats=formats)
    elif callback_data.action == "set_cap" and callback_data.v.isdigit():
        with contextlib.suppress(ValueError):
            card = await repos.mentoring.save_profile(user.id, capacity=parse_capacity(int(callback_data.v)))
    await show(query, screens.mentor_profile_screen(card, _))


@router.callback_query(MentorCD.filter(F.action == "cap"))
async def ask_capacity(query: CallbackQuery, _: Translator) -> None:
    await show(query, screens.capacity_prompt(_, action="set_cap"))


@router.callback_query(MentorCD.filter(F.action == "about"))
async def ask_about(query: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.set_state(MentorCardDialog.about)
    await show(query, (_("mn-about-prompt"), None))


@router.message(MentorCardDialog.about, F.text)
async def got_about(
    message: Message, state: FSMContext, repos: Repos, user: User | None, _: Translator
) -> None:
    about = " ".join((message.text or "").split())
    if len(about) > 500:
        await message.answer(_("mn-about-long", max=500))
        return
    await state.clear()
    if user is None:
        return
    card = await repos.mentoring.save_profile(user.id, about=about or None)
    await show(message, screens.mentor_profile_screen(card, _))


# --- a pair and its log ---------------------------------------------------------------------------------


async def _pair(
    repos: Repos, user: User | None, pair_id: int, _: Translator, answer: CallbackAnswer
) -> MentorPair | None:
    if user is None:
        return None
    try:
        return await service.mentor_pair(repos, user, pair_id)
    except service.NotYours:
        answer.text, answer.show_alert = _("mn-not-yours"), True
        return None


async def show_pair(
    event: CallbackQuery | Message, repos: Repos, pair: MentorPair, _: Translator, note: str | None = None
) -> None:
    mentee = await repos.users.by_id(pair.mentee_id)
    if mentee is None:
        return
    text, markup = screens.pair_screen(pair, mentee, await repos.mentoring.meetings(pair.id), _)
    await show(event, ((note + "\n\n" + text) if note else text, markup))


@router.callback_query(MentorCD.filter(F.action == "pair"))
async def pair_card(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    await state.clear()
    pair = await _pair(repos, user, callback_data.p, _, callback_answer)
    if pair is not None:
        await show_pair(query, repos, pair, _)


@router.callback_query(MentorCD.filter(F.action == "log"))
async def log_start(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    pair = await _pair(repos, user, callback_data.p, _, callback_answer)
    if pair is None or user is None:
        return
    if pair.status != "active":
        callback_answer.text, callback_answer.show_alert = _("mn-paused"), True
        return
    # The token names this form: saving it twice records one meeting.
    await state.set_state(None)
    await state.set_data(
        {"pair": pair.id, "token": secrets.token_hex(8), "day": today_of(user, settings, clock).isoformat()}
    )
    await show(query, screens.format_prompt(pair.id, _))


async def _form(state: FSMContext, pair_id: int) -> dict[str, object] | None:
    data = await state.get_data()
    return data if data.get("pair") == pair_id and "token" in data else None


async def _next(
    event: CallbackQuery | Message, state: FSMContext, repos: Repos, user: User, pair_id: int, _: Translator
) -> None:
    """The next question of the form, or the summary with «Сохранить»."""
    data = await state.get_data()
    if "format" not in data:
        await show(event, screens.format_prompt(pair_id, _))
    elif "topic" not in data:
        await state.set_state(MeetingDialog.topic)
        await show(event, screens.topic_prompt(pair_id, await repos.mentoring.recent_topics(user.id), _))
    elif "minutes" not in data:
        await state.set_state(None)
        await show(event, screens.duration_prompt(pair_id, _))
    else:
        await state.set_state(None)
        await show(event, screens.confirm_log_screen(pair_id, data, _))


@router.callback_query(
    MentorCD.filter(F.action.in_({"log_fmt", "log_topic", "log_min", "log_day", "log_dates"}))
)
async def log_step(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    pair = await _pair(repos, user, callback_data.p, _, callback_answer)
    if pair is None or user is None:
        return
    data = await _form(state, pair.id)
    if data is None:
        # An old form (already saved, or from before /menu): start again from the pair.
        callback_answer.text = _("mn-form-gone")
        await show_pair(query, repos, pair, _)
        return
    today = today_of(user, settings, clock)
    if callback_data.action == "log_dates":
        await show(query, screens.dates_prompt(pair.id, today, _))
        return
    if callback_data.action == "log_fmt" and callback_data.v in {f.value for f in MeetingFormat}:
        data["format"] = callback_data.v
    elif callback_data.action == "log_topic":
        recent = await repos.mentoring.recent_topics(user.id)
        index = int(callback_data.v) if callback_data.v.isdigit() else -1
        if 0 <= index < len(recent):
            data["topic"] = recent[index]
    elif callback_data.action == "log_min" and callback_data.v.isdigit():
        data["minutes"] = int(callback_data.v)
    elif callback_data.action == "log_day":
        try:
            day = date.fromisoformat(callback_data.v)
        except ValueError:
            day = today
        if today - timedelta(days=OLDEST_DAYS) <= day <= today:
            data["day"] = day.isoformat()
    await state.set_data(data)
    await _next(query, state, repos, user, pair.id, _)


@router.message(MeetingDialog.topic, F.text)
async def log_topic_typed(
    message: Message, state: FSMContext, repos: Repos, user: User | None, _: Translator
) -> None:
    data = await state.get_data()
    if user is None or "pair" not in data:
        await state.clear()
        return
    try:
        data["topic"] = parse_topic(message.text or "")
    except ValueError as exc:
        await message.answer(_(f"mn-topic-{exc}"))
        return
    await state.set_data(data)
    await _next(message, state, repos, user, int(str(data["pair"])), _)


@router.callback_query(MentorCD.filter(F.action == "log_note"))
async def log_note(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    pair = await _pair(repos, user, callback_data.p, _, callback_answer)
    if pair is None:
        return
    if await _form(state, pair.id) is None:
        callback_answer.text = _("mn-form-gone")
        return
    await state.set_state(MeetingDialog.note)
    await show(query, (_("mn-note-prompt"), None))


@router.message(MeetingDialog.note)
async def log_note_given(
    message: Message, state: FSMContext, repos: Repos, user: User | None, _: Translator
) -> None:
    data = await state.get_data()
    if user is None or "pair" not in data:
        await state.clear()
        return
    if message.photo:
        data["photo"] = message.photo[-1].file_id
        if message.caption:
            data["note"] = message.caption[:NOTE_MAX]
    elif message.text:
        if len(message.text) > NOTE_MAX:
            await message.answer(_("mn-about-long", max=NOTE_MAX))
            return
        data["note"] = message.text.strip()
    else:
        await message.answer(_("mn-note-wrong"))
        return
    await state.set_data(data)
    await _next(message, state, repos, user, int(str(data["pair"])), _)


@router.message(MeetingDialog.topic)
async def log_topic_not_text(message: Message, _: Translator) -> None:
    await message.answer(_("route-need-text"))


@router.callback_query(MentorCD.filter(F.action == "log_save"))
async def log_save(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    bot: Bot,
    repos: Repos,
    user: User | None,
    i18n: I18n,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    pair = await _pair(repos, user, callback_data.p, _, callback_answer)
    if pair is None or user is None:
        return
    data = await _form(state, pair.id)
    if data is None or data.get("token") != callback_data.v:
        # Saved already (a double tap): one meeting, say so.
        if callback_data.v and await repos.mentoring.meeting_by_token(callback_data.v) is not None:
            callback_answer.text = _("mn-saved-already")
        else:
            callback_answer.text = _("mn-form-gone")
        return
    try:
        logged = await service.log_meeting(
            repos,
            pair,
            token=callback_data.v,
            held_on=date.fromisoformat(str(data["day"])),
            meeting_format=MeetingFormat(str(data["format"])),
            topic=str(data["topic"]),
            minutes=int(str(data["minutes"])),
            note=str(data["note"]) if data.get("note") else None,
            photo_file_id=str(data["photo"]) if data.get("photo") else None,
            now=clock(),
        )
    except (service.NotAllowed, KeyError, ValueError):
        callback_answer.text = _("mn-form-gone")
        return
    await state.clear()
    await repos.commit()
    if not logged.created:
        callback_answer.text = _("mn-saved-already")
        return
    await show_pair(query, repos, pair, _, note=_("mn-saved"))
    mentee = await repos.users.by_id(pair.mentee_id)
    if mentee is None:
        return
    their = i18n.get(mentee.locale)
    text, markup = screens.confirm_request(user, logged.meeting, their)
    await notify(bot, mentee.tg_id, text, markup)
    if logged.ask_fit:
        text, markup = screens.fit_question(pair, user, their)
        await notify(bot, mentee.tg_id, text, markup)


# --- editing the log ---------------------------------------------------------------------------------------


async def _meeting(
    repos: Repos, user: User | None, meeting_id: int, _: Translator, answer: CallbackAnswer
) -> tuple[MentorMeeting, MentorPair] | None:
    if user is None:
        return None
    try:
        return await service.own_meeting(repos, user, meeting_id, as_mentor=True)
    except service.NotYours:
        answer.text, answer.show_alert = _("mn-not-yours"), True
        return None


@router.callback_query(MentorCD.filter(F.action.in_({"meeting", "edit_min"})))
async def meeting(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    await state.clear()
    found = await _meeting(repos, user, callback_data.m, _, callback_answer)
    if found is None:
        return
    item, pair = found
    if (
        callback_data.action == "edit_min"
        and callback_data.v.isdigit()
        and int(callback_data.v) != item.minutes
    ):
        await service.edit_meeting(repos, pair, item, minutes=int(callback_data.v))
        callback_answer.text = _("mn-edited")
    await show(query, screens.meeting_screen(pair, item, _))


@router.callback_query(MentorCD.filter(F.action == "edit_topic"))
async def edit_topic(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    found = await _meeting(repos, user, callback_data.m, _, callback_answer)
    if found is None:
        return
    await state.set_state(MeetingDialog.edit_topic)
    await state.set_data({"meeting": found[0].id})
    await show(query, (_("mn-log-topic"), None))


@router.message(MeetingDialog.edit_topic, F.text)
async def edit_topic_typed(
    message: Message, state: FSMContext, repos: Repos, user: User | None, _: Translator
) -> None:
    try:
        topic = parse_topic(message.text or "")
    except ValueError as exc:
        await message.answer(_(f"mn-topic-{exc}"))
        return
    data = await state.get_data()
    await state.clear()
    if user is None:
        return
    try:
        item, pair = await service.own_meeting(repos, user, int(data.get("meeting", 0)), as_mentor=True)
    except service.NotYours:
        await message.answer(_("mn-not-yours"))
        return
    await service.edit_meeting(repos, pair, item, topic=topic)
    await show(message, screens.meeting_screen(pair, item, _))


@router.callback_query(MentorCD.filter(F.action.in_({"delete", "delete_yes"})))
async def delete(
    query: CallbackQuery,
    callback_data: MentorCD,
    repos: Repos,
    user: User | None,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    found = await _meeting(repos, user, callback_data.m, _, callback_answer)
    if found is None:
        return
    item, pair = found
    if callback_data.action == "delete":
        await show(query, screens.delete_confirm(pair, item, _))
        return
    await service.delete_meeting(repos, pair, item)
    callback_answer.text = _("mn-deleted")
    mentee = await repos.users.by_id(pair.mentee_id)
    if mentee is not None:
        await show(
            query, screens.journal_screen(pair, mentee, await repos.mentoring.meetings(pair.id), True, _)
        )

"""«Наставничество» for teachers: a young specialist's mentor (or asking for one), becoming a
mentor, the mentee's side of the meeting log (confirm, rate), the fit check, the adaptation check."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import AdaptCD, MentorCD, MenuCD, PairCD, Section
from bot.domain.mentoring import FitAnswer
from bot.domain.time import Clock
from bot.i18n import I18n, Translator
from bot.middlewares import RegisteredOnly
from bot.services import mentoring as service
from bot.ui import mentoring as screens
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import notify, show
from storage.models import MentorMeeting, MentorPair, User
from storage.repositories import Repos

log = logging.getLogger(__name__)
router = Router(name=__name__)
router.message.middleware(RegisteredOnly())
router.callback_query.middleware(RegisteredOnly())

ABOUT_MAX = 500
COMMENT_MAX = 500


class MentoringDialog(StatesGroup):
    apply_about = State()
    rating_comment = State()


async def _mentoring_home(
    event: CallbackQuery | Message, repos: Repos, user: User, _: Translator, year: int
) -> None:
    if service.is_young(user, year):
        pair = await service.current_pair(repos, user)
        if pair is not None:
            mentor = await repos.users.by_id(pair.mentor_id)
            if mentor is not None:
                profile = await repos.mentoring.profile(mentor.id)
                await show(event, screens.my_mentor_screen(pair, mentor, profile, _))
                return
        proposed = bool(await repos.mentoring.pairs_of_mentee(user.id, ("proposed",)))
        requested = await repos.mentoring.request(user.id) is not None
        await show(event, screens.no_mentor_screen(requested, proposed, _))
        return
    if any(r.role == "mentor" for r in user.roles):
        kb = Keyboard()
        kb.button(text=_("menu-mentees"), callback_data=MenuCD(section=Section.MENTEES))
        kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
        kb.adjust(1)
        await show(event, (_("mn-already-mentor"), kb.as_markup()))
        return
    await show(event, screens.not_young_screen(await repos.mentoring.pending_application(user.id), _))


@router.callback_query(MenuCD.filter(F.section == Section.MENTORING))
async def home(
    query: CallbackQuery, state: FSMContext, repos: Repos, user: User, _: Translator, clock: Clock
) -> None:
    await state.clear()
    await _mentoring_home(query, repos, user, _, clock().year)


# --- asking for a mentor ----------------------------------------------------------------


@router.callback_query(MentorCD.filter(F.action.in_({"ask", "wish_subject", "wish_school"})))
async def wishes(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    repos: Repos,
    user: User,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    if not service.is_young(user, clock().year):
        callback_answer.text, callback_answer.show_alert = _("mn-only-young"), True
        return
    data = await state.get_data()
    if callback_data.action == "ask":
        request = await repos.mentoring.request(user.id)
        data = {
            "wish_subject": request.want_subject if request else None,
            "wish_school": request.want_same_school if request else False,
        }
    elif callback_data.action == "wish_subject":
        chosen = callback_data.v if callback_data.v in service.subjects(user) else None
        data["wish_subject"] = None if data.get("wish_subject") == chosen else chosen
    else:
        data["wish_school"] = callback_data.v == "1"
    await state.set_data(data)
    await show(query, screens.ask_screen(user, data.get("wish_subject"), bool(data.get("wish_school")), _))


@router.callback_query(MentorCD.filter(F.action == "request"))
async def send_request(
    query: CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    data = await state.get_data()
    await state.clear()
    try:
        await service.ask(repos, user, data.get("wish_subject"), bool(data.get("wish_school")), clock().year)
    except service.NotAllowed:
        callback_answer.text, callback_answer.show_alert = _("mn-only-young"), True
        return
    callback_answer.text = _("mn-request-saved")
    await _mentoring_home(query, repos, user, _, clock().year)


# --- becoming a mentor ----------------------------------------------------------------


@router.callback_query(MentorCD.filter(F.action == "apply"))
async def apply_start(
    query: CallbackQuery, repos: Repos, user: User, _: Translator, callback_answer: CallbackAnswer
) -> None:
    if any(r.role == "mentor" for r in user.roles) or await repos.mentoring.pending_application(user.id):
        callback_answer.text = _("mn-applied-already")
        return
    await show(query, screens.capacity_prompt(_))


@router.callback_query(MentorCD.filter(F.action == "apply_cap"))
async def apply_capacity(
    query: CallbackQuery, callback_data: MentorCD, state: FSMContext, _: Translator
) -> None:
    capacity = int(callback_data.v) if callback_data.v.isdigit() else 2
    await state.set_state(MentoringDialog.apply_about)
    await state.set_data({"capacity": max(1, min(capacity, 10))})
    await show(query, screens.about_prompt(_))


async def _apply_finish(
    event: CallbackQuery | Message,
    state: FSMContext,
    bot: Bot,
    repos: Repos,
    user: User,
    i18n: I18n,
    _: Translator,
    about: str | None,
) -> None:
    data = await state.get_data()
    await state.clear()
    try:
        await service.apply(repos, user, about, int(data.get("capacity", 2)))
    except (service.NotAllowed, ValueError):
        await show(event, (_("mn-applied-already"), None))
        return
    await repos.commit()
    await show(event, screens.not_young_screen(await repos.mentoring.pending_application(user.id), _))
    for person in await repos.mentoring.staff(user.municipality_id):
        their = i18n.get(person.locale)
        kb = Keyboard()
        kb.button(text=their("mts-btn-applications", count=1), callback_data=PairCD(action="apps"))
        await notify(
            bot, person.tg_id, their("mts-notice-application", name=screens.name(user)), kb.as_markup()
        )


@router.callback_query(MentoringDialog.apply_about, MentorCD.filter(F.action == "apply_skip"))
async def apply_without_about(
    query: CallbackQuery, state: FSMContext, bot: Bot, repos: Repos, user: User, i18n: I18n, _: Translator
) -> None:
    await _apply_finish(query, state, bot, repos, user, i18n, _, None)


@router.message(MentoringDialog.apply_about, F.text)
async def apply_about(
    message: Message, state: FSMContext, bot: Bot, repos: Repos, user: User, i18n: I18n, _: Translator
) -> None:
    about = " ".join((message.text or "").split())
    if len(about) > ABOUT_MAX:
        await message.answer(_("mn-about-long", max=ABOUT_MAX))
        return
    await _apply_finish(message, state, bot, repos, user, i18n, _, about or None)


# --- the mentee's side of a meeting ---------------------------------------------------------------


async def _mentee_meeting(
    repos: Repos, user: User, meeting_id: int, _: Translator, answer: CallbackAnswer
) -> tuple[MentorMeeting, MentorPair] | None:
    try:
        return await service.own_meeting(repos, user, meeting_id, as_mentor=False)
    except service.NotYours:
        answer.text, answer.show_alert = _("mn-not-yours"), True
        return None


@router.callback_query(MentorCD.filter(F.action.in_({"yes", "no"})))
async def confirm_meeting(
    query: CallbackQuery,
    callback_data: MentorCD,
    bot: Bot,
    repos: Repos,
    user: User,
    i18n: I18n,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    found = await _mentee_meeting(repos, user, callback_data.m, _, callback_answer)
    if found is None:
        return
    meeting, pair = found
    try:
        if callback_data.action == "yes":
            await service.confirm_meeting(repos, meeting, clock())
        else:
            await service.dispute_meeting(repos, meeting, clock())
    except service.NotAllowed:
        callback_answer.text = _("mn-already-answered")
        return
    if callback_data.action == "yes":
        await show(query, screens.rating_prompt(meeting, _))
        return
    await show(query, (_("mn-disputed"), None))
    mentor = await repos.users.by_id(pair.mentor_id)
    if mentor is not None:
        their = i18n.get(mentor.locale)
        text = their("mn-notice-disputed", name=screens.name(user), date=screens.d(meeting.held_on))
        await notify(bot, mentor.tg_id, text)


@router.callback_query(MentorCD.filter(F.action == "rate"))
async def rate(
    query: CallbackQuery,
    callback_data: MentorCD,
    state: FSMContext,
    repos: Repos,
    user: User,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    found = await _mentee_meeting(repos, user, callback_data.m, _, callback_answer)
    if found is None:
        return
    meeting, _pair = found
    try:
        await service.rate_meeting(repos, meeting, int(callback_data.v or 0), meeting.rating_comment)
    except (service.NotAllowed, ValueError):
        callback_answer.text = _("mn-already-answered")
        return
    await state.set_state(MentoringDialog.rating_comment)
    await state.set_data({"meeting": meeting.id})
    await show(query, screens.comment_prompt(meeting, _))


@router.callback_query(MentorCD.filter(F.action == "no_comment"))
async def no_comment(query: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.clear()
    await show(query, (_("mn-thanks"), None))


@router.message(MentoringDialog.rating_comment, F.text)
async def rating_comment(
    message: Message, state: FSMContext, repos: Repos, user: User, _: Translator
) -> None:
    comment = " ".join((message.text or "").split())
    if len(comment) > COMMENT_MAX:
        await message.answer(_("mn-about-long", max=COMMENT_MAX))
        return
    data = await state.get_data()
    await state.clear()
    try:
        meeting, _pair = await service.own_meeting(repos, user, int(data.get("meeting", 0)), as_mentor=False)
        await service.rate_meeting(repos, meeting, meeting.rating or 0, comment)
    except (service.NotYours, service.NotAllowed):
        await message.answer(_("mn-not-yours"))
        return
    await message.answer(_("mn-thanks"))


@router.callback_query(MentorCD.filter(F.action == "fit"))
async def fit_answer(
    query: CallbackQuery,
    callback_data: MentorCD,
    bot: Bot,
    repos: Repos,
    user: User,
    i18n: I18n,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        pair = await service.mentee_pair(repos, user, callback_data.p)
        answer = FitAnswer(callback_data.v)
    except (service.NotYours, ValueError):
        callback_answer.text, callback_answer.show_alert = _("mn-not-yours"), True
        return
    alert = await service.answer_fit(repos, pair, answer, clock())
    await show(query, (_(f"mn-fit-thanks-{answer.value}"), None))
    if not alert:
        return
    mentor = await repos.users.by_id(pair.mentor_id)
    for person in await repos.mentoring.staff(user.municipality_id):
        their = i18n.get(person.locale)
        kb = Keyboard()
        kb.button(text=their("mts-btn-open-pair"), callback_data=PairCD(action="pair", p=pair.id))
        text = their("mts-notice-fit-no", mentee=screens.name(user), mentor=screens.name(mentor))
        await notify(bot, person.tg_id, text, kb.as_markup())


# --- the adaptation check ----------------------------------------------------------------


@router.callback_query(AdaptCD.filter())
async def adaptation_answer(
    query: CallbackQuery,
    callback_data: AdaptCD,
    repos: Repos,
    user: User,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    check = await repos.mentoring.check(callback_data.c)
    if check is None or check.user_id != user.id:
        callback_answer.text, callback_answer.show_alert = _("mn-not-yours"), True
        return
    try:
        following = await service.answer_check(repos, check, callback_data.i, callback_data.v, clock())
    except service.NotAllowed:
        if check.finished_at is not None:
            callback_answer.text = _("adapt-finished")
            return
        callback_answer.text = _("adapt-pick-one") if callback_data.v == "done" else _("route-stale")
        await show(query, screens.adaptation_screen(check, _))
        return
    if following is None:
        await show(query, (_("adapt-thanks"), None))
        return
    await show(query, screens.adaptation_screen(check, _))


@router.callback_query(MentorCD.filter(F.action == "journal"))
async def journal(
    query: CallbackQuery,
    callback_data: MentorCD,
    repos: Repos,
    user: User,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """The meeting log of a pair, for its mentor and its mentee alike (nobody else)."""
    try:
        pair, as_mentor = await service.either_pair(repos, user, callback_data.p)
    except service.NotYours:
        callback_answer.text, callback_answer.show_alert = _("mn-not-yours"), True
        return
    other = await repos.users.by_id(pair.mentee_id if as_mentor else pair.mentor_id)
    if other is None:
        callback_answer.text = _("mn-not-yours")
        return
    meetings = await repos.mentoring.meetings(pair.id)
    await show(query, screens.journal_screen(pair, other, meetings, as_mentor, _))

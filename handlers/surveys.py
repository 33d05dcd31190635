"""«Опросы» for teachers: open a survey from its message or the menu, a question per screen,
answers saved at every step (coming back later resumes where one stopped), send at the end.
Thin: the order of questions and the checks live in bot.domain.surveys, storage in the service."""

from __future__ import annotations

import logging

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import MenuCD, Section, SurveyCD
from bot.domain import surveys as domain
from bot.domain.surveys import QType
from bot.domain.time import Clock
from bot.i18n import Translator
from bot.middlewares import RegisteredOnly
from bot.services import surveys as service
from bot.services.surveys import Answering, Refused
from bot.ui import surveys as screens
from bot.ui.messaging import show
from storage.models import User
from storage.repositories import Repos

log = logging.getLogger(__name__)
router = Router(name=__name__)
router.message.middleware(RegisteredOnly())
router.callback_query.middleware(RegisteredOnly())


class SurveyInput(StatesGroup):
    typed = State()  # a number or a text answer; data: r (invite), i (question)


@router.callback_query(MenuCD.filter(F.section == Section.MY_SURVEYS))
async def my_surveys(
    query: CallbackQuery, state: FSMContext, repos: Repos, user: User | None, _: Translator, clock: Clock
) -> None:
    if user is None:
        return
    await state.clear()
    found = await service.my_open(repos, user, clock())
    await show(query, screens.my_surveys(found, await repos.surveys.answered_count(user.id), _))


async def _context(
    repos: Repos, invite_id: int, user: User | None, clock: Clock, _: Translator, answer: CallbackAnswer
) -> Answering | None:
    try:
        return await service.answering(repos, invite_id, user, clock())
    except Refused as refused:
        answer.text, answer.show_alert = _(refused.key), True
        return None


async def _present(
    event: CallbackQuery | Message, state: FSMContext, ctx: Answering, index: int | None, _: Translator
) -> None:
    """Show question `index` (None: the last look before sending) and wait for typing if needed."""
    if index is None:
        await state.clear()
        await show(event, screens.review_screen(ctx, _))
        return
    question = ctx.template.questions[index]
    if question.type in (QType.NUMBER, QType.TEXT):
        await state.set_state(SurveyInput.typed)
        await state.set_data({"r": ctx.invite.id, "i": index})
    else:
        await state.clear()
    await show(event, screens.question_screen(ctx, index, _))


@router.callback_query(SurveyCD.filter(F.action.in_({"go", "at"})))
async def open_survey(
    query: CallbackQuery,
    callback_data: SurveyCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    ctx = await _context(repos, callback_data.r, user, clock, _, callback_answer)
    if ctx is None:
        return
    answers = ctx.answers
    wanted = callback_data.i
    if callback_data.action == "at" and _current(ctx, wanted):
        index: int | None = wanted
    else:
        index = domain.resume_index(ctx.template, answers, ctx.invite.skipped or [])
    await _present(query, state, ctx, index, _)


def _current(ctx: Answering, index: int) -> bool:
    """Whether a button belongs to a question that is still on the way (not hidden meanwhile)."""
    return 0 <= index < len(ctx.template.questions) and domain.shown(ctx.template, index, ctx.answers)


@router.callback_query(SurveyCD.filter(F.action.in_({"a", "t", "n", "s", "b"})))
async def press(
    query: CallbackQuery,
    callback_data: SurveyCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    ctx = await _context(repos, callback_data.r, user, clock, _, callback_answer)
    if ctx is None:
        return
    index = callback_data.i
    if not _current(ctx, index):
        callback_answer.text = _("sv-stale")
        await _present(
            query, state, ctx, domain.resume_index(ctx.template, ctx.answers, ctx.invite.skipped), _
        )
        return
    question = ctx.template.questions[index]
    action = callback_data.action
    if action == "b":
        await _present(query, state, ctx, domain.previous_index(ctx.template, ctx.answers, index), _)
        return
    if action == "s":
        if question.required:
            callback_answer.text, callback_answer.show_alert = _("sv-required"), True
            return
        following = await service.skip(repos, ctx, index)
        await _present(query, state, ctx, following, _)
        return
    if action == "t":
        if question.type != QType.MULTI or question.option(callback_data.v) is None:
            callback_answer.text = _("sv-stale")
            return
        chosen = domain.toggle(ctx.answers.get(question.id), callback_data.v)
        await service.keep_choices(repos, ctx, index, chosen, clock())
        await show(query, screens.question_screen(ctx, index, _))
        return
    if action == "n":
        given = ctx.answers.get(question.id)
        if question.type != QType.MULTI:
            callback_answer.text = _("sv-stale")
            return
        if not given:
            if question.required:
                callback_answer.text, callback_answer.show_alert = _("sv-multi-empty"), True
                return
            following = await service.skip(repos, ctx, index)
        else:
            following = await service.give(repos, ctx, index, given, clock())
        await _present(query, state, ctx, following, _)
        return
    try:
        value = domain.parse_choice(question, callback_data.v)
    except domain.Invalid as bad:
        callback_answer.text = _(bad.key, **bad.args_)
        return
    following = await service.give(repos, ctx, index, value, clock())
    await _present(query, state, ctx, following, _)


@router.message(SurveyInput.typed)
async def typed(
    message: Message, state: FSMContext, repos: Repos, user: User | None, _: Translator, clock: Clock
) -> None:
    """A typed answer; anything but text (a sticker, a photo) gets the question again with a hint."""
    data = await state.get_data()
    try:
        ctx = await service.answering(repos, int(data.get("r", 0)), user, clock())
    except Refused as refused:
        await state.clear()
        await message.answer(_(refused.key), reply_markup=screens.later_screen(_)[1])
        return
    index = int(data.get("i", -1))
    if not _current(ctx, index):
        await _present(
            message, state, ctx, domain.resume_index(ctx.template, ctx.answers, ctx.invite.skipped), _
        )
        return
    question = ctx.template.questions[index]
    if message.text is None:
        await show(message, screens.question_screen(ctx, index, _, error=_("sv-need-text")))
        return
    try:
        value = domain.parse_typed(question, message.text)
    except domain.Invalid as bad:
        await show(message, screens.question_screen(ctx, index, _, error=_(bad.key, **bad.args_)))
        return
    following = await service.give(repos, ctx, index, value, clock())
    await _present(message, state, ctx, following, _)


@router.callback_query(SurveyCD.filter(F.action == "send"))
async def send(
    query: CallbackQuery,
    callback_data: SurveyCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    ctx = await _context(repos, callback_data.r, user, clock, _, callback_answer)
    if ctx is None:
        return
    if domain.missing_required(ctx.template, ctx.answers):
        await _present(query, state, ctx, None, _)
        return
    concerned = await service.finish(repos, ctx, clock())
    await state.clear()
    await show(query, screens.thanks_screen(ctx.template, concerned, _, anonymous=ctx.campaign.anonymous))


@router.callback_query(SurveyCD.filter(F.action == "later"))
async def later(query: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.clear()
    await show(query, screens.later_screen(_))

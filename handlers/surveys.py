"""«Опросы» for teachers: open a survey from its message or the menu, a question per screen,
answers saved at every step (coming back later resumes where one stopped), send at the end.

Thin: each handler makes one call to `services.surveys` (the order of questions and the checks
live in bot.domain.surveys) and shows the `Turn` it gets back; `OwnInvite` resolves the invite in
the button to the person's own open survey, or refuses (gone, answered already, closed).
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import MenuCD, Section, SurveyAction, SurveyCD
from bot.context import User
from bot.filters import owned
from bot.i18n import Translator
from bot.middlewares import RegisteredOnly
from bot.services.container import Services
from bot.services.surveys import Answering, Gone, Press, Turn
from bot.ui import surveys as screens
from bot.ui.messaging import show

A = SurveyAction


class SurveyInput(StatesGroup):
    typed = State()  # a number or a text answer; data: r (invite), i (question)


OwnInvite = owned("ctx", lambda services, actor, data: services.surveys.answering(actor.user, data.r))


async def _present(event: CallbackQuery | Message, state: FSMContext, turn: Turn, _: Translator) -> None:
    """Show the screen on turn, and wait for typing when its answer is typed."""
    if turn.typed:
        await state.set_state(SurveyInput.typed)
        await state.set_data({"r": turn.ctx.invite.id, "i": turn.index})
    else:
        await state.clear()
    await show(event, screens.turn_screen(turn, _))


async def my_surveys(
    query: CallbackQuery, state: FSMContext, services: Services, user: User, _: Translator
) -> None:
    await state.clear()
    await show(query, screens.my_surveys(await services.surveys.my_surveys(user), _))


async def open_survey(
    query: CallbackQuery,
    callback_data: SurveyCD,
    state: FSMContext,
    services: Services,
    ctx: Answering,
    _: Translator,
) -> None:
    at = callback_data.i if callback_data.action == SurveyAction.AT else None
    await _present(query, state, services.surveys.open(ctx, at), _)


async def press(
    query: CallbackQuery,
    callback_data: SurveyCD,
    state: FSMContext,
    services: Services,
    ctx: Answering,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    step = Press(callback_data.action.value)
    turn = await services.surveys.press(ctx, callback_data.i, step, callback_data.v)
    if turn.note is not None:
        callback_answer.text = _(turn.note)
    await _present(query, state, turn, _)


async def typed(message: Message, state: FSMContext, services: Services, user: User, _: Translator) -> None:
    """A typed answer; anything but text (a sticker, a photo) gets the question again with a hint."""
    data = await state.get_data()
    found = await services.surveys.type_answer(
        user, int(data.get("r", 0)), int(data.get("i", -1)), message.text
    )
    if isinstance(found, Gone):
        await state.clear()
        await message.answer(_(found.key), reply_markup=screens.later_screen(_)[1])
        return
    await _present(message, state, found, _)


async def send(
    query: CallbackQuery, state: FSMContext, services: Services, ctx: Answering, _: Translator
) -> None:
    done = await services.surveys.send(ctx)
    if isinstance(done, Turn):
        await _present(query, state, done, _)  # something required is missing
        return
    await state.clear()
    await show(query, screens.thanks_screen(done, _))


async def later(query: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.clear()
    await show(query, screens.later_screen(_))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.middleware(RegisteredOnly())
    router.callback_query.middleware(RegisteredOnly())
    on = router.callback_query.register
    on(my_surveys, MenuCD.filter(F.section == Section.MY_SURVEYS))
    on(open_survey, SurveyCD.filter(F.action.in_({A.GO, A.AT})), OwnInvite())
    answers = {A.ANSWER, A.TOGGLE, A.NEXT, A.SKIP, A.BACK}
    on(press, SurveyCD.filter(F.action.in_(answers)), OwnInvite())
    router.message.register(typed, SurveyInput.typed)
    on(send, SurveyCD.filter(F.action == A.SEND), OwnInvite())
    on(later, SurveyCD.filter(F.action == A.LATER))
    return router

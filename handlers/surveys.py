"""«Мои опросы» for teachers: open a survey from its message or the menu, a question per screen,
answers saved at every step (coming back later resumes where one stopped), send at the end.

Thin: each handler makes one call to `services.surveys` (the order of questions and the checks
live in bot.domain.surveys) and shows the `SurveyStep` it gets back; `OwnInvite` resolves the invite in
the button to the person's own open survey, or refuses (gone, answered already, closed).
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MenuCD, Section, SurveyAction, SurveyCD
from bot.filters import owned
from bot.i18n import Translator
from bot.middlewares import RegisteredOnly, gated
from bot.services.surveys import Answering, Gone, Press, SurveyStep
from bot.turn import Turn
from bot.ui import surveys as screens
from bot.ui.messaging import show

A = SurveyAction


class SurveyInput(StatesGroup):
    typed = State()  # a number or a text answer; data: r (invite), i (question)


OwnInvite = owned("ctx", lambda services, actor, data: services.surveys.answering(actor.user, data.r))


async def _present(
    event: CallbackQuery | Message, state: FSMContext, step: SurveyStep, _: Translator
) -> None:
    """Show the screen on step, and wait for typing when its answer is typed."""
    if step.typed:
        await state.set_state(SurveyInput.typed)
        await state.set_data({"r": step.ctx.invite.id, "i": step.index})
    else:
        await state.clear()
    await show(event, screens.step_screen(step, _))


async def my_surveys(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.my_surveys(await turn.services.surveys.my_surveys(turn.person), _))


async def open_survey(
    query: CallbackQuery, callback_data: SurveyCD, turn: Turn, ctx: Answering, _: Translator
) -> None:
    at = callback_data.i if callback_data.action == SurveyAction.AT else None
    await _present(query, turn.state, turn.services.surveys.open(ctx, at), _)


async def press(
    query: CallbackQuery, callback_data: SurveyCD, turn: Turn, ctx: Answering, _: Translator
) -> None:
    press = Press(callback_data.action.value)
    step = await turn.services.surveys.press(ctx, callback_data.i, press, callback_data.v)
    if step.note is not None:
        turn.answer.text = _(step.note)
    await _present(query, turn.state, step, _)


async def typed(message: Message, turn: Turn, _: Translator) -> None:
    """A typed answer; anything but text (a sticker, a photo) gets the question again with a hint."""
    data = await turn.state.get_data()
    found = await turn.services.surveys.type_answer(
        turn.person, int(data.get("r", 0)), int(data.get("i", -1)), message.text
    )
    if isinstance(found, Gone):
        await turn.state.clear()
        await message.answer(_(found.key), reply_markup=screens.later_screen(_)[1])
        return
    await _present(message, turn.state, found, _)


async def send(query: CallbackQuery, turn: Turn, ctx: Answering, _: Translator) -> None:
    done = await turn.services.surveys.send(ctx)
    if isinstance(done, SurveyStep):
        await _present(query, turn.state, done, _)  # something required is missing
        return
    await turn.state.clear()
    await show(query, screens.thanks_screen(done, _))


async def later(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.later_screen(_))


def build_router() -> Router:
    router = gated(__name__, RegisteredOnly())
    on = router.callback_query.register
    on(my_surveys, MenuCD.filter(F.section == Section.MY_SURVEYS))
    on(open_survey, SurveyCD.filter(F.action.in_({A.GO, A.AT})), OwnInvite())
    answers = {A.ANSWER, A.TOGGLE, A.NEXT, A.SKIP, A.BACK}
    on(press, SurveyCD.filter(F.action.in_(answers)), OwnInvite())
    router.message.register(typed, SurveyInput.typed)
    on(send, SurveyCD.filter(F.action == A.SEND), OwnInvite())
    on(later, SurveyCD.filter(F.action == A.LATER))
    return router

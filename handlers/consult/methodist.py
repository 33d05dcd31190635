"""The methodist: the queue, a question's conversation, answering, closing, publishing to the FAQ."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from bot.callbacks import ConsultMAction, ConsultMCD, MenuCD
from bot.domain.consult import QuestionStatus, Side
from bot.domain.errors import Refusal
from bot.i18n import Translator
from bot.services.consult import FAQ_TEXT_MAX
from bot.turn import Turn
from bot.ui import consult as screens
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import Screen, show
from bot.ui.wizard import stale_tap
from handlers.consult.content import draft_of, send_files
from handlers.consult.states import AnswerDialog
from storage.models import ConsultQuestion


async def queue(query: CallbackQuery, turn: Turn, _: Translator, callback_data: ConsultMCD | MenuCD) -> None:
    await turn.state.clear()
    page = callback_data.p if isinstance(callback_data, ConsultMCD) else 0
    view = await turn.services.consult.queue(turn.person, page)
    await show(query, screens.queue_screen(view, turn.services.consult.now(), _))


async def _thread_screen(turn: Turn, question: ConsultQuestion, _: Translator) -> Screen:
    service = turn.services.consult
    thread = await service.thread(question, turn.person)
    return screens.thread_screen(thread, Side.METHODIST, _, may_publish=service.may_publish(thread))


async def open_question(query: CallbackQuery, turn: Turn, question: ConsultQuestion, _: Translator) -> None:
    await turn.state.clear()
    await show(query, await _thread_screen(turn, question, _), edit=False)


async def reply(query: CallbackQuery, turn: Turn, question: ConsultQuestion, _: Translator) -> None:
    if question.status != QuestionStatus.OPEN:
        raise Refusal("consult-closed")
    await turn.state.set_state(AnswerDialog.reply)
    await turn.state.set_data({"q": question.id})
    kb = Keyboard()
    kb.button(
        text=_("consult-btn-cancel"), callback_data=ConsultMCD(action=ConsultMAction.OPEN, q=question.id)
    )
    await show(query, (_("consult-answer-prompt"), kb.as_markup()), edit=False)


async def got_reply(message: Message, turn: Turn, _: Translator) -> None:
    draft = await draft_of(message, _)
    if draft is None:
        return
    question_id = int((await turn.state.get_data()).get("q", 0))
    await turn.state.clear()
    service = turn.services.consult
    thread = await service.post(question_id, Side.METHODIST, turn.person, turn.roles, draft)
    text, markup = screens.thread_screen(thread, Side.METHODIST, _, may_publish=service.may_publish(thread))
    await show(message, (_("consult-relayed") + "\n\n" + text, markup))


async def files(query: CallbackQuery, turn: Turn, question: ConsultQuestion) -> None:
    thread = await turn.services.consult.thread(question, turn.person)
    await send_files(turn.bot, query.from_user.id, thread.files)


async def close(query: CallbackQuery, turn: Turn, question: ConsultQuestion, _: Translator) -> None:
    await turn.state.clear()
    await turn.services.consult.close(question.id, Side.METHODIST, turn.person, turn.roles)
    turn.answer.text = _("consult-closed-done")
    await show(
        query,
        await _thread_screen(
            turn, await turn.services.consult.assigned(turn.person, turn.roles, question.id), _
        ),
    )


# --- publishing to the FAQ ---------------------------------------------------------------------------


async def publish(query: CallbackQuery, turn: Turn, question: ConsultQuestion, _: Translator) -> None:
    service = turn.services.consult
    thread = await service.thread(question, turn.person)
    if not service.may_publish(thread):
        raise Refusal("consult-published-already" if thread.published else "consult-no-consent")
    proposed_q, proposed_a = service.faq_defaults(thread)
    await turn.state.set_state(AnswerDialog.faq_question)
    await turn.state.set_data(
        {"q": question.id, "pq": proposed_q[:FAQ_TEXT_MAX], "pa": proposed_a[:FAQ_TEXT_MAX]}
    )
    await show(query, screens.publish_prompt("question", proposed_q, question.id, _), edit=False)


async def _faq_step(event: Message | CallbackQuery, turn: Turn, _: Translator, text: str) -> None:
    """The question or the answer of the entry is given: on to the answer, or publish."""
    data = await turn.state.get_data()
    question_id = int(data.get("q", 0))
    if await turn.state.get_state() == AnswerDialog.faq_question.state:
        await turn.state.set_state(AnswerDialog.faq_answer)
        await turn.state.update_data(question_text=text)
        await show(event, screens.publish_prompt("answer", str(data.get("pa") or ""), question_id, _))
        return
    question = await turn.services.consult.assigned(turn.person, turn.roles, question_id)
    await turn.services.consult.publish(question, turn.person, str(data.get("question_text") or ""), text)
    await turn.state.clear()
    kb = Keyboard()
    kb.button(text=_("consult-btn-queue"), callback_data=ConsultMCD(action=ConsultMAction.QUEUE))
    await show(event, (_("consult-published"), kb.as_markup()))


async def keep(
    query: CallbackQuery, callback_data: ConsultMCD, turn: Turn, question: ConsultQuestion, _: Translator
) -> None:
    state = await turn.state.get_state()
    data = await turn.state.get_data()
    if (
        state not in (AnswerDialog.faq_question.state, AnswerDialog.faq_answer.state)
        or data.get("q") != question.id
    ):
        stale_tap(turn.answer, _)
        return
    proposed = str(data.get("pq" if state == AnswerDialog.faq_question.state else "pa") or "")
    if not proposed:
        stale_tap(turn.answer, _)
        return
    await _faq_step(query, turn, _, proposed)


async def got_faq_text(message: Message, turn: Turn, _: Translator) -> None:
    text = (message.text or "").strip()
    if message.text is None or not text:
        await message.answer(_("consult-faq-need-text"))
        return
    if len(text) > FAQ_TEXT_MAX:
        await message.answer(_("consult-too-long", max=FAQ_TEXT_MAX, length=len(text)))
        return
    await _faq_step(message, turn, _, text)


async def cancel(query: CallbackQuery, turn: Turn, question: ConsultQuestion, _: Translator) -> None:
    await turn.state.clear()
    turn.answer.text = _("consult-cancelled")
    await show(query, await _thread_screen(turn, question, _))

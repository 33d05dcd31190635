"""The teacher: the hub, asking (topic → subject → the question → similar answers → send), their
questions and the conversation, «✅ Вопрос решён», the rating and the consent to the FAQ."""

from __future__ import annotations

import uuid
from html import escape

from aiogram.types import CallbackQuery, Message

from bot.callbacks import ConsultAction, ConsultCD, MenuCD
from bot.domain.consult import ConsultTopic, QuestionStatus, Side
from bot.domain.errors import Refusal
from bot.i18n import Translator
from bot.turn import Turn
from bot.ui import consult as screens
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import show
from bot.ui.wizard import stale_tap
from handlers.consult.content import draft_data, draft_from, draft_of, send_files
from handlers.consult.states import AskDialog
from storage.models import ConsultQuestion


async def home(query: CallbackQuery, turn: Turn, _: Translator, callback_data: ConsultCD | MenuCD) -> None:
    await turn.state.clear()
    rows, _page, _pages = await turn.services.consult.mine(turn.person, 0)
    open_now = sum(1 for q in rows if q.status == QuestionStatus.OPEN)
    await show(query, screens.hub_screen(open_now, _))


# --- asking ----------------------------------------------------------------------------------------


async def ask(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.topics_screen(_))


async def topic(query: CallbackQuery, callback_data: ConsultCD, turn: Turn, _: Translator) -> None:
    if callback_data.v not in set(ConsultTopic):
        stale_tap(turn.answer, _)
        return
    chosen = ConsultTopic(callback_data.v)
    subject = turn.services.consult.default_subject(turn.person)
    await turn.state.set_state(AskDialog.question)
    await turn.state.set_data({"topic": chosen.value, "subject": subject, "key": uuid.uuid4().hex})
    await show(query, screens.question_prompt(chosen, subject, len(turn.person.subjects), _))


async def _asking(turn: Turn) -> dict[str, object] | None:
    if await turn.state.get_state() not in (AskDialog.question.state, AskDialog.similar.state):
        return None
    data = await turn.state.get_data()
    return data if data.get("topic") in set(ConsultTopic) else None


async def subjects(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    if await _asking(turn) is None:
        stale_tap(turn.answer, _)
        return
    await show(query, screens.subjects_screen([s.subject for s in turn.person.subjects], _))


async def subject(query: CallbackQuery, callback_data: ConsultCD, turn: Turn, _: Translator) -> None:
    data = await _asking(turn)
    if data is None:
        stale_tap(turn.answer, _)
        return
    chosen = callback_data.v or None
    if chosen is not None and not turn.services.consult.subject_allowed(turn.person, chosen):
        raise Refusal("consult-stale")
    await turn.state.set_state(AskDialog.question)
    await turn.state.update_data(subject=chosen, draft=None)
    topic_ = ConsultTopic(str(data["topic"]))
    await show(query, screens.question_prompt(topic_, chosen, len(turn.person.subjects), _))


async def got_question(message: Message, turn: Turn, _: Translator) -> None:
    data = await _asking(turn)
    if data is None:
        return
    draft = await draft_of(message, _)
    if draft is None:
        return
    topic_ = ConsultTopic(str(data["topic"]))
    similar = await turn.services.consult.similar(topic_, draft.text)
    if similar:
        await turn.state.set_state(AskDialog.similar)
        await turn.state.update_data(draft=draft_data(draft))
        await show(message, screens.similar_screen(similar, _))
        return
    await _send(message, turn, _, {**data, "draft": draft_data(draft)})


async def send(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    """«Всё равно спросить»: the question held while the similar answers were shown."""
    data = await _asking(turn)
    if data is None or draft_from(data.get("draft")) is None:
        stale_tap(turn.answer, _)
        return
    await _send(query, turn, _, data)


async def _send(event: Message | CallbackQuery, turn: Turn, _: Translator, data: dict[str, object]) -> None:
    draft = draft_from(data.get("draft"))
    assert draft is not None
    subject_ = data.get("subject")
    question, _new = await turn.services.consult.ask(
        turn.person,
        ConsultTopic(str(data["topic"])),
        subject_ if isinstance(subject_, str) else None,
        draft,
        str(data.get("key") or uuid.uuid4().hex),
    )
    await turn.state.clear()
    thread = await turn.services.consult.thread(question, turn.person)
    await show(event, screens.sent_screen(question, thread.methodist, thread.timezone, _))


async def cancel(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    turn.answer.text = _("consult-cancelled")
    await home(query, turn, _, ConsultCD(action=ConsultAction.HOME))


# --- their questions -------------------------------------------------------------------------------


async def mine(query: CallbackQuery, callback_data: ConsultCD, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    rows, page, pages = await turn.services.consult.mine(turn.person, callback_data.p)
    await show(query, screens.mine_screen(rows, page, pages, _))


async def open_question(query: CallbackQuery, turn: Turn, question: ConsultQuestion, _: Translator) -> None:
    await turn.state.clear()
    thread = await turn.services.consult.thread(question, turn.person)
    await show(query, screens.thread_screen(thread, Side.TEACHER, _), edit=False)


async def reply(query: CallbackQuery, turn: Turn, question: ConsultQuestion, _: Translator) -> None:
    if question.status != QuestionStatus.OPEN:
        raise Refusal("consult-closed")
    await turn.state.set_state(AskDialog.reply)
    await turn.state.set_data({"q": question.id})
    kb = Keyboard()
    kb.button(text=_("consult-btn-cancel"), callback_data=ConsultCD(action=ConsultAction.OPEN, q=question.id))
    await show(query, (_("consult-write-prompt"), kb.as_markup()), edit=False)


async def got_reply(message: Message, turn: Turn, _: Translator) -> None:
    draft = await draft_of(message, _)
    if draft is None:
        return
    question_id = int((await turn.state.get_data()).get("q", 0))
    await turn.state.clear()
    thread = await turn.services.consult.post(question_id, Side.TEACHER, turn.person, turn.roles, draft)
    text, markup = screens.thread_screen(thread, Side.TEACHER, _)
    await show(message, (_("consult-relayed") + "\n\n" + text, markup))


async def files(query: CallbackQuery, turn: Turn, question: ConsultQuestion) -> None:
    thread = await turn.services.consult.thread(question, turn.person)
    await send_files(turn.bot, query.from_user.id, thread.files)


async def solved(query: CallbackQuery, turn: Turn, question: ConsultQuestion, _: Translator) -> None:
    await turn.services.consult.close(question.id, Side.TEACHER, turn.person, turn.roles)
    await show(query, screens.rate_screen(question.id, _, lead=_("consult-closed-by-you")), edit=False)


async def rate(
    query: CallbackQuery, callback_data: ConsultCD, turn: Turn, question: ConsultQuestion, _: Translator
) -> None:
    if not callback_data.v:
        await show(query, screens.rate_screen(question.id, _))
        return
    value = int(callback_data.v) if callback_data.v.isdigit() else 0
    await turn.services.consult.rate(question.id, turn.person, value)
    turn.answer.text = _("consult-thanks")
    await show(query, screens.consent_screen(question.id, _))


async def consent(
    query: CallbackQuery, callback_data: ConsultCD, turn: Turn, question: ConsultQuestion, _: Translator
) -> None:
    allowed = callback_data.v == "1"
    await turn.services.consult.consent(question.id, turn.person, allowed)
    await show(query, screens.after_consent(allowed, _))


# --- the FAQ -------------------------------------------------------------------------------------------


async def faq(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.faq_home(_))


async def faq_topic(query: CallbackQuery, callback_data: ConsultCD, turn: Turn, _: Translator) -> None:
    if callback_data.v not in set(ConsultTopic):
        stale_tap(turn.answer, _)
        return
    chosen = ConsultTopic(callback_data.v)
    rows, page, pages = await turn.services.consult.faq_topic(chosen, callback_data.p)
    title = _("consult-faq-topic", topic=_(f"consult-topic-{chosen}"))
    await show(query, screens.faq_list_screen(rows, title, _, page=page, pages=pages, topic=chosen.value))


async def faq_entry(query: CallbackQuery, callback_data: ConsultCD, turn: Turn, _: Translator) -> None:
    entry = await turn.services.consult.faq_entry(callback_data.q)
    await show(query, screens.faq_entry_screen(entry, _), edit=False)


async def faq_search(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.set_state(AskDialog.faq_search)
    await turn.state.set_data({})
    await show(query, screens.faq_search_prompt(_))


async def got_search(message: Message, turn: Turn, _: Translator) -> None:
    words = (message.text or "").strip()
    if not words or message.text is None:
        await message.answer(_("consult-need-words"))
        return
    rows = await turn.services.consult.faq_search(words[:300])
    title = _("consult-faq-found", words=escape(words[:100]))
    await show(message, screens.faq_list_screen(rows, title, _))

"""A pair's card and its meeting form: five taps (format, topic, duration; the date and a note if
wanted), then «Сохранить». The form lives in the FSM data with a token, so saving it twice (a double
tap, a slow network) records one meeting.

Every question has «⬅️ Назад» (the question before, its answer kept) and «✖️ Отмена» (nothing is
recorded); they work while the form is open — after a cancel or a save, a tap is told it is stale."""

from __future__ import annotations

from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MentorCD
from bot.domain.mentoring import parse_topic
from bot.i18n import Translator
from bot.services.mentoring.mentor import Form, FormField, Question
from bot.services.mentoring.views import AskTopic, FormGone, FormStep, Pair
from bot.turn import Turn
from bot.ui.mentoring import mentor as screens
from bot.ui.messaging import show
from bot.ui.wizard import end_wizard, stale_tap
from handlers.mentoring_log.states import MeetingDialog

NOTE_MAX = 1000


async def _form(state: FSMContext, pair_id: int) -> Form | None:
    data = await state.get_data()
    return data if data.get("pair") == pair_id and "token" in data else None


async def _ask(
    event: CallbackQuery | Message, state: FSMContext, step: FormStep, _: Translator, form: Form | None = None
) -> None:
    """Show the form's next question; a typed topic is awaited only while the topic is asked."""
    if isinstance(step, AskTopic):
        await state.set_state(MeetingDialog.topic)
    else:
        await state.set_state(None)
    await show(event, screens.form_screen(step, _, form))


async def pair_card(query: CallbackQuery, pair: Pair, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    card = await turn.services.mentoring.pair_card(pair)
    if card is not None:
        await show(query, screens.pair_screen(card, _))


async def log_start(query: CallbackQuery, pair: Pair, turn: Turn, _: Translator) -> None:
    form = turn.services.mentoring.open_form(turn.person, pair)
    await turn.state.set_state(None)
    await turn.state.set_data(form)
    await show(query, screens.format_prompt(pair.id, _))


async def log_step(
    query: CallbackQuery, callback_data: MentorCD, pair: Pair, turn: Turn, _: Translator
) -> None:
    form = await _form(turn.state, pair.id)
    field = FormField(callback_data.action.value)
    step = await turn.services.mentoring.form_step(turn.person, pair, form, field, callback_data.v)
    if isinstance(step, FormGone):
        # An old form (already saved, or from before /menu): start again from the pair.
        turn.answer.text = _("mn-form-gone")
        await show(query, screens.pair_screen(step.card, _))
        return
    if form is not None:
        await turn.state.set_data(form)
    await _ask(query, turn.state, step, _, form)


async def log_go(
    query: CallbackQuery, callback_data: MentorCD, pair: Pair, turn: Turn, _: Translator
) -> None:
    """«⬅️ Назад» and «↩️ Оставить как есть»: the question named in the button, the answers kept."""
    form = await _form(turn.state, pair.id)
    if form is None or callback_data.v not in set(Question):
        stale_tap(turn.answer, _)
        return
    step = await turn.services.mentoring.question(turn.person, pair.id, form, Question(callback_data.v))
    await _ask(query, turn.state, step, _, form)


async def log_cancel(query: CallbackQuery, pair: Pair, turn: Turn, _: Translator) -> None:
    """«✖️ Отмена»: nothing is recorded; the ways on are the pair and the menu."""
    if await _form(turn.state, pair.id) is None:
        stale_tap(turn.answer, _)
        return
    await end_wizard(query, turn.state, screens.log_cancelled(pair.id, _))


async def _typing(turn: Turn) -> dict[str, Any] | None:
    """The meeting form being filled in, or None (the dialogue is reset) when there is none."""
    data = await turn.state.get_data()
    if turn.user is None or "pair" not in data:
        await turn.state.clear()
        return None
    return data


async def _ask_next(
    message: Message, turn: Turn, data: dict[str, Any], then: Question, _: Translator
) -> None:
    """Keep what was typed and ask the question after it (`then`)."""
    await turn.state.set_data(data)
    step = await turn.services.mentoring.question(turn.person, int(str(data["pair"])), data, then)
    await _ask(message, turn.state, step, _, data)


async def log_topic_typed(message: Message, turn: Turn, _: Translator) -> None:
    data = await _typing(turn)
    if data is None:
        return
    try:
        data["topic"] = parse_topic(message.text or "")
    except ValueError as exc:
        await message.answer(_(f"mn-topic-{exc}"))
        return
    await _ask_next(message, turn, data, Question.MINUTES, _)


async def log_note(query: CallbackQuery, pair: Pair, turn: Turn, _: Translator) -> None:
    if await _form(turn.state, pair.id) is None:
        turn.answer.text = _("mn-form-gone")
        return
    await turn.state.set_state(MeetingDialog.note)
    await show(query, screens.note_prompt(pair.id, _))


async def log_note_given(message: Message, turn: Turn, _: Translator) -> None:
    data = await _typing(turn)
    if data is None:
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
    await _ask_next(message, turn, data, Question.SUMMARY, _)


async def log_topic_not_text(message: Message, _: Translator) -> None:
    await message.answer(_("route-need-text"))


async def log_save(
    query: CallbackQuery, callback_data: MentorCD, pair: Pair, turn: Turn, _: Translator
) -> None:
    saved = await turn.services.mentoring.save(
        turn.person, pair, await _form(turn.state, pair.id), callback_data.v
    )
    await turn.state.clear()
    if saved.again:
        turn.answer.text = _("mn-saved-already")
    elif saved.card is not None:
        await show(query, screens.pair_screen(saved.card, _))

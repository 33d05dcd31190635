"""A logged meeting: its card, a new duration or topic, deleting it."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from bot.callbacks import MentorAction, MentorCD
from bot.domain.mentoring import parse_topic
from bot.i18n import Translator
from bot.services.mentoring.views import OwnedMeeting
from bot.turn import Turn
from bot.ui.mentoring import mentor as screens
from bot.ui.mentoring import teacher
from bot.ui.messaging import show
from bot.ui.wizard import end_wizard, stale_tap
from handlers.mentoring_log.states import MeetingDialog, MentorCardDialog


async def meeting(
    query: CallbackQuery, callback_data: MentorCD, owned_meeting: OwnedMeeting, turn: Turn, _: Translator
) -> None:
    await turn.state.clear()
    minutes = callback_data.v if callback_data.action == MentorAction.EDIT_MIN else None
    card = await turn.services.mentoring.meeting_card(owned_meeting, minutes)
    if card.note is not None:
        turn.answer.text = _(card.note)
    await show(query, screens.meeting_screen(card, _))


async def edit_topic(query: CallbackQuery, owned_meeting: OwnedMeeting, turn: Turn, _: Translator) -> None:
    await turn.state.set_state(MeetingDialog.edit_topic)
    await turn.state.set_data({"meeting": owned_meeting.meeting.id})
    await show(query, screens.topic_edit_prompt(owned_meeting.meeting, _))


async def edit_cancel(query: CallbackQuery, callback_data: MentorCD, turn: Turn, _: Translator) -> None:
    """«✖️ Отмена» of the mentor card's prompts or of a meeting's topic: nothing changes."""
    state = await turn.state.get_state()
    if callback_data.v == "topic":
        meeting = int((await turn.state.get_data()).get("meeting", 0))
        if state != MeetingDialog.edit_topic.state or not meeting or meeting != callback_data.m:
            stale_tap(turn.answer, _)
            return
        back = (_("wz-btn-to-meeting"), MentorCD(action=MentorAction.MEETING, p=callback_data.p, m=meeting))
    elif state in (None, MentorCardDialog.about.state):
        back = (_("wz-btn-to-card"), MentorCD(action=MentorAction.PROFILE))
    else:
        stale_tap(turn.answer, _)
        return
    await end_wizard(query, turn.state, screens.edit_cancelled(back, _))


async def edit_topic_typed(message: Message, turn: Turn, _: Translator) -> None:
    try:
        topic = parse_topic(message.text or "")
    except ValueError as exc:
        await message.answer(_(f"mn-topic-{exc}"))
        return
    data = await turn.state.get_data()
    await turn.state.clear()
    if turn.user is not None:
        card = await turn.services.mentoring.edit_topic(turn.user, int(data.get("meeting", 0)), topic)
        await show(message, screens.meeting_screen(card, _))


async def delete(
    query: CallbackQuery, callback_data: MentorCD, owned_meeting: OwnedMeeting, turn: Turn, _: Translator
) -> None:
    if callback_data.action == MentorAction.DELETE:
        await show(query, screens.delete_confirm(owned_meeting.pair, owned_meeting.meeting, _))
        return
    journal = await turn.services.mentoring.delete(owned_meeting)
    turn.answer.text = _("mn-deleted")
    if journal is not None:
        await show(query, teacher.journal_screen(journal, _))

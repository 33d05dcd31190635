"""The mentee's side: confirming or disputing a logged meeting, rating it, the fit check, the
adaptation check, and the pair's meeting log (for its mentor too)."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from bot.callbacks import AdaptCD, MentorAction, MentorCD
from bot.i18n import Translator
from bot.services.mentoring.views import Check, Membership, OwnedMeeting, Pair
from bot.turn import Turn
from bot.ui.mentoring import teacher as screens
from bot.ui.mentoring.common import one_line
from bot.ui.messaging import show
from handlers.mentoring.states import MentoringDialog

COMMENT_MAX = 500


async def confirm_meeting(
    query: CallbackQuery, callback_data: MentorCD, owned_meeting: OwnedMeeting, turn: Turn, _: Translator
) -> None:
    held = callback_data.action == MentorAction.YES
    meeting = await turn.services.mentoring.answer_meeting(turn.person, owned_meeting, held)
    await show(query, screens.rating_prompt(meeting, _) if meeting is not None else (_("mn-disputed"), None))


async def rate(
    query: CallbackQuery, callback_data: MentorCD, owned_meeting: OwnedMeeting, turn: Turn, _: Translator
) -> None:
    meeting = await turn.services.mentoring.rate(owned_meeting, callback_data.v)
    await turn.state.set_state(MentoringDialog.rating_comment)
    await turn.state.set_data({"meeting": meeting.id})
    await show(query, screens.comment_prompt(meeting, _))


async def no_comment(query: CallbackQuery, owned_meeting: OwnedMeeting, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await turn.services.mentoring.skip_comment(turn.person, owned_meeting)
    await show(query, (_("mn-thanks"), None))


async def rating_comment(message: Message, turn: Turn, _: Translator) -> None:
    comment = await one_line(message, COMMENT_MAX, _)
    if comment is None:
        return
    data = await turn.state.get_data()
    await turn.state.clear()
    await turn.services.mentoring.comment(turn.person, int(data.get("meeting", 0)), comment)
    await message.answer(_("mn-thanks"))


async def fit_answer(
    query: CallbackQuery, callback_data: MentorCD, pair: Pair, turn: Turn, _: Translator
) -> None:
    answer = await turn.services.mentoring.answer_fit(turn.person, pair, callback_data.v)
    await show(query, (_(f"mn-fit-thanks-{answer.value}"), None))


async def adaptation_answer(
    query: CallbackQuery, callback_data: AdaptCD, check: Check, turn: Turn, _: Translator
) -> None:
    step = await turn.services.mentoring.answer_check(check, callback_data.i, callback_data.v)
    if step.note is not None:
        turn.answer.text = _(step.note)
    await show(
        query, screens.check_screen(step.check, _) if step.check is not None else (_("adapt-thanks"), None)
    )


async def journal(query: CallbackQuery, membership: Membership, turn: Turn, _: Translator) -> None:
    """The meeting log of a pair, for its mentor and its mentee alike (nobody else)."""
    await show(query, screens.journal_screen(await turn.services.mentoring.journal(membership), _))

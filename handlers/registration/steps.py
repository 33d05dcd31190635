"""One question per screen: typed answers, list choices, search and pages, subjects, going back."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from bot.callbacks import RegAction, RegCD
from bot.domain.profile import InvalidAnswer, Step
from bot.i18n import Translator
from bot.turn import Turn
from bot.ui.messaging import show
from bot.ui.registration import screens
from bot.ui.registration.dialogue import (
    STEP_OF_STATE,
    cancel_dialogue,
    go,
    load_draft,
    render,
    reshow,
    save_draft,
)
from handlers.registration.flow import advance, go_back


def problem_text(error: InvalidAnswer, _: Translator) -> str:
    return _(f"reg-error-{error.problem.value}", **{k: str(v) for k, v in error.details.items()})


# --- navigation ----------------------------------------------------------------------------


async def step_back(query: CallbackQuery, callback_data: RegCD, turn: Turn, _: Translator) -> None:
    await go_back(query, turn.state, turn.services, turn.user, _, callback_data.step)


async def step_cancel(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await cancel_dialogue(query, turn.state, turn.user, turn.roles, _, turn.services.clock().year)


async def noop(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    """The «page 2 of 5» label is a button only to sit in the row; a tap on it gets a word on how
    to turn the pages."""
    turn.answer.text = _("page-label-note")


# --- typed answers -------------------------------------------------------------------------


async def text_answer(message: Message, turn: Turn, raw_state: str | None, _: Translator) -> None:
    """A typed answer at a text step: checked by bot.domain.profile, kept in the draft."""
    step = STEP_OF_STATE[raw_state or ""]
    try:
        draft = turn.services.accounts.answer(
            step, message.text or "", load_draft(await turn.state.get_data())
        )
    except InvalidAnswer as error:
        await reshow(message, turn.state, turn.services, _, hint=problem_text(error, _))
        return
    await save_draft(turn.state, draft)
    await advance(message, turn.state, turn.services, turn.person, turn.roles, _, step)


# --- buttons -------------------------------------------------------------------------------


async def picked_experience(query: CallbackQuery, callback_data: RegCD, turn: Turn, _: Translator) -> None:
    years = int(callback_data.value) if callback_data.value.isdigit() else 0
    try:
        draft = turn.services.accounts.picked_experience(load_draft(await turn.state.get_data()), years)
    except InvalidAnswer as error:
        await reshow(query, turn.state, turn.services, _, hint=problem_text(error, _))
        return
    await save_draft(turn.state, draft)
    await advance(query, turn.state, turn.services, turn.person, turn.roles, _, Step.EXPERIENCE)


async def search(message: Message, turn: Turn, _: Translator) -> None:
    """Typing at a list step searches it by part of the name."""
    query = " ".join((message.text or "").split())[:60]
    await turn.state.update_data(q=query or None, page=0)
    await reshow(message, turn.state, turn.services, _)


async def page(query: CallbackQuery, callback_data: RegCD, turn: Turn, _: Translator) -> None:
    number = int(callback_data.value) if callback_data.value.isdigit() else 0
    await turn.state.update_data(page=number)
    await show(query, await render(callback_data.step, await turn.state.get_data(), turn.services, _))


async def all_schools(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await go(query, turn.state, turn.services, _, Step.SCHOOL)


async def not_in_list(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await go(query, turn.state, turn.services, _, Step.NOTE)


async def picked(query: CallbackQuery, callback_data: RegCD, turn: Turn, _: Translator) -> None:
    draft = load_draft(await turn.state.get_data())
    chosen = await turn.services.accounts.choose(callback_data.step, callback_data.value, draft)
    if chosen is None:
        await reshow(query, turn.state, turn.services, _, hint=_("reg-error-gone"))
        return
    await save_draft(turn.state, chosen)
    await advance(query, turn.state, turn.services, turn.person, turn.roles, _, callback_data.step)


async def toggle_subject(query: CallbackQuery, callback_data: RegCD, turn: Turn, _: Translator) -> None:
    draft = turn.services.accounts.toggle_subject(
        load_draft(await turn.state.get_data()), callback_data.value
    )
    await save_draft(turn.state, draft)
    await show(query, screens.subjects_screen(draft.subjects, _))


async def subjects_done(query: CallbackQuery, callback_data: RegCD, turn: Turn, _: Translator) -> None:
    draft = load_draft(await turn.state.get_data())
    if callback_data.action == RegAction.NONE:
        draft.subjects = ()
    elif not draft.subjects:
        turn.answer.text, turn.answer.show_alert = _("reg-error-no-subjects"), True
        return
    await save_draft(turn.state, draft)
    await advance(query, turn.state, turn.services, turn.person, turn.roles, _, Step.SUBJECTS)


# --- anything else inside the dialogue -------------------------------------------------------


async def expected_button(message: Message, turn: Turn, _: Translator) -> None:
    await reshow(message, turn.state, turn.services, _, hint=_("reg-use-buttons"))


async def expected_text(message: Message, turn: Turn, _: Translator) -> None:
    await reshow(message, turn.state, turn.services, _, hint=_("reg-use-text"))

"""One question per screen: typed answers, list choices, search and pages, subjects, going back."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import RegAction, RegCD
from bot.context import User
from bot.domain.profile import InvalidAnswer, Step
from bot.domain.roles import Role
from bot.i18n import Translator
from bot.services.container import Services
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


async def step_back(
    query: CallbackQuery,
    callback_data: RegCD,
    state: FSMContext,
    services: Services,
    user: User | None,
    _: Translator,
) -> None:
    await go_back(query, state, services, user, _, callback_data.step)


async def step_cancel(
    query: CallbackQuery,
    state: FSMContext,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    await cancel_dialogue(query, state, user, roles, _, services.clock().year)


async def noop(query: CallbackQuery) -> None:
    """The «page 2 of 5» label is a button only to sit in the row."""


# --- typed answers -------------------------------------------------------------------------


async def text_answer(
    message: Message,
    state: FSMContext,
    raw_state: str | None,
    services: Services,
    user: User,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    """A typed answer at a text step: checked by bot.domain.profile, kept in the draft."""
    step = STEP_OF_STATE[raw_state or ""]
    try:
        draft = services.accounts.answer(step, message.text or "", load_draft(await state.get_data()))
    except InvalidAnswer as error:
        await reshow(message, state, services, _, hint=problem_text(error, _))
        return
    await save_draft(state, draft)
    await advance(message, state, services, user, roles, _, step)


# --- buttons -------------------------------------------------------------------------------


async def picked_experience(
    query: CallbackQuery,
    callback_data: RegCD,
    state: FSMContext,
    services: Services,
    user: User,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    years = int(callback_data.value) if callback_data.value.isdigit() else 0
    try:
        draft = services.accounts.picked_experience(load_draft(await state.get_data()), years)
    except InvalidAnswer as error:
        await reshow(query, state, services, _, hint=problem_text(error, _))
        return
    await save_draft(state, draft)
    await advance(query, state, services, user, roles, _, Step.EXPERIENCE)


async def search(message: Message, state: FSMContext, services: Services, _: Translator) -> None:
    """Typing at a list step searches it by part of the name."""
    query = " ".join((message.text or "").split())[:60]
    await state.update_data(q=query or None, page=0)
    await reshow(message, state, services, _)


async def page(
    query: CallbackQuery, callback_data: RegCD, state: FSMContext, services: Services, _: Translator
) -> None:
    number = int(callback_data.value) if callback_data.value.isdigit() else 0
    await state.update_data(page=number)
    await show(query, await render(callback_data.step, await state.get_data(), services, _))


async def all_schools(query: CallbackQuery, state: FSMContext, services: Services, _: Translator) -> None:
    await go(query, state, services, _, Step.SCHOOL)


async def not_in_list(query: CallbackQuery, state: FSMContext, services: Services, _: Translator) -> None:
    await go(query, state, services, _, Step.NOTE)


async def picked(
    query: CallbackQuery,
    callback_data: RegCD,
    state: FSMContext,
    services: Services,
    user: User,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    draft = load_draft(await state.get_data())
    chosen = await services.accounts.choose(callback_data.step, callback_data.value, draft)
    if chosen is None:
        await reshow(query, state, services, _, hint=_("reg-error-gone"))
        return
    await save_draft(state, chosen)
    await advance(query, state, services, user, roles, _, callback_data.step)


async def toggle_subject(
    query: CallbackQuery, callback_data: RegCD, state: FSMContext, services: Services, _: Translator
) -> None:
    draft = services.accounts.toggle_subject(load_draft(await state.get_data()), callback_data.value)
    await save_draft(state, draft)
    await show(query, screens.subjects_screen(draft.subjects, _))


async def subjects_done(
    query: CallbackQuery,
    callback_data: RegCD,
    state: FSMContext,
    services: Services,
    user: User,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    draft = load_draft(await state.get_data())
    if callback_data.action == RegAction.NONE:
        draft.subjects = ()
    elif not draft.subjects:
        callback_answer.text, callback_answer.show_alert = _("reg-error-no-subjects"), True
        return
    await save_draft(state, draft)
    await advance(query, state, services, user, roles, _, Step.SUBJECTS)


# --- anything else inside the dialogue -------------------------------------------------------


async def expected_button(message: Message, state: FSMContext, services: Services, _: Translator) -> None:
    await reshow(message, state, services, _, hint=_("reg-use-buttons"))


async def expected_text(message: Message, state: FSMContext, services: Services, _: Translator) -> None:
    await reshow(message, state, services, _, hint=_("reg-use-text"))

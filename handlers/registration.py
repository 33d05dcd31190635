"""Registration steps: consent, then one question per screen. Thin: checks live in bot.domain.profile."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, F, Router
from aiogram.filters import Filter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, TelegramObject

from bot.callbacks import RegAction, RegCD
from bot.domain.profile import (
    CATEGORIES,
    POSITIONS,
    SUBJECTS,
    InvalidAnswer,
    check_start_age,
    parse_birth_year,
    parse_experience,
    parse_full_name,
    parse_school_note,
)
from bot.domain.roles import Role
from bot.domain.time import Clock
from bot.i18n import Translator
from bot.services import accounts
from bot.ui import registration as screens
from bot.ui.messaging import show
from handlers.common import cancel_dialogue
from handlers.mydata import delete_person
from handlers.registration_flow import (
    STATES,
    Reg,
    advance,
    go,
    go_back,
    load_draft,
    render,
    reshow,
    save_draft,
    start_registration,
)
from storage.models import User
from storage.repositories import Repos

router = Router(name=__name__)


class RequireConsentRow(BaseMiddleware):
    """Every step after consent works on the person's row. If it is gone (data deleted meanwhile,
    from another device), the dialogue starts again from consent instead of failing."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        raw_state = data.get("raw_state")
        if data.get("user") is not None or raw_state is None or raw_state == Reg.consent.state:
            return await handler(event, data)
        state: FSMContext = data["state"]
        await state.set_state(Reg.consent)
        if isinstance(event, (Message, CallbackQuery)):
            await show(event, screens.consent_screen(data["_"], welcome=True), edit=False)
        return None


router.message.middleware(RequireConsentRow())
router.callback_query.middleware(RequireConsentRow())


class CurrentStep(Filter):
    """The button belongs to the step the person is on now; older buttons go to the stale handler."""

    async def __call__(self, query: CallbackQuery, callback_data: RegCD, raw_state: str | None) -> bool:
        state = STATES.get(callback_data.step)
        return state is not None and state.state == raw_state


def problem_text(error: InvalidAnswer, _: Translator) -> str:
    return _(f"reg-error-{error.problem.value}", **{k: str(v) for k, v in error.details.items()})


# --- consent -------------------------------------------------------------------------------


@router.callback_query(RegCD.filter((F.step == "consent") & (F.action == RegAction.SHOW)))
async def consent_again(query: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.set_state(Reg.consent)
    await show(query, screens.consent_screen(_, welcome=False))


@router.callback_query(RegCD.filter((F.step == "consent") & (F.action == RegAction.YES)))
async def consent_given(
    query: CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    locale: str,
    _: Translator,
    clock: Clock,
) -> None:
    if user is not None and user.registered_at is not None:
        await state.clear()
        await show(query, (_("consent-already"), None))
        return
    await accounts.give_consent(repos, query.from_user.id, locale=locale, now=clock())
    await show(query, (_("consent-thanks"), None))
    await start_registration(query, state, repos, _, resume=True)


@router.callback_query(RegCD.filter((F.step == "consent") & (F.action == RegAction.NO)))
async def consent_declined(
    query: CallbackQuery, state: FSMContext, repos: Repos, user: User | None, _: Translator
) -> None:
    if user is not None:
        # Saying «no» after «yes» withdraws consent: nothing personal stays.
        await delete_person(repos, user, state)
    await state.clear()
    await show(query, screens.declined_screen(_))


# --- navigation ----------------------------------------------------------------------------


@router.callback_query(RegCD.filter(F.action == RegAction.BACK), CurrentStep())
async def step_back(
    query: CallbackQuery,
    callback_data: RegCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    _: Translator,
    clock: Clock,
) -> None:
    await go_back(query, state, repos, user, _, clock, callback_data.step)


@router.callback_query(RegCD.filter(F.action == RegAction.CANCEL), CurrentStep())
async def step_cancel(
    query: CallbackQuery,
    state: FSMContext,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
) -> None:
    await cancel_dialogue(query, state, user, roles, _, clock)


@router.callback_query(RegCD.filter(F.action == RegAction.NOOP))
async def noop(query: CallbackQuery) -> None:
    """The «page 2 of 5» label is a button only to sit in the row."""


# --- steps ---------------------------------------------------------------------------------


@router.message(Reg.name, F.text)
async def got_name(message: Message, state: FSMContext, repos: Repos, **kw: Any) -> None:
    await _text_answer(
        message, state, repos, "name", lambda text, _draft: {"full_name": parse_full_name(text)}, **kw
    )


@router.message(Reg.note, F.text)
async def got_school_note(message: Message, state: FSMContext, repos: Repos, **kw: Any) -> None:
    await _text_answer(
        message,
        state,
        repos,
        "note",
        lambda text, _draft: {"school_note": parse_school_note(text), "school_id": None},
        **kw,
    )


@router.message(Reg.experience, F.text)
async def got_experience(message: Message, state: FSMContext, repos: Repos, clock: Clock, **kw: Any) -> None:
    def parse(text: str, draft: Any) -> dict[str, Any]:
        years = parse_experience(text)
        check_start_age(draft.birth_year, years, clock().year)
        return {"experience_years": years}

    await _text_answer(message, state, repos, "experience", parse, clock=clock, **kw)


@router.message(Reg.year, F.text)
async def got_birth_year(message: Message, state: FSMContext, repos: Repos, clock: Clock, **kw: Any) -> None:
    def parse(text: str, draft: Any) -> dict[str, Any]:
        year = parse_birth_year(text, current_year=clock().year, experience_years=draft.experience_years)
        return {"birth_year": year}

    await _text_answer(message, state, repos, "year", parse, clock=clock, **kw)


async def _text_answer(
    message: Message,
    state: FSMContext,
    repos: Repos,
    step: str,
    parse: Any,
    *,
    user: User,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    **_ignored: Any,
) -> None:
    data = await state.get_data()
    draft = load_draft(data)
    try:
        values = parse(message.text or "", draft)
    except InvalidAnswer as error:
        await reshow(message, state, repos, _, hint=problem_text(error, _))
        return
    for name, value in values.items():
        setattr(draft, name, value)
    await save_draft(state, draft)
    await advance(message, state, repos, user, roles, _, clock, step)


@router.callback_query(RegCD.filter((F.step == "experience") & (F.action == RegAction.PICK)), CurrentStep())
async def picked_experience(
    query: CallbackQuery,
    callback_data: RegCD,
    state: FSMContext,
    repos: Repos,
    user: User,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
) -> None:
    draft = load_draft(await state.get_data())
    years = int(callback_data.value) if callback_data.value.isdigit() else 0
    try:
        check_start_age(draft.birth_year, years, clock().year)
    except InvalidAnswer as error:
        await reshow(query, state, repos, _, hint=problem_text(error, _))
        return
    draft.experience_years = years
    await save_draft(state, draft)
    await advance(query, state, repos, user, roles, _, clock, "experience")


@router.message(Reg.muni, F.text)
@router.message(Reg.school, F.text)
async def search(message: Message, state: FSMContext, repos: Repos, _: Translator) -> None:
    """Typing at a list step searches it by part of the name."""
    query = " ".join((message.text or "").split())[:60]
    await state.update_data(q=query or None, page=0)
    await reshow(message, state, repos, _)


@router.callback_query(RegCD.filter(F.action == RegAction.PAGE), CurrentStep())
async def page(
    query: CallbackQuery, callback_data: RegCD, state: FSMContext, repos: Repos, _: Translator
) -> None:
    number = int(callback_data.value) if callback_data.value.isdigit() else 0
    await state.update_data(page=number)
    await show(query, await render(callback_data.step, await state.get_data(), repos, _))


@router.callback_query(RegCD.filter((F.step == "school") & (F.action == RegAction.ALL)), CurrentStep())
async def all_schools(query: CallbackQuery, state: FSMContext, repos: Repos, _: Translator) -> None:
    await go(query, state, repos, _, "school")


@router.callback_query(RegCD.filter(F.action == RegAction.PICK), CurrentStep())
async def picked(
    query: CallbackQuery,
    callback_data: RegCD,
    state: FSMContext,
    repos: Repos,
    user: User,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
) -> None:
    step, value = callback_data.step, callback_data.value
    draft = load_draft(await state.get_data())
    if step == "muni":
        municipality = await repos.directory.municipality(int(value) if value.isdigit() else 0)
        if municipality is None:
            await reshow(query, state, repos, _, hint=_("reg-error-gone"))
            return
        if draft.municipality_id != municipality.id:
            draft.school_id, draft.school_note = None, None
        draft.municipality_id = municipality.id
    elif step == "school":
        school = await repos.directory.school(int(value) if value.isdigit() else 0)
        if school is None or school.municipality_id != draft.municipality_id:
            await reshow(query, state, repos, _, hint=_("reg-error-gone"))
            return
        draft.school_id, draft.school_note = school.id, None
    elif step == "position" and value in POSITIONS:
        draft.position = value
    elif step == "category" and value in CATEGORIES:
        draft.category = value
    else:
        await reshow(query, state, repos, _, hint=_("reg-error-gone"))
        return
    await save_draft(state, draft)
    await advance(query, state, repos, user, roles, _, clock, step)


@router.callback_query(RegCD.filter((F.step == "school") & (F.action == RegAction.NONE)), CurrentStep())
async def not_in_list(query: CallbackQuery, state: FSMContext, repos: Repos, _: Translator) -> None:
    await go(query, state, repos, _, "note")


@router.callback_query(RegCD.filter((F.step == "subjects") & (F.action == RegAction.TOGGLE)), CurrentStep())
async def toggle_subject(
    query: CallbackQuery, callback_data: RegCD, state: FSMContext, _: Translator
) -> None:
    draft = load_draft(await state.get_data())
    if callback_data.value in SUBJECTS:
        chosen = list(draft.subjects)
        if callback_data.value in chosen:
            chosen.remove(callback_data.value)
        else:
            chosen.append(callback_data.value)
        draft.subjects = tuple(s for s in SUBJECTS if s in chosen)
        await save_draft(state, draft)
    await show(query, screens.subjects_screen(draft.subjects, _))


@router.callback_query(
    RegCD.filter((F.step == "subjects") & F.action.in_({RegAction.DONE, RegAction.NONE})), CurrentStep()
)
async def subjects_done(
    query: CallbackQuery,
    callback_data: RegCD,
    state: FSMContext,
    repos: Repos,
    user: User,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    callback_answer: Any,
) -> None:
    draft = load_draft(await state.get_data())
    if callback_data.action == RegAction.NONE:
        draft.subjects = ()
    elif not draft.subjects:
        callback_answer.text, callback_answer.show_alert = _("reg-error-no-subjects"), True
        return
    await save_draft(state, draft)
    await advance(query, state, repos, user, roles, _, clock, "subjects")


# --- anything else inside the dialogue -------------------------------------------------------


@router.message(Reg.consent)
@router.message(Reg.muni)
@router.message(Reg.school)
@router.message(Reg.position)
@router.message(Reg.subjects)
@router.message(Reg.category)
async def expected_button(message: Message, state: FSMContext, repos: Repos, _: Translator) -> None:
    await reshow(message, state, repos, _, hint=_("reg-use-buttons"))


@router.message(Reg.name)
@router.message(Reg.note)
@router.message(Reg.experience)
@router.message(Reg.year)
async def expected_text(message: Message, state: FSMContext, repos: Repos, _: Translator) -> None:
    await reshow(message, state, repos, _, hint=_("reg-use-text"))

"""The registration dialogue's place in the FSM: its steps, the draft, entering and showing a step.

The same steps edit a single profile field later («mode: edit»), so there is one dialogue to test
and to translate. Shared by the registration handlers and by the commands that enter, resume or
leave the dialogue (/start, /cancel, the profile, the fallback).
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import asdict
from enum import StrEnum
from typing import Any

from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.commit import after_commit
from bot.context import User
from bot.domain.profile import TEACHER_STEPS, TEACHER_WORK, ProfileDraft, Step
from bot.domain.roles import Role
from bot.i18n import Translator
from bot.middlewares import prefs_context
from bot.services import accounts
from bot.services.container import Services
from bot.services.roles import Redeemed, RedeemOutcome
from bot.ui.messaging import Screen, show
from bot.ui.registration import screens
from bot.ui.screens import main_menu, profile_screen


class Reg(StatesGroup):
    consent = State()
    work = State()
    lessons = State()
    name = State()
    muni = State()
    school = State()
    note = State()
    position = State()
    subjects = State()
    experience = State()
    year = State()
    category = State()


STATES: dict[Step, State] = {
    Step.CONSENT: Reg.consent,
    Step.WORK: Reg.work,
    Step.LESSONS: Reg.lessons,
    Step.NAME: Reg.name,
    Step.MUNI: Reg.muni,
    Step.SCHOOL: Reg.school,
    Step.NOTE: Reg.note,
    Step.POSITION: Reg.position,
    Step.SUBJECTS: Reg.subjects,
    Step.EXPERIENCE: Reg.experience,
    Step.YEAR: Reg.year,
    Step.CATEGORY: Reg.category,
}
STEP_OF_STATE = {state.state: step for step, state in STATES.items()}
# «🔁 Кем работаю» in the profile: the same first question as at registration.
WORK_FIELD = "work"
# Editing a profile field starts at this step.
EDIT_START: dict[str, Step] = {
    "name": Step.NAME,
    "place": Step.MUNI,
    "position": Step.POSITION,
    "subjects": Step.SUBJECTS,
    "experience": Step.EXPERIENCE,
    "birth_year": Step.YEAR,
    "category": Step.CATEGORY,
    WORK_FIELD: Step.WORK,
}
TEXT_STEPS = frozenset({Step.NAME, Step.NOTE, Step.EXPERIENCE, Step.YEAR})


class Mode(StrEnum):
    """What the dialogue is for (kept in its FSM data as text)."""

    REGISTER = "register"
    EDIT = "edit"  # one profile field


def load_draft(data: dict[str, Any]) -> ProfileDraft:
    raw = dict(data.get("draft") or {})
    raw["subjects"] = tuple(raw.get("subjects") or ())
    return ProfileDraft(**raw)


def path(data: dict[str, Any]) -> tuple[Step, ...]:
    """The steps of the dialogue in `data`, in order: «Кем вы работаете?» (and, for anyone but a
    teacher, «Ведёте ли вы уроки?»); at registration the name and the municipality, then a teacher's
    data for those who teach. Changing one's work asks a new teacher only what is missing (`ask`)."""
    draft = load_draft(data)
    opening = (Step.WORK,) if draft.work in (None, TEACHER_WORK) else (Step.WORK, Step.LESSONS)
    if data.get("mode") == Mode.EDIT:
        asked = tuple(Step(step) for step in data.get("ask") or ())
        return opening + (asked if draft.teaches else ())
    return (*opening, Step.NAME, Step.MUNI, *(TEACHER_STEPS if draft.teaches else ()))


def edit_data(user: User, field: str) -> dict[str, Any]:
    """The dialogue's data for editing one field of `user`'s profile. Someone who does not teach
    yet and switches to teaching is asked the teacher's data they never gave."""
    draft = accounts.draft_from_user(user)
    data: dict[str, Any] = {"mode": Mode.EDIT, "field": field, "draft": asdict(draft)}
    if field == WORK_FIELD:
        data["ask"] = [] if user.teaches else [step.value for step in draft.unanswered()]
    return data


async def save_draft(state: FSMContext, draft: ProfileDraft, **extra: Any) -> None:
    await state.update_data(draft=asdict(draft), **extra)


async def current_step(state: FSMContext) -> Step | None:
    return STEP_OF_STATE.get(await state.get_state() or "")


async def render(
    step: Step, data: dict[str, Any], services: Services, _: Translator, *, hint: str | None = None
) -> Screen:
    draft = load_draft(data)
    query: str | None = data.get("q")
    page = int(data.get("page") or 0)
    if step == Step.CONSENT:
        return _with_hint(screens.consent_screen(_, welcome=False), hint)
    if step == Step.WORK:
        return _with_hint(screens.work_screen(_), hint)
    if step == Step.LESSONS:
        return _with_hint(screens.lessons_screen(draft.work, _), hint)
    if step in TEXT_STEPS:
        return screens.text_step_screen(step, _, hint=hint)
    if step == Step.MUNI:
        munis = await services.accounts.municipalities(query, page, screens.MUNI_PAGE_SIZE)
        return _with_hint(screens.municipality_screen(munis.items, page, munis.total, query, _), hint)
    if step == Step.SCHOOL:
        found = await services.accounts.schools(draft.municipality_id, query, page, screens.PAGE_SIZE)
        if found is None:
            return await render(Step.MUNI, {**data, "q": None, "page": 0}, services, _, hint=hint)
        name = found.municipality.name
        return _with_hint(screens.school_screen(found.items, page, found.total, query, name, _), hint)
    if step == Step.POSITION:
        return _with_hint(screens.position_screen(_), hint)
    if step == Step.SUBJECTS:
        return _with_hint(screens.subjects_screen(draft.subjects, _), hint)
    if step == Step.CATEGORY:
        return _with_hint(screens.category_screen(_), hint)
    raise ValueError(f"unknown step {step!r}")


async def present(
    event: Message | CallbackQuery, state: FSMContext, screen: Screen, *, edit: bool = True
) -> None:
    """Show a step and remember its message; the previous step's message loses its buttons,
    so the chat never shows two live keyboards of one dialogue."""
    sent = await show(event, screen, edit=edit)
    if sent is None:
        return
    await strip_prompt(event, state, keep=sent.message_id)
    await state.update_data(prompt_id=sent.message_id)


async def strip_prompt(event: Message | CallbackQuery, state: FSMContext, *, keep: int | None = None) -> None:
    old = (await state.get_data()).get("prompt_id")
    if not old or old == keep or event.bot is None or event.from_user is None:
        return
    bot, chat_id = event.bot, event.from_user.id

    async def strip() -> None:
        with suppress(TelegramAPIError):  # deleted by the person meanwhile
            await bot.edit_message_reply_markup(chat_id=chat_id, message_id=old, reply_markup=None)

    await after_commit(strip)


def _with_hint(screen: Screen, hint: str | None) -> Screen:
    text, markup = screen
    return (hint + "\n\n" + text if hint else text), markup


async def go(
    event: Message | CallbackQuery,
    state: FSMContext,
    services: Services,
    _: Translator,
    step: Step,
    *,
    hint: str | None = None,
    edit: bool = True,
) -> None:
    """Enter a step (fresh search and page) and show it."""
    await state.set_state(STATES[step])
    await state.update_data(q=None, page=0)
    screen = await render(step, await state.get_data(), services, _, hint=hint)
    await present(event, state, screen, edit=edit)


async def reshow(
    event: Message | CallbackQuery,
    state: FSMContext,
    services: Services,
    _: Translator,
    *,
    hint: str | None = None,
) -> None:
    """Show the current step again, keeping search and page (after a wrong answer or a stale button)."""
    step = await current_step(state) or Step.NAME
    screen = await render(step, await state.get_data(), services, _, hint=hint)
    await present(event, state, screen, edit=False)


async def start_registration(
    event: Message | CallbackQuery,
    state: FSMContext,
    services: Services,
    _: Translator,
    *,
    resume: bool = True,
) -> None:
    """Begin at «Кем вы работаете?», or continue where the person stopped (after a pause or a restart)."""
    step = await current_step(state)
    data = await state.get_data()
    if (
        resume
        and step is not None
        and step != Step.CONSENT
        and data.get("mode", Mode.REGISTER) == Mode.REGISTER
    ):
        await reshow(event, state, services, _, hint=_("reg-resume"))
        return
    keep = {k: data[k] for k in ("invite",) if k in data}
    await state.set_data({"mode": Mode.REGISTER, "draft": asdict(ProfileDraft()), **keep})
    await go(event, state, services, _, Step.WORK, hint=_("reg-intro"), edit=False)


async def cancel_dialogue(
    event: Message | CallbackQuery,
    state: FSMContext,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    year: int,
) -> None:
    """Stop whatever dialogue is going on; say what happened and where to go next."""
    raw = await state.get_state()
    data = await state.get_data()
    await state.clear()
    text, markup = main_menu(user, roles, _, teaches=user is None or user.teaches)
    if raw is None:
        await show(event, (_("cancel-nothing") + "\n\n" + text, markup))
        return
    if data.get("mode") == Mode.EDIT and user is not None:
        text, markup = profile_screen(user, _, year)
        await show(event, (_("cancel-edit") + "\n\n" + text, markup))
        return
    if data.get("invite"):
        await state.set_data({"invite": data["invite"]})
    key = "cancel-registration" if raw.startswith(Reg.__name__) else "cancel-done"
    await show(event, (_(key) + "\n\n" + text, markup))


async def forget(state: FSMContext) -> None:
    """After a withdrawal of consent: everything the FSM storage (SQL or Redis) keeps under the
    person — the dialogue and the language chosen before consent."""
    await state.clear()
    await prefs_context(state).clear()


def invite_text(result: Redeemed, _: Translator) -> str:
    role = _(f"role-{result.role.value}") if result.role else ""
    if result.outcome is RedeemOutcome.GRANTED:
        return _("invite-granted", role=role)
    return _(f"invite-{result.outcome.value}", role=role)


def dead_invite_text(result: Redeemed, _: Translator) -> str:
    """An invite link opened before registering that cannot work: why, and the way on."""
    return _("invite-dead-on-start", reason=invite_text(result, _))

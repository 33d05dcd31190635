"""Moving through the registration steps: which comes next, going back, rendering, finishing.

The same steps edit a single profile field later («mode: edit»), so there is one dialogue to
test and to translate.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import asdict
from typing import Any

from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message

from bot.commit import after_commit
from bot.domain.profile import ProfileDraft
from bot.domain.roles import Role, parse_roles
from bot.domain.time import Clock
from bot.i18n import Translator
from bot.services import accounts
from bot.services.roles import RedeemOutcome, redeem_invite
from bot.ui import registration as screens
from bot.ui.messaging import Screen, show
from bot.ui.screens import main_menu, profile_screen, profile_text
from storage.models import User
from storage.repositories import Repos
from storage.repositories.directory import search_key


class Reg(StatesGroup):
    consent = State()
    name = State()
    muni = State()
    school = State()
    note = State()
    position = State()
    subjects = State()
    experience = State()
    year = State()
    category = State()


ORDER = ("name", "muni", "school", "position", "subjects", "experience", "year", "category")
STATES: dict[str, State] = {
    "consent": Reg.consent,
    "name": Reg.name,
    "muni": Reg.muni,
    "school": Reg.school,
    "note": Reg.note,
    "position": Reg.position,
    "subjects": Reg.subjects,
    "experience": Reg.experience,
    "year": Reg.year,
    "category": Reg.category,
}
STEP_OF_STATE = {state.state: step for step, state in STATES.items()}
# Editing a profile field starts at this step.
EDIT_START = {
    "name": "name",
    "place": "muni",
    "position": "position",
    "subjects": "subjects",
    "experience": "experience",
    "birth_year": "year",
    "category": "category",
}
TEXT_STEPS = frozenset({"name", "note", "experience", "year"})


def load_draft(data: dict[str, Any]) -> ProfileDraft:
    raw = dict(data.get("draft") or {})
    raw["subjects"] = tuple(raw.get("subjects") or ())
    return ProfileDraft(**raw)


async def save_draft(state: FSMContext, draft: ProfileDraft, **extra: Any) -> None:
    await state.update_data(draft=asdict(draft), **extra)


async def current_step(state: FSMContext) -> str | None:
    return STEP_OF_STATE.get(await state.get_state() or "")


async def render(
    step: str, data: dict[str, Any], repos: Repos, _: Translator, *, hint: str | None = None
) -> Screen:
    draft = load_draft(data)
    query: str | None = data.get("q")
    page = int(data.get("page") or 0)
    if step == "consent":
        return _with_hint(screens.consent_screen(_, welcome=False), hint)
    if step in TEXT_STEPS:
        return screens.text_step_screen(step, _, hint=hint)
    if step == "muni":
        munis, _total = await repos.directory.municipalities()
        # A region has tens of municipalities: filter and page in memory, cities and districts mixed by name.
        munis.sort(key=lambda m: search_key(m.name.removeprefix("г. ")))
        if query:
            needle = search_key(query)
            munis = [m for m in munis if needle in search_key(m.name)]
        start = page * screens.MUNI_PAGE_SIZE
        shown = munis[start : start + screens.MUNI_PAGE_SIZE]
        return _with_hint(screens.municipality_screen(shown, page, len(munis), query, _), hint)
    if step == "school":
        municipality = await repos.directory.municipality(draft.municipality_id or 0)
        if municipality is None:
            return await render("muni", {**data, "q": None, "page": 0}, repos, _, hint=hint)
        schools, total = await repos.directory.schools(
            municipality.id, query=query, offset=page * screens.PAGE_SIZE, limit=screens.PAGE_SIZE
        )
        return _with_hint(screens.school_screen(schools, page, total, query, municipality.name, _), hint)
    if step == "position":
        return _with_hint(screens.position_screen(_), hint)
    if step == "subjects":
        return _with_hint(screens.subjects_screen(draft.subjects, _), hint)
    if step == "category":
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
    repos: Repos,
    _: Translator,
    step: str,
    *,
    hint: str | None = None,
    edit: bool = True,
) -> None:
    """Enter a step (fresh search and page) and show it."""
    await state.set_state(STATES[step])
    await state.update_data(q=None, page=0)
    await present(event, state, await render(step, await state.get_data(), repos, _, hint=hint), edit=edit)


async def reshow(
    event: Message | CallbackQuery, state: FSMContext, repos: Repos, _: Translator, *, hint: str | None = None
) -> None:
    """Show the current step again, keeping search and page (after a wrong answer or a stale button)."""
    step = await current_step(state) or "name"
    await present(event, state, await render(step, await state.get_data(), repos, _, hint=hint), edit=False)


async def start_registration(
    event: Message | CallbackQuery, state: FSMContext, repos: Repos, _: Translator, *, resume: bool = True
) -> None:
    """Begin at the name step, or continue where the person stopped (after a pause or a restart)."""
    step = await current_step(state)
    data = await state.get_data()
    if resume and step is not None and step != "consent" and data.get("mode", "register") == "register":
        await reshow(event, state, repos, _, hint=_("reg-resume"))
        return
    keep = {k: data[k] for k in ("invite",) if k in data}
    await state.set_data({"mode": "register", "draft": asdict(ProfileDraft()), **keep})
    await go(event, state, repos, _, "name", hint=_("reg-intro"), edit=False)


async def advance(
    event: Message | CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
    step: str,
) -> None:
    """A valid answer was stored in the draft: go to the next step or finish."""
    data = await state.get_data()
    if step == "note":
        step = "school"
    if data.get("mode") == "edit":
        if step == "muni":
            await go(event, state, repos, _, "school")
            return
        await accounts.update_profile_field(repos, user, data["field"], load_draft(data))
        if isinstance(event, Message):
            await strip_prompt(event, state)
        await state.clear()
        text, markup = profile_screen(user, _, clock().year)
        await show(event, (_("profile-saved") + "\n\n" + text, markup), edit=isinstance(event, CallbackQuery))
        return
    index = ORDER.index(step)
    if index + 1 < len(ORDER):
        await go(event, state, repos, _, ORDER[index + 1], edit=isinstance(event, CallbackQuery))
        return
    await finish_registration(event, state, repos, user, roles, _, clock)


async def go_back(
    event: CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    _: Translator,
    clock: Clock,
    step: str,
) -> None:
    data = await state.get_data()
    if data.get("mode") == "edit":
        if step in {"school", "note"}:
            await go(event, state, repos, _, "muni" if step == "school" else "school")
            return
        await state.clear()
        if user is not None:
            await show(event, profile_screen(user, _, clock().year))
        return
    if step == "note":
        await go(event, state, repos, _, "school")
        return
    index = ORDER.index(step)
    if index == 0:
        await state.set_state(Reg.consent)
        await show(event, screens.consent_screen(_, welcome=False))
        return
    await go(event, state, repos, _, ORDER[index - 1])


async def finish_registration(
    event: Message | CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
) -> None:
    data = await state.get_data()
    now = clock()
    await accounts.complete_registration(repos, user, load_draft(data), now=now)
    if isinstance(event, Message):
        await strip_prompt(event, state)
    await state.clear()
    parts = [_("reg-done"), profile_text(user, _, now.year)]
    invite = data.get("invite")
    if invite:
        parts.append(await invite_result_text(repos, user, invite, _, clock))
    roles = roles | parse_roles(r.role for r in user.roles)
    await show(event, ("\n\n".join(parts), None), edit=isinstance(event, CallbackQuery))
    await show(event, main_menu(user, roles, _), edit=False)


async def invite_result_text(repos: Repos, user: User, code: str, _: Translator, clock: Clock) -> str:
    result = await redeem_invite(repos, user, code, clock())
    role = _(f"role-{result.role.value}") if result.role else ""
    if result.outcome is RedeemOutcome.GRANTED:
        return _("invite-granted", role=role)
    return _(f"invite-{result.outcome.value}", role=role)

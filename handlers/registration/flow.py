"""Moving through the registration steps: the next step, going back, saving an edit, finishing."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.context import User
from bot.domain.profile import Step
from bot.domain.roles import Role
from bot.i18n import Translator
from bot.services.container import Services
from bot.ui.messaging import show
from bot.ui.registration import screens
from bot.ui.registration.dialogue import (
    WORK_FIELD,
    Mode,
    Reg,
    go,
    invite_text,
    load_draft,
    path,
    strip_prompt,
)
from bot.ui.screens import main_menu, profile_screen, profile_text


async def advance(
    event: Message | CallbackQuery,
    state: FSMContext,
    services: Services,
    user: User,
    roles: frozenset[Role],
    _: Translator,
    step: Step,
) -> None:
    """A valid answer was stored in the draft: go to the next step or finish."""
    data = await state.get_data()
    if step == Step.NOTE:
        step = Step.SCHOOL
    edit = isinstance(event, CallbackQuery)
    draft = load_draft(data)
    if data.get("mode") == Mode.EDIT and data.get("field") != WORK_FIELD:
        if step == Step.MUNI and draft.teaches:
            await go(event, state, services, _, Step.SCHOOL)
            return
        await services.accounts.save_field(user, data["field"], draft)
        await _back_to_profile(event, state, services, user, _, _("profile-saved"), edit=edit)
        return
    steps = path(data)
    index = steps.index(step)
    if index + 1 < len(steps):
        await go(event, state, services, _, steps[index + 1], edit=edit)
        return
    if data.get("mode") == Mode.EDIT:
        was = user.teaches
        await services.accounts.change_work(user, draft, [Step(s) for s in data.get("ask") or ()])
        note = (
            "work-same" if was == user.teaches else ("work-now-teacher" if user.teaches else "work-now-other")
        )
        await _back_to_profile(event, state, services, user, _, _(note), edit=edit)
        return
    finished = await services.accounts.finish(user, draft, data.get("invite"), roles)
    if isinstance(event, Message):
        await strip_prompt(event, state)
    await state.clear()
    parts = [_("reg-done"), profile_text(user, _, services.clock().year)]
    if finished.invite is not None:
        parts.append(invite_text(finished.invite, _))
    await show(event, ("\n\n".join(parts), None), edit=edit)
    await show(event, main_menu(user, finished.roles, _, teaches=user.teaches), edit=False)


async def _back_to_profile(
    event: Message | CallbackQuery,
    state: FSMContext,
    services: Services,
    user: User,
    _: Translator,
    note: str,
    *,
    edit: bool,
) -> None:
    if isinstance(event, Message):
        await strip_prompt(event, state)
    await state.clear()
    text, markup = profile_screen(user, _, services.clock().year)
    await show(event, (note + "\n\n" + text, markup), edit=edit)


async def go_back(
    event: CallbackQuery, state: FSMContext, services: Services, user: User | None, _: Translator, step: Step
) -> None:
    data = await state.get_data()
    if data.get("mode") == Mode.EDIT and data.get("field") != WORK_FIELD:
        if step in {Step.SCHOOL, Step.NOTE}:
            await go(event, state, services, _, Step.MUNI if step == Step.SCHOOL else Step.SCHOOL)
            return
        await state.clear()
        if user is not None:
            await show(event, profile_screen(user, _, services.clock().year))
        return
    if step == Step.NOTE:
        await go(event, state, services, _, Step.SCHOOL)
        return
    steps = path(data)
    index = steps.index(step) if step in steps else 0
    if index > 0:
        await go(event, state, services, _, steps[index - 1])
        return
    if data.get("mode") == Mode.EDIT:
        await state.clear()
        if user is not None:
            await show(event, profile_screen(user, _, services.clock().year))
        return
    await state.set_state(Reg.consent)
    await show(event, screens.consent_screen(_, welcome=False))

"""Registration: consent, then one question per screen. Thin: checks live in bot.domain.profile,
what is stored in bot.services.accounts, the dialogue's place in bot.ui.registration.dialogue."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackQueryFilter

from bot.callbacks import RegAction, RegCD
from bot.domain.profile import Step
from bot.middlewares import gated
from bot.ui.registration.dialogue import Reg
from handlers.registration import consent, steps
from handlers.registration.filters import CurrentStep, RequireConsentRow


def _button(step: Step | None, *actions: RegAction) -> CallbackQueryFilter:
    action = F.action == actions[0] if len(actions) == 1 else F.action.in_(set(actions))
    return RegCD.filter(action if step is None else (F.step == step) & action)


def build_router() -> Router:
    router = gated(__name__, RequireConsentRow())
    on, message = router.callback_query.register, router.message.register
    on(consent.consent_again, _button(Step.CONSENT, RegAction.SHOW))
    on(consent.consent_given, _button(Step.CONSENT, RegAction.YES))
    on(consent.consent_declined, _button(Step.CONSENT, RegAction.NO))
    on(steps.step_back, _button(None, RegAction.BACK), CurrentStep())
    on(steps.step_cancel, _button(None, RegAction.CANCEL), CurrentStep())
    on(steps.noop, _button(None, RegAction.NOOP))
    for state in (Reg.name, Reg.note, Reg.experience, Reg.year):
        message(steps.text_answer, state, F.text)
    on(steps.picked_experience, _button(Step.EXPERIENCE, RegAction.PICK), CurrentStep())
    message(steps.search, Reg.muni, F.text)
    message(steps.search, Reg.school, F.text)
    on(steps.page, _button(None, RegAction.PAGE), CurrentStep())
    on(steps.all_schools, _button(Step.SCHOOL, RegAction.ALL), CurrentStep())
    on(steps.picked, _button(None, RegAction.PICK), CurrentStep())
    on(steps.not_in_list, _button(Step.SCHOOL, RegAction.NONE), CurrentStep())
    on(steps.toggle_subject, _button(Step.SUBJECTS, RegAction.TOGGLE), CurrentStep())
    on(steps.subjects_done, _button(Step.SUBJECTS, RegAction.DONE, RegAction.NONE), CurrentStep())
    for state in (
        Reg.consent,
        Reg.work,
        Reg.lessons,
        Reg.muni,
        Reg.school,
        Reg.position,
        Reg.subjects,
        Reg.category,
    ):
        message(steps.expected_button, state)
    for state in (Reg.name, Reg.note, Reg.experience, Reg.year):
        message(steps.expected_text, state)
    return router

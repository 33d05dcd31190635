"""«Мониторинг и анкетирование» for staff: launch a campaign from a template (audience as for events,
once or monthly, how long it stays open), watch its waves, read the per-question results, take
the answers as XLSX, stop it; and «Расписание рассылок»: the scheduler's jobs and next runs.
Role check: RoleGate(staff, admin); a municipal service manages its municipality's campaigns
(`filters`: OwnCampaign, OwnDraft, OwnLaunched inject the campaign's `desk`).

Screens: `wizard` (the list, a template, the audience, when, how long, launch or drop; back and
cancel on every step), `campaign` (card, stop, results, XLSX), `schedule`; states in `states`.

Any button here ends the typing of a date (the wizard's one typed step), as leaving the prompt does,
and ends the wizard: the handlers of its steps mark it going on again (`wizard.enter`), so a button of
a cancelled or left wizard is told it is stale. The run a button may continue comes as `survey_run`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import F, Router
from aiogram.filters.callback_data import CallbackQueryFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import TelegramObject

from bot.callbacks import MenuCD, Section, SurveyStaffAction, SurveyStaffCD
from bot.domain.roles import Role
from bot.middlewares import RoleGate, gated
from bot.services.audience import EDITS
from handlers.surveys_staff import campaign, schedule, wizard
from handlers.surveys_staff.filters import OwnCampaign, OwnDraft, OwnLaunched
from handlers.surveys_staff.states import SurveyWizard

A = SurveyStaffAction
Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


async def end_typing(handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
    state: FSMContext | None = data.get("state")
    run: dict[str, Any] | None = None
    if state is not None:
        if (await state.get_state() or "").startswith(f"{SurveyWizard.__name__}:"):
            run = await state.get_data()
        await state.clear()
    data["survey_run"] = run
    return await handler(event, data)


def act(*actions: SurveyStaffAction) -> CallbackQueryFilter:
    return SurveyStaffCD.filter(F.action.in_(set(actions)))


def build_router() -> Router:
    router = gated(__name__, RoleGate({Role.STAFF, Role.ADMIN}))
    router.callback_query.middleware(end_typing)
    on = router.callback_query.register
    on(wizard.home, MenuCD.filter(F.section == Section.SURVEYS))
    on(wizard.campaigns, act(A.LIST))
    on(wizard.new, act(A.NEW))
    on(wizard.chosen_template, act(A.TEMPLATE))
    on(wizard.audience, act(*(A(step.value) for step in EDITS)), OwnDraft())
    on(wizard.when_, act(A.PREVIEW), OwnDraft())
    on(wizard.chose_when, act(A.WHEN), OwnDraft())
    router.message.register(wizard.got_date, SurveyWizard.start, F.text)
    router.message.register(wizard.date_not_text, SurveyWizard.start)
    router.message.register(wizard.need_buttons, SurveyWizard.draft)
    on(wizard.days, act(A.DAYS, A.ANONYMOUS), OwnDraft())
    on(wizard.step, act(A.STEP))
    on(wizard.abort, act(A.ABORT))
    on(wizard.launch, act(A.LAUNCH), OwnDraft())
    on(wizard.drop, act(A.DROP), OwnDraft())
    on(campaign.card, act(A.CARD), OwnCampaign())
    on(campaign.ask_stop, act(A.STOP), OwnLaunched())
    on(campaign.stop, act(A.STOP_YES), OwnLaunched())
    on(campaign.results, act(A.RESULTS), OwnLaunched())
    on(campaign.xlsx, act(A.XLSX), OwnLaunched())
    on(schedule.schedule, MenuCD.filter(F.section == Section.SCHEDULE))
    return router

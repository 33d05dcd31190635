"""Staff's campaign list and the wizard: a template, the audience (the shared picker), when, how
long, anonymous or not, the last look; launch or drop.

Every step has «⬅️ Назад» and «✖️ Отмена» (the draft stays in the list). Each step's handler marks
the wizard going on (`enter`); back, «keep» and cancel work only for the campaign of the wizard going
on (`survey_run`, from the router's middleware) — after a cancel, or from an older run, a tap is told.
"""

from __future__ import annotations

from typing import Any

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import SurveyStaffAction, SurveyStaffCD, WhenChoice
from bot.i18n import Translator
from bot.services.audience import AudienceStep
from bot.services.surveys import CampaignDesk, Problem
from bot.turn import Turn
from bot.ui import surveys as screens
from bot.ui.messaging import show
from bot.ui.surveys.campaigns import STEPS
from bot.ui.wizard import end_wizard, stale_tap
from handlers.surveys_staff.states import SurveyWizard

CD = SurveyStaffCD
Run = dict[str, Any] | None


async def enter(state: FSMContext, run: Run, campaign_id: int, step: str) -> bool:
    """Mark the wizard going on at `step` of `campaign_id`; True when the step was answered before
    (shown again). A draft opened outside a wizard has every step answered."""
    index = STEPS.index(step)
    if run is not None and int(run.get("c", -1)) == campaign_id:
        reached = max(int(run.get("reached", 0)), index)
    elif run is not None and campaign_id and not int(run.get("c", 0)):
        reached = index  # the draft just made from a template
    else:
        reached = len(STEPS) - 1 if campaign_id else index
    await state.set_state(SurveyWizard.draft)
    await state.set_data({"c": campaign_id, "reached": reached})
    return index < reached


def _live(run: Run, campaign_id: int) -> bool:
    return run is not None and int(run.get("c", -1)) == campaign_id


async def home(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await show(
        query, screens.campaigns_screen(await turn.services.surveys.campaigns(turn.user, turn.roles), _)
    )


async def campaigns(query: CallbackQuery, callback_data: CD, turn: Turn, _: Translator) -> None:
    found = await turn.services.surveys.campaigns(turn.user, turn.roles, callback_data.p)
    await show(query, screens.campaigns_screen(found, _))


async def new(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await enter(turn.state, None, 0, "tpl")
    await show(query, screens.templates_screen(turn.services.surveys.templates(), _))


async def chosen_template(
    query: CallbackQuery, callback_data: CD, turn: Turn, survey_run: Run, _: Translator
) -> None:
    surveys = turn.services.surveys
    if callback_data.c:
        # Another template for the draft: the person came back to the first step.
        if not _live(survey_run, callback_data.c):
            stale_tap(turn.answer, _)
            return
        desk = await surveys.own(turn.user, turn.roles, callback_data.c, draft=True)
        view = await desk.retemplate(callback_data.v)
        campaign = desk.campaign
    else:
        campaign, view = await surveys.start(turn.user, turn.roles, callback_data.v)
        survey_run = {"c": 0, "reached": 0}  # a new draft: its wizard starts here
    await enter(turn.state, survey_run, campaign.id, "aud")
    await show(query, screens.picker_screen(campaign, view, _))


async def audience(
    query: CallbackQuery, callback_data: CD, desk: CampaignDesk, turn: Turn, survey_run: Run, _: Translator
) -> None:
    view = await desk.audience_step(AudienceStep(callback_data.action.value), callback_data.v)
    await enter(turn.state, survey_run, desk.campaign.id, "aud")
    await show(query, screens.picker_screen(desk.campaign, view, _))


async def when_(query: CallbackQuery, desk: CampaignDesk, turn: Turn, survey_run: Run, _: Translator) -> None:
    again = await enter(turn.state, survey_run, desk.campaign.id, "when")
    await show(query, screens.when_screen(desk.campaign, _, again=again, tz=desk.timezone))


async def chose_when(
    query: CallbackQuery, callback_data: CD, turn: Turn, desk: CampaignDesk, survey_run: Run, _: Translator
) -> None:
    if callback_data.v == WhenChoice.DATE:
        await enter(turn.state, survey_run, desk.campaign.id, "when")
        await turn.state.set_state(SurveyWizard.start)
        await show(query, screens.date_prompt(desk.campaign, _))
        return
    campaign = await desk.set_when(monthly=callback_data.v == WhenChoice.MONTHLY)
    again = await enter(turn.state, survey_run, campaign.id, "days")
    await show(query, screens.days_screen(campaign, _, again=again))


async def got_date(message: Message, turn: Turn, _: Translator) -> None:
    run = await turn.state.get_data()
    campaign_id = int(run.get("c", 0))
    found = await turn.services.surveys.set_date(turn.user, turn.roles, campaign_id, message.text or "")
    if isinstance(found, Problem):
        if found.end:
            await turn.state.clear()
        await message.answer(_(found.key))
        return
    again = await enter(turn.state, run, found.id, "days")
    await show(message, screens.days_screen(found, _, again=again))


async def date_not_text(message: Message, _: Translator) -> None:
    await message.answer(_("es-date-bad"))


async def need_buttons(message: Message, _: Translator) -> None:
    await message.answer(_("route-use-buttons"))


async def days(
    query: CallbackQuery, callback_data: CD, desk: CampaignDesk, turn: Turn, survey_run: Run, _: Translator
) -> None:
    if callback_data.action == SurveyStaffAction.DAYS:
        view = await desk.set_days(callback_data.v)
    else:
        view = await desk.toggle_anonymous()
    await enter(turn.state, survey_run, desk.campaign.id, "confirm")
    await show(query, screens.confirm_screen(view, _))


async def step(query: CallbackQuery, callback_data: CD, turn: Turn, survey_run: Run, _: Translator) -> None:
    """«⬅️ Назад» and «↩️ Оставить как есть»: the step named in the button, its answer kept."""
    c, target = callback_data.c, callback_data.v
    if not c or not _live(survey_run, c) or target not in STEPS:
        stale_tap(turn.answer, _)
        return
    desk = await turn.services.surveys.own(turn.user, turn.roles, c, draft=True)
    again = await enter(turn.state, survey_run, c, target)
    campaign = desk.campaign
    if target == "tpl":
        await show(query, screens.templates_screen(turn.services.surveys.templates(), _, draft=campaign))
    elif target == "aud":
        view = await desk.audience_step(AudienceStep.AUDIENCE, "")
        await show(query, screens.picker_screen(campaign, view, _))
    elif target == "when":
        await show(query, screens.when_screen(campaign, _, again=again, tz=desk.timezone))
    elif target == "days":
        await show(query, screens.days_screen(campaign, _, again=again))
    else:
        await show(query, screens.confirm_screen(await desk.confirm(), _))


async def abort(query: CallbackQuery, callback_data: CD, turn: Turn, survey_run: Run, _: Translator) -> None:
    """«✖️ Отмена»: the wizard ends with a note; a draft stays in the list."""
    c = callback_data.c
    if not _live(survey_run, c):
        stale_tap(turn.answer, _)
        return
    draft = (await turn.services.surveys.own(turn.user, turn.roles, c, draft=True)).campaign if c else None
    await end_wizard(query, turn.state, screens.survey_cancelled(draft, _))


async def launch(query: CallbackQuery, desk: CampaignDesk, _: Translator, turn: Turn) -> None:
    card = await desk.launch()
    turn.answer.text = _(card.note or "ss-launched")
    await show(query, screens.card_screen(card, _))


async def drop(query: CallbackQuery, desk: CampaignDesk, _: Translator, turn: Turn) -> None:
    found = await desk.drop()
    turn.answer.text = _("ss-dropped")
    await show(query, screens.campaigns_screen(found, _))

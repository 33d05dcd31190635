"""Staff's campaign list and the wizard: a template, the audience (the shared picker), when, how
long, anonymous or not, the last look; launch or drop."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from bot.callbacks import SurveyStaffAction, SurveyStaffCD, WhenChoice
from bot.i18n import Translator
from bot.services.audience import AudienceStep
from bot.services.surveys import CampaignDesk, Problem
from bot.turn import Turn
from bot.ui import surveys as screens
from bot.ui.messaging import show
from handlers.surveys_staff.states import SurveyWizard

CD = SurveyStaffCD


async def home(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await show(
        query, screens.campaigns_screen(await turn.services.surveys.campaigns(turn.user, turn.roles), _)
    )


async def campaigns(query: CallbackQuery, callback_data: CD, turn: Turn, _: Translator) -> None:
    found = await turn.services.surveys.campaigns(turn.user, turn.roles, callback_data.p)
    await show(query, screens.campaigns_screen(found, _))


async def new(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await show(query, screens.templates_screen(turn.services.surveys.templates(), _))


async def chosen_template(query: CallbackQuery, callback_data: CD, turn: Turn, _: Translator) -> None:
    campaign, view = await turn.services.surveys.start(turn.user, turn.roles, callback_data.v)
    await show(query, screens.picker_screen(campaign, view, _))


async def audience(query: CallbackQuery, callback_data: CD, desk: CampaignDesk, _: Translator) -> None:
    view = await desk.audience_step(AudienceStep(callback_data.action.value), callback_data.v)
    await show(query, screens.picker_screen(desk.campaign, view, _))


async def when_(query: CallbackQuery, desk: CampaignDesk, _: Translator) -> None:
    await show(query, screens.when_screen(desk.campaign, _))


async def chose_when(
    query: CallbackQuery, callback_data: CD, turn: Turn, desk: CampaignDesk, _: Translator
) -> None:
    if callback_data.v == WhenChoice.DATE:
        await turn.state.set_state(SurveyWizard.start)
        await turn.state.set_data({"c": desk.campaign.id})
        await show(query, screens.date_prompt(_))
        return
    campaign = await desk.set_when(monthly=callback_data.v == WhenChoice.MONTHLY)
    await show(query, screens.days_screen(campaign, _))


async def got_date(message: Message, turn: Turn, _: Translator) -> None:
    campaign_id = int((await turn.state.get_data()).get("c", 0))
    found = await turn.services.surveys.set_date(turn.user, turn.roles, campaign_id, message.text or "")
    if isinstance(found, Problem):
        if found.end:
            await turn.state.clear()
        await message.answer(_(found.key))
        return
    await turn.state.clear()
    await show(message, screens.days_screen(found, _))


async def date_not_text(message: Message, _: Translator) -> None:
    await message.answer(_("es-date-bad"))


async def days(query: CallbackQuery, callback_data: CD, desk: CampaignDesk, _: Translator) -> None:
    if callback_data.action == SurveyStaffAction.DAYS:
        view = await desk.set_days(callback_data.v)
    else:
        view = await desk.toggle_anonymous()
    await show(query, screens.confirm_screen(view, _))


async def launch(query: CallbackQuery, desk: CampaignDesk, _: Translator, turn: Turn) -> None:
    card = await desk.launch()
    turn.answer.text = _(card.note or "ss-launched")
    await show(query, screens.card_screen(card, _))


async def drop(query: CallbackQuery, desk: CampaignDesk, _: Translator, turn: Turn) -> None:
    found = await desk.drop()
    turn.answer.text = _("ss-dropped")
    await show(query, screens.campaigns_screen(found, _))

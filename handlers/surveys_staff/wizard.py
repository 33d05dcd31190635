"""Staff's campaign list and the wizard: a template, the audience (the shared picker), when, how
long, anonymous or not, the last look; launch or drop."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import SurveyStaffAction, SurveyStaffCD
from bot.context import User
from bot.domain.roles import Role
from bot.i18n import Translator
from bot.services.audience import AudienceStep
from bot.services.container import Services
from bot.services.surveys import Campaign, Problem
from bot.ui import surveys as screens
from bot.ui.messaging import show
from handlers.surveys_staff.states import SurveyWizard


async def home(
    query: CallbackQuery,
    state: FSMContext,
    services: Services,
    user: User,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    await state.clear()
    await show(query, screens.campaigns_screen(await services.surveys.campaigns(user, roles), _))


async def campaigns(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    state: FSMContext,
    services: Services,
    user: User,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    await state.clear()
    found = await services.surveys.campaigns(user, roles, callback_data.p)
    await show(query, screens.campaigns_screen(found, _))


async def new(query: CallbackQuery, services: Services, _: Translator) -> None:
    await show(query, screens.templates_screen(services.surveys.templates(), _))


async def chosen_template(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    services: Services,
    user: User,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    campaign, view = await services.surveys.start(user, roles, callback_data.v)
    await show(query, screens.picker_screen(campaign, view, _))


async def audience(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    state: FSMContext,
    services: Services,
    campaign: Campaign,
    user: User,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    await state.clear()
    step = AudienceStep(callback_data.action.value)
    view = await services.surveys.audience_step(user, roles, campaign, step, callback_data.v)
    await show(query, screens.picker_screen(campaign, view, _))


async def when_(query: CallbackQuery, state: FSMContext, campaign: Campaign, _: Translator) -> None:
    await state.clear()
    await show(query, screens.when_screen(campaign, _))


async def chose_when(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    state: FSMContext,
    services: Services,
    campaign: Campaign,
    _: Translator,
) -> None:
    if callback_data.v == "date":
        await state.set_state(SurveyWizard.start)
        await state.set_data({"c": campaign.id})
        await show(query, screens.date_prompt(_))
        return
    await services.surveys.set_when(campaign, monthly=callback_data.v == "monthly")
    await show(query, screens.days_screen(campaign, _))


async def got_date(
    message: Message,
    state: FSMContext,
    services: Services,
    user: User,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    campaign_id = int((await state.get_data()).get("c", 0))
    found = await services.surveys.set_date(user, roles, campaign_id, message.text or "")
    if isinstance(found, Problem):
        if found.end:
            await state.clear()
        await message.answer(_(found.key))
        return
    await state.clear()
    await show(message, screens.days_screen(found, _))


async def date_not_text(message: Message, _: Translator) -> None:
    await message.answer(_("es-date-bad"))


async def days(
    query: CallbackQuery,
    callback_data: SurveyStaffCD,
    services: Services,
    campaign: Campaign,
    user: User,
    _: Translator,
) -> None:
    if callback_data.action == SurveyStaffAction.DAYS:
        view = await services.surveys.set_days(user, campaign, callback_data.v)
    else:
        view = await services.surveys.toggle_anonymous(user, campaign)
    await show(query, screens.confirm_screen(view, _))


async def launch(
    query: CallbackQuery,
    services: Services,
    campaign: Campaign,
    user: User,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    card = await services.surveys.launch(user, campaign)
    callback_answer.text = _(card.note or "ss-launched")
    await show(query, screens.card_screen(card, _))


async def drop(
    query: CallbackQuery,
    state: FSMContext,
    services: Services,
    campaign: Campaign,
    user: User,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    found = await services.surveys.drop(user, roles, campaign)
    callback_answer.text = _("ss-dropped")
    await state.clear()
    await show(query, screens.campaigns_screen(found, _))

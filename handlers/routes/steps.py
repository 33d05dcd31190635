"""A step's card and what the teacher does with it: start, restore, reopen, remove, drop (why)."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import RouteAction, RouteCD
from bot.context import User
from bot.domain.routes import StepAction
from bot.i18n import Translator
from bot.services.container import Services
from bot.services.routes.views import Route, RoutePage, StepPage
from bot.ui.messaging import show
from bot.ui.routes import DROP_REASONS, drop_prompt, evidence_prompt
from bot.ui.routes.present import answered, present
from handlers.routes.states import RouteDialog, data_of


async def step_card(
    query: CallbackQuery,
    callback_data: RouteCD,
    state: FSMContext,
    services: Services,
    user: User,
    route: Route,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    await state.clear()
    view = await services.routes.step(user, route, callback_data.s, callback_data.p)
    await present(query, view, _, callback_answer)


async def step_change(
    query: CallbackQuery,
    callback_data: RouteCD,
    services: Services,
    user: User,
    route: Route,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    view: StepPage | RoutePage
    if callback_data.action is RouteAction.REMOVE:
        view = await services.routes.remove_step(user, route, callback_data.s, callback_data.p)
    else:
        action = StepAction(callback_data.action.value)
        view = await services.routes.change_step(user, route, callback_data.s, action, callback_data.p)
    await present(query, view, _, callback_answer)


async def ask_about_step(
    query: CallbackQuery,
    callback_data: RouteCD,
    state: FSMContext,
    services: Services,
    user: User,
    route: Route,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """«Done» asks for evidence, «drop» for a reason (or the route again, when the button is stale)."""
    done = callback_data.action is RouteAction.DONE
    asking = services.routes.ask_evidence if done else services.routes.ask_drop
    ask = await asking(user, route, callback_data.s, callback_data.p)
    if isinstance(ask, RoutePage):
        await present(query, ask, _, callback_answer)
    elif ask.step is not None:
        await state.set_state(RouteDialog.evidence if done else RouteDialog.drop_reason)
        await state.set_data({"route": route.id, "step": ask.step.id, "page": callback_data.p})
        prompt = (
            evidence_prompt(ask.route, ask.step, ask.more, _) if done else drop_prompt(ask.route, ask.step, _)
        )
        await show(query, prompt)


async def drop_with_button(
    query: CallbackQuery,
    callback_data: RouteCD,
    state: FSMContext,
    services: Services,
    user: User,
    _: Translator,
) -> None:
    reason = _(f"drop-reason-{callback_data.v}") if callback_data.v in DROP_REASONS else ""
    await _drop(query, state, services, user, _, reason)


async def drop_with_text(
    message: Message, state: FSMContext, services: Services, user: User, _: Translator
) -> None:
    await _drop(message, state, services, user, _, " ".join((message.text or "").split()))


async def _drop(
    event: CallbackQuery | Message,
    state: FSMContext,
    services: Services,
    user: User,
    _: Translator,
    reason: str,
) -> None:
    route_id, step_id, page = await data_of(state)
    view = await services.routes.drop(user, route_id, step_id, page, reason)
    await answered(state, view)
    await present(event, view, _)

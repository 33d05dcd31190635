"""A step's card and what the teacher does with it: start, restore, reopen, drop it with a reason
(«✖️ Не буду выполнять»), delete it when it was put in by mistake («🗑 Удалить шаг», confirmed)."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import RouteAction, RouteCD
from bot.context import User
from bot.domain.routes import StepAction
from bot.i18n import Translator
from bot.services.container import Services
from bot.services.routes.views import Route, RoutePage
from bot.turn import Turn
from bot.ui.messaging import show
from bot.ui.routes import DROP_REASONS, drop_prompt, evidence_prompt, remove_prompt
from bot.ui.routes.present import answered, present
from handlers.routes.states import RouteDialog, data_of


async def step_card(
    query: CallbackQuery, callback_data: RouteCD, turn: Turn, route: Route, _: Translator
) -> None:
    await turn.state.clear()
    view = await turn.services.routes.step(turn.person, route, callback_data.s, callback_data.p)
    await present(query, view, _, turn.answer)


async def step_change(
    query: CallbackQuery, callback_data: RouteCD, turn: Turn, route: Route, _: Translator
) -> None:
    action = StepAction(callback_data.action.value)
    routes = turn.services.routes
    view = await routes.change_step(turn.person, route, callback_data.s, action, callback_data.p)
    await present(query, view, _, turn.answer)


async def ask_remove(
    query: CallbackQuery, callback_data: RouteCD, turn: Turn, route: Route, _: Translator
) -> None:
    """«🗑 Удалить шаг»: are you sure (and what «✖️ Не буду выполнять» is for)?"""
    await turn.state.clear()
    ask = await turn.services.routes.ask_remove(turn.person, route, callback_data.s, callback_data.p)
    if isinstance(ask, RoutePage):
        await present(query, ask, _, turn.answer)
    elif ask.step is not None:
        await show(query, remove_prompt(ask.route, ask.step, callback_data.p, _))


async def remove(
    query: CallbackQuery, callback_data: RouteCD, turn: Turn, route: Route, _: Translator
) -> None:
    """Deleting a step, confirmed."""
    view = await turn.services.routes.remove_step(turn.person, route, callback_data.s, callback_data.p)
    await present(query, view, _, turn.answer)


async def ask_about_step(
    query: CallbackQuery, callback_data: RouteCD, turn: Turn, route: Route, _: Translator
) -> None:
    """«Done» asks for evidence, «drop» for a reason (or the route again, when the button is stale)."""
    done = callback_data.action is RouteAction.DONE
    asking = turn.services.routes.ask_evidence if done else turn.services.routes.ask_drop
    ask = await asking(turn.person, route, callback_data.s, callback_data.p)
    if isinstance(ask, RoutePage):
        await present(query, ask, _, turn.answer)
    elif ask.step is not None:
        await turn.state.set_state(RouteDialog.evidence if done else RouteDialog.drop_reason)
        await turn.state.set_data({"route": route.id, "step": ask.step.id, "page": callback_data.p})
        prompt = (
            evidence_prompt(ask.route, ask.step, ask.more, _) if done else drop_prompt(ask.route, ask.step, _)
        )
        await show(query, prompt)


async def drop_with_button(query: CallbackQuery, callback_data: RouteCD, turn: Turn, _: Translator) -> None:
    reason = _(f"drop-reason-{callback_data.v}") if callback_data.v in DROP_REASONS else ""
    await _drop(query, turn.state, turn.services, turn.person, _, reason)


async def drop_with_text(message: Message, turn: Turn, _: Translator) -> None:
    await _drop(message, turn.state, turn.services, turn.person, _, " ".join((message.text or "").split()))


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

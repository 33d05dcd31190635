"""A step of the teacher's own: its form, title, area, term and a note (or a link)."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import RouteCD
from bot.context import User
from bot.domain.diagnostics import StepForm
from bot.i18n import Translator
from bot.services.container import Services
from bot.services.routes.views import Ask, Route
from bot.turn import Turn
from bot.ui.messaging import show
from bot.ui.routes import TERMS, area_prompt, form_prompt, note_prompt, term_prompt, title_prompt
from bot.ui.routes.present import answered, present
from handlers.routes.states import RouteDialog

FORMS = frozenset(f.value for f in StepForm)


async def add_start(query: CallbackQuery, turn: Turn, route: Route, _: Translator) -> None:
    await turn.state.clear()
    await show(query, form_prompt(route, _))


async def add_form(
    query: CallbackQuery, callback_data: RouteCD, turn: Turn, route: Route, _: Translator
) -> None:
    if callback_data.v not in FORMS:
        turn.answer.text = _("route-stale")
        return
    await turn.state.set_state(RouteDialog.step_title)
    await turn.state.set_data({"route": route.id, "form": callback_data.v})
    await show(query, title_prompt(route, callback_data.v, _))


async def add_title(message: Message, turn: Turn, _: Translator) -> None:
    data = await turn.state.get_data()
    view = await turn.services.routes.titled(turn.person, int(data.get("route", 0)), message.text or "")
    await answered(turn.state, view)
    if isinstance(view, Ask):
        await turn.state.set_state(RouteDialog.step_choice)
        await turn.state.update_data(title=view.title)
        await show(message, area_prompt(view.route, view.titles, _))
    else:
        await present(message, view, _)


async def _in_dialogue(state: FSMContext, route: Route) -> bool:
    """The area and term buttons belong to this route's dialogue, past its title."""
    data = await state.get_data()
    return data.get("route") == route.id and "title" in data


async def add_area(
    query: CallbackQuery, callback_data: RouteCD, turn: Turn, route: Route, _: Translator
) -> None:
    if not await _in_dialogue(turn.state, route):
        turn.answer.text = _("route-stale")
        await show(query, form_prompt(route, _))
        return
    await turn.state.update_data(area=None if callback_data.v == "-" else callback_data.v[:32])
    await show(query, term_prompt(route, _))


async def add_term(
    query: CallbackQuery, callback_data: RouteCD, turn: Turn, route: Route, _: Translator
) -> None:
    if not await _in_dialogue(turn.state, route) or callback_data.v not in TERMS:
        turn.answer.text = _("route-stale")
        await show(query, form_prompt(route, _))
        return
    await turn.state.update_data(term=int(callback_data.v))
    await turn.state.set_state(RouteDialog.step_note)
    await show(query, note_prompt(route, _))


async def add_note_skipped(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await _finish(query, turn.state, turn.services, turn.person, _, "")


async def add_note(message: Message, turn: Turn, _: Translator) -> None:
    await _finish(message, turn.state, turn.services, turn.person, _, message.text or "")


async def _finish(
    event: CallbackQuery | Message,
    state: FSMContext,
    services: Services,
    user: User,
    _: Translator,
    note: str,
) -> None:
    data = await state.get_data()
    view = await services.routes.add_step(user, int(data.get("route", 0)), data, note)
    await answered(state, view)
    await present(event, view, _)


async def choose_with_buttons(message: Message, _: Translator) -> None:
    await message.answer(_("route-use-buttons"))


async def not_text(message: Message, _: Translator) -> None:
    """A sticker or a photo where words are expected: say so, the question stays."""
    await message.answer(_("route-need-text"))

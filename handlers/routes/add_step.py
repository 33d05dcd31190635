"""A step of the teacher's own: its form, title, area, term and a note (or a link).

Every step has «⬅️ Назад» (the step before, its answer kept: the choice ticked, the title said with
«↩️ Оставить как есть») and «✖️ Отмена» (nothing is added). Those work only while this route's
dialogue goes on (`_live`): after a cancel, or from an older run, a tap is told it is stale.
"""

from __future__ import annotations

from typing import Any

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
from bot.ui.routes import (
    TERMS,
    add_cancelled,
    area_prompt,
    form_prompt,
    note_prompt,
    term_prompt,
    title_prompt,
)
from bot.ui.routes.present import answered, present
from bot.ui.wizard import end_wizard, stale_tap
from handlers.routes.states import RouteDialog

FORMS = frozenset(f.value for f in StepForm)
DIALOGUE = frozenset(
    str(s.state)
    for s in (RouteDialog.step_form, RouteDialog.step_title, RouteDialog.step_choice, RouteDialog.step_note)
)


async def _live(state: FSMContext, route: Route) -> dict[str, Any] | None:
    """The answers so far when this route's add-a-step dialogue is going on; None otherwise."""
    if await state.get_state() not in DIALOGUE:
        return None
    data = await state.get_data()
    return data if data.get("route") == route.id else None


def _area(data: dict[str, Any]) -> str | None:
    """The area chosen before: "" none yet, None «other / no area»."""
    return str(data["area"]) if data.get("area") else (None if "area" in data else "")


async def add_start(query: CallbackQuery, turn: Turn, route: Route, _: Translator) -> None:
    await turn.state.set_state(RouteDialog.step_form)
    await turn.state.set_data({"route": route.id})
    await show(query, form_prompt(route, _))


async def _again(query: CallbackQuery, turn: Turn, route: Route, _: Translator) -> None:
    """A stale area or term button: the dialogue starts again from the form."""
    turn.answer.text = _("route-stale")
    await add_start(query, turn, route, _)


async def add_form(
    query: CallbackQuery, callback_data: RouteCD, turn: Turn, route: Route, _: Translator
) -> None:
    if callback_data.v not in FORMS:
        turn.answer.text = _("route-stale")
        return
    data = await _live(turn.state, route) or {"route": route.id}
    data["form"] = callback_data.v
    await turn.state.set_state(RouteDialog.step_title)
    await turn.state.set_data(data)
    await show(query, title_prompt(route, callback_data.v, _, data.get("title")))


async def add_title(message: Message, turn: Turn, _: Translator) -> None:
    data = await turn.state.get_data()
    view = await turn.services.routes.titled(turn.person, int(data.get("route", 0)), message.text or "")
    await answered(turn.state, view)
    if isinstance(view, Ask):
        await turn.state.set_state(RouteDialog.step_choice)
        await turn.state.update_data(title=view.title)
        await show(message, area_prompt(view.route, view.titles, _, _area(data)))
    else:
        await present(message, view, _)


async def add_back(
    query: CallbackQuery, callback_data: RouteCD, turn: Turn, route: Route, _: Translator
) -> None:
    """«⬅️ Назад» and «↩️ Оставить как есть»: the step named in the button, the answers kept."""
    data = await _live(turn.state, route)
    target = callback_data.v
    if (
        data is None
        or (target != "form" and "form" not in data)
        or (target in ("area", "term") and "title" not in data)
    ):
        stale_tap(turn.answer, _)
        return
    if target == "form":
        await turn.state.set_state(RouteDialog.step_form)
        await show(query, form_prompt(route, _, str(data["form"]) if "form" in data else None))
    elif target == "title":
        await turn.state.set_state(RouteDialog.step_title)
        await show(query, title_prompt(route, str(data["form"]), _, data.get("title")))
    elif target == "area":
        view = await turn.services.routes.titled(turn.person, route.id, str(data["title"]))
        if not isinstance(view, Ask):
            stale_tap(turn.answer, _)
            return
        await turn.state.set_state(RouteDialog.step_choice)
        await show(query, area_prompt(view.route, view.titles, _, _area(data)))
    elif target == "term":
        await turn.state.set_state(RouteDialog.step_choice)
        await show(query, term_prompt(route, _, data.get("term")))
    else:
        stale_tap(turn.answer, _)


async def add_abort(query: CallbackQuery, turn: Turn, route: Route, _: Translator) -> None:
    """«✖️ Отмена»: nothing is added; the ways on are the route and the menu."""
    if await _live(turn.state, route) is None:
        stale_tap(turn.answer, _)
        return
    await end_wizard(query, turn.state, add_cancelled(route, _))


async def _in_dialogue(state: FSMContext, route: Route) -> bool:
    """The area and term buttons belong to this route's dialogue, past its title."""
    data = await state.get_data()
    return data.get("route") == route.id and "title" in data


async def add_area(
    query: CallbackQuery, callback_data: RouteCD, turn: Turn, route: Route, _: Translator
) -> None:
    if not await _in_dialogue(turn.state, route):
        await _again(query, turn, route, _)
        return
    await turn.state.update_data(area=None if callback_data.v == "-" else callback_data.v[:32])
    await turn.state.set_state(RouteDialog.step_choice)
    await show(query, term_prompt(route, _, (await turn.state.get_data()).get("term")))


async def add_term(
    query: CallbackQuery, callback_data: RouteCD, turn: Turn, route: Route, _: Translator
) -> None:
    if not await _in_dialogue(turn.state, route) or callback_data.v not in TERMS:
        await _again(query, turn, route, _)
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

"""The methodist: their teachers, a route under review, its steps and files, comments on steps,
returning the route with a comment, approving it, the route as a document."""

from __future__ import annotations

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message

from bot.callbacks import MenuCD, ReviewAction, ReviewCD
from bot.context import User
from bot.domain.roles import Role
from bot.i18n import Translator
from bot.services.container import Services
from bot.services.routes.views import Ask, Reviewed
from bot.turn import Turn
from bot.ui.messaging import show
from bot.ui.routes import send_evidence_files
from bot.ui.routes.present import answered, comment_prompt, present_review, return_prompt, send_route_document
from handlers.routes_review.states import ReviewDialog


async def my_teachers(
    query: CallbackQuery, turn: Turn, _: Translator, callback_data: ReviewCD | MenuCD
) -> None:
    await turn.state.clear()
    page = callback_data.p if isinstance(callback_data, ReviewCD) else 0
    await present_review(query, await turn.services.routes.review.teachers(turn.user, page), _)


async def teacher(query: CallbackQuery, callback_data: ReviewCD, turn: Turn, _: Translator) -> None:
    """A teacher of the list: their route, or a word that there is none yet."""
    view = await turn.services.routes.review.teacher(turn.user, turn.roles, callback_data.r, callback_data.p)
    await present_review(query, view, _)


async def route(
    query: CallbackQuery, callback_data: ReviewCD, turn: Turn, reviewed: Reviewed, _: Translator
) -> None:
    await turn.state.clear()
    await present_review(
        query, await turn.services.routes.review.page(turn.person, reviewed, callback_data.p), _
    )


async def step(
    query: CallbackQuery, callback_data: ReviewCD, turn: Turn, reviewed: Reviewed, _: Translator
) -> None:
    await turn.state.clear()
    view = await turn.services.routes.review.step(turn.person, reviewed, callback_data.s, callback_data.p)
    await present_review(query, view, _, turn.answer)


async def files(query: CallbackQuery, callback_data: ReviewCD, turn: Turn, reviewed: Reviewed) -> None:
    await send_evidence_files(
        turn.bot, query.from_user.id, await turn.services.routes.review.files(reviewed, callback_data.s)
    )


async def comment(
    query: CallbackQuery, callback_data: ReviewCD, turn: Turn, reviewed: Reviewed, _: Translator
) -> None:
    review = turn.services.routes.review
    if callback_data.action is ReviewAction.UNCOMMENT:
        view = await review.uncomment(turn.person, reviewed, callback_data.s, callback_data.p)
        await present_review(query, view, _, turn.answer)
        return
    ask = await review.ask_comment(turn.person, reviewed, callback_data.s, callback_data.p)
    if isinstance(ask, Ask) and ask.step is not None:
        await turn.state.set_state(ReviewDialog.step_comment)
        await turn.state.set_data({"route": reviewed.route.id, "step": ask.step.id, "page": callback_data.p})
        await show(query, comment_prompt(ask, _))
    elif not isinstance(ask, Ask):
        await present_review(query, ask, _, turn.answer)


async def got_comment(message: Message, turn: Turn, _: Translator) -> None:
    data = await turn.state.get_data()
    route_id, step_id, page = int(data.get("route", 0)), int(data.get("step", 0)), int(data.get("page", 0))
    text = (message.text or "").strip()
    view = await turn.services.routes.review.comment(turn.user, turn.roles, route_id, step_id, page, text)
    await answered(turn.state, view)
    await present_review(message, view, _)


async def ask_return(query: CallbackQuery, turn: Turn, reviewed: Reviewed, _: Translator) -> None:
    ask = await turn.services.routes.review.ask_return(turn.person, reviewed)
    if isinstance(ask, Ask):
        await turn.state.set_state(ReviewDialog.route_comment)
        await turn.state.set_data({"route": reviewed.route.id})
        await show(query, return_prompt(ask, _))
    else:
        await present_review(query, ask, _, turn.answer)


async def return_without_comment(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await _return(query, turn.state, turn.services, turn.user, turn.roles, _, None)


async def return_with_comment(message: Message, turn: Turn, _: Translator) -> None:
    await _return(message, turn.state, turn.services, turn.user, turn.roles, _, (message.text or "").strip())


async def _return(
    event: CallbackQuery | Message,
    state: FSMContext,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    comment: str | None,
) -> None:
    data = await state.get_data()
    view = await services.routes.review.return_route(user, roles, int(data.get("route", 0)), comment)
    await answered(state, view)
    if isinstance(view, Ask):
        await show(event, return_prompt(view, _))
    else:
        await present_review(event, view, _)


async def comment_not_text(message: Message, _: Translator) -> None:
    await message.answer(_("route-need-text"))


async def approve(query: CallbackQuery, turn: Turn, reviewed: Reviewed, _: Translator) -> None:
    await present_review(
        query, await turn.services.routes.review.approve(turn.person, reviewed), _, turn.answer
    )


async def export(query: CallbackQuery, turn: Turn, reviewed: Reviewed, _: Translator) -> None:
    turn.answer.text = _("export-wait")
    parts = await turn.services.routes.document(reviewed.route, reviewed.teacher)
    await send_route_document(turn.bot, query.from_user.id, parts, _)

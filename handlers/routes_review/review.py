"""The methodist: their teachers, a route under review, its steps and files, comments on steps,
returning the route with a comment, approving it, the route as a document."""

from __future__ import annotations

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import MenuCD, ReviewAction, ReviewCD
from bot.context import User
from bot.domain.roles import Role
from bot.i18n import Translator
from bot.services.container import Services
from bot.services.routes.views import Ask, Reviewed
from bot.ui.messaging import show
from bot.ui.routes import send_evidence_files
from bot.ui.routes.present import answered, comment_prompt, present_review, return_prompt, send_route_document
from handlers.routes_review.states import ReviewDialog


async def my_teachers(
    query: CallbackQuery,
    state: FSMContext,
    services: Services,
    user: User | None,
    _: Translator,
    callback_data: ReviewCD | MenuCD,
) -> None:
    await state.clear()
    page = callback_data.p if isinstance(callback_data, ReviewCD) else 0
    await present_review(query, await services.routes.review.teachers(user, page), _)


async def teacher(
    query: CallbackQuery,
    callback_data: ReviewCD,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    """A teacher of the list: their route, or a word that there is none yet."""
    view = await services.routes.review.teacher(user, roles, callback_data.r, callback_data.p)
    await present_review(query, view, _)


async def route(
    query: CallbackQuery,
    callback_data: ReviewCD,
    state: FSMContext,
    services: Services,
    user: User,
    reviewed: Reviewed,
    _: Translator,
) -> None:
    await state.clear()
    await present_review(query, await services.routes.review.page(user, reviewed, callback_data.p), _)


async def step(
    query: CallbackQuery,
    callback_data: ReviewCD,
    state: FSMContext,
    services: Services,
    user: User,
    reviewed: Reviewed,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    await state.clear()
    view = await services.routes.review.step(user, reviewed, callback_data.s, callback_data.p)
    await present_review(query, view, _, callback_answer)


async def files(
    query: CallbackQuery, callback_data: ReviewCD, bot: Bot, services: Services, reviewed: Reviewed
) -> None:
    await send_evidence_files(
        bot, query.from_user.id, await services.routes.review.files(reviewed, callback_data.s)
    )


async def comment(
    query: CallbackQuery,
    callback_data: ReviewCD,
    state: FSMContext,
    services: Services,
    user: User,
    reviewed: Reviewed,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    review = services.routes.review
    if callback_data.action is ReviewAction.UNCOMMENT:
        view = await review.uncomment(user, reviewed, callback_data.s, callback_data.p)
        await present_review(query, view, _, callback_answer)
        return
    ask = await review.ask_comment(user, reviewed, callback_data.s, callback_data.p)
    if isinstance(ask, Ask) and ask.step is not None:
        await state.set_state(ReviewDialog.step_comment)
        await state.set_data({"route": reviewed.route.id, "step": ask.step.id, "page": callback_data.p})
        await show(query, comment_prompt(ask, _))
    elif not isinstance(ask, Ask):
        await present_review(query, ask, _, callback_answer)


async def got_comment(
    message: Message,
    state: FSMContext,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    data = await state.get_data()
    route_id, step_id, page = int(data.get("route", 0)), int(data.get("step", 0)), int(data.get("page", 0))
    text = (message.text or "").strip()
    view = await services.routes.review.comment(user, roles, route_id, step_id, page, text)
    await answered(state, view)
    await present_review(message, view, _)


async def ask_return(
    query: CallbackQuery,
    state: FSMContext,
    services: Services,
    user: User,
    reviewed: Reviewed,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    ask = await services.routes.review.ask_return(user, reviewed)
    if isinstance(ask, Ask):
        await state.set_state(ReviewDialog.route_comment)
        await state.set_data({"route": reviewed.route.id})
        await show(query, return_prompt(ask, _))
    else:
        await present_review(query, ask, _, callback_answer)


async def return_without_comment(
    query: CallbackQuery,
    state: FSMContext,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    await _return(query, state, services, user, roles, _, None)


async def return_with_comment(
    message: Message,
    state: FSMContext,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    await _return(message, state, services, user, roles, _, (message.text or "").strip())


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


async def approve(
    query: CallbackQuery,
    services: Services,
    user: User,
    reviewed: Reviewed,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    await present_review(query, await services.routes.review.approve(user, reviewed), _, callback_answer)


async def export(
    query: CallbackQuery,
    bot: Bot,
    services: Services,
    reviewed: Reviewed,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    callback_answer.text = _("export-wait")
    parts = await services.routes.document(reviewed.route, reviewed.teacher)
    await send_route_document(bot, query.from_user.id, parts, _)

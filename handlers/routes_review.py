"""The methodist accompanies routes (their teachers, review with comments on steps, approval), and
staff put teachers with methodists. Role checks: RoleGate on each router, ownership in the service."""

from __future__ import annotations

import logging
from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import AssignCD, MenuCD, MethodistCD, ReviewCD, RouteCD, Section
from bot.config import Settings
from bot.domain.roles import Role
from bot.domain.time import Clock, local_today
from bot.i18n import I18n, Translator
from bot.middlewares import RoleGate
from bot.services import roles as role_service
from bot.services import routes as service
from bot.ui import routes as screens
from bot.ui.diagnosis import clip
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import notify, show
from handlers.routes import send_document, send_evidence_files
from storage.models import Route, User
from storage.repositories import Repos

log = logging.getLogger(__name__)

methodists = Router(name=__name__ + ".methodists")
methodists.message.middleware(RoleGate({Role.METHODIST}))
methodists.callback_query.middleware(RoleGate({Role.METHODIST}))

staff = Router(name=__name__ + ".staff")
staff.message.middleware(RoleGate({Role.STAFF, Role.ADMIN}))
staff.callback_query.middleware(RoleGate({Role.STAFF, Role.ADMIN}))

COMMENT_MAX = 1000


class ReviewDialog(StatesGroup):
    step_comment = State()
    route_comment = State()


class AssignDialog(StatesGroup):
    search = State()


async def review_view(
    repos: Repos, route: Route, teacher: User, methodist: User, settings: Settings, clock: Clock
) -> screens.RouteView:
    today = local_today(clock(), service.teacher_timezone(teacher, settings.default_timezone))
    # The methodist is the one looking: no "your methodist" line.
    return screens.RouteView(route, await service.area_titles(repos, route), today, None)


async def _reviewed(
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    route_id: int,
    _: Translator,
    answer: CallbackAnswer,
) -> tuple[Route, User] | None:
    try:
        route = await service.reviewed_route(repos, user, roles, route_id)
    except service.NotYours:
        answer.text, answer.show_alert = _("review-not-yours"), True
        return None
    teacher = await repos.users.by_id(route.user_id)
    if teacher is None:
        answer.text, answer.show_alert = _("review-not-yours"), True
        return None
    return route, teacher


async def show_review(
    event: CallbackQuery | Message,
    repos: Repos,
    route: Route,
    teacher: User,
    methodist: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
    page: int = 0,
    *,
    note: str | None = None,
) -> None:
    view = await review_view(repos, route, teacher, methodist, settings, clock)
    shared = role_service.methodist_may_see(methodist, teacher)
    text, markup = screens.review_screen(view, teacher, clock().year, page, shared, _)
    if note:
        text = clip(note + "\n\n" + text)
    await show(event, (text, markup))


@methodists.callback_query(MenuCD.filter(F.section == Section.TEACHERS))
@methodists.callback_query(ReviewCD.filter(F.action == "list"))
async def my_teachers(
    query: CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    settings: Settings,
    _: Translator,
    clock: Clock,
) -> None:
    await state.clear()
    page = 0
    if query.data and query.data.startswith(ReviewCD.__prefix__):
        page = ReviewCD.unpack(query.data).p
    rows = await service.methodist_teachers(repos, user, clock(), settings.default_timezone) if user else []
    shared = await repos.diagnosis.shared_teachers(role_service.role_scope(user, Role.METHODIST))
    await show(query, screens.teachers_screen(rows, len(shared), page, _))


@methodists.callback_query(ReviewCD.filter(F.action == "teacher"))
async def teacher(
    query: CallbackQuery,
    callback_data: ReviewCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    """A teacher of the list: their route, or a word that there is none yet."""
    teacher_ = await repos.users.by_id(callback_data.r)
    assignment = await repos.assignments.of_teacher(callback_data.r)
    if (
        teacher_ is None
        or user is None
        or assignment is None
        or assignment.methodist_id != user.id
        or not service.accompanies(user, teacher_)
    ):
        callback_answer.text, callback_answer.show_alert = _("review-not-yours"), True
        return
    route = await repos.routes.current(teacher_.id)
    if route is None or not await service.may_review(repos, user, roles, route):
        kb = Keyboard()
        if role_service.methodist_may_see(user, teacher_):
            kb.button(
                text=_("review-btn-results"), callback_data=MethodistCD(action="open", user_id=teacher_.id)
            )
        kb.button(text=_("review-btn-teachers"), callback_data=ReviewCD(action="list", p=callback_data.p))
        kb.adjust(1)
        text = screens.teacher_card(teacher_, clock().year, _) + "\n\n" + _("mt-no-route-yet")
        await show(query, (text, kb.as_markup()))
        return
    await show_review(query, repos, route, teacher_, user, settings, _, clock)


@methodists.callback_query(ReviewCD.filter(F.action == "route"))
async def route(
    query: CallbackQuery,
    callback_data: ReviewCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    await state.clear()
    found = await _reviewed(repos, user, roles, callback_data.r, _, callback_answer)
    if found is None or user is None:
        return
    await show_review(query, repos, found[0], found[1], user, settings, _, clock, callback_data.p)


@methodists.callback_query(ReviewCD.filter(F.action == "step"))
async def step(
    query: CallbackQuery,
    callback_data: ReviewCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    await state.clear()
    found = await _reviewed(repos, user, roles, callback_data.r, _, callback_answer)
    if found is None or user is None:
        return
    route_, teacher_ = found
    try:
        step_ = service.find_step(route_, callback_data.s)
    except service.NotYours:
        callback_answer.text = _("route-step-gone")
        await show_review(query, repos, route_, teacher_, user, settings, _, clock, callback_data.p)
        return
    view = await review_view(repos, route_, teacher_, user, settings, clock)
    await show(query, screens.review_step_screen(step_, view, callback_data.p, _))


@methodists.callback_query(ReviewCD.filter(F.action == "files"))
async def files(
    query: CallbackQuery,
    callback_data: ReviewCD,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    found = await _reviewed(repos, user, roles, callback_data.r, _, callback_answer)
    if found is None:
        return
    try:
        step_ = service.find_step(found[0], callback_data.s)
    except service.NotYours:
        callback_answer.text = _("route-step-gone")
        return
    await send_evidence_files(bot, query.from_user.id, step_)


@methodists.callback_query(ReviewCD.filter(F.action.in_({"comment", "uncomment"})))
async def comment(
    query: CallbackQuery,
    callback_data: ReviewCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    found = await _reviewed(repos, user, roles, callback_data.r, _, callback_answer)
    if found is None or user is None:
        return
    route_, teacher_ = found
    try:
        step_ = service.find_step(route_, callback_data.s)
        if callback_data.action == "uncomment":
            await service.comment_step(repos, route_, step_, None)
            view = await review_view(repos, route_, teacher_, user, settings, clock)
            await show(query, screens.review_step_screen(step_, view, callback_data.p, _))
            return
        service.check_reviewable(route_)
    except (service.NotYours, service.NotAllowed):
        callback_answer.text = _("route-stale")
        await show_review(query, repos, route_, teacher_, user, settings, _, clock, callback_data.p)
        return
    await state.set_state(ReviewDialog.step_comment)
    await state.set_data({"route": route_.id, "step": step_.id, "page": callback_data.p})
    kb = screens.review_cancel(route_.id, _)
    await show(query, (_("review-comment-prompt", title=escape(step_.title)), kb.as_markup()))


@methodists.message(ReviewDialog.step_comment, F.text)
async def got_comment(
    message: Message,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
) -> None:
    text = (message.text or "").strip()
    if len(text) > COMMENT_MAX:
        await message.answer(_("review-comment-long", max=COMMENT_MAX))
        return
    data = await state.get_data()
    await state.clear()
    try:
        route_ = await service.reviewed_route(repos, user, roles, int(data.get("route", 0)))
        step_ = service.find_step(route_, int(data.get("step", 0)))
        await service.comment_step(repos, route_, step_, text)
        teacher_ = await repos.users.by_id(route_.user_id)
    except (service.NotYours, service.NotAllowed):
        await message.answer(_("route-stale"))
        return
    if teacher_ is None or user is None:
        return
    await show_review(
        message,
        repos,
        route_,
        teacher_,
        user,
        settings,
        _,
        clock,
        int(data.get("page", 0)),
        note=_("review-comment-saved"),
    )


@methodists.callback_query(ReviewCD.filter(F.action == "return"))
async def ask_return(
    query: CallbackQuery,
    callback_data: ReviewCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    found = await _reviewed(repos, user, roles, callback_data.r, _, callback_answer)
    if found is None or user is None:
        return
    route_, teacher_ = found
    try:
        service.check_reviewable(route_)
    except service.NotAllowed:
        callback_answer.text = _("route-stale")
        await show_review(query, repos, route_, teacher_, user, settings, _, clock)
        return
    await state.set_state(ReviewDialog.route_comment)
    await state.set_data({"route": route_.id})
    commented = sum(1 for s in route_.steps if s.comment)
    extra = []
    if commented:
        extra.append((_("review-btn-return-now"), ReviewCD(action="return_now", r=route_.id)))
    kb = screens.review_cancel(route_.id, _, *extra)
    await show(query, (_("review-return-prompt", count=commented), kb.as_markup()))


async def _return(
    event: CallbackQuery | Message,
    state: FSMContext,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    i18n: I18n,
    _: Translator,
    clock: Clock,
    comment: str | None,
) -> None:
    data = await state.get_data()
    await state.clear()
    try:
        route_ = await service.reviewed_route(repos, user, roles, int(data.get("route", 0)))
        teacher_ = await repos.users.by_id(route_.user_id)
        if teacher_ is None or user is None:
            raise service.NotYours(route_.id)
        await service.return_route(repos, route_, user, comment, clock())
    except (service.NotYours, service.NotAllowed):
        await show(event, (_("route-stale"), None))
        return
    except service.Incomplete:
        await show(event, (_("review-return-empty"), screens.review_cancel(route_.id, _).as_markup()))
        await state.set_state(ReviewDialog.route_comment)
        await state.set_data(data)
        return
    await repos.commit()
    await show_review(event, repos, route_, teacher_, user, settings, _, clock, note=_("review-returned"))
    their = i18n.get(teacher_.locale)
    kb = Keyboard()
    kb.button(text=their("notice-btn-route"), callback_data=RouteCD(action="view", r=route_.id))
    text = their("notice-returned", name=screens.name_of(user))
    if comment:
        text += "\n\n" + their("route-review-comment", comment=escape(comment))
    await notify(bot, teacher_.tg_id, text, kb.as_markup())


@methodists.callback_query(ReviewDialog.route_comment, ReviewCD.filter(F.action == "return_now"))
async def return_without_comment(
    query: CallbackQuery,
    state: FSMContext,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    i18n: I18n,
    _: Translator,
    clock: Clock,
) -> None:
    await _return(query, state, bot, repos, user, roles, settings, i18n, _, clock, None)


@methodists.message(ReviewDialog.route_comment, F.text)
async def return_with_comment(
    message: Message,
    state: FSMContext,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    i18n: I18n,
    _: Translator,
    clock: Clock,
) -> None:
    text = (message.text or "").strip()
    if len(text) > COMMENT_MAX:
        await message.answer(_("review-comment-long", max=COMMENT_MAX))
        return
    await _return(message, state, bot, repos, user, roles, settings, i18n, _, clock, text)


@methodists.message(StateFilter(ReviewDialog.step_comment, ReviewDialog.route_comment))
async def comment_not_text(message: Message, _: Translator) -> None:
    await message.answer(_("route-need-text"))


@methodists.callback_query(ReviewCD.filter(F.action == "approve"))
async def approve(
    query: CallbackQuery,
    callback_data: ReviewCD,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    i18n: I18n,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    found = await _reviewed(repos, user, roles, callback_data.r, _, callback_answer)
    if found is None or user is None:
        return
    route_, teacher_ = found
    try:
        await service.approve(repos, route_, user, None, clock())
    except service.NotAllowed:
        callback_answer.text = _("route-stale")
        await show_review(query, repos, route_, teacher_, user, settings, _, clock)
        return
    await repos.commit()
    await show_review(query, repos, route_, teacher_, user, settings, _, clock, note=_("review-approved"))
    their = i18n.get(teacher_.locale)
    kb = Keyboard()
    kb.button(text=their("notice-btn-route"), callback_data=RouteCD(action="view", r=route_.id))
    await notify(bot, teacher_.tg_id, their("notice-approved", name=screens.name_of(user)), kb.as_markup())


@methodists.callback_query(ReviewCD.filter(F.action == "export"))
async def export(
    query: CallbackQuery,
    callback_data: ReviewCD,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    found = await _reviewed(repos, user, roles, callback_data.r, _, callback_answer)
    if found is None:
        return
    callback_answer.text = _("export-wait")
    await send_document(bot, query.from_user.id, repos, found[0], found[1], settings, _, clock())


# --- staff: who accompanies whom -------------------------------------------------------------------


async def _home(
    event: CallbackQuery | Message,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    note: str | None = None,
) -> None:
    scope = role_service.staff_scope(user, roles)
    rows = await repos.assignments.methodists(scope)
    unassigned = len(await repos.assignments.unassigned_teachers(scope))
    municipalities, _total = await repos.directory.municipalities()
    names = {m.id: m.name for m in municipalities}
    text, markup = screens.methodists_screen(rows, unassigned, names, _)
    await show(event, ((note + "\n\n" + text) if note else text, markup))


@staff.callback_query(MenuCD.filter(F.section == Section.METHODISTS))
@staff.callback_query(AssignCD.filter(F.action == "home"))
async def home(
    query: CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    await state.clear()
    await _home(query, repos, user, roles, _)


@staff.callback_query(AssignCD.filter(F.action == "auto"))
async def auto(
    query: CallbackQuery,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
) -> None:
    count = await service.auto_assign(repos, role_service.staff_scope(user, roles), clock())
    await _home(query, repos, user, roles, _, note=_("mts-auto-done", count=count))


@staff.callback_query(AssignCD.filter(F.action == "search"))
async def ask_search(query: CallbackQuery, state: FSMContext, _: Translator) -> None:
    await state.set_state(AssignDialog.search)
    await show(query, screens.search_prompt(_))


@staff.message(AssignDialog.search, F.text)
async def search(
    message: Message, repos: Repos, user: User | None, roles: frozenset[Role], _: Translator
) -> None:
    names = await repos.assignments.teacher_names(role_service.staff_scope(user, roles))
    found = service.search_names(names, (message.text or "")[:100])
    await show(message, screens.search_results(found, _))


@staff.callback_query(AssignCD.filter(F.action == "teacher"))
async def pick(
    query: CallbackQuery,
    callback_data: AssignCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    await state.clear()
    teacher_ = await repos.users.by_id(callback_data.t)
    if teacher_ is None or not service.in_scope(teacher_, role_service.staff_scope(user, roles)):
        callback_answer.text, callback_answer.show_alert = _("mts-not-in-scope"), True
        return
    assignment = await repos.assignments.of_teacher(teacher_.id)
    current = await repos.users.by_id(assignment.methodist_id) if assignment else None
    rows = [
        r for r in await repos.assignments.methodists(teacher_.municipality_id) if r.user.id != teacher_.id
    ]
    await show(query, screens.pick_methodist_screen(teacher_, current, rows, _))


@staff.callback_query(AssignCD.filter(F.action == "put"))
async def put(
    query: CallbackQuery,
    callback_data: AssignCD,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    i18n: I18n,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    teacher_ = await repos.users.by_id(callback_data.t)
    methodist = await repos.users.by_id(callback_data.m)
    if teacher_ is None or methodist is None:
        callback_answer.text, callback_answer.show_alert = _("mts-not-in-scope"), True
        return
    try:
        await service.assign(repos, teacher_, methodist, role_service.staff_scope(user, roles), clock())
    except (service.NotYours, service.NotAllowed):
        callback_answer.text, callback_answer.show_alert = _("mts-not-in-scope"), True
        return
    await repos.commit()
    their = i18n.get(methodist.locale)
    await notify(bot, methodist.tg_id, their("notice-assigned", name=screens.name_of(teacher_)))
    note = _("mts-assigned", teacher=screens.name_of(teacher_), methodist=screens.name_of(methodist))
    await _home(query, repos, user, roles, _, note=note)

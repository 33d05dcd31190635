"""«Мой маршрут (ИОМ)»: build it from the diagnosis, shape it, send it to the methodist, carry it
out step by step with evidence, get it as a document."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import DiagAction, DiagCD, MenuCD, ReviewCD, RouteCD, Section
from bot.config import Settings
from bot.domain.diagnostics import StepForm
from bot.domain.routes import StepAction, parse_goal
from bot.domain.time import Clock, local_today
from bot.i18n import I18n, Translator
from bot.middlewares import RegisteredOnly
from bot.services import route_doc
from bot.services import routes as service
from bot.ui import routes as screens
from bot.ui.diagnosis import clip
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import notify, show
from storage.models import Route, RouteStep, User
from storage.repositories import Repos

log = logging.getLogger(__name__)
router = Router(name=__name__)
router.message.middleware(RegisteredOnly())
router.callback_query.middleware(RegisteredOnly())


class RouteDialog(StatesGroup):
    goal = State()
    step_title = State()
    step_choice = State()  # area and term: buttons
    step_note = State()
    evidence = State()
    drop_reason = State()


async def view_of(
    repos: Repos, route: Route, user: User, settings: Settings, now: datetime
) -> screens.RouteView:
    today = local_today(now, service.teacher_timezone(user, settings.default_timezone))
    assignment = await repos.assignments.of_teacher(user.id)
    methodist = await repos.users.by_id(assignment.methodist_id) if assignment else None
    effect = await service.effect(repos, route) if service.status(route).value == "carried_out" else []
    return screens.RouteView(route, await service.area_titles(repos, route), today, methodist, tuple(effect))


async def show_route(
    event: CallbackQuery | Message,
    repos: Repos,
    route: Route,
    user: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
    page: int = 0,
    *,
    note: str | None = None,
    edit: bool = True,
) -> None:
    text, markup = screens.route_screen(await view_of(repos, route, user, settings, clock()), page, _)
    if note:
        text = clip(note + "\n\n" + text)
    await show(event, (text, markup), edit=edit)


async def _route_or_alert(
    repos: Repos, user: User, route_id: int, _: Translator, answer: CallbackAnswer
) -> Route | None:
    try:
        return await service.own_route(repos, user, route_id)
    except service.NotYours:
        answer.text, answer.show_alert = _("route-not-yours"), True
        return None


@router.callback_query(MenuCD.filter(F.section == Section.ROUTE))
async def open_route(
    query: CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
) -> None:
    await state.clear()
    route = await repos.routes.current(user.id)
    if route is None:
        has_diagnosis = await service.basis(repos, user) is not None
        await show(query, screens.no_route_screen(has_diagnosis, _))
        return
    await show_route(query, repos, route, user, settings, _, clock)


@router.callback_query(RouteCD.filter(F.action.in_({"build", "new"})))
@router.callback_query(DiagCD.filter(F.action == DiagAction.PLAN))
async def build(
    query: CallbackQuery,
    callback_data: RouteCD | DiagCD,
    state: FSMContext,
    repos: Repos,
    user: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
) -> None:
    await state.clear()
    attempt_id = callback_data.a if isinstance(callback_data, DiagCD) else None
    now = clock()
    today = local_today(now, service.teacher_timezone(user, settings.default_timezone))
    try:
        route, created = await service.build(repos, user, now, today, attempt_id)
    except service.NoDiagnosis:
        await show(query, screens.no_route_screen(False, _), edit=False)
        return
    note = _("route-built", count=len(route.steps)) if created else _("route-exists")
    await show_route(query, repos, route, user, settings, _, clock, note=note, edit=False)


@router.callback_query(RouteCD.filter(F.action == "view"))
async def view(
    query: CallbackQuery,
    callback_data: RouteCD,
    state: FSMContext,
    repos: Repos,
    user: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    await state.clear()
    route = await _route_or_alert(repos, user, callback_data.r, _, callback_answer)
    if route is not None:
        await show_route(query, repos, route, user, settings, _, clock, callback_data.p)


@router.callback_query(RouteCD.filter(F.action == "rebuild"))
async def rebuild(
    query: CallbackQuery,
    callback_data: RouteCD,
    repos: Repos,
    user: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    route = await _route_or_alert(repos, user, callback_data.r, _, callback_answer)
    if route is None:
        return
    now = clock()
    try:
        route = await service.rebuild(
            repos,
            user,
            route,
            now,
            local_today(now, service.teacher_timezone(user, settings.default_timezone)),
        )
    except service.NotAllowed:
        callback_answer.text = _("route-stale")
        await show_route(query, repos, route, user, settings, _, clock)
        return
    except service.NoDiagnosis:
        await show(query, screens.no_route_screen(False, _))
        return
    await show_route(query, repos, route, user, settings, _, clock, note=_("route-rebuilt"))


@router.callback_query(RouteCD.filter(F.action == "step"))
async def step_card(
    query: CallbackQuery,
    callback_data: RouteCD,
    state: FSMContext,
    repos: Repos,
    user: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    await state.clear()
    route = await _route_or_alert(repos, user, callback_data.r, _, callback_answer)
    if route is None:
        return
    try:
        step = service.find_step(route, callback_data.s)
    except service.NotYours:
        callback_answer.text = _("route-step-gone")
        await show_route(query, repos, route, user, settings, _, clock, callback_data.p)
        return
    view_ = await view_of(repos, route, user, settings, clock())
    await show(query, screens.step_screen(step, view_, callback_data.p, _))


@router.callback_query(RouteCD.filter(F.action.in_({"start", "restore", "reopen", "remove"})))
async def step_change(
    query: CallbackQuery,
    callback_data: RouteCD,
    bot: Bot,
    repos: Repos,
    user: User,
    settings: Settings,
    i18n: I18n,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    route = await _route_or_alert(repos, user, callback_data.r, _, callback_answer)
    if route is None:
        return
    try:
        step = service.find_step(route, callback_data.s)
        if callback_data.action == "remove":
            await service.remove_step(repos, route, step)
            callback_answer.text = _("step-removed")
            await show_route(query, repos, route, user, settings, _, clock, callback_data.p)
            return
        carried_out = await service.act(repos, route, step, StepAction(callback_data.action), clock())
    except (service.NotYours, service.NotAllowed):
        callback_answer.text = _("route-stale")
        await show_route(query, repos, route, user, settings, _, clock, callback_data.p)
        return
    callback_answer.text = _(f"step-{callback_data.action}-ok")
    view_ = await view_of(repos, route, user, settings, clock())
    await show(query, screens.step_screen(step, view_, callback_data.p, _))
    if carried_out:
        await _carried_out(query, bot, repos, route, user, settings, i18n, _, clock)


# --- done with evidence --------------------------------------------------------------------------


@router.callback_query(RouteCD.filter(F.action == "done"))
async def ask_evidence(
    query: CallbackQuery,
    callback_data: RouteCD,
    state: FSMContext,
    repos: Repos,
    user: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    route = await _route_or_alert(repos, user, callback_data.r, _, callback_answer)
    if route is None:
        return
    try:
        step = service.find_step(route, callback_data.s)
        more = service.step_status(step).value == "done"
        if not more:
            service.check_action(route, step, StepAction.DONE)
    except (service.NotYours, service.NotAllowed):
        callback_answer.text = _("route-stale")
        await show_route(query, repos, route, user, settings, _, clock, callback_data.p)
        return
    await state.set_state(RouteDialog.evidence)
    await state.set_data({"route": route.id, "step": step.id, "page": callback_data.p})
    await show(query, screens.evidence_prompt(route, step, more, _))


def evidence_from(message: Message) -> service.Evidence | None:
    if message.photo:
        biggest = message.photo[-1]
        return service.Evidence(
            kind="photo",
            file_id=biggest.file_id,
            file_unique_id=biggest.file_unique_id,
            file_size=biggest.file_size,
            text=(message.caption or "")[: service.EVIDENCE_TEXT_MAX] or None,
        )
    if message.document:
        doc = message.document
        return service.Evidence(
            kind="document",
            file_id=doc.file_id,
            file_unique_id=doc.file_unique_id,
            file_name=(doc.file_name or "")[:255] or None,
            mime_type=(doc.mime_type or "")[:100] or None,
            file_size=doc.file_size,
            text=(message.caption or "")[: service.EVIDENCE_TEXT_MAX] or None,
        )
    return None


@router.message(RouteDialog.evidence)
async def got_evidence(
    message: Message,
    state: FSMContext,
    bot: Bot,
    repos: Repos,
    user: User,
    settings: Settings,
    i18n: I18n,
    _: Translator,
    clock: Clock,
) -> None:
    data = await state.get_data()
    try:
        route = await service.own_route(repos, user, int(data.get("route", 0)))
        step = service.find_step(route, int(data.get("step", 0)))
    except service.NotYours:
        await state.clear()
        await message.answer(_("route-step-gone"), reply_markup=screens.no_route_screen(True, _)[1])
        return
    evidence = evidence_from(message)
    if evidence is None:
        if not message.text:
            await message.answer(
                _("evidence-wrong-type"), reply_markup=screens.evidence_prompt(route, step, False, _)[1]
            )
            return
        try:
            evidence = service.text_evidence(message.text)
        except ValueError as exc:
            await message.answer(
                _(f"evidence-text-{exc}"), reply_markup=screens.evidence_prompt(route, step, False, _)[1]
            )
            return
    try:
        recorded = await service.add_evidence(repos, route, step, evidence, clock())
    except service.NotAllowed:
        await state.clear()
        await show_route(message, repos, route, user, settings, _, clock, note=_("route-stale"))
        return
    except service.RouteFull:
        await state.clear()
        await message.answer(_("evidence-too-many"))
        return
    await state.clear()
    page = int(data.get("page", 0))
    view_ = await view_of(repos, route, user, settings, clock())
    text, markup = screens.step_screen(step, view_, page, _)
    note = _("evidence-saved-done") if recorded.became_done else _("evidence-saved")
    await show(message, (clip(note + "\n\n" + text), markup))
    if recorded.carried_out:
        await _carried_out(message, bot, repos, route, user, settings, i18n, _, clock)


async def _carried_out(
    event: CallbackQuery | Message,
    bot: Bot,
    repos: Repos,
    route: Route,
    user: User,
    settings: Settings,
    i18n: I18n,
    _: Translator,
    clock: Clock,
) -> None:
    """The last step is done: congratulate, point to the re-diagnosis, tell the methodist."""
    await show_route(event, repos, route, user, settings, _, clock, note=_("route-carried-out"), edit=False)
    if route.reviewer_id:
        methodist = await repos.users.by_id(route.reviewer_id)
        if methodist is not None:
            their = i18n.get(methodist.locale)
            kb = Keyboard()
            kb.button(text=their("notice-btn-open"), callback_data=ReviewCD(action="route", r=route.id))
            await notify(
                bot, methodist.tg_id, their("notice-carried-out", name=screens.name_of(user)), kb.as_markup()
            )


@router.callback_query(RouteCD.filter(F.action == "files"))
async def send_files(
    query: CallbackQuery,
    callback_data: RouteCD,
    bot: Bot,
    repos: Repos,
    user: User,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    route = await _route_or_alert(repos, user, callback_data.r, _, callback_answer)
    if route is None:
        return
    try:
        step = service.find_step(route, callback_data.s)
    except service.NotYours:
        callback_answer.text = _("route-step-gone")
        return
    await send_evidence_files(bot, query.from_user.id, step)


async def send_evidence_files(bot: Bot, chat_id: int, step: RouteStep) -> None:
    """Evidence files are resent by their Telegram file_id: nothing is downloaded or kept here."""
    for evidence in step.evidence:
        if evidence.file_id is None:
            continue
        caption = escape(evidence.text or "")[:1000] or None
        if evidence.kind == "photo":
            await bot.send_photo(chat_id, evidence.file_id, caption=caption)
        else:
            await bot.send_document(chat_id, evidence.file_id, caption=caption)


# --- drop with a reason -----------------------------------------------------------------------------


@router.callback_query(RouteCD.filter(F.action == "drop"))
async def ask_drop(
    query: CallbackQuery,
    callback_data: RouteCD,
    state: FSMContext,
    repos: Repos,
    user: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    route = await _route_or_alert(repos, user, callback_data.r, _, callback_answer)
    if route is None:
        return
    try:
        step = service.find_step(route, callback_data.s)
        service.check_action(route, step, StepAction.DROP)
    except (service.NotYours, service.NotAllowed):
        callback_answer.text = _("route-stale")
        await show_route(query, repos, route, user, settings, _, clock, callback_data.p)
        return
    await state.set_state(RouteDialog.drop_reason)
    await state.set_data({"route": route.id, "step": step.id, "page": callback_data.p})
    await show(query, screens.drop_prompt(route, step, _))


async def _drop(
    event: CallbackQuery | Message,
    state: FSMContext,
    bot: Bot,
    repos: Repos,
    user: User,
    settings: Settings,
    i18n: I18n,
    _: Translator,
    clock: Clock,
    reason: str,
) -> None:
    data = await state.get_data()
    await state.clear()
    try:
        route = await service.own_route(repos, user, int(data.get("route", 0)))
        step = service.find_step(route, int(data.get("step", 0)))
        carried_out = await service.act(repos, route, step, StepAction.DROP, clock(), reason)
    except (service.NotYours, service.NotAllowed):
        await show(event, (_("route-stale"), screens.no_route_screen(True, _)[1]))
        return
    view_ = await view_of(repos, route, user, settings, clock())
    text, markup = screens.step_screen(step, view_, int(data.get("page", 0)), _)
    await show(event, (_("step-drop-ok") + "\n\n" + text, markup))
    if carried_out:
        await _carried_out(event, bot, repos, route, user, settings, i18n, _, clock)


@router.callback_query(RouteDialog.drop_reason, RouteCD.filter(F.action == "why"))
async def drop_with_button(
    query: CallbackQuery,
    callback_data: RouteCD,
    state: FSMContext,
    bot: Bot,
    repos: Repos,
    user: User,
    settings: Settings,
    i18n: I18n,
    _: Translator,
    clock: Clock,
) -> None:
    reason = _(f"drop-reason-{callback_data.v}") if callback_data.v in screens.DROP_REASONS else ""
    await _drop(query, state, bot, repos, user, settings, i18n, _, clock, reason)


@router.message(RouteDialog.drop_reason, F.text)
async def drop_with_text(
    message: Message,
    state: FSMContext,
    bot: Bot,
    repos: Repos,
    user: User,
    settings: Settings,
    i18n: I18n,
    _: Translator,
    clock: Clock,
) -> None:
    reason = " ".join((message.text or "").split())
    if len(reason) > 300:
        await message.answer(_("drop-reason-long"))
        return
    await _drop(message, state, bot, repos, user, settings, i18n, _, clock, reason)


# --- the goal ---------------------------------------------------------------------------------------


@router.callback_query(RouteCD.filter(F.action == "goal"))
async def ask_goal(
    query: CallbackQuery,
    callback_data: RouteCD,
    state: FSMContext,
    repos: Repos,
    user: User,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    route = await _route_or_alert(repos, user, callback_data.r, _, callback_answer)
    if route is None:
        return
    await state.set_state(RouteDialog.goal)
    await state.set_data({"route": route.id})
    suggestion = screens.suggested_goal(route, await service.area_titles(repos, route), _)
    await show(query, screens.goal_prompt(route, suggestion, _))


async def _set_goal(
    event: CallbackQuery | Message,
    state: FSMContext,
    repos: Repos,
    route: Route,
    user: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
    goal: str,
) -> None:
    await state.clear()
    try:
        await service.set_goal(repos, route, goal)
    except service.NotAllowed:
        await show_route(event, repos, route, user, settings, _, clock, note=_("route-stale"))
        return
    await show_route(event, repos, route, user, settings, _, clock, note=_("goal-saved"))


@router.callback_query(RouteCD.filter(F.action == "goal_take"))
async def take_suggested_goal(
    query: CallbackQuery,
    callback_data: RouteCD,
    state: FSMContext,
    repos: Repos,
    user: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    route = await _route_or_alert(repos, user, callback_data.r, _, callback_answer)
    if route is None:
        return
    suggestion = screens.suggested_goal(route, await service.area_titles(repos, route), _)
    if suggestion is None:
        callback_answer.text = _("route-stale")
        return
    await _set_goal(query, state, repos, route, user, settings, _, clock, suggestion)


@router.message(RouteDialog.goal, F.text)
async def typed_goal(
    message: Message,
    state: FSMContext,
    repos: Repos,
    user: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
) -> None:
    data = await state.get_data()
    try:
        route = await service.own_route(repos, user, int(data.get("route", 0)))
    except service.NotYours:
        await state.clear()
        await message.answer(_("route-stale"))
        return
    try:
        goal = parse_goal(message.text or "")
    except ValueError as exc:
        await message.answer(_(f"goal-{exc}"))
        return
    await _set_goal(message, state, repos, route, user, settings, _, clock, goal)


# --- adding a step of one's own ---------------------------------------------------------------------


@router.callback_query(RouteCD.filter(F.action == "add"))
async def add_start(
    query: CallbackQuery,
    callback_data: RouteCD,
    state: FSMContext,
    repos: Repos,
    user: User,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    route = await _route_or_alert(repos, user, callback_data.r, _, callback_answer)
    if route is None:
        return
    await state.clear()
    await show(query, screens.form_prompt(route, _))


@router.callback_query(RouteCD.filter(F.action == "form"))
async def add_form(
    query: CallbackQuery,
    callback_data: RouteCD,
    state: FSMContext,
    repos: Repos,
    user: User,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    route = await _route_or_alert(repos, user, callback_data.r, _, callback_answer)
    if route is None:
        return
    if callback_data.v not in {f.value for f in StepForm}:
        callback_answer.text = _("route-stale")
        return
    await state.set_state(RouteDialog.step_title)
    await state.set_data({"route": route.id, "form": callback_data.v})
    await show(query, screens.title_prompt(route, callback_data.v, _))


@router.message(RouteDialog.step_title, F.text)
async def add_title(message: Message, state: FSMContext, repos: Repos, user: User, _: Translator) -> None:
    data = await state.get_data()
    try:
        route = await service.own_route(repos, user, int(data.get("route", 0)))
    except service.NotYours:
        await state.clear()
        await message.answer(_("route-stale"))
        return
    try:
        title = service.parse_title(message.text or "")
    except ValueError as exc:
        await message.answer(_(f"add-title-{exc}"))
        return
    await state.set_state(RouteDialog.step_choice)
    await state.update_data(title=title)
    await show(message, screens.area_prompt(route, await service.area_titles(repos, route), _))


@router.callback_query(RouteCD.filter(F.action == "area"))
async def add_area(
    query: CallbackQuery,
    callback_data: RouteCD,
    state: FSMContext,
    repos: Repos,
    user: User,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    route = await _route_or_alert(repos, user, callback_data.r, _, callback_answer)
    data = await state.get_data()
    if route is None:
        return
    if data.get("route") != route.id or "title" not in data:
        callback_answer.text = _("route-stale")
        await show(query, screens.form_prompt(route, _))
        return
    await state.update_data(area=None if callback_data.v == "-" else callback_data.v[:32])
    await show(query, screens.term_prompt(route, _))


@router.callback_query(RouteCD.filter(F.action == "term"))
async def add_term(
    query: CallbackQuery,
    callback_data: RouteCD,
    state: FSMContext,
    repos: Repos,
    user: User,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    route = await _route_or_alert(repos, user, callback_data.r, _, callback_answer)
    data = await state.get_data()
    if route is None:
        return
    if data.get("route") != route.id or "title" not in data or callback_data.v not in screens.TERMS:
        callback_answer.text = _("route-stale")
        await show(query, screens.form_prompt(route, _))
        return
    await state.update_data(term=int(callback_data.v))
    await state.set_state(RouteDialog.step_note)
    await show(query, screens.note_prompt(route, _))


async def _add_finish(
    event: CallbackQuery | Message,
    state: FSMContext,
    repos: Repos,
    user: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
    note: str,
    link: str | None,
) -> None:
    data = await state.get_data()
    await state.clear()
    try:
        route = await service.own_route(repos, user, int(data.get("route", 0)))
        new = service.NewStep(
            form=StepForm(data["form"]),
            title=str(data["title"]),
            area=data.get("area"),
            months=int(data.get("term", 0)),
            description=note,
            link=link,
        )
        now = clock()
        await service.add_step(
            repos, route, new, local_today(now, service.teacher_timezone(user, settings.default_timezone))
        )
    except (service.NotYours, service.NotAllowed, KeyError, ValueError):
        await show(event, (_("route-stale"), screens.no_route_screen(True, _)[1]))
        return
    except service.RouteFull:
        await show_route(event, repos, route, user, settings, _, clock, note=_("route-full"))
        return
    pages = max(1, (len(route.steps) + screens.PAGE - 1) // screens.PAGE)
    await show_route(event, repos, route, user, settings, _, clock, pages - 1, note=_("step-added"))


@router.callback_query(RouteDialog.step_note, RouteCD.filter(F.action == "note_skip"))
async def add_note_skipped(
    query: CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
) -> None:
    await _add_finish(query, state, repos, user, settings, _, clock, "", None)


@router.message(RouteDialog.step_note, F.text)
async def add_note(
    message: Message,
    state: FSMContext,
    repos: Repos,
    user: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
) -> None:
    try:
        note, link = service.parse_note(message.text or "")
    except ValueError:
        await message.answer(_("add-note-long"))
        return
    await _add_finish(message, state, repos, user, settings, _, clock, note, link)


@router.message(RouteDialog.step_choice)
async def choose_with_buttons(message: Message, _: Translator) -> None:
    await message.answer(_("route-use-buttons"))


@router.message(
    StateFilter(RouteDialog.goal, RouteDialog.step_title, RouteDialog.step_note, RouteDialog.drop_reason)
)
async def not_text(message: Message, _: Translator) -> None:
    """A sticker or a photo where words are expected: say so, the question stays."""
    await message.answer(_("route-need-text"))


# --- sending to the methodist ------------------------------------------------------------------------


@router.callback_query(RouteCD.filter(F.action == "submit"))
async def submit(
    query: CallbackQuery,
    callback_data: RouteCD,
    state: FSMContext,
    bot: Bot,
    repos: Repos,
    user: User,
    settings: Settings,
    i18n: I18n,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    route = await _route_or_alert(repos, user, callback_data.r, _, callback_answer)
    if route is None:
        return
    resubmit = service.status(route).value == "returned"
    try:
        methodist = await service.submit(repos, user, route, clock())
    except service.Incomplete as exc:
        if exc.what == "goal":
            await state.set_state(RouteDialog.goal)
            await state.set_data({"route": route.id})
            suggestion = screens.suggested_goal(route, await service.area_titles(repos, route), _)
            text, markup = screens.goal_prompt(route, suggestion, _)
            await show(query, (_("submit-need-goal") + "\n\n" + text, markup))
        else:
            callback_answer.text, callback_answer.show_alert = _("submit-need-steps"), True
        return
    except service.NotAllowed:
        callback_answer.text = _("route-stale")
        await show_route(query, repos, route, user, settings, _, clock)
        return
    await repos.commit()
    note = _("submit-ok", name=screens.name_of(methodist)) if methodist else _("submit-ok-nobody")
    await show_route(query, repos, route, user, settings, _, clock, note=note)
    if methodist is not None:
        their = i18n.get(methodist.locale)
        kb = Keyboard()
        kb.button(text=their("notice-btn-open"), callback_data=ReviewCD(action="route", r=route.id))
        key = "notice-resubmitted" if resubmit else "notice-submitted"
        await notify(bot, methodist.tg_id, their(key, name=screens.name_of(user)), kb.as_markup())


# --- the document -------------------------------------------------------------------------------------


async def send_document(
    bot: Bot,
    chat_id: int,
    repos: Repos,
    route: Route,
    teacher: User,
    settings: Settings,
    _: Translator,
    now: datetime,
) -> None:
    reviewer = await repos.users.by_id(route.reviewer_id) if route.reviewer_id else None
    document = screens.route_document(
        route,
        teacher,
        await service.route_basis(repos, route),
        await service.area_titles(repos, route),
        reviewer,
        now,
        service.teacher_timezone(teacher, settings.default_timezone),
        _,
    )
    data = await asyncio.to_thread(route_doc.build_docx, document, _)
    surname = (teacher.full_name or "route").split(" ")[0]
    await bot.send_document(
        chat_id,
        BufferedInputFile(data, filename=f"IOM_{surname}_{route.period_start.year}.docx"),
        caption=_("export-caption"),
    )


@router.callback_query(RouteCD.filter(F.action == "export"))
async def export(
    query: CallbackQuery,
    callback_data: RouteCD,
    bot: Bot,
    repos: Repos,
    user: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    route = await _route_or_alert(repos, user, callback_data.r, _, callback_answer)
    if route is None:
        return
    callback_answer.text = _("export-wait")
    await send_document(bot, query.from_user.id, repos, route, user, settings, _, clock())

"""Showing what the route services return: one function per side, so a handler is a call and a
`present(...)`."""

from __future__ import annotations

from html import escape

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import MethodistAction, MethodistCD, ReviewAction, ReviewCD
from bot.i18n import Translator
from bot.services.routes.views import (
    Ask,
    DocumentParts,
    Gone,
    Methodists,
    NoRoute,
    Pick,
    ReviewPage,
    ReviewStep,
    RoutePage,
    Said,
    Say,
    StepPage,
    TeacherCard,
    Teachers,
)
from bot.ui.diagnosis import clip
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import Screen, show
from bot.ui.routes.common import review_cancel
from bot.ui.routes.document import document_name, route_document, send_document
from bot.ui.routes.review import (
    methodists_screen,
    pick_methodist_screen,
    review_screen,
    review_step_screen,
    teacher_card,
    teachers_screen,
)
from bot.ui.routes.teacher import (
    evidence_prompt,
    goal_prompt,
    no_route_screen,
    route_screen,
    step_screen,
    suggested_goal,
)

Event = CallbackQuery | Message
TeacherView = RoutePage | StepPage | NoRoute | Gone | Said
ReviewView = ReviewPage | ReviewStep | TeacherCard | Teachers | Methodists | Pick | Said


def said(note: Say, _: Translator) -> str:
    """A note in the person's language; text values are people's words, escaped."""
    values = {k: escape(v) if isinstance(v, str) else v for k, v in note.values.items()}
    return _(note.key, **values)


def _above(note: Say | None, screen: Screen, _: Translator) -> Screen:
    text, markup = screen
    return (clip(said(note, _) + "\n\n" + text), markup) if note else (text, markup)


def _tap(answer: CallbackAnswer | None, note: Say | None, _: Translator) -> None:
    if answer is not None and note is not None:
        answer.text = said(note, _)


async def present(
    event: Event, view: TeacherView, _: Translator, answer: CallbackAnswer | None = None
) -> None:
    """The teacher's route, a step, or a word, as the service decided."""
    if isinstance(view, RoutePage):
        _tap(answer, view.answer, _)
        await show(event, _above(view.note, route_screen(view.view, view.page, _), _), edit=view.edit)
    elif isinstance(view, StepPage):
        _tap(answer, view.answer, _)
        await show(event, _above(view.note, step_screen(view.step, view.view, view.page, _), _))
        if view.then is not None:
            await present(event, view.then, _)
    elif isinstance(view, NoRoute):
        await show(event, no_route_screen(view.has_diagnosis, _), edit=view.edit)
    elif isinstance(view, Gone):
        await show(event, (said(view.note, _), no_route_screen(True, _)[1]))
    else:
        await show(event, (said(view.note, _), None))


def goal_screen(ask: Ask, _: Translator) -> Screen:
    """The goal question, with the goal the route's areas suggest (and a word above, if any)."""
    return _above(ask.note, goal_prompt(ask.route, suggested_goal(ask.route, ask.titles, _), _), _)


def evidence_again(ask: Ask, _: Translator) -> Screen:
    """A message that is no evidence: why, and the evidence question's buttons again."""
    assert ask.step is not None and ask.note is not None
    return said(ask.note, _), evidence_prompt(ask.route, ask.step, False, _)[1]


async def send_route_document(bot: Bot, chat_id: int, parts: DocumentParts, _: Translator) -> None:
    document = route_document(
        parts.route, parts.teacher, parts.basis, parts.titles, parts.reviewer, parts.now, parts.timezone, _
    )
    await send_document(bot, chat_id, document, document_name(parts.route, parts.teacher), _)


# --- the methodist's and staff's screens -------------------------------------------------------------


async def present_review(
    event: Event, view: ReviewView, _: Translator, answer: CallbackAnswer | None = None
) -> None:
    if isinstance(view, ReviewPage):
        _tap(answer, view.answer, _)
        screen = review_screen(view.view, view.teacher, view.year, view.page, view.shared, _, view.changes)
        await show(event, _above(view.note, screen, _))
    elif isinstance(view, ReviewStep):
        await show(event, review_step_screen(view.step, view.view, view.page, _))
    elif isinstance(view, TeacherCard):
        await show(event, teacher_card_screen(view, _))
    elif isinstance(view, Teachers):
        await show(event, teachers_screen(view.rows, view.shared, view.page, _))
    elif isinstance(view, Methodists):
        text, markup = methodists_screen(view.rows, view.unassigned, view.municipalities, _)
        await show(event, ((said(view.note, _) + "\n\n" + text) if view.note else text, markup))
    elif isinstance(view, Pick):
        await show(event, pick_methodist_screen(view.teacher, view.current, view.rows, _))
    else:
        await show(event, (said(view.note, _), None))


def teacher_card_screen(card: TeacherCard, _: Translator) -> Screen:
    kb = Keyboard()
    if card.shared:
        kb.button(
            text=_("review-btn-results"),
            callback_data=MethodistCD(action=MethodistAction.OPEN, user_id=card.teacher.id),
        )
    kb.button(text=_("review-btn-teachers"), callback_data=ReviewCD(action=ReviewAction.LIST, p=card.page))
    kb.adjust(1)
    return teacher_card(card.teacher, card.year, _) + "\n\n" + _("mt-no-route-yet"), kb.as_markup()


def comment_prompt(ask: Ask, _: Translator) -> Screen:
    assert ask.step is not None
    title = escape(ask.step.title)
    return _("review-comment-prompt", title=title), review_cancel(ask.route.id, _).as_markup()


def return_prompt(ask: Ask, _: Translator) -> Screen:
    """Why the route goes back; without a comment only when steps are commented on. Asked again
    (`note`) when there is no comment at all."""
    if ask.note is not None:
        return said(ask.note, _), review_cancel(ask.route.id, _).as_markup()
    commented = sum(1 for s in ask.route.steps if s.comment)
    extra = []
    if commented:
        extra.append((_("review-btn-return-now"), ReviewCD(action=ReviewAction.RETURN_NOW, r=ask.route.id)))
    return _("review-return-prompt", count=commented), review_cancel(ask.route.id, _, *extra).as_markup()


async def answered(state: FSMContext, view: object) -> None:
    """A dialogue ends with its answer, unless the service asks again (`Ask`, `Said.goes_on`)."""
    if isinstance(view, Ask) or (isinstance(view, Said) and view.goes_on):
        return
    await state.clear()

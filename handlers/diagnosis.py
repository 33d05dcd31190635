"""«Диагностика»: a teacher answers one item per screen; answers are saved as given."""

from __future__ import annotations

import logging
from datetime import timedelta

from aiogram import Bot, F, Router
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import DiagCD, MenuCD
from bot.config import Settings
from bot.context import Clock
from bot.domain.diagnostics import Questionnaire
from bot.i18n import Translator
from bot.middlewares import RegisteredOnly
from bot.services import charts, content
from bot.services import diagnosis as service
from bot.ui import diagnosis as screens
from bot.ui.messaging import show
from bot.ui.screens import menu_button
from storage.models import DiagnosisAttempt, User
from storage.repositories import Repos

log = logging.getLogger(__name__)
router = Router(name=__name__)
# Every screen here needs a finished profile.
router.message.middleware(RegisteredOnly())
router.callback_query.middleware(RegisteredOnly())


@router.callback_query(MenuCD.filter(F.section == "diagnostics"))
@router.callback_query(DiagCD.filter(F.action == "list"))
async def open_list(
    query: CallbackQuery, repos: Repos, user: User, settings: Settings, _: Translator, clock: Clock
) -> None:
    offers = await service.offers(repos, user, clock(), settings.diagnosis_retake_days)
    await show(query, screens.list_screen(offers, clock(), settings.default_timezone, _))


@router.callback_query(DiagCD.filter(F.action == "open"))
async def open_questionnaire(
    query: CallbackQuery, callback_data: DiagCD, repos: Repos, user: User, _: Translator
) -> None:
    attempt = await repos.diagnosis.open_attempt(user.id, callback_data.q)
    if attempt is not None:
        attempt, questionnaire = await service.load_attempt(repos, user, attempt.id)
        await _show_item(query, repos, attempt, questionnaire, _)
        return
    version = await repos.content.active_one("questionnaire", callback_data.q)
    if version is None:
        await show(query, (_("diag-gone"), menu_button(_)))
        return
    await show(query, screens.intro_screen(content.as_questionnaire(version), _))


@router.callback_query(DiagCD.filter(F.action == "begin"))
async def begin(query: CallbackQuery, callback_data: DiagCD, repos: Repos, user: User, _: Translator) -> None:
    try:
        attempt, questionnaire = await service.start_or_resume(repos, user, callback_data.q)
    except LookupError:
        await show(query, (_("diag-gone"), menu_button(_)))
        return
    await _show_item(query, repos, attempt, questionnaire, _)


async def _show_item(
    event: CallbackQuery | Message,
    repos: Repos,
    attempt: DiagnosisAttempt,
    questionnaire: Questionnaire,
    _: Translator,
) -> None:
    answers = await repos.diagnosis.answers(attempt.id)
    _area, item = questionnaire.items[attempt.position]
    await show(event, screens.item_screen(questionnaire, attempt, answers.get(item.id), _))


@router.callback_query(DiagCD.filter(F.action.in_({"ans", "skip", "back", "later"})))
async def step(
    query: CallbackQuery,
    callback_data: DiagCD,
    bot: Bot,
    repos: Repos,
    user: User,
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        attempt, questionnaire = await service.load_attempt(repos, user, callback_data.a)
    except service.NotYours:
        callback_answer.text, callback_answer.show_alert = _("diag-not-yours"), True
        return
    if callback_data.action == "later":
        await show(query, screens.later_screen(questionnaire, attempt, _))
        return
    try:
        if callback_data.action == "back":
            await service.back(repos, attempt, callback_data.i)
            last = False
        elif callback_data.action == "skip":
            last = await service.skip(repos, attempt, questionnaire, callback_data.i)
        else:
            last = await service.answer(repos, attempt, questionnaire, callback_data.i, callback_data.v)
    except service.Stale:
        # A double tap or an old message: show the item that is really on turn.
        callback_answer.text = _("diag-stale")
        if attempt.finished_at is None:
            await _show_item(query, repos, attempt, questionnaire, _)
        return
    # The answer is saved before we talk to Telegram: the write lock is not held over the network.
    await repos.commit()
    if not last:
        await _show_item(query, repos, attempt, questionnaire, _)
        return
    await service.finish(repos, attempt, questionnaire, clock())
    await repos.commit()
    await _send_outcome(query, bot, repos, user, attempt.id, settings, _)


async def _send_outcome(
    query: CallbackQuery,
    bot: Bot,
    repos: Repos,
    user: User,
    attempt_id: int,
    settings: Settings,
    _: Translator,
    *,
    edit: bool = True,
) -> None:
    outcome = await service.outcome(repos, user, attempt_id)
    due = (
        outcome.attempt.finished_at + timedelta(days=settings.diagnosis_retake_days)
        if outcome.attempt.finished_at
        else None
    )
    await show(query, (screens.results_text(outcome, due, settings.default_timezone, _), None), edit=edit)
    png = await render_radar(outcome, _)
    await bot.send_photo(
        query.from_user.id,
        BufferedInputFile(png, filename="diagnosis.png"),
        caption=_("diag-chart-caption"),
    )
    await show(query, screens.recommendations_screen(outcome, user.share_results, _), edit=False)


async def render_radar(outcome: service.Outcome, _: Translator) -> bytes:
    """Drawn in a worker thread (~200 ms of CPU): the bot keeps answering others meanwhile."""
    return await charts.draw(
        charts.radar_png,
        [(r.title, r.score) for r in outcome.results],
        title=outcome.questionnaire.title,
        previous=[(r.title, r.score) for r in outcome.previous] if outcome.previous else None,
        labels=(_("chart-now"), _("chart-before")),
        thresholds=(outcome.questionnaire.levels.high_below, outcome.questionnaire.levels.medium_below),
    )


@router.callback_query(DiagCD.filter(F.action.in_({"result", "last"})))
async def result(
    query: CallbackQuery,
    callback_data: DiagCD,
    bot: Bot,
    repos: Repos,
    user: User,
    settings: Settings,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    attempt_id = callback_data.a
    if callback_data.action == "last":
        finished = await repos.diagnosis.finished(user.id, callback_data.q)
        if not finished:
            callback_answer.text = _("diag-history-empty")
            return
        attempt_id = finished[0].id
    try:
        await _send_outcome(query, bot, repos, user, attempt_id, settings, _, edit=False)
    except (service.NotYours, service.Stale):
        callback_answer.text, callback_answer.show_alert = _("diag-not-yours"), True


@router.callback_query(DiagCD.filter(F.action == "history"))
async def history(
    query: CallbackQuery,
    callback_data: DiagCD,
    repos: Repos,
    user: User,
    settings: Settings,
    _: Translator,
) -> None:
    rows = await service.history(repos, user, callback_data.q)
    version = await repos.content.active_one("questionnaire", callback_data.q)
    title = content.as_questionnaire(version).title if version else callback_data.q
    await show(query, screens.history_screen(title, rows, settings.default_timezone, _), edit=False)


@router.callback_query(DiagCD.filter(F.action == "share"))
async def share(
    query: CallbackQuery,
    callback_data: DiagCD,
    repos: Repos,
    user: User,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    await repos.users.update(user, share_results=bool(callback_data.v))
    callback_answer.text = _("diag-share-on") if user.share_results else _("diag-share-off")
    if isinstance(query.message, Message) and query.message.reply_markup is not None:
        try:
            outcome = await service.outcome(repos, user, callback_data.a)
        except (service.NotYours, service.Stale):
            return
        await show(query, screens.recommendations_screen(outcome, user.share_results, _))

"""«Диагностика»: a teacher answers one item per screen; answers are saved as given.

Each handler makes one call to `services.diagnosis` and shows what it returns; refusals
(a forged attempt, a questionnaire withdrawn) come back as `Refusal` and are said by
`handlers/errors`.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import DiagAction, DiagCD, MenuCD, Section
from bot.context import User
from bot.i18n import Translator
from bot.middlewares import RegisteredOnly
from bot.services.container import Services
from bot.services.diagnosis import Intro, Item, Later, Results, StaleTap, Step
from bot.ui import diagnosis as screens
from bot.ui.messaging import show


async def open_list(query: CallbackQuery, services: Services, user: User, _: Translator) -> None:
    offers = await services.diagnosis.offers(user)
    await show(query, screens.list_screen(offers.offers, offers.now, offers.timezone, _))


async def open_questionnaire(
    query: CallbackQuery, callback_data: DiagCD, services: Services, user: User, _: Translator
) -> None:
    view = await services.diagnosis.open(user, callback_data.q)
    if isinstance(view, Intro):
        await show(query, screens.intro_screen(view.questionnaire, _))
    else:
        await show(query, screens.item_view(view, _))


async def begin(
    query: CallbackQuery, callback_data: DiagCD, services: Services, user: User, _: Translator
) -> None:
    await show(query, screens.item_view(await services.diagnosis.begin(user, callback_data.q), _))


async def step(
    query: CallbackQuery,
    callback_data: DiagCD,
    services: Services,
    user: User,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    view = await services.diagnosis.step(
        user, callback_data.a, Step(callback_data.action.value), callback_data.i, callback_data.v
    )
    if isinstance(view, Item):
        await show(query, screens.item_view(view, _))
    elif isinstance(view, Later):
        await show(query, screens.later_screen(view.questionnaire, view.attempt, _))
    elif isinstance(view, StaleTap):
        # A double tap or an old message: show the item that is really on turn.
        callback_answer.text = _("diag-stale")
        if view.item is not None:
            await show(query, screens.item_view(view.item, _))
    else:
        await screens.show_results(query, view, _)


async def result(
    query: CallbackQuery, callback_data: DiagCD, services: Services, user: User, _: Translator
) -> None:
    if callback_data.action == DiagAction.LAST:
        results = await services.diagnosis.last_results(user, callback_data.q)
    else:
        results = await services.diagnosis.results(user, callback_data.a)
    await screens.show_results(query, results, _, edit=False)


async def history(
    query: CallbackQuery, callback_data: DiagCD, services: Services, user: User, _: Translator
) -> None:
    view = await services.diagnosis.history_of(user, callback_data.q)
    await show(query, screens.history_screen(view.title, view.rows, view.timezone, _), edit=False)


async def share(
    query: CallbackQuery,
    callback_data: DiagCD,
    services: Services,
    user: User,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    results: Results | None = await services.diagnosis.share(user, bool(callback_data.v), callback_data.a)
    callback_answer.text = _("diag-share-on") if user.share_results else _("diag-share-off")
    if results is not None and screens.has_buttons(query):
        await show(query, screens.recommendations_screen(results.outcome, results.shared, _))


def build_router() -> Router:
    router = Router(name=__name__)
    # Every screen here needs a finished profile.
    router.message.middleware(RegisteredOnly())
    router.callback_query.middleware(RegisteredOnly())
    on = router.callback_query.register
    on(open_list, MenuCD.filter(F.section == Section.DIAGNOSTICS))
    on(open_list, DiagCD.filter(F.action == DiagAction.LIST))
    on(open_questionnaire, DiagCD.filter(F.action == DiagAction.OPEN))
    on(begin, DiagCD.filter(F.action == DiagAction.BEGIN))
    on(
        step,
        DiagCD.filter(F.action.in_({DiagAction.ANS, DiagAction.SKIP, DiagAction.BACK, DiagAction.LATER})),
    )
    on(result, DiagCD.filter(F.action.in_({DiagAction.RESULT, DiagAction.LAST})))
    on(history, DiagCD.filter(F.action == DiagAction.HISTORY))
    on(share, DiagCD.filter(F.action == DiagAction.SHARE))
    return router

"""«Моя диагностика»: a teacher answers one item per screen; answers are saved as given.

Each handler makes one call to `services.diagnosis` and shows what it returns; refusals
(a forged attempt, a questionnaire withdrawn) come back as `Refusal` and are said by
`handlers/errors`.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery

from bot.callbacks import DiagAction, DiagCD, MenuCD, Section
from bot.i18n import Translator
from bot.middlewares import RegisteredOnly, gated
from bot.services.diagnosis import Intro, Item, Later, Results, StaleTap, Step
from bot.turn import Turn
from bot.ui import diagnosis as screens
from bot.ui.messaging import show


async def open_list(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    offers = await turn.services.diagnosis.offers(turn.person)
    await show(query, screens.list_screen(offers.offers, offers.now, offers.timezone, _))


async def open_questionnaire(query: CallbackQuery, callback_data: DiagCD, turn: Turn, _: Translator) -> None:
    view = await turn.services.diagnosis.open(turn.person, callback_data.q)
    if isinstance(view, Intro):
        await show(query, screens.intro_screen(view.questionnaire, _))
    else:
        await show(query, screens.item_view(view, _))


async def begin(query: CallbackQuery, callback_data: DiagCD, turn: Turn, _: Translator) -> None:
    await show(query, screens.item_view(await turn.services.diagnosis.begin(turn.person, callback_data.q), _))


async def step(query: CallbackQuery, callback_data: DiagCD, turn: Turn, _: Translator) -> None:
    view = await turn.services.diagnosis.step(
        turn.person, callback_data.a, Step(callback_data.action.value), callback_data.i, callback_data.v
    )
    if isinstance(view, Item):
        await show(query, screens.item_view(view, _))
    elif isinstance(view, Later):
        await show(query, screens.later_screen(view.questionnaire, view.attempt, _))
    elif isinstance(view, StaleTap):
        # A double tap or an old message: show the item that is really on turn.
        turn.answer.text = _("diag-stale")
        if view.item is not None:
            await show(query, screens.item_view(view.item, _))
    else:
        await screens.show_results(query, view, _)


async def result(query: CallbackQuery, callback_data: DiagCD, turn: Turn, _: Translator) -> None:
    if callback_data.action == DiagAction.LAST:
        results = await turn.services.diagnosis.last_results(turn.person, callback_data.q)
    else:
        results = await turn.services.diagnosis.results(turn.person, callback_data.a)
    await screens.show_results(query, results, _, edit=False)


async def history(query: CallbackQuery, callback_data: DiagCD, turn: Turn, _: Translator) -> None:
    view = await turn.services.diagnosis.history_of(turn.person, callback_data.q)
    await show(query, screens.history_screen(view.title, view.rows, view.timezone, _), edit=False)


async def share(query: CallbackQuery, callback_data: DiagCD, turn: Turn, _: Translator) -> None:
    results: Results | None = await turn.services.diagnosis.share(
        turn.person, bool(callback_data.v), callback_data.a
    )
    turn.answer.text = _("diag-share-on") if turn.person.share_results else _("diag-share-off")
    if results is not None and screens.has_buttons(query):
        await show(query, screens.recommendations_screen(results.outcome, results.shared, _))


A = DiagAction


def build_router() -> Router:
    router = gated(__name__, RegisteredOnly())
    on, cd = router.callback_query.register, DiagCD.filter
    on(open_list, MenuCD.filter(F.section == Section.DIAGNOSTICS))
    on(open_list, cd(F.action == A.LIST))
    on(open_questionnaire, cd(F.action == A.OPEN))
    on(begin, cd(F.action == A.BEGIN))
    on(step, cd(F.action.in_({A.ANS, A.SKIP, A.BACK, A.LATER})))
    on(result, cd(F.action.in_({A.RESULT, A.LAST})))
    on(history, cd(F.action == A.HISTORY))
    on(share, cd(F.action == A.SHARE))
    return router

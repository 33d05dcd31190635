"""Staff's pairs: the home, running the matching, proposals (confirm all, one by one, another
mentor, reject), pairs at risk, one pair (pause, resume, complete, another mentor)."""

from __future__ import annotations

from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import PairAction, PairCD
from bot.domain.mentoring import PairStatus
from bot.i18n import Translator
from bot.services.container import Services
from bot.services.mentoring.views import Desk, ScopedPair
from bot.ui.mentoring import staff as screens
from bot.ui.messaging import show

TARGET = {
    PairAction.PAUSE: PairStatus.PAUSED,
    PairAction.RESUME: PairStatus.ACTIVE,
    PairAction.COMPLETE: PairStatus.COMPLETED,
}


async def home(query: CallbackQuery, desk: Desk, services: Services, _: Translator) -> None:
    await show(query, screens.staff_home(await services.mentoring.staff_home(desk), _))


async def pick_scope(query: CallbackQuery, desk: Desk, services: Services, _: Translator) -> None:
    """The regional centre chooses the region or one municipality; a municipal service runs its own."""
    await show(query, screens.staff_screen(await services.mentoring.pick_scope(desk), _))


async def run_matching(
    query: CallbackQuery, callback_data: PairCD, desk: Desk, services: Services, _: Translator
) -> None:
    view = await services.mentoring.run_matching(desk, callback_data.m)
    await show(query, screens.proposals_screen(view, _))


async def proposals(
    query: CallbackQuery, callback_data: PairCD, desk: Desk, services: Services, _: Translator
) -> None:
    view = await services.mentoring.proposals(desk, callback_data.pg)
    await show(query, screens.proposals_screen(view, _))


async def proposal(
    query: CallbackQuery, callback_data: PairCD, scoped: ScopedPair, services: Services, _: Translator
) -> None:
    await show(query, screens.proposal_screen(await services.mentoring.proposal(scoped, callback_data.pg), _))


async def decide(
    query: CallbackQuery,
    callback_data: PairCD,
    desk: Desk,
    scoped: ScopedPair,
    services: Services,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """A proposal confirmed (both people introduced) or rejected; the proposals left."""
    if callback_data.action == PairAction.CONFIRM:
        outcome = await services.mentoring.confirm(desk, scoped, callback_data.pg)
    else:
        outcome = await services.mentoring.reject(desk, scoped, callback_data.pg)
    await screens.show_outcome(query, outcome, _, callback_answer)


async def confirm_all(
    query: CallbackQuery, desk: Desk, services: Services, _: Translator, callback_answer: CallbackAnswer
) -> None:
    await screens.show_outcome(query, await services.mentoring.confirm_all(desk), _, callback_answer)


async def others(
    query: CallbackQuery, callback_data: PairCD, scoped: ScopedPair, services: Services, _: Translator
) -> None:
    await show(query, screens.others_screen(await services.mentoring.others(scoped, callback_data.pg), _))


async def pick(
    query: CallbackQuery, callback_data: PairCD, scoped: ScopedPair, services: Services, _: Translator
) -> None:
    view = await services.mentoring.pick(scoped, callback_data.m, callback_data.pg)
    await show(query, screens.proposal_screen(view, _))


async def risk(query: CallbackQuery, desk: Desk, services: Services, _: Translator) -> None:
    await show(query, screens.risk_screen(await services.mentoring.at_risk(desk), _))


async def pair_card(
    query: CallbackQuery,
    callback_data: PairCD,
    scoped: ScopedPair,
    services: Services,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """The pair; paused, resumed or completed first when the tap says so."""
    outcome = await services.mentoring.staff_pair(scoped, TARGET.get(callback_data.action))
    await screens.show_outcome(query, outcome, _, callback_answer)


async def rematch(
    query: CallbackQuery,
    desk: Desk,
    scoped: ScopedPair,
    services: Services,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """The pair does not work out: it is cancelled and another mentor is proposed for the young one."""
    await screens.show_outcome(query, await services.mentoring.rematch(desk, scoped), _, callback_answer)

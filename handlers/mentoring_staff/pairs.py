"""Staff's pairs: the home, running the matching, proposals (confirm all, one by one, another
mentor, reject), pairs at risk, one pair (pause, resume, complete, another mentor)."""

from __future__ import annotations

from aiogram.types import CallbackQuery

from bot.callbacks import PairAction, PairCD
from bot.domain.mentoring import PairStatus
from bot.i18n import Translator
from bot.services.mentoring.views import Desk, ScopedPair
from bot.turn import Turn
from bot.ui.mentoring import staff as screens
from bot.ui.messaging import show

TARGET = {
    PairAction.PAUSE: PairStatus.PAUSED,
    PairAction.RESUME: PairStatus.ACTIVE,
    PairAction.COMPLETE: PairStatus.COMPLETED,
}


async def home(query: CallbackQuery, desk: Desk, turn: Turn, _: Translator) -> None:
    await show(query, screens.staff_home(await turn.services.mentoring.staff_home(desk), _))


async def pick_scope(query: CallbackQuery, desk: Desk, turn: Turn, _: Translator) -> None:
    """The regional centre chooses the region or one municipality; a municipal service runs its own."""
    await show(query, screens.staff_screen(await turn.services.mentoring.pick_scope(desk), _))


async def proposals(
    query: CallbackQuery, callback_data: PairCD, desk: Desk, turn: Turn, _: Translator
) -> None:
    """The proposals: after a matching run (in the municipality chosen), or a page of them."""
    mentoring = turn.services.mentoring
    if callback_data.action is PairAction.MATCH_IN:
        view = await mentoring.run_matching(desk, callback_data.m)
    else:
        view = await mentoring.proposals(desk, callback_data.pg)
    await show(query, screens.proposals_screen(view, _))


async def proposal(
    query: CallbackQuery, callback_data: PairCD, scoped: ScopedPair, turn: Turn, _: Translator
) -> None:
    """One proposal; with another mentor when one was picked from the others."""
    mentoring = turn.services.mentoring
    if callback_data.action is PairAction.PICK:
        view = await mentoring.pick(scoped, callback_data.m, callback_data.pg)
    else:
        view = await mentoring.proposal(scoped, callback_data.pg)
    await show(query, screens.proposal_screen(view, _))


async def decide(
    query: CallbackQuery, callback_data: PairCD, desk: Desk, scoped: ScopedPair, turn: Turn, _: Translator
) -> None:
    """A proposal confirmed (both people introduced) or rejected; the proposals left."""
    if callback_data.action == PairAction.CONFIRM:
        outcome = await turn.services.mentoring.confirm(desk, scoped, callback_data.pg)
    else:
        outcome = await turn.services.mentoring.reject(desk, scoped, callback_data.pg)
    await screens.show_outcome(query, outcome, _, turn.answer)


async def confirm_all(query: CallbackQuery, desk: Desk, turn: Turn, _: Translator) -> None:
    await screens.show_outcome(query, await turn.services.mentoring.confirm_all(desk), _, turn.answer)


async def others(
    query: CallbackQuery, callback_data: PairCD, scoped: ScopedPair, turn: Turn, _: Translator
) -> None:
    view = await turn.services.mentoring.others(scoped, callback_data.pg)
    await show(query, screens.others_screen(view, _))


async def risk(query: CallbackQuery, desk: Desk, turn: Turn, _: Translator) -> None:
    await show(query, screens.risk_screen(await turn.services.mentoring.at_risk(desk), _))


async def pair_card(
    query: CallbackQuery, callback_data: PairCD, scoped: ScopedPair, turn: Turn, _: Translator
) -> None:
    """The pair; paused, resumed or completed first when the tap says so."""
    outcome = await turn.services.mentoring.staff_pair(scoped, TARGET.get(callback_data.action))
    await screens.show_outcome(query, outcome, _, turn.answer)


async def rematch(query: CallbackQuery, desk: Desk, scoped: ScopedPair, turn: Turn, _: Translator) -> None:
    """The pair does not work out: it is cancelled and another mentor is proposed for the young one."""
    await screens.show_outcome(query, await turn.services.mentoring.rematch(desk, scoped), _, turn.answer)

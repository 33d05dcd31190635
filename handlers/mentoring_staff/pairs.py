"""Staff's pairs: the home, running the matching, proposals (confirm all, one by one, another
mentor, reject), pairs at risk, one pair (pause, resume, complete, another mentor)."""

from __future__ import annotations

from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import PairAction, PairCD
from bot.context import User
from bot.domain.mentoring import PairStatus
from bot.domain.roles import Role
from bot.i18n import Translator
from bot.services.container import Services
from bot.services.mentoring.views import Outcome, ScopedPair
from bot.ui.mentoring import staff as screens
from bot.ui.messaging import show

TARGET = {
    PairAction.PAUSE: PairStatus.PAUSED,
    PairAction.RESUME: PairStatus.ACTIVE,
    PairAction.COMPLETE: PairStatus.COMPLETED,
}


async def home(
    query: CallbackQuery, services: Services, user: User | None, roles: frozenset[Role], _: Translator
) -> None:
    await show(query, screens.staff_home(await services.mentoring.staff_home(user, roles), _))


async def pick_scope(
    query: CallbackQuery, services: Services, user: User | None, roles: frozenset[Role], _: Translator
) -> None:
    """The regional centre chooses the region or one municipality; a municipal service runs its own."""
    await show(query, screens.staff_screen(await services.mentoring.pick_scope(user, roles), _))


async def run_matching(
    query: CallbackQuery,
    callback_data: PairCD,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    view = await services.mentoring.run_matching(user, roles, callback_data.m)
    await show(query, screens.proposals_screen(view, _))


async def proposals(
    query: CallbackQuery,
    callback_data: PairCD,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    await show(
        query, screens.proposals_screen(await services.mentoring.proposals(user, roles, callback_data.pg), _)
    )


async def proposal(
    query: CallbackQuery, callback_data: PairCD, scoped: ScopedPair, services: Services, _: Translator
) -> None:
    await show(query, screens.proposal_screen(await services.mentoring.proposal(scoped, callback_data.pg), _))


async def _outcome(query: CallbackQuery, outcome: Outcome, _: Translator, answer: CallbackAnswer) -> None:
    await screens.show_outcome(query, outcome, _, answer)


async def confirm(
    query: CallbackQuery,
    callback_data: PairCD,
    scoped: ScopedPair,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    outcome = await services.mentoring.confirm(user, roles, scoped, callback_data.pg)
    await _outcome(query, outcome, _, callback_answer)


async def confirm_all(
    query: CallbackQuery,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    await _outcome(query, await services.mentoring.confirm_all(user, roles), _, callback_answer)


async def others(
    query: CallbackQuery, callback_data: PairCD, scoped: ScopedPair, services: Services, _: Translator
) -> None:
    await show(query, screens.others_screen(await services.mentoring.others(scoped, callback_data.pg), _))


async def pick(
    query: CallbackQuery, callback_data: PairCD, scoped: ScopedPair, services: Services, _: Translator
) -> None:
    view = await services.mentoring.pick(scoped, callback_data.m, callback_data.pg)
    await show(query, screens.proposal_screen(view, _))


async def reject(
    query: CallbackQuery,
    callback_data: PairCD,
    scoped: ScopedPair,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    outcome = await services.mentoring.reject(user, roles, scoped, callback_data.pg)
    await _outcome(query, outcome, _, callback_answer)


async def risk(
    query: CallbackQuery, services: Services, user: User | None, roles: frozenset[Role], _: Translator
) -> None:
    await show(query, screens.risk_screen(await services.mentoring.at_risk(user, roles), _))


async def pair_card(
    query: CallbackQuery,
    callback_data: PairCD,
    scoped: ScopedPair,
    services: Services,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    outcome = await services.mentoring.staff_pair(scoped, TARGET.get(callback_data.action))
    await _outcome(query, outcome, _, callback_answer)


async def rematch(
    query: CallbackQuery,
    scoped: ScopedPair,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """The pair does not work out: it is cancelled and another mentor is proposed for the young one."""
    await _outcome(query, await services.mentoring.rematch(user, roles, scoped), _, callback_answer)

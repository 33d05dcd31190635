"""Staff's mentoring: run the matching and confirm pairs (all, one by one, or another mentor),
pairs at risk, one pair (`pairs`), mentors' applications and the report with its XLSX
(`applications`). Role check: RoleGate(staff, admin); municipal staff see and change their
municipality only — the filters (`filters`) give the desk (who, which scope) and check a pair's
or an application's scope."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiogram import F, Router

from bot.callbacks import MenuCD, PairAction, PairCD, Section
from bot.domain.roles import Role
from bot.filters import Owned
from bot.middlewares import RoleGate, gated
from handlers.mentoring_staff import applications, pairs
from handlers.mentoring_staff.filters import ApplicationInScope, AtDesk, InScope

PAIR_STATES = {PairAction.PAIR, PairAction.PAUSE, PairAction.RESUME, PairAction.COMPLETE}


def build_router() -> Router:
    router = gated(__name__, RoleGate({Role.STAFF, Role.ADMIN}))
    on = router.callback_query.register
    on(pairs.home, MenuCD.filter(F.section == Section.PAIRS), AtDesk())
    # In today's order: what each tap opens, and what it reaches (the desk, a pair, an application).
    table: tuple[tuple[Callable[..., Any], set[PairAction], tuple[Owned, ...]], ...] = (
        (pairs.home, {PairAction.HOME}, (AtDesk(),)),
        (pairs.pick_scope, {PairAction.MATCH}, (AtDesk(),)),
        (pairs.proposals, {PairAction.MATCH_IN, PairAction.PROPOSALS}, (AtDesk(),)),
        (pairs.proposal, {PairAction.PROPOSAL, PairAction.PICK}, (InScope(),)),
        (pairs.decide, {PairAction.CONFIRM, PairAction.REJECT}, (AtDesk(), InScope())),
        (pairs.confirm_all, {PairAction.CONFIRM_ALL}, (AtDesk(),)),
        (pairs.others, {PairAction.OTHERS}, (InScope(),)),
        (pairs.risk, {PairAction.RISK}, (AtDesk(),)),
        (pairs.pair_card, PAIR_STATES, (InScope(),)),
        (pairs.rematch, {PairAction.REMATCH}, (AtDesk(), InScope())),
        (applications.applications, {PairAction.APPS}, (AtDesk(),)),
        (applications.decide, {PairAction.APPROVE, PairAction.DECLINE}, (AtDesk(), ApplicationInScope())),
        (applications.report, {PairAction.REPORT}, (AtDesk(),)),
        (applications.xlsx, {PairAction.XLSX}, (AtDesk(),)),
    )
    for handler, actions, reach in table:
        on(handler, PairCD.filter(F.action.in_(actions)), *reach)
    return router

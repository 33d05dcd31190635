"""Staff's mentoring: run the matching and confirm pairs (all, one by one, or another mentor),
pairs at risk, one pair (`pairs`), mentors' applications and the report with its XLSX
(`applications`). Role check: RoleGate(staff, admin); municipal staff see and change their
municipality only — the filters (`filters`) check a pair's or an application's scope."""

from __future__ import annotations

from aiogram import F, Router

from bot.callbacks import MenuCD, PairAction, PairCD, Section
from bot.domain.roles import Role
from bot.middlewares import RoleGate
from handlers.mentoring_staff import applications, pairs
from handlers.mentoring_staff.filters import ScopedApplication, ScopedPair


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.middleware(RoleGate({Role.STAFF, Role.ADMIN}))
    router.callback_query.middleware(RoleGate({Role.STAFF, Role.ADMIN}))
    on = router.callback_query.register

    on(pairs.home, MenuCD.filter(F.section == Section.PAIRS))
    on(pairs.home, PairCD.filter(F.action == PairAction.HOME))
    on(pairs.pick_scope, PairCD.filter(F.action == PairAction.MATCH))
    on(pairs.run_matching, PairCD.filter(F.action == PairAction.MATCH_IN))
    on(pairs.proposals, PairCD.filter(F.action == PairAction.PROPOSALS))
    on(pairs.proposal, PairCD.filter(F.action == PairAction.PROPOSAL), ScopedPair())
    on(pairs.confirm, PairCD.filter(F.action == PairAction.CONFIRM), ScopedPair())
    on(pairs.confirm_all, PairCD.filter(F.action == PairAction.CONFIRM_ALL))
    on(pairs.others, PairCD.filter(F.action == PairAction.OTHERS), ScopedPair())
    on(pairs.pick, PairCD.filter(F.action == PairAction.PICK), ScopedPair())
    on(pairs.reject, PairCD.filter(F.action == PairAction.REJECT), ScopedPair())
    on(pairs.risk, PairCD.filter(F.action == PairAction.RISK))
    on(
        pairs.pair_card,
        PairCD.filter(
            F.action.in_({PairAction.PAIR, PairAction.PAUSE, PairAction.RESUME, PairAction.COMPLETE})
        ),
        ScopedPair(),
    )
    on(pairs.rematch, PairCD.filter(F.action == PairAction.REMATCH), ScopedPair())
    on(applications.applications, PairCD.filter(F.action == PairAction.APPS))
    on(
        applications.decide,
        PairCD.filter(F.action.in_({PairAction.APPROVE, PairAction.DECLINE})),
        ScopedApplication(),
    )
    on(applications.report, PairCD.filter(F.action == PairAction.REPORT))
    on(applications.xlsx, PairCD.filter(F.action == PairAction.XLSX))
    return router

"""The expert review: the expert's queue and scoring (RoleGate: expert; the review's reach in
`OwnReview`), staff's expert pool and juries (RoleGate: staff, admin; an expert's scope in
`ExpertInScope`), and for everyone registered: «Хочу быть экспертом» (/expert) and the author's
certificate (checked in the service: the author's own published practice only)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.filters.callback_data import CallbackQueryFilter

from bot.callbacks import ExpertAction, ExpertCD, MenuCD, PoolAction, PoolCD, Section
from bot.domain.roles import Role
from bot.middlewares import RegisteredOnly, RoleGate, gated
from handlers.expertise import expert, pool
from handlers.expertise.filters import AtPool, ExpertInScope, OwnReview
from handlers.expertise.states import ExpertDialog


def experts_router() -> Router:
    router = gated(__name__ + ".experts", RoleGate({Role.EXPERT}))
    tap, typed = router.callback_query.register, router.message.register

    def on(*actions: ExpertAction) -> CallbackQueryFilter:
        return ExpertCD.filter(F.action.in_(set(actions)))

    tap(expert.home, MenuCD.filter(F.section == Section.EXPERTISE))
    tap(expert.home, on(ExpertAction.HOME))
    tap(expert.card, on(ExpertAction.CARD), OwnReview())
    tap(expert.files, on(ExpertAction.FILES), OwnReview())
    tap(expert.criterion, on(ExpertAction.CRIT), OwnReview())
    tap(expert.score, on(ExpertAction.SCORE), OwnReview())
    tap(expert.ask_comment, on(ExpertAction.COMMENT), OwnReview())
    typed(expert.got_comment, ExpertDialog.comment, F.text)
    typed(expert.comment_not_text, ExpertDialog.comment)
    tap(expert.submit, on(ExpertAction.SUBMIT), OwnReview())
    tap(expert.ask_refuse, on(ExpertAction.REFUSE), OwnReview())
    tap(expert.refuse, on(ExpertAction.REFUSE_YES), OwnReview())
    return router


def staff_router() -> Router:
    router = gated(__name__ + ".staff", RoleGate({Role.STAFF, Role.ADMIN}))
    tap = router.callback_query.register

    def on(*actions: PoolAction) -> CallbackQueryFilter:
        return PoolCD.filter(F.action.in_(set(actions)))

    tap(pool.home, MenuCD.filter(F.section == Section.EXPERTS), AtPool())
    tap(pool.home, on(PoolAction.HOME), AtPool())
    tap(pool.requests, on(PoolAction.REQUESTS), AtPool())
    tap(pool.decide, on(PoolAction.APPROVE, PoolAction.DECLINE), AtPool(), ExpertInScope())
    tap(pool.card, on(PoolAction.CARD), AtPool(), ExpertInScope())
    tap(
        pool.change, on(PoolAction.PAUSE, PoolAction.RESUME, PoolAction.REMOVE_YES), AtPool(), ExpertInScope()
    )
    tap(pool.ask_remove, on(PoolAction.REMOVE), AtPool(), ExpertInScope())
    tap(pool.invite, on(PoolAction.INVITE), AtPool())
    tap(pool.contests, on(PoolAction.CONTESTS), AtPool())
    tap(pool.jury, on(PoolAction.JURY), AtPool())
    tap(pool.toggle, on(PoolAction.TOGGLE), AtPool(), ExpertInScope())
    return router


def people_router() -> Router:
    router = gated(__name__ + ".people", RegisteredOnly())
    tap = router.callback_query.register
    router.message.register(expert.apply_offer, Command("expert"))
    tap(expert.apply_offer, ExpertCD.filter(F.action == ExpertAction.APPLY))
    tap(expert.apply, ExpertCD.filter(F.action == ExpertAction.APPLY_YES))
    tap(expert.certificate, ExpertCD.filter(F.action == ExpertAction.CERT))
    return router


def build_router() -> Router:
    router = Router(name=__name__)
    router.include_router(experts_router())
    router.include_router(staff_router())
    router.include_router(people_router())
    return router

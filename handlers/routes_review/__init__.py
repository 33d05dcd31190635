"""The methodist accompanies routes (their teachers, review with comments on steps, approval), and
staff put teachers with methodists. Role checks: RoleGate on each router (methodists, then staff),
the route's reach in `ReviewedRoute` (the service)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.filters.callback_data import CallbackQueryFilter

from bot.callbacks import AssignAction, AssignCD, MenuCD, ReviewAction, ReviewCD, Section
from bot.domain.roles import Role
from bot.middlewares import RoleGate, gated
from handlers.routes_review import review, staff
from handlers.routes_review.filters import ReviewedRoute
from handlers.routes_review.states import AssignDialog, ReviewDialog


def methodists_router() -> Router:
    router = gated(__name__ + ".methodists", RoleGate({Role.METHODIST}))
    tap, typed = router.callback_query.register, router.message.register

    def on(*actions: ReviewAction) -> CallbackQueryFilter:
        return ReviewCD.filter(F.action.in_(set(actions)))

    tap(review.my_teachers, MenuCD.filter(F.section == Section.TEACHERS))
    tap(review.my_teachers, on(ReviewAction.LIST))
    tap(review.teacher, on(ReviewAction.TEACHER))
    tap(review.route, on(ReviewAction.ROUTE), ReviewedRoute())
    tap(review.step, on(ReviewAction.STEP), ReviewedRoute())
    tap(review.files, on(ReviewAction.FILES), ReviewedRoute())
    tap(review.comment, on(ReviewAction.COMMENT, ReviewAction.UNCOMMENT), ReviewedRoute())
    typed(review.got_comment, ReviewDialog.step_comment, F.text)
    tap(review.ask_return, on(ReviewAction.RETURN), ReviewedRoute())
    tap(review.return_without_comment, ReviewDialog.route_comment, on(ReviewAction.RETURN_NOW))
    typed(review.return_with_comment, ReviewDialog.route_comment, F.text)
    typed(review.comment_not_text, StateFilter(ReviewDialog.step_comment, ReviewDialog.route_comment))
    tap(review.approve, on(ReviewAction.APPROVE), ReviewedRoute())
    tap(review.export, on(ReviewAction.EXPORT), ReviewedRoute())
    return router


def staff_router() -> Router:
    router = gated(__name__ + ".staff", RoleGate({Role.STAFF, Role.ADMIN}))
    tap = router.callback_query.register
    tap(staff.home, MenuCD.filter(F.section == Section.METHODISTS))
    tap(staff.home, AssignCD.filter(F.action == AssignAction.HOME))
    tap(staff.auto, AssignCD.filter(F.action == AssignAction.AUTO))
    tap(staff.ask_search, AssignCD.filter(F.action == AssignAction.SEARCH))
    router.message.register(staff.search, AssignDialog.search, F.text)
    tap(staff.pick, AssignCD.filter(F.action == AssignAction.TEACHER))
    tap(staff.put, AssignCD.filter(F.action == AssignAction.PUT))
    return router


def build_router() -> Router:
    router = Router(name=__name__)
    router.include_router(methodists_router())
    router.include_router(staff_router())
    return router

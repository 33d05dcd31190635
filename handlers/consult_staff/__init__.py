"""Staff's «💬 Консультации»: the questions that need staff (overdue, or nobody to answer), passing
one to another methodist, the report and its XLSX. Role check: RoleGate(staff, admin); municipal
staff reach their municipality's questions only — the filters (`filters`) give the desk and check a
question's scope."""

from __future__ import annotations

from aiogram import F, Router

from bot.callbacks import ConsultStaffAction, ConsultStaffCD, MenuCD, Section
from bot.domain.roles import Role
from bot.middlewares import RoleGate, gated
from handlers.consult_staff import screens
from handlers.consult_staff.filters import AtDesk, QuestionInScope

A = ConsultStaffAction


def build_router() -> Router:
    router = gated(__name__, RoleGate({Role.STAFF, Role.ADMIN}))
    on = router.callback_query.register
    on(screens.home, MenuCD.filter(F.section == Section.CONSULT_STAFF), AtDesk())
    on(screens.home, ConsultStaffCD.filter(F.action == A.HOME), AtDesk())
    on(screens.question, ConsultStaffCD.filter(F.action == A.OPEN), AtDesk(), QuestionInScope())
    on(screens.pick, ConsultStaffCD.filter(F.action == A.PICK), QuestionInScope())
    on(screens.move, ConsultStaffCD.filter(F.action == A.MOVE), AtDesk(), QuestionInScope())
    on(screens.report, ConsultStaffCD.filter(F.action == A.REPORT), AtDesk())
    on(screens.xlsx, ConsultStaffCD.filter(F.action == A.XLSX), AtDesk())
    return router

"""Methodological associations: teachers' «👥 Методобъединения» (`teacher`), the leader's buttons
(`leader`, each checked by `Led`), staff's «🗂 Методобъединения: ведение» (`staff`, RoleGate).

Teachers and leaders share one router behind `RegisteredOnly`: a leader is a teacher with a place in
the association, not a role of the whole bot, so the service decides (`visible`, `led`, `_as_member`)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.filters.callback_data import CallbackQueryFilter

from bot.callbacks import AsAction, AsCD, AsStaffAction, AsStaffCD, MenuCD, Section
from bot.domain.roles import Role
from bot.middlewares import RegisteredOnly, RoleGate, gated
from handlers.associations import leader, staff, teacher
from handlers.associations.filters import Led, Managed, Visible
from handlers.associations.states import AsDialog, AsStaffDialog


def on(*actions: AsAction) -> CallbackQueryFilter:
    return AsCD.filter(F.action.in_(set(actions)))


def on_staff(*actions: AsStaffAction) -> CallbackQueryFilter:
    return AsStaffCD.filter(F.action.in_(set(actions)))


def _members_router() -> Router:
    router = gated(f"{__name__}.members", RegisteredOnly())
    tap, typed = router.callback_query.register, router.message.register
    tap(teacher.listing, MenuCD.filter(F.section == Section.ASSOCIATIONS))
    tap(teacher.listing, on(AsAction.LIST))
    tap(teacher.open_card, on(AsAction.OPEN), Visible())
    tap(teacher.join, on(AsAction.JOIN), Visible())
    tap(teacher.leave, on(AsAction.LEAVE), Visible())
    tap(teacher.leave_yes, on(AsAction.LEAVE_YES), Visible())
    tap(teacher.plan, on(AsAction.PLAN))
    tap(teacher.docx, on(AsAction.DOCX))
    tap(teacher.meetings, on(AsAction.MEETINGS))
    tap(teacher.meeting, on(AsAction.MEETING))
    tap(teacher.material, on(AsAction.FILE))
    tap(teacher.minutes, on(AsAction.MINUTES))
    # the leader's
    tap(leader.members, on(AsAction.MEMBERS), Led())
    tap(leader.requests, on(AsAction.REQUESTS), Led())
    tap(leader.decide, on(AsAction.APPROVE, AsAction.DECLINE), Led())
    tap(leader.remove, on(AsAction.REMOVE), Led())
    tap(leader.candidates, on(AsAction.CANDIDATES), Led())
    tap(leader.add, on(AsAction.ADD), Led())
    tap(leader.plan_add, on(AsAction.PLAN_ADD), Led())
    tap(leader.plan_month, on(AsAction.PLAN_MONTH), Led())
    tap(leader.plan_form, on(AsAction.PLAN_FORM), Led())
    tap(leader.plan_me, on(AsAction.PLAN_ME), Led())
    tap(leader.plan_delete, on(AsAction.PLAN_DEL), Led())
    typed(leader.plan_topic, AsDialog.plan_topic, F.text)
    typed(leader.plan_who, AsDialog.plan_who, F.text)
    tap(leader.meet_new, on(AsAction.MEET_NEW), Led())
    tap(leader.meet_skip, on(AsAction.MEET_SKIP), Led())
    tap(leader.meet_go, on(AsAction.MEET_GO), Led())
    typed(leader.meet_when, AsDialog.meet_when, F.text)
    typed(leader.meet_place, AsDialog.meet_place, F.text)
    typed(leader.meet_agenda, AsDialog.meet_agenda, F.text)
    typed(leader.meet_file, AsDialog.meet_files)
    tap(leader.mark, on(AsAction.ATTEND, AsAction.TALK), Led())
    tap(leader.upload, on(AsAction.UPLOAD), Led())
    typed(leader.got_minutes, AsDialog.minutes)
    tap(leader.write, on(AsAction.WRITE), Led())
    typed(leader.write_text, AsDialog.write, F.text)
    tap(leader.send, on(AsAction.SEND), Led())
    tap(leader.abort, on(AsAction.ABORT), Led())
    typed(
        leader.not_text,
        StateFilter(
            AsDialog.plan_topic,
            AsDialog.plan_who,
            AsDialog.meet_when,
            AsDialog.meet_place,
            AsDialog.meet_agenda,
            AsDialog.write,
        ),
    )
    return router


def _staff_router() -> Router:
    router = gated(f"{__name__}.staff", RoleGate({Role.STAFF, Role.ADMIN}))
    tap, typed = router.callback_query.register, router.message.register
    tap(staff.home, MenuCD.filter(F.section == Section.ASSOCIATIONS_STAFF))
    tap(staff.home, on_staff(AsStaffAction.HOME))
    tap(staff.new, on_staff(AsStaffAction.NEW))
    tap(staff.level, on_staff(AsStaffAction.LEVEL))
    tap(staff.muni, on_staff(AsStaffAction.MUNI))
    tap(staff.school, on_staff(AsStaffAction.SCHOOL))
    tap(staff.subject, on_staff(AsStaffAction.SUBJECT))
    tap(staff.approval, on_staff(AsStaffAction.APPROVAL))
    tap(staff.create, on_staff(AsStaffAction.CREATE))
    typed(staff.typed_name, AsStaffDialog.name, F.text)
    typed(staff.not_text, AsStaffDialog.name)
    tap(staff.open_card, on_staff(AsStaffAction.OPEN, AsStaffAction.MEMBERS), Managed())
    tap(staff.invite, on_staff(AsStaffAction.INVITE), Managed())
    tap(staff.lead, on_staff(AsStaffAction.LEAD), Managed())
    tap(staff.abort, on_staff(AsStaffAction.ABORT))
    return router


def build_router() -> Router:
    router = Router(name=__name__)
    router.include_router(_members_router())
    router.include_router(_staff_router())
    return router

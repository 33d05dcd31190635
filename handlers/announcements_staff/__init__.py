"""Announcements without an event, for staff (and methodists, to the teachers of their subjects):
«📰 Новое объявление» and «🗂 Мои объявления» on «📣 Анонсы и объявления». Role check:
RoleGate(staff, admin, methodist); which announcements each may touch — the events' rule
(`bot.services.announcements.may_manage`), through the OwnAnnouncement filter.

- `wizard` — the text, a picture or document, link buttons, «Назад» and «Отмена»;
- `send` — the audience picker, the exact preview, sending now or at a time;
- `after` — the list, the card with progress and stop, a scheduled one taken back;
- `states`, `filters`.
"""

from __future__ import annotations

from aiogram import F, Router

from bot.callbacks import AnnStaffAction, AnnStaffCD
from bot.domain.roles import Role
from bot.middlewares import RoleGate, gated
from handlers.announcements_staff import after, send, wizard
from handlers.announcements_staff.filters import MaybeAnnouncement, OwnAnnouncement
from handlers.announcements_staff.states import AnnWizard

A = AnnStaffAction
PICKER = frozenset({A.AUDIENCE, A.YOUNG, A.OPT, A.AUD})


def build_router() -> Router:
    router = gated(__name__, RoleGate({Role.STAFF, Role.ADMIN, Role.METHODIST}))
    on, typed = router.callback_query.register, router.message.register
    cd = AnnStaffCD.filter

    on(wizard.new, cd(F.action == A.NEW))
    typed(wizard.got_text, AnnWizard.text, F.text)
    on(wizard.keep_text, cd(F.action == A.KEEP_TEXT), OwnAnnouncement())
    typed(wizard.got_file, AnnWizard.file, F.photo | F.document)
    on(wizard.file_next, cd(F.action == A.FILE_NEXT), OwnAnnouncement())
    on(wizard.file_drop, cd(F.action == A.FILE_DROP), OwnAnnouncement())
    typed(wizard.got_link, AnnWizard.buttons, F.text)
    on(wizard.buttons_clear, cd(F.action == A.BUTTONS_CLEAR), OwnAnnouncement())
    on(wizard.back, cd(F.action == A.BACK), MaybeAnnouncement())
    on(wizard.cancel, cd(F.action == A.CANCEL), MaybeAnnouncement())
    typed(wizard.need_file, AnnWizard.file)
    typed(wizard.need_text, AnnWizard.text, AnnWizard.buttons, AnnWizard.schedule)

    on(send.buttons_next, cd(F.action == A.BUTTONS_NEXT), OwnAnnouncement())
    on(send.pick, cd(F.action.in_(PICKER)), OwnAnnouncement())
    on(send.preview, cd(F.action == A.PREVIEW), OwnAnnouncement())
    on(send.send_now, cd(F.action == A.SEND), OwnAnnouncement())
    on(send.ask_schedule, cd(F.action == A.SCHEDULE), OwnAnnouncement())
    typed(send.got_schedule, AnnWizard.schedule, F.text)

    on(after.mine, cd(F.action == A.MINE))
    on(after.card, cd(F.action == A.CARD), OwnAnnouncement())
    on(after.copy, cd(F.action == A.COPY), OwnAnnouncement())
    on(after.stop, cd(F.action == A.STOP), OwnAnnouncement())
    on(after.unschedule, cd(F.action == A.UNSCHEDULE), OwnAnnouncement())
    on(after.resume, cd(F.action == A.RESUME), OwnAnnouncement())
    on(after.drop, cd(F.action == A.DROP), OwnAnnouncement())
    return router


__all__ = ["AnnWizard", "build_router"]

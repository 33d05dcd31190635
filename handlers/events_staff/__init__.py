"""«Рассылки и мероприятия» for staff (and methodists, for their association): the event wizard,
the audience with a live count, the preview of the exact message, publishing now or later, the
broadcast's live progress and stop, edits and cancellation told to those registered, attendance,
the XLSX. Role check: RoleGate(staff, admin, methodist); which events each of them may touch and
whom they may write to — `bot.services.events.may_manage` and `reach_of`, through the OwnEvent and
OwnBroadcast filters.

- `wizard` — kind … picture, the draft, back and cancel on every step; `audience` — the picker and
  the preview;
- `publish` — now, later, drop; `after` — card, people, edits, cancel, XLSX, stop;
- `states`, `filters`, `progress` (the broadcast's live message).
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter

from bot.callbacks import BroadcastAction, BroadcastCD, EventStaffAction, EventStaffCD, MenuCD, Section
from bot.domain.roles import Role
from bot.middlewares import RoleGate, gated
from handlers.events_staff import after, audience, publish, wizard
from handlers.events_staff.filters import OwnBroadcast, OwnEvent
from handlers.events_staff.progress import start_broadcast
from handlers.events_staff.states import EventWizard

A = EventStaffAction


def build_router() -> Router:
    router = gated(__name__, RoleGate({Role.STAFF, Role.ADMIN, Role.METHODIST}))
    on, typed = router.callback_query.register, router.message.register
    cd = EventStaffCD.filter

    on(wizard.home, MenuCD.filter(F.section == Section.BROADCASTS))
    on(wizard.home, cd(F.action == A.HOME))
    on(wizard.new, cd(F.action == A.NEW))
    on(wizard.kind, cd(F.action == A.KIND))
    on(wizard.level, cd(F.action == A.LEVEL))
    on(wizard.step, cd(F.action == A.STEP))
    on(wizard.abort, cd(F.action == A.ABORT))
    typed(wizard.got_title, EventWizard.title, F.text)
    typed(wizard.got_text, StateFilter(*wizard.TYPED), F.text)
    on(wizard.got_button, EventWizard.description, cd(F.action == A.SKIP_DESCRIPTION))
    on(wizard.got_button, EventWizard.end, cd(F.action == A.LENGTH))
    on(wizard.got_button, EventWizard.place, cd(F.action == A.SKIP_PLACE))
    on(wizard.got_button, EventWizard.deadline, cd(F.action == A.DEADLINE))
    on(wizard.got_button, EventWizard.capacity, cd(F.action == A.CAP))
    typed(wizard.got_media, EventWizard.media, F.photo | F.document)
    on(wizard.skip_media, EventWizard.media, cd(F.action == A.SKIP_MEDIA))
    # (One StateFilter of several states: several State filters would all have to hold at once.)
    typed(
        wizard.need_text,
        StateFilter(
            EventWizard.title,
            EventWizard.description,
            EventWizard.start,
            EventWizard.end,
            EventWizard.place,
            EventWizard.deadline,
            EventWizard.capacity,
            EventWizard.schedule,
            EventWizard.edit,
        ),
        ~F.text,  # a sticker, a photo: typed answers go to the handlers of each state
    )
    typed(wizard.need_media, EventWizard.media)
    typed(wizard.need_buttons, StateFilter(EventWizard.kind, EventWizard.level, EventWizard.audience))

    on(audience.audience, cd(F.action.in_({A.AUDIENCE, A.YOUNG, A.OPT, A.AUD})), OwnEvent())
    on(audience.preview, cd(F.action.in_({A.PREVIEW, A.URGENT})), OwnEvent())
    on(publish.send_out, cd(F.action == A.PUBLISH), OwnEvent())
    on(publish.ask_schedule, cd(F.action == A.SCHEDULE), OwnEvent())
    typed(publish.got_schedule, EventWizard.schedule, F.text)
    on(publish.drop, cd(F.action == A.DROP), OwnEvent())

    on(after.card, cd(F.action == A.CARD), OwnEvent())
    on(after.people, cd(F.action.in_({A.PEOPLE, A.ATTEND})), OwnEvent())
    on(after.edit, cd(F.action.in_({A.EDIT, A.EDIT_FIELD})), OwnEvent())
    typed(after.got_edit, EventWizard.edit, F.text)
    on(publish.send_out, cd(F.action == A.CANCEL), OwnEvent())
    on(after.xlsx, cd(F.action == A.XLSX), OwnEvent())
    on(after.stop, BroadcastCD.filter(F.action == BroadcastAction.STOP), OwnBroadcast())
    return router


__all__ = ["EventWizard", "build_router", "start_broadcast"]

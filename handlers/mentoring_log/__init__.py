"""The mentor's side: «Мои молодые специалисты», the mentor card (`card`), a pair and its meeting form
(`log`), a logged meeting (`meetings`). Role check: RoleGate(mentor); what a button reaches is
checked by the filters (`filters`)."""

from __future__ import annotations

from aiogram import F, Router

from bot.callbacks import MentorAction, MentorCD, MenuCD, Section
from bot.domain.roles import Role
from bot.middlewares import RoleGate, gated
from handlers.mentoring_log import card, log, meetings
from handlers.mentoring_log.filters import OwnMeeting, OwnPair
from handlers.mentoring_log.states import MeetingDialog, MentorCardDialog

FORM_STEPS = {
    MentorAction.LOG_FMT,
    MentorAction.LOG_TOPIC,
    MentorAction.LOG_MIN,
    MentorAction.LOG_DAY,
    MentorAction.LOG_DATES,
}


def build_router() -> Router:
    router = gated(__name__, RoleGate({Role.MENTOR}))
    on, typed = router.callback_query.register, router.message.register
    on(card.mentees, MenuCD.filter(F.section == Section.MENTEES))
    on(
        card.profile,
        MentorCD.filter(F.action.in_({MentorAction.PROFILE, MentorAction.FMT, MentorAction.SET_CAP})),
    )
    on(card.ask_capacity, MentorCD.filter(F.action == MentorAction.CAP))
    on(card.ask_about, MentorCD.filter(F.action == MentorAction.ABOUT))
    typed(card.got_about, MentorCardDialog.about, F.text)
    on(log.pair_card, MentorCD.filter(F.action == MentorAction.PAIR), OwnPair())
    on(log.log_start, MentorCD.filter(F.action == MentorAction.LOG), OwnPair())
    on(log.log_step, MentorCD.filter(F.action.in_(FORM_STEPS)), OwnPair())
    on(log.log_go, MentorCD.filter(F.action == MentorAction.LOG_GO), OwnPair())
    on(log.log_cancel, MentorCD.filter(F.action == MentorAction.LOG_CANCEL), OwnPair())
    typed(log.log_topic_typed, MeetingDialog.topic, F.text)
    on(log.log_note, MentorCD.filter(F.action == MentorAction.LOG_NOTE), OwnPair())
    typed(log.log_note_given, MeetingDialog.note)
    typed(log.log_topic_not_text, MeetingDialog.topic)
    on(log.log_save, MentorCD.filter(F.action == MentorAction.LOG_SAVE), OwnPair())
    on(
        meetings.meeting,
        MentorCD.filter(F.action.in_({MentorAction.MEETING, MentorAction.EDIT_MIN})),
        OwnMeeting(),
    )
    on(meetings.edit_topic, MentorCD.filter(F.action == MentorAction.EDIT_TOPIC), OwnMeeting())
    typed(meetings.edit_topic_typed, MeetingDialog.edit_topic, F.text)
    on(meetings.edit_cancel, MentorCD.filter(F.action == MentorAction.EDIT_CANCEL))
    on(
        meetings.delete,
        MentorCD.filter(F.action.in_({MentorAction.DELETE, MentorAction.DELETE_YES})),
        OwnMeeting(),
    )
    return router

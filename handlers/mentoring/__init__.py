"""«Наставничество» for teachers: a young specialist's mentor (or asking for one), becoming a
mentor (`home`), the mentee's side of the meeting log — confirm, rate —, the fit check, the
adaptation check (`mentee`). Each handler makes one call to `services.mentoring`; what a button
reaches is checked by the filters (`filters`)."""

from __future__ import annotations

from aiogram import F, Router

from bot.callbacks import AdaptCD, MentorAction, MentorCD, MenuCD, Section
from bot.middlewares import RegisteredOnly, gated
from handlers.mentoring import home, mentee
from handlers.mentoring.filters import EitherPair, MenteeMeeting, MenteePair, OwnCheck
from handlers.mentoring.states import MentoringDialog


def build_router() -> Router:
    router = gated(__name__, RegisteredOnly())
    on = router.callback_query.register
    on(home.home, MenuCD.filter(F.section == Section.MENTORING))
    on(
        home.wishes,
        MentorCD.filter(
            F.action.in_({MentorAction.ASK, MentorAction.WISH_SUBJECT, MentorAction.WISH_SCHOOL})
        ),
    )
    on(home.send_request, MentorCD.filter(F.action == MentorAction.REQUEST))
    on(home.apply_start, MentorCD.filter(F.action == MentorAction.APPLY))
    on(home.apply_capacity, MentorCD.filter(F.action == MentorAction.APPLY_CAP))
    on(home.apply_cancel, MentorCD.filter(F.action == MentorAction.APPLY_CANCEL))
    on(
        home.apply_without_about,
        MentoringDialog.apply_about,
        MentorCD.filter(F.action == MentorAction.APPLY_SKIP),
    )
    router.message.register(home.apply_about, MentoringDialog.apply_about, F.text)
    on(
        mentee.confirm_meeting,
        MentorCD.filter(F.action.in_({MentorAction.YES, MentorAction.NO})),
        MenteeMeeting(),
    )
    on(mentee.rate, MentorCD.filter(F.action == MentorAction.RATE), MenteeMeeting())
    on(mentee.no_comment, MentorCD.filter(F.action == MentorAction.NO_COMMENT), MenteeMeeting())
    router.message.register(mentee.rating_comment, MentoringDialog.rating_comment, F.text)
    on(mentee.fit_answer, MentorCD.filter(F.action == MentorAction.FIT), MenteePair())
    on(mentee.adaptation_answer, AdaptCD.filter(), OwnCheck())
    on(mentee.journal, MentorCD.filter(F.action == MentorAction.JOURNAL), EitherPair())
    return router

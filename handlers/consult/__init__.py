"""«Вопрос методисту»: the teacher's side and the FAQ (TeachersOnly), the methodist's queue and
answers (RoleGate: methodist). What a button reaches is checked by the filters (`filters`): a
teacher's own question, a question assigned to the methodist. Every message handler is bound to a
state of the dialogues (`states`), so nothing typed elsewhere is taken for a question or an answer."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.filters.callback_data import CallbackQueryFilter

from bot.callbacks import ConsultAction, ConsultCD, ConsultMAction, ConsultMCD, MenuCD, Section
from bot.domain.roles import Role
from bot.middlewares import RoleGate, TeachersOnly, gated
from handlers.consult import methodist, teacher
from handlers.consult.filters import AssignedQuestion, OwnQuestion
from handlers.consult.states import AnswerDialog, AskDialog


def teachers_router() -> Router:
    router = gated(__name__ + ".teachers", TeachersOnly())
    tap, typed = router.callback_query.register, router.message.register

    def on(*actions: ConsultAction) -> CallbackQueryFilter:
        return ConsultCD.filter(F.action.in_(set(actions)))

    tap(teacher.home, MenuCD.filter(F.section == Section.CONSULT))
    tap(teacher.home, on(ConsultAction.HOME))
    tap(teacher.ask, on(ConsultAction.ASK))
    tap(teacher.topic, on(ConsultAction.TOPIC))
    tap(teacher.subjects, on(ConsultAction.SUBJECTS))
    tap(teacher.subject, on(ConsultAction.SUBJECT))
    tap(teacher.send, on(ConsultAction.SEND))
    tap(teacher.cancel, on(ConsultAction.CANCEL))
    typed(teacher.got_question, StateFilter(AskDialog.question, AskDialog.similar))
    tap(teacher.mine, on(ConsultAction.MINE))
    tap(teacher.open_question, on(ConsultAction.OPEN), OwnQuestion())
    tap(teacher.reply, on(ConsultAction.REPLY), OwnQuestion())
    typed(teacher.got_reply, AskDialog.reply)
    tap(teacher.files, on(ConsultAction.FILES), OwnQuestion())
    tap(teacher.solved, on(ConsultAction.SOLVED), OwnQuestion())
    tap(teacher.rate, on(ConsultAction.RATE), OwnQuestion())
    tap(teacher.consent, on(ConsultAction.CONSENT), OwnQuestion())
    tap(teacher.faq, on(ConsultAction.FAQ))
    tap(teacher.faq_topic, on(ConsultAction.FAQ_TOPIC))
    tap(teacher.faq_entry, on(ConsultAction.FAQ_ENTRY))
    tap(teacher.faq_search, on(ConsultAction.FAQ_SEARCH))
    typed(teacher.got_search, AskDialog.faq_search)
    return router


def methodists_router() -> Router:
    router = gated(__name__ + ".methodists", RoleGate({Role.METHODIST}))
    tap, typed = router.callback_query.register, router.message.register

    def on(*actions: ConsultMAction) -> CallbackQueryFilter:
        return ConsultMCD.filter(F.action.in_(set(actions)))

    tap(methodist.queue, MenuCD.filter(F.section == Section.CONSULT_QUEUE))
    tap(methodist.queue, on(ConsultMAction.QUEUE))
    tap(methodist.open_question, on(ConsultMAction.OPEN), AssignedQuestion())
    tap(methodist.reply, on(ConsultMAction.REPLY), AssignedQuestion())
    typed(methodist.got_reply, AnswerDialog.reply)
    tap(methodist.files, on(ConsultMAction.FILES), AssignedQuestion())
    tap(methodist.close, on(ConsultMAction.CLOSE), AssignedQuestion())
    tap(methodist.publish, on(ConsultMAction.PUBLISH), AssignedQuestion())
    tap(methodist.keep, on(ConsultMAction.KEEP), AssignedQuestion())
    typed(methodist.got_faq_text, StateFilter(AnswerDialog.faq_question, AnswerDialog.faq_answer))
    tap(methodist.cancel, on(ConsultMAction.CANCEL), AssignedQuestion())
    return router


def build_router() -> Router:
    router = Router(name=__name__)
    router.include_router(teachers_router())
    router.include_router(methodists_router())
    return router

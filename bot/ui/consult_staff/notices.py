"""How the service level's and reassigning's notices read, in the recipient's language."""

from __future__ import annotations

from html import escape

from bot.callbacks import ConsultStaffAction, ConsultStaffCD, MenuCD, Section
from bot.delivery import Rendered, renders
from bot.i18n import Translator
from bot.services.consult_staff.notices import AnswerSoon, MovedForTeacher, NeedsStaff, PassedOn, PassedToYou
from bot.ui.consult_staff.common import at, subject, topic, who
from bot.ui.keyboard import Keyboard, shorten

QUESTION_IN_NOTICE = 1500


@renders(AnswerSoon)
def answer_soon(n: AnswerSoon, _: Translator) -> Rendered:
    text = _(
        "cst-notice-remind",
        id=n.question_id,
        topic=topic(n.topic, _),
        teacher=who(n.teacher),
        due=at(n.due_at, n.timezone),
    )
    return text, None


@renders(NeedsStaff)
def needs_staff(n: NeedsStaff, _: Translator) -> Rendered:
    text = _(
        f"cst-notice-{n.reason.value}",
        id=n.question_id,
        topic=topic(n.topic, _),
        teacher=who(n.teacher),
        methodist=who(n.methodist),
        place=who(n.municipality),
    )
    kb = Keyboard()
    kb.button(
        text=_("cst-btn-pass"),
        callback_data=ConsultStaffCD(action=ConsultStaffAction.PICK, q=n.question_id, f=n.methodist_id or 0),
    )
    kb.button(text=_("menu-consult_staff"), callback_data=MenuCD(section=Section.CONSULT_STAFF))
    kb.adjust(1)
    return text, kb.as_markup()


@renders(PassedToYou)
def passed_to_you(n: PassedToYou, _: Translator) -> Rendered:
    lines = [
        _(
            "cst-notice-passed-to-you",
            id=n.question_id,
            topic=topic(n.topic, _),
            subject=subject(n.subject, _),
            teacher=who(n.teacher),
            due=at(n.due_at, n.timezone),
        )
    ]
    if n.text:
        lines.append("<blockquote>" + escape(shorten(n.text, QUESTION_IN_NOTICE)) + "</blockquote>")
    return "\n\n".join(lines), None


@renders(PassedOn)
def passed_on(n: PassedOn, _: Translator) -> Rendered:
    return _("cst-notice-passed-on", id=n.question_id, topic=topic(n.topic, _), teacher=who(n.teacher)), None


@renders(MovedForTeacher)
def moved_for_teacher(n: MovedForTeacher, _: Translator) -> Rendered:
    return _("cst-notice-moved", topic=topic(n.topic, _)), None

"""How «Вопрос методисту»'s notices read, in the recipient's language (registered with `@renders`).

The other side's message is relayed as text; a photo, a document or a voice message is announced,
and the recipient gets the file itself from the question's screen (the outbox sends text)."""

from __future__ import annotations

from html import escape

from bot.callbacks import ConsultAction, ConsultCD, ConsultMAction, ConsultMCD
from bot.delivery import Rendered, renders
from bot.domain.consult import ConsultTopic, MessageKind, Side
from bot.i18n import Translator
from bot.services.consult.notices import QuestionArrived, QuestionClosed, ReplyArrived
from bot.ui.keyboard import Keyboard


def topic_line(topic: ConsultTopic, subject: str | None, _: Translator) -> str:
    name = _(f"consult-topic-{topic}")
    return f"{name} · {_(f'subject-{subject}')}" if subject else name


def kind_label(kind: MessageKind, _: Translator) -> str:
    return _(f"consult-kind-{kind}")


def _body(kind: MessageKind, text: str | None, _: Translator) -> str:
    body = escape(text) if text else ""
    if kind != MessageKind.TEXT:
        body = kind_label(kind, _) + (("\n" + body) if body else "") + "\n" + _("consult-file-in-question")
    return body


def _buttons(question_id: int, to: Side, _: Translator) -> Keyboard:
    kb = Keyboard()
    if to is Side.TEACHER:
        kb.button(
            text=_("consult-btn-write"), callback_data=ConsultCD(action=ConsultAction.REPLY, q=question_id)
        )
        kb.button(
            text=_("consult-btn-open"), callback_data=ConsultCD(action=ConsultAction.OPEN, q=question_id)
        )
    else:
        kb.button(
            text=_("consult-btn-answer"), callback_data=ConsultMCD(action=ConsultMAction.REPLY, q=question_id)
        )
        kb.button(
            text=_("consult-btn-open"), callback_data=ConsultMCD(action=ConsultMAction.OPEN, q=question_id)
        )
    return kb


@renders(QuestionArrived)
def question_arrived(n: QuestionArrived, _: Translator) -> Rendered:
    text = _(
        "consult-notice-new",
        teacher=escape(n.teacher or "—"),
        topic=topic_line(n.topic, n.subject, _),
        due=n.due.strftime("%d.%m %H:%M") if n.due else "—",
    )
    return text + "\n\n" + _body(n.kind, n.text, _), _buttons(n.question_id, Side.METHODIST, _).as_markup()


@renders(ReplyArrived)
def reply_arrived(n: ReplyArrived, _: Translator) -> Rendered:
    key = "consult-notice-answer" if n.to is Side.TEACHER else "consult-notice-followup"
    text = _(key, name=escape(n.author or "—"), topic=_(f"consult-topic-{n.topic}"))
    return text + "\n\n" + _body(n.kind, n.text, _), _buttons(n.question_id, n.to, _).as_markup()


@renders(QuestionClosed)
def question_closed(n: QuestionClosed, _: Translator) -> Rendered:
    if n.to is Side.METHODIST:
        kb = Keyboard()
        kb.button(
            text=_("consult-btn-open"), callback_data=ConsultMCD(action=ConsultMAction.OPEN, q=n.question_id)
        )
        return _(
            "consult-notice-closed-by-teacher",
            name=escape(n.author or "—"),
            topic=_(f"consult-topic-{n.topic}"),
        ), kb.as_markup()
    kb = Keyboard()
    for value in range(1, 6):
        kb.button(
            text="⭐" * value,
            callback_data=ConsultCD(action=ConsultAction.RATE, q=n.question_id, v=str(value)),
        )
    kb.button(text=_("consult-btn-open"), callback_data=ConsultCD(action=ConsultAction.OPEN, q=n.question_id))
    text = _(
        "consult-notice-closed-by-methodist",
        name=escape(n.author or "—"),
        topic=_(f"consult-topic-{n.topic}"),
    )
    return text + "\n\n" + _("consult-rate"), kb.as_markup()

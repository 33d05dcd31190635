"""«Вопрос методисту» screens: the teacher's hub, asking, their questions, the FAQ; the methodist's
queue; the conversation as either side sees it. Functions from views to (text, markup)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from html import escape
from zoneinfo import ZoneInfo

from bot.callbacks import ConsultAction, ConsultCD, ConsultMAction, ConsultMCD, MenuCD, Section
from bot.domain.consult import TOPICS, ConsultTopic, Lane, MessageKind, QuestionStatus, Side
from bot.i18n import Translator
from bot.services.consult import Queue, Thread
from bot.ui.consult.notices import kind_label, topic_line
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from storage.models import ConsultFaq, ConsultQuestion, User

__all__ = [
    "consent_screen",
    "faq_entry_screen",
    "faq_home",
    "faq_list_screen",
    "faq_search_prompt",
    "hub_screen",
    "mine_screen",
    "publish_prompt",
    "question_prompt",
    "queue_screen",
    "rate_screen",
    "sent_screen",
    "similar_screen",
    "subjects_screen",
    "thread_screen",
    "topics_screen",
]

# A screen holds this much of the conversation (Telegram's 4096, less the header and buttons' text).
THREAD_BUDGET = 3300
MESSAGE_PREVIEW = 700


def _cq(action: ConsultAction, **kw: int | str) -> ConsultCD:
    return ConsultCD(action=action, **kw)


def _cm(action: ConsultMAction, **kw: int) -> ConsultMCD:
    return ConsultMCD(action=action, **kw)


def _menu(kb: Keyboard, _: Translator) -> None:
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))


def local(moment: datetime | None, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%d.%m %H:%M") if moment else "—"


def subject_name(subject: str | None, _: Translator) -> str:
    return _(f"subject-{subject}") if subject else _("consult-no-subject")


def age(since: datetime, now: datetime, _: Translator) -> str:
    delta = max(now - since, timedelta())
    if delta < timedelta(hours=1):
        return _("consult-age-minutes", count=max(1, int(delta.total_seconds() // 60)))
    if delta < timedelta(days=1):
        return _("consult-age-hours", count=int(delta.total_seconds() // 3600))
    return _("consult-age-days", count=delta.days)


# --- the teacher ---------------------------------------------------------------------------------


def hub_screen(open_questions: int, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("consult-btn-ask"), callback_data=_cq(ConsultAction.ASK))
    kb.button(text=_("consult-btn-faq"), callback_data=_cq(ConsultAction.FAQ))
    kb.button(text=_("consult-btn-mine", count=open_questions), callback_data=_cq(ConsultAction.MINE))
    _menu(kb, _)
    return _("consult-hub"), kb.as_markup()


def topics_screen(_: Translator) -> Screen:
    kb = Keyboard()
    for topic in TOPICS:
        kb.button(text=_(f"consult-topic-{topic}"), callback_data=_cq(ConsultAction.TOPIC, v=topic.value))
    kb.button(text=_("consult-btn-cancel"), callback_data=_cq(ConsultAction.CANCEL))
    kb.adjust(2)
    return _("consult-ask-topic"), kb.as_markup()


def question_prompt(topic: ConsultTopic, subject: str | None, subjects: int, _: Translator) -> Screen:
    kb = Keyboard()
    if subjects > 1 or (subject is None and subjects):
        kb.button(text=_("consult-btn-other-subject"), callback_data=_cq(ConsultAction.SUBJECTS))
    if subject is not None:
        kb.button(text=_("consult-btn-no-subject"), callback_data=_cq(ConsultAction.SUBJECT, v=""))
    kb.button(text=_("consult-btn-cancel"), callback_data=_cq(ConsultAction.CANCEL))
    text = _(
        "consult-ask-question",
        topic=_(f"consult-topic-{topic}"),
        subject=subject_name(subject, _),
    )
    return text, kb.as_markup()


def subjects_screen(subjects: Sequence[str], _: Translator) -> Screen:
    kb = Keyboard()
    for subject in subjects:
        kb.button(text=_(f"subject-{subject}"), callback_data=_cq(ConsultAction.SUBJECT, v=subject))
    kb.button(text=_("consult-btn-no-subject"), callback_data=_cq(ConsultAction.SUBJECT, v=""))
    kb.button(text=_("consult-btn-cancel"), callback_data=_cq(ConsultAction.CANCEL))
    return _("consult-ask-subject"), kb.as_markup()


def _faq_block(entry: ConsultFaq, _: Translator) -> str:
    return _(
        "consult-faq-item",
        question=escape(shorten(entry.question, 300)),
        answer=escape(shorten(entry.answer, 500)),
    )


def similar_screen(entries: Sequence[ConsultFaq], _: Translator) -> Screen:
    kb = Keyboard()
    for entry in entries:
        kb.button(
            text="📖 " + shorten(entry.question, 60), callback_data=_cq(ConsultAction.FAQ_ENTRY, q=entry.id)
        )
    kb.button(text=_("consult-btn-send-anyway"), callback_data=_cq(ConsultAction.SEND))
    kb.button(text=_("consult-btn-cancel"), callback_data=_cq(ConsultAction.CANCEL))
    body = "\n\n".join(_faq_block(e, _) for e in entries)
    return _("consult-similar") + "\n\n" + body, kb.as_markup()


def sent_screen(question: ConsultQuestion, methodist: User | None, timezone: str, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("consult-btn-open"), callback_data=_cq(ConsultAction.OPEN, q=question.id))
    kb.button(text=_("consult-btn-mine", count=1), callback_data=_cq(ConsultAction.MINE))
    _menu(kb, _)
    if methodist is None:
        return _("consult-sent-nobody"), kb.as_markup()
    return (
        _(
            "consult-sent",
            methodist=escape(methodist.full_name or "—"),
            due=local(question.due_at, timezone),
        ),
        kb.as_markup(),
    )


def _status(question: ConsultQuestion, side: Side, _: Translator) -> str:
    if question.status == QuestionStatus.CLOSED:
        return _("consult-status-closed")
    if question.methodist_id is None:
        return _("consult-status-unrouted")
    mine = question.waiting_on == side
    return _("consult-status-your-turn") if mine else _("consult-status-their-turn")


def mine_screen(rows: Sequence[ConsultQuestion], page: int, pages: int, _: Translator) -> Screen:
    kb = Keyboard()
    for question in rows:
        mark = (
            "✅"
            if question.status == QuestionStatus.CLOSED
            else ("✍️" if question.waiting_on == Side.TEACHER else "⏳")
        )
        label = f"{mark} {_(f'consult-topic-{question.topic}')} · {question.created_at.strftime('%d.%m')}"
        kb.button(text=label, callback_data=_cq(ConsultAction.OPEN, q=question.id))
    sizes = [1] * len(rows)
    pager = kb.pager(page, pages, lambda p: _cq(ConsultAction.MINE, p=p))
    if pager:
        sizes.append(pager)
    kb.button(text=_("consult-btn-ask"), callback_data=_cq(ConsultAction.ASK))
    kb.button(text=_("consult-btn-back"), callback_data=_cq(ConsultAction.HOME))
    kb.adjust(*sizes, 1)
    text = _("consult-mine") if rows else _("consult-mine-empty")
    return text, kb.as_markup()


def _messages(thread: Thread, side: Side, _: Translator) -> str:
    """The conversation, newest kept when it does not fit: «…» stands for what was left out."""
    lines: list[str] = []
    used = 0
    for message in reversed(thread.messages):
        who = (
            _("consult-who-you")
            if message.side == side
            else (_("consult-who-teacher") if message.side == Side.TEACHER else _("consult-who-methodist"))
        )
        body = escape(shorten(message.text, MESSAGE_PREVIEW)) if message.text else ""
        if message.kind != MessageKind.TEXT:
            body = (kind_label(MessageKind(message.kind), _) + (" " + body if body else "")).strip()
        line = _("consult-line", who=who, at=local(message.created_at, thread.timezone), text=body)
        if used + len(line) > THREAD_BUDGET and lines:
            lines.append("…")
            break
        lines.append(line)
        used += len(line)
    return "\n\n".join(reversed(lines))


def thread_screen(thread: Thread, side: Side, _: Translator, *, may_publish: bool = False) -> Screen:
    q = thread.question
    open_ = q.status == QuestionStatus.OPEN
    kb = Keyboard()
    if side is Side.TEACHER:
        person = (
            _("consult-methodist-line", name=escape(thread.methodist.full_name or "—"))
            if thread.methodist
            else _("consult-methodist-none")
        )
        if open_:
            kb.button(text=_("consult-btn-write"), callback_data=_cq(ConsultAction.REPLY, q=q.id))
        if thread.files:
            kb.button(
                text=_("consult-btn-files", count=len(thread.files)),
                callback_data=_cq(ConsultAction.FILES, q=q.id),
            )
        if open_:
            kb.button(text=_("consult-btn-solved"), callback_data=_cq(ConsultAction.SOLVED, q=q.id))
        elif q.rating is None:
            kb.button(text=_("consult-btn-rate"), callback_data=_cq(ConsultAction.RATE, q=q.id))
        kb.button(text=_("consult-btn-back"), callback_data=_cq(ConsultAction.MINE))
    else:
        person = _(
            "consult-teacher-line", name=escape(thread.teacher.full_name or "—") if thread.teacher else "—"
        )
        if open_:
            kb.button(text=_("consult-btn-answer"), callback_data=_cm(ConsultMAction.REPLY, q=q.id))
        if thread.files:
            kb.button(
                text=_("consult-btn-files", count=len(thread.files)),
                callback_data=_cm(ConsultMAction.FILES, q=q.id),
            )
        if open_:
            kb.button(text=_("consult-btn-close"), callback_data=_cm(ConsultMAction.CLOSE, q=q.id))
        if may_publish:
            kb.button(text=_("consult-btn-publish"), callback_data=_cm(ConsultMAction.PUBLISH, q=q.id))
        kb.button(text=_("consult-btn-queue"), callback_data=_cm(ConsultMAction.QUEUE))
    header = _(
        "consult-thread",
        topic=topic_line(ConsultTopic(q.topic), q.subject, _),
        person=person,
        status=_status(q, side, _),
        due=local(q.due_at, thread.timezone),
    )
    extra = []
    if q.rating is not None:
        extra.append(_("consult-rated", rating=q.rating))
    if thread.published:
        extra.append(_("consult-in-faq"))
    return "\n".join([header, *extra]) + "\n\n" + _messages(thread, side, _), kb.as_markup()


def rate_screen(question_id: int, _: Translator, *, lead: str = "") -> Screen:
    kb = Keyboard()
    for value in range(1, 6):
        kb.button(text="⭐" * value, callback_data=_cq(ConsultAction.RATE, q=question_id, v=str(value)))
    kb.button(text=_("consult-btn-open"), callback_data=_cq(ConsultAction.OPEN, q=question_id))
    return (lead + "\n\n" if lead else "") + _("consult-rate"), kb.as_markup()


def consent_screen(question_id: int, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(
        text=_("consult-btn-consent-yes"), callback_data=_cq(ConsultAction.CONSENT, q=question_id, v="1")
    )
    kb.button(
        text=_("consult-btn-consent-no"), callback_data=_cq(ConsultAction.CONSENT, q=question_id, v="0")
    )
    return _("consult-consent"), kb.as_markup()


def after_consent(allowed: bool, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("consult-btn-mine", count=0), callback_data=_cq(ConsultAction.MINE))
    _menu(kb, _)
    return _("consult-consent-yes" if allowed else "consult-consent-no"), kb.as_markup()


# --- the FAQ ---------------------------------------------------------------------------------------


def faq_home(_: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("consult-btn-faq-search"), callback_data=_cq(ConsultAction.FAQ_SEARCH))
    for topic in TOPICS:
        kb.button(text=_(f"consult-topic-{topic}"), callback_data=_cq(ConsultAction.FAQ_TOPIC, v=topic.value))
    kb.button(text=_("consult-btn-back"), callback_data=_cq(ConsultAction.HOME))
    kb.adjust(1, *([2] * 4), 1)
    return _("consult-faq-home"), kb.as_markup()


def faq_list_screen(
    entries: Sequence[ConsultFaq],
    title: str,
    _: Translator,
    *,
    page: int = 0,
    pages: int = 1,
    topic: str = "",
) -> Screen:
    kb = Keyboard()
    for entry in entries:
        kb.button(
            text="📖 " + shorten(entry.question, 60), callback_data=_cq(ConsultAction.FAQ_ENTRY, q=entry.id)
        )
    sizes = [1] * len(entries)
    pager = kb.pager(page, pages, lambda p: _cq(ConsultAction.FAQ_TOPIC, v=topic, p=p)) if topic else 0
    if pager:
        sizes.append(pager)
    kb.button(text=_("consult-btn-faq-search"), callback_data=_cq(ConsultAction.FAQ_SEARCH))
    kb.button(text=_("consult-btn-ask"), callback_data=_cq(ConsultAction.ASK))
    kb.button(text=_("consult-btn-back"), callback_data=_cq(ConsultAction.FAQ))
    kb.adjust(*sizes, 1)
    body = title + "\n\n" + (_("consult-faq-pick") if entries else _("consult-faq-none"))
    return body, kb.as_markup()


def faq_entry_screen(entry: ConsultFaq, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("consult-btn-ask"), callback_data=_cq(ConsultAction.ASK))
    kb.button(text=_("consult-btn-back"), callback_data=_cq(ConsultAction.FAQ))
    text = _(
        "consult-faq-entry",
        topic=topic_line(ConsultTopic(entry.topic), entry.subject, _),
        question=escape(entry.question),
        answer=escape(entry.answer),
    )
    return text, kb.as_markup()


def faq_search_prompt(_: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("consult-btn-back"), callback_data=_cq(ConsultAction.FAQ))
    return _("consult-faq-search"), kb.as_markup()


# --- the methodist -----------------------------------------------------------------------------------

LANE_MARK = {Lane.OVERDUE: "🔴", Lane.NEW: "🟡", Lane.TEACHER: "⏳", Lane.CLOSED: "📖"}


def queue_screen(queue: Queue, now: datetime, _: Translator) -> Screen:
    kb = Keyboard()
    lines = []
    for row in queue.rows:
        q = row.question
        mark = LANE_MARK[row.lane]
        lines.append(
            _(
                "consult-queue-line",
                mark=mark,
                lane=_(f"consult-lane-{row.lane}"),
                topic=topic_line(ConsultTopic(q.topic), q.subject, _),
                teacher=escape(row.teacher.full_name or "—") if row.teacher else "—",
                age=age(q.created_at, now, _),
                due=local(q.due_at, queue.timezone),
            )
        )
        who = shorten(row.teacher.full_name or "", 24) if row.teacher else ""
        label = f"{mark} {_(f'consult-topic-{q.topic}')} · {who}"
        kb.button(text=label, callback_data=_cm(ConsultMAction.OPEN, q=q.id))
    sizes = [1] * len(queue.rows)
    pager = kb.pager(queue.page, queue.pages, lambda p: _cm(ConsultMAction.QUEUE, p=p))
    if pager:
        sizes.append(pager)
    _menu(kb, _)
    kb.adjust(*sizes, 1)
    if not queue.rows:
        return _("consult-queue-empty"), kb.as_markup()
    head = _("consult-queue", count=queue.total, page=queue.page + 1, pages=queue.pages)
    return head + "\n\n" + "\n\n".join(lines), kb.as_markup()


def publish_prompt(step: str, proposed: str, question_id: int, _: Translator) -> Screen:
    """The FAQ's question (`step` "question") or answer ("answer"): type it, or keep the proposal."""
    kb = Keyboard()
    if proposed:
        kb.button(text=_("consult-btn-keep"), callback_data=_cm(ConsultMAction.KEEP, q=question_id))
    kb.button(text=_("consult-btn-cancel"), callback_data=_cm(ConsultMAction.CANCEL, q=question_id))
    shown = escape(shorten(proposed, 1500)) if proposed else _("consult-faq-nothing")
    return _(f"consult-publish-{step}", proposed=shown), kb.as_markup()

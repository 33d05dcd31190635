"""Callback data: «Вопрос методисту» — the teacher's side and the FAQ (`ConsultCD`), the methodist's
(`ConsultMCD`)."""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class ConsultAction(StrEnum):
    HOME = "home"
    ASK = "ask"  # the topics
    TOPIC = "topic"  # `v`: the topic
    SUBJECTS = "subjects"  # choose another subject of one's own
    SUBJECT = "subject"  # `v`: a subject code, "" for none
    SEND = "send"  # «Всё равно спросить»
    CANCEL = "cancel"
    MINE = "mine"  # `p`: page
    OPEN = "open"  # `q`
    REPLY = "reply"  # `q`
    FILES = "files"  # `q`
    SOLVED = "solved"  # `q`
    RATE = "rate"  # `q`, `v`: 1..5
    CONSENT = "consent"  # `q`, `v`: "1" / "0"
    FAQ = "faq"  # the topics of the FAQ
    FAQ_TOPIC = "faq_topic"  # `v`: topic, `p`: page
    FAQ_ENTRY = "faq_entry"  # `q`: the entry's id
    FAQ_SEARCH = "faq_search"


class ConsultCD(CallbackData, prefix="cq"):
    """The teacher: `q` a question (or an FAQ entry) id, `p` a page, `v` a short choice."""

    action: ConsultAction
    q: int = 0
    p: int = 0
    v: str = ""


class ConsultMAction(StrEnum):
    QUEUE = "queue"  # `p`: page
    OPEN = "open"
    REPLY = "reply"
    FILES = "files"
    CLOSE = "close"
    PUBLISH = "publish"
    KEEP = "keep"  # keep the proposed text of the FAQ step
    CANCEL = "cancel"


class ConsultMCD(CallbackData, prefix="cm"):
    """The methodist: `q` a question id, `p` a page."""

    action: ConsultMAction
    q: int = 0
    p: int = 0

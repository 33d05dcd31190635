"""Consultations with a methodist («Вопрос методисту»): the words a question's life is told in.

A question is asked by a teacher, routed to a methodist, answered back and forth through the bot
(nobody's contact is shown) until either side closes it; the teacher then rates the answer.
"""

from __future__ import annotations

from enum import StrEnum


class ConsultTopic(StrEnum):
    ROUTE = "route"  # ИОМ
    ATTESTATION = "attestation"
    PROGRAM = "program"  # рабочая программа
    STANDARDS = "standards"  # ФОП/ФГОС
    SPECIAL_NEEDS = "special_needs"  # дети с ОВЗ
    DIGITAL = "digital"  # цифровые ресурсы
    MENTORING = "mentoring"
    OTHER = "other"


class QuestionStatus(StrEnum):
    OPEN = "open"  # the conversation goes on; `waiting_on` says whose turn it is
    CLOSED = "closed"


class Side(StrEnum):
    """Whose turn it is, and who wrote a message."""

    TEACHER = "teacher"
    METHODIST = "methodist"


class MessageKind(StrEnum):
    TEXT = "text"
    PHOTO = "photo"
    DOCUMENT = "document"
    VOICE = "voice"

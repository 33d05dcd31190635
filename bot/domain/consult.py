"""Consultations with a methodist («Вопрос методисту»): the words a question's life is told in.

A question is asked by a teacher, routed to a methodist, answered back and forth through the bot
(nobody's contact is shown) until either side closes it; the teacher then rates the answer.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import holidays
import snowballstemmer

from bot.domain.routes import MethodistCandidate as Candidate
from bot.domain.routes import pick_methodist


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


# The short list a teacher picks from, in the order shown.
TOPICS: tuple[ConsultTopic, ...] = tuple(ConsultTopic)

# A message of the conversation: Telegram takes 4096 characters, and the bot relays it with a line
# or two of its own around it, so a typed question or answer is kept within this.
TEXT_MAX = 3500
# A question opens the queue at the methodist's in this many working days, by the end of their day.
ANSWER_WORKING_DAYS = 2
WORKDAY_ENDS = time(18, 0)


# --- the Russian working calendar ----------------------------------------------------------------

# The `holidays` library (0.86) knows Russia's public holidays, the days off moved by the
# Government's decrees (2025-05-02, 2025-12-31…) and the working Saturdays (2025-11-01…), up to
# 2025. For 2026 it has only the holidays themselves: the decree of 24.09.2025 moves 3 and 4
# January to 9 January and 31 December, and the Labour Code (art. 112) moves a holiday that falls
# on a weekend to the next working day (8 March → 9 March, 9 May → 11 May). Added here until the
# library catches up; a date the library already knows is taken from it.
EXTRA_DAYS_OFF: frozenset[date] = frozenset(
    {date(2026, 1, 9), date(2026, 3, 9), date(2026, 5, 11), date(2026, 12, 31)}
)
EXTRA_WORKDAYS: frozenset[date] = frozenset()


class WorkingCalendar:
    """Working days in Russia: Monday to Friday, less holidays and days off moved onto weekdays,
    plus Saturdays made working days by a transfer."""

    def __init__(
        self, extra_off: Iterable[date] = EXTRA_DAYS_OFF, extra_work: Iterable[date] = EXTRA_WORKDAYS
    ) -> None:
        self._known = holidays.country_holidays("RU")
        self._extra_off = frozenset(extra_off)
        self._extra_work = frozenset(extra_work)

    def is_working_day(self, day: date) -> bool:
        if day in self._extra_work:
            return True
        if day in self._extra_off:
            return False
        return bool(self._known.is_working_day(day))

    def add_working_days(self, day: date, count: int) -> date:
        """The `count`-th working day after `day` (the day itself not counted)."""
        return add_working_days(day, count, self.is_working_day)


def add_working_days(day: date, count: int, working: Callable[[date], bool]) -> date:
    """The `count`-th day after `day` (the day itself not counted) for which `working` holds."""
    while count > 0:
        day += timedelta(days=1)
        if working(day):
            count -= 1
    return day


@functools.cache
def working_calendar() -> WorkingCalendar:
    return WorkingCalendar()


def answer_due(
    asked_at: datetime,
    timezone: str,
    *,
    calendar: WorkingCalendar | None = None,
    working_days: int = ANSWER_WORKING_DAYS,
    working: Callable[[date], bool] | None = None,
) -> datetime:
    """When the first answer is due: the end of the working day (18:00, the teacher's time) of the
    `working_days`-th working day after the day the question came in (that day, in the teacher's
    zone, not counted: a question on Friday is due on Tuesday, one at 23:00 counts from its
    next morning's day just as one at 9:00). `working` replaces the calendar (tests). UTC back."""
    zone = ZoneInfo(timezone)
    day = asked_at.astimezone(zone).date()
    if working is None:
        working = (calendar or working_calendar()).is_working_day
    due_day = add_working_days(day, working_days, working)
    return datetime.combine(due_day, WORKDAY_ENDS, tzinfo=zone).astimezone(UTC)


# --- the methodist's queue -----------------------------------------------------------------------


class Lane(StrEnum):
    """Where a question stands in the methodist's queue, in the queue's order."""

    OVERDUE = "overdue"  # no first answer and the deadline passed
    NEW = "new"  # waiting for the methodist
    TEACHER = "teacher"  # waiting for the teacher
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class QueueItem:
    question_id: int
    status: QuestionStatus
    waiting_on: Side
    created_at: datetime
    due_at: datetime | None
    first_answer_at: datetime | None
    last_activity_at: datetime | None


def lane(item: QueueItem, now: datetime) -> Lane:
    if item.status is QuestionStatus.CLOSED:
        return Lane.CLOSED
    if item.waiting_on is Side.TEACHER:
        return Lane.TEACHER
    if item.first_answer_at is None and item.due_at is not None and item.due_at <= now:
        return Lane.OVERDUE
    return Lane.NEW


_LANES = tuple(Lane)


def queue_order(items: Iterable[QueueItem], now: datetime) -> list[QueueItem]:
    """Overdue first (the longest overdue on top), then those waiting for the methodist (the
    nearest deadline, else the oldest, first), then those waiting for the teacher (the longest
    silent first)."""

    def key(item: QueueItem) -> tuple[int, datetime, int]:
        where = lane(item, now)
        if where in (Lane.OVERDUE, Lane.NEW):
            when = item.due_at or item.created_at
        else:
            when = item.last_activity_at or item.created_at
        return (_LANES.index(where), when, item.question_id)

    return sorted(items, key=key)


def pick_for_question(
    municipality_id: int | None, subject: str | None, subjects: Iterable[str], candidates: Iterable[Candidate]
) -> int | None:
    """The methodist for a question with no methodist of the teacher's own: one whose role covers
    the teacher's municipality, sharing the question's subject (else one of the teacher's) before
    not, of the municipality before a regional one, then the fewest open questions."""
    wanted = {subject} if subject else set(subjects)
    return pick_methodist(municipality_id, wanted, candidates)


# --- the FAQ's search ----------------------------------------------------------------------------

_WORD = re.compile(r"[0-9a-zа-я]+")
# Words that say nothing about the subject of a question.
_STOP = """а без более бы был была были было быть в вам вас весь во вот все всё всего всех вы где да для до
    его ее её если есть еще ещё же за и из или им их к как какая какие какой когда кто ли либо мне
    может можно мой мы на над надо не нет ни но ну о об однако он она они оно от очень по под после
    при про с со так также такой там то того тоже только том ту ты у уже хотя чего чем что чтобы эта
    эти это этот я the and for how what with"""
STOP_WORDS = frozenset(_STOP.split())
SHORT_WORD = 3
_STEMMERS = {"ru": snowballstemmer.stemmer("russian"), "en": snowballstemmer.stemmer("english")}


def stems(text: str) -> list[str]:
    """The words of `text` as stems (Snowball, the algorithm PostgreSQL's `russian` configuration
    uses), lower-cased, «ё» as «е», without stop words and one-letter words, words of up to
    `SHORT_WORD` letters as they are; in order, unique."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(text.lower().replace("ё", "е")):
        if len(word) < 2 or word in STOP_WORDS:
            continue
        seen.setdefault(_stem(word), None)
    return list(seen)


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    # Short words are mostly abbreviations (ИОМ, ОВЗ, ФОП): the stemmer would cut «иом» to «и».
    if word.isdigit() or len(word) <= SHORT_WORD:
        return word
    return str(_STEMMERS["en" if word.isascii() else "ru"].stemWord(word))


def search_text(*parts: str | None) -> str:
    """The stored search column: the stems of `parts`, space-separated, with a space on each side
    so that «a stem at a word's start» is the pattern `% stem%`."""
    found = stems(" ".join(p for p in parts if p))
    return " " + " ".join(found) + " " if found else " "

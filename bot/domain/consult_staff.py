"""The service level of «Вопрос методисту» and the staff's report on it: pure rules, no database.

The service level: a question gets its first answer by the end of the working day (18:00, in the
question's municipality's zone) of the `SLA_WORKING_DAYS`-th working day after the day it was asked
(that day not counted) — the rule of the asking side (part 10's `answer_due`), on the Russian working
calendar: weekends and public holidays from the maintained `holidays` library, plus the 2026 days off
the library does not know yet (moved by the Government's decree and by art. 112 of the Labour Code).

The reminder goes to the methodist once, at 09:00 local time of the working day the deadline falls
on — or, when the deadline is before 13:00 (less than 4 hours of that working day would be left), at
09:00 of the working day before (with 18:00 deadlines: the morning of the due day, 9 working hours
ahead). Overdue (no first answer by the deadline) and unrouted (no
methodist at all) questions reach staff once each time a methodist gets a deadline.

The report counts time to the first answer in **calendar hours** (what a teacher waits, nights and
weekends included); whether a question was answered within the service level is judged by the
working calendar. Percentiles: the median is the middle value (the mean of the two middle ones for
an even count); the 90th percentile is by nearest rank — the smallest time that at least 90 % of the
answered questions did not exceed.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.domain.consult import ANSWER_WORKING_DAYS, WORKDAY_ENDS, ConsultTopic, answer_due, working_calendar

# The asking side's rule and calendar (`bot.domain.consult`): one service level, one calendar.
SLA_WORKING_DAYS = ANSWER_WORKING_DAYS
DAY_STARTS = time(9, 0)
DAY_ENDS = WORKDAY_ENDS
# A deadline earlier than this leaves less than 4 working hours of its day: remind the day before.
REMIND_SAME_DAY_FROM = time(13, 0)
RATINGS = (1, 2, 3, 4, 5)

WorkingDay = Callable[[date], bool]


@lru_cache(maxsize=4096)
def is_working_day(day: date) -> bool:
    """Russia's working calendar (`bot.domain.consult.WorkingCalendar`: the `holidays` library plus
    the 2026 days off it does not know yet)."""
    return working_calendar().is_working_day(day)


def previous_working_day(day: date, working: WorkingDay = is_working_day) -> date:
    day -= timedelta(days=1)
    while not working(day):
        day -= timedelta(days=1)
    return day


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def deadline(asked: datetime, zone: str, working: WorkingDay = is_working_day) -> datetime:
    """When the first answer is due: `answer_due`, the rule the question was asked under. UTC."""
    return answer_due(_aware(asked), zone, working=working)


def reminder_at(due: datetime, zone: str, working: WorkingDay = is_working_day) -> datetime:
    """When the methodist is reminded of a deadline: 09:00 of its working day, or of the working day
    before when the deadline is before 13:00. Returned in UTC."""
    local = _aware(due).astimezone(ZoneInfo(zone))
    day = local.date()
    if not working(day) or local.time() < REMIND_SAME_DAY_FROM:
        day = previous_working_day(day, working)
    return datetime.combine(day, DAY_STARTS, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def reminder_due(now: datetime, due: datetime, zone: str, working: WorkingDay = is_working_day) -> bool:
    """The reminder's moment has come and the deadline has not passed yet."""
    now = _aware(now)
    return reminder_at(due, zone, working) <= now < _aware(due)


class Escalation(StrEnum):
    """Why staff are told about a question."""

    OVERDUE = "overdue"  # no first answer by the deadline
    UNROUTED = "unrouted"  # no methodist to route it to


def escalation_of(
    methodist_id: int | None, due: datetime | None, first_answer: datetime | None, now: datetime
) -> Escalation | None:
    if methodist_id is None:
        return Escalation.UNROUTED
    if first_answer is None and due is not None and _aware(due) <= _aware(now):
        return Escalation.OVERDUE
    return None


# --- the report ------------------------------------------------------------------------------------


class Period(StrEnum):
    MONTH = "month"  # this calendar month
    YEAR = "year"  # this school year (from 1 September)


def period_start(period: Period, today: date) -> date:
    if period is Period.MONTH:
        return today.replace(day=1)
    year = today.year if today.month >= 9 else today.year - 1
    return date(year, 9, 1)


@dataclass(frozen=True, slots=True)
class QuestionFacts:
    """One question as the report counts it (times in UTC)."""

    topic: ConsultTopic
    municipality: str | None  # its name; None: unknown
    asked: datetime
    sla_due: datetime  # `deadline(asked)`, by the working calendar
    first_answer: datetime | None
    rating: int | None
    open: bool


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def nearest_rank(values: Sequence[float], share: float) -> float | None:
    """The smallest value that at least `share` of the values do not exceed."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


@dataclass(frozen=True, slots=True)
class Group:
    """A line of the report: a topic or a municipality."""

    key: str
    asked: int
    answered: int
    within: int  # answered within the service level
    judged: int  # answered, or past the deadline unanswered: the share's denominator
    median_hours: float | None


@dataclass(frozen=True, slots=True)
class ConsultFigures:
    asked: int
    open: int
    answered: int
    median_hours: float | None
    p90_hours: float | None
    within: int
    judged: int
    ratings: dict[int, int]  # 1..5 -> how many
    by_topic: list[Group]
    by_municipality: list[Group]

    @property
    def within_share(self) -> float | None:
        return self.within / self.judged if self.judged else None

    @property
    def rated(self) -> int:
        return sum(self.ratings.values())

    @property
    def mean_rating(self) -> float | None:
        return sum(r * n for r, n in self.ratings.items()) / self.rated if self.rated else None


def hours_to_first_answer(q: QuestionFacts) -> float | None:
    if q.first_answer is None:
        return None
    return (_aware(q.first_answer) - _aware(q.asked)).total_seconds() / 3600


def judged(q: QuestionFacts, now: datetime) -> bool:
    """Counted in the share: answered, or unanswered with its deadline passed (an unanswered question
    still within its deadline is not decided yet)."""
    return q.first_answer is not None or _aware(q.sla_due) <= _aware(now)


def within_sla(q: QuestionFacts) -> bool:
    return q.first_answer is not None and _aware(q.first_answer) <= _aware(q.sla_due)


def _group(key: str, items: list[QuestionFacts], now: datetime) -> Group:
    hours = [h for q in items if (h := hours_to_first_answer(q)) is not None]
    return Group(
        key,
        len(items),
        len(hours),
        sum(1 for q in items if within_sla(q)),
        sum(1 for q in items if judged(q, now)),
        median(hours),
    )


def figures(questions: Iterable[QuestionFacts], now: datetime) -> ConsultFigures:
    items = list(questions)
    hours = [h for q in items if (h := hours_to_first_answer(q)) is not None]
    ratings = Counter(q.rating for q in items if q.rating in RATINGS)
    topics: dict[str, list[QuestionFacts]] = {}
    places: dict[str, list[QuestionFacts]] = {}
    for q in items:
        topics.setdefault(q.topic.value, []).append(q)
        places.setdefault(q.municipality or "", []).append(q)
    by_topic = [_group(t.value, topics[t.value], now) for t in ConsultTopic if t.value in topics]
    by_place = sorted(
        (_group(name, found, now) for name, found in places.items()), key=lambda g: (-g.asked, g.key)
    )
    return ConsultFigures(
        asked=len(items),
        open=sum(1 for q in items if q.open),
        answered=len(hours),
        median_hours=median(hours),
        p90_hours=nearest_rank(hours, 0.9),
        within=sum(1 for q in items if within_sla(q)),
        judged=sum(1 for q in items if judged(q, now)),
        ratings={r: ratings.get(r, 0) for r in RATINGS},
        by_topic=by_topic,
        by_municipality=by_place,
    )

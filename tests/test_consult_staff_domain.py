"""The service level's rules and the report's figures, on dates and a dataset counted by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.domain.consult import ConsultTopic
from bot.domain.consult_staff import (
    Escalation,
    Period,
    QuestionFacts,
    deadline,
    escalation_of,
    figures,
    is_working_day,
    median,
    nearest_rank,
    period_start,
    reminder_at,
    reminder_due,
)

MSK = "Europe/Moscow"


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_the_russian_calendar_knows_weekends_and_holidays() -> None:
    assert is_working_day(date(2026, 11, 23))  # Monday
    assert not is_working_day(date(2026, 11, 28))  # Saturday
    assert not is_working_day(date(2026, 11, 4))  # Unity Day, a Wednesday
    assert not is_working_day(date(2027, 1, 5))  # New Year holidays
    assert not is_working_day(date(2026, 3, 9))  # 8 March fell on a Sunday


@pytest.mark.parametrize(
    ("asked", "due"),
    [
        # Monday 12:00 MSK → Wednesday 18:00 MSK.
        (utc(2026, 11, 23, 9, 0), utc(2026, 11, 25, 15, 0)),
        # Monday 23:30 MSK is still Monday: Wednesday; 00:30 on Tuesday: Thursday.
        (utc(2026, 11, 23, 20, 30), utc(2026, 11, 25, 15, 0)),
        (utc(2026, 11, 23, 21, 30), utc(2026, 11, 26, 15, 0)),
        # Friday → over the weekend → Tuesday 18:00 MSK.
        (utc(2026, 11, 27, 12, 0), utc(2026, 12, 1, 15, 0)),
        # Saturday: Monday is the first working day after it, Tuesday the second.
        (utc(2026, 11, 28, 9, 0), utc(2026, 12, 1, 15, 0)),
        # Monday 2 November: Tuesday is one, the 4th is Unity Day, Thursday is two.
        (utc(2026, 11, 2, 7, 0), utc(2026, 11, 5, 15, 0)),
        # Friday 20 February 2026: Monday 23rd is Defender of the Fatherland Day.
        (utc(2026, 2, 20, 7, 0), utc(2026, 2, 25, 15, 0)),
        # Thursday 7 May 2026: Friday is one, Monday 11th is the day off moved from 9 May.
        (utc(2026, 5, 7, 7, 0), utc(2026, 5, 12, 15, 0)),
    ],
)
def test_the_deadline_is_the_end_of_the_second_working_day_after(asked: datetime, due: datetime) -> None:
    assert deadline(asked, MSK) == due


def test_the_deadline_follows_the_calendar_it_is_given() -> None:
    every_day_but_sunday = lambda day: day.weekday() != 6  # noqa: E731
    # Friday → Saturday, Monday.
    assert deadline(utc(2026, 11, 27, 7, 0), MSK, every_day_but_sunday) == utc(2026, 11, 30, 15, 0)


def test_the_deadline_is_in_the_question_s_own_zone() -> None:
    # Friday 20:00 UTC is already Saturday 06:00 in Vladivostok: Monday, Tuesday 18:00 there.
    assert deadline(utc(2026, 11, 27, 20, 0), "Asia/Vladivostok") == utc(2026, 12, 1, 8, 0)


@pytest.mark.parametrize(
    ("due", "remind"),
    [
        # The deadline at 12:00 MSK (before 13:00): 09:00 of the working day before.
        (utc(2026, 11, 25, 9, 0), utc(2026, 11, 24, 6, 0)),
        # At 15:00 MSK: 09:00 of the same day.
        (utc(2026, 11, 25, 12, 0), utc(2026, 11, 25, 6, 0)),
        # Monday 10:00 MSK: the Friday before, 09:00.
        (utc(2026, 11, 30, 7, 0), utc(2026, 11, 27, 6, 0)),
        # Thursday 5 November 10:00 MSK: Wednesday is Unity Day, so Tuesday 3rd.
        (utc(2026, 11, 5, 7, 0), utc(2026, 11, 3, 6, 0)),
    ],
)
def test_the_reminder_comes_on_the_deadline_s_working_morning_or_the_one_before(
    due: datetime, remind: datetime
) -> None:
    assert reminder_at(due, MSK) == remind


def test_the_reminder_is_due_between_its_moment_and_the_deadline() -> None:
    due = utc(2026, 11, 25, 12, 0)  # 15:00 MSK; reminder at 06:00 UTC
    assert not reminder_due(utc(2026, 11, 25, 5, 59), due, MSK)
    assert reminder_due(utc(2026, 11, 25, 6, 0), due, MSK)
    assert reminder_due(utc(2026, 11, 25, 11, 59), due, MSK)
    assert not reminder_due(utc(2026, 11, 25, 12, 0), due, MSK)


def test_escalation_overdue_or_unrouted_and_nothing_else() -> None:
    now = utc(2026, 11, 25, 12, 0)
    assert escalation_of(None, None, None, now) is Escalation.UNROUTED
    assert escalation_of(None, utc(2026, 12, 1), None, now) is Escalation.UNROUTED
    assert escalation_of(7, utc(2026, 11, 25, 12, 0), None, now) is Escalation.OVERDUE
    assert escalation_of(7, utc(2026, 11, 25, 12, 1), None, now) is None
    assert escalation_of(7, utc(2026, 11, 20), utc(2026, 11, 19), now) is None  # answered in time
    assert escalation_of(7, utc(2026, 11, 20), utc(2026, 11, 21), now) is None  # answered, late


def test_periods_start_on_the_first_and_on_the_first_of_september() -> None:
    assert period_start(Period.MONTH, date(2026, 11, 23)) == date(2026, 11, 1)
    assert period_start(Period.YEAR, date(2026, 11, 23)) == date(2026, 9, 1)
    assert period_start(Period.YEAR, date(2027, 3, 2)) == date(2026, 9, 1)
    assert period_start(Period.YEAR, date(2026, 9, 1)) == date(2026, 9, 1)


def test_median_and_nearest_rank() -> None:
    assert median([]) is None and nearest_rank([], 0.9) is None
    assert median([5.0]) == 5.0
    assert median([2.0, 98.0, 10.0, 30.0]) == 20.0
    assert median([3.0, 1.0, 2.0]) == 2.0
    assert nearest_rank([2.0, 98.0, 10.0, 30.0], 0.9) == 98.0  # ceil(3.6) = 4th
    values = [float(v) for v in range(1, 11)]  # 1..10: ceil(9.0) = 9th
    assert nearest_rank(values, 0.9) == 9.0
    assert nearest_rank([float(v) for v in range(1, 12)], 0.9) == 10.0  # ceil(9.9) = 10th


def hand_counted() -> list[QuestionFacts]:
    """Six questions of November 2026, counted by hand below (times in UTC, Moscow's calendar)."""

    def q(
        topic: ConsultTopic,
        place: str | None,
        asked: datetime,
        answered: datetime | None,
        rating: int | None,
        *,
        is_open: bool = False,
    ) -> QuestionFacts:
        return QuestionFacts(topic, place, asked, deadline(asked, MSK), answered, rating, is_open)

    return [
        # 2 h, in time (due Thu 5 Nov), rated 5.
        q(ConsultTopic.ATTESTATION, "Альфа", utc(2026, 11, 2, 7), utc(2026, 11, 2, 9), 5),
        # 30 h, in time (due Thu 12 Nov 18:00 MSK), rated 4.
        q(ConsultTopic.ATTESTATION, "Альфа", utc(2026, 11, 10, 7), utc(2026, 11, 11, 13), 4),
        # Fri 13 Nov, due Tue 17 Nov 18:00 MSK, answered Wed 18 Nov 14:00 UTC: 122 h, late, rated 2.
        q(ConsultTopic.ROUTE, "Бета", utc(2026, 11, 13, 12), utc(2026, 11, 18, 14), 2),
        # Unanswered, due Wed 18 Nov 18:00 MSK: past the deadline, counted against.
        q(ConsultTopic.ROUTE, "Бета", utc(2026, 11, 16, 7), None, None, is_open=True),
        # Unanswered, asked this morning: not decided yet.
        q(ConsultTopic.DIGITAL, "Альфа", utc(2026, 11, 23, 6), None, None, is_open=True),
        # No municipality; 10 h, in time, rated 5.
        q(ConsultTopic.OTHER, None, utc(2026, 11, 18, 7), utc(2026, 11, 18, 17), 5),
    ]


def test_the_figures_of_a_hand_counted_month() -> None:
    f = figures(hand_counted(), utc(2026, 11, 23, 9))
    assert (f.asked, f.open, f.answered) == (6, 2, 4)
    # Hours 2, 10, 30, 122: the median is (10 + 30) / 2, the 90th percentile the 4th of 4.
    assert f.median_hours == 20.0
    assert f.p90_hours == 122.0
    # In time: 2 h, 30 h, 10 h; judged: those three, the late one, the overdue one.
    assert (f.within, f.judged) == (3, 5)
    assert f.within_share == 0.6
    assert f.ratings == {1: 0, 2: 1, 3: 0, 4: 1, 5: 2}
    assert f.rated == 4 and f.mean_rating == 4.0
    topics = {g.key: (g.asked, g.answered, g.within, g.judged, g.median_hours) for g in f.by_topic}
    assert topics == {
        "route": (2, 1, 0, 2, 122.0),
        "attestation": (2, 2, 2, 2, 16.0),
        "digital": (1, 0, 0, 0, None),
        "other": (1, 1, 1, 1, 10.0),
    }
    assert [g.key for g in f.by_topic] == ["route", "attestation", "digital", "other"]  # the list's order
    places = [(g.key, g.asked, g.answered, g.within, g.judged, g.median_hours) for g in f.by_municipality]
    assert places == [
        ("Альфа", 3, 2, 2, 2, 16.0),
        ("Бета", 2, 1, 0, 2, 122.0),
        ("", 1, 1, 1, 1, 10.0),
    ]


def test_no_questions_no_figures() -> None:
    f = figures([], utc(2026, 11, 23))
    assert f.asked == 0 and f.median_hours is None and f.p90_hours is None
    assert f.within_share is None and f.mean_rating is None
    assert f.by_topic == [] and f.by_municipality == []

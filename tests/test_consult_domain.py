"""The rules of «Вопрос методисту» without Telegram or a database: the working calendar and the
deadline, the methodist's queue, the choice of a methodist, the FAQ's stems."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.consult import (
    Lane,
    QuestionStatus,
    QueueItem,
    Side,
    WorkingCalendar,
    answer_due,
    lane,
    pick_for_question,
    queue_order,
    search_text,
    stems,
    working_calendar,
)
from bot.domain.routes import MethodistCandidate

MOSCOW = "Europe/Moscow"


def msk(*args: int) -> datetime:
    """A Moscow wall-clock time (UTC+3 all year) as UTC."""
    return datetime(*args, tzinfo=UTC) - timedelta(hours=3)  # type: ignore[misc]


class TestWorkingCalendar:
    def test_the_library_knows_transferred_days_off_and_working_saturdays(self) -> None:
        calendar = working_calendar()
        assert not calendar.is_working_day(date(2025, 5, 2))  # Friday, moved from 4 January
        assert not calendar.is_working_day(date(2025, 12, 31))  # Wednesday, moved from 5 January
        assert calendar.is_working_day(date(2025, 11, 1))  # Saturday, a working day (moved to 3 November)
        assert not calendar.is_working_day(date(2025, 11, 3))

    def test_2026_transfers_the_library_lacks_are_added(self) -> None:
        calendar = working_calendar()
        for day in (date(2026, 1, 9), date(2026, 3, 9), date(2026, 5, 11), date(2026, 12, 31)):
            assert not calendar.is_working_day(day), day
        assert calendar.is_working_day(date(2026, 1, 12))

    def test_extra_dates_override_the_library(self) -> None:
        calendar = WorkingCalendar(extra_off=[date(2026, 11, 24)], extra_work=[date(2026, 11, 28)])
        assert not calendar.is_working_day(date(2026, 11, 24))
        assert calendar.is_working_day(date(2026, 11, 28))  # a Saturday
        assert calendar.add_working_days(date(2026, 11, 23), 2) == date(2026, 11, 26)


class TestAnswerDue:
    def test_a_monday_question_is_due_on_wednesday_evening(self) -> None:
        assert answer_due(msk(2026, 11, 23, 12, 0), MOSCOW) == msk(2026, 11, 25, 18, 0)

    def test_a_friday_question_is_due_on_tuesday(self) -> None:
        assert answer_due(msk(2026, 11, 27, 10, 0), MOSCOW) == msk(2026, 12, 1, 18, 0)

    def test_a_saturday_question_counts_from_monday(self) -> None:
        assert answer_due(msk(2026, 11, 28, 10, 0), MOSCOW) == msk(2026, 12, 1, 18, 0)

    def test_new_year_holidays_are_skipped(self) -> None:
        # 30.12.2025 (Tuesday): 31.12 is a day off, 1–8 January holidays, 9 January moved, then the
        # weekend: the first working days are 12 and 13 January.
        assert answer_due(msk(2025, 12, 30, 15, 0), MOSCOW) == msk(2026, 1, 13, 18, 0)
        assert answer_due(msk(2026, 12, 29, 15, 0), MOSCOW) == msk(2027, 1, 11, 18, 0)

    def test_a_question_at_23_00_counts_from_its_own_day(self) -> None:
        # 23:00 on Wednesday: Thursday and Friday are the two days.
        assert answer_due(msk(2026, 11, 25, 23, 0), MOSCOW) == msk(2026, 11, 27, 18, 0)

    def test_the_teachers_zone_decides_the_day(self) -> None:
        # 23:00 UTC on Wednesday is already Thursday in Kostroma and in Yekaterinburg.
        asked = datetime(2026, 11, 25, 23, 0, tzinfo=UTC)
        assert answer_due(asked, MOSCOW) == msk(2026, 11, 30, 18, 0)
        assert answer_due(asked, "Asia/Yekaterinburg") == datetime(2026, 11, 30, 13, 0, tzinfo=UTC)
        # In Kaliningrad (UTC+2) it is 01:00 on Thursday too; in UTC itself still Wednesday.
        assert answer_due(asked, "UTC") == datetime(2026, 11, 27, 18, 0, tzinfo=UTC)


def item(qid: int, *, waiting: Side = Side.METHODIST, due: datetime | None = None, **kw: object) -> QueueItem:
    base = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    return QueueItem(
        qid,
        kw.get("status", QuestionStatus.OPEN),
        waiting,
        base,
        due,
        kw.get("first"),
        kw.get("last", base),
    )


class TestQueue:
    NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

    def test_overdue_then_new_then_waiting_for_the_teacher(self) -> None:
        past, soon, later = (
            self.NOW - timedelta(hours=1),
            self.NOW + timedelta(hours=5),
            self.NOW + timedelta(days=1),
        )
        items = [
            item(1, waiting=Side.TEACHER, due=past, first=past),
            item(2, due=later),
            item(3, due=past),
            item(4, due=soon),
            item(5, due=past - timedelta(days=1)),
            item(6, status=QuestionStatus.CLOSED, due=past),
        ]
        assert [i.question_id for i in queue_order(items, self.NOW)] == [5, 3, 4, 2, 1, 6]
        assert lane(items[0], self.NOW) is Lane.TEACHER
        assert lane(items[2], self.NOW) is Lane.OVERDUE

    def test_answered_once_is_not_overdue_when_the_teacher_writes_again(self) -> None:
        past = self.NOW - timedelta(days=2)
        follow_up = item(1, due=past, first=past - timedelta(hours=1))
        assert lane(follow_up, self.NOW) is Lane.NEW


class TestPick:
    def test_subject_then_municipality_then_fewest_open_questions(self) -> None:
        candidates = [
            MethodistCandidate(1, 10, frozenset({"math"}), 5),
            MethodistCandidate(2, 10, frozenset({"math"}), 1),
            MethodistCandidate(3, None, frozenset({"math"}), 0),
            MethodistCandidate(4, 10, frozenset({"physics"}), 0),
            MethodistCandidate(5, 20, frozenset({"math"}), 0),  # another municipality's
        ]
        assert pick_for_question(10, "math", ["physics"], candidates) == 2
        assert pick_for_question(10, "physics", ["math"], candidates) == 4
        assert pick_for_question(10, None, ["math"], candidates) == 2
        assert pick_for_question(30, "math", [], candidates) == 3
        assert pick_for_question(30, "math", [], candidates[4:]) is None


class TestStems:
    @pytest.mark.parametrize(
        ("one", "other"),
        [
            ("аттестация", "аттестации"),
            ("аттестацией", "аттестаций"),
            ("рабочая программа", "рабочую программу"),
            ("портфолио", "портфолио"),
            ("ребёнок с ОВЗ", "ребенок с овз"),
        ],
    )
    def test_forms_of_a_word_share_a_stem(self, one: str, other: str) -> None:
        assert stems(one) == stems(other)

    def test_stop_words_and_one_letter_words_go(self) -> None:
        assert stems("Как и что делать с ИОМ?") == ["дела", "иом"]

    def test_the_search_column_is_padded(self) -> None:
        assert search_text("Рабочая программа", None, "программы") == " рабоч программ "
        assert search_text("и в на") == " "

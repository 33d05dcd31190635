"""ИОМ rules: proposal from a diagnosis, progress and completion, reminder timing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest

from bot.domain.diagnostics import AreaResult, Catalogue, Level, StepForm
from bot.domain.routes import (
    MIN_STEP_DAYS,
    Due,
    StepStatus,
    academic_year,
    build_proposal,
    is_quiet,
    local_today,
    may_nudge,
    next_allowed,
    progress,
    route_period,
    step_due,
)


def rec(form: str, title: str) -> dict[str, object]:
    return {"form": form, "title": title, "description": "Что сделать и зачем — коротко."}


CATALOGUE = Catalogue.model_validate(
    {
        "version": 1,
        "areas": {
            area: {
                "title": area,
                "high": [
                    rec("course", f"{area}: курс"),
                    rec("consultation", f"{area}: консультация"),
                    rec("internship", f"{area}: стажировка"),
                ],
                "medium": [rec("training", f"{area}: тренинг"), rec("community", f"{area}: сообщество")],
                "low": [rec("experience", f"{area}: мастер-класс")],
            }
            for area in ("digital", "subject", "methodological", "communicative")
        },
    }
)


def result(area: str, score: float | None, level: Level | None) -> AreaResult:
    return AreaResult(area, area, score, level, 6, 6)


class TestPeriod:
    @pytest.mark.parametrize(
        ("today", "expected"),
        [
            (date(2026, 11, 23), (date(2026, 9, 1), date(2027, 5, 31))),
            (date(2027, 3, 1), (date(2026, 9, 1), date(2027, 5, 31))),
            (date(2027, 5, 31), (date(2026, 9, 1), date(2027, 5, 31))),
            (date(2027, 6, 1), (date(2027, 9, 1), date(2028, 5, 31))),
            (date(2027, 8, 31), (date(2027, 9, 1), date(2028, 5, 31))),
        ],
    )
    def test_academic_year(self, today: date, expected: tuple[date, date]) -> None:
        assert academic_year(today) == expected

    def test_route_period_starts_today_during_the_year_and_in_september_in_summer(self) -> None:
        assert route_period(date(2026, 11, 23)) == (date(2026, 11, 23), date(2027, 5, 31))
        assert route_period(date(2027, 7, 10)) == (date(2027, 9, 1), date(2028, 5, 31))


class TestProposal:
    def test_high_deficits_first_weakest_first_then_medium(self) -> None:
        results = [
            result("subject", 60.0, Level.MEDIUM),
            result("digital", 20.0, Level.HIGH),
            result("methodological", 45.0, Level.HIGH),
            result("communicative", 90.0, Level.LOW),
        ]
        steps = build_proposal(results, CATALOGUE, start=date(2026, 9, 1), end=date(2027, 5, 31))
        assert [s.title for s in steps] == [
            "digital: курс",
            "digital: консультация",
            "methodological: курс",
            "methodological: консультация",
            "subject: тренинг",
            "subject: сообщество",
        ]
        assert {s.area for s in steps} == {"digital", "methodological", "subject"}  # no low-deficit area
        assert steps[0].form is StepForm.COURSE and steps[0].level is Level.HIGH

    def test_steps_follow_one_another_inside_the_period(self) -> None:
        start, end = date(2026, 9, 1), date(2027, 5, 31)
        steps = build_proposal(
            [result("digital", 10.0, Level.HIGH), result("subject", 55.0, Level.MEDIUM)],
            CATALOGUE,
            start=start,
            end=end,
        )
        assert steps[0].planned_start == start
        for before, after in pairwise(steps):
            assert before.planned_end < after.planned_start
        assert all(start <= s.planned_start <= s.planned_end <= end for s in steps)
        assert all((s.planned_end - s.planned_start).days + 1 >= MIN_STEP_DAYS for s in steps)

    def test_a_short_period_still_gives_each_step_two_weeks(self) -> None:
        start, end = date(2027, 5, 1), date(2027, 5, 31)
        steps = build_proposal(
            [result(a, 10.0, Level.HIGH) for a in ("digital", "subject", "methodological")],
            CATALOGUE,
            start=start,
            end=end,
        )
        assert len(steps) == 6
        assert all((s.planned_end - s.planned_start).days + 1 == MIN_STEP_DAYS for s in steps)
        assert max(s.planned_start for s in steps) <= end

    def test_per_area_limit_and_nothing_to_propose(self) -> None:
        one = build_proposal(
            [result("digital", 10.0, Level.HIGH)],
            CATALOGUE,
            start=date(2026, 9, 1),
            end=date(2027, 5, 31),
            per_area=1,
        )
        assert [s.title for s in one] == ["digital: курс"]
        assert (
            build_proposal(
                [result("digital", 90.0, Level.LOW)], CATALOGUE, start=date(2026, 9, 1), end=date(2027, 5, 31)
            )
            == []
        )
        assert (
            build_proposal(
                [result("unknown", 10.0, Level.HIGH)],
                CATALOGUE,
                start=date(2026, 9, 1),
                end=date(2027, 5, 31),
            )
            == []
        )
        assert (
            build_proposal(
                [result("digital", None, None)], CATALOGUE, start=date(2026, 9, 1), end=date(2027, 5, 31)
            )
            == []
        )


class TestProgress:
    def test_dropped_steps_do_not_count(self) -> None:
        state = progress([StepStatus.DONE, StepStatus.DROPPED, StepStatus.IN_PROGRESS, StepStatus.PLANNED])
        assert (state.done, state.active, state.percent) == (1, 3, 33)
        assert not state.carried_out

    def test_carried_out_when_every_kept_step_is_done(self) -> None:
        assert progress([StepStatus.DONE, StepStatus.DROPPED, StepStatus.DONE]).carried_out
        assert progress([StepStatus.DONE]).percent == 100

    def test_an_empty_or_all_dropped_route_is_not_carried_out(self) -> None:
        assert not progress([]).carried_out
        assert not progress([StepStatus.DROPPED, StepStatus.DROPPED]).carried_out
        assert progress([StepStatus.DROPPED]).percent == 0


class TestReminders:
    TODAY = date(2026, 11, 23)

    @pytest.mark.parametrize(
        ("days_left", "expected"),
        [(10, None), (4, None), (3, Due.NEAR), (0, Due.NEAR), (-1, Due.OVERDUE), (-30, Due.OVERDUE)],
    )
    def test_due(self, days_left: int, expected: Due | None) -> None:
        end = self.TODAY + timedelta(days=days_left)
        assert step_due(end, StepStatus.PLANNED, self.TODAY) == expected
        assert step_due(end, StepStatus.IN_PROGRESS, self.TODAY) == expected

    def test_finished_steps_are_never_due(self) -> None:
        for status in (StepStatus.DONE, StepStatus.DROPPED):
            assert step_due(self.TODAY - timedelta(days=5), status, self.TODAY) is None

    def test_one_nudge_a_week(self) -> None:
        now = datetime(2026, 11, 23, 10, tzinfo=UTC)
        assert may_nudge(None, now)
        assert not may_nudge(now - timedelta(days=6, hours=23), now)
        assert may_nudge(now - timedelta(days=7), now)

    def test_local_date_depends_on_the_time_zone(self) -> None:
        now = datetime(2026, 11, 23, 20, 30, tzinfo=UTC)
        assert local_today(now, "Europe/Moscow") == date(2026, 11, 23)  # 23:30
        assert local_today(now, "Asia/Vladivostok") == date(2026, 11, 24)  # 06:30 next day

    @pytest.mark.parametrize(
        ("utc_hour", "zone", "quiet"),
        [
            (6, "Europe/Moscow", False),  # 09:00 — morning has come
            (5, "Europe/Moscow", True),  # 08:00
            (17, "Europe/Moscow", False),  # 20:00
            (18, "Europe/Moscow", True),  # 21:00
            (2, "Asia/Yekaterinburg", True),  # 07:00
            (4, "Asia/Yekaterinburg", False),  # 09:00
        ],
    )
    def test_quiet_hours_in_local_time(self, utc_hour: int, zone: str, quiet: bool) -> None:
        assert is_quiet(datetime(2026, 11, 23, utc_hour, tzinfo=UTC), zone) is quiet

    def test_next_allowed_waits_for_the_local_morning(self) -> None:
        day = datetime(2026, 11, 23, tzinfo=UTC)
        # 22:00 in Moscow → 09:00 Moscow tomorrow = 06:00 UTC.
        assert next_allowed(day.replace(hour=19), "Europe/Moscow") == datetime(2026, 11, 24, 6, tzinfo=UTC)
        # 07:00 in Moscow → 09:00 the same day.
        assert next_allowed(day.replace(hour=4), "Europe/Moscow") == datetime(2026, 11, 23, 6, tzinfo=UTC)
        # Daytime: at once.
        assert next_allowed(day.replace(hour=10), "Europe/Moscow") == day.replace(hour=10)
        # Vladivostok (UTC+10): 23:00 UTC is 09:00 there — allowed.
        assert next_allowed(day.replace(hour=23), "Asia/Vladivostok") == day.replace(hour=23)

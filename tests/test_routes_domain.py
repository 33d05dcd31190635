"""ИОМ rules: proposal from a diagnosis, progress and completion, reminder timing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.diagnostics import AreaResult, Catalogue, Level, StepForm
from bot.domain.routes import (
    MIN_STEP_DAYS,
    Due,
    DueStep,
    MethodistCandidate,
    RouteStatus,
    StepAction,
    StepStatus,
    academic_year,
    after_action,
    build_proposal,
    experience_proposal,
    may_nudge,
    parse_goal,
    pick_methodist,
    progress,
    reminder_plan,
    route_period,
    route_status_after_steps,
    step_actions,
    step_due,
)
from bot.domain.time import is_quiet, local_today, next_allowed
from bot.ui.routes import progress_bar


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


# --- route statuses, step actions, reminders, the methodist choice ---------------------------------


class TestStepActions:
    def test_nothing_can_be_done_in_a_draft_or_a_carried_out_route(self) -> None:
        for status in StepStatus:
            assert step_actions(RouteStatus.DRAFT, status) == []
            assert step_actions(RouteStatus.CARRIED_OUT, status) == []

    @pytest.mark.parametrize("route", [RouteStatus.SUBMITTED, RouteStatus.RETURNED, RouteStatus.APPROVED])
    def test_work_goes_on_while_the_methodist_reviews(self, route: RouteStatus) -> None:
        assert step_actions(route, StepStatus.PLANNED) == [StepAction.START, StepAction.DONE, StepAction.DROP]
        assert step_actions(route, StepStatus.IN_PROGRESS) == [StepAction.DONE, StepAction.DROP]
        assert step_actions(route, StepStatus.DONE) == [StepAction.REOPEN]
        assert step_actions(route, StepStatus.DROPPED) == [StepAction.RESTORE]

    def test_each_action_leads_where_its_name_says(self) -> None:
        assert after_action(StepAction.START, StepStatus.PLANNED) is StepStatus.IN_PROGRESS
        assert after_action(StepAction.DONE, StepStatus.IN_PROGRESS) is StepStatus.DONE
        assert after_action(StepAction.DROP, StepStatus.PLANNED) is StepStatus.DROPPED
        assert after_action(StepAction.RESTORE, StepStatus.DROPPED) is StepStatus.PLANNED
        assert after_action(StepAction.REOPEN, StepStatus.DONE) is StepStatus.IN_PROGRESS


class TestRouteCompletion:
    def test_an_approved_route_is_carried_out_when_every_counted_step_is_done(self) -> None:
        done = [StepStatus.DONE, StepStatus.DROPPED, StepStatus.DONE]
        assert route_status_after_steps(RouteStatus.APPROVED, done) is RouteStatus.CARRIED_OUT
        open_ = [StepStatus.DONE, StepStatus.IN_PROGRESS]
        assert route_status_after_steps(RouteStatus.APPROVED, open_) is RouteStatus.APPROVED

    def test_a_route_under_review_stays_under_review_even_when_all_is_done(self) -> None:
        done = [StepStatus.DONE]
        assert route_status_after_steps(RouteStatus.SUBMITTED, done) is RouteStatus.SUBMITTED
        assert route_status_after_steps(RouteStatus.RETURNED, done) is RouteStatus.RETURNED

    def test_all_dropped_is_not_carried_out(self) -> None:
        dropped = [StepStatus.DROPPED, StepStatus.DROPPED]
        assert route_status_after_steps(RouteStatus.APPROVED, dropped) is RouteStatus.APPROVED

    def test_reopening_a_step_takes_a_carried_out_route_back(self) -> None:
        reopened = [StepStatus.DONE, StepStatus.IN_PROGRESS]
        assert route_status_after_steps(RouteStatus.CARRIED_OUT, reopened) is RouteStatus.APPROVED

    @pytest.mark.parametrize(("percent", "bar"), [(0, "░" * 10), (43, "▓" * 4 + "░" * 6), (100, "▓" * 10)])
    def test_progress_bar(self, percent: int, bar: str) -> None:
        assert progress_bar(percent) == bar


class TestGoalAndFallback:
    def test_goal_is_one_clean_line(self) -> None:
        assert parse_goal("  Научиться \n вести  проектные уроки ") == "Научиться вести проектные уроки"
        with pytest.raises(ValueError, match="short"):
            parse_goal(" да ")
        with pytest.raises(ValueError, match="long"):
            parse_goal("а" * 301)

    def test_without_deficits_the_strongest_area_shares_experience(self) -> None:
        results = [result("digital", 80.0, Level.LOW), result("subject", 95.0, Level.LOW)]
        start, end = date(2026, 11, 23), date(2027, 5, 31)
        assert build_proposal(results, CATALOGUE, start=start, end=end) == []
        steps = experience_proposal(results, CATALOGUE, start=start, end=end)
        assert [(s.area, s.form, s.level) for s in steps] == [("subject", StepForm.EXPERIENCE, Level.LOW)]
        assert (steps[0].planned_start, steps[0].planned_end) == (start, end)

    def test_no_fallback_without_any_score(self) -> None:
        assert (
            experience_proposal(
                [result("digital", None, None)], CATALOGUE, start=date(2026, 11, 23), end=date(2027, 5, 31)
            )
            == []
        )


MOSCOW = "Europe/Moscow"
VLADIVOSTOK = "Asia/Vladivostok"


class TestReminderPlan:
    def steps(self, *ends: date) -> list[DueStep]:
        return [DueStep(i + 1, end, StepStatus.PLANNED) for i, end in enumerate(ends)]

    def test_near_and_overdue_steps_in_one_message(self) -> None:
        now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # 12:00 in Moscow
        steps = self.steps(date(2026, 11, 20), date(2026, 11, 25), date(2026, 12, 20))
        assert reminder_plan(steps, set(), last_nudge_at=None, now=now, timezone=MOSCOW) == [
            (1, Due.OVERDUE),
            (2, Due.NEAR),
        ]

    def test_never_the_same_reminder_twice(self) -> None:
        now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
        steps = self.steps(date(2026, 11, 20), date(2026, 11, 25))
        assert reminder_plan(steps, {(1, Due.OVERDUE)}, last_nudge_at=None, now=now, timezone=MOSCOW) == [
            (2, Due.NEAR)
        ]
        # The near reminder was sent; once the step is overdue it may be reminded of again.
        assert (
            reminder_plan(
                steps, {(2, Due.NEAR), (1, Due.OVERDUE)}, last_nudge_at=None, now=now, timezone=MOSCOW
            )
            == []
        )

    def test_at_night_in_the_teachers_zone_nothing(self) -> None:
        # 12:00 UTC is 15:00 in Moscow but 22:00 in Vladivostok.
        now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
        steps = self.steps(date(2026, 11, 24))
        assert reminder_plan(steps, set(), last_nudge_at=None, now=now, timezone=MOSCOW) == [(1, Due.NEAR)]
        assert reminder_plan(steps, set(), last_nudge_at=None, now=now, timezone=VLADIVOSTOK) == []

    def test_the_local_date_decides_what_is_overdue(self) -> None:
        # 23:30 UTC on the 23rd is already the 24th, 09:30, in Vladivostok.
        now = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
        steps = self.steps(date(2026, 11, 23))
        assert reminder_plan(steps, set(), last_nudge_at=None, now=now, timezone=VLADIVOSTOK) == [
            (1, Due.OVERDUE)
        ]

    def test_at_most_once_a_week_per_route(self) -> None:
        now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
        steps = self.steps(date(2026, 11, 24))
        assert (
            reminder_plan(steps, set(), last_nudge_at=now - timedelta(days=6), now=now, timezone=MOSCOW) == []
        )
        assert reminder_plan(
            steps, set(), last_nudge_at=now - timedelta(days=7), now=now, timezone=MOSCOW
        ) == [(1, Due.NEAR)]

    def test_done_and_dropped_steps_are_not_reminded_of(self) -> None:
        now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
        steps = [
            DueStep(1, date(2026, 11, 1), StepStatus.DONE),
            DueStep(2, date(2026, 11, 1), StepStatus.DROPPED),
        ]
        assert reminder_plan(steps, set(), last_nudge_at=None, now=now, timezone=MOSCOW) == []

    @given(
        hour=st.integers(0, 23),
        minute=st.integers(0, 59),
        zone=st.sampled_from(
            [MOSCOW, VLADIVOSTOK, "Asia/Yekaterinburg", "Europe/Kaliningrad", "Asia/Kamchatka"]
        ),
        ends=st.lists(st.integers(-20, 20), min_size=1, max_size=8),
    )
    def test_property_never_at_night_never_repeated(
        self, hour: int, minute: int, zone: str, ends: list[int]
    ) -> None:
        now = datetime(2026, 11, 23, hour, minute, tzinfo=UTC)
        today = local_today(now, zone)
        steps = [DueStep(i, today + timedelta(days=e), StepStatus.PLANNED) for i, e in enumerate(ends)]
        plan = reminder_plan(steps, set(), last_nudge_at=None, now=now, timezone=zone)
        if is_quiet(now, zone):
            assert plan == []
        else:
            assert {s for s, _ in plan} == {i for i, e in enumerate(ends) if e <= 3}
        again = reminder_plan(steps, set(plan), last_nudge_at=None, now=now, timezone=zone)
        assert again == []


class TestPickMethodist:
    def test_subject_first_then_own_municipality_then_load(self) -> None:
        candidates = [
            MethodistCandidate(1, municipality_id=None, subjects=frozenset({"math"}), load=10),
            MethodistCandidate(2, municipality_id=7, subjects=frozenset({"history"}), load=0),
            MethodistCandidate(3, municipality_id=7, subjects=frozenset({"math"}), load=40),
            MethodistCandidate(4, municipality_id=7, subjects=frozenset({"math"}), load=30),
        ]
        assert pick_methodist(7, ["math"], candidates) == 4
        assert pick_methodist(7, ["history"], candidates) == 2
        assert pick_methodist(7, ["art"], candidates) == 2  # own municipality before the regional one
        assert pick_methodist(8, ["math"], candidates) == 1  # others' municipal methodists are not offered

    def test_nobody_fits(self) -> None:
        assert pick_methodist(8, ["math"], [MethodistCandidate(2, 7, frozenset({"math"}), 0)]) is None
        assert pick_methodist(None, [], []) is None

    @given(
        st.lists(
            st.tuples(
                st.one_of(st.none(), st.integers(1, 3)),
                st.sets(st.sampled_from(["a", "b", "c"])),
                st.integers(0, 90),
            ),
            max_size=12,
        ),
        st.one_of(st.none(), st.integers(1, 3)),
        st.sets(st.sampled_from(["a", "b", "c"])),
    )
    def test_property_the_pick_can_work_there_and_no_eligible_one_is_better(
        self, raw, municipality, subjects
    ) -> None:
        candidates = [MethodistCandidate(i + 1, m, frozenset(s), load) for i, (m, s, load) in enumerate(raw)]
        chosen = pick_methodist(municipality, subjects, candidates)
        eligible = [c for c in candidates if c.municipality_id is None or c.municipality_id == municipality]
        if not eligible:
            assert chosen is None
            return
        best = next(c for c in eligible if c.user_id == chosen)

        def key(c: MethodistCandidate) -> tuple[int, int, int]:
            return (0 if c.subjects & subjects else 1, 0 if c.municipality_id is not None else 1, c.load)

        assert all(key(best) <= key(c) for c in eligible)

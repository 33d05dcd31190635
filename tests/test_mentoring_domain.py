"""Mentoring rules without Telegram: the fit of a pair, the whole-assignment matching (better than
greedy, within every capacity), quiet pairs, the adaptation summary."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.mentoring import (
    Mentor,
    Proposal,
    Quiet,
    Reason,
    Young,
    adaptation_period,
    alternatives,
    check_due,
    fit,
    match,
    meetings_per_month,
    pair_period,
    parse_capacity,
    parse_topic,
    quiet_key,
    quiet_level,
    quiet_since,
    slot_value,
    summarize_adaptation,
    total_score,
)


def greedy(youngs: list[Young], mentors: list[Mentor]) -> list[Proposal]:
    """First come, first served: each young specialist takes the best mentor still with room."""
    load = {m.user_id: m.load for m in mentors}
    result = []
    for young in youngs:
        best: tuple[float, Mentor] | None = None
        for mentor in mentors:
            if load[mentor.user_id] >= mentor.capacity:
                continue
            found = fit(young, mentor)
            if found is None:
                continue
            value = slot_value(found.score, load[mentor.user_id])
            if best is None or value > best[0]:
                best = (value, mentor)
        if best is not None:
            load[best[1].user_id] += 1
            result.append(Proposal(young.user_id, best[1].user_id, best[0], ()))
    return result


def check_valid(proposals: list[Proposal], youngs: list[Young], mentors: list[Mentor]) -> None:
    by_young = Counter(p.young_id for p in proposals)
    assert all(n == 1 for n in by_young.values()), "a young specialist got two mentors"
    by_mentor = Counter(p.mentor_id for p in proposals)
    for mentor in mentors:
        assert by_mentor[mentor.user_id] <= mentor.free, f"mentor {mentor.user_id} over capacity"
    young_of = {y.user_id: y for y in youngs}
    mentor_of = {m.user_id: m for m in mentors}
    for p in proposals:
        assert young_of[p.young_id].municipality_id == mentor_of[p.mentor_id].municipality_id
        assert p.young_id != p.mentor_id


class TestFit:
    def test_subject_school_and_wishes_add_up(self) -> None:
        young = Young(1, 7, 70, frozenset({"math"}), want_subject="math", want_same_school=True)
        mentor = Mentor(2, 7, 70, frozenset({"math", "physics"}))
        found = fit(young, mentor)
        assert found is not None
        assert found.reasons == (
            Reason.MUNICIPALITY,
            Reason.SUBJECT,
            Reason.SCHOOL,
            Reason.WISH_SUBJECT,
            Reason.WISH_SCHOOL,
        )
        assert found.score == 1 + 4 + 3 + 2 + 2

    def test_pairs_never_cross_a_municipality_and_nobody_mentors_themselves(self) -> None:
        young = Young(1, 7, 70, frozenset({"math"}))
        assert fit(young, Mentor(2, 8, 80, frozenset({"math"}))) is None
        assert fit(young, Mentor(1, 7, 70, frozenset({"math"}))) is None
        assert fit(Young(1, None, None, frozenset()), Mentor(2, None, None, frozenset())) is None

    def test_a_busier_mentor_is_worth_less(self) -> None:
        assert slot_value(8.0, 0) > slot_value(8.0, 1) > slot_value(8.0, 2)


class TestMatching:
    def test_beats_greedy_on_a_crafted_case(self) -> None:
        """Greedy gives the first young specialist the only maths mentor though she could work
        with the other one; the second, a maths teacher, is left with a poor fit."""
        youngs = [
            Young(1, 1, 10, frozenset({"math", "physics"})),
            Young(2, 1, 11, frozenset({"math"})),
        ]
        mentors = [
            Mentor(101, 1, 12, frozenset({"math"}), capacity=1),
            Mentor(102, 1, 13, frozenset({"physics"}), capacity=1),
        ]
        greedy_total = total_score(greedy(youngs, mentors))
        best = match(youngs, mentors)
        check_valid(best, youngs, mentors)
        assert {(p.young_id, p.mentor_id) for p in best} == {(1, 102), (2, 101)}
        assert total_score(best) > greedy_total
        assert total_score(best) == 10.0 and greedy_total == 6.0

    def test_matching_everyone_comes_before_a_better_fit(self) -> None:
        # Mentor 101 fits young 1 much better, but only 101 can take young 2 at all: both get one.
        youngs = [Young(1, 1, 10, frozenset({"math"})), Young(2, 1, 11, frozenset({"art"}))]
        mentors = [
            Mentor(101, 1, 10, frozenset({"math", "art"}), capacity=1),
            Mentor(102, 1, 99, frozenset(), capacity=1),
        ]
        best = match(youngs, mentors)
        assert len(best) == 2

    def test_capacity_and_load_are_respected_and_the_load_spreads(self) -> None:
        youngs = [Young(i, 1, None, frozenset({"math"})) for i in range(1, 6)]
        mentors = [
            Mentor(101, 1, None, frozenset({"math"}), capacity=3, load=0),
            Mentor(102, 1, None, frozenset({"math"}), capacity=3, load=2),
        ]
        best = match(youngs, mentors)
        check_valid(best, youngs, mentors)
        assert Counter(p.mentor_id for p in best) == {101: 3, 102: 1}
        assert len(best) == 4  # one young specialist waits: no room left

    def test_nobody_to_match(self) -> None:
        assert match([], [Mentor(1, 1, 1, frozenset())]) == []
        assert match([Young(1, 1, 1, frozenset())], []) == []
        assert match([Young(1, 1, 1, frozenset())], [Mentor(2, 1, 1, frozenset(), capacity=1, load=1)]) == []

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(
            st.tuples(st.integers(1, 3), st.integers(1, 6), st.sets(st.sampled_from("abcd"), max_size=2)),
            min_size=1,
            max_size=14,
        ),
        st.lists(
            st.tuples(
                st.integers(1, 3),
                st.integers(1, 6),
                st.sets(st.sampled_from("abcd"), max_size=2),
                st.integers(1, 3),
                st.integers(0, 3),
            ),
            min_size=0,
            max_size=8,
        ),
    )
    def test_property_valid_and_never_worse_than_greedy(self, raw_youngs, raw_mentors) -> None:
        youngs = [Young(i + 1, m, s, frozenset(subj)) for i, (m, s, subj) in enumerate(raw_youngs)]
        mentors = [
            Mentor(1000 + j, m, s, frozenset(subj), capacity=cap, load=min(load, cap))
            for j, (m, s, subj, cap, load) in enumerate(raw_mentors)
        ]
        best = match(youngs, mentors)
        check_valid(best, youngs, mentors)
        baseline = greedy(youngs, mentors)
        assert len(best) >= len(baseline)
        if len(best) == len(baseline):
            assert total_score(best) >= total_score(baseline) - 1e-9

    def test_alternatives_are_best_first_and_have_room(self) -> None:
        young = Young(1, 1, 10, frozenset({"math"}))
        mentors = [
            Mentor(101, 1, 11, frozenset({"math"}), capacity=2, load=1),
            Mentor(102, 1, 10, frozenset({"math"}), capacity=2, load=0),
            Mentor(103, 1, 10, frozenset({"math"}), capacity=1, load=1),  # full
            Mentor(104, 2, 10, frozenset({"math"}), capacity=2, load=0),  # elsewhere
        ]
        assert [m.user_id for m, _f in alternatives(young, mentors)] == [102, 101]
        assert [m.user_id for m, _f in alternatives(young, mentors, exclude=102)] == [101]


class TestQuietPairs:
    start = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)

    def test_levels(self) -> None:
        assert quiet_level(self.start, self.start + timedelta(days=13, hours=23)) is None
        assert quiet_level(self.start, self.start + timedelta(days=14)) is Quiet.NUDGE
        assert quiet_level(self.start, self.start + timedelta(days=30)) is Quiet.RISK

    def test_the_stretch_begins_at_the_last_meeting_or_the_start(self) -> None:
        assert quiet_since(None, self.start) == self.start
        later = self.start + timedelta(days=5)
        assert quiet_since(later, self.start) == later
        assert quiet_since(self.start - timedelta(days=3), self.start) == self.start
        assert quiet_key(self.start) != quiet_key(later)


class TestSmallRules:
    def test_period_of_a_year(self) -> None:
        assert pair_period(date(2026, 11, 23)) == (date(2026, 11, 23), date(2027, 11, 22))
        assert pair_period(date(2027, 1, 31)) == (date(2027, 1, 31), date(2028, 1, 27))

    def test_topic_and_capacity(self) -> None:
        assert parse_topic("  Анализ   урока ") == "Анализ урока"
        with pytest.raises(ValueError, match="short"):
            parse_topic("ок")
        with pytest.raises(ValueError, match="long"):
            parse_topic("т" * 201)
        assert parse_capacity(3) == 3
        with pytest.raises(ValueError):
            parse_capacity(0)

    def test_adaptation_timing(self) -> None:
        assert not check_due(datetime(2026, 12, 1, 9, 59))
        assert check_due(datetime(2026, 12, 1, 10, 0))
        assert check_due(datetime(2026, 12, 15, 8, 0))  # a missed run catches up later in the month
        assert adaptation_period(date(2026, 12, 31)) == "2026-12"

    def test_adaptation_summary(self) -> None:
        summary = summarize_adaptation(
            [
                {"difficulty": ["paperwork", "parents"], "support": "4", "workload": "high", "stay": "yes"},
                {"difficulty": ["paperwork"], "support": "2", "workload": "normal", "stay": "no"},
                {"difficulty": ["none"], "support": "5", "workload": "excessive", "stay": "unsure"},
            ]
        )
        assert summary.answered == 3
        assert summary.support_avg == pytest.approx(3.67)
        assert summary.overloaded == 2 and summary.may_leave == 2
        assert summary.difficulties == {"paperwork": 2, "parents": 1, "none": 1}
        assert summarize_adaptation([]).support_avg is None

    def test_meetings_per_month(self) -> None:
        assert meetings_per_month(6, date(2026, 9, 1), date(2026, 12, 1)) == pytest.approx(1.98)
        assert meetings_per_month(2, date(2026, 11, 20), date(2026, 11, 23)) == 2.0  # at least a month

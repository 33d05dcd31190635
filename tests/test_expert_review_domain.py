"""The expert review's rules without Telegram: the sheet of criteria (as content: errors name the
file and the field), the decision on a round, the experts picked, the means."""

from __future__ import annotations

import pytest

from bot.domain.practices import CriteriaSheet, ExpertLoad, Verdict, decide, mean_scores, pick_experts
from bot.services.expertise import fits
from bot.services.expertise.criteria import SheetError, load_sheet, parse_sheet

SHEET = load_sheet()  # threshold 15 of 25, decline below 8, gap 7, 3 rounds


def test_the_published_sheet_has_the_five_criteria_of_the_issue() -> None:
    assert [c.name("ru") for c in SHEET.criteria] == [
        "Актуальность",
        "Новизна",
        "Результативность",
        "Методическая проработанность",
        "Тиражируемость",
    ]
    assert SHEET.max_total == 25 and SHEET.threshold == 15
    assert SHEET.criteria[0].name("en") == "Relevance"


@pytest.mark.parametrize(
    ("totals", "round_no", "verdict"),
    [
        ((20, 18), 1, Verdict.PUBLISH),  # both above, close
        ((15, 15), 1, Verdict.PUBLISH),  # the threshold itself is above
        ((12, 10), 1, Verdict.RETURN),  # both below, close: revise
        ((12, 10), 3, Verdict.DECLINE),  # ... but that was the last round
        ((12, 10), 2, Verdict.RETURN),
        ((6, 5), 1, Verdict.DECLINE),  # far below: declined at once
        ((16, 13), 1, Verdict.THIRD),  # one above, one below
        ((25, 16), 1, Verdict.THIRD),  # both above but 9 apart (> 7)
        ((14, 3), 1, Verdict.THIRD),  # both below but 11 apart
        ((16, 13, 17), 1, Verdict.PUBLISH),  # the third sides with publishing
        ((16, 13, 10), 1, Verdict.RETURN),  # the third sides with revising
        ((16, 5, 3), 1, Verdict.RETURN),  # majority below, mean 8 is not below 8: revise
        ((16, 4, 3), 1, Verdict.DECLINE),  # majority below, mean 7.7 < 8: declined
    ],
)
def test_decide(totals: tuple[int, ...], round_no: int, verdict: Verdict) -> None:
    assert decide(totals, SHEET, round_no) is verdict


def test_decide_needs_two_reviews() -> None:
    with pytest.raises(ValueError, match="two reviews"):
        decide([20], SHEET, 1)


def test_totals_and_completeness() -> None:
    scores = {"relevance": 5, "novelty": 4, "results": 3, "method": 2, "replicable": 1}
    assert SHEET.complete(scores) and SHEET.total(scores) == 15
    assert not SHEET.complete({**scores, "method": None})
    assert not SHEET.complete({**scores, "method": 6})  # above the most points
    assert not SHEET.complete({**scores, "method": True})  # a bool is not points
    assert SHEET.total({"relevance": 5, "bogus": 5}) == 5


def test_mean_scores_per_criterion() -> None:
    means = mean_scores([{"relevance": 5, "novelty": 2}, {"relevance": 4, "novelty": 3}], SHEET)
    assert means == {"relevance": 4.5, "novelty": 2.5}


def test_pick_experts_previous_first_then_least_loaded() -> None:
    candidates = [ExpertLoad(1, 3), ExpertLoad(2, 0), ExpertLoad(3, 1), ExpertLoad(4, 0)]
    assert pick_experts(candidates, 2) == [2, 4]
    assert pick_experts(candidates, 2, previous=frozenset({1})) == [1, 2]
    assert pick_experts(candidates[:1], 2) == [1]


def test_subjects_fit() -> None:
    assert fits(["math"], ["math", "physics"])
    assert not fits(["history"], ["math"])
    assert fits([], ["math"]) and fits(["math"], [])


def test_a_broken_sheet_names_the_file_and_the_field() -> None:
    with pytest.raises(SheetError) as broken:
        parse_sheet(
            "version: 1\nmax_points: 5\nthreshold: 40\ndecline_below: 3\nmax_gap: 5\nmax_rounds: 2\n"
            "review_days: 10\ngrace_days: 3\ncriteria:\n  - key: a\n    title: {ru: А}\n",
            "practice_criteria.yaml",
        )
    assert "practice_criteria.yaml" in str(broken.value) and "threshold 40" in str(broken.value)
    with pytest.raises(SheetError) as unnamed:
        parse_sheet(
            "version: 1\nmax_points: 5\nthreshold: 4\ndecline_below: 3\nmax_gap: 5\nmax_rounds: 2\n"
            "review_days: 10\ngrace_days: 3\ncriteria:\n  - key: a\n    title: {en: A}\n",
            "region.yaml",
        )
    assert "region.yaml" in str(unnamed.value) and "criteria" in str(unnamed.value)
    assert "ru" in str(unnamed.value)
    with pytest.raises(SheetError, match=r"region\.yaml"):
        parse_sheet("- just\n- a list\n", "region.yaml")


def test_the_sheet_round_trips() -> None:
    again = CriteriaSheet.model_validate(SHEET.model_dump())
    assert again == SHEET

"""Survey templates, the order of questions, checking answers, waves and reminders, summaries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from bot.domain import surveys as d
from bot.domain.surveys import Recurrence, Schedule, SurveyTemplate
from bot.services.surveys import SURVEYS_DIR, load_templates, parse_template


def template(**overrides: Any) -> SurveyTemplate:
    raw: dict[str, Any] = {
        "id": "t",
        "version": 1,
        "title": "Тестовый опрос",
        "description": "Несколько вопросов для проверки.",
        "minutes": 2,
        "questions": [
            {
                "id": "mentor",
                "type": "single",
                "text": "Есть ли наставник?",
                "options": [{"value": "yes", "label": "Да"}, {"value": "no", "label": "Нет"}],
            },
            {
                "id": "help",
                "type": "scale",
                "text": "Насколько помогает?",
                "min": 1,
                "max": 5,
                "show_if": {"question": "mentor", "equals": "yes"},
            },
            {
                "id": "topics",
                "type": "multi",
                "text": "Какие темы важны?",
                "options": [
                    {"value": "a", "label": "А"},
                    {"value": "b", "label": "Б"},
                    {"value": "c", "label": "В"},
                ],
            },
            {
                "id": "why_c",
                "type": "text",
                "text": "Почему тема В?",
                "required": False,
                "max_length": 20,
                "show_if": {"question": "topics", "equals": "c"},
            },
            {"id": "hours", "type": "number", "text": "Сколько часов?", "min": 0, "max": 40},
        ],
    }
    raw.update(overrides)
    return SurveyTemplate.model_validate(raw)


def test_shipped_templates_are_valid_and_cover_the_four_surveys() -> None:
    found = load_templates()
    assert found.errors == []
    assert {"adaptation", "needs", "satisfaction", "wellbeing"} <= set(found.found)
    assert found.found["wellbeing"].anonymous and found.found["satisfaction"].anonymous
    assert found.found["adaptation"].young_only
    types = {q.type for t in found.found.values() for q in t.questions}
    assert types == set(d.QType)
    assert any(q.show_if for t in found.found.values() for q in t.questions)
    assert any(not q.required for t in found.found.values() for q in t.questions)
    # The well-being check points to help and never names a condition.
    wellbeing = found.found["wellbeing"]
    assert "психолог" in wellbeing.help_text
    assert "выгоран" not in wellbeing.help_text.lower()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"show_if": {"question": "hours", "equals": "1"}}, "not an earlier question"),
        ({"show_if": {"question": "mentor", "equals": "maybe"}}, "not a possible answer"),
        ({"options": [{"value": "x", "label": "X"}]}, "options are only for single and multi"),
        ({"type": "single", "options": [{"value": "x", "label": "X"}]}, "2 to 12 options"),
        ({"type": "number", "options": [], "min": 5, "max": 5}, "min must be lower"),
    ],
)
def test_template_errors_name_the_problem(change: dict[str, Any], message: str) -> None:
    base = template()
    questions = [q.model_dump(mode="json") for q in base.questions]
    questions[1] = {**questions[1], **change}
    if change.get("type") == "number":
        questions[1].pop("show_if")
    with pytest.raises(ValidationError, match=message):
        template(questions=questions)


def test_repeated_ids_and_concern_without_help_are_refused() -> None:
    questions = [q.model_dump(mode="json") for q in template().questions]
    with pytest.raises(ValidationError, match="repeat"):
        template(questions=[*questions, questions[0]])
    questions[0]["options"][1]["concern"] = True
    with pytest.raises(ValidationError, match="help_text"):
        template(questions=questions)


def test_a_broken_file_is_reported_and_the_others_still_load(tmp_path: Path) -> None:
    for path in SURVEYS_DIR.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("id: broken\nquestions: [oops", encoding="utf-8")
    (tmp_path / "wrong.yaml").write_text("id: wrong\nversion: 1\n", encoding="utf-8")
    (tmp_path / "binary.yaml").write_bytes(b"\xff\xfe\x00")
    found = load_templates(tmp_path)
    assert {"adaptation", "needs", "satisfaction", "wellbeing"} <= set(found.found)
    assert len(found.errors) >= 3
    assert any("broken.yaml" in e and "line" in e for e in found.errors)
    assert any("wrong.yaml" in e and "title" in e for e in found.errors)
    _, errors = parse_template("- a list", "x.yaml")
    assert errors and "mapping" in errors[0]


def test_conditions_decide_the_order() -> None:
    t = template()
    assert d.next_index(t, {}) == 0
    assert d.next_index(t, {"mentor": "no"}, 0) == 2  # «help» is hidden
    assert d.next_index(t, {"mentor": "yes"}, 0) == 1
    assert d.next_index(t, {"mentor": "no", "topics": ["a"]}, 2) == 4
    assert d.next_index(t, {"mentor": "no", "topics": ["a", "c"]}, 2) == 3
    assert d.next_index(t, {"mentor": "no", "topics": ["a"], "hours": 3}, 4) is None
    assert d.previous_index(t, {"mentor": "no"}, 2) == 0
    assert d.resume_index(t, {"mentor": "yes"}) == 1
    assert d.resume_index(t, {"mentor": "no", "topics": ["c"]}, skipped=["why_c"]) == 4


def test_a_changed_answer_drops_what_it_hides() -> None:
    t = template()
    answers = {"mentor": "no", "help": 4, "topics": ["a"], "why_c": "x", "hours": 2}
    assert d.visible_answers(t, answers) == {"mentor": "no", "topics": ["a"], "hours": 2}
    assert d.missing_required(t, {"mentor": "yes", "topics": ["a"], "hours": 1}) == ["help"]
    assert d.missing_required(t, {"mentor": "no", "topics": ["c"], "hours": 1}) == []  # why_c optional


def test_typed_answers_are_checked() -> None:
    t = template()
    hours, why = t.questions[4], t.questions[3]
    assert d.parse_typed(hours, " 12 ") == 12
    assert d.parse_typed(hours, "2,5") == 2.5
    for bad in ("abc", "-1", "41", "nan", ""):
        with pytest.raises(d.Invalid) as caught:
            d.parse_typed(hours, bad)
        assert caught.value.key == "sv-bad-number"
    assert d.parse_typed(why, "  потому что  ") == "потому что"
    with pytest.raises(d.Invalid, match="sv-bad-long"):
        d.parse_typed(why, "x" * 21)
    with pytest.raises(d.Invalid, match="sv-bad-empty"):
        d.parse_typed(why, "   ")
    with pytest.raises(d.Invalid, match="sv-bad-press"):
        d.parse_typed(t.questions[0], "да")
    assert d.parse_choice(t.questions[1], "5") == 5
    with pytest.raises(d.Invalid):
        d.parse_choice(t.questions[1], "6")
    with pytest.raises(d.Invalid):
        d.parse_choice(t.questions[0], "maybe")
    assert d.toggle(["a"], "b") == ["a", "b"]
    assert d.toggle(["a", "b"], "a") == ["b"]
    assert d.toggle(None, "a") == ["a"]


def test_concern_answers_offer_help() -> None:
    wellbeing = load_templates().found["wellbeing"]
    assert not d.concerned(wellbeing, {"energy": 3, "joy": "often", "rest": "yes", "support": "yes"})
    assert d.concerned(wellbeing, {"energy": 5})
    assert d.concerned(wellbeing, {"energy": 2, "support": "no"})


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


MONTHLY = Schedule(Recurrence.MONTHLY, starts_at=utc(2026, 11, 23, 9), day=1, hour=10, open_days=7)


def test_monthly_waves_by_period() -> None:
    # Before the 1st anywhere: nothing. 10:00 on the 1st at UTC+14 is 20:00 UTC the day before.
    assert d.due_period(MONTHLY, utc(2026, 11, 30, 19, 59)) is None
    assert d.due_period(MONTHLY, utc(2026, 11, 30, 20, 0)) == "2026-12"
    assert d.due_period(MONTHLY, utc(2026, 12, 5)) == "2026-12"
    # The wave closes 7 days after the start at UTC-12; after that nothing until January.
    assert d.wave_closes(MONTHLY, "2026-12") == utc(2026, 12, 8, 22)
    assert d.due_period(MONTHLY, utc(2026, 12, 8, 22)) is None
    assert d.due_period(MONTHLY, utc(2026, 12, 31, 21)) == "2027-01"
    # November began before the campaign was launched: it is not sent late.
    assert d.due_period(MONTHLY, utc(2026, 11, 24)) is None
    # Each person's start is 10:00 in their own zone.
    assert d.local_start(MONTHLY, "2026-12", "Europe/Moscow") == utc(2026, 12, 1, 7)
    assert d.local_start(MONTHLY, "2026-12", "Asia/Vladivostok") == utc(2026, 12, 1, 0)
    assert d.next_start(MONTHLY, utc(2026, 11, 23, 9), "Europe/Moscow") == utc(2026, 12, 1, 7)
    assert d.next_start(MONTHLY, utc(2026, 12, 1, 8), "Europe/Moscow") == utc(2027, 1, 1, 7)
    # A day beyond the month's length falls on its last day.
    late = Schedule(Recurrence.MONTHLY, starts_at=utc(2026, 1, 1), day=31, hour=10)
    assert d.local_start(late, "2027-02", "UTC") == utc(2027, 2, 28, 10)


def test_one_off_wave() -> None:
    once = Schedule(Recurrence.ONCE, starts_at=utc(2026, 12, 1, 7), closes_at=utc(2026, 12, 8, 7))
    assert d.due_period(once, utc(2026, 12, 1, 6)) is None
    assert d.due_period(once, utc(2026, 12, 1, 7)) == d.ONCE_PERIOD
    assert d.due_period(once, utc(2026, 12, 8, 7)) is None
    assert d.wave_closes(once, d.ONCE_PERIOD) == utc(2026, 12, 8, 7)
    assert d.next_start(once, utc(2026, 11, 30), "UTC") == utc(2026, 12, 1, 7)
    assert d.next_start(once, utc(2026, 12, 2), "UTC") is None


def test_at_most_two_reminders_only_when_due() -> None:
    opens, closes = utc(2026, 12, 1), utc(2026, 12, 8)
    assert d.reminder_times(opens, closes) == [utc(2026, 12, 4, 12), utc(2026, 12, 7)]
    assert d.reminder_due(opens, closes, 0, utc(2026, 12, 4)) is None
    assert d.reminder_due(opens, closes, 0, utc(2026, 12, 4, 12)) == 0
    assert d.reminder_due(opens, closes, 1, utc(2026, 12, 5)) is None
    assert d.reminder_due(opens, closes, 1, utc(2026, 12, 7, 1)) == 1
    assert d.reminder_due(opens, closes, 2, utc(2026, 12, 7, 2)) is None
    # A missed run sends the latest reminder once, not both.
    assert d.reminder_due(opens, closes, 0, utc(2026, 12, 7, 1)) == 1
    assert d.reminder_due(opens, closes, 0, closes) is None
    # Short waves: one reminder for two days, none under a day.
    assert len(d.reminder_times(opens, opens + timedelta(days=2))) == 1
    assert d.reminder_times(opens, opens + timedelta(hours=20)) == []


def test_summaries() -> None:
    t = template()
    responses = [
        {"mentor": "yes", "help": 4, "topics": ["a", "c"], "why_c": "интересно", "hours": 10},
        {"mentor": "yes", "help": 2, "topics": ["a"], "hours": 5},
        {"mentor": "no", "topics": ["b"], "hours": 6},
    ]
    mentor, helped, topics, why, hours = d.summarize(t, responses)
    assert mentor.answered == 3 and mentor.counts == (("Да", 2), ("Нет", 1))
    assert (
        helped.answered == 2
        and helped.mean == 3
        and helped.counts[1] == ("2", 1)
        and helped.counts[3] == ("4", 1)
    )
    assert topics.counts == (("А", 2), ("Б", 1), ("В", 1))
    assert why.answered == 1 and why.texts == ("интересно",)
    assert hours.mean == 7 and hours.median == 6 and (hours.low, hours.high) == (5, 10)
    assert d.as_given(t.questions[2], ["a", "c"]) == "А; В"
    assert d.as_given(t.questions[0], "no") == "Нет"
    assert d.as_given(t.questions[4], None) == ""

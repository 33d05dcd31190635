"""The practice bank's rules without Telegram: limits, links, what is missing, search words."""

from __future__ import annotations

from bot.domain import practice_bank as rules
from bot.domain.practice_bank import Problem


def test_title_and_description_limits_are_said_with_numbers() -> None:
    assert rules.check_title("  Урок   в  музее ") == "Урок в музее"
    short = rules.check_title("Урок")
    assert isinstance(short, Problem) and short.key == "pb-title-short"
    long = rules.check_title("а" * 201)
    assert isinstance(long, Problem) and long.kwargs == {"count": 200, "number": 201}
    assert isinstance(rules.check_description("мало"), Problem)
    text = "Первая строка.\n\n\n\nВторая   строка. " + "слово " * 30
    assert rules.check_description(text) == rules.clean(text)
    assert "\n\n\n" not in rules.clean(text)
    assert isinstance(rules.check_description("я" * 3001), Problem)


def test_links_are_real_web_addresses() -> None:
    assert rules.check_link("school.ru/urok") == "https://school.ru/urok"
    assert rules.check_link("http://сайт-школы.рф/") == "http://сайт-школы.рф/"
    for bad in (
        "javascript:alert(1)",
        "ftp://x.ru",
        "просто текст",
        "https://user:pw@x.ru",
        "https://localhost",
    ):
        assert rules.check_link(bad) is None, bad
    good, wrong = rules.parse_links("https://a.ru/1 b.org\nнеадрес https://a.ru/1")
    assert good == ["https://a.ru/1", "https://b.org"] and wrong == ["неадрес"]


def test_missing_steps_before_sending() -> None:
    assert rules.missing("", [], [], None, "") == ["title", "subjects", "grades", "form", "description"]
    assert rules.missing("Урок в музее", ["math"], [0], "lesson", "о" * 100) == []


def test_word_forms_meet_in_one_stem_and_filters_are_tokens() -> None:
    assert len(set(rules.stems("уроки урока уроком"))) == 1
    assert rules.stems("Ёлка") == rules.stems("елка")
    assert rules.query_stems("проекты проектов " * 10)[:1] == rules.stems("проект")
    text = rules.search_text("Проекты", "на уроках", ["math"], [0, 5], "lesson")
    assert text.split()[-4:] == ["zsmath", "zg0", "zg5", "zflesson"]


def test_grades_read_as_ranges() -> None:
    assert rules.grade_ranges([0, 5, 6, 7, 9]) == [(5, 7), (9, 9)]
    assert rules.toggle([1, 2], 2) == [1] and rules.toggle([1], 3) == [1, 3]

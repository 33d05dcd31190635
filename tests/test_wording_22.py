"""Russian that reads as spoken: forms a teacher would not write (part 12).

Gendered brackets («отправил(а)», «Согласен(на)», «Он(а)») — a sentence is rephrased so that none is
needed; abbreviated units («5 дн.», «10 мин.») — Fluent's plural forms say «5 дней». The glossary's
calques found once are kept out for good.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

RU = Path(__file__).resolve().parent.parent / "locales" / "ru"
FILES = sorted(RU.glob("*.ftl"))

GENDERED = re.compile(r"[а-яё]\((?:а|на|ла|ло|ли|ы|и|ен|ась|ось|ся|ая|ой|ый|ого|ему)\)", re.IGNORECASE)
ABBREVIATED = re.compile(r"(?<![а-яё])(?:дн|мин|сек|мес|чел|шт|тыс|руб|г|ч)\.(?=\s|$|[,;)])", re.IGNORECASE)
CALQUES = {
    "касани": "«нажатие»: на телефоне нажимают кнопку",
    "не доступен": "«недоступен» — одним словом",
    "Простите за неудобство": "«Приносим извинения»",
    "Уже данные ответы": "«Ответы, которые уже пришли»",
}


def _lines() -> list[tuple[str, int, str]]:
    found = []
    for path in FILES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.lstrip().startswith("#"):
                continue
            found.append((path.name, number, line))
    return found


def test_there_is_something_to_read() -> None:
    assert len(FILES) > 10


@pytest.mark.parametrize("pattern", [GENDERED, ABBREVIATED], ids=["gendered", "abbreviated"])
def test_no_gendered_brackets_or_abbreviated_units(pattern: re.Pattern[str]) -> None:
    bad = [f"{name}:{number}: {line.strip()}" for name, number, line in _lines() if pattern.search(line)]
    assert not bad, "\n".join(bad)


def test_the_patterns_catch_what_they_are_for() -> None:
    assert GENDERED.search("Вы отправил(а) ответ") and GENDERED.search("Согласен(на)")
    assert GENDERED.search("Он(а) ждёт")
    assert ABBREVIATED.search("уже 5 дн. без встреч") and ABBREVIATED.search("около 10 мин.")
    assert not ABBREVIATED.search("45 мин") and not GENDERED.search("(а) пункт")


def test_no_known_calques() -> None:
    bad = [
        f"{name}:{number}: {phrase!r} → {advice}"
        for name, number, line in _lines()
        for phrase, advice in CALQUES.items()
        if phrase in line
    ]
    assert not bad, "\n".join(bad)

"""The practice bank, the author's and the reader's side: what a practice must hold to be sent to the
experts, the limits of each field, grades, links, and the words search works on.

Plain Python: no aiogram, no database. The life of a practice (statuses) is in `bot.domain.practices`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import snowballstemmer

from bot.domain.practices import PracticeForm, PracticeStatus

TITLE_MIN, TITLE_MAX = 5, 200
DESCRIPTION_MIN, DESCRIPTION_MAX = 100, 3000
MAX_FILES = 5
MAX_LINKS = 5
LINK_MAX = 500
QUERY_MAX = 200
PAGE_SIZE = 8

# 0 stands for preschoolers (дошкольники), 1–11 for school grades.
PRESCHOOL = 0
GRADES = tuple(range(0, 12))
FORMS = tuple(PracticeForm)

# The author may change a practice only while it is theirs to write: a draft, or returned by experts.
EDITABLE = frozenset({PracticeStatus.DRAFT, PracticeStatus.RETURNED})
# What the author's own list shows first: what waits for them.
MINE_ORDER = {
    PracticeStatus.RETURNED: 0,
    PracticeStatus.DRAFT: 1,
    PracticeStatus.SUBMITTED: 2,
    PracticeStatus.IN_REVIEW: 2,
    PracticeStatus.PUBLISHED: 3,
    PracticeStatus.DECLINED: 4,
}


class Field:
    """The wizard's steps, in their order."""

    TITLE = "title"
    SUBJECTS = "subjects"
    GRADES = "grades"
    FORM = "form"
    DESCRIPTION = "description"
    FILES = "files"
    LINKS = "links"


STEPS = (Field.TITLE, Field.SUBJECTS, Field.GRADES, Field.FORM, Field.DESCRIPTION, Field.FILES, Field.LINKS)


@dataclass(frozen=True, slots=True)
class Problem:
    """What is wrong with an answer: a locale key and its values."""

    key: str
    values: tuple[tuple[str, int], ...] = ()

    @property
    def kwargs(self) -> dict[str, int]:
        return dict(self.values)


def clean(text: str) -> str:
    """Spaces folded inside lines, empty lines at most one in a row, ends trimmed."""
    lines = [" ".join(line.split()) for line in text.replace("\r", "").split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def check_title(text: str) -> str | Problem:
    value = " ".join(text.split())
    if len(value) < TITLE_MIN:
        return Problem("pb-title-short", (("count", TITLE_MIN),))
    if len(value) > TITLE_MAX:
        return Problem("pb-title-long", (("count", TITLE_MAX), ("number", len(value))))
    return value


def check_description(text: str) -> str | Problem:
    value = clean(text)
    if len(value) < DESCRIPTION_MIN:
        return Problem("pb-description-short", (("count", DESCRIPTION_MIN), ("number", len(value))))
    if len(value) > DESCRIPTION_MAX:
        return Problem("pb-description-long", (("count", DESCRIPTION_MAX), ("number", len(value))))
    return value


_URL_IN_TEXT = re.compile(r"\S+")
_HOST = re.compile(
    r"^(?=.{1,253}$)([a-z0-9\u0400-\u04ff](?:[a-z0-9\u0400-\u04ff-]{0,61}[a-z0-9\u0400-\u04ff])?\.)+"
    r"[a-z\u0400-\u04ff]{2,63}$"
)


def check_link(text: str) -> str | None:
    """A web address as a link button can carry it (http or https, a real host), or None."""
    value = text.strip().strip("<>()[]«»\"',;")
    if not value:
        return None
    if not re.match(r"^https?://", value, re.IGNORECASE):
        value = "https://" + value
    if len(value) > LINK_MAX or any(c.isspace() for c in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if parts.scheme.lower() not in {"http", "https"} or not _HOST.match(host):
        return None
    if parts.username or parts.password:
        return None
    return value


def parse_links(text: str) -> tuple[list[str], list[str]]:
    """The addresses in a message (one or several, by spaces or lines): (good, bad)."""
    good: list[str] = []
    bad: list[str] = []
    for word in _URL_IN_TEXT.findall(text):
        link = check_link(word)
        if link is None:
            bad.append(word[:60])
        elif link not in good:
            good.append(link)
    return good, bad


def missing(
    title: str, subjects: Sequence[str], grades: Sequence[int], form: object, description: str
) -> list[str]:
    """The steps still to answer before the practice can go to the experts (none: ready)."""
    gaps = []
    if len(title) < TITLE_MIN:
        gaps.append(Field.TITLE)
    if not subjects:
        gaps.append(Field.SUBJECTS)
    if not grades:
        gaps.append(Field.GRADES)
    if form is None:
        gaps.append(Field.FORM)
    if len(description) < DESCRIPTION_MIN:
        gaps.append(Field.DESCRIPTION)
    return gaps


def toggle(values: Iterable[object], value: object) -> list[object]:
    current = list(values)
    return [v for v in current if v != value] if value in current else [*current, value]


def grade_ranges(grades: Iterable[int]) -> list[tuple[int, int]]:
    """5, 6, 7, 9 → (5, 7), (9, 9): how grades are read out («5–7, 9 классы»)."""
    ordered = sorted({g for g in grades if g != PRESCHOOL})
    ranges: list[tuple[int, int]] = []
    for g in ordered:
        if ranges and ranges[-1][1] == g - 1:
            ranges[-1] = (ranges[-1][0], g)
        else:
            ranges.append((g, g))
    return ranges


# --- words for search -------------------------------------------------------------------------------

_WORD = re.compile(r"[0-9a-zа-яё]+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _stemmers() -> tuple[snowballstemmer.stemmer, snowballstemmer.stemmer]:
    return snowballstemmer.stemmer("russian"), snowballstemmer.stemmer("english")


def words(text: str) -> list[str]:
    return [w.replace("ё", "е") for w in _WORD.findall(text.casefold())]


def stems(text: str) -> list[str]:
    """Each word of `text` reduced to its stem (Russian and English words alike), in order:
    «уроки», «урока», «урок» all give «урок»."""
    russian, english = _stemmers()
    out = []
    for word in words(text):
        if word.isdigit():
            out.append(word)
        elif re.search("[а-я]", word):
            out.append(russian.stemWord(word))
        else:
            out.append(english.stemWord(word))
    return [s for s in out if s]


def search_text(title: str, description: str) -> str:
    """What the search index holds for a practice: the stems of its title and description."""
    return " ".join(stems(f"{title}\n{description}"))


def query_stems(query: str) -> list[str]:
    """The distinct stems of a search query, at most 8 of them (a long query is cut, not refused)."""
    seen: list[str] = []
    for stem in stems(query[:QUERY_MAX]):
        if stem not in seen:
            seen.append(stem)
    return seen[:8]

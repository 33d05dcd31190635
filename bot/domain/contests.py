"""Contests with results and target groups (part 11): the results a participant may get, reading
them and the stages' dates as staff type them, matching an imported results table to the
participants (by the registration code, or by name and school), who may confirm a teacher's record,
and the target groups (seed 001) a teacher belongs to. Plain Python: no aiogram, no database."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class ContestResult(StrEnum):
    WINNER = "winner"  # победитель
    PRIZE = "prize"  # призёр
    LAUREATE = "laureate"  # лауреат
    PARTICIPANT = "participant"  # участник


class RecordStatus(StrEnum):
    """A teacher's record (a contest held elsewhere, a target group) as the reviewer left it."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class TargetGroup(StrEnum):
    """Seed 001: involvement is counted for teachers working with each of these groups."""

    SHNOR = "shnor"  # schools with low results (ШНОР)
    GIFTED = "gifted"  # gifted children
    OVZ = "ovz"  # children with disabilities (ОВЗ)
    MIGRANT = "migrant"  # migrant children


# The stages staff pick from (their own title is typed otherwise).
STAGE_PRESETS = ("applications", "distance", "final", "results")
STAGE_TITLE_MAX = 120
TITLE_MAX = 200
NAME_MAX = 200

_RESULT_WORDS = {
    ContestResult.WINNER: ("победитель", "победительница", "winner", "1 место", "i место", "гран-при"),
    ContestResult.PRIZE: ("призёр", "призер", "prize", "2 место", "3 место", "ii место", "iii место"),
    ContestResult.LAUREATE: ("лауреат", "laureate", "дипломант"),
    ContestResult.PARTICIPANT: ("участник", "участница", "participant", "сертификат"),
}


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("ё", "е").split())


def read_result(text: str) -> ContestResult | None:
    """«Победитель», «призёр», «Лауреат II степени», «участник», «2 место» → the result; None if
    the cell says none of them."""
    folded = _fold(text)
    if not folded:
        return None
    for result, words in _RESULT_WORDS.items():
        if any(folded == _fold(w) or folded.startswith(_fold(w) + " ") for w in words):
            return result
    return None


_DAY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")


def read_day(text: str) -> date:
    """«10.12.2026» → the day; ValueError otherwise."""
    match = _DAY.match(text.strip())
    if match is None:
        raise ValueError("format")
    day, month, year = (int(g) for g in match.groups())
    return date(year, month, day)


def read_days(text: str) -> tuple[date, date | None]:
    """One day, or a span «10.12.2026 – 20.12.2026» (any dash, or «по»): its first and last day.
    ValueError when unreadable or the end comes before the start."""
    parts = [p for p in re.split(r"\s*(?:[-–—]|по)\s*", text.strip()) if p]
    if len(parts) == 1:
        return read_day(parts[0]), None
    if len(parts) != 2:
        raise ValueError("format")
    first, last = read_day(parts[0]), read_day(parts[1])
    if last < first:
        raise ValueError("order")
    return first, None if last == first else last


def registration_code(registration_id: int) -> str:
    """What the participants' file shows for a participant, to be kept in the results file."""
    return f"R{registration_id}"


def code_id(text: str) -> int | None:
    text = text.strip().upper()
    return int(text[1:]) if len(text) > 1 and text[0] == "R" and text[1:].isdigit() else None


# --- the results file ---------------------------------------------------------------------------

HEADERS = {
    "code": ("код", "code", "код участника", "регистрационный код"),
    "name": ("фио", "участник", "name", "педагог", "фамилия имя отчество"),
    "school": ("школа", "school", "образовательная организация", "оо"),
    "result": ("итог", "результат", "result", "статус"),
}


@dataclass(frozen=True, slots=True)
class Participant:
    registration_id: int
    user_id: int
    name: str
    school: str


@dataclass(frozen=True, slots=True)
class Matched:
    line: int
    user_id: int
    name: str
    result: ContestResult


@dataclass(frozen=True, slots=True)
class Unmatched:
    line: int
    name: str
    why: str  # "unknown" (nobody of the participants), "ambiguous", "result" (no result read), "twice"


@dataclass(slots=True)
class ImportPreview:
    matched: list[Matched] = field(default_factory=list)
    unmatched: list[Unmatched] = field(default_factory=list)
    header_missing: bool = False


def same_school(a: str, b: str) -> bool:
    """A school as typed in a file and as the directory has it: equal, or one inside the other
    («Гимназия № 15» and «МБОУ Гимназия № 15 г. Костромы»)."""
    fa, fb = _fold(a), _fold(b)
    return fa == fb or bool(fa and fb and (fa in fb or fb in fa))


def _columns(header: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        folded = _fold(cell)
        for key, names in HEADERS.items():
            if key not in found and folded in {_fold(n) for n in names}:
                found[key] = index
    return found


def match_rows(
    rows: Iterable[tuple[int, Sequence[str]]], participants: Sequence[Participant]
) -> ImportPreview:
    """The results table (its first row the header) against the contest's participants: a row is
    matched by the registration code when it has one, else by the name and the school together
    (the school may be left empty when the name is unique). Each participant once; a later row for
    the same person is reported, not applied."""
    preview = ImportPreview()
    iterator = iter(rows)
    first = next(iterator, None)
    columns = _columns(first[1]) if first is not None else {}
    if "result" not in columns or not ({"code", "name"} & columns.keys()):
        preview.header_missing = True
        return preview
    by_registration = {p.registration_id: p for p in participants}
    by_name: dict[str, list[Participant]] = {}
    for p in participants:
        by_name.setdefault(_fold(p.name), []).append(p)
    taken: set[int] = set()

    def cell(values: Sequence[str], key: str) -> str:
        index = columns.get(key)
        return values[index].strip() if index is not None and index < len(values) else ""

    for line, values in iterator:
        code, name, school = cell(values, "code"), cell(values, "name"), cell(values, "school")
        shown = (name or code)[:NAME_MAX]
        result = read_result(cell(values, "result"))
        if result is None:
            preview.unmatched.append(Unmatched(line, shown, "result"))
            continue
        person: Participant | None = None
        registration = code_id(code) if code else None
        if registration is not None:
            person = by_registration.get(registration)
        elif name:
            same = by_name.get(_fold(name), [])
            if school:
                same = [p for p in same if same_school(p.school, school)]
            if len(same) > 1:
                preview.unmatched.append(Unmatched(line, shown, "ambiguous"))
                continue
            person = same[0] if same else None
        if person is None:
            preview.unmatched.append(Unmatched(line, shown, "unknown"))
            continue
        if person.user_id in taken:
            preview.unmatched.append(Unmatched(line, shown, "twice"))
            continue
        taken.add(person.user_id)
        preview.matched.append(Matched(line, person.user_id, person.name, result))
    return preview


# --- who reviews a teacher's records --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reviewer:
    """Whom a reviewer may confirm for: `everyone` (regional staff, admins), their `municipality`
    (municipal staff) and the `teachers` assigned to them (a methodist)."""

    everyone: bool = False
    municipality: int | None = None
    teachers: frozenset[int] = frozenset()

    def may(self, teacher_id: int, teacher_municipality: int | None) -> bool:
        if self.everyone or teacher_id in self.teachers:
            return True
        return self.municipality is not None and teacher_municipality == self.municipality

    @property
    def nobody(self) -> bool:
        return not self.everyone and self.municipality is None and not self.teachers


def groups_of(confirmed: Iterable[TargetGroup | str], shnor_school: bool) -> frozenset[str]:
    """The target groups a teacher counts in: the confirmed ones, and ШНОР when their school is
    flagged so in the directory."""
    groups = {TargetGroup(g).value for g in confirmed}
    if shnor_school:
        groups.add(TargetGroup.SHNOR.value)
    return frozenset(groups)


def involved_by_group(
    user_ids: Sequence[int], involved: Sequence[bool], groups: dict[int, set[str]]
) -> dict[str, tuple[int, int]]:
    """Seed 001's «involved in methodological support» per target group: for each group, (n, N) —
    the counted teachers in the group who are involved, and all the counted teachers in it. A
    teacher in several groups counts in each; a group with no teacher has (0, 0)."""
    totals = {g.value: [0, 0] for g in TargetGroup}
    for uid, hit in zip(user_ids, involved, strict=True):
        for group in groups.get(uid, ()):
            if group in totals:
                totals[group][1] += 1
                totals[group][0] += bool(hit)
    return {group: (n, total) for group, (n, total) in totals.items()}

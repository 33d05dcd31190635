"""Who each row of a file of orders is about: a school by its code (or its name), then a teacher of
that school by their full name — case, ё/е and extra spaces aside. One teacher: matched; none (or no
such school, or a school outside the municipal service's municipality): unmatched; several:
ambiguous. Plain functions over what the repository loaded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from bot.domain.attestation import Category, expiry, fold
from bot.services.attestation_check import OrderRow
from storage.models import School
from storage.repositories.attestation import Candidate


@dataclass(frozen=True, slots=True)
class Matched:
    line: int
    user_id: int
    name: str
    category: Category
    awarded_on: date
    expires_on: date
    order: str


@dataclass(frozen=True, slots=True)
class Unmatched:
    line: int
    name: str
    why: str  # att-why-{school, teacher, scope, future}


@dataclass(frozen=True, slots=True)
class Ambiguous:
    line: int
    name: str
    count: int


@dataclass
class Matching:
    matched: list[Matched]
    unmatched: list[Unmatched]
    ambiguous: list[Ambiguous]


def school_index(schools: Sequence[School]) -> tuple[dict[str, School], dict[str, list[School]]]:
    by_code = {s.code.casefold(): s for s in schools}
    by_name: dict[str, list[School]] = {}
    for school in schools:
        for label in {school.name, school.short_name or ""}:
            if label:
                by_name.setdefault(fold(label), []).append(school)
    return by_code, by_name


def find_school(
    row: OrderRow, by_code: dict[str, School], by_name: dict[str, list[School]]
) -> School | list[School] | None:
    if row.school_code:
        return by_code.get(row.school_code.casefold())
    found = by_name.get(fold(row.school), [])
    unique = {s.id: s for s in found}
    if len(unique) == 1:
        return next(iter(unique.values()))
    return list(unique.values()) or None


def match(
    rows: Sequence[OrderRow],
    schools_by_row: dict[int, School | list[School] | None],
    candidates: Sequence[Candidate],
    scope: int | None,
    today: date | None = None,
) -> Matching:
    people: dict[tuple[int, str], list[Candidate]] = {}
    for person in candidates:
        if person.school_id is not None:
            people.setdefault((person.school_id, fold(person.full_name)), []).append(person)
    result = Matching([], [], [])
    for row in rows:
        if today is not None and date.fromisoformat(row.date) > today:
            result.unmatched.append(Unmatched(row.line, row.name, "future"))
            continue
        school = schools_by_row.get(row.line)
        if isinstance(school, list):
            result.ambiguous.append(Ambiguous(row.line, row.name, len(school)))
            continue
        if school is None:
            result.unmatched.append(Unmatched(row.line, row.name, "school"))
            continue
        if scope is not None and school.municipality_id != scope:
            result.unmatched.append(Unmatched(row.line, row.name, "scope"))
            continue
        found = people.get((school.id, fold(row.name)), [])
        if not found:
            result.unmatched.append(Unmatched(row.line, row.name, "teacher"))
        elif len(found) > 1:
            result.ambiguous.append(Ambiguous(row.line, row.name, len(found)))
        else:
            awarded = date.fromisoformat(row.date)
            result.matched.append(
                Matched(
                    row.line,
                    found[0].user_id,
                    row.name,
                    Category(row.category),
                    awarded,
                    expiry(awarded),
                    row.order,
                )
            )
    return result

"""Methodological associations (ШМО, ГМО/РМО, regional): levels, who belongs where, who may do what,
the plan of work, and reading what a leader types. Plain rules: no aiogram, no database.

An association has a level (a school, a municipality, the region), a subject or a direction, and
belongs to a school (level school) or a municipality (level municipality) or to the region. Its
leaders are members with the role «leader»; a member's place is a row (requested → active).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.domain.events import has_control


class Level(StrEnum):
    SCHOOL = "school"  # ШМО
    MUNICIPAL = "municipal"  # ГМО / РМО
    REGIONAL = "regional"


class MemberRole(StrEnum):
    MEMBER = "member"
    LEADER = "leader"


class MemberStatus(StrEnum):
    REQUESTED = "requested"  # asked to join a school association that needs the leader's approval
    ACTIVE = "active"


class PlanForm(StrEnum):
    """Forms of the plan's items (seeds 001, 002: заседание, семинар, открытый урок …)."""

    MEETING = "meeting"
    SEMINAR = "seminar"
    OPEN_LESSON = "open_lesson"
    MASTERCLASS = "masterclass"
    ROUNDTABLE = "roundtable"
    WORKSHOP = "workshop"
    CONTEST = "contest"
    OTHER = "other"


# The months of a school year, in its order: September … August.
SCHOOL_MONTHS = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8)
NAME_MAX = 200
TOPIC_MAX = 300
RESPONSIBLE_MAX = 200
AGENDA_MAX = 2000
MESSAGE_MAX = 3500
MATERIALS_MAX = 5
PLAN_MAX = 60
PAGE = 10  # rows on a page of every list: associations, members, requests, candidates, meetings
INVITE_DAYS = 30
INVITE_USES = 3


@dataclass(frozen=True, slots=True)
class Place:
    """Where an association belongs: `school_id` for a school one, `municipality_id` for a school or
    municipal one (a school's municipality), neither for a regional one."""

    level: Level
    municipality_id: int | None
    school_id: int | None


@dataclass(frozen=True, slots=True)
class TeacherPlace:
    municipality_id: int | None
    school_id: int | None
    subjects: frozenset[str]


def pages(total: int, size: int = PAGE) -> int:
    """How many pages `total` rows take (one at least: an empty list has its page)."""
    return max(1, -(-total // size))


def page_in(page: int, total: int, size: int = PAGE) -> int:
    """A page number within the list: a negative or forged one past the end shows the first or the
    last page."""
    return min(max(page, 0), pages(total, size) - 1)


def fits(place: Place, subject: str | None, teacher: TeacherPlace) -> bool:
    """Does the association fit the teacher: their subject (a direction with no subject fits
    everyone) and their school, municipality or region."""
    if subject is not None and subject not in teacher.subjects:
        return False
    if place.level is Level.SCHOOL:
        return place.school_id is not None and place.school_id == teacher.school_id
    if place.level is Level.MUNICIPAL:
        return place.municipality_id is not None and place.municipality_id == teacher.municipality_id
    return True


def staff_may_manage(place: Place, staff_scope: int | None) -> bool:
    """Regional staff (scope None) manage every association; municipal staff those of their
    municipality (school and municipal ones) only — never a regional one."""
    if staff_scope is None:
        return True
    return place.level is not Level.REGIONAL and place.municipality_id == staff_scope


def levels_for(staff_scope: int | None) -> tuple[Level, ...]:
    """Which levels staff may create: the region every one, a municipality its school and municipal ones."""
    return tuple(Level) if staff_scope is None else (Level.SCHOOL, Level.MUNICIPAL)


def needs_approval(level: Level, asked: bool) -> bool:
    """Only a school association may ask for the leader's approval of those who join."""
    return level is Level.SCHOOL and asked


class TextProblem(StrEnum):
    EMPTY = "empty"
    LONG = "long"
    LINES = "lines"


def read_line(text: str | None, limit: int) -> str:
    """One line of plain text (a name, a topic, a responsible person). Raises ValueError(TextProblem)."""
    raw = (text or "").strip()
    if not raw:
        raise ValueError(TextProblem.EMPTY)
    if has_control(raw):
        raise ValueError(TextProblem.LINES)
    clean = " ".join(raw.split())
    if len(clean) > limit:
        raise ValueError(TextProblem.LONG)
    return clean


def read_text(text: str | None, limit: int) -> str:
    """Several lines of plain text (an agenda, a message to members)."""
    raw = (text or "").replace("\r\n", "\n").strip()
    if not raw:
        raise ValueError(TextProblem.EMPTY)
    if has_control(raw, lines=True):
        raise ValueError(TextProblem.LINES)
    if len(raw) > limit:
        raise ValueError(TextProblem.LONG)
    return raw


def school_year_of(today: date) -> int:
    """The school year by its first calendar year: 1 September starts a new one."""
    return today.year if today.month >= 9 else today.year - 1


def plan_order(month: int) -> int:
    """An item's place in the school year (September first)."""
    return SCHOOL_MONTHS.index(month) if month in SCHOOL_MONTHS else len(SCHOOL_MONTHS)


def new_code() -> str:
    """An invite code for a leader's link: 16 URL-safe characters, unguessable."""
    return secrets.token_urlsafe(12)[:16]


def counts_in_community(attended: Iterable[bool], talks: int) -> bool:
    """A member counts as working in a professional community when they attended a meeting or
    gave a talk (within the period the caller chose)."""
    return any(attended) or talks > 0

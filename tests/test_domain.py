"""Pure domain rules: answers of the registration dialogue, young specialists, roles and invites."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.profile import (
    FULL_NAME_MAX,
    MAX_AGE,
    MAX_EXPERIENCE,
    MIN_AGE,
    MIN_START_AGE,
    YOUNG_MAX_AGE,
    YOUNG_MAX_EXPERIENCE,
    InvalidAnswer,
    Problem,
    ProfileDraft,
    check_start_age,
    is_young_specialist,
    parse_birth_year,
    parse_experience,
    parse_full_name,
    parse_school_note,
)
from bot.domain.roles import (
    InviteProblem,
    InviteState,
    Role,
    can_manage,
    grantable_roles,
    invite_problem,
    parse_roles,
)

YEAR = 2026


def problem_of(func, *args, **kwargs) -> InvalidAnswer:
    with pytest.raises(InvalidAnswer) as info:
        func(*args, **kwargs)
    return info.value


# --- full name -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Иванова Мария Петровна", "Иванова Мария Петровна"),
        ("  Иванова \t Мария\n  Петровна  ", "Иванова Мария Петровна"),
        ("Петров-Водкин Кузьма Сергеевич", "Петров-Водкин Кузьма Сергеевич"),
        ("Д'Артаньян Шарль", "Д'Артаньян Шарль"),
        ("О’Нил Анна", "О’Нил Анна"),
        ("Ёлкина Алёна", "Ёлкина Алёна"),
        ("John Smith", "John Smith"),
        ("Smith J. R.", "Smith J. R."),
    ],
)
def test_full_name_accepted_and_normalised(text: str, expected: str) -> None:
    assert parse_full_name(text) == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", Problem.NAME_EMPTY),
        ("   \n\t ", Problem.NAME_EMPTY),
        ("Иванова", Problem.NAME_ONE_WORD),
        ("  Иванова  ", Problem.NAME_ONE_WORD),
        ("Иванова -", Problem.NAME_ONE_WORD),
        ("Иванова 2", Problem.NAME_CHARS),
        ("Иванова Мария 1985", Problem.NAME_CHARS),
        ("Иванова <b>Мария</b>", Problem.NAME_CHARS),
        ("Иванова Мария 🙂", Problem.NAME_CHARS),
        ("Иванова_Мария Петровна", Problem.NAME_CHARS),
    ],
)
def test_full_name_rejected(text: str, problem: Problem) -> None:
    error = problem_of(parse_full_name, text)
    assert error.problem is problem
    assert str(error) == problem.value


def test_full_name_length_limit() -> None:
    longest = "Иванова " + "а" * (FULL_NAME_MAX - len("Иванова "))
    assert len(longest) == FULL_NAME_MAX
    assert parse_full_name(longest) == longest
    error = problem_of(parse_full_name, longest + "а")
    assert error.problem is Problem.NAME_TOO_LONG
    assert error.details == {"max": FULL_NAME_MAX}
    # Extra spaces do not count towards the limit: they are normalised first.
    assert parse_full_name("  " + longest.replace(" ", "     ") + "  ") == longest


# --- experience ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "years"),
    [("5", 5), ("5 лет", 5), ("стаж 12", 12), (" 0 ", 0), ("года 3", 3), (str(MAX_EXPERIENCE), 60)],
)
def test_experience_accepted(text: str, years: int) -> None:
    assert parse_experience(text) == years


@pytest.mark.parametrize("text", ["два", "", "1.5", "1,5", "3-4", "от 3 до 4", "12345"])
def test_experience_not_a_number(text: str) -> None:
    assert problem_of(parse_experience, text).problem is Problem.NOT_A_NUMBER


@pytest.mark.parametrize("text", ["61", "99", "1000"])
def test_experience_out_of_range(text: str) -> None:
    error = problem_of(parse_experience, text)
    assert error.problem is Problem.EXPERIENCE_RANGE
    assert error.details == {"max": MAX_EXPERIENCE}


# --- birth year ----------------------------------------------------------------------------


def test_birth_year_range_borders() -> None:
    low, high = YEAR - MAX_AGE, YEAR - MIN_AGE
    assert parse_birth_year(str(low), current_year=YEAR, experience_years=None) == low
    assert parse_birth_year(str(high), current_year=YEAR, experience_years=None) == high
    assert parse_birth_year(f"{high} год", current_year=YEAR, experience_years=0) == high
    for outside in (low - 1, high + 1):
        error = problem_of(parse_birth_year, str(outside), current_year=YEAR, experience_years=None)
        assert error.problem is Problem.YEAR_RANGE
        assert error.details == {"low": low, "high": high}


@pytest.mark.parametrize("text", ["девяносто пятый", "19 95", "1995.5", "", "01995"])
def test_birth_year_not_a_number(text: str) -> None:
    error = problem_of(parse_birth_year, text, current_year=YEAR, experience_years=None)
    assert error.problem is Problem.NOT_A_NUMBER


def test_birth_year_against_experience_borders() -> None:
    birth = 2000
    age = YEAR - birth
    # Started exactly at MIN_START_AGE: fine; a year earlier: a swapped or mistyped answer.
    ok_experience = age - MIN_START_AGE
    assert parse_birth_year(str(birth), current_year=YEAR, experience_years=ok_experience) == birth
    error = problem_of(parse_birth_year, str(birth), current_year=YEAR, experience_years=ok_experience + 1)
    assert error.problem is Problem.YEAR_VS_EXPERIENCE
    assert error.details == {"year": birth, "experience": ok_experience + 1}
    # Unknown experience: nothing to compare with.
    assert parse_birth_year(str(birth), current_year=YEAR, experience_years=None) == birth


def test_check_start_age_skips_unknown_values() -> None:
    check_start_age(None, 50, YEAR)
    check_start_age(2008, None, YEAR)
    check_start_age(2008, 4, YEAR)
    assert problem_of(check_start_age, 2008, 5, YEAR).problem is Problem.YEAR_VS_EXPERIENCE


def test_school_note() -> None:
    assert parse_school_note("  МБОУ   «Школа № 5»  ") == "МБОУ «Школа № 5»"
    assert problem_of(parse_school_note, "  ").problem is Problem.NOTE_EMPTY
    assert parse_school_note("ш" * 200) == "ш" * 200
    error = problem_of(parse_school_note, "ш" * 201)
    assert error.problem is Problem.NOTE_TOO_LONG and error.details == {"max": 200}


# --- young specialist ----------------------------------------------------------------------


def test_young_specialist_age_border() -> None:
    assert YOUNG_MAX_AGE == 35 and YOUNG_MAX_EXPERIENCE == 3
    assert is_young_specialist(YEAR - 35, 0, YEAR) is True
    assert is_young_specialist(YEAR - 36, 0, YEAR) is False
    assert is_young_specialist(YEAR - 22, 1, YEAR) is True


def test_young_specialist_experience_border() -> None:
    assert is_young_specialist(YEAR - 25, 3, YEAR) is True
    assert is_young_specialist(YEAR - 25, 4, YEAR) is False
    assert is_young_specialist(YEAR - 36, 4, YEAR) is False


@pytest.mark.parametrize(("birth", "experience"), [(None, 1), (YEAR - 25, None), (None, None)])
def test_young_specialist_unknown_values(birth: int | None, experience: int | None) -> None:
    assert is_young_specialist(birth, experience, YEAR) is False


# --- profile draft -------------------------------------------------------------------------


def test_draft_missing_everything() -> None:
    assert ProfileDraft().missing() == [
        "full_name",
        "municipality_id",
        "position",
        "experience_years",
        "birth_year",
        "category",
        "school",
    ]


def complete_draft(**changes: object) -> ProfileDraft:
    values: dict[str, object] = {
        "full_name": "Иванова Мария",
        "municipality_id": 1,
        "school_id": 7,
        "position": "teacher",
        "experience_years": 0,
        "birth_year": 2000,
        "category": "none",
    }
    values.update(changes)
    return ProfileDraft(**values)


def test_draft_complete_with_school_or_note() -> None:
    # Zero years of experience is an answer, not a gap; subjects are optional.
    assert complete_draft().missing() == []
    assert complete_draft(school_id=None, school_note="Школа в лесу").missing() == []


def test_draft_missing_school_and_single_fields() -> None:
    assert complete_draft(school_id=None).missing() == ["school"]
    assert complete_draft(school_id=None, school_note="").missing() == ["school"]
    assert complete_draft(category=None).missing() == ["category"]
    assert complete_draft(experience_years=None, birth_year=None).missing() == [
        "experience_years",
        "birth_year",
    ]


# --- roles ---------------------------------------------------------------------------------


def test_grantable_roles() -> None:
    assert grantable_roles([Role.ADMIN]) == {Role.MENTOR, Role.METHODIST, Role.STAFF, Role.ADMIN}
    assert grantable_roles([Role.STAFF]) == {Role.MENTOR, Role.METHODIST}
    assert grantable_roles([Role.TEACHER]) == frozenset()
    assert grantable_roles([Role.MENTOR, Role.METHODIST]) == frozenset()
    assert grantable_roles([]) == frozenset()
    assert grantable_roles([Role.TEACHER, Role.STAFF]) == {Role.MENTOR, Role.METHODIST}
    assert grantable_roles([Role.STAFF, Role.ADMIN]) == grantable_roles([Role.ADMIN])


@pytest.mark.parametrize(
    ("actor", "allowed"),
    [
        (Role.ADMIN, {Role.MENTOR, Role.METHODIST, Role.STAFF, Role.ADMIN}),
        (Role.STAFF, {Role.MENTOR, Role.METHODIST}),
        (Role.METHODIST, set()),
        (Role.MENTOR, set()),
        (Role.TEACHER, set()),
    ],
)
def test_can_manage(actor: Role, allowed: set[Role]) -> None:
    for role in Role:
        assert can_manage([actor], role) is (role in allowed), (actor, role)
    # Nobody hands out or takes away the teacher role: it comes with registration.
    assert not can_manage([actor], Role.TEACHER)


def test_parse_roles_ignores_unknown() -> None:
    assert parse_roles(["teacher", "admin", "superuser", ""]) == {Role.TEACHER, Role.ADMIN}


NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


def invite(**changes: object) -> InviteState:
    values: dict[str, object] = {
        "expires_at": NOW + timedelta(days=1),
        "max_uses": 5,
        "uses": 0,
        "revoked_at": None,
    }
    values.update(changes)
    return InviteState(**values)


def test_invite_ok() -> None:
    assert invite_problem(invite(), NOW) is None
    assert invite_problem(invite(uses=4), NOW) is None
    assert invite_problem(invite(expires_at=NOW + timedelta(microseconds=1)), NOW) is None


def test_invite_revoked_wins() -> None:
    assert invite_problem(invite(revoked_at=NOW), NOW) is InviteProblem.REVOKED
    revoked_expired_used = invite(revoked_at=NOW, expires_at=NOW - timedelta(days=1), uses=5)
    assert invite_problem(revoked_expired_used, NOW) is InviteProblem.REVOKED


def test_invite_expired_exactly_at_now() -> None:
    assert invite_problem(invite(expires_at=NOW), NOW) is InviteProblem.EXPIRED
    assert invite_problem(invite(expires_at=NOW - timedelta(seconds=1)), NOW) is InviteProblem.EXPIRED
    assert invite_problem(invite(expires_at=NOW, uses=5), NOW) is InviteProblem.EXPIRED


def test_invite_exhausted() -> None:
    assert invite_problem(invite(uses=5), NOW) is InviteProblem.EXHAUSTED
    assert invite_problem(invite(uses=6), NOW) is InviteProblem.EXHAUSTED
    assert invite_problem(invite(max_uses=1, uses=1), NOW) is InviteProblem.EXHAUSTED

"""What a teacher's profile holds, how each answer is checked, and who is a young specialist."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

POSITIONS = (
    "teacher",
    "primary_teacher",
    "additional_ed",
    "psychologist",
    "speech_therapist",
    "social_pedagogue",
    "tutor",
    "counselor",
    "librarian",
    "methodist",
    "deputy",
    "director",
    "other",
)

SUBJECTS = (
    "primary",
    "russian",
    "literature",
    "native",
    "foreign",
    "math",
    "informatics",
    "physics",
    "chemistry",
    "biology",
    "geography",
    "history",
    "social",
    "music",
    "art",
    "technology",
    "pe",
    "obzr",
    "other",
)

# «none» and the attestation categories (bot.domain.attestation.Category); «conform» is соответствие
# занимаемой должности. What is typed here is a claim until the order is given (🏅 Аттестация).
CATEGORIES = ("none", "conform", "first", "highest", "methodist", "mentor")

# «Кем вы работаете?»: the first answer of the registration. A teacher gives the teacher's data; the
# others are asked whether they teach too (an administrator or a methodist who gives lessons is a
# teacher as well). Only the answer «teaches» is stored (`users.teaches`), not the kind of work.
TEACHER_WORK = "teacher"
WORKS = (TEACHER_WORK, "service", "school_admin", "other")
LESSONS = ("yes", "no")


class Step(StrEnum):
    """The registration dialogue's steps (one question each); a button carries its step."""

    CONSENT = "consent"
    WORK = "work"
    LESSONS = "lessons"
    NAME = "name"
    MUNI = "muni"
    SCHOOL = "school"
    NOTE = "note"
    POSITION = "position"
    SUBJECTS = "subjects"
    EXPERIENCE = "experience"
    YEAR = "year"
    CATEGORY = "category"


# What only a teacher is asked, in the dialogue's order (the name and the municipality everyone gives).
TEACHER_STEPS = (Step.SCHOOL, Step.POSITION, Step.SUBJECTS, Step.EXPERIENCE, Step.YEAR, Step.CATEGORY)

YOUNG_MAX_AGE = 35
YOUNG_MAX_EXPERIENCE = 3
MAX_EXPERIENCE = 60
MIN_AGE = 18
MAX_AGE = 85
# Nobody starts teaching before this age: catches a swapped year or experience.
MIN_START_AGE = 14
FULL_NAME_MAX = 120
SCHOOL_NOTE_MAX = 200


class Problem(StrEnum):
    """Why an answer was not accepted; each has a text in locales (reg-error-*)."""

    NAME_EMPTY = "name-empty"
    NAME_TOO_LONG = "name-too-long"
    NAME_ONE_WORD = "name-one-word"
    NAME_CHARS = "name-chars"
    NOT_A_NUMBER = "not-a-number"
    EXPERIENCE_RANGE = "experience-range"
    YEAR_RANGE = "year-range"
    YEAR_VS_EXPERIENCE = "year-vs-experience"
    NOTE_EMPTY = "note-empty"
    NOTE_TOO_LONG = "note-too-long"


class InvalidAnswer(ValueError):
    def __init__(self, problem: Problem, **details: object) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.details = details


_NAME_CHARS = re.compile(r"^[A-Za-zА-Яа-яЁё'’ .-]+$")
_NUMBER = re.compile(r"\d+")


def parse_full_name(text: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise InvalidAnswer(Problem.NAME_EMPTY)
    if len(name) > FULL_NAME_MAX:
        raise InvalidAnswer(Problem.NAME_TOO_LONG, max=FULL_NAME_MAX)
    if not _NAME_CHARS.match(name):
        raise InvalidAnswer(Problem.NAME_CHARS)
    if len([w for w in name.split(" ") if len(w.strip(".-'’")) >= 1]) < 2:
        raise InvalidAnswer(Problem.NAME_ONE_WORD)
    return name


def _single_number(text: str) -> int:
    numbers = _NUMBER.findall(text)
    if len(numbers) != 1 or len(numbers[0]) > 4:
        raise InvalidAnswer(Problem.NOT_A_NUMBER)
    return int(numbers[0])


def parse_experience(text: str) -> int:
    """«5», «5 лет», «стаж 12» → years; fractions and ranges are asked again."""
    years = _single_number(text)
    if years > MAX_EXPERIENCE:
        raise InvalidAnswer(Problem.EXPERIENCE_RANGE, max=MAX_EXPERIENCE)
    return years


def parse_birth_year(text: str, *, current_year: int, experience_years: int | None) -> int:
    year = _single_number(text)
    low, high = current_year - MAX_AGE, current_year - MIN_AGE
    if not low <= year <= high:
        raise InvalidAnswer(Problem.YEAR_RANGE, low=low, high=high)
    check_start_age(year, experience_years, current_year)
    return year


def check_start_age(birth_year: int | None, experience_years: int | None, current_year: int) -> None:
    """Nobody starts teaching before MIN_START_AGE: catches a swapped year or experience."""
    if birth_year is None or experience_years is None:
        return
    if (current_year - birth_year) - experience_years < MIN_START_AGE:
        raise InvalidAnswer(Problem.YEAR_VS_EXPERIENCE, year=birth_year, experience=experience_years)


def parse_school_note(text: str) -> str:
    note = " ".join(text.split())
    if not note:
        raise InvalidAnswer(Problem.NOTE_EMPTY)
    if len(note) > SCHOOL_NOTE_MAX:
        raise InvalidAnswer(Problem.NOTE_TOO_LONG, max=SCHOOL_NOTE_MAX)
    return note


def is_young_specialist(birth_year: int | None, experience_years: int | None, year: int) -> bool:
    """Under 35 and in the first 3 years of work (seed 003 §3).

    Only the birth year is stored (least data), so «under 35» is read as «turns at most 35
    this calendar year»: when in doubt the teacher gets support rather than loses it.
    """
    if birth_year is None or experience_years is None:
        return False
    return year - birth_year <= YOUNG_MAX_AGE and experience_years <= YOUNG_MAX_EXPERIENCE


@dataclass(slots=True)
class ProfileDraft:
    """Answers collected during registration (kept in FSM data between steps)."""

    full_name: str | None = None
    municipality_id: int | None = None
    school_id: int | None = None
    school_note: str | None = None
    position: str | None = None
    subjects: tuple[str, ...] = ()
    experience_years: int | None = None
    birth_year: int | None = None
    category: str | None = None
    # The answer to «Кем вы работаете?» (kept in the dialogue only) and whether the person teaches.
    work: str | None = None
    teaches: bool = True

    def missing(self) -> list[str]:
        """What registration still needs: a teacher's data only from those who teach."""
        fields: dict[str, object] = {"full_name": self.full_name, "municipality_id": self.municipality_id}
        if self.teaches:
            fields |= {
                "position": self.position,
                "experience_years": self.experience_years,
                "birth_year": self.birth_year,
                "category": self.category,
            }
        missing = [name for name, value in fields.items() if value is None]
        if self.teaches and self.school_id is None and not self.school_note:
            missing.append("school")
        return missing

    def unanswered(self) -> list[Step]:
        """The teacher's steps with no answer yet (someone who starts teaching is asked only these).
        No subjects counts as unanswered: asking again costs one tap."""
        answered = {
            Step.MUNI: self.municipality_id is not None,
            Step.SCHOOL: self.school_id is not None or bool(self.school_note),
            Step.POSITION: self.position is not None,
            Step.SUBJECTS: bool(self.subjects),
            Step.EXPERIENCE: self.experience_years is not None,
            Step.YEAR: self.birth_year is not None,
            Step.CATEGORY: self.category is not None,
        }
        return [step for step in (Step.MUNI, *TEACHER_STEPS) if not answered[step]]


def apply_work(draft: ProfileDraft, work: str) -> ProfileDraft:
    """«Кем вы работаете?» answered: a teacher teaches; the others are asked next whether they do."""
    draft.work = work
    draft.teaches = work == TEACHER_WORK
    return draft


def young_teacher(teaches: bool, birth_year: int | None, experience_years: int | None, year: int) -> bool:
    """A young specialist is a teacher: someone who gives no lessons is none, whatever the years."""
    return teaches and is_young_specialist(birth_year, experience_years, year)


def apply_answer(step: Step, text: str, draft: ProfileDraft, current_year: int) -> ProfileDraft:
    """A typed answer at a text step, checked and kept in the draft (raises InvalidAnswer)."""
    if step is Step.NAME:
        draft.full_name = parse_full_name(text)
    elif step is Step.NOTE:
        draft.school_note, draft.school_id = parse_school_note(text), None
    elif step is Step.EXPERIENCE:
        years = parse_experience(text)
        check_start_age(draft.birth_year, years, current_year)
        draft.experience_years = years
    elif step is Step.YEAR:
        draft.birth_year = parse_birth_year(
            text, current_year=current_year, experience_years=draft.experience_years
        )
    else:
        raise ValueError(f"{step} takes no typed answer")
    return draft


def apply_experience(draft: ProfileDraft, years: int, current_year: int) -> ProfileDraft:
    """Years of experience chosen with a button (raises InvalidAnswer)."""
    check_start_age(draft.birth_year, years, current_year)
    draft.experience_years = years
    return draft

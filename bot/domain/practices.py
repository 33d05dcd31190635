"""The bank of effective practices and its expert review: the words a practice's life is told in.

A teacher drafts a practice and submits it; two experts from the pool (not from the author's school)
score it on the published sheet of criteria; the decision — publish, return with comments, decline —
follows the rule in this module's review part. A returned practice is revised and resubmitted as a
new round.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class PracticeForm(StrEnum):
    LESSON = "lesson"  # урок
    EXTRACURRICULAR = "extracurricular"  # внеурочное занятие
    PROJECT = "project"  # проект
    UPBRINGING = "upbringing"  # воспитательное мероприятие
    METHODICAL = "methodical"  # методическая разработка
    OTHER = "other"


class PracticeStatus(StrEnum):
    DRAFT = "draft"  # the author is still writing it
    SUBMITTED = "submitted"  # waiting for experts to be assigned
    IN_REVIEW = "in_review"  # experts are scoring it
    RETURNED = "returned"  # back with the experts' comments, to revise and resubmit
    PUBLISHED = "published"  # in the bank, found by search
    DECLINED = "declined"


class ExpertStatus(StrEnum):
    PENDING = "pending"  # asked to join the pool, waiting for staff
    ACTIVE = "active"
    PAUSED = "paused"  # takes no new reviews for now
    REMOVED = "removed"  # out of the pool; the row stays, so that their reviews keep counting


class ReviewStatus(StrEnum):
    ASSIGNED = "assigned"
    DONE = "done"
    WITHDRAWN = "withdrawn"  # taken from an expert (refused, overdue and reassigned, round superseded)


# --- the expert review ---------------------------------------------------------------------------
#
# The sheet of criteria is content (bot/content/practice_criteria.yaml): a region changes the
# criteria, the points and the thresholds there. The rule that turns the experts' totals into a
# decision is here, a pure function.

REVIEWERS = 2  # experts per round; a third one only on disagreement
COMMENT_MAX = 2000
_KEY = r"^[a-z][a-z0-9_]{0,23}$"


class Criterion(BaseModel):
    """One criterion of the sheet: its key (kept in reviews), its name and a hint for the expert."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str = Field(pattern=_KEY)
    title: dict[str, str]  # locale -> name; "ru" is required
    hint: dict[str, str] = Field(default_factory=dict)

    @field_validator("title")
    @classmethod
    def _russian(cls, value: dict[str, str]) -> dict[str, str]:
        if not value.get("ru", "").strip():
            raise ValueError("a Russian name (ru) is required")
        if any(len(text) > 80 for text in value.values()):
            raise ValueError("a name is at most 80 characters (it goes on a button)")
        return value

    def name(self, locale: str) -> str:
        return self.title.get(locale) or self.title["ru"]


class CriteriaSheet(BaseModel):
    """The published sheet: criteria scored 0..`max_points` each, and the rule's numbers.

    `threshold`: a total at least this is «above»; `decline_below`: a mean total below this is
    declined at once rather than returned; `max_gap`: two totals further apart call a third expert;
    `max_rounds`: a practice still below the threshold in this round is declined, not returned
    again; `review_days`: the time an expert has; `grace_days`: after the due date and a reminder,
    the review goes to another expert."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = Field(ge=1)
    max_points: int = Field(ge=1, le=10)
    criteria: tuple[Criterion, ...] = Field(min_length=1, max_length=10)
    threshold: int = Field(ge=1)
    decline_below: int = Field(ge=0)
    max_gap: int = Field(ge=0)
    max_rounds: int = Field(ge=1, le=10)
    review_days: int = Field(ge=1, le=60)
    grace_days: int = Field(ge=1, le=60)

    @model_validator(mode="after")
    def _consistent(self) -> CriteriaSheet:
        keys = [c.key for c in self.criteria]
        if len(set(keys)) != len(keys):
            raise ValueError("criteria keys must differ")
        if self.threshold > self.max_total:
            raise ValueError(f"threshold {self.threshold} is above the most points, {self.max_total}")
        if self.decline_below > self.threshold:
            raise ValueError("decline_below must not be above threshold")
        return self

    @property
    def max_total(self) -> int:
        return self.max_points * len(self.criteria)

    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.criteria)

    def complete(self, scores: Mapping[str, object]) -> bool:
        """Every criterion scored, within 0..max_points."""
        return all(_points(scores.get(key), self.max_points) is not None for key in self.keys())

    def total(self, scores: Mapping[str, object]) -> int:
        return sum(_points(scores.get(key), self.max_points) or 0 for key in self.keys())


def _points(value: object, max_points: int) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 <= value <= max_points else None


class Verdict(StrEnum):
    PUBLISH = "publish"
    RETURN = "return"  # back to the author with the experts' comments
    DECLINE = "decline"
    THIRD = "third"  # the two disagree: a third expert decides


def decide(totals: Sequence[int], sheet: CriteriaSheet, round_no: int) -> Verdict:
    """The decision on one round from the experts' totals (two, or three after a disagreement).

    Two experts: both at or above the threshold and within `max_gap` of each other → publish; both
    below and within the gap → not published; otherwise (one above and one below, or too far
    apart) → a third expert. Three: the majority of the three decides (two above → publish).
    Not published is «return with comments», or «decline» when the mean total is below
    `decline_below` (far from publishable) or this was round `max_rounds` (the author has had
    their chances to revise)."""
    if len(totals) < REVIEWERS:
        raise ValueError("a decision needs at least two reviews")
    above = [t >= sheet.threshold for t in totals]
    if len(totals) == REVIEWERS:
        if abs(totals[0] - totals[1]) > sheet.max_gap or above[0] != above[1]:
            return Verdict.THIRD
        if all(above):
            return Verdict.PUBLISH
    elif sum(above) * 2 > len(totals):
        return Verdict.PUBLISH
    mean = sum(totals) / len(totals)
    if mean < sheet.decline_below or round_no >= sheet.max_rounds:
        return Verdict.DECLINE
    return Verdict.RETURN


def mean_scores(sheets: Sequence[Mapping[str, object]], sheet: CriteriaSheet) -> dict[str, float]:
    """Each criterion's mean over the reviews (one decimal), for the certificate and the author."""
    result: dict[str, float] = {}
    for key in sheet.keys():  # noqa: SIM118 (the sheet's method, not a dict's)
        values = [p for s in sheets if (p := _points(s.get(key), sheet.max_points)) is not None]
        if values:
            result[key] = round(sum(values) / len(values), 1)
    return result


def pick_experts(
    candidates: Sequence[ExpertLoad], needed: int, *, previous: frozenset[int] = frozenset()
) -> list[int]:
    """The experts to assign: those who reviewed the practice's earlier round first (they know it),
    then the least loaded (open reviews), then the longest in the pool (lowest id). `candidates`
    are already filtered: active, the subject fits, not of the author's school, not on this round."""
    ordered = sorted(candidates, key=lambda c: (c.expert_id not in previous, c.load, c.expert_id))
    return [c.expert_id for c in ordered[:needed]]


@dataclass(frozen=True, slots=True)
class ExpertLoad:
    expert_id: int
    load: int  # reviews assigned and not done

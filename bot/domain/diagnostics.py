"""Self-diagnosis of professional deficits: content models, scoring, and comparison of attempts.

Content (questionnaires, the recommendation catalogue) is YAML validated by these pydantic
models; scoring is pure and unit-tested. No aiogram, no SQL.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

_ID = r"^[a-z0-9][a-z0-9_-]{0,31}$"

# Content is bounded, so that checking an uploaded file takes milliseconds whatever it holds.
# The shipped questionnaires have 3–6 areas and 12–36 items; the catalogue 13 areas.
MAX_AREAS = 20
MAX_ITEMS = 200
MAX_SCALE = 6
MAX_CATALOGUE_AREAS = 300
MAX_RECOMMENDATIONS = 20  # per area and level
TOO_MANY = "too_many"  # the pydantic error type of a cap; its context: what, count, limit


def too_many(what: str, count: int, limit: int) -> None:
    """Refuse a list over its cap before pydantic validates it entry by entry."""
    if count > limit:
        raise PydanticCustomError(
            TOO_MANY,
            "too many {what}: {count}, at most {limit}",
            {"what": what, "count": count, "limit": limit},
        )


def cap(data: Any, field: str, limit: int, what: str | None = None) -> None:
    """`too_many` for `data[field]` when the raw input holds a list or a mapping there."""
    if isinstance(data, Mapping):
        value = data.get(field)
        if isinstance(value, list | tuple | Mapping):
            too_many(what or field, len(value), limit)


def repeated(values: Iterable[str]) -> list[str]:
    """The values that occur more than once, sorted; linear in the number of values."""
    return sorted(value for value, count in Counter(values).items() if count > 1)


class ContentKind(StrEnum):
    """What a stored content version is (`content_versions.kind`)."""

    QUESTIONNAIRE = "questionnaire"
    CATALOGUE = "catalogue"


class Level(StrEnum):
    """Дефицитарный уровень of an area: high deficit is the weakest."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


LEVEL_ORDER = {Level.HIGH: 0, Level.MEDIUM: 1, Level.LOW: 2}


class Audience(StrEnum):
    ALL = "all"
    YOUNG = "young"  # young specialists
    OVZ = "ovz"  # teachers of children with disabilities
    PRIMARY = "primary"


class ScaleOption(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    value: int = Field(ge=0, le=10)
    label: str = Field(min_length=1, max_length=40)


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID)
    text: str = Field(min_length=10, max_length=600)
    optional: bool = False


class Area(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID)
    title: str = Field(min_length=3, max_length=80)
    items: tuple[Item, ...] = Field(min_length=1)


class Thresholds(BaseModel):
    """An area's score in percent of the maximum: below `high_below` → high deficit,
    below `medium_below` → medium, else low."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    high_below: float = Field(gt=0, lt=100)
    medium_below: float = Field(gt=0, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.high_below >= self.medium_below:
            raise ValueError("high_below must be lower than medium_below")
        return self


class Questionnaire(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=_ID)
    version: int = Field(ge=1)
    title: str = Field(min_length=3, max_length=120)
    description: str = Field(min_length=10, max_length=1500)
    audience: Audience = Audience.ALL
    minutes: int = Field(ge=1, le=120)
    scale: tuple[ScaleOption, ...] = Field(min_length=2, max_length=MAX_SCALE)
    levels: Thresholds
    areas: tuple[Area, ...] = Field(min_length=1, max_length=MAX_AREAS)

    @model_validator(mode="before")
    @classmethod
    def _bounded(cls, data: Any) -> Any:
        cap(data, "scale", MAX_SCALE)
        cap(data, "areas", MAX_AREAS)
        areas = data.get("areas") if isinstance(data, Mapping) else None
        if isinstance(areas, list):
            items = [a.get("items") for a in areas if isinstance(a, Mapping)]
            too_many("items", sum(len(i) for i in items if isinstance(i, list)), MAX_ITEMS)
        return data

    @field_validator("scale")
    @classmethod
    def _scale(cls, scale: tuple[ScaleOption, ...]) -> tuple[ScaleOption, ...]:
        values = [o.value for o in scale]
        if len(set(values)) != len(values) or values != sorted(values):
            raise ValueError("scale values must be distinct and ascending")
        return scale

    @model_validator(mode="after")
    def _unique_ids(self) -> Questionnaire:
        if repeated(a.id for a in self.areas):
            raise ValueError("area ids repeat")
        dupes = repeated(i.id for a in self.areas for i in a.items)
        if dupes:
            raise ValueError(f"item ids repeat: {', '.join(dupes)}")
        return self

    @property
    def items(self) -> list[tuple[Area, Item]]:
        """All items in the order they are asked."""
        return [(area, item) for area in self.areas for item in area.items]

    @property
    def item_ids(self) -> list[str]:
        return [item.id for _, item in self.items]

    @property
    def max_value(self) -> int:
        return self.scale[-1].value

    @property
    def min_value(self) -> int:
        return self.scale[0].value

    def option(self, value: int) -> ScaleOption | None:
        return next((o for o in self.scale if o.value == value), None)


class StepForm(StrEnum):
    """ИОМ step forms (seed 004)."""

    COURSE = "course"
    INTERNSHIP = "internship"
    CONSULTATION = "consultation"
    TRAINING = "training"
    COMMUNITY = "community"
    EXPERIENCE = "experience"


class Recommendation(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    form: StepForm
    title: str = Field(min_length=5, max_length=200)
    description: str = Field(min_length=10, max_length=800)
    hours: int | None = Field(default=None, ge=1, le=1000)
    link: str | None = Field(default=None, pattern=r"^https?://\S+$")


class AreaRecommendations(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(min_length=3, max_length=80)
    high: tuple[Recommendation, ...] = Field(min_length=1, max_length=MAX_RECOMMENDATIONS)
    medium: tuple[Recommendation, ...] = Field(min_length=1, max_length=MAX_RECOMMENDATIONS)
    low: tuple[Recommendation, ...] = Field(min_length=1, max_length=MAX_RECOMMENDATIONS)

    @model_validator(mode="before")
    @classmethod
    def _bounded(cls, data: Any) -> Any:
        for level in Level:
            cap(data, level.value, MAX_RECOMMENDATIONS, "recommendations")
        return data

    def for_level(self, level: Level) -> tuple[Recommendation, ...]:
        return {Level.HIGH: self.high, Level.MEDIUM: self.medium, Level.LOW: self.low}[level]


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(default="recommendations", pattern=_ID)
    version: int = Field(ge=1)
    areas: dict[str, AreaRecommendations] = Field(min_length=1, max_length=MAX_CATALOGUE_AREAS)

    @model_validator(mode="before")
    @classmethod
    def _bounded(cls, data: Any) -> Any:
        cap(data, "areas", MAX_CATALOGUE_AREAS)
        return data


# --- scoring ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AreaResult:
    area: str
    title: str
    score: float | None  # percent of the maximum, None when nothing was answered
    level: Level | None
    answered: int
    total: int


def level_for(score: float, thresholds: Thresholds) -> Level:
    if score < thresholds.high_below:
        return Level.HIGH
    if score < thresholds.medium_below:
        return Level.MEDIUM
    return Level.LOW


def score_area(area: Area, answers: Mapping[str, int], questionnaire: Questionnaire) -> AreaResult:
    """Percent of the maximum over the answered items; unanswered optional items don't count."""
    low, high = questionnaire.min_value, questionnaire.max_value
    values = [answers[i.id] for i in area.items if i.id in answers]
    if not values:
        return AreaResult(area.id, area.title, None, None, 0, len(area.items))
    score = round(100 * sum(v - low for v in values) / (len(values) * (high - low)), 1)
    return AreaResult(
        area.id, area.title, score, level_for(score, questionnaire.levels), len(values), len(area.items)
    )


def score(questionnaire: Questionnaire, answers: Mapping[str, int]) -> list[AreaResult]:
    return [score_area(area, answers, questionnaire) for area in questionnaire.areas]


def missing_required(questionnaire: Questionnaire, answers: Mapping[str, int]) -> list[str]:
    return [item.id for _, item in questionnaire.items if not item.optional and item.id not in answers]


def weakest(results: list[AreaResult], count: int = 3) -> list[AreaResult]:
    """Areas with the largest deficit first (lowest score); unscored areas last."""
    scored = sorted((r for r in results if r.score is not None), key=lambda r: (r.score, r.area))
    return scored[:count]


@dataclass(frozen=True, slots=True)
class AreaChange:
    area: str
    title: str
    before: Level | None
    after: Level | None
    delta: float | None  # score points, after − before

    @property
    def direction(self) -> str:
        """ "better" (deficit shrank), "worse", "same", or "new"."""
        if self.before is None or self.after is None:
            return "new"
        diff = LEVEL_ORDER[self.after] - LEVEL_ORDER[self.before]
        return "better" if diff > 0 else "worse" if diff < 0 else "same"


def compare(before: list[AreaResult], after: list[AreaResult]) -> list[AreaChange]:
    previous = {r.area: r for r in before}
    changes = []
    for result in after:
        old = previous.get(result.area)
        delta = None
        if old is not None and old.score is not None and result.score is not None:
            delta = round(result.score - old.score, 1)
        changes.append(AreaChange(result.area, result.title, old.level if old else None, result.level, delta))
    return changes


def stored_results(
    questionnaire: Questionnaire, stored: Mapping[str, tuple[float | None, Level | None]]
) -> list[AreaResult]:
    results = []
    for area in questionnaire.areas:
        value, level = stored.get(area.id, (None, None))
        results.append(AreaResult(area.id, area.title, value, level, 0, len(area.items)))
    return results


def recommend(
    results: list[AreaResult], catalogue: Catalogue | None, count: int = 3
) -> list[tuple[AreaResult, tuple[Recommendation, ...]]]:
    """For the weakest areas with a high or medium deficit: what to do (ИОМ step forms)."""
    if catalogue is None:
        return []
    picked = []
    for result in weakest(results, count=len(results)):
        if result.level in (Level.HIGH, Level.MEDIUM) and result.area in catalogue.areas:
            picked.append((result, catalogue.areas[result.area].for_level(result.level)[:2]))
        if len(picked) == count:
            break
    if not picked:
        # No deficits to speak of: suggest sharing experience in the strongest area.
        strongest = [r for r in results if r.level is Level.LOW and r.area in catalogue.areas]
        if strongest and catalogue is not None:
            # The same area the route's experience step takes (routes.experience_proposal).
            best = min(strongest, key=lambda r: (-(r.score or 0.0), r.area))
            picked.append((best, catalogue.areas[best.area].low[:2]))
    return picked

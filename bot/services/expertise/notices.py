"""What the expert review tells people other than the one acting — data only; `bot/ui/expertise`
renders each kind in the recipient's language, and the notifier queues it in the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.practices import Verdict
from bot.services.notices import Notice


@dataclass(frozen=True, slots=True)
class ExpertRequestArrived(Notice):
    """To staff: a teacher asks to join the expert pool."""

    name: str | None


@dataclass(frozen=True, slots=True)
class ExpertRequestDecided(Notice):
    """To the teacher who asked: in the pool now, or not."""

    approved: bool


@dataclass(frozen=True, slots=True)
class ExpertPoolChanged(Notice):
    """To the expert: staff paused, resumed or removed them."""

    status: str


@dataclass(frozen=True, slots=True)
class ReviewAssigned(Notice):
    """To an expert: a practice to score, by the due date."""

    review_id: int
    title: str
    due: date


@dataclass(frozen=True, slots=True)
class ReviewOverdue(Notice):
    """To an expert, once: the review's due date has passed."""

    review_id: int
    title: str
    due: date
    grace_days: int


@dataclass(frozen=True, slots=True)
class ReviewTakenAway(Notice):
    """To an expert: the overdue review went to another expert."""

    title: str


@dataclass(frozen=True, slots=True)
class ExpertsShort(Notice):
    """To staff, once per practice and round: too few experts fit it."""

    title: str
    needed: int
    found: int


@dataclass(frozen=True, slots=True)
class CriterionMean:
    key: str  # the sheet's criterion: the renderer names it in the recipient's language
    mean: float


@dataclass(frozen=True, slots=True)
class PracticeDecided(Notice):
    """To the author: published, returned with the experts' comments, or declined."""

    practice_id: int
    title: str
    verdict: Verdict
    means: tuple[CriterionMean, ...]
    max_points: int
    comments: tuple[str, ...]  # the experts' comments, without their names

"""What the expert review's screens show: data gathered by the service, rendered by `bot/ui/expertise`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.practices import CriteriaSheet, ExpertStatus
from storage.models import Event, Expert, Practice, PracticeFile, PracticeReview, User


@dataclass(frozen=True, slots=True)
class Desk:
    """A staff member at the expert pool: who, and the municipality they answer for (None: region)."""

    user: User
    scope: int | None


@dataclass(frozen=True, slots=True)
class PoolRow:
    expert: Expert
    person: User
    load: int  # open reviews
    done: int


@dataclass(frozen=True, slots=True)
class PoolView:
    rows: list[PoolRow]
    total: int
    page: int
    pages: int
    requests: int
    waiting: int  # practices waiting for experts in the desk's scope


@dataclass(frozen=True, slots=True)
class ExpertCard:
    expert: Expert
    person: User
    load: int
    done: int
    juries: int


@dataclass(frozen=True, slots=True)
class Invited:
    code: str
    uses: int
    days: int
    scope_name: str | None


@dataclass(frozen=True, slots=True)
class QueueItem:
    review: PracticeReview
    practice: Practice
    due: date | None  # in the expert's time zone
    late: bool  # past its due moment


@dataclass(frozen=True, slots=True)
class ExpertHome:
    expert: Expert
    queue: list[QueueItem]
    done: int
    today: date


@dataclass(frozen=True, slots=True)
class ReviewCard:
    review: PracticeReview
    practice: Practice
    files: list[PracticeFile]
    sheet: CriteriaSheet
    due: date | None


@dataclass(frozen=True, slots=True)
class ContestJury:
    event: Event
    experts: list[PoolRow]
    on_jury: set[int]


@dataclass(frozen=True, slots=True)
class ApplyView:
    status: ExpertStatus | None  # the person's row in the pool, if any

"""What the route screens show: views built by the route services, rendered by bot/ui/routes.

A handler gets one of these back from its one service call and hands it to `bot.ui.routes.present`
(the teacher's screens) or `present_review` (the methodist's). Notes are locale keys with values
(`Say`): the services never hold a text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from bot.domain.diagnostics import AreaChange
from bot.domain.route_changes import RouteChanges
from bot.domain.routes import Progress, RouteStatus
from bot.services.routes.basis import Basis
from bot.services.routes.methodists import TeacherRow
from bot.services.routes.rules import route_progress, status
from storage.models import Route as Route
from storage.models import RouteStep, User
from storage.repositories.routes import MethodistRow


@dataclass(frozen=True, slots=True)
class Say:
    """A locale key and its values (text values are escaped when shown)."""

    key: str
    values: dict[str, object] = field(default_factory=dict)


def say(key: str, **values: object) -> Say:
    return Say(key, values)


@dataclass(frozen=True, slots=True)
class RouteView:
    route: Route
    titles: dict[str, str]  # area id → title
    today: date  # the teacher's local date
    methodist: User | None = None
    effect: tuple[AreaChange, ...] = ()

    @property
    def status(self) -> RouteStatus:
        return status(self.route)

    @property
    def progress(self) -> Progress:
        return route_progress(self.route)


# --- the teacher's screens ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NoRoute:
    """No route (yet): build one from the diagnosis, or take one first."""

    has_diagnosis: bool
    edit: bool = True


@dataclass(frozen=True, slots=True)
class Gone:
    """What the teacher was doing is no longer there: a word and the way back to the route."""

    note: Say


@dataclass(frozen=True, slots=True)
class Said:
    """Just a word in reply: the dialogue ends, or `goes_on` (a typed answer that will not do)."""

    note: Say
    goes_on: bool = False


@dataclass(frozen=True, slots=True)
class RoutePage:
    view: RouteView
    page: int = 0
    note: Say | None = None  # above the route
    answer: Say | None = None  # the tap's short note
    edit: bool = True


@dataclass(frozen=True, slots=True)
class StepPage:
    step: RouteStep
    view: RouteView
    page: int = 0
    note: Say | None = None
    answer: Say | None = None
    # The step carried the route out: the route with a congratulation, as a new message.
    then: RoutePage | None = None


@dataclass(frozen=True, slots=True)
class Ask:
    """A question of the step dialogues: what the answer is about (`step` None for the route)."""

    route: Route
    step: RouteStep | None = None
    more: bool = False  # evidence for a step already done
    titles: dict[str, str] = field(default_factory=dict)
    note: Say | None = None  # above the question
    title: str | None = None  # a new step's title, as read


@dataclass(frozen=True, slots=True)
class DocumentParts:
    """What the route document is made of (rendered and sent by bot/ui/routes/document)."""

    route: Route
    teacher: User
    basis: Basis | None
    titles: dict[str, str]
    reviewer: User | None
    now: datetime
    timezone: str


# --- the methodist's and staff's screens -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reviewed:
    """A route the methodist may review, with its teacher."""

    route: Route
    teacher: User


@dataclass(frozen=True, slots=True)
class ReviewPage:
    view: RouteView
    teacher: User
    year: int
    shared: bool  # the teacher shares their diagnosis results with the methodist
    page: int = 0
    note: Say | None = None
    answer: Say | None = None
    # Sent again after a return: what changed since (None: never returned, or not waiting now).
    changes: RouteChanges | None = None


@dataclass(frozen=True, slots=True)
class ReviewStep:
    step: RouteStep
    view: RouteView
    page: int = 0


@dataclass(frozen=True, slots=True)
class Teachers:
    rows: list[TeacherRow]
    shared: int
    page: int


@dataclass(frozen=True, slots=True)
class TeacherCard:
    """A teacher of the methodist's list without a route to review yet."""

    teacher: User
    year: int
    shared: bool
    page: int


@dataclass(frozen=True, slots=True)
class Methodists:
    rows: list[MethodistRow]
    unassigned: int
    municipalities: dict[int, str]
    note: Say | None = None


@dataclass(frozen=True, slots=True)
class Pick:
    teacher: User
    current: User | None
    rows: list[MethodistRow]

"""What the route tells people other than the one acting (rendered by bot/ui/routes/notices)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.route_changes import RouteChanges
from bot.services.notices import Notice
from bot.services.routes.reminders import StepReminder

__all__ = [
    "RouteApproved",
    "RouteCarriedOut",
    "RouteReturned",
    "RouteSent",
    "StepReminder",
    "TeacherAssigned",
]


@dataclass(frozen=True, slots=True)
class RouteSent(Notice):
    """To the methodist: a teacher sent (or sent again) their route for review; sent again after a
    return, with what changed since."""

    route_id: int
    teacher: str | None
    again: bool
    changes: RouteChanges | None = None


@dataclass(frozen=True, slots=True)
class RouteCarriedOut(Notice):
    """To the methodist: the teacher's last step is done."""

    route_id: int
    teacher: str | None


@dataclass(frozen=True, slots=True)
class RouteReturned(Notice):
    """To the teacher: the methodist asked for changes (with a comment, or on the steps)."""

    route_id: int
    methodist: str | None
    comment: str | None


@dataclass(frozen=True, slots=True)
class RouteApproved(Notice):
    route_id: int
    methodist: str | None


@dataclass(frozen=True, slots=True)
class TeacherAssigned(Notice):
    """To the methodist: staff put a teacher with them."""

    teacher: str | None

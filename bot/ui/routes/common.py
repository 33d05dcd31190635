"""What the route screens share: dates, names, marks, pages, the progress bar, the view of a route."""

from __future__ import annotations

from datetime import date
from html import escape

from bot.callbacks import (
    ReviewAction,
    ReviewCD,
    RouteAction,
    RouteCD,
)
from bot.domain.routes import (
    RouteStatus,
    StepStatus,
)
from bot.i18n import Translator
from bot.ui.keyboard import Keyboard, shorten
from storage.models import User

PAGE = 10
STEP_MARK = {
    StepStatus.PLANNED: "▫️",
    StepStatus.IN_PROGRESS: "▶️",
    StepStatus.DONE: "✅",
    StepStatus.DROPPED: "✖️",
}
STATUS_MARK = {
    RouteStatus.DRAFT: "📝",
    RouteStatus.SUBMITTED: "📨",
    RouteStatus.RETURNED: "↩️",
    RouteStatus.APPROVED: "✅",
    RouteStatus.CARRIED_OUT: "🏁",
}
TERMS = ("1", "3", "0")  # months; 0 = to the end of the route's period
DROP_REASONS = ("time", "outdated", "replaced")
METHODIST_LOAD = 85  # one methodist per ~85 teachers (seed 004)


def d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def short(day: date) -> str:
    return day.strftime("%d.%m")


def name_of(user: User | None) -> str:
    return escape(user.full_name or "—") if user is not None else "—"


def pages_of(count: int) -> int:
    return max(1, (count + PAGE - 1) // PAGE)


def cut(text: str, limit: int) -> str:
    """A preview on a list; the step card shows the whole text."""
    return shorten(text, limit)


def progress_bar(percent: int, width: int = 10) -> str:
    filled = max(0, min(width, round(percent * width / 100)))
    return "▓" * filled + "░" * (width - filled)


def cancel_keyboard(route_id: int, _: Translator, *extra: tuple[str, RouteCD]) -> Keyboard:
    kb = Keyboard()
    for text, data in extra:
        kb.button(text=text, callback_data=data)
    kb.button(text=_("route-btn-cancel"), callback_data=RouteCD(action=RouteAction.VIEW, r=route_id))
    kb.adjust(1)
    return kb


def review_cancel(route_id: int, _: Translator, *extra: tuple[str, ReviewCD]) -> Keyboard:
    kb = Keyboard()
    for text, data in extra:
        kb.button(text=text, callback_data=data)
    kb.button(text=_("route-btn-cancel"), callback_data=ReviewCD(action=ReviewAction.ROUTE, r=route_id))
    kb.adjust(1)
    return kb

"""What the route tells people other than the one acting: reminders, review news, assignments."""

from __future__ import annotations

from html import escape

from aiogram.types import InlineKeyboardMarkup

from bot.callbacks import (
    ReviewAction,
    ReviewCD,
    RouteAction,
    RouteCD,
)
from bot.delivery import Rendered, renders
from bot.domain.routes import (
    Due,
)
from bot.i18n import Translator
from bot.services.routes import Nudge
from bot.services.routes.notices import (
    RouteApproved,
    RouteCarriedOut,
    RouteReturned,
    RouteSent,
    StepReminder,
    TeacherAssigned,
)
from bot.ui.diagnosis import clip
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import Screen
from bot.ui.routes.changes import changes_block
from bot.ui.routes.common import d


def route_reminder(nudge: Nudge | StepReminder, _: Translator) -> Screen:
    lines = [_("reminder-title"), ""]
    for item in nudge.items:
        key = "reminder-overdue" if item.due is Due.OVERDUE else "reminder-near"
        lines.append(_(key, title=escape(item.title), end=d(item.planned_end)))
    lines += ["", _("reminder-hint")]
    kb = Keyboard()
    kb.button(text=_("notice-btn-route"), callback_data=RouteCD(action=RouteAction.VIEW, r=nudge.route_id))
    return clip("\n".join(lines)), kb.as_markup()


@renders(StepReminder)
def step_reminder(n: StepReminder, _: Translator) -> Rendered:
    return route_reminder(n, _)


def _name(name: str | None) -> str:
    return escape(name or "—")


def _button(text: str, data: RouteCD | ReviewCD) -> InlineKeyboardMarkup:
    kb = Keyboard()
    kb.button(text=text, callback_data=data)
    return kb.as_markup()


@renders(RouteSent)
def route_sent(n: RouteSent, _: Translator) -> Rendered:
    key = "notice-resubmitted" if n.again else "notice-submitted"
    text = _(key, name=_name(n.teacher))
    if n.changes is not None:
        text += "\n\n" + changes_block(n.changes, _)
    return clip(text), _button(_("notice-btn-open"), ReviewCD(action=ReviewAction.ROUTE, r=n.route_id))


@renders(RouteCarriedOut)
def route_carried_out(n: RouteCarriedOut, _: Translator) -> Rendered:
    return _("notice-carried-out", name=_name(n.teacher)), _button(
        _("notice-btn-open"), ReviewCD(action=ReviewAction.ROUTE, r=n.route_id)
    )


@renders(RouteReturned)
def route_returned(n: RouteReturned, _: Translator) -> Rendered:
    text = _("notice-returned", name=_name(n.methodist))
    if n.comment:
        text += "\n\n" + _("route-review-comment", comment=escape(n.comment))
    return text, _button(_("notice-btn-route"), RouteCD(action=RouteAction.VIEW, r=n.route_id))


@renders(RouteApproved)
def route_approved(n: RouteApproved, _: Translator) -> Rendered:
    return _("notice-approved", name=_name(n.methodist)), _button(
        _("notice-btn-route"), RouteCD(action=RouteAction.VIEW, r=n.route_id)
    )


@renders(TeacherAssigned)
def teacher_assigned(n: TeacherAssigned, _: Translator) -> Rendered:
    return _("notice-assigned", name=_name(n.teacher)), None

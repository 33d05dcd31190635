"""How the expert review's notices read, in the recipient's language (registered with `@renders`)."""

from __future__ import annotations

from html import escape

from bot.callbacks import ExpertAction, ExpertCD, MenuCD, PoolAction, PoolCD, Section
from bot.delivery import Rendered, renders
from bot.domain.practices import Verdict
from bot.i18n import Translator
from bot.services.expertise.criteria import load_sheet
from bot.services.expertise.notices import (
    ExpertPoolChanged,
    ExpertRequestArrived,
    ExpertRequestDecided,
    ExpertsShort,
    PracticeDecided,
    ReviewAssigned,
    ReviewOverdue,
    ReviewTakenAway,
)
from bot.ui.expertise.common import criterion_names, d, name, points
from bot.ui.keyboard import Keyboard


def _open_review(review_id: int, _: Translator) -> Keyboard:
    kb = Keyboard()
    kb.button(text=_("xr-btn-open"), callback_data=ExpertCD(action=ExpertAction.CARD, r=review_id))
    return kb


@renders(ExpertRequestArrived)
def request_arrived(n: ExpertRequestArrived, _: Translator) -> Rendered:
    kb = Keyboard()
    kb.button(text=_("xp-btn-requests", count=1), callback_data=PoolCD(action=PoolAction.REQUESTS))
    return _("xp-notice-request", name=name(n.name)), kb.as_markup()


@renders(ExpertRequestDecided)
def request_decided(n: ExpertRequestDecided, _: Translator) -> Rendered:
    if not n.approved:
        return _("xr-notice-declined"), None
    kb = Keyboard()
    kb.button(text=_("menu-expertise"), callback_data=MenuCD(section=Section.EXPERTISE))
    return _("xr-notice-approved"), kb.as_markup()


@renders(ExpertPoolChanged)
def pool_changed(n: ExpertPoolChanged, _: Translator) -> Rendered:
    return _(f"xr-notice-{n.status}"), None


@renders(ReviewAssigned)
def review_assigned(n: ReviewAssigned, _: Translator) -> Rendered:
    return _("xr-notice-assigned", title=escape(n.title), due=d(n.due)), _open_review(
        n.review_id, _
    ).as_markup()


@renders(ReviewOverdue)
def review_overdue(n: ReviewOverdue, _: Translator) -> Rendered:
    text = _("xr-notice-overdue", title=escape(n.title), due=d(n.due), days=n.grace_days)
    return text, _open_review(n.review_id, _).as_markup()


@renders(ReviewTakenAway)
def review_taken(n: ReviewTakenAway, _: Translator) -> Rendered:
    return _("xr-notice-taken", title=escape(n.title)), None


@renders(ExpertsShort)
def experts_short(n: ExpertsShort, _: Translator) -> Rendered:
    kb = Keyboard()
    kb.button(text=_("menu-experts"), callback_data=MenuCD(section=Section.EXPERTS))
    return _("xp-notice-short", title=escape(n.title), needed=n.needed, found=n.found), kb.as_markup()


@renders(PracticeDecided)
def practice_decided(n: PracticeDecided, _: Translator) -> Rendered:
    names = criterion_names(load_sheet(), _)
    lines = [_(f"xr-decided-{n.verdict.value}", title=escape(n.title))]
    if n.means:
        scores = "\n".join(
            f"• {escape(names.get(m.key, m.key))}: {points(m.mean)} / {n.max_points}" for m in n.means
        )
        lines.append(_("xr-decided-means") + "\n" + scores)
    if n.comments and n.verdict is not Verdict.PUBLISH:
        comments = "\n\n".join(f"💬 {escape(c)}" for c in n.comments)
        lines.append(_("xr-decided-comments") + "\n" + comments)
    kb = Keyboard()
    if n.verdict is Verdict.PUBLISH:
        kb.button(text=_("xr-btn-cert"), callback_data=ExpertCD(action=ExpertAction.CERT, p=n.practice_id))
    return "\n\n".join(lines), kb.as_markup() if n.verdict is Verdict.PUBLISH else None

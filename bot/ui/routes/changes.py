"""What changed in a route since the methodist returned it, as lines for the methodist's notice and
the route under review."""

from __future__ import annotations

from html import escape

from bot.domain.route_changes import RouteChanges, StepChange, StepState
from bot.domain.routes import StepStatus
from bot.i18n import Translator
from bot.ui.routes.common import STEP_MARK, cut, short

TITLE = 60  # a step's title in a change line


def _title(step: StepState) -> str:
    return escape(cut(step.title, TITLE))


def _dates(step: StepState, _: Translator) -> str:
    if step.planned_start is None or step.planned_end is None:
        return _("changes-no-dates")
    return f"{short(step.planned_start)}–{short(step.planned_end)}"


def _step_line(change: StepChange, _: Translator) -> str:
    """One line per step: its mark, its title now, and everything that is different about it."""
    before, after = change.before, change.after
    what = []
    if change.title_changed:
        what.append(_("changes-part-renamed", before=_title(before)))
    if change.form_changed:
        what.append(_("changes-part-form", before=_(f"form-{before.form}"), after=_(f"form-{after.form}")))
    if change.dates_changed:
        what.append(_("changes-part-dates", before=_dates(before, _), after=_dates(after, _)))
    if change.status_changed and after.status is StepStatus.DROPPED and after.drop_reason:
        what.append(_("changes-part-dropped", reason=escape(cut(after.drop_reason, 120))))
    elif change.status_changed:
        what.append(_("changes-part-status", status=_(f"step-status-{after.status.value}")))
    if change.evidence_added:
        what.append(_("changes-part-evidence", count=change.evidence_added))
    if change.status_changed:
        mark = STEP_MARK[after.status]
    elif change.dates_changed:
        mark = "📅"
    elif change.form_changed:
        mark = "🔁"
    elif change.evidence_added:
        mark = "📎"
    else:
        mark = "✏️"
    return _("changes-step", mark=mark, title=_title(after), what="; ".join(what))


def change_lines(changes: RouteChanges, _: Translator) -> list[str]:
    """Every change, one line each: the goal, steps added, removed, then changed."""
    lines = []
    if changes.goal is not None:
        lines.append(_("changes-goal", goal=escape(cut(changes.goal[1] or "—", 200))))
    lines += [
        _("changes-added", title=_title(s), form=_(f"form-{s.form}"), dates=_dates(s, _))
        for s in changes.added
    ]
    lines += [_("changes-removed", title=_title(s)) for s in changes.removed]
    lines += [_step_line(change, _) for change in changes.changed]
    return lines


def changes_block(changes: RouteChanges, _: Translator, limit: int = 12) -> str:
    """The title and up to `limit` lines of changes (the rest counted), or a word that nothing changed."""
    if changes.empty:
        return _("changes-none")
    lines = change_lines(changes, _)
    shown = lines[:limit]
    if len(lines) > limit:
        shown.append(_("changes-more", count=len(lines) - limit))
    return "\n".join([_("changes-title"), *shown])

"""/mydata screens: «what I know about you» in sections, what to do after the file, and the
confirmation of deletion."""

from __future__ import annotations

from datetime import date, datetime
from html import escape
from zoneinfo import ZoneInfo

from bot.callbacks import MenuCD, MyDataAction, MyDataCD, Section
from bot.i18n import Translator
from bot.services.mydata import Portrait
from bot.ui.admin import audit_source
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from bot.ui.screens import profile_text


def actions_screen(_: Translator) -> Screen:
    builder = Keyboard()
    builder.button(text=_("md-delete"), callback_data=MyDataCD(action=MyDataAction.DELETE))
    builder.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    builder.adjust(1)
    return _("md-actions"), builder.as_markup()


def confirm_screen(_: Translator) -> Screen:
    builder = Keyboard()
    builder.button(text=_("md-delete-yes"), callback_data=MyDataCD(action=MyDataAction.DELETE_YES))
    builder.button(text=_("md-delete-no"), callback_data=MyDataCD(action=MyDataAction.BACK))
    builder.adjust(1)
    return _("md-delete-confirm"), builder.as_markup()


# --- «📄 Что я о вас знаю»: the readable part, in sections -------------------------------------------

MESSAGE_LIMIT = 4096
ITEMS_SHOWN = 15  # of each list (events, surveys, role changes…): the newest; the rest is in the file
TEXT_CHARS = 200  # a person's own text (a goal, a comment, feedback) quoted in a line


def _date(moment: datetime | date | None, timezone: str) -> str:
    if moment is None:
        return "—"
    if isinstance(moment, datetime):
        moment = moment.astimezone(ZoneInfo(timezone)).date()
    return moment.strftime("%d.%m.%Y")


def _text(value: str | None) -> str:
    return escape(shorten(value or "", TEXT_CHARS))


def _capped(lines: list[str], total: int, _: Translator) -> list[str]:
    if total > ITEMS_SHOWN:
        lines.append(_("mdr-more", count=total - ITEMS_SHOWN))
    return lines


def _section(title: str, lines: list[str]) -> str:
    return "\n".join([title, *lines])


def _profile(p: Portrait, _: Translator) -> str:
    user, tz = p.user, p.timezone
    card = profile_text(user, _, p.now.astimezone(ZoneInfo(tz)).year, everything=True)
    card = card.removeprefix(_("profile-title")).strip("\n")
    lines = [card, ""]
    if user.locale:
        lines.append(_("mdr-language", value=_(f"lang-{user.locale}")))
    if user.registered_at is not None:
        lines.append(_("mdr-registered", date=_date(user.registered_at, tz)))
    else:
        lines.append(_("mdr-registered-not"))
    lines.append(_("mdr-share-yes") if user.share_results else _("mdr-share-no"))
    lines.append(_("mdr-digest-off") if user.digest_off else _("mdr-digest-on"))
    for request in p.school_requests:
        state = _("mdr-request-done") if request.resolved else _("mdr-request-open")
        lines.append(
            _("mdr-school-request", text=_text(request.text), date=_date(request.at, tz), state=state)
        )
    return _section(_("mdr-profile"), lines)


def _roles(p: Portrait, _: Translator) -> str:
    tz = p.timezone
    lines = []
    for role in p.roles:
        name = _(f"role-{role.role}")
        if role.municipality:
            lines.append(
                _(
                    "mdr-role-scope",
                    role=name,
                    municipality=escape(role.municipality),
                    date=_date(role.since, tz),
                )
            )
        else:
            lines.append(_("mdr-role", role=name, date=_date(role.since, tz)))
    if not lines:
        lines.append(_("mdr-roles-none"))
    if p.methodist:
        lines.append(_("mdr-methodist", name=escape(p.methodist)))
    changes = list(p.role_changes)[-ITEMS_SHOWN:]
    if changes:
        lines.append(_("mdr-role-changes"))
    for change in changes:
        role_name = _(f"role-{change.role}")
        if change.action == "revoke":
            lines.append(_("mdr-role-revoke", date=_date(change.at, tz), role=role_name))
        else:
            lines.append(
                _(
                    "mdr-role-grant",
                    date=_date(change.at, tz),
                    role=role_name,
                    source=audit_source(change.source, _),
                )
            )
    return _section(_("mdr-roles"), _capped(lines, len(p.role_changes), _))


def _diagnosis(p: Portrait, _: Translator) -> str:
    lines: list[str] = []
    for attempt in p.attempts[:ITEMS_SHOWN]:
        title = _text(attempt.title)
        if attempt.finished_at is not None:
            date_ = _date(attempt.finished_at, p.timezone)
            lines.append(_("mdr-attempt-done", title=title, date=date_, answers=attempt.answers))
        else:
            date_ = _date(attempt.started_at, p.timezone)
            lines.append(_("mdr-attempt-open", title=title, date=date_, answers=attempt.answers))
        for area, level in attempt.results:
            lines.append(_("mdr-result", area=_text(area), level=_(f"level-{level or 'none'}")))
    if not lines:
        lines.append(_("mdr-diagnosis-none"))
    return _section(_("mdr-diagnosis"), _capped(lines, len(p.attempts), _))


def _route(p: Portrait, _: Translator) -> str:
    lines: list[str] = []
    for route in p.routes[:ITEMS_SHOWN]:
        lines.append(
            _(
                "mdr-route-head",
                start=_date(route.period_start, p.timezone),
                end=_date(route.period_end, p.timezone),
                status=_(f"route-status-{route.status}"),
            )
        )
        if route.goal:
            lines.append(_("mdr-route-goal", goal=_text(route.goal)))
        if route.reviewer:
            lines.append(_("mdr-route-reviewer", name=escape(route.reviewer)))
        if route.comment:
            lines.append(_("mdr-route-comment", text=_text(route.comment)))
        for step in route.steps[:ITEMS_SHOWN]:
            lines.append(
                _(
                    "mdr-step",
                    title=_text(step.title),
                    form=_(f"form-{step.form}"),
                    date=_date(step.planned_end, p.timezone),
                    status=_(f"step-status-{step.status}"),
                    evidence=step.evidence,
                )
            )
        _capped(lines, len(route.steps), _)
    if not lines:
        lines.append(_("mdr-route-none"))
    return _section(_("mdr-route"), _capped(lines, len(p.routes), _))


def _mentoring(p: Portrait, _: Translator) -> str:
    tz = p.timezone
    lines: list[str] = []
    for pair in p.pairs[:ITEMS_SHOWN]:
        key = "mdr-pair-mentor" if pair.as_mentor else "mdr-pair-mentee"
        lines.append(_(key, name=escape(pair.partner or "—"), status=_(f"mn-status-{pair.status}")))
        if pair.period_start and pair.period_end:
            lines.append(
                _("mdr-pair-period", start=_date(pair.period_start, tz), end=_date(pair.period_end, tz))
            )
        if pair.meetings:
            lines.append(_("mdr-pair-meetings", count=pair.meetings, date=_date(pair.last_meeting, tz)))
    _capped(lines, len(p.pairs), _)
    if p.mentor_capacity is not None:
        lines.append(_("mdr-mentor-profile", capacity=p.mentor_capacity))
        if p.mentor_about:
            lines.append(_("mdr-mentor-about", text=_text(p.mentor_about)))
    for status, at in p.applications[-ITEMS_SHOWN:]:
        lines.append(_("mdr-application", date=_date(at, tz), status=_(f"mdr-app-{status}")))
    if p.asked_for_mentor is not None:
        lines.append(_("mdr-asked-mentor", date=_date(p.asked_for_mentor, tz)))
    if p.adaptation_checks:
        lines.append(_("mdr-adaptation", count=p.adaptation_checks))
    if not lines:
        lines.append(_("mdr-mentoring-none"))
    return _section(_("mdr-mentoring"), lines)


def _events(p: Portrait, _: Translator) -> str:
    lines: list[str] = []
    for event in p.events[:ITEMS_SHOWN]:
        details = [_(f"mdr-reg-{event.status}")]
        if event.attended is not None:
            details.append(_("mdr-event-attended") if event.attended else _("mdr-event-missed"))
        if event.rating is not None:
            details.append(_("mdr-event-rating", rating=event.rating))
        if event.feedback:
            details.append(_("mdr-event-feedback", text=_text(event.feedback)))
        lines.append(
            _(
                "mdr-event",
                title=_text(event.title),
                kind=_(f"ev-kind-{event.kind}"),
                date=_date(event.starts_at, p.timezone),
                details=", ".join(details),
            )
        )
    if not lines:
        lines.append(_("mdr-events-none"))
    return _section(_("mdr-events"), _capped(lines, len(p.events), _))


def _surveys(p: Portrait, _: Translator) -> str:
    lines: list[str] = []
    for survey in p.surveys[:ITEMS_SHOWN]:
        status = _(f"mdr-survey-{survey.status}", date=_date(survey.done_on, p.timezone))
        if survey.anonymous:
            status += " " + _("mdr-survey-anonymous")
        lines.append(_("mdr-survey", title=_text(survey.title), status=status))
    if not lines:
        lines.append(_("mdr-surveys-none"))
    return _section(_("mdr-surveys"), _capped(lines, len(p.surveys), _))


def _consent(p: Portrait, _: Translator) -> str:
    user = p.user
    given = _(
        "mdr-consent-given", date=_date(user.consent_at, p.timezone), version=escape(user.consent_version)
    )
    return _section(_("mdr-consent"), [given])


def _rest(p: Portrait, _: Translator) -> str:
    lines = []
    if p.other_records:
        lines.append(_("mdr-other", count=p.other_records))
    if p.mentions:
        lines.append(_("mdr-mentions", count=p.mentions))
    if p.dialogue:
        lines.append(_("mdr-dialogue"))
    lines.append(_("mdr-file"))
    return _section(_("mdr-rest"), lines)


def pack(sections: list[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Sections into as few messages as fit `limit`; a section too long for one is cut between
    lines (each line is whole HTML: no tag spans two lines)."""
    parts = [part for section in sections for part in _split(section, limit)]
    return _join(parts, "\n\n", limit)


def _split(section: str, limit: int) -> list[str]:
    if len(section) <= limit:
        return [section]
    lines = [line if len(line) <= limit else line[: limit - 1] + "…" for line in section.split("\n")]
    return _join(lines, "\n", limit)


def _join(pieces: list[str], separator: str, limit: int) -> list[str]:
    """Pieces (each within `limit`) joined greedily into as few strings within `limit` as fit."""
    joined: list[str] = []
    current = ""
    for piece in pieces:
        candidate = f"{current}{separator}{piece}" if current else piece
        if len(candidate) <= limit:
            current = candidate
        else:
            joined.append(current)
            current = piece
    if current:
        joined.append(current)
    return joined


def readable(p: Portrait, _: Translator) -> list[str]:
    """«📄 Что я о вас знаю» as messages, each within Telegram's limit, in the reader's language."""
    head = _("mdr-title") + "\n" + _("mdr-intro", date=_date(p.now, p.timezone))
    sections = [
        head,
        _profile(p, _),
        _roles(p, _),
        _diagnosis(p, _),
        _route(p, _),
        _mentoring(p, _),
        _events(p, _),
        _surveys(p, _),
        _consent(p, _),
        _rest(p, _),
    ]
    return pack(sections)

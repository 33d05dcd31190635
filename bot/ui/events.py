"""Screens of events: the list and card for teachers, reminders and the digest; the staff wizard,
the preview that shows exactly what teachers get, and the event's management card."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup

from bot.callbacks import EventCD, EventStaffCD, MenuCD, Section
from bot.domain.events import Audience, EventKind, EventLevel, Registration
from bot.i18n import Translator
from bot.services.broadcasts import Delivery
from bot.ui.diagnosis import clip
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import Screen
from storage.models import Event, EventRegistration, User

PAGE = 6
KIND_MARK = {
    EventKind.SEMINAR: "🎓",
    EventKind.WEBINAR: "💻",
    EventKind.CONFERENCE: "🏛",
    EventKind.MASTERCLASS: "🛠",
    EventKind.ROUNDTABLE: "🗣",
    EventKind.INTERNSHIP: "🏫",
    EventKind.COURSE: "📚",
    EventKind.CONTEST: "🏆",
    EventKind.GRANT: "💰",
    EventKind.OTHER: "📌",
}


def when(moment: datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%d.%m.%Y %H:%M")


def when_short(moment: datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%d.%m %H:%M")


def mark(event: Event) -> str:
    return KIND_MARK.get(EventKind(event.kind), "📌")


def announcement(event: Event, _: Translator) -> str:
    """The message teachers get: the same text in the preview and in the broadcast."""
    lines = [
        _(
            "ev-announce-head",
            mark=mark(event),
            kind=_(f"ev-kind-{event.kind}"),
            level=_(f"ev-level-{event.level}"),
        ),
        f"<b>{escape(event.title)}</b>",
        "",
        _("ev-when", when=when(event.starts_at, event.timezone), zone=escape(event.timezone)),
    ]
    if event.ends_at:
        lines.append(_("ev-until", when=when(event.ends_at, event.timezone)))
    if event.place:
        lines.append(_("ev-place", place=escape(event.place)))
    if event.link:
        lines.append(_("ev-link", link=escape(event.link)))
    if event.deadline:
        lines.append(_("ev-deadline", when=when(event.deadline, event.timezone)))
    if event.capacity:
        lines.append(_("ev-capacity", capacity=event.capacity))
    if event.description:
        lines += ["", escape(event.description)]
    return clip("\n".join(lines), 1000 if event.image_file_id else 3900)


def announcement_keyboard(event: Event, _: Translator) -> InlineKeyboardMarkup:
    kb = Keyboard()
    kb.button(text=_("ev-btn-register"), callback_data=EventCD(action="reg", e=event.id))
    kb.button(text=_("ev-btn-more"), callback_data=EventCD(action="open", e=event.id))
    kb.adjust(2)
    return kb.as_markup()


# --- teachers ------------------------------------------------------------------------------------


def list_screen(
    events: list[Event], statuses: dict[int, str], kinds: list[str], kind: str, page: int, _: Translator
) -> Screen:
    pages = max(1, (len(events) + PAGE - 1) // PAGE)
    page = min(max(page, 0), pages - 1)
    chunk = events[page * PAGE : (page + 1) * PAGE]
    lines = [_("ev-list-title")]
    if kind:
        lines.append(_("ev-list-filter", kind=_(f"ev-kind-{kind}")))
    if not events:
        lines.append(_("ev-list-empty"))
    kb = Keyboard()
    for event in chunk:
        state = statuses.get(event.id)
        note = " ✅" if state == "registered" else " ⏳" if state == "waitlist" else ""
        lines.append(
            _(
                "ev-list-line",
                mark=mark(event),
                when=when_short(event.starts_at, event.timezone),
                title=escape(event.title),
            )
            + note
        )
        kb.button(
            text=f"{mark(event)} {when_short(event.starts_at, event.timezone)} {event.title[:40]}{note}",
            callback_data=EventCD(action="open", e=event.id, k=kind, p=page),
        )
    sizes = [1] * len(chunk)
    nav = kb.pager(page, pages, lambda n: EventCD(action="list", k=kind, p=n))
    if nav:
        sizes.append(nav)
    if pages > 1:
        lines.append(_("route-page", page=page + 1, pages=pages))
    filters = [k for k in kinds if k != kind][:6]
    for k in filters:
        kb.button(
            text=KIND_MARK[EventKind(k)] + " " + _(f"ev-kind-{k}"), callback_data=EventCD(action="list", k=k)
        )
    if kind:
        kb.button(text=_("ev-btn-all"), callback_data=EventCD(action="list"))
    filter_count = len(filters) + (1 if kind else 0)
    sizes += [2] * (filter_count // 2) + [1] * (filter_count % 2)
    kb.button(text=_("ev-btn-mine"), callback_data=EventCD(action="mine"))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    sizes += [1, 1]
    kb.adjust(*sizes)
    return clip("\n".join(lines)), kb.as_markup()


def card_screen(
    event: Event,
    row: EventRegistration | None,
    taken: int,
    state: Registration,
    can_route: bool,
    back: EventCD,
    _: Translator,
) -> Screen:
    lines = [announcement(event, _), ""]
    if event.capacity:
        lines.append(_("ev-seats", taken=taken, capacity=event.capacity))
    status = row.status if row is not None else None
    if event.status == "cancelled":
        lines.append(_("ev-cancelled"))
    elif status == "registered":
        lines.append(_("ev-you-registered"))
    elif status == "waitlist":
        lines.append(_("ev-you-waiting"))
    elif state is Registration.CLOSED:
        lines.append(_("ev-closed"))
    elif state is Registration.STARTED:
        lines.append(_("ev-started"))
    elif state is Registration.WAITLIST:
        lines.append(_("ev-full"))
    kb = Keyboard()
    if event.status != "cancelled":
        if status in ("registered", "waitlist") and state is not Registration.STARTED:
            kb.button(text=_("ev-btn-unregister"), callback_data=EventCD(action="unreg", e=event.id))
        elif status not in ("registered", "waitlist") and state is Registration.OPEN:
            kb.button(text=_("ev-btn-register"), callback_data=EventCD(action="reg", e=event.id))
        elif status not in ("registered", "waitlist") and state is Registration.WAITLIST:
            kb.button(text=_("ev-btn-waitlist"), callback_data=EventCD(action="reg", e=event.id))
        if status == "registered":
            kb.button(text=_("ev-btn-ics"), callback_data=EventCD(action="ics", e=event.id))
            if can_route and row is not None and row.route_step_id is None:
                kb.button(text=_("ev-btn-route"), callback_data=EventCD(action="route", e=event.id))
    if event.file_id:
        kb.button(text=_("ev-btn-file"), callback_data=EventCD(action="file", e=event.id))
    kb.button(text=_("btn-back"), callback_data=back)
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def mine_screen(rows: list[tuple[EventRegistration, Event]], _: Translator) -> Screen:
    lines = [_("ev-mine-title")]
    if not rows:
        lines.append(_("ev-mine-empty"))
    kb = Keyboard()
    for row, event in rows[:20]:
        note = "✅" if row.status == "registered" else "⏳"
        lines.append(
            _(
                "ev-list-line",
                mark=note,
                when=when_short(event.starts_at, event.timezone),
                title=escape(event.title),
            )
        )
        kb.button(
            text=f"{note} {when_short(event.starts_at, event.timezone)} {event.title[:40]}",
            callback_data=EventCD(action="open", e=event.id, k="mine"),
        )
    kb.button(text=_("btn-back"), callback_data=EventCD(action="list"))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def reminder(event: Event, kind: str, _: Translator) -> Screen:
    kb = Keyboard()
    if kind == "feedback":
        for value in range(1, 6):
            kb.button(text="★" * value, callback_data=EventCD(action="rate", e=event.id, p=value))
        kb.adjust(5)
        return _("ev-feedback-prompt", title=escape(event.title)), kb.as_markup()
    kb.button(text=_("ev-btn-more"), callback_data=EventCD(action="open", e=event.id))
    key = "ev-remind-day" if kind == "day" else "ev-remind-hour"
    text = _(key, title=escape(event.title), when=when(event.starts_at, event.timezone))
    if event.link:
        text += "\n" + _("ev-link", link=escape(event.link))
    elif event.place:
        text += "\n" + _("ev-place", place=escape(event.place))
    return text, kb.as_markup()


def digest(events: list[Event], _: Translator) -> Screen:
    lines = [_("ev-digest-title"), ""]
    kb = Keyboard()
    for event in events:
        lines.append(
            _(
                "ev-list-line",
                mark=mark(event),
                when=when_short(event.starts_at, event.timezone),
                title=escape(event.title),
            )
        )
        kb.button(text=f"{mark(event)} {event.title[:50]}", callback_data=EventCD(action="open", e=event.id))
    lines += ["", _("ev-digest-off-hint")]
    kb.button(text=_("ev-btn-digest-off"), callback_data=EventCD(action="digest_off"))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


# --- staff --------------------------------------------------------------------------------------


def staff_home(events: list[Event], _: Translator) -> Screen:
    lines = [_("es-title")]
    kb = Keyboard()
    kb.button(text=_("es-btn-new"), callback_data=EventStaffCD(action="new"))
    if not events:
        lines.append(_("es-none"))
    for event in events[:15]:
        status_mark = _("es-status-mark-" + event.status)
        kb.button(
            text=f"{status_mark} {when_short(event.starts_at, event.timezone)} {event.title[:36]}",
            callback_data=EventStaffCD(action="card", e=event.id),
        )
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return "\n".join(lines), kb.as_markup()


def kind_prompt(_: Translator) -> Screen:
    kb = Keyboard()
    for kind in EventKind:
        kb.button(
            text=f"{KIND_MARK[kind]} {_(f'ev-kind-{kind.value}')}",
            callback_data=EventStaffCD(action="kind", v=kind.value),
        )
    kb.button(text=_("route-btn-cancel"), callback_data=EventStaffCD(action="home"))
    kb.adjust(2, 2, 2, 2, 2, 1)
    return _("es-kind-prompt"), kb.as_markup()


def level_prompt(_: Translator) -> Screen:
    kb = Keyboard()
    for level in EventLevel:
        kb.button(
            text=_(f"ev-level-{level.value}"), callback_data=EventStaffCD(action="level", v=level.value)
        )
    kb.button(text=_("route-btn-cancel"), callback_data=EventStaffCD(action="home"))
    kb.adjust(2, 2, 1)
    return _("es-level-prompt"), kb.as_markup()


def text_prompt(key: str, event_id: int, _: Translator, *, skip: str | None = None, **args: object) -> Screen:
    kb = Keyboard()
    if skip:
        kb.button(text=_("add-note-skip"), callback_data=EventStaffCD(action=skip, e=event_id))
    kb.button(
        text=_("route-btn-cancel"),
        callback_data=EventStaffCD(action="card", e=event_id) if event_id else EventStaffCD(action="home"),
    )
    kb.adjust(1)
    return _(key, **args), kb.as_markup()


def length_prompt(event_id: int, _: Translator) -> Screen:
    kb = Keyboard()
    for value in ("1", "2", "4", "8"):
        kb.button(
            text=_("es-length", hours=int(value)),
            callback_data=EventStaffCD(action="length", e=event_id, v=value),
        )
    kb.button(text=_("es-length-none"), callback_data=EventStaffCD(action="length", e=event_id, v="0"))
    kb.adjust(4, 1)
    return _("es-length-prompt"), kb.as_markup()


def deadline_prompt(event_id: int, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("es-deadline-day"), callback_data=EventStaffCD(action="deadline", e=event_id, v="day"))
    kb.button(text=_("es-deadline-none"), callback_data=EventStaffCD(action="deadline", e=event_id, v="none"))
    kb.adjust(1)
    return _("es-deadline-prompt"), kb.as_markup()


def capacity_prompt(event_id: int, _: Translator) -> Screen:
    kb = Keyboard()
    for value in ("20", "30", "50", "100"):
        kb.button(text=value, callback_data=EventStaffCD(action="cap", e=event_id, v=value))
    kb.button(text=_("es-capacity-none"), callback_data=EventStaffCD(action="cap", e=event_id, v="0"))
    kb.adjust(4, 1)
    return _("es-capacity-prompt"), kb.as_markup()


AudienceButton = Callable[[str, str], CallbackData]


def audience_screen(
    audience: Audience,
    count: int,
    municipalities: dict[int, str],
    titles: dict[str, str],
    _: Translator,
    button: AudienceButton,
    next_label: str = "es-btn-preview",
    *,
    note: str | None = None,
) -> Screen:
    """Who gets it, with a live count; `button(action, value)` makes each button's callback, so
    events and surveys share the screen. `note`: why the count is what it is."""
    parts = []
    if audience.everyone:
        parts.append(_("es-aud-everyone"))
    if audience.roles:
        parts.append(_("es-aud-roles", roles=", ".join(_(f"role-{r}") for r in audience.roles)))
    if audience.municipalities:
        parts.append(
            _(
                "es-aud-municipalities",
                names=escape(", ".join(municipalities.get(m, "?") for m in audience.municipalities)),
            )
        )
    if audience.subjects:
        parts.append(_("es-aud-subjects", names=", ".join(_(f"subject-{s}") for s in audience.subjects)))
    if audience.young:
        parts.append(_("es-aud-young"))
    if audience.areas:
        parts.append(_("es-aud-areas", names=escape(", ".join(titles.get(a, a) for a in audience.areas))))
    text = (
        _("es-aud-title")
        + "\n"
        + "\n".join("• " + p for p in parts)
        + "\n\n"
        + _("es-aud-count", count=count)
        + (f"\n{note}" if note else "")
    )
    kb = Keyboard()
    kb.button(text=_("es-aud-btn-roles"), callback_data=button("aud", "roles"))
    kb.button(text=_("es-aud-btn-municipalities"), callback_data=button("aud", "municipalities"))
    kb.button(text=_("es-aud-btn-subjects"), callback_data=button("aud", "subjects"))
    kb.button(text=_("es-aud-btn-areas"), callback_data=button("aud", "areas"))
    kb.button(
        text=("✅ " if audience.young else "") + _("es-aud-btn-young"), callback_data=button("young", "")
    )
    kb.button(text=_(next_label), callback_data=button("preview", ""))
    kb.adjust(2, 2, 1, 1)
    return text, kb.as_markup()


def options_screen(
    key: str, options: list[tuple[str, str]], chosen: set[str], _: Translator, button: AudienceButton
) -> Screen:
    kb = Keyboard()
    for value, label in options[:40]:
        kb.button(
            text=("✅ " if value in chosen else "") + label[:50],
            callback_data=button("opt", f"{key}.{value}"),
        )
    kb.button(text=_("es-btn-done"), callback_data=button("audience", ""))
    kb.adjust(2)
    return _(f"es-opt-{key}"), kb.as_markup()


def preview_screen(event: Event, count: int, _: Translator) -> Screen:
    text = (
        _("es-preview-title", count=count)
        + "\n\n"
        + "—" * 10
        + "\n"
        + announcement(event, _)
        + "\n"
        + "—" * 10
    )
    if event.image_file_id:
        text += "\n" + _("es-preview-image")
    kb = Keyboard()
    kb.button(text=_("es-btn-publish", count=count), callback_data=EventStaffCD(action="publish", e=event.id))
    kb.button(text=_("es-btn-schedule"), callback_data=EventStaffCD(action="schedule", e=event.id))
    kb.button(
        text=("✅ " if event.urgent else "") + _("es-btn-urgent"),
        callback_data=EventStaffCD(action="urgent", e=event.id),
    )
    kb.button(text=_("es-btn-audience"), callback_data=EventStaffCD(action="audience", e=event.id))
    kb.button(text=_("es-btn-delete-draft"), callback_data=EventStaffCD(action="drop", e=event.id))
    kb.adjust(1)
    return clip(text), kb.as_markup()


def staff_card(
    event: Event, stats: tuple[int, int, int, float | None], delivery: Delivery | None, _: Translator
) -> Screen:
    registered, waitlist, attended, rating = stats
    lines = [
        _("es-card-title", status=_(f"es-status-{event.status}")),
        f"<b>{escape(event.title)}</b>",
        _("ev-when", when=when(event.starts_at, event.timezone), zone=escape(event.timezone)),
        _("es-card-regs", registered=registered, waitlist=waitlist, attended=attended),
        _("es-card-rating", rating=round(rating, 2) if rating is not None else "—"),
    ]
    if event.publish_at and event.status == "scheduled":
        lines.append(_("es-card-scheduled", when=when(event.publish_at, event.timezone)))
    if delivery is not None:
        lines.append(
            _(
                "es-card-delivery",
                sent=delivery.sent,
                failed=delivery.failed + delivery.blocked,
                pending=delivery.pending,
                total=delivery.total,
            )
        )
    kb = Keyboard()
    if event.status in ("draft", "scheduled"):
        kb.button(text=_("es-btn-preview"), callback_data=EventStaffCD(action="preview", e=event.id))
    if event.status == "published":
        kb.button(text=_("es-btn-people"), callback_data=EventStaffCD(action="people", e=event.id))
        kb.button(text=_("es-btn-edit"), callback_data=EventStaffCD(action="edit", e=event.id))
        kb.button(text=_("es-btn-cancel-event"), callback_data=EventStaffCD(action="cancel", e=event.id))
        kb.button(text=_("es-btn-xlsx"), callback_data=EventStaffCD(action="xlsx", e=event.id))
    kb.button(text=_("btn-back"), callback_data=EventStaffCD(action="home"))
    kb.adjust(1)
    return "\n".join(lines), kb.as_markup()


def people_screen(
    event: Event, rows: list[tuple[EventRegistration, User]], over: bool, _: Translator
) -> Screen:
    """Who registered; once the event is `over`, a button each to mark who came."""
    lines = [_("es-people-title", count=len(rows))]
    kb = Keyboard()
    for row, user in rows[:40]:
        mark_ = "✅" if row.attended else "▫️"
        stars = f" ★{row.rating}" if row.rating else ""
        lines.append(f"{mark_ if over else '•'} {escape(user.full_name or '—')}{stars}")
        if over:
            kb.button(
                text=f"{mark_} {(user.full_name or '—')[:48]}",
                callback_data=EventStaffCD(action="attend", e=event.id, v=str(row.id)),
            )
    lines.append(_("es-people-hint" if over else "es-people-later"))
    kb.button(text=_("btn-back"), callback_data=EventStaffCD(action="card", e=event.id))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def edit_fields(event: Event, _: Translator) -> Screen:
    kb = Keyboard()
    for field in ("title", "description", "start", "place"):
        kb.button(
            text=_(f"es-edit-{field}"), callback_data=EventStaffCD(action="edit_field", e=event.id, v=field)
        )
    kb.button(text=_("btn-back"), callback_data=EventStaffCD(action="card", e=event.id))
    kb.adjust(2, 2, 1)
    return _("es-edit-prompt"), kb.as_markup()


def change_notice(event: Event, _: Translator) -> str:
    return _("ev-changed") + "\n\n" + announcement(event, _)


def cancel_notice(event: Event, _: Translator) -> str:
    return _("ev-cancel-notice", title=escape(event.title), when=when(event.starts_at, event.timezone))

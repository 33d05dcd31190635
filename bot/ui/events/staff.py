"""Screens of events for staff: the list, the preview that shows exactly what teachers get, the
management card, the people and the edit fields. (The wizard's steps: `bot.ui.events.wizard`.)"""

from __future__ import annotations

from html import escape

from bot.callbacks import ContestStaffAction, ContestStaffCD, EventStaffAction, EventStaffCD, MenuCD, Section
from bot.domain.events import (
    UNPUBLISHED,
    EventKind,
    EventStatus,
)
from bot.i18n import Translator
from bot.services.broadcasts import Delivery
from bot.ui.announcements import home_buttons as announcement_entries
from bot.ui.diagnosis import clip
from bot.ui.events.common import announcement, when, when_short, zone_words
from bot.ui.events.wizard import preview_nav
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from bot.ui.wizard import with_nav
from storage.models import Event, EventRegistration, User


def staff_home(events: list[Event], _: Translator) -> Screen:
    lines = [_("es-title")]
    kb = Keyboard()
    kb.button(text=_("es-btn-new"), callback_data=EventStaffCD(action=EventStaffAction.NEW))
    for entry in announcement_entries(_):  # «📰 Новое объявление», «🗂 Мои объявления»
        kb.button(text=entry.text, callback_data=entry.callback_data or "")
    if not events:
        lines.append(_("es-none"))
    for event in events[:15]:
        status_mark = _("es-status-mark-" + event.status)
        kb.button(
            text=f"{status_mark} {when_short(event.starts_at, event.timezone)} {shorten(event.title, 36)}",
            callback_data=EventStaffCD(action=EventStaffAction.CARD, e=event.id),
        )
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1, 2, 1)
    return "\n".join(lines), kb.as_markup()


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
    kb.button(
        text=_("es-btn-publish", count=count),
        callback_data=EventStaffCD(action=EventStaffAction.PUBLISH, e=event.id),
    )
    kb.button(
        text=_("es-btn-schedule"), callback_data=EventStaffCD(action=EventStaffAction.SCHEDULE, e=event.id)
    )
    kb.button(
        text=("✅ " if event.urgent else "") + _("es-btn-urgent"),
        callback_data=EventStaffCD(action=EventStaffAction.URGENT, e=event.id),
    )
    kb.button(
        text=_("es-btn-delete-draft"), callback_data=EventStaffCD(action=EventStaffAction.DROP, e=event.id)
    )
    kb.adjust(1)
    return clip(text), with_nav(kb, preview_nav(event.id), _)


def staff_card(
    event: Event, stats: tuple[int, int, int, float | None], delivery: Delivery | None, _: Translator
) -> Screen:
    registered, waitlist, attended, rating = stats
    lines = [
        _("es-card-title", status=_(f"es-status-{event.status}")),
        f"<b>{escape(event.title)}</b>",
        _("ev-when", when=when(event.starts_at, event.timezone), zone=zone_words(event, _)),
        _("es-card-regs", registered=registered, waitlist=waitlist, attended=attended),
        _("es-card-rating", rating=round(rating, 2) if rating is not None else "—"),
    ]
    if event.publish_at and event.status is EventStatus.SCHEDULED:
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
    if event.status in UNPUBLISHED:
        kb.button(
            text=_("es-btn-preview"), callback_data=EventStaffCD(action=EventStaffAction.PREVIEW, e=event.id)
        )
    if event.status is EventStatus.PUBLISHED:
        kb.button(
            text=_("es-btn-people"), callback_data=EventStaffCD(action=EventStaffAction.PEOPLE, e=event.id)
        )
        kb.button(text=_("es-btn-edit"), callback_data=EventStaffCD(action=EventStaffAction.EDIT, e=event.id))
        kb.button(
            text=_("es-btn-cancel-event"),
            callback_data=EventStaffCD(action=EventStaffAction.CANCEL, e=event.id),
        )
        kb.button(text=_("es-btn-xlsx"), callback_data=EventStaffCD(action=EventStaffAction.XLSX, e=event.id))
    if event.kind is EventKind.CONTEST and event.status is not EventStatus.CANCELLED:  # part 11
        kb.button(
            text=_("ct-btn-staff"), callback_data=ContestStaffCD(action=ContestStaffAction.HOME, e=event.id)
        )
    kb.button(text=_("btn-back"), callback_data=EventStaffCD(action=EventStaffAction.HOME))
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
                text=f"{mark_} {shorten(user.full_name or '—', 48)}",
                callback_data=EventStaffCD(action=EventStaffAction.ATTEND, e=event.id, v=str(row.id)),
            )
    lines.append(_("es-people-hint" if over else "es-people-later"))
    kb.button(text=_("btn-back"), callback_data=EventStaffCD(action=EventStaffAction.CARD, e=event.id))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def edit_fields(event: Event, _: Translator) -> Screen:
    kb = Keyboard()
    for field in ("title", "description", "start", "place"):
        kb.button(
            text=_(f"es-edit-{field}"),
            callback_data=EventStaffCD(action=EventStaffAction.EDIT_FIELD, e=event.id, v=field),
        )
    kb.button(text=_("btn-back"), callback_data=EventStaffCD(action=EventStaffAction.CARD, e=event.id))
    kb.adjust(2, 2, 1)
    return _("es-edit-prompt"), kb.as_markup()

"""What teachers get: the announcement (the same in the preview and the broadcast), its buttons,
the notices of a change and a cancellation, and the dates as teachers read them."""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup

from bot.callbacks import EventAction, EventCD
from bot.delivery import Rendered, renders
from bot.domain.events import EventKind
from bot.i18n import Translator
from bot.services.broadcasts import Outgoing
from bot.services.events.service import SeatFreed
from bot.ui.broadcasts import markup_json
from bot.ui.diagnosis import clip
from bot.ui.keyboard import Keyboard
from bot.ui.zones import zone_text
from storage.models import Event

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


def zone_words(event: Event, _: Translator) -> str:
    """The event's time zone as people say it («по московскому времени», «МСК+2»), at its start."""
    return zone_text(_, event.timezone, event.starts_at)


def when_short(moment: datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%d.%m %H:%M")


def mark(event: Event) -> str:
    return KIND_MARK[event.kind]


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
        _("ev-when", when=when(event.starts_at, event.timezone), zone=zone_words(event, _)),
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
    return event_buttons(event.id, _)


def event_buttons(event_id: int, _: Translator) -> InlineKeyboardMarkup:
    kb = Keyboard()
    kb.button(text=_("ev-btn-register"), callback_data=EventCD(action=EventAction.REG, e=event_id))
    kb.button(text=_("ev-btn-more"), callback_data=EventCD(action=EventAction.OPEN, e=event_id))
    kb.adjust(2)
    return kb.as_markup()


@renders(SeatFreed)
def seat_freed(notice: SeatFreed, _: Translator) -> Rendered:
    """To the first on the waiting list when a seat is freed (in their language)."""
    return _("ev-promoted", title=escape(notice.title)), event_buttons(notice.event_id, _)


def change_notice(event: Event, _: Translator) -> str:
    return _("ev-changed") + "\n\n" + announcement(event, _)


def cancel_notice(event: Event, _: Translator) -> str:
    return _("ev-cancel-notice", title=escape(event.title), when=when(event.starts_at, event.timezone))


class TeacherAnnouncer:
    """`bot.services.events.staff.Announcer`: the broadcasts' texts in the teachers' language."""

    def __init__(self, _: Translator) -> None:
        self._ = _

    def announcement(self, event: Event) -> Outgoing:
        return Outgoing(announcement(event, self._), markup_json(announcement_keyboard(event, self._)))

    def change(self, event: Event) -> Outgoing:
        return Outgoing(change_notice(event, self._), markup_json(announcement_keyboard(event, self._)))

    def cancellation(self, event: Event) -> Outgoing:
        return Outgoing(cancel_notice(event, self._))

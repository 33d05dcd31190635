"""Screens of announcements for staff: the wizard's steps (each with «⬅️ Назад» and «✖️ Отмена»),
the audience picker, the panel under the preview, «Мои объявления» and an announcement's card."""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardButton

from bot.callbacks import AnnStaffAction, AnnStaffCD, EventStaffAction, EventStaffCD
from bot.domain.announcements import AnnouncementStatus, Attachment, buttons_of, headline
from bot.domain.events import BroadcastStatus
from bot.i18n import Translator
from bot.services.audience import AudienceView, ChoicesView
from bot.services.broadcasts import Delivery
from bot.ui.announcements.common import day
from bot.ui.audience import AudienceButtons, audience_screen, choices_screen
from bot.ui.diagnosis import clip
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from bot.ui.wizard import Nav
from bot.ui.zones import zone_text
from storage.models import Announcement, Broadcast

A = AnnStaffAction
MINE_PAGE = 8


def _cd(
    action: AnnStaffAction, announcement: Announcement | None = None, v: str = "", p: int = 0
) -> AnnStaffCD:
    return AnnStaffCD(action=action, a=announcement.id if announcement is not None else 0, v=v, p=p)


def _back_cancel(kb: Keyboard, announcement: Announcement | None, back: AnnStaffCD, _: Translator) -> None:
    kb.button(text=_("an-btn-back"), callback_data=back)
    kb.button(text=_("an-btn-cancel"), callback_data=_cd(A.CANCEL, announcement))


def home_buttons(_: Translator) -> list[InlineKeyboardButton]:
    """The two entries on «📣 Анонсы и объявления»."""
    return [
        InlineKeyboardButton(text=_("an-btn-new"), callback_data=_cd(A.NEW).pack()),
        InlineKeyboardButton(text=_("an-btn-mine"), callback_data=_cd(A.MINE).pack()),
    ]


# --- the wizard ------------------------------------------------------------------------------------


def text_prompt(announcement: Announcement | None, _: Translator) -> Screen:
    """The first step; back at it with a draft, the text so far and «оставить как есть»."""
    kb = Keyboard()
    if announcement is None:
        text = _("an-text-prompt")
    else:
        text = _("an-text-again", text=escape(shorten(announcement.text, 300)))
        kb.button(text=_("an-btn-keep-text"), callback_data=_cd(A.KEEP_TEXT, announcement))
    _back_cancel(kb, announcement, _cd(A.BACK, announcement, "home"), _)
    if announcement is not None:
        kb.adjust(1, 2)
    else:
        kb.adjust(2)
    return text, kb.as_markup()


def _attached(announcement: Announcement, _: Translator) -> list[str]:
    if announcement.file_kind is Attachment.PHOTO:
        return [_("an-file-photo")]
    if announcement.file_kind is Attachment.DOCUMENT:
        return [_("an-file-document", name=escape(announcement.file_name or "—"))]
    return []


def file_prompt(announcement: Announcement, _: Translator) -> Screen:
    kb = Keyboard()
    lines = [_("an-file-prompt"), *_attached(announcement, _)]
    kb.button(text=_("an-btn-next"), callback_data=_cd(A.FILE_NEXT, announcement))
    if announcement.file_id:
        kb.button(text=_("an-btn-file-drop"), callback_data=_cd(A.FILE_DROP, announcement))
    _back_cancel(kb, announcement, _cd(A.BACK, announcement, "text"), _)
    kb.adjust(2 if announcement.file_id else 1, 2)
    return "\n\n".join(lines), kb.as_markup()


def buttons_prompt(announcement: Announcement, _: Translator) -> Screen:
    current = buttons_of(announcement.buttons)
    lines = [*_attached(announcement, _), _("an-buttons-prompt")]
    if current:
        lines.append(_("an-buttons-now"))
        lines += [f"🔗 {escape(b.text)} — {escape(b.url)}" for b in current]
    kb = Keyboard()
    kb.button(text=_("an-btn-next"), callback_data=_cd(A.BUTTONS_NEXT, announcement))
    if current:
        kb.button(text=_("an-btn-buttons-clear"), callback_data=_cd(A.BUTTONS_CLEAR, announcement))
    _back_cancel(kb, announcement, _cd(A.BACK, announcement, "file"), _)
    kb.adjust(2 if current else 1, 2)
    return clip("\n".join(lines)), kb.as_markup()


def audience(view: AudienceView | ChoicesView, announcement: Announcement, _: Translator) -> Screen:
    """The events' picker, and under it «⬅️ Назад» (to the buttons) and «✖️ Отмена»."""
    buttons = AudienceButtons(AnnStaffCD, a=announcement.id)
    nav = Nav(back=_cd(A.BACK, announcement, "buttons"), cancel=_cd(A.CANCEL, announcement))
    if isinstance(view, ChoicesView):
        return choices_screen(view, _, buttons, nav=nav)
    note = _("an-no-reach") if view.nobody else None
    return audience_screen(view, _, buttons, note=note, nav=nav)


def preview_panel(announcement: Announcement, count: int, _: Translator) -> Screen:
    """Under the exact copy: how many get it, and what next."""
    kb = Keyboard()
    kb.button(text=_("an-btn-send", count=count), callback_data=_cd(A.SEND, announcement))
    kb.button(text=_("an-btn-schedule"), callback_data=_cd(A.SCHEDULE, announcement))
    _back_cancel(kb, announcement, _cd(A.AUDIENCE, announcement), _)
    kb.adjust(1, 1, 2)
    return _("an-preview", count=count), kb.as_markup()


def schedule_prompt(announcement: Announcement, now: datetime, _: Translator) -> Screen:
    kb = Keyboard()
    _back_cancel(kb, announcement, _cd(A.PREVIEW, announcement), _)
    kb.adjust(2)
    return _("an-schedule-prompt", zone=zone_text(_, announcement.timezone, now)), kb.as_markup()


# --- «Мои объявления» and the card ----------------------------------------------------------------


def state_of(announcement: Announcement, broadcast: Broadcast | None) -> str:
    """draft | scheduled | sending | sent | stopped."""
    if announcement.status is not AnnouncementStatus.SENT:
        return announcement.status.value
    if broadcast is None or broadcast.status is BroadcastStatus.DONE:
        return "sent"
    return "stopped" if broadcast.status is BroadcastStatus.STOPPED else "sending"


def _when_of(announcement: Announcement) -> datetime:
    return announcement.sent_at or announcement.send_at or announcement.created_at


def mine_screen(rows: list[tuple[Announcement, Broadcast | None]], page: int, _: Translator) -> Screen:
    pages = max(1, (len(rows) + MINE_PAGE - 1) // MINE_PAGE)
    page = min(max(page, 0), pages - 1)
    lines = [_("an-mine-title")]
    if not rows:
        lines.append(_("an-mine-empty"))
    kb = Keyboard()
    chunk = rows[page * MINE_PAGE : (page + 1) * MINE_PAGE]
    for announcement, broadcast in chunk:
        mark = _("an-mark-" + state_of(announcement, broadcast))
        when = day(_when_of(announcement), announcement.timezone)
        kb.button(
            text=f"{mark} {when} {shorten(headline(announcement.text), 36)}",
            callback_data=_cd(A.CARD, announcement, p=page),
        )
    sizes = [1] * len(chunk)
    nav = kb.pager(page, pages, lambda n: _cd(A.MINE, p=n))
    if nav:
        sizes.append(nav)
        lines.append(_("route-page", page=page + 1, pages=pages))
    kb.button(text=_("an-btn-back"), callback_data=EventStaffCD(action=EventStaffAction.HOME))
    sizes.append(1)
    kb.adjust(*sizes)
    return "\n".join(lines), kb.as_markup()


def _local(moment: datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%d.%m.%Y %H:%M")


def card_screen(
    announcement: Announcement,
    broadcast: Broadcast | None,
    delivery: Delivery | None,
    page: int,
    _: Translator,
) -> Screen:
    state = state_of(announcement, broadcast)
    tz = announcement.timezone
    lines = [
        _("an-card-title", status=_("an-status-" + state)),
        f"<i>{escape(shorten(headline(announcement.text), 200))}</i>",
    ]
    lines += _attached(announcement, _)
    links = len(buttons_of(announcement.buttons))
    if links:
        lines.append(_("an-card-links", count=links))
    if announcement.status is AnnouncementStatus.SCHEDULED and announcement.send_at is not None:
        lines.append(
            _(
                "an-card-scheduled",
                when=_local(announcement.send_at, tz),
                zone=zone_text(_, tz, announcement.send_at),
            )
        )
    if announcement.sent_at is not None:
        lines.append(
            _(
                "an-card-sent",
                when=_local(announcement.sent_at, tz),
                zone=zone_text(_, tz, announcement.sent_at),
            )
        )
    if delivery is not None:
        lines.append(
            _(
                "an-card-delivery",
                sent=delivery.sent,
                failed=delivery.failed + delivery.blocked,
                pending=delivery.pending,
                total=delivery.total,
            )
        )
    if state == "stopped":
        lines.append(_("an-card-stopped"))
    kb = Keyboard()
    if state == "sending":
        kb.button(text=_("bc-btn-stop"), callback_data=_cd(A.STOP, announcement, p=page))
        kb.button(text=_("an-btn-refresh"), callback_data=_cd(A.CARD, announcement, p=page))
    if state == "draft":
        kb.button(text=_("an-btn-resume"), callback_data=_cd(A.RESUME, announcement))
        kb.button(text=_("an-btn-drop"), callback_data=_cd(A.DROP, announcement, p=page))
    if state == "scheduled":
        kb.button(text=_("an-btn-unschedule"), callback_data=_cd(A.UNSCHEDULE, announcement, p=page))
    kb.button(text=_("an-btn-copy"), callback_data=_cd(A.COPY, announcement))
    kb.button(text=_("an-btn-to-list"), callback_data=_cd(A.MINE, p=page))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()

"""Screens of booking a consultation: the methodist's hours and the slot wizard, the teacher's list of
free times, a slot's card on each side, and the notices both get (booked, cancelled, reminders, held).

Times are the slot's: the methodist's municipality's zone, said as the app says it elsewhere
(«по московскому времени», «МСК+2»)."""

from __future__ import annotations

from datetime import datetime
from html import escape

from aiogram.types import InlineKeyboardMarkup

from bot.callbacks import BookAction, BookCD, MenuCD, Section, SlotAction, SlotCD
from bot.delivery import Rendered, renders
from bot.domain.consult_slots import DURATIONS, WEEKS, Mode, Outcome, SlotStatus, is_over
from bot.i18n import Translator
from bot.services.consult_slots import (
    BookingCancelled,
    Card,
    ConsultHeld,
    Counted,
    Describe,
    Draft,
    FreeList,
    MethodistHome,
    Mine,
    Published,
    SlotBooked,
    SlotCancelled,
    SlotReminder,
    SlotRow,
    StepChoice,
)
from bot.ui.events.common import when, when_short
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from bot.ui.zones import zone_text


def _when(moment: datetime, timezone: str) -> str:
    return when(moment, timezone)


def _zone(_: Translator, timezone: str, moment: datetime) -> str:
    return zone_text(_, timezone, moment)


def _when_line(moment: datetime, timezone: str, _: Translator) -> str:
    return _("cs-card-when", when=_when(moment, timezone), zone=_zone(_, timezone, moment))


def _where(slot: SlotRow, _: Translator, *, show_link: bool) -> str:
    if slot.link:
        return _("cs-where-online-link", link=escape(slot.link)) if show_link else _("cs-where-online")
    return _("cs-where-place", place=escape(slot.place or "—"))


def _menu(kb: Keyboard, _: Translator) -> None:
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))


# --- the methodist ---------------------------------------------------------------------------------------


def slots_home(home: MethodistHome, _: Translator, note: str | None = None) -> Screen:
    lines = [_("cs-home-title")]
    if note:
        lines.insert(0, note)
    kb = Keyboard()
    if home.to_mark:
        lines.append("")
        lines.append(_("cs-home-to-mark"))
        for slot in home.to_mark:
            who = escape(home.names.get(slot.teacher_id or 0, "—"))
            lines.append(_("cs-home-line-booked", when=_when(slot.starts_at, slot.timezone), teacher=who))
            kb.button(
                text=f"❔ {when_short(slot.starts_at, slot.timezone)} {shorten(who, 30)}",
                callback_data=SlotCD(action=SlotAction.OPEN, s=slot.id),
            )
    lines.append("")
    if not home.upcoming:
        lines.append(_("cs-home-empty"))
    else:
        lines.append(_("cs-home-upcoming", zone=_zone(_, home.timezone, home.upcoming[0].starts_at)))
    for slot in home.upcoming:
        when_text = _when(slot.starts_at, slot.timezone)
        if slot.status is SlotStatus.BOOKED:
            who = escape(home.names.get(slot.teacher_id or 0, "—"))
            lines.append(_("cs-home-line-booked", when=when_text, teacher=who))
            label = f"👤 {when_short(slot.starts_at, slot.timezone)} {shorten(who, 30)}"
        else:
            lines.append(_("cs-home-line-free", when=when_text, minutes=slot.minutes))
            label = f"🟢 {when_short(slot.starts_at, slot.timezone)} · " + _("cs-minutes", n=slot.minutes)
        kb.button(text=label, callback_data=SlotCD(action=SlotAction.OPEN, s=slot.id))
    kb.button(text=_("cs-btn-new"), callback_data=SlotCD(action=SlotAction.NEW))
    _menu(kb, _)
    return "\n".join(lines), kb.as_markup()


def _abort(kb: Keyboard, _: Translator) -> None:
    kb.button(text=_("btn-cancel"), callback_data=SlotCD(action=SlotAction.ABORT))


def ask_day(_: Translator, timezone: str, now: datetime, note: str | None = None) -> Screen:
    kb = Keyboard()
    _abort(kb, _)
    text = _("cs-ask-day", zone=_zone(_, timezone, now))
    return (f"{note}\n\n{text}" if note else text), kb.as_markup()


def ask_time(_: Translator, day: str, timezone: str, now: datetime, note: str | None = None) -> Screen:
    kb = Keyboard()
    _abort(kb, _)
    text = _("cs-ask-time", day=day, zone=_zone(_, timezone, now))
    return (f"{note}\n\n{text}" if note else text), kb.as_markup()


def ask_duration(_: Translator) -> Screen:
    kb = Keyboard()
    for minutes in DURATIONS:
        kb.button(
            text=_("cs-minutes", n=minutes), callback_data=SlotCD(action=SlotAction.DUR, v=str(minutes))
        )
    _abort(kb, _)
    kb.adjust(4, 1)
    return _("cs-ask-duration"), kb.as_markup()


def ask_mode(_: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("cs-btn-online"), callback_data=SlotCD(action=SlotAction.MODE, v=Mode.ONLINE.value))
    kb.button(text=_("cs-btn-place"), callback_data=SlotCD(action=SlotAction.MODE, v=Mode.PLACE.value))
    _abort(kb, _)
    kb.adjust(2, 1)
    return _("cs-ask-mode"), kb.as_markup()


def ask_where(_: Translator, mode: Mode, note: str | None = None) -> Screen:
    kb = Keyboard()
    _abort(kb, _)
    text = _("cs-ask-link") if mode is Mode.ONLINE else _("cs-ask-place")
    return (f"{note}\n\n{text}" if note else text), kb.as_markup()


def ask_topic(_: Translator, note: str | None = None) -> Screen:
    kb = Keyboard()
    kb.button(text=_("cs-btn-skip-topic"), callback_data=SlotCD(action=SlotAction.SKIP_TOPIC))
    _abort(kb, _)
    text = _("cs-ask-topic")
    return (f"{note}\n\n{text}" if note else text), kb.as_markup()


def preview(draft: Draft, _: Translator) -> Screen:
    lines = [
        _("cs-preview-title"),
        _(
            "cs-card-when",
            when=_when(draft.starts_at, draft.timezone),
            zone=_zone(_, draft.timezone, draft.starts_at),
        ),
        _("cs-card-minutes", minutes=draft.minutes),
        _("cs-where-online-link", link=escape(draft.link or ""))
        if draft.mode is Mode.ONLINE
        else _("cs-where-place", place=escape(draft.place or "")),
    ]
    if draft.topic:
        lines.append(_("cs-card-topic", topic=escape(draft.topic)))
    kb = Keyboard()
    for weeks in WEEKS:
        kb.button(
            text=_("cs-btn-publish", weeks=weeks),
            callback_data=SlotCD(action=SlotAction.PUBLISH, v=str(weeks)),
        )
    _abort(kb, _)
    return "\n".join(lines), kb.as_markup()


def published_note(result: Published, timezone: str, _: Translator) -> str:
    lines = [_("cs-published", count=len(result.created))]
    if result.skipped:
        lines.append(
            _("cs-published-skipped", times=", ".join(when_short(s, timezone) for s in result.skipped))
        )
    return "\n".join(lines)


def methodist_card(card: Card, _: Translator, note: str | None = None) -> Screen:
    slot = card.slot
    lines = [
        _("cs-card-title"),
        _(
            "cs-card-when",
            when=_when(slot.starts_at, slot.timezone),
            zone=_zone(_, slot.timezone, slot.starts_at),
        ),
        _("cs-card-minutes", minutes=slot.minutes),
        _where(slot, _, show_link=True),
    ]
    if slot.topic:
        lines.append(_("cs-card-topic", topic=escape(slot.topic)))
    lines.append(_status_line(slot, card, _, for_methodist=True))
    if note:
        lines.insert(0, note)
    kb = Keyboard()
    started = slot.starts_at <= card.now
    if slot.status is SlotStatus.BOOKED:
        kb.button(text=_("cs-btn-ics"), callback_data=SlotCD(action=SlotAction.ICS, s=slot.id))
        if slot.outcome is None and is_over(slot.starts_at, slot.minutes, card.now):
            kb.button(text=_("cs-btn-held"), callback_data=SlotCD(action=SlotAction.HELD, s=slot.id))
            kb.button(text=_("cs-btn-missed"), callback_data=SlotCD(action=SlotAction.MISSED, s=slot.id))
    if slot.status is not SlotStatus.CANCELLED and not started:
        kb.button(text=_("cs-btn-cancel-slot"), callback_data=SlotCD(action=SlotAction.CANCEL, s=slot.id))
    kb.button(text=_("cs-btn-back-home"), callback_data=SlotCD(action=SlotAction.HOME))
    return "\n".join(lines), kb.as_markup()


def _status_line(slot: SlotRow, card: Card, _: Translator, *, for_methodist: bool) -> str:
    if slot.status is SlotStatus.CANCELLED:
        return _("cs-status-cancelled")
    if slot.status is SlotStatus.OPEN:
        return _("cs-status-free")
    if slot.outcome is Outcome.HELD:
        return _("cs-status-held")
    if slot.outcome is Outcome.MISSED:
        return _("cs-status-missed")
    if for_methodist:
        return _("cs-status-booked-by", teacher=escape(card.teacher or "—"))
    return _("bk-status-mine") if card.teacher is not None else _("bk-status-taken")


def cancel_confirm(card: Card, _: Translator) -> Screen:
    slot = card.slot
    key = "cs-cancel-ask-booked" if slot.status is SlotStatus.BOOKED else "cs-cancel-ask"
    kb = Keyboard()
    kb.button(text=_("cs-btn-cancel-yes"), callback_data=SlotCD(action=SlotAction.CANCEL_YES, s=slot.id))
    kb.button(text=_("btn-back"), callback_data=SlotCD(action=SlotAction.OPEN, s=slot.id))
    return _(
        key, when=_when(slot.starts_at, slot.timezone), teacher=escape(card.teacher or "—")
    ), kb.as_markup()


# --- the teacher -------------------------------------------------------------------------------------------


def free_list(view: FreeList, _: Translator, note: str | None = None) -> Screen:
    lines = [_("bk-list-title")]
    if note:
        lines.insert(0, note)
    kb = Keyboard()
    if not view.slots:
        lines.append(_("bk-list-empty"))
    else:
        first = view.slots[0]
        lines.append(_("bk-list-zone", zone=_zone(_, first.timezone, first.starts_at)))
    for slot in view.slots:
        name = view.names.get(slot.methodist_id, "—")
        own = "⭐ " if slot.methodist_id == view.own_methodist else ""
        kb.button(
            text=f"{own}{when_short(slot.starts_at, slot.timezone)} · "
            + _("cs-minutes", n=slot.minutes)
            + f" · {shorten(name, 28)}",
            callback_data=BookCD(action=BookAction.OPEN, s=slot.id, p=view.page),
        )
    sizes = [1] * len(view.slots)
    nav = 0
    if view.page > 0:
        kb.button(text=_("btn-prev"), callback_data=BookCD(action=BookAction.LIST, p=view.page - 1))
        nav += 1
    if view.more:
        kb.button(text=_("btn-next"), callback_data=BookCD(action=BookAction.LIST, p=view.page + 1))
        nav += 1
    if nav:
        sizes.append(nav)
    if view.own_methodist is not None and any(s.methodist_id == view.own_methodist for s in view.slots):
        lines.append(_("bk-list-own"))
    kb.button(text=_("bk-btn-mine", count=view.mine), callback_data=BookCD(action=BookAction.MINE))
    _menu(kb, _)
    kb.adjust(*sizes, 1)
    return "\n".join(lines), kb.as_markup()


def teacher_card(card: Card, _: Translator, back_page: int = 0) -> Screen:
    slot = card.slot
    mine = slot.status is SlotStatus.BOOKED and slot.teacher_id is not None and card.teacher is not None
    lines = [
        _("bk-card-title", methodist=escape(card.methodist or "—")),
        _(
            "cs-card-when",
            when=_when(slot.starts_at, slot.timezone),
            zone=_zone(_, slot.timezone, slot.starts_at),
        ),
        _("cs-card-minutes", minutes=slot.minutes),
        _where(slot, _, show_link=mine),
    ]
    if slot.topic:
        lines.append(_("cs-card-topic", topic=escape(slot.topic)))
    lines.append(_status_line(slot, card, _, for_methodist=False))
    if card.note:
        lines.insert(0, _(card.note))
    kb = Keyboard()
    if slot.status is SlotStatus.OPEN and slot.starts_at > card.now:
        kb.button(text=_("bk-btn-take"), callback_data=BookCD(action=BookAction.TAKE, s=slot.id))
    if mine:
        if slot.starts_at > card.now:
            kb.button(text=_("cs-btn-ics"), callback_data=BookCD(action=BookAction.ICS, s=slot.id))
            kb.button(text=_("bk-btn-drop"), callback_data=BookCD(action=BookAction.DROP, s=slot.id))
        if slot.outcome is Outcome.HELD and slot.route_step_id is None:
            kb.button(text=_("bk-btn-route"), callback_data=BookCD(action=BookAction.ROUTE, s=slot.id))
    kb.button(text=_("bk-btn-back-list"), callback_data=BookCD(action=BookAction.LIST, p=back_page))
    kb.button(text=_("bk-btn-mine-short"), callback_data=BookCD(action=BookAction.MINE))
    kb.adjust(*([1] * 3), 2)
    return "\n".join(lines), kb.as_markup()


def drop_confirm(card: Card, _: Translator) -> Screen:
    slot = card.slot
    kb = Keyboard()
    kb.button(text=_("bk-btn-drop-yes"), callback_data=BookCD(action=BookAction.DROP_YES, s=slot.id))
    kb.button(text=_("btn-back"), callback_data=BookCD(action=BookAction.OPEN, s=slot.id))
    return _("bk-drop-ask", when=_when(slot.starts_at, slot.timezone)), kb.as_markup()


def mine_screen(view: Mine, _: Translator) -> Screen:
    lines = [_("bk-mine-title")]
    kb = Keyboard()
    if not view.slots:
        lines.append(_("bk-mine-empty"))
    for slot in view.slots:
        name = escape(view.names.get(slot.methodist_id, "—"))
        mark = "✅" if slot.outcome is Outcome.HELD else "✖️" if slot.outcome is Outcome.MISSED else "🗓"
        lines.append(f"{mark} {_when(slot.starts_at, slot.timezone)} — {name}")
        kb.button(
            text=f"{mark} {when_short(slot.starts_at, slot.timezone)} {shorten(name, 30)}",
            callback_data=BookCD(action=BookAction.OPEN, s=slot.id),
        )
    kb.button(text=_("bk-btn-back-list"), callback_data=BookCD(action=BookAction.LIST))
    _menu(kb, _)
    return "\n".join(lines), kb.as_markup()


def step_choice(choice: StepChoice, _: Translator) -> Screen:
    kb = Keyboard()
    if choice.add:
        kb.button(
            text=_("bk-btn-route-add"), callback_data=BookCD(action=BookAction.ROUTE_ADD, s=choice.slot.id)
        )
        kb.button(text=_("btn-back"), callback_data=BookCD(action=BookAction.OPEN, s=choice.slot.id))
        return _("bk-route-no-step"), kb.as_markup()
    for step in choice.steps:
        kb.button(
            text="💬 " + shorten(step.title, 50),
            callback_data=BookCD(action=BookAction.ROUTE, s=choice.slot.id, t=step.id),
        )
    kb.button(text=_("btn-back"), callback_data=BookCD(action=BookAction.OPEN, s=choice.slot.id))
    return _("bk-route-pick"), kb.as_markup()


def counted(result: Counted, _: Translator) -> Screen:
    key = "bk-route-counted-added" if result.added else "bk-route-counted"
    text = _(key, step=escape(result.step_title))
    if result.carried_out:
        text += "\n\n" + _("route-carried-out")
    kb = Keyboard()
    kb.button(text=_("bk-btn-open-route"), callback_data=MenuCD(section=Section.ROUTE))
    _menu(kb, _)
    return text, kb.as_markup()


def describe(_: Translator) -> Describe:
    """`ConsultSlotService.to_route`'s `describe`: a new step's title and the evidence's text."""

    def make(slot: SlotRow, methodist: str | None) -> tuple[str, str]:
        name = methodist or "—"
        title = _("bk-step-title", methodist=name)
        text = _(
            "bk-evidence-text",
            methodist=name,
            when=_when(slot.starts_at, slot.timezone),
            minutes=slot.minutes,
        )
        return title, text

    return make


def calendar_texts(
    slot: SlotRow, other: str | None, _: Translator, *, for_methodist: bool
) -> tuple[str, str]:
    """The .ics file's title and description."""
    key = "cs-ics-title-methodist" if for_methodist else "cs-ics-title-teacher"
    return _(key, name=other or "—"), slot.topic or ""


# --- notices -------------------------------------------------------------------------------------------


def _kb(*buttons: tuple[str, SlotCD | BookCD]) -> InlineKeyboardMarkup:
    kb = Keyboard()
    for text, data in buttons:
        kb.button(text=text, callback_data=data)
    return kb.as_markup()


@renders(SlotBooked)
def slot_booked(notice: SlotBooked, _: Translator) -> Rendered:
    text = _(
        "cs-notice-booked",
        teacher=escape(notice.teacher or "—"),
        when=_when(notice.starts_at, notice.timezone),
        zone=_zone(_, notice.timezone, notice.starts_at),
        minutes=notice.minutes,
    )
    return text, _kb(
        (_("cs-btn-ics"), SlotCD(action=SlotAction.ICS, s=notice.slot_id)),
        (_("cs-btn-open"), SlotCD(action=SlotAction.OPEN, s=notice.slot_id)),
    )


@renders(BookingCancelled)
def booking_cancelled(notice: BookingCancelled, _: Translator) -> Rendered:
    text = _(
        "cs-notice-released",
        teacher=escape(notice.teacher or "—"),
        when=_when(notice.starts_at, notice.timezone),
    )
    return text, _kb((_("cs-btn-back-home"), SlotCD(action=SlotAction.HOME)))


@renders(SlotCancelled)
def slot_cancelled(notice: SlotCancelled, _: Translator) -> Rendered:
    text = _(
        "bk-notice-cancelled",
        methodist=escape(notice.methodist or "—"),
        when=_when(notice.starts_at, notice.timezone),
    )
    return text, _kb((_("bk-btn-other-time"), BookCD(action=BookAction.LIST)))


@renders(SlotReminder)
def slot_reminder(notice: SlotReminder, _: Translator) -> Rendered:
    where = (
        _("cs-where-online-link", link=escape(notice.link))
        if notice.link
        else _("cs-where-place", place=escape(notice.place or "—"))
    )
    key = f"cs-remind-{notice.due}-{'methodist' if notice.for_methodist else 'teacher'}"
    text = _(
        key,
        name=escape(notice.other or "—"),
        when=_when(notice.starts_at, notice.timezone),
        zone=_zone(_, notice.timezone, notice.starts_at),
        minutes=notice.minutes,
    )
    button: tuple[str, SlotCD | BookCD] = (
        (_("cs-btn-open"), SlotCD(action=SlotAction.OPEN, s=notice.slot_id))
        if notice.for_methodist
        else (_("cs-btn-open"), BookCD(action=BookAction.OPEN, s=notice.slot_id))
    )
    return f"{text}\n{where}", _kb(button)


@renders(ConsultHeld)
def consult_held(notice: ConsultHeld, _: Translator) -> Rendered:
    text = _(
        "bk-notice-held",
        methodist=escape(notice.methodist or "—"),
        when=_when(notice.starts_at, notice.timezone),
    )
    return text, _kb((_("bk-btn-route"), BookCD(action=BookAction.ROUTE, s=notice.slot_id)))

"""Screens of events for teachers: the list, the card, their registrations, reminders and the digest."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bot.callbacks import ContestAction, ContestCD, EventAction, EventCD, MenuCD, Section
from bot.domain.contests import ContestResult
from bot.domain.events import (
    ACTIVE,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from bot.i18n import Translator
from bot.services.broadcasts import Outgoing
from bot.ui import contests as contests_ui
from bot.ui.announcements.teachers import digest_lines, news_button
from bot.ui.broadcasts import markup_json
from bot.ui.diagnosis import clip
from bot.ui.events.common import KIND_MARK, announcement, mark, when, when_short, zone_words
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from storage.models import Announcement, ContestStage, Event, EventRegistration

PAGE = 6


def list_screen(
    events: list[Event],
    statuses: dict[int, str],
    kinds: list[EventKind],
    kind: EventKind | None,
    page: int,
    _: Translator,
) -> Screen:
    pages = max(1, (len(events) + PAGE - 1) // PAGE)
    page = min(max(page, 0), pages - 1)
    chunk = events[page * PAGE : (page + 1) * PAGE]
    lines = [_("ev-list-title")]
    if kind is not None:
        lines.append(_("ev-list-filter", kind=_(f"ev-kind-{kind.value}")))
    if not events:
        lines.append(_("ev-list-empty"))
    kb = Keyboard()
    for event in chunk:
        state = statuses.get(event.id)
        note = (
            " ✅"
            if state == RegistrationStatus.REGISTERED
            else " ⏳"
            if state == RegistrationStatus.WAITLIST
            else ""
        )
        lines.append(
            _(
                "ev-list-line",
                mark=mark(event),
                when=when_short(event.starts_at, event.timezone),
                title=escape(event.title),
            )
            + note
        )
        title = shorten(event.title, 40)
        kb.button(
            text=f"{mark(event)} {when_short(event.starts_at, event.timezone)} {title}{note}",
            callback_data=EventCD(action=EventAction.OPEN, e=event.id, k=kind.value if kind else "", p=page),
        )
    sizes = [1] * len(chunk)
    nav = kb.pager(page, pages, lambda n: EventCD(action=EventAction.LIST, k=kind.value if kind else "", p=n))
    if nav:
        sizes.append(nav)
    if pages > 1:
        lines.append(_("route-page", page=page + 1, pages=pages))
    filters = [k for k in kinds if k is not kind][:6]
    for k in filters:
        kb.button(
            text=KIND_MARK[k] + " " + _(f"ev-kind-{k.value}"),
            callback_data=EventCD(action=EventAction.LIST, k=k.value),
        )
    if kind is not None:
        kb.button(text=_("ev-btn-all"), callback_data=EventCD(action=EventAction.LIST))
    filter_count = len(filters) + (1 if kind is not None else 0)
    sizes += [2] * (filter_count // 2) + [1] * (filter_count % 2)
    kb.button(text=_("ev-btn-mine"), callback_data=EventCD(action=EventAction.MINE))
    news = news_button(_)  # «📰 Новости»: announcements without an event
    kb.button(text=news.text, callback_data=news.callback_data or "")
    kb.button(text=_("ct-btn-mine"), callback_data=ContestCD(action=ContestAction.MINE))  # part 11
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    sizes += [2, 1, 1]
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
    *,
    stages: Sequence[ContestStage] = (),
    result: ContestResult | None = None,
) -> Screen:
    lines = [announcement(event, _), ""]
    if stages:  # a contest (part 11)
        lines += [*contests_ui.stage_lines(list(stages), _), ""]
    if result is not None:
        lines.append(_("ct-your-result", result=contests_ui.result_word(result, _)))
    if event.capacity:
        lines.append(_("ev-seats", taken=taken, capacity=event.capacity))
    status = row.status if row is not None else None
    if event.status is EventStatus.CANCELLED:
        lines.append(_("ev-cancelled"))
    elif status is RegistrationStatus.REGISTERED:
        lines.append(_("ev-you-registered"))
    elif status is RegistrationStatus.WAITLIST:
        lines.append(_("ev-you-waiting"))
    elif state is Registration.CLOSED:
        lines.append(_("ev-closed"))
    elif state is Registration.STARTED:
        lines.append(_("ev-started"))
    elif state is Registration.WAITLIST:
        lines.append(_("ev-full"))
    kb = Keyboard()
    if event.status is not EventStatus.CANCELLED:
        if status in ACTIVE and state is not Registration.STARTED:
            kb.button(
                text=_("ev-btn-unregister"), callback_data=EventCD(action=EventAction.UNREG, e=event.id)
            )
        elif status not in ACTIVE and state is Registration.OPEN:
            kb.button(text=_("ev-btn-register"), callback_data=EventCD(action=EventAction.REG, e=event.id))
        elif status not in ACTIVE and state is Registration.WAITLIST:
            kb.button(text=_("ev-btn-waitlist"), callback_data=EventCD(action=EventAction.REG, e=event.id))
        if status is RegistrationStatus.REGISTERED:
            kb.button(text=_("ev-btn-ics"), callback_data=EventCD(action=EventAction.ICS, e=event.id))
            if can_route and row is not None and row.route_step_id is None:
                kb.button(text=_("ev-btn-route"), callback_data=EventCD(action=EventAction.ROUTE, e=event.id))
            if event.kind is EventKind.CONTEST:  # part 11: the application, support before and after
                kb.button(
                    text=_("ct-btn-materials"),
                    callback_data=ContestCD(action=ContestAction.MATERIALS, e=event.id),
                )
                if result is None:
                    contests_ui.support_before(kb, event.id, _)
                else:
                    contests_ui.support_after(kb, event.id, _)
    if event.file_id:
        kb.button(text=_("ev-btn-file"), callback_data=EventCD(action=EventAction.FILE, e=event.id))
    kb.button(text=_("btn-back"), callback_data=back)
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def mine_screen(rows: list[tuple[EventRegistration, Event]], _: Translator) -> Screen:
    lines = [_("ev-mine-title")]
    if not rows:
        lines.append(_("ev-mine-empty"))
    kb = Keyboard()
    for row, event in rows[:20]:
        note = "✅" if row.status is RegistrationStatus.REGISTERED else "⏳"
        lines.append(
            _(
                "ev-list-line",
                mark=note,
                when=when_short(event.starts_at, event.timezone),
                title=escape(event.title),
            )
        )
        kb.button(
            text=f"{note} {when_short(event.starts_at, event.timezone)} {shorten(event.title, 40)}",
            callback_data=EventCD(action=EventAction.OPEN, e=event.id, k="mine"),
        )
    kb.button(text=_("btn-back"), callback_data=EventCD(action=EventAction.LIST))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def reminder(event: Event, kind: str, _: Translator) -> Screen:
    kb = Keyboard()
    if kind == "feedback":
        for value in range(1, 6):
            kb.button(text="★" * value, callback_data=EventCD(action=EventAction.RATE, e=event.id, p=value))
        kb.adjust(5)
        return _("ev-feedback-prompt", title=escape(event.title)), kb.as_markup()
    kb.button(text=_("ev-btn-more"), callback_data=EventCD(action=EventAction.OPEN, e=event.id))
    key = "ev-remind-day" if kind == "day" else "ev-remind-hour"
    text = _(
        key, title=escape(event.title), when=when(event.starts_at, event.timezone), zone=zone_words(event, _)
    )
    if event.link:
        text += "\n" + _("ev-link", link=escape(event.link))
    elif event.place:
        text += "\n" + _("ev-place", place=escape(event.place))
    return text, kb.as_markup()


def digest(events: list[Event], news: Sequence[Announcement], timezone: str, _: Translator) -> Screen:
    """Upcoming events not registered for, and the week's announcements (either may be empty)."""
    lines = [_("ev-digest-title"), ""] if events else []
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
        kb.button(
            text=f"{mark(event)} {shorten(event.title, 50)}",
            callback_data=EventCD(action=EventAction.OPEN, e=event.id),
        )
    if news:
        lines += ([""] if events else []) + digest_lines(news, timezone, _)
        more = news_button(_, from_digest=True)
        kb.button(text=more.text, callback_data=more.callback_data or "")
    lines += ["", _("ev-digest-off-hint")]
    kb.button(text=_("ev-btn-digest-off"), callback_data=EventCD(action=EventAction.DIGEST_OFF))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def reminder_message(event: Event, kind: str, _: Translator) -> Outgoing:
    text, markup = reminder(event, kind, _)
    return Outgoing(text, markup_json(markup))


def digest_message(
    events: list[Event], news: Sequence[Announcement], timezone: str, _: Translator
) -> Outgoing:
    """`timezone`: the reader's (the announcements' dates)."""
    text, markup = digest(events, news, timezone, _)
    return Outgoing(text, markup_json(markup))


def comment_prompt(event_id: int, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("mn-btn-no-comment"), callback_data=EventCD(action=EventAction.NO_COMMENT, e=event_id))
    return _("mn-comment-prompt"), kb.as_markup()

"""The event wizard's steps for staff, each with «⬅️ Назад» and «✖️ Отмена» (`bot.ui.wizard`): kind,
level, title, description, start, length or end, place, registration deadline, seats, a picture or
file. A step shown again (the person came back to it) shows its earlier answer («Сейчас: …», or the
chosen button ticked) and «↩️ Оставить как есть»; where a step can be skipped, «🧹 Убрать» clears an
earlier answer. Then the audience picker (`bot.ui.audience`) and the preview (`staff.preview_screen`).

Public API
----------
- `STEPS` — the steps in order; `AUDIENCE` — what follows the last one.
- `StepView(step, event, kind=None, level=None, again=False)` — what a step is shown with.
- `step_screen(view, _) -> Screen` — the step's prompt and buttons.
- `event_nav(event_id)` / `preview_nav(event_id)` — back and cancel of the picker and the preview.
- `wizard_cancelled(event, _)`, `edit_cancelled(event, _)`, `schedule_prompt(event, _)`,
  `edit_prompt(key, event, _)` — the ends of the wizard and its two later prompts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from html import escape

from bot.callbacks import EventStaffAction, EventStaffCD
from bot.domain.events import EventKind, EventLevel
from bot.i18n import Translator
from bot.ui.diagnosis import clip
from bot.ui.events.common import KIND_MARK, when, zone_words
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from bot.ui.wizard import Nav, cancelled, chosen, current, nav_screen, with_nav
from storage.models import Event

A = EventStaffAction
STEPS = ("kind", "level", "title", "description", "start", "end", "place", "deadline", "capacity", "media")
AUDIENCE = "audience"
LENGTHS = ("1", "2", "4", "8")
SEATS = ("20", "30", "50", "100")


@dataclass(frozen=True, slots=True)
class StepView:
    """A step as shown: `event` is the draft (None before the title makes it); `kind` and `level` are
    the choices kept before that; `again` — the step was answered before (the person came back)."""

    step: str
    event: Event | None
    kind: str | None = None
    level: str | None = None
    again: bool = False

    @property
    def event_id(self) -> int:
        return self.event.id if self.event is not None else 0


def after(step: str) -> str:
    """The step that follows `step` (the audience picker after the last one)."""
    index = STEPS.index(step)
    return STEPS[index + 1] if index + 1 < len(STEPS) else AUDIENCE


def _nav(view: StepView, *, keep: bool = False) -> Nav:
    index = STEPS.index(view.step)
    e = view.event_id
    back = EventStaffCD(action=A.STEP, e=e, v=STEPS[index - 1]) if index else EventStaffCD(action=A.HOME)
    return Nav(
        back=back,
        cancel=EventStaffCD(action=A.ABORT, e=e),
        keep=EventStaffCD(action=A.STEP, e=e, v=after(view.step)) if keep and view.again else None,
    )


def event_nav(event_id: int) -> Nav:
    """The audience picker of a draft: back to its last step, cancel."""
    return Nav(
        back=EventStaffCD(action=A.STEP, e=event_id, v=STEPS[-1]),
        cancel=EventStaffCD(action=A.ABORT, e=event_id),
    )


def preview_nav(event_id: int) -> Nav:
    """The preview: back to the audience, cancel."""
    return Nav(
        back=EventStaffCD(action=A.AUDIENCE, e=event_id), cancel=EventStaffCD(action=A.ABORT, e=event_id)
    )


def _with_current(text: str, view: StepView, value: str | None, _: Translator) -> str:
    if not view.again or value is None:
        return text
    return text + "\n\n" + current(value, _)


def _none(_: Translator) -> str:
    return _("wz-none")


def _skip(
    view: StepView, action: EventStaffAction, has_value: bool, _: Translator
) -> tuple[str, EventStaffCD]:
    """«Пропустить» the first time; «🧹 Убрать» when coming back to an answer that is there."""
    label = _("wz-btn-clear") if view.again and has_value else _("add-note-skip")
    return label, EventStaffCD(action=action, e=view.event_id)


def kind_prompt(view: StepView, _: Translator) -> Screen:
    mine = view.event.kind if view.event is not None else view.kind
    kb = Keyboard()
    for kind in EventKind:
        kb.button(
            text=chosen(f"{KIND_MARK[kind]} {_(f'ev-kind-{kind.value}')}", mine == kind.value),
            callback_data=EventStaffCD(action=A.KIND, e=view.event_id, v=kind.value),
        )
    kb.adjust(2)
    return _("es-kind-prompt"), with_nav(kb, _nav(view), _)


def level_prompt(view: StepView, _: Translator) -> Screen:
    mine = view.event.level if view.event is not None else view.level
    kb = Keyboard()
    for level in EventLevel:
        kb.button(
            text=chosen(_(f"ev-level-{level.value}"), mine == level.value),
            callback_data=EventStaffCD(action=A.LEVEL, e=view.event_id, v=level.value),
        )
    kb.adjust(2)
    return _("es-level-prompt"), with_nav(kb, _nav(view), _)


def _length_screen(view: StepView, _: Translator) -> Screen:
    event = view.event
    assert event is not None
    hours = None
    if view.again and event.ends_at is not None:
        span = event.ends_at - event.starts_at
        hours = str(int(span.total_seconds() // 3600)) if span.total_seconds() % 3600 == 0 else None
    kb = Keyboard()
    for value in LENGTHS:
        kb.button(
            text=chosen(_("es-length", hours=int(value)), hours == value),
            callback_data=EventStaffCD(action=A.LENGTH, e=event.id, v=value),
        )
    kb.button(
        text=chosen(_("es-length-none"), view.again and event.ends_at is None),
        callback_data=EventStaffCD(action=A.LENGTH, e=event.id, v="0"),
    )
    kb.adjust(4, 1)
    value = when(event.ends_at, event.timezone) if event.ends_at else _none(_)
    text = _with_current(_("es-length-prompt"), view, value, _)
    return text, with_nav(kb, _nav(view, keep=True), _)


def _deadline_screen(view: StepView, _: Translator) -> Screen:
    event = view.event
    assert event is not None
    day_before = event.deadline is not None and event.deadline == event.starts_at - timedelta(days=1)
    kb = Keyboard()
    kb.button(
        text=chosen(_("es-deadline-day"), view.again and day_before),
        callback_data=EventStaffCD(action=A.DEADLINE, e=event.id, v="day"),
    )
    kb.button(
        text=chosen(_("es-deadline-none"), view.again and event.deadline is None),
        callback_data=EventStaffCD(action=A.DEADLINE, e=event.id, v="none"),
    )
    kb.adjust(1)
    value = when(event.deadline, event.timezone) if event.deadline else _("es-deadline-none")
    text = _with_current(_("es-deadline-prompt"), view, value, _)
    return text, with_nav(kb, _nav(view, keep=True), _)


def _capacity_screen(view: StepView, _: Translator) -> Screen:
    event = view.event
    assert event is not None
    kb = Keyboard()
    for value in SEATS:
        kb.button(
            text=chosen(value, view.again and str(event.capacity or "") == value),
            callback_data=EventStaffCD(action=A.CAP, e=event.id, v=value),
        )
    kb.button(
        text=chosen(_("es-capacity-none"), view.again and not event.capacity),
        callback_data=EventStaffCD(action=A.CAP, e=event.id, v="0"),
    )
    kb.adjust(4, 1)
    value = str(event.capacity) if event.capacity else _("es-capacity-none")
    text = _with_current(_("es-capacity-prompt"), view, value, _)
    return text, with_nav(kb, _nav(view, keep=True), _)


def _typed_screen(view: StepView, _: Translator) -> Screen:
    """The steps where the person types (or sends a file): the prompt, its earlier answer, a skip."""
    event = view.event
    step = view.step
    if step == "title":
        value = escape(event.title) if event is not None else None
        return nav_screen(_with_current(_("es-title-prompt"), view, value, _), _nav(view, keep=True), _)
    assert event is not None
    if step == "start":
        zone = zone_words(event, _)
        value = f"{when(event.starts_at, event.timezone)} {zone}"
        text = _with_current(_("es-start-prompt", zone=zone), view, value, _)
        return nav_screen(text, _nav(view, keep=True), _)
    if step == "description":
        has = bool(event.description)
        value = escape(clip(event.description, 300)) if has else _none(_)
        text = _with_current(_("es-description-prompt"), view, value, _)
        return nav_screen(text, _nav(view, keep=True), _, _skip(view, A.SKIP_DESCRIPTION, has, _))
    if step == "place":
        has = bool(event.place or event.link)
        value = escape(shorten(event.place or event.link or "", 200)) if has else _none(_)
        text = _with_current(_("es-place-prompt"), view, value, _)
        return nav_screen(text, _nav(view, keep=True), _, _skip(view, A.SKIP_PLACE, has, _))
    has = bool(event.image_file_id or event.file_id)
    if event.image_file_id:
        value = _("wz-media-picture")
    elif event.file_id:
        value = _("wz-media-file", name=escape(event.file_name or "—"))
    else:
        value = _none(_)
    text = _with_current(_("es-media-prompt"), view, value, _)
    return nav_screen(text, _nav(view, keep=True), _, _skip(view, A.SKIP_MEDIA, has, _))


def step_screen(view: StepView, _: Translator) -> Screen:
    """The prompt of `view.step`, with back, cancel and (shown again) the earlier answer."""
    if view.step == "kind":
        return kind_prompt(view, _)
    if view.step == "level":
        return level_prompt(view, _)
    if view.step == "end":
        return _length_screen(view, _)
    if view.step == "deadline":
        return _deadline_screen(view, _)
    if view.step == "capacity":
        return _capacity_screen(view, _)
    return _typed_screen(view, _)


def schedule_prompt(event: Event, _: Translator) -> Screen:
    """When to publish: back to the preview, cancel."""
    nav = Nav(
        back=EventStaffCD(action=A.PREVIEW, e=event.id), cancel=EventStaffCD(action=A.ABORT, e=event.id)
    )
    return nav_screen(_("es-schedule-prompt", zone=zone_words(event, _)), nav, _)


def edit_prompt(key: str, event: Event, _: Translator) -> Screen:
    """A published event's field to type anew: back to the fields, cancel."""
    nav = Nav(back=EventStaffCD(action=A.EDIT, e=event.id), cancel=EventStaffCD(action=A.ABORT, e=event.id))
    return nav_screen(_(key, zone=zone_words(event, _)), nav, _)


def wizard_cancelled(event: Event | None, _: Translator) -> Screen:
    """The wizard cancelled: before the title nothing was made; after it the draft stays in the list
    (to come back to, or to delete here)."""
    home = (_("wz-btn-to-events"), EventStaffCD(action=A.HOME))
    if event is None:
        return cancelled(_("wz-event-cancelled"), _, back_to=home)
    drop = (_("es-btn-delete-draft"), EventStaffCD(action=A.DROP, e=event.id))
    note = _("wz-event-cancelled-draft", title=escape(shorten(event.title, 80)))
    return cancelled(note, _, back_to=home, extra=[drop])


def edit_cancelled(event: Event, _: Translator) -> Screen:
    back = (_("wz-btn-to-event"), EventStaffCD(action=A.CARD, e=event.id))
    return cancelled(_("wz-edit-cancelled"), _, back_to=back)

"""Back and cancel on every step of every wizard: the buttons, the typed-answer prompt, the screen a
cancelled wizard ends with, and the common cancel.

Every wizard (the event wizard, the survey launch, a route step, a mentoring meeting, an invite…)
builds its steps' keyboards with these, so «⬅️ Назад», «✖️ Отмена» and «↩️ Оставить как есть» look
and sit the same everywhere: the step's own buttons first, then «↩️ Оставить как есть» (when the
step was answered before), then «⬅️ Назад» and «✖️ Отмена» side by side, last.

Public API
----------
- `Nav(back=…, cancel=…, keep=…)` — a step's callback data for the three (None: no such button).
- `with_nav(keyboard, nav, _) -> InlineKeyboardMarkup` — the step's buttons and the navigation.
- `nav_screen(text, nav, _, *extra) -> Screen` — a step where the person types: the prompt, any
  `extra` (label, callback data) buttons, and the navigation.
- `current(value, _) -> str` — «Сейчас: …», under a step shown again, so its earlier answer is seen.
- `chosen(label, yes) -> str` — a button label with «✅ » when it is the earlier answer.
- `cancelled(note, _, *, back_to=None, extra=()) -> Screen` — where a cancelled wizard ends: a
  short note, any `extra` buttons, the way back to its section (`back_to`) and «🏠 В меню».
- `end_wizard(event, state, screen)` — the common cancel: the dialogue ends, `screen` is shown.
- `stale_tap(answer, _)` — a tap on a wizard's button that is no longer live (after a cancel, or
  from an older run): a short note with the tap's answer, nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from aiogram.filters.callback_data import CallbackData
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import MenuCD, Section
from bot.i18n import Translator
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import Screen, show

Button = tuple[str, CallbackData]


@dataclass(frozen=True, slots=True)
class Nav:
    """A step's navigation: each field the callback data of its button, or None for no button."""

    back: CallbackData | None = None
    cancel: CallbackData | None = None
    keep: CallbackData | None = None


def _button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def with_nav(keyboard: Keyboard | None, nav: Nav, _: Translator) -> InlineKeyboardMarkup:
    """The step's own buttons (as the keyboard lays them out), then the navigation rows."""
    rows = [list(row) for row in keyboard.as_markup().inline_keyboard] if keyboard is not None else []
    if nav.keep is not None:
        rows.append([_button(_("wz-btn-keep"), nav.keep)])
    last = []
    if nav.back is not None:
        last.append(_button(_("wz-btn-back"), nav.back))
    if nav.cancel is not None:
        last.append(_button(_("wz-btn-cancel"), nav.cancel))
    if last:
        rows.append(last)
    return InlineKeyboardMarkup(inline_keyboard=rows)


def nav_screen(text: str, nav: Nav, _: Translator, *extra: Button) -> Screen:
    """A prompt where the person types an answer: `extra` buttons (skip…) and back and cancel."""
    kb = Keyboard()
    for label, data in extra:
        kb.button(text=label, callback_data=data)
    kb.adjust(1)
    return text, with_nav(kb, nav, _)


def current(value: str, _: Translator) -> str:
    """«Сейчас: …» — the step's earlier answer, shown when the person comes back to it."""
    return _("wz-current", value=value)


def chosen(label: str, yes: bool) -> str:
    return ("✅ " + label) if yes else label


def cancelled(
    note: str, _: Translator, *, back_to: Button | None = None, extra: Iterable[Button] = ()
) -> Screen:
    """Where a cancelled wizard ends: what happened, and the ways on (its section, the menu)."""
    kb = Keyboard()
    for label, data in extra:
        kb.button(text=label, callback_data=data)
    if back_to is not None:
        kb.button(text=back_to[0], callback_data=back_to[1])
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return note, kb.as_markup()


async def end_wizard(event: Message | CallbackQuery, state: FSMContext, screen: Screen) -> None:
    """The common cancel: the dialogue is over (nothing typed next is taken for it), `screen` shows."""
    await state.clear()
    await show(event, screen)


def stale_tap(answer: CallbackAnswer, _: Translator) -> None:
    """A button of a wizard that is not going on any more: say so, change nothing."""
    answer.text = _("wz-stale")

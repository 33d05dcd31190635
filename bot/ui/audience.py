"""The audience picker's screens, for events and surveys alike (the data: `bot.services.audience`).

Public API
----------
- `AudienceButtons(TheCD, **ids)` — makes each button's callback data: `TheCD(action=step, v=value,
  **ids)`, e.g. `AudienceButtons(EventStaffCD, e=event.id)` or `AudienceButtons(SurveyStaffCD,
  c=campaign.id)`. `TheCD.action` must accept the `AudienceStep` values (its action enum has
  members with the same strings).
- `audience_screen(view, _, buttons, next_label="es-btn-preview", note=None, nav=None) -> Screen` —
  who gets it, with a live count; `note` (or, for a reach of nobody, «es-no-reach») under the count;
  `nav` — the wizard's «⬅️ Назад» and «✖️ Отмена» (`bot.ui.wizard.Nav`).
- `choices_screen(view, _, buttons, nav=None) -> Screen` — one part's choices, the chosen ones
  ticked; «✅ Готово» is the way back to the audience (each tap is kept at once), and `nav`'s cancel.
"""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram.filters.callback_data import CallbackData

from bot.i18n import Translator
from bot.services.audience import AudienceStep, AudienceView, ChoicesView, Option
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from bot.ui.wizard import Nav, with_nav


class AudienceButtons:
    """The callback data of the picker's buttons, for one callback class and one object."""

    def __init__(self, cd: type[CallbackData], **ids: Any) -> None:
        self.cd = cd
        self.ids = ids

    def __call__(self, step: AudienceStep, value: str = "") -> CallbackData:
        return self.cd(action=step.value, v=value, **self.ids)


def audience_screen(
    view: AudienceView,
    _: Translator,
    buttons: AudienceButtons,
    next_label: str = "es-btn-preview",
    *,
    note: str | None = None,
    nav: Nav | None = None,
) -> Screen:
    """Who gets it, with a live count. `note`: why the count is what it is."""
    audience = view.audience
    if note is None and view.nobody:
        note = _("es-no-reach")
    parts = []
    if audience.everyone:
        parts.append(_("es-aud-everyone"))
    if audience.roles:
        parts.append(_("es-aud-roles", roles=", ".join(_(f"role-{r}") for r in audience.roles)))
    if audience.municipalities:
        names = ", ".join(view.municipalities.get(m, "?") for m in audience.municipalities)
        parts.append(_("es-aud-municipalities", names=escape(names)))
    if audience.subjects:
        parts.append(_("es-aud-subjects", names=", ".join(_(f"subject-{s}") for s in audience.subjects)))
    if audience.young:
        parts.append(_("es-aud-young"))
    if audience.areas:
        parts.append(_("es-aud-areas", names=escape(", ".join(view.areas.get(a, a) for a in audience.areas))))
    if audience.groups:
        parts.append(_("tg-aud-groups", names=", ".join(_(f"tg-group-{g}") for g in audience.groups)))
    text = (
        _("es-aud-title")
        + "\n"
        + "\n".join("• " + p for p in parts)
        + "\n\n"
        + _("es-aud-count", count=view.count)
        + (f"\n{note}" if note else "")
    )
    kb = Keyboard()
    for key in ("roles", "municipalities", "subjects", "areas"):
        kb.button(text=_(f"es-aud-btn-{key}"), callback_data=buttons(AudienceStep.AUD, key))
    kb.button(text=_("tg-aud-btn-groups"), callback_data=buttons(AudienceStep.AUD, "groups"))
    kb.button(
        text=("✅ " if audience.young else "") + _("es-aud-btn-young"),
        callback_data=buttons(AudienceStep.YOUNG),
    )
    kb.button(text=_(next_label), callback_data=buttons(AudienceStep.PREVIEW))
    kb.adjust(2, 2, 1, 1, 1)
    return text, with_nav(kb, nav or Nav(), _)


def _label(option: Option, _: Translator) -> str:
    return option.label if option.label is not None else _(option.label_key or option.value)


def choices_screen(
    view: ChoicesView, _: Translator, buttons: AudienceButtons, nav: Nav | None = None
) -> Screen:
    kb = Keyboard()
    for option in view.options[:40]:
        kb.button(
            text=("✅ " if option.value in view.chosen else "") + shorten(_label(option, _), 50),
            callback_data=buttons(AudienceStep.OPT, f"{view.key.value}.{option.value}"),
        )
    kb.button(text=_("es-btn-done"), callback_data=buttons(AudienceStep.AUDIENCE))
    kb.adjust(2)
    # «⬅️ Назад» here would do what «✅ Готово» does: one button, and the wizard's cancel.
    cancel = Nav(cancel=nav.cancel) if nav is not None else Nav()
    return _(f"es-opt-{view.key.value}"), with_nav(kb, cancel, _)

"""The audience screens as they were before `bot/ui/audience` (kept for surveys_staff until it moves)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from aiogram.filters.callback_data import CallbackData

from bot.domain.events import Audience
from bot.i18n import Translator
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import Screen

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

"""What someone who gives no lessons meets at a teacher's section: a note and the way to say
that they do teach («🔁 Кем работаю» in the profile)."""

from __future__ import annotations

from bot.callbacks import MenuCD, ProfileAction, ProfileCD, Section
from bot.i18n import Translator
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import Screen


def not_teaching_screen(_: Translator) -> Screen:
    builder = Keyboard()
    builder.button(
        text=_("profile-edit-work"), callback_data=ProfileCD(action=ProfileAction.EDIT, field="work")
    )
    builder.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    builder.adjust(1)
    return _("teachers-only"), builder.as_markup()

"""/mydata screens: what to do after the file, and the confirmation of deletion."""

from __future__ import annotations

from bot.callbacks import MenuCD, MyDataAction, MyDataCD, Section
from bot.i18n import Translator
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import Screen


def actions_screen(_: Translator) -> Screen:
    builder = Keyboard()
    builder.button(text=_("md-delete"), callback_data=MyDataCD(action=MyDataAction.DELETE))
    builder.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    builder.adjust(1)
    return _("md-actions"), builder.as_markup()


def confirm_screen(_: Translator) -> Screen:
    builder = Keyboard()
    builder.button(text=_("md-delete-yes"), callback_data=MyDataCD(action=MyDataAction.DELETE_YES))
    builder.button(text=_("md-delete-no"), callback_data=MyDataCD(action=MyDataAction.BACK))
    builder.adjust(1)
    return _("md-delete-confirm"), builder.as_markup()

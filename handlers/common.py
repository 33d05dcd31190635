"""/start with invite deep links, the main menu and its groups, /help, /cancel, /language."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.types import CallbackQuery, Message

from bot.callbacks import LangCD, MenuCD, MenuGroupCD, Section
from bot.i18n import Translator
from bot.middlewares import prefs_context
from bot.turn import Turn
from bot.ui import registration as reg_screens
from bot.ui.menu import group_entries
from bot.ui.messaging import show
from bot.ui.registration.dialogue import (
    Reg,
    cancel_dialogue,
    current_step,
    dead_invite_text,
    invite_text,
    start_registration,
)
from bot.ui.screens import group_screen, help_screen, language_screen, main_menu

INVITE_PREFIX = "i-"


async def start(message: Message, command: CommandObject, turn: Turn, _: Translator) -> None:
    payload = (command.args or "").strip()
    invite = payload[len(INVITE_PREFIX) :] if payload.startswith(INVITE_PREFIX) else None
    if invite and (turn.user is None or turn.user.registered_at is None):
        # A link that cannot work is said now, not after the whole registration; registering
        # goes on without it.
        dead = await turn.services.accounts.dead_invite(invite)
        if dead is not None:
            await message.answer(dead_invite_text(dead, _))
            invite = None
    if turn.user is None:
        # Keep the invite through consent and registration; nothing else is stored yet.
        await turn.state.set_data({"invite": invite} if invite else {})
        await turn.state.set_state(Reg.consent)
        await show(message, reg_screens.consent_screen(_, welcome=True))
        return
    if turn.user.registered_at is None:
        if invite:
            await turn.state.update_data(invite=invite)
        await start_registration(message, turn.state, turn.services, _, resume=True)
        return
    await turn.state.clear()
    if invite:
        redeemed = await turn.services.accounts.redeem(turn.user, invite, turn.roles)
        shown = redeemed.roles  # a granted role shows at once
        if redeemed.invite is not None:
            await message.answer(invite_text(redeemed.invite, _))
        await show(message, main_menu(turn.user, shown, _, teaches=turn.teaches))
        return
    await show(message, main_menu(turn.user, turn.roles, _, teaches=turn.teaches))


async def menu(event: Message | CallbackQuery, turn: Turn, _: Translator) -> None:
    if await current_step(turn.state) is None:
        await turn.state.clear()
    await show(event, main_menu(turn.user, turn.roles, _, teaches=turn.teaches))


def _registered(turn: Turn) -> bool:
    return turn.user is not None and turn.user.registered_at is not None


async def menu_group(query: CallbackQuery, callback_data: MenuGroupCD, turn: Turn, _: Translator) -> None:
    """A group of the menu. Checked here, not only by hiding the button: a forged or old tap for a
    group none of whose entries the person has is refused (each entry's router checks again)."""
    entries = group_entries(
        callback_data.group, turn.roles, teaches=turn.teaches, registered=_registered(turn)
    )
    if not entries:
        turn.answer.text, turn.answer.show_alert = _("refused-role"), True
        return
    await show(query, group_screen(callback_data.group, entries, _))


async def help_screen_of(event: Message | CallbackQuery, turn: Turn, _: Translator) -> None:
    await show(event, help_screen(turn.user, turn.roles, _, teaches=turn.teaches))


async def language(event: Message | CallbackQuery, turn: Turn, _: Translator) -> None:
    await show(event, language_screen(turn.locale, turn.i18n.locales, _, in_profile=_registered(turn)))


async def cancel_command(message: Message, turn: Turn, _: Translator) -> None:
    await cancel_dialogue(message, turn.state, turn.user, turn.roles, _, turn.services.clock().year)


async def menu_register(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    if turn.user is None:
        await turn.state.set_state(Reg.consent)
        await show(query, reg_screens.consent_screen(_, welcome=True))
    elif turn.user.registered_at is None:
        await start_registration(query, turn.state, turn.services, _, resume=True)
    else:
        await show(query, main_menu(turn.user, turn.roles, _, teaches=turn.teaches))


async def set_language(query: CallbackQuery, callback_data: LangCD, turn: Turn) -> None:
    code = callback_data.code if callback_data.code in turn.i18n.locales else turn.i18n.default_locale
    if turn.user is not None:
        await turn.services.accounts.set_locale(turn.user, code)
    else:
        prefs = prefs_context(turn.state)
        if (await prefs.get_data()).get("locale") != code:
            await prefs.update_data(locale=code)
    _ = turn.i18n.get(code)
    if code == turn.locale:
        # The language already spoken: the screen stays as it is, the tap gets a word.
        turn.answer.text = _("lang-already")
        return
    text, markup = language_screen(code, turn.i18n.locales, _, in_profile=_registered(turn))
    await show(query, (_("lang-changed") + "\n\n" + text, markup))


def build_router() -> Router:
    router = Router(name=__name__)
    message, on = router.message.register, router.callback_query.register
    message(start, CommandStart())
    message(menu, Command("menu"))
    message(help_screen_of, Command("help"))
    message(language, Command("language"))
    message(cancel_command, Command("cancel"))
    on(menu, MenuCD.filter(F.section == Section.MAIN))
    on(menu_register, MenuCD.filter(F.section == Section.REGISTER))
    on(menu_group, MenuGroupCD.filter())
    on(help_screen_of, MenuCD.filter(F.section == Section.HELP))
    on(language, MenuCD.filter(F.section == Section.LANGUAGE))
    on(set_language, LangCD.filter())
    return router

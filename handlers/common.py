"""/start with invite deep links, the main menu, /help, /cancel, /language."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import LangCD, MenuCD, Section
from bot.context import User
from bot.domain.roles import Role
from bot.i18n import I18n, Translator
from bot.middlewares import prefs_context
from bot.services.container import Services
from bot.ui import registration as reg_screens
from bot.ui.messaging import show
from bot.ui.registration.dialogue import Reg, cancel_dialogue, current_step, invite_text, start_registration
from bot.ui.screens import help_screen, language_screen, main_menu

INVITE_PREFIX = "i-"


async def start(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    payload = (command.args or "").strip()
    invite = payload[len(INVITE_PREFIX) :] if payload.startswith(INVITE_PREFIX) else None
    if user is None:
        # Keep the invite through consent and registration; nothing else is stored yet.
        await state.set_data({"invite": invite} if invite else {})
        await state.set_state(Reg.consent)
        await show(message, reg_screens.consent_screen(_, welcome=True))
        return
    if user.registered_at is None:
        if invite:
            await state.update_data(invite=invite)
        await start_registration(message, state, services, _, resume=True)
        return
    await state.clear()
    if invite:
        redeemed = await services.accounts.redeem(user, invite, roles)
        roles = redeemed.roles  # a granted role shows at once
        if redeemed.invite is not None:
            await message.answer(invite_text(redeemed.invite, _))
    await show(message, main_menu(user, roles, _))


async def menu(
    event: Message | CallbackQuery,
    state: FSMContext,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    if await current_step(state) is None:
        await state.clear()
    await show(event, main_menu(user, roles, _))


async def help_screen_of(event: Message | CallbackQuery, roles: frozenset[Role], _: Translator) -> None:
    await show(event, help_screen(roles, _))


async def language(event: Message | CallbackQuery, locale: str, i18n: I18n, _: Translator) -> None:
    await show(event, language_screen(locale, i18n.locales, _))


async def cancel_command(
    message: Message,
    state: FSMContext,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    await cancel_dialogue(message, state, user, roles, _, services.clock().year)


async def menu_register(
    query: CallbackQuery,
    state: FSMContext,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    if user is None:
        await state.set_state(Reg.consent)
        await show(query, reg_screens.consent_screen(_, welcome=True))
    elif user.registered_at is None:
        await start_registration(query, state, services, _, resume=True)
    else:
        await show(query, main_menu(user, roles, _))


async def set_language(
    query: CallbackQuery,
    callback_data: LangCD,
    state: FSMContext,
    services: Services,
    user: User | None,
    locale: str,
    i18n: I18n,
    callback_answer: CallbackAnswer,
) -> None:
    code = callback_data.code if callback_data.code in i18n.locales else i18n.default_locale
    if user is not None:
        await services.accounts.set_locale(user, code)
    else:
        prefs = prefs_context(state)
        if (await prefs.get_data()).get("locale") != code:
            await prefs.update_data(locale=code)
    _ = i18n.get(code)
    if code == locale:
        # The language already spoken: the screen stays as it is, the tap gets a word.
        callback_answer.text = _("lang-already")
        return
    text, markup = language_screen(code, i18n.locales, _)
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
    on(help_screen_of, MenuCD.filter(F.section == Section.HELP))
    on(language, MenuCD.filter(F.section == Section.LANGUAGE))
    on(set_language, LangCD.filter())
    return router

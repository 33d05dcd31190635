"""/start with invite deep links, the main menu, /help, /cancel, /language."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import LangCD, MenuCD, Section
from bot.domain.roles import Role, parse_roles
from bot.domain.time import Clock
from bot.i18n import I18n, Translator
from bot.middlewares import prefs_context
from bot.ui import registration as reg_screens
from bot.ui.messaging import show
from bot.ui.screens import help_screen, language_screen, main_menu, profile_screen
from handlers.registration_flow import Reg, current_step, invite_result_text, start_registration
from storage.models import User
from storage.repositories import Repos

router = Router(name=__name__)

INVITE_PREFIX = "i-"


@router.message(CommandStart())
async def start(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
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
        await start_registration(message, state, repos, _, resume=True)
        return
    await state.clear()
    if invite:
        text = await invite_result_text(repos, user, invite, _, clock)
        roles = roles | parse_roles(r.role for r in user.roles)  # a granted role shows at once
        await message.answer(text)
    await show(message, main_menu(user, roles, _))


@router.message(Command("menu"))
async def menu_command(
    message: Message, state: FSMContext, user: User | None, roles: frozenset[Role], _: Translator
) -> None:
    if await current_step(state) is None:
        await state.clear()
    await show(message, main_menu(user, roles, _))


@router.message(Command("help"))
async def help_command(message: Message, roles: frozenset[Role], _: Translator) -> None:
    await show(message, help_screen(roles, _))


@router.message(Command("language"))
async def language_command(message: Message, locale: str, i18n: I18n, _: Translator) -> None:
    await show(message, language_screen(locale, i18n.locales, _))


@router.message(Command("cancel"))
async def cancel_command(
    message: Message,
    state: FSMContext,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
) -> None:
    await cancel_dialogue(message, state, user, roles, _, clock)


async def cancel_dialogue(
    event: Message | CallbackQuery,
    state: FSMContext,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    clock: Clock,
) -> None:
    """Stop whatever dialogue is going on; say what happened and where to go next."""
    raw = await state.get_state()
    data = await state.get_data()
    await state.clear()
    text, markup = main_menu(user, roles, _)
    if raw is None:
        await show(event, (_("cancel-nothing") + "\n\n" + text, markup))
        return
    if data.get("mode") == "edit" and user is not None:
        text, markup = profile_screen(user, _, clock().year)
        await show(event, (_("cancel-edit") + "\n\n" + text, markup))
        return
    if data.get("invite"):
        await state.set_data({"invite": data["invite"]})
    key = "cancel-registration" if raw.startswith(Reg.__name__) else "cancel-done"
    await show(event, (_(key) + "\n\n" + text, markup))


# --- menu buttons ----------------------------------------------------------------------------


@router.callback_query(MenuCD.filter(F.section == Section.MAIN))
async def menu_main(
    query: CallbackQuery, state: FSMContext, user: User | None, roles: frozenset[Role], _: Translator
) -> None:
    if await current_step(state) is None:
        await state.clear()
    await show(query, main_menu(user, roles, _))


@router.callback_query(MenuCD.filter(F.section == Section.REGISTER))
async def menu_register(
    query: CallbackQuery,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    if user is None:
        await state.set_state(Reg.consent)
        await show(query, reg_screens.consent_screen(_, welcome=True))
    elif user.registered_at is None:
        await start_registration(query, state, repos, _, resume=True)
    else:
        await show(query, main_menu(user, roles, _))


@router.callback_query(MenuCD.filter(F.section == Section.HELP))
async def menu_help(query: CallbackQuery, roles: frozenset[Role], _: Translator) -> None:
    await show(query, help_screen(roles, _))


@router.callback_query(MenuCD.filter(F.section == Section.LANGUAGE))
async def menu_language(query: CallbackQuery, locale: str, i18n: I18n, _: Translator) -> None:
    await show(query, language_screen(locale, i18n.locales, _))


@router.callback_query(LangCD.filter())
async def set_language(
    query: CallbackQuery,
    callback_data: LangCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    locale: str,
    i18n: I18n,
    callback_answer: CallbackAnswer,
) -> None:
    code = callback_data.code if callback_data.code in i18n.locales else i18n.default_locale
    if user is not None:
        if user.locale != code:
            await repos.users.update(user, locale=code)
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

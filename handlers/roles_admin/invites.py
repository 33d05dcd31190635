"""Invite links: the wizard (role → scope → uses → days), the list, revoking one."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import InviteAction, InviteCD
from bot.config import Settings
from bot.context import User
from bot.domain.roles import Role
from bot.filters import Actor
from bot.i18n import Translator
from bot.services.container import Services
from bot.services.role_admin import InviteRow, ScopeChoice
from bot.ui import admin as screens
from bot.ui.messaging import show


async def new_invite(
    event: Message | CallbackQuery,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    await show(event, screens.pick_role(services.roles.invite_roles(Actor(user, roles)), _))


async def invite_role(
    query: CallbackQuery,
    callback_data: InviteCD,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    choice = await services.roles.invite_role(Actor(user, roles), callback_data.role)
    if isinstance(choice, ScopeChoice):
        await show(query, screens.pick_scope(choice.role.value, choice.municipalities, _))
    else:
        await show(query, screens.pick_uses(choice.role.value, choice.scope, _))


async def invite_limits(
    query: CallbackQuery,
    callback_data: InviteCD,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    """After the scope, how many people; after that, how many days (the scope checked each time)."""
    role = services.roles.checked_role(Actor(user, roles), callback_data.role, callback_data.scope)
    if callback_data.action == InviteAction.SCOPE:
        await show(query, screens.pick_uses(role.value, callback_data.scope, _))
    else:
        await show(query, screens.pick_days(role.value, callback_data.scope, callback_data.uses, _))


async def invite_create(
    query: CallbackQuery,
    callback_data: InviteCD,
    bot: Bot,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
) -> None:
    created = await services.roles.create_invite(
        Actor(user, roles),
        query.from_user.id,
        callback_data.role,
        scope=callback_data.scope,
        uses=callback_data.uses,
        days=callback_data.days,
    )
    link = screens.invite_link((await bot.me()).username or "", created.invite)
    screen = screens.invite_created(created.invite, link, created.scope_name, settings.default_timezone, _)
    await show(query, screen)


async def invite_list(
    query: CallbackQuery,
    bot: Bot,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
) -> None:
    invites = await services.roles.active_invites(Actor(user, roles))
    username = (await bot.me()).username or ""
    await show(query, screens.invites_list(invites, username, settings.default_timezone, _))


async def invite_revoke(
    query: CallbackQuery,
    invite: InviteRow | None,
    bot: Bot,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    revoked, invites = await services.roles.revoke_invite(Actor(user, roles), invite)
    callback_answer.text = _("invite-revoke-done") if revoked else _("invite-already-gone")
    username = (await bot.me()).username or ""
    await show(query, screens.invites_list(invites, username, settings.default_timezone, _))

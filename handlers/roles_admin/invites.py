"""Invite links: the wizard (role → scope → uses → days), the list, revoking one."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from bot.callbacks import InviteAction, InviteCD
from bot.config import Settings
from bot.i18n import Translator
from bot.services.role_admin import InviteRow, ScopeChoice
from bot.turn import Turn
from bot.ui import admin as screens
from bot.ui.messaging import show


async def new_invite(event: Message | CallbackQuery, turn: Turn, _: Translator) -> None:
    await show(event, screens.pick_role(turn.services.roles.invite_roles(turn.actor), _))


async def invite_role(query: CallbackQuery, callback_data: InviteCD, turn: Turn, _: Translator) -> None:
    choice = await turn.services.roles.invite_role(turn.actor, callback_data.role)
    if isinstance(choice, ScopeChoice):
        await show(query, screens.pick_scope(choice.role.value, choice.municipalities, _))
    else:
        await show(query, screens.pick_uses(choice.role.value, choice.scope, _))


async def invite_limits(query: CallbackQuery, callback_data: InviteCD, turn: Turn, _: Translator) -> None:
    """After the scope, how many people; after that, how many days (the scope checked each time)."""
    role = turn.services.roles.checked_role(turn.actor, callback_data.role, callback_data.scope)
    if callback_data.action == InviteAction.SCOPE:
        await show(query, screens.pick_uses(role.value, callback_data.scope, _))
    else:
        await show(query, screens.pick_days(role.value, callback_data.scope, callback_data.uses, _))


async def invite_create(
    query: CallbackQuery, callback_data: InviteCD, turn: Turn, settings: Settings, _: Translator
) -> None:
    created = await turn.services.roles.create_invite(
        turn.actor,
        query.from_user.id,
        callback_data.role,
        scope=callback_data.scope,
        uses=callback_data.uses,
        days=callback_data.days,
    )
    link = screens.invite_link((await turn.bot.me()).username or "", created.invite)
    screen = screens.invite_created(created.invite, link, created.scope_name, settings.default_timezone, _)
    await show(query, screen)


async def invite_list(query: CallbackQuery, turn: Turn, settings: Settings, _: Translator) -> None:
    invites = await turn.services.roles.active_invites(turn.actor)
    username = (await turn.bot.me()).username or ""
    await show(query, screens.invites_list(invites, username, settings.default_timezone, _))


async def invite_revoke(
    query: CallbackQuery, invite: InviteRow | None, turn: Turn, settings: Settings, _: Translator
) -> None:
    revoked, invites = await turn.services.roles.revoke_invite(turn.actor, invite)
    turn.answer.text = _("invite-revoke-done") if revoked else _("invite-already-gone")
    username = (await turn.bot.me()).username or ""
    await show(query, screens.invites_list(invites, username, settings.default_timezone, _))

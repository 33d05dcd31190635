"""Invite links: the wizard (role → scope → uses → days), the list, revoking one.

Every step has «⬅️ Назад» and «✖️ Отмена». The wizard keeps nothing between taps: each button carries
every answer so far, so an old button only shows a step again — nothing is made before the last tap."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from bot.callbacks import InviteAction, InviteCD
from bot.config import Settings
from bot.i18n import Translator
from bot.services.role_admin import InviteRow, ScopeChoice
from bot.turn import Turn
from bot.ui import admin as screens
from bot.ui.messaging import show
from bot.ui.wizard import end_wizard


async def new_invite(
    event: Message | CallbackQuery, turn: Turn, _: Translator, callback_data: InviteCD | None = None
) -> None:
    """The role; «⬅️ Назад» from the next step ticks the role chosen before."""
    mine = callback_data.role if callback_data is not None else ""
    await show(event, screens.pick_role(turn.services.roles.invite_roles(turn.actor), _, mine))


async def invite_role(query: CallbackQuery, callback_data: InviteCD, turn: Turn, _: Translator) -> None:
    choice = await turn.services.roles.invite_role(turn.actor, callback_data.role)
    again = bool(callback_data.again)
    if isinstance(choice, ScopeChoice):
        mine = callback_data.scope if again else None
        await show(query, screens.pick_scope(choice.role.value, choice.municipalities, _, mine))
    elif again:
        # Back from the number of people, for a role with no scope to choose: the role again.
        roles = turn.services.roles.invite_roles(turn.actor)
        await show(query, screens.pick_role(roles, _, choice.role.value))
    else:
        await show(query, screens.pick_uses(choice.role.value, choice.scope, _))


async def invite_limits(query: CallbackQuery, callback_data: InviteCD, turn: Turn, _: Translator) -> None:
    """After the scope, how many people; after that, how many days (the scope checked each time)."""
    role = turn.services.roles.checked_role(turn.actor, callback_data.role, callback_data.scope)
    if callback_data.action == InviteAction.SCOPE:
        await show(query, screens.pick_uses(role.value, callback_data.scope, _, callback_data.uses))
    else:
        await show(query, screens.pick_days(role.value, callback_data.scope, callback_data.uses, _))


async def invite_cancel(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    """«✖️ Отмена»: no invite is made; the ways on are the roles screen and the menu."""
    await end_wizard(query, turn.state, screens.invite_cancelled(_))


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

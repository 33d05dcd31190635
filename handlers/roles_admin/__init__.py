"""Roles and invite links, for administrators and staff. The whole router is behind RoleGate."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command

from bot.callbacks import InviteAction, InviteCD, MenuCD, RolesAction, RolesCD, Section
from bot.domain.roles import MANAGERS
from bot.middlewares import RoleGate, gated
from handlers.roles_admin import invites, people
from handlers.roles_admin.filters import PersonInReach, RevocableInvite, RoleToTake


def build_router() -> Router:
    router = gated(__name__, RoleGate(MANAGERS))
    message, on = router.message.register, router.callback_query.register
    message(people.home, Command("roles"))
    on(people.home, MenuCD.filter(F.section == Section.ROLES))
    on(people.home, RolesCD.filter(F.action == RolesAction.HOME))
    message(invites.new_invite, Command("invite"))
    on(invites.new_invite, InviteCD.filter(F.action == InviteAction.NEW))
    on(invites.invite_role, InviteCD.filter(F.action == InviteAction.ROLE))
    on(invites.invite_limits, InviteCD.filter(F.action.in_({InviteAction.SCOPE, InviteAction.USES})))
    on(invites.invite_create, InviteCD.filter(F.action == InviteAction.DAYS))
    on(invites.invite_cancel, InviteCD.filter(F.action == InviteAction.CANCEL))
    on(invites.invite_list, InviteCD.filter(F.action == InviteAction.LIST))
    on(invites.invite_revoke, InviteCD.filter(F.action == InviteAction.REVOKE), RevocableInvite())
    on(people.people, RolesCD.filter(F.action == RolesAction.PEOPLE))
    on(people.person, RolesCD.filter(F.action == RolesAction.PERSON), PersonInReach())
    on(people.revoke_role, RolesCD.filter(F.action == RolesAction.REVOKE), RoleToTake())
    on(people.audit, RolesCD.filter(F.action == RolesAction.AUDIT))
    on(people.directory, MenuCD.filter(F.section == Section.DIRECTORY))
    return router

"""Roles and invite links, for administrators and staff. The whole router is behind RoleGate."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import InviteCD, MenuCD, RolesCD
from bot.config import Settings
from bot.context import Clock
from bot.domain.roles import MANAGERS, SCOPED_ROLES, Role, grantable_roles
from bot.i18n import I18n, Translator
from bot.middlewares import RoleGate
from bot.services import roles as role_service
from bot.ui import admin as screens
from bot.ui.messaging import show
from storage.repositories import Repos

log = logging.getLogger(__name__)
router = Router(name=__name__)
router.message.middleware(RoleGate(MANAGERS))
router.callback_query.middleware(RoleGate(MANAGERS))


@router.message(Command("roles"))
@router.callback_query(MenuCD.filter(F.section == "roles"))
@router.callback_query(RolesCD.filter(F.action == "home"))
async def home(event: Message | CallbackQuery, _: Translator) -> None:
    await show(event, screens.roles_home(_))


@router.message(Command("invite"))
@router.callback_query(InviteCD.filter(F.action == "new"))
async def new_invite(event: Message | CallbackQuery, roles: frozenset[Role], _: Translator) -> None:
    choices = [r for r in screens.MANAGED_ROLES if r in grantable_roles(roles)]
    await show(event, screens.pick_role(choices, _))


def _role(value: str) -> Role | None:
    return Role(value) if value in {r.value for r in Role} else None


@router.callback_query(InviteCD.filter(F.action == "role"))
async def invite_role(
    query: CallbackQuery,
    callback_data: InviteCD,
    repos: Repos,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    role = _role(callback_data.role)
    if role is None or role not in grantable_roles(roles):
        callback_answer.text, callback_answer.show_alert = _("refused-role"), True
        return
    if role in SCOPED_ROLES:
        municipalities, _total = await repos.directory.municipalities(limit=40)
        await show(query, screens.pick_scope(role.value, municipalities, _))
        return
    await show(query, screens.pick_uses(role.value, 0, _))


@router.callback_query(InviteCD.filter(F.action == "scope"))
async def invite_scope(query: CallbackQuery, callback_data: InviteCD, _: Translator) -> None:
    await show(query, screens.pick_uses(callback_data.role, callback_data.scope, _))


@router.callback_query(InviteCD.filter(F.action == "uses"))
async def invite_uses(query: CallbackQuery, callback_data: InviteCD, _: Translator) -> None:
    await show(query, screens.pick_days(callback_data.role, callback_data.scope, callback_data.uses, _))


@router.callback_query(InviteCD.filter(F.action == "days"))
async def invite_create(
    query: CallbackQuery,
    callback_data: InviteCD,
    bot: Bot,
    repos: Repos,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    role = _role(callback_data.role)
    scope = await repos.directory.municipality(callback_data.scope) if callback_data.scope else None
    try:
        if role is None:
            raise role_service.PermissionDenied(callback_data.role)
        invite = await role_service.create_invite(
            repos,
            roles,
            query.from_user.id,
            role,
            days=callback_data.days,
            uses=callback_data.uses,
            scope_municipality_id=scope.id if scope else None,
            now=clock(),
        )
    except (role_service.PermissionDenied, ValueError):
        callback_answer.text, callback_answer.show_alert = _("refused-role"), True
        return
    me = await bot.me()
    link = f"https://t.me/{me.username}?start=i-{invite.code}"
    log.info("user %s created invite %s for role %s", query.from_user.id, invite.id, invite.role)
    scope_name = scope.name if scope and role in SCOPED_ROLES else None
    await show(query, screens.invite_created(invite, link, scope_name, settings.default_timezone, _))


@router.callback_query(InviteCD.filter(F.action == "list"))
async def invite_list(
    query: CallbackQuery,
    bot: Bot,
    repos: Repos,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
) -> None:
    invites = await role_service.active_invites(repos, roles, clock())
    me = await bot.me()
    await show(query, screens.invites_list(invites, me.username or "", settings.default_timezone, _))


@router.callback_query(InviteCD.filter(F.action == "revoke"))
async def invite_revoke(
    query: CallbackQuery,
    callback_data: InviteCD,
    bot: Bot,
    repos: Repos,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        revoked = await role_service.revoke_invite(repos, roles, callback_data.id, clock())
    except role_service.PermissionDenied:
        callback_answer.text, callback_answer.show_alert = _("refused-role"), True
        return
    callback_answer.text = _("invite-revoke-done") if revoked else _("invite-already-gone")
    invites = await role_service.active_invites(repos, roles, clock())
    me = await bot.me()
    await show(query, screens.invites_list(invites, me.username or "", settings.default_timezone, _))


@router.callback_query(RolesCD.filter(F.action == "people"))
async def people(query: CallbackQuery, callback_data: RolesCD, repos: Repos, _: Translator) -> None:
    page = max(0, callback_data.page)
    users, total = await repos.users.with_roles(
        [r.value for r in screens.MANAGED_ROLES], offset=page * screens.PEOPLE_PAGE, limit=screens.PEOPLE_PAGE
    )
    await show(query, screens.people_list(users, page, total, _))


@router.callback_query(RolesCD.filter(F.action == "person"))
async def person(
    query: CallbackQuery,
    callback_data: RolesCD,
    repos: Repos,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    target = await repos.users.by_id(callback_data.user_id)
    if target is None:
        callback_answer.text = _("person-gone")
        return
    await show(query, screens.person_card(target, roles, callback_data.page, _))


@router.callback_query(RolesCD.filter(F.action == "revoke"))
async def revoke_role(
    query: CallbackQuery,
    callback_data: RolesCD,
    bot: Bot,
    repos: Repos,
    roles: frozenset[Role],
    i18n: I18n,
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    target = await repos.users.by_id(callback_data.user_id)
    role = _role(callback_data.role)
    if target is None or role is None:
        callback_answer.text = _("person-gone")
        return
    try:
        removed = await role_service.revoke(repos, roles, query.from_user.id, target, role)
    except role_service.PermissionDenied:
        callback_answer.text, callback_answer.show_alert = _("refused-role"), True
        return
    callback_answer.text = _("person-revoked", role=_(f"role-{role.value}")) if removed else None
    await show(query, screens.person_card(target, roles, callback_data.page, _))
    if removed:
        their = i18n.get(target.locale or i18n.default_locale)
        try:
            await bot.send_message(
                target.tg_id, their("role-revoked-notice", role=their(f"role-{role.value}"))
            )
        except TelegramAPIError as exc:
            log.info("could not tell user %s about the revoked role: %s", target.tg_id, exc)


@router.callback_query(RolesCD.filter(F.action == "audit"))
async def audit(query: CallbackQuery, repos: Repos, settings: Settings, _: Translator) -> None:
    await show(query, screens.audit_screen(await repos.audit.recent_named(20), settings.default_timezone, _))


@router.callback_query(MenuCD.filter(F.section == "directory"))
async def directory(query: CallbackQuery, repos: Repos, _: Translator) -> None:
    await show(
        query,
        screens.directory_screen(
            await repos.directory.count_municipalities(),
            await repos.directory.count_schools(),
            await repos.users.open_school_requests(),
            _,
        ),
    )

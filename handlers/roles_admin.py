"""Roles and invite links, for administrators and staff. The whole router is behind RoleGate."""

from __future__ import annotations

import logging

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import InviteAction, InviteCD, MenuCD, ReviewCD, RolesAction, RolesCD, Section
from bot.config import Settings
from bot.domain.roles import MANAGERS, SCOPED_ROLES, Role, grantable_roles
from bot.domain.time import Clock
from bot.i18n import I18n, Translator
from bot.middlewares import RoleGate
from bot.services import roles as role_service
from bot.services.routes import Handover
from bot.ui import admin as screens
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import notify, show
from bot.ui.routes import name_of
from storage.models import User
from storage.repositories import Repos

log = logging.getLogger(__name__)
router = Router(name=__name__)
router.message.middleware(RoleGate(MANAGERS))
router.callback_query.middleware(RoleGate(MANAGERS))


@router.message(Command("roles"))
@router.callback_query(MenuCD.filter(F.section == Section.ROLES))
@router.callback_query(RolesCD.filter(F.action == RolesAction.HOME))
async def home(event: Message | CallbackQuery, _: Translator) -> None:
    await show(event, screens.roles_home(_))


@router.message(Command("invite"))
@router.callback_query(InviteCD.filter(F.action == InviteAction.NEW))
async def new_invite(event: Message | CallbackQuery, roles: frozenset[Role], _: Translator) -> None:
    choices = [r for r in screens.MANAGED_ROLES if r in grantable_roles(roles)]
    await show(event, screens.pick_role(choices, _))


def _role(value: str) -> Role | None:
    return Role(value) if value in {r.value for r in Role} else None


def _refuse(answer: CallbackAnswer, exc: Exception, _: Translator) -> None:
    key = "roles-out-of-scope" if isinstance(exc, role_service.OutOfScope) else "refused-role"
    answer.text, answer.show_alert = _(key), True


def _checked_scope(callback_data: InviteCD, user: User | None, roles: frozenset[Role]) -> Role:
    """The wizard's role, if the actor may invite to it for the scope the button carries."""
    role = _role(callback_data.role)
    if role is None:
        raise role_service.PermissionDenied(callback_data.role)
    scope = callback_data.scope or None
    role_service.check_invite_scope(roles, role_service.staff_scope(user, roles), role, scope)
    return role


@router.callback_query(InviteCD.filter(F.action == InviteAction.ROLE))
async def invite_role(
    query: CallbackQuery,
    callback_data: InviteCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    role = _role(callback_data.role)
    if role is None or role not in grantable_roles(roles):
        callback_answer.text, callback_answer.show_alert = _("refused-role"), True
        return
    actor_scope = role_service.staff_scope(user, roles)
    if role in SCOPED_ROLES and actor_scope is None:
        municipalities, _total = await repos.directory.municipalities(limit=40)
        await show(query, screens.pick_scope(role.value, municipalities, _))
        return
    # Municipal staff have no choice: the invite is for their municipality.
    await show(query, screens.pick_uses(role.value, actor_scope or 0, _))


@router.callback_query(InviteCD.filter(F.action.in_({InviteAction.SCOPE, InviteAction.USES})))
async def invite_limits(
    query: CallbackQuery,
    callback_data: InviteCD,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    """After the scope, how many people; after that, how many days (the scope checked each time)."""
    try:
        role = _checked_scope(callback_data, user, roles)
    except role_service.PermissionDenied as exc:
        _refuse(callback_answer, exc, _)
        return
    if callback_data.action == "scope":
        await show(query, screens.pick_uses(role.value, callback_data.scope, _))
    else:
        await show(query, screens.pick_days(role.value, callback_data.scope, callback_data.uses, _))


@router.callback_query(InviteCD.filter(F.action == InviteAction.DAYS))
async def invite_create(
    query: CallbackQuery,
    callback_data: InviteCD,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    try:
        role = _checked_scope(callback_data, user, roles)
        invite = await role_service.create_invite(
            repos,
            roles,
            query.from_user.id,
            role,
            actor_scope=role_service.staff_scope(user, roles),
            days=callback_data.days,
            uses=callback_data.uses,
            scope_municipality_id=callback_data.scope or None,
            now=clock(),
        )
    except role_service.PermissionDenied as exc:
        _refuse(callback_answer, exc, _)
        return
    except ValueError:
        callback_answer.text, callback_answer.show_alert = _("refused-role"), True
        return
    scope = (
        await repos.directory.municipality(invite.scope_municipality_id)
        if invite.scope_municipality_id
        else None
    )
    me = await bot.me()
    link = f"https://t.me/{me.username}?start=i-{invite.code}"
    log.info("user %s created invite %s for role %s", query.from_user.id, invite.id, invite.role)
    scope_name = scope.name if scope and role in SCOPED_ROLES else None
    await show(query, screens.invite_created(invite, link, scope_name, settings.default_timezone, _))


@router.callback_query(InviteCD.filter(F.action == InviteAction.LIST))
async def invite_list(
    query: CallbackQuery,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
) -> None:
    invites = await role_service.active_invites(repos, roles, role_service.staff_scope(user, roles), clock())
    me = await bot.me()
    await show(query, screens.invites_list(invites, me.username or "", settings.default_timezone, _))


@router.callback_query(InviteCD.filter(F.action == InviteAction.REVOKE))
async def invite_revoke(
    query: CallbackQuery,
    callback_data: InviteCD,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    actor_scope = role_service.staff_scope(user, roles)
    try:
        revoked = await role_service.revoke_invite(repos, roles, actor_scope, callback_data.id, clock())
    except role_service.PermissionDenied as exc:
        _refuse(callback_answer, exc, _)
        return
    callback_answer.text = _("invite-revoke-done") if revoked else _("invite-already-gone")
    invites = await role_service.active_invites(repos, roles, actor_scope, clock())
    me = await bot.me()
    await show(query, screens.invites_list(invites, me.username or "", settings.default_timezone, _))


@router.callback_query(RolesCD.filter(F.action == RolesAction.PEOPLE))
async def people(
    query: CallbackQuery,
    callback_data: RolesCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    page = max(0, callback_data.page)
    users, total = await repos.users.with_roles(
        [r.value for r in screens.MANAGED_ROLES],
        offset=page * screens.PEOPLE_PAGE,
        limit=screens.PEOPLE_PAGE,
        municipality_id=role_service.staff_scope(user, roles),
        scoped_roles=[r.value for r in SCOPED_ROLES],
    )
    await show(query, screens.people_list(users, page, total, _))


@router.callback_query(RolesCD.filter(F.action == RolesAction.PERSON))
async def person(
    query: CallbackQuery,
    callback_data: RolesCD,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    target = await repos.users.by_id(callback_data.user_id)
    if target is None:
        callback_answer.text = _("person-gone")
        return
    actor_scope = role_service.staff_scope(user, roles)
    if not role_service.person_in_scope(target, actor_scope):
        callback_answer.text, callback_answer.show_alert = _("roles-out-of-scope"), True
        return
    revocable = role_service.revocable_roles(roles, actor_scope, target)
    await show(query, screens.person_card(target, revocable, callback_data.page, _))


@router.callback_query(RolesCD.filter(F.action == RolesAction.REVOKE))
async def revoke_role(
    query: CallbackQuery,
    callback_data: RolesCD,
    bot: Bot,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    i18n: I18n,
    _: Translator,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    target = await repos.users.by_id(callback_data.user_id)
    role = _role(callback_data.role)
    if target is None or role is None:
        callback_answer.text = _("person-gone")
        return
    actor_scope = role_service.staff_scope(user, roles)
    try:
        result = await role_service.revoke(
            repos, roles, actor_scope, query.from_user.id, target, role, clock()
        )
    except role_service.PermissionDenied as exc:
        _refuse(callback_answer, exc, _)
        return
    await repos.commit()
    callback_answer.text = _("person-revoked", role=_(f"role-{role.value}")) if result.removed else None
    note = screens.handover_note(result.handover, _) if result.handover else None
    revocable = role_service.revocable_roles(roles, actor_scope, target)
    await show(query, screens.person_card(target, revocable, callback_data.page, _, note=note))
    if not result.removed:
        return
    their = i18n.get(target.locale or i18n.default_locale)
    await notify(bot, target.tg_id, their("role-revoked-notice", role=their(f"role-{role.value}")))
    if result.handover is not None:
        await tell_handover(bot, i18n, result.handover)


async def tell_handover(bot: Bot, i18n: I18n, handover: Handover) -> None:
    """The new methodist gets the route waiting for review; its teacher learns who has it now."""
    for teacher, methodist, route in handover.rerouted:
        theirs = i18n.get(methodist.locale or i18n.default_locale)
        kb = Keyboard()
        kb.button(text=theirs("notice-btn-open"), callback_data=ReviewCD(action="route", r=route.id))
        text = theirs("notice-route-handed-over", name=name_of(teacher))
        await notify(bot, methodist.tg_id, text, kb.as_markup())
        theirs = i18n.get(teacher.locale or i18n.default_locale)
        await notify(bot, teacher.tg_id, theirs("notice-new-methodist", name=name_of(methodist)))


@router.callback_query(RolesCD.filter(F.action == RolesAction.AUDIT))
async def audit(
    query: CallbackQuery,
    repos: Repos,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
) -> None:
    entries = await repos.audit.recent_named(
        20,
        municipality_id=role_service.staff_scope(user, roles),
        scoped_roles=[r.value for r in SCOPED_ROLES],
    )
    await show(query, screens.audit_screen(entries, settings.default_timezone, _))


@router.callback_query(MenuCD.filter(F.section == Section.DIRECTORY))
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

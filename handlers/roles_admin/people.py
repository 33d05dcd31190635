"""People with roles: the list, a person's card, taking a role; the audit log; the directory."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import RolesCD
from bot.config import Settings
from bot.context import User
from bot.domain.roles import Role
from bot.filters import Actor
from bot.i18n import Translator
from bot.services.container import Services
from bot.services.role_admin import Revocation
from bot.ui import admin as screens
from bot.ui.messaging import show


async def home(event: Message | CallbackQuery, _: Translator) -> None:
    await show(event, screens.roles_home(_))


async def people(
    query: CallbackQuery,
    callback_data: RolesCD,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    page = max(0, callback_data.page)
    found, total = await services.roles.people(Actor(user, roles), page, screens.PEOPLE_PAGE)
    await show(query, screens.people_list(found, page, total, _))


async def person(
    query: CallbackQuery,
    callback_data: RolesCD,
    target: User,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
) -> None:
    card = services.roles.card(Actor(user, roles), target)
    await show(query, screens.card_screen(card, callback_data.page, _))


async def revoke_role(
    query: CallbackQuery,
    callback_data: RolesCD,
    revocation: Revocation,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    _: Translator,
    callback_answer: CallbackAnswer,
) -> None:
    card = await services.roles.revoke(Actor(user, roles), query.from_user.id, revocation)
    if card.removed is not None:
        callback_answer.text = _("person-revoked", role=_(f"role-{card.removed.value}"))
    await show(query, screens.card_screen(card, callback_data.page, _))


async def audit(
    query: CallbackQuery,
    services: Services,
    user: User | None,
    roles: frozenset[Role],
    settings: Settings,
    _: Translator,
) -> None:
    entries = await services.roles.audit(Actor(user, roles))
    await show(query, screens.audit_screen(entries, settings.default_timezone, _))


async def directory(query: CallbackQuery, services: Services, _: Translator) -> None:
    await show(query, screens.directory_screen(await services.roles.directory(), _))

"""People with roles: the list, a person's card, taking a role; the audit log; the directory."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from bot.callbacks import RolesCD
from bot.config import Settings
from bot.context import User
from bot.i18n import Translator
from bot.services.directory_upload import may_upload
from bot.services.role_admin import Revocation
from bot.turn import Turn
from bot.ui import admin as screens
from bot.ui.messaging import show


async def home(event: Message | CallbackQuery, _: Translator) -> None:
    await show(event, screens.roles_home(_))


async def people(query: CallbackQuery, callback_data: RolesCD, turn: Turn, _: Translator) -> None:
    page = max(0, callback_data.page)
    found, total = await turn.services.roles.people(turn.actor, page, screens.PEOPLE_PAGE)
    await show(query, screens.people_list(found, page, total, _))


async def person(
    query: CallbackQuery, callback_data: RolesCD, target: User, turn: Turn, _: Translator
) -> None:
    card = turn.services.roles.card(turn.actor, target)
    await show(query, screens.card_screen(card, callback_data.page, _))


async def revoke_role(
    query: CallbackQuery, callback_data: RolesCD, revocation: Revocation, turn: Turn, _: Translator
) -> None:
    card = await turn.services.roles.revoke(turn.actor, query.from_user.id, revocation)
    if card.removed is not None:
        turn.answer.text = _("person-revoked", role=_(f"role-{card.removed.value}"))
    await show(query, screens.card_screen(card, callback_data.page, _))


async def audit(query: CallbackQuery, turn: Turn, settings: Settings, _: Translator) -> None:
    entries = await turn.services.roles.audit(turn.actor)
    await show(query, screens.audit_screen(entries, settings.default_timezone, _))


async def directory(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    counts = await turn.services.roles.directory()
    await show(query, screens.directory_screen(counts, _, may_upload=may_upload(turn.roles)))

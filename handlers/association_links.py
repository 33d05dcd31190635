"""`/start a-<code>`: a leader's invite link to one association (before `common`, which takes every
other /start). A registered person becomes a leader of it at once; someone not registered yet is
asked to register first and open the link again."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.types import Message

from bot.i18n import Translator
from bot.turn import Turn
from bot.ui import associations as screens
from bot.ui.messaging import show
from bot.ui.screens import main_menu

PREFIX = "a-"


async def leader_link(message: Message, command: CommandObject, turn: Turn, _: Translator) -> None:
    code = (command.args or "").strip()[len(PREFIX) :]
    if turn.user is None or turn.user.registered_at is None:
        await message.answer(_("as-invite-register"))
        await show(message, main_menu(turn.user, turn.roles, _, teaches=turn.teaches))
        return
    await turn.state.clear()
    association = await turn.services.associations.redeem(turn.user, code[:32])
    await show(
        message,
        screens.back_to(association.id, _("as-invite-done", name=escape(association.name)), _),
    )


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(leader_link, CommandStart(deep_link=True, magic=F.args.startswith(PREFIX)))
    return router

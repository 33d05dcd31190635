"""/mydata: the person's own data as a JSON file, and deleting it (withdrawing consent).

Open to anyone with a row — also a teacher who consented but has not finished registering: what
is stored about them is theirs to see. Without a row there is nothing to show or delete, and a
stale button (data deleted from another device) says so instead of doing nothing.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.callbacks import MyDataCD
from bot.config import Settings
from bot.context import Clock
from bot.i18n import Translator
from bot.services import accounts, mydata
from bot.ui.messaging import show
from bot.ui.mydata import actions_screen, confirm_screen
from storage.models import User
from storage.repositories import Repos

router = Router(name=__name__)


async def _dialogue(state: FSMContext) -> dict[str, Any] | None:
    current, data = await state.get_state(), await state.get_data()
    return {"state": current, "data": data} if current or data else None


@router.message(Command("mydata"))
@router.callback_query(MyDataCD.filter(F.action == "show"))
async def send_export(
    event: Message | CallbackQuery,
    bot: Bot,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    settings: Settings,
    clock: Clock,
    _: Translator,
) -> None:
    document = None
    if user is not None:
        document = await mydata.export(
            repos, user, clock(), settings.default_timezone, dialogue=await _dialogue(state)
        )
    if user is None or document is None:
        key = "md-gone" if isinstance(event, CallbackQuery) else "md-nothing"
        await show(event, (_(key), None), edit=False)
        return
    await bot.send_document(
        user.tg_id, BufferedInputFile(document.content, filename=document.filename), caption=_("md-caption")
    )
    await show(event, actions_screen(_), edit=False)


@router.callback_query(MyDataCD.filter(F.action.in_({"delete", "back", "delete_yes"})))
async def deletion(
    query: CallbackQuery,
    callback_data: MyDataCD,
    state: FSMContext,
    repos: Repos,
    user: User | None,
    _: Translator,
) -> None:
    if user is None:
        await show(query, (_("md-gone"), None))
        return
    if callback_data.action == "delete":
        await show(query, confirm_screen(_))
    elif callback_data.action == "back":
        await show(query, actions_screen(_))
    else:
        await accounts.delete_person(repos, user)
        await state.clear()
        await show(query, (_("md-deleted"), None))

"""/mydata: the person's own data as a JSON file, and deleting it (withdrawing consent).

Open to anyone with a row — also a teacher who consented but has not finished registering: what
is stored about them is theirs to see. Someone without a row gets what the FSM storage keeps under
their id (the language chosen before consent, a conversation's step), if anything. A stale button
(data deleted from another device) says so instead of doing nothing.
"""

from __future__ import annotations

from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.callbacks import MyDataAction, MyDataCD
from bot.config import Settings
from bot.domain.time import Clock
from bot.i18n import Translator
from bot.middlewares import prefs_context
from bot.services import accounts, mydata
from bot.ui.messaging import show
from bot.ui.mydata import actions_screen, confirm_screen
from storage.models import User
from storage.repositories import Repos

router = Router(name=__name__)


async def _dialogue(state: FSMContext) -> dict[str, Any] | None:
    current, data = await state.get_state(), await state.get_data()
    return {"state": current, "data": data} if current or data else None


async def delete_person(repos: Repos, user: User, state: FSMContext) -> None:
    """Withdrawal of consent, wherever it is asked for: the rows, and everything the FSM storage
    (SQL or Redis) keeps under the person — the dialogue and the language chosen before consent."""
    await accounts.delete_person(repos, user)
    await state.clear()
    await prefs_context(state).clear()


@router.message(Command("mydata"))
@router.callback_query(MyDataCD.filter(F.action == MyDataAction.SHOW))
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
    dialogue, preferences = await _dialogue(state), await prefs_context(state).get_data()
    now = clock()
    if user is not None:
        document = await mydata.export(
            repos, user, now, settings.default_timezone, dialogue=dialogue, preferences=preferences
        )
        caption = _("md-caption")
    else:
        document = mydata.guest_export(now, settings.default_timezone, dialogue, preferences)
        caption = _("md-caption-guest")
    if document is None or event.from_user is None:
        key = "md-gone" if isinstance(event, CallbackQuery) else "md-nothing"
        await show(event, (_(key), None), edit=False)
        return
    await bot.send_document(
        event.from_user.id, BufferedInputFile(document.content, filename=document.filename), caption=caption
    )
    if user is not None:
        await show(event, actions_screen(_), edit=False)


@router.callback_query(
    MyDataCD.filter(F.action.in_({MyDataAction.DELETE, MyDataAction.BACK, MyDataAction.DELETE_YES}))
)
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
    if callback_data.action == MyDataAction.DELETE:
        await show(query, confirm_screen(_))
    elif callback_data.action == MyDataAction.BACK:
        await show(query, actions_screen(_))
    else:
        await delete_person(repos, user, state)
        await show(query, (_("md-deleted"), None))

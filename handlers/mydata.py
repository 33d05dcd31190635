"""/mydata: the person's own data — «📄 Что я о вас знаю» in sections, in their language, and the
same as a JSON file — and deleting it (withdrawing consent).

Open to anyone with a row — also a teacher who consented but has not finished registering: what
is stored about them is theirs to see. Someone without a row gets what the FSM storage keeps under
their id (the language chosen before consent, a conversation's step), if anything. A stale button
(data deleted from another device) says so instead of doing nothing.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.types import BufferedInputFile, CallbackQuery, Message

from bot.callbacks import MyDataAction, MyDataCD
from bot.i18n import Translator
from bot.middlewares import prefs_context
from bot.turn import Turn
from bot.ui.messaging import show
from bot.ui.mydata import actions_screen, confirm_screen, readable
from bot.ui.registration.dialogue import forget


async def send_export(event: Message | CallbackQuery, turn: Turn, _: Translator) -> None:
    current, data = await turn.state.get_state(), await turn.state.get_data()
    dialogue = {"state": current, "data": data} if current or data else None
    preferences = await prefs_context(turn.state).get_data()
    document = await turn.services.accounts.export(turn.user, dialogue, preferences)
    if document is None or event.from_user is None:
        key = "md-gone" if isinstance(event, CallbackQuery) else "md-nothing"
        await show(event, (_(key), None), edit=False)
        return
    if document.portrait is not None:
        for text in readable(document.portrait, _):
            await turn.bot.send_message(event.from_user.id, text)
    caption = _("md-caption") if turn.user is not None else _("md-caption-guest")
    file = BufferedInputFile(document.content, filename=document.filename)
    await turn.bot.send_document(event.from_user.id, file, caption=caption)
    if turn.user is not None:
        await show(event, actions_screen(_), edit=False)


async def deletion(query: CallbackQuery, callback_data: MyDataCD, turn: Turn, _: Translator) -> None:
    if turn.user is None:
        await show(query, (_("md-gone"), None))
    elif callback_data.action == MyDataAction.DELETE:
        await show(query, confirm_screen(_))
    elif callback_data.action == MyDataAction.BACK:
        await show(query, actions_screen(_))
    else:
        await turn.services.accounts.delete(turn.user)
        await forget(turn.state)
        await show(query, (_("md-deleted"), None))


def build_router() -> Router:
    router = Router(name=__name__)
    router.message.register(send_export, Command("mydata"))
    router.callback_query.register(send_export, MyDataCD.filter(F.action == MyDataAction.SHOW))
    deleting = {MyDataAction.DELETE, MyDataAction.BACK, MyDataAction.DELETE_YES}
    router.callback_query.register(deletion, MyDataCD.filter(F.action.in_(deleting)))
    return router

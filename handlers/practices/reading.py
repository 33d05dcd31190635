"""Reading the bank (everyone registered): its home, search by words, the newest, filters, a
practice's card and its files."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message

from bot.callbacks import PracticeAction, PracticeCD
from bot.domain.practice_bank import QUERY_MAX
from bot.i18n import Translator
from bot.turn import Turn
from bot.ui import practices as screens
from bot.ui.messaging import show
from handlers.practices.states import PracticeSearch
from storage.models import Practice

A = PracticeAction


async def home(query: CallbackQuery, turn: Turn, _: Translator) -> None:
    await turn.state.clear()
    await show(query, screens.home_screen(turn.person.teaches, _))


async def find(query: CallbackQuery, callback_data: PracticeCD, turn: Turn, _: Translator) -> None:
    code = screens.pack_filters(screens.unpack_filters(callback_data.v))
    await turn.state.set_state(PracticeSearch.words)
    await turn.state.update_data(code=code)
    await show(query, screens.find_prompt(code, _))


async def _results(
    target: CallbackQuery | Message, turn: Turn, words: str, code: str, page: int, _: Translator
) -> None:
    view = await turn.services.practices.search(words, screens.unpack_filters(code), page)
    await show(target, screens.list_screen(view, _))


async def got_words(message: Message, turn: Turn, _: Translator) -> None:
    words = " ".join((message.text or "").split())
    data = await turn.state.get_data()
    code = str(data.get("code", ".."))
    if len(words) > QUERY_MAX:
        await message.answer(_("pb-words-long", max=QUERY_MAX), reply_markup=screens.find_prompt(code, _)[1])
        return
    if not screens.words_of(words):
        await message.answer(_("pb-words-none"), reply_markup=screens.find_prompt(code, _)[1])
        return
    await turn.state.set_state(None)
    await turn.state.update_data(q=words)
    await _results(message, turn, words, code, 0, _)


async def need_words(message: Message, turn: Turn, _: Translator) -> None:
    code = str((await turn.state.get_data()).get("code", ".."))
    await message.answer(_("pb-words-none"), reply_markup=screens.find_prompt(code, _)[1])


async def listing(query: CallbackQuery, callback_data: PracticeCD, turn: Turn, _: Translator) -> None:
    await turn.state.set_state(None)
    if callback_data.action is A.NEWEST:
        await turn.state.update_data(q="")
    words = str((await turn.state.get_data()).get("q", ""))
    await _results(query, turn, words, callback_data.v, max(0, callback_data.n), _)


async def pick_filter(query: CallbackQuery, callback_data: PracticeCD, _: Translator) -> None:
    await show(query, screens.filter_screen(callback_data.p, callback_data.v, _))


async def card(
    query: CallbackQuery, callback_data: PracticeCD, turn: Turn, practice: Practice, _: Translator
) -> None:
    own = practice.author_id == turn.person.id
    if callback_data.v == "mine":
        back = screens.cd(A.MINE)
    else:
        code = screens.pack_filters(screens.unpack_filters(callback_data.v))
        back = screens.cd(A.LIST, v=code, n=callback_data.n)
    view = await turn.services.practices.card(practice)
    await show(query, screens.card_screen(view, own, back, _))


async def files(query: CallbackQuery, turn: Turn, practice: Practice, _: Translator) -> None:
    found = await turn.services.practices.files(practice)
    if not found:
        turn.answer.text = _("pb-no-files")
        return
    chat = query.from_user.id
    for index, row in enumerate(found, 1):
        caption = _("pb-file-caption", title=practice.title, number=index, count=len(found))
        if row.kind == "photo":
            await turn.bot.send_photo(chat, row.file_id, caption=caption[:1000], parse_mode=None)
        else:
            await turn.bot.send_document(chat, row.file_id, caption=caption[:1000], parse_mode=None)

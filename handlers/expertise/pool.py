"""Staff's expert pool: the list with loads, requests (approve, decline), an expert's card (pause,
resume, remove), the invite link, contests and their juries."""

from __future__ import annotations

from aiogram.types import CallbackQuery

from bot.callbacks import MenuCD, PoolAction, PoolCD
from bot.domain.practices import ExpertStatus
from bot.i18n import Translator
from bot.services.expertise.views import Desk
from bot.turn import Turn
from bot.ui.expertise import staff as screens
from bot.ui.messaging import show
from storage.models import Expert

TARGET = {
    PoolAction.PAUSE: ExpertStatus.PAUSED,
    PoolAction.RESUME: ExpertStatus.ACTIVE,
    PoolAction.REMOVE_YES: ExpertStatus.REMOVED,
}


async def home(
    query: CallbackQuery, callback_data: PoolCD | MenuCD, desk: Desk, turn: Turn, _: Translator
) -> None:
    page = callback_data.pg if isinstance(callback_data, PoolCD) else 0
    await show(query, screens.pool_screen(await turn.services.expertise.pool(desk, page), _))


async def requests(query: CallbackQuery, desk: Desk, turn: Turn, _: Translator) -> None:
    await show(query, screens.requests_screen(await turn.services.expertise.requests(desk), _))


async def decide(
    query: CallbackQuery, callback_data: PoolCD, desk: Desk, expert: Expert, turn: Turn, _: Translator
) -> None:
    service = turn.services.expertise
    if callback_data.action is PoolAction.APPROVE:
        await service.approve(desk, expert)
        turn.answer.text = _("xp-approved")
    else:
        await service.decline(desk, expert)
        turn.answer.text = _("xp-declined")
    await show(query, screens.requests_screen(await service.requests(desk), _))


async def card(query: CallbackQuery, expert: Expert, turn: Turn, _: Translator) -> None:
    service = turn.services.expertise
    found = await service.card(expert)
    await show(query, screens.card_screen(found, await service.place(expert), _))


async def change(
    query: CallbackQuery, callback_data: PoolCD, desk: Desk, expert: Expert, turn: Turn, _: Translator
) -> None:
    service = turn.services.expertise
    found = await service.set_status(desk, expert, TARGET[callback_data.action])
    await show(query, screens.card_screen(found, await service.place(expert), _))


async def ask_remove(query: CallbackQuery, expert: Expert, turn: Turn, _: Translator) -> None:
    await show(query, screens.remove_ask(await turn.services.expertise.card(expert), _))


async def invite(query: CallbackQuery, desk: Desk, turn: Turn, _: Translator) -> None:
    invited = await turn.services.expertise.invite(desk)
    link = f"https://t.me/{(await turn.bot.me()).username or ''}?start=i-{invited.code}"
    await show(query, screens.invite_screen(invited, link, _))


async def contests(query: CallbackQuery, desk: Desk, turn: Turn, _: Translator) -> None:
    await show(query, screens.contests_screen(await turn.services.expertise.contests(desk), _))


async def jury(query: CallbackQuery, callback_data: PoolCD, desk: Desk, turn: Turn, _: Translator) -> None:
    await show(query, screens.jury_screen(await turn.services.expertise.jury(desk, callback_data.ev), _))


async def toggle(
    query: CallbackQuery, callback_data: PoolCD, desk: Desk, expert: Expert, turn: Turn, _: Translator
) -> None:
    found = await turn.services.expertise.toggle_jury(desk, callback_data.ev, expert)
    await show(query, screens.jury_screen(found, _))

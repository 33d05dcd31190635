"""Which registration buttons and messages belong to the step the person is on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.filters import Filter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message, TelegramObject

from bot.callbacks import RegCD
from bot.ui.messaging import show
from bot.ui.registration import screens
from bot.ui.registration.dialogue import STATES, Reg


class RequireConsentRow(BaseMiddleware):
    """Every step after consent works on the person's row. If it is gone (data deleted meanwhile,
    from another device), the dialogue starts again from consent instead of failing."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        raw_state = data.get("raw_state")
        if data.get("user") is not None or raw_state is None or raw_state == Reg.consent.state:
            return await handler(event, data)
        state: FSMContext = data["state"]
        await state.set_state(Reg.consent)
        if isinstance(event, (Message, CallbackQuery)):
            await show(event, screens.consent_screen(data["_"], welcome=True), edit=False)
        return None


class CurrentStep(Filter):
    """The button belongs to the step the person is on now; older buttons go to the stale handler."""

    async def __call__(self, query: CallbackQuery, callback_data: RegCD, raw_state: str | None) -> bool:
        state = STATES.get(callback_data.step)
        return state is not None and state.state == raw_state

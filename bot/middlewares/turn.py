"""Puts the update's `Turn` (bot/turn.py) together for the handler, after the session, the person
and the tap's answer are known."""

from __future__ import annotations

from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject

from bot.context import Handler
from bot.turn import Turn


class TurnMiddleware(BaseMiddleware):
    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        state = data.get("state")
        if state is not None and "services" in data:
            data["turn"] = Turn(
                services=data["services"],
                state=state,
                user=data.get("user"),
                roles=data.get("roles", frozenset()),
                locale=data["locale"],
                i18n=data["i18n"],
                bot=data["bot"],
                callback_answer=data.get("callback_answer"),
            )
        return await handler(event, data)

"""One update as a handler sees it: `turn: Turn`.

A handler asks for the message or tap, its callback data, `turn`, the object its Owned filter
loaded and the translator `_` — nothing else. Everything the update carries besides (the services
bound to its database session, who is acting, their dialogue state and language, the bot, the
tap's answer) is here, put together once by `bot.middlewares.turn.TurnMiddleware`.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.utils.callback_answer import CallbackAnswer

from bot.domain.errors import Refusal
from bot.domain.roles import Role
from bot.filters import Actor
from bot.i18n import I18n
from bot.services.container import Services
from storage.models import User


@dataclass(frozen=True, slots=True)
class Turn:
    services: Services
    state: FSMContext
    user: User | None  # None before consent
    roles: frozenset[Role]
    locale: str
    i18n: I18n
    bot: Bot
    callback_answer: CallbackAnswer | None  # a tap's; None for a message

    @property
    def actor(self) -> Actor:
        """Who is acting, as services take it: their record and their roles."""
        return Actor(self.user, self.roles)

    @property
    def teaches(self) -> bool:
        """Gives lessons (or is not registered yet): the menu offers a teacher's sections."""
        return self.user is None or self.user.teaches

    @property
    def person(self) -> User:
        """The registered person, where a gate (RegisteredOnly, TeachersOnly, RoleGate) already let
        only them in."""
        if self.user is None:
            raise Refusal("refused-role")
        return self.user

    @property
    def answer(self) -> CallbackAnswer:
        """The tap's answer (its text, alert), sent once the handler is done."""
        if self.callback_answer is None:
            raise TypeError("a message has no callback answer")
        return self.callback_answer

"""Per-update plumbing, in the order the Dispatcher runs it (see `bot.app.create_dispatcher`):
anti-flood (`throttling`), one DB session and the acting person (`session`), every tap answered
(`answers`), the handler's `Turn` (`turn`); and the gates routers attach (`gates`)."""

from __future__ import annotations

from bot.middlewares.answers import SafeCallbackAnswer, TimelyAnswer
from bot.middlewares.gates import RegisteredOnly, RoleGate, TeachersOnly, gated
from bot.middlewares.session import (
    DbSessionMiddleware,
    SlowDownMiddleware,
    UserMiddleware,
    prefs_context,
)
from bot.middlewares.throttling import ThrottlingMiddleware
from bot.middlewares.turn import TurnMiddleware

__all__ = [
    "DbSessionMiddleware",
    "RegisteredOnly",
    "RoleGate",
    "SafeCallbackAnswer",
    "SlowDownMiddleware",
    "TeachersOnly",
    "ThrottlingMiddleware",
    "TimelyAnswer",
    "TurnMiddleware",
    "UserMiddleware",
    "gated",
    "prefs_context",
]

"""The update's unit of work and who is acting: one DB session (committed, or rolled back), the
current user, their roles and language; a long 429 that keeps what was done."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from datetime import timedelta
from typing import Any, cast

from aiogram import BaseMiddleware
from aiogram.exceptions import TelegramAPIError, TelegramRetryAfter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import StorageKey
from aiogram.types import TelegramObject
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.commit import Later, after_commit, committing
from bot.context import Handler, HandlerData, User, Wakeable
from bot.domain.time import utc_now
from bot.i18n import I18n
from bot.services.container import Services
from bot.services.roles import effective_roles
from bot.ui.screens import menu_button
from storage.fsm import SqlStorage
from storage.repositories import Repos
from storage.repositories.outbox import Recipient
from storage.repositories.screens import KeptEdit

log = logging.getLogger(__name__)


PREFS_DESTINY = "prefs"


def prefs_context(state: FSMContext) -> FSMContext:
    """Preferences of someone without a profile (language), kept apart from dialogue data."""
    key = state.key
    prefs_key = StorageKey(
        bot_id=key.bot_id,
        chat_id=key.user_id,
        user_id=key.user_id,
        destiny=PREFS_DESTINY,
    )
    return FSMContext(storage=state.storage, key=prefs_key)


class DbSessionMiddleware(BaseMiddleware):
    """One session per update: commit when the handler succeeds, roll back when it fails.

    With the SQL FSM storage the dialogue state is written in this same session, so a step and
    the answers it saved land (or fail) together.
    """

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self.sessionmaker = sessionmaker

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        async with self.sessionmaker() as session:
            repos = Repos(session)
            data["repos"] = repos
            outbox = data.get("outbox")
            wake = outbox.wake if outbox is not None else None
            data["services"] = Services.build(repos, data["settings"], data["clock"], data["i18n"], wake)
            state: FSMContext | None = data.get("state")
            bound = None
            if state is not None and isinstance(state.storage, SqlStorage):
                bound = state.storage.bind(session)
                data["state"] = FSMContext(storage=bound, key=state.key)
            made: list[KeptEdit] = []
            data["screen_edits"] = made
            later: list[Callable[[], Awaitable[object]]] = []
            try:
                with committing(later):
                    result = await handler(event, data)
                if bound is not None:
                    await bound.flush()
                user = data.get("user")
                if made and not (user is not None and repos.users.deleted(user)):
                    # Written last, so the update holds a write lock no longer than it must; not
                    # for someone who has just had their data deleted (their chat id goes too).
                    await repos.screens.keep(made, data.get("clock", utc_now)())
            except BaseException:
                await session.rollback()
                raise
            await session.commit()
            for action in later:
                try:
                    await action()
                except TelegramAPIError as exc:
                    log.info("a request after the commit failed: %s", type(exc).__name__)
            return result


class UserMiddleware(BaseMiddleware):
    """Loads the current user (None before consent), their roles and their language."""

    def __init__(self, i18n: I18n, admin_ids: Iterable[int]) -> None:
        self.i18n = i18n
        self.admin_ids = frozenset(admin_ids)

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        typed = cast(HandlerData, data)  # the keys and types handlers can rely on
        tg_user = typed.get("event_from_user")
        repos = typed["repos"]
        user = await repos.users.by_tg_id(tg_user.id) if tg_user is not None else None
        if tg_user is not None and (user is None or user.unreachable_at is not None):
            # Someone new, or back: what was kept for them while the bot could not write to them
            # (`OutboxStatus.HELD`) goes now. Nothing is held for the others: no lookup for them.
            await self._release_held(typed, tg_user.id, user)
        if user is not None and user.unreachable_at is not None:
            # They write to us, so they have unblocked the bot: messages may go to them again.
            await repos.users.update(user, unreachable_at=None)
        typed["user"] = user
        typed["roles"] = (
            effective_roles(user, tg_user.id, self.admin_ids) if tg_user is not None else frozenset()
        )
        locale = user.locale if user is not None else None
        if locale is None and tg_user is not None:
            state: FSMContext | None = data.get("state")
            if state is not None and user is None:
                locale = (await prefs_context(state).get_data()).get("locale")
            locale = locale or self.i18n.negotiate(tg_user.language_code)
        typed["locale"] = locale or self.i18n.default_locale
        typed["_"] = self.i18n.get(typed["locale"])
        return await handler(event, data)

    @staticmethod
    async def _release_held(data: HandlerData, chat_id: int, user: User | None) -> None:
        released = await data["repos"].outbox.release_held(
            chat_id, user.id if user is not None else None, data["clock"]()
        )
        outbox = data.get("outbox")
        if released and outbox is not None:
            await after_commit(_waking(outbox))


def _waking(outbox: Wakeable) -> Later:
    async def wake() -> None:
        outbox.wake()

    return wake


class SlowDownMiddleware(BaseMiddleware):
    """Telegram asked for a longer pause than a reply may sit out (a 429 beyond
    `bot.telegram.RETRY_WITHIN`; shorter ones are waited out by `RequestPolicy`): what the person did
    stays done — the update's work is committed — and a note that nothing was lost goes to them
    through the outbox once Telegram allows."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        try:
            return await handler(event, data)
        except TelegramRetryAfter as exc:
            typed = cast(HandlerData, data)
            tg_user = typed.get("event_from_user")
            log.warning(
                "update %s from user %s: Telegram asked to wait %s s; the action is kept",
                getattr(event, "update_id", None),
                tg_user and tg_user.id,
                exc.retry_after,
            )
            if tg_user is None:
                return None
            _ = typed["_"]
            user = typed.get("user")
            note = Recipient(
                user_id=user.id if user is not None else None,
                chat_id=tg_user.id,
                not_before=typed["clock"]() + timedelta(seconds=exc.retry_after),
                text=_("slow-down-note"),
                markup=menu_button(_).model_dump(mode="json", exclude_none=True),
            )
            await typed["repos"].outbox.enqueue(None, [note])
            outbox = typed.get("outbox")
            if outbox is not None:
                await after_commit(_waking(outbox))
            return None


# Telegram's limit for a callback answer's text, in UTF-16 code units.

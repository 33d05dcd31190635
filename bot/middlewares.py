"""Per-update plumbing: anti-flood, one DB session, current user and roles, language, role gates."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import timedelta
from typing import Any, cast

from aiogram import BaseMiddleware
from aiogram.dispatcher.flags import get_flag
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramRetryAfter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import StorageKey
from aiogram.types import CallbackQuery, Message, TelegramObject, Update
from aiogram.types import User as TgUser
from aiogram.utils.callback_answer import CallbackAnswer, CallbackAnswerMiddleware
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.commit import Later, after_commit, committing
from bot.context import HandlerData, Wakeable
from bot.domain.errors import Refusal
from bot.domain.roles import Role
from bot.domain.time import utc_now
from bot.i18n import I18n
from bot.services.container import Services
from bot.services.roles import effective_roles
from bot.ui.messaging import EditLog, answering, show
from bot.ui.screens import main_menu, menu_button
from storage.fsm import SqlStorage
from storage.repositories import Repos
from storage.repositories.outbox import Recipient
from storage.repositories.screens import KeptEdit

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]

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


class ThrottlingMiddleware(BaseMiddleware):
    """A token bucket per user: a burst of taps is fine, hammering gets one gentle note.

    A throttled update is dropped, not queued (the note says so). A bucket idle for a full refill
    is full again, exactly as if it were new, so such buckets are pruned — once per refill time,
    never wholesale (clearing all would hand every flooder a fresh burst).
    """

    def __init__(self, i18n: I18n, burst: int, rate: float, clock: Callable[[], float] = time.monotonic):
        self.i18n = i18n
        self.burst = burst
        self.rate = rate
        self.clock = clock
        self._buckets: dict[int, tuple[float, float, bool]] = {}
        self._refill = burst / rate if burst > 0 and rate > 0 else 0.0
        self._next_prune = clock() + self._refill

    def tracked(self) -> int:
        """How many people's buckets are kept (not __len__: an empty middleware must stay truthy)."""
        return len(self._buckets)

    def _prune(self, now: float) -> None:
        if now < self._next_prune:
            return
        self._next_prune = now + self._refill
        idle = [uid for uid, (_tokens, last, _warned) in self._buckets.items() if now - last >= self._refill]
        for uid in idle:
            del self._buckets[uid]

    def _allow(self, user_id: int) -> tuple[bool, bool]:
        """(allowed, should_warn)."""
        now = self.clock()
        self._prune(now)
        tokens, last, warned = self._buckets.get(user_id, (float(self.burst), now, False))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        if tokens >= 1:
            self._buckets[user_id] = (tokens - 1, now, False)
            return True, False
        self._buckets[user_id] = (tokens, now, True)
        return False, not warned

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if self.burst <= 0 or self.rate <= 0:
            return await handler(event, data)
        user: TgUser | None = data.get("event_from_user")
        if user is None:
            return await handler(event, data)
        allowed, warn = self._allow(user.id)
        if allowed:
            return await handler(event, data)
        _ = self.i18n.get(self.i18n.negotiate(user.language_code))
        assert isinstance(event, Update)
        if event.callback_query is not None:
            # Always answer, or the button keeps spinning.
            try:
                await event.callback_query.answer(_("flood-note") if warn else None)
            except TelegramBadRequest as exc:
                log.info("throttled callback not answered: %s", exc.message)
        elif warn and event.message is not None:
            await event.message.answer(_("flood-note"))
        log.info("throttled update %s from user %s", event.update_id, user.id)
        return None


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
ANSWER_TEXT_LIMIT = 200
# A handler still busy after this long (waiting for the database, drawing a chart) gets its tap
# answered at once with «one moment»: Telegram gives up on an unanswered tap after ~10–15 s.
ANSWER_WITHIN = 4.0


def _fit(text: str, limit: int) -> str:
    """`text` within `limit` UTF-16 code units, cut with «…» when longer."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            return text[: max(0, index - 1)] + "…"
    return text


class TimelyAnswer(CallbackAnswer):
    """A callback's answer that may go before its handler has finished (see SafeCallbackAnswer):
    the handler may still set text; an alert set after that comes as a message."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sent_early = False


class SafeCallbackAnswer(CallbackAnswerMiddleware):
    """Every callback query gets exactly one answer, in time, even when the handler fails or is slow.

    The answer goes after the handler, with what it set (a note, an alert); a handler still busy
    after ANSWER_WITHIN seconds gets «one moment» at once instead. While the handler runs, `show`
    finds here where a «nothing changed» note goes and what the bot's own recent edits left in
    messages (`EditLog`).
    """

    def __init__(self, edits: EditLog | None = None, answer_within: float | None = None) -> None:
        super().__init__()
        self.edits = edits or EditLog()
        self.answer_within = answer_within

    def construct_callback_answer(self, properties: dict[str, Any] | bool | None) -> CallbackAnswer:
        base = super().construct_callback_answer(properties)
        return TimelyAnswer(
            answered=base.answered,
            disabled=base.disabled,
            text=base.text,
            show_alert=base.show_alert,
            url=base.url,
            cache_time=base.cache_time,
        )

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if not isinstance(event, CallbackQuery):
            return await handler(event, data)
        answer = self.construct_callback_answer(get_flag(data, "callback_answer"))
        assert isinstance(answer, TimelyAnswer)
        data["callback_answer"] = answer
        _ = data["_"]
        if not answer.disabled and answer.answered:
            await self.answer(event, answer)
        early = asyncio.create_task(self._answer_early(event, answer, _("callback-working")))
        try:
            repos: Repos | None = data.get("repos")
            made: list[KeptEdit] | None = data.get("screen_edits")
            screens = repos.screens if repos is not None else None
            with answering(answer, _("screen-unchanged"), self.edits, screens, made):
                try:
                    return await handler(event, data)
                except Refusal as refusal:
                    # Said with the tap's answer; the error handler sees it answered.
                    answer.text, answer.show_alert = _(refusal.key, **refusal.values), refusal.alert
                    refusal.answered = True
                    raise
        finally:
            if answer.sent_early:
                await early
                await self._follow_up(event, answer)
            else:
                early.cancel()
                if not answer.disabled and not answer.answered:
                    await self.answer(event, answer)

    async def _answer_early(self, event: CallbackQuery, answer: TimelyAnswer, note: str) -> None:
        await asyncio.sleep(ANSWER_WITHIN if self.answer_within is None else self.answer_within)
        if answer.disabled or answer.answered:
            return
        answer.sent_early = True
        log.info("callback %s: the handler is slow, answered early", event.id)
        try:
            await event.answer(note)
        except TelegramAPIError as exc:
            log.info("callback %s not answered: %s", event.id, exc.message)

    async def _follow_up(self, event: CallbackQuery, answer: TimelyAnswer) -> None:
        """What the handler wanted to say after the early answer: an alert (a refusal, a reason)
        as a message; a passing note is dropped — the screen it came with says enough."""
        if not answer.text or not answer.show_alert or event.bot is None:
            return
        try:
            await event.bot.send_message(event.from_user.id, answer.text, parse_mode=None)
        except TelegramAPIError as exc:
            log.info("callback %s: the late alert was not sent: %s", event.id, exc.message)

    async def answer(self, event: CallbackQuery, callback_answer: CallbackAnswer) -> Any:  # type: ignore[override]
        text = callback_answer.text
        if text is not None and _fit(text, ANSWER_TEXT_LIMIT) != text:
            # Telegram refuses a longer one (MESSAGE_TOO_LONG) and the tap would stay unanswered.
            log.warning("callback %s: the answer's text is %d characters, cut", event.id, len(text))
            callback_answer.text = _fit(text, ANSWER_TEXT_LIMIT)
        try:
            return await super().answer(event, callback_answer)
        except TelegramBadRequest as exc:
            log.info("callback %s not answered: %s", event.id, exc.message)
            return None


class RegisteredOnly(BaseMiddleware):
    """For routers whose every handler needs a finished profile: others get the menu, which
    offers registration (a typed command, a forged or an old button alike)."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user = data.get("user")
        if user is not None and user.registered_at is not None:
            return await handler(event, data)
        if isinstance(event, (Message, CallbackQuery)):
            await show(event, main_menu(user, data.get("roles", frozenset()), data["_"]), edit=False)
        return None


class RoleGate(BaseMiddleware):
    """Server-side role check for a whole router: forged callbacks and typed commands are refused."""

    def __init__(self, allowed: Iterable[Role]) -> None:
        self.allowed = frozenset(allowed)

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        roles: frozenset[Role] = data.get("roles", frozenset())
        if roles & self.allowed:
            return await handler(event, data)
        _ = data["_"]
        tg_user: TgUser | None = data.get("event_from_user")
        log.warning(
            "refused %s for user %s with roles %s", type(event).__name__, tg_user and tg_user.id, roles
        )
        if isinstance(event, CallbackQuery):
            answer: CallbackAnswer = data["callback_answer"]
            answer.text, answer.show_alert = _("refused-role"), True
        elif isinstance(event, Message):
            await event.answer(_("refused-role"), reply_markup=menu_button(_))
        return None

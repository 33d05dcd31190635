"""Every tap answered exactly once, in time, even when its handler fails or is slow."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiogram.dispatcher.flags import get_flag
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.types import CallbackQuery, TelegramObject
from aiogram.utils.callback_answer import CallbackAnswer, CallbackAnswerMiddleware

from bot.context import Handler
from bot.domain.errors import Refusal
from bot.ui.messaging import EditLog, answering
from storage.repositories import Repos
from storage.repositories.screens import KeptEdit

log = logging.getLogger(__name__)


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

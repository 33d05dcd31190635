"""The outbox worker: delivers queued messages at a global rate, one message per chat per second.

- Rows are claimed from the database in batches (status `sending`), sent concurrently while a token
  bucket keeps the global rate, and their outcomes are written back in batches.
- 429: everyone waits `retry_after` (one global pause, not a sleep per task); the row goes back to the
  front of the queue without counting an attempt.
- 403 (blocked, deactivated): the row is `blocked`, the person unreachable; never retried.
- Network errors and Telegram 5xx: retried with exponential backoff, up to MAX_ATTEMPTS.
- A crash leaves some rows in `sending`; on start they are queued again and counted per broadcast
  (they may have reached Telegram: the only possible duplicates).
- Staff's progress message of a broadcast is edited every few seconds, not sent per step, and only
  when its text has changed (Telegram refuses an edit that changes nothing).
- The pace is shared: every message the bot sends outside the outbox (a reply, a reminder) takes a
  slot too (`bot.telegram.RequestPolicy`), so all of them together stay within `rate` — keep it below
  Telegram's ~30/s (BROADCAST_RATE, 25 by default) — and a reply never waits: the broadcast yields.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import InlineKeyboardMarkup, Message
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.events import BroadcastStatus
from bot.domain.outbox import UNSETTLED, OutboxStatus
from bot.domain.time import Clock
from bot.i18n import I18n
from bot.pace import RateLimiter
from bot.telegram import bulk_sending
from bot.ui.messaging import EditLog
from bot.ui.rendered import render
from storage.repositories import Repos
from storage.repositories.outbox import Claimed, Content

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BATCH = 200
PROGRESS_EVERY = 3.0  # seconds between edits of a progress message
IDLE_POLL = 1.0


@dataclass
class Stats:
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    retried: int = 0
    rate_limited: int = 0
    recovered: int = 0
    latencies: list[float] = field(default_factory=list)


ProgressRender = Callable[[Any, dict[str, int], I18n], tuple[str, InlineKeyboardMarkup | None]]


class OutboxWorker:
    def __init__(
        self,
        bot: Bot,
        sessionmaker: async_sessionmaker[AsyncSession],
        i18n: I18n,
        clock: Clock,
        *,
        rate: float,
        per_chat_interval: float = 1.0,
        concurrency: int | None = None,
        progress: ProgressRender | None = None,
        edits: EditLog | None = None,
    ) -> None:
        self.bot = bot
        self.sessionmaker = sessionmaker
        self.i18n = i18n
        self.clock = clock
        self.limiter = RateLimiter(rate, self._monotonic)
        self.per_chat_interval = per_chat_interval
        # Enough messages in flight to keep the pace with ~0.3 s per request.
        self.concurrency = concurrency or max(8, min(200, int(rate * 0.6) + 4))
        self.progress = progress
        self.stats = Stats()
        self._task: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._last_chat: dict[int, float] = {}
        self._results: list[tuple[int, dict[str, Any]]] = []
        self._unreachable: list[int] = []
        self._texts: dict[int, Content] = {}
        self._last_progress: dict[int, float] = {}
        # What progress messages show (shared with the screens staff tap, which edit them too).
        self.edits = edits or EditLog()
        self._stopping = False
        self._late_edits: set[asyncio.Task[None]] = set()  # last edits of progress after a 429

    async def _edit_later(self, broadcast: Any, counts: dict[str, int], delay: float) -> None:
        await asyncio.sleep(delay)
        await self._edit_progress(broadcast, counts)

    def _monotonic(self) -> float:
        return asyncio.get_running_loop().time()

    # --- lifecycle --------------------------------------------------------------------------------

    async def start(self) -> None:
        async with self.sessionmaker() as session:
            repos = Repos(session)
            recovered = await repos.outbox.recover_in_flight()
            await repos.commit()
        self.stats.recovered = sum(recovered.values())
        if self.stats.recovered:
            log.warning(
                "outbox: %d messages were in flight at the last stop; sending them again",
                self.stats.recovered,
            )
        self._stopping = False
        self._task = asyncio.create_task(self._run(), name="outbox")

    def wake(self) -> None:
        """New rows were queued: look now rather than at the next poll."""
        self._wake.set()

    async def stop(self, grace: float = 10.0) -> None:
        """Graceful: finish what is in flight and write it down."""
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            with contextlib.suppress(asyncio.CancelledError, TimeoutError):
                await asyncio.wait_for(self._task, grace)
        self._task = None

    def kill(self) -> None:
        """As a crash would: stop at once, write nothing more (tests of recovery use this)."""
        if self._task is not None:
            self._task.cancel()
        self._task = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    # --- the loop ---------------------------------------------------------------------------------

    async def _run(self) -> None:
        # This task and the senders it starts are the outbox: RequestPolicy leaves their 429s to us.
        with bulk_sending():
            await self._loop()

    async def _loop(self) -> None:
        semaphore = asyncio.Semaphore(self.concurrency)
        in_flight: set[asyncio.Task[None]] = set()
        chat_tails: dict[int, asyncio.Task[None]] = {}
        last_flush = self._monotonic()
        while not self._stopping:
            try:
                batch = await self._claim()
            except Exception:  # the database may be busy for a moment: try again shortly
                log.exception("outbox: claiming failed")
                batch = []
                await asyncio.sleep(IDLE_POLL)
            for row in batch:
                await semaphore.acquire()
                # Messages to one chat go in the order they were queued: each waits for the one
                # before it (a notice and the question that follows it arrive in that order).
                before = chat_tails.get(row.chat_id)
                task = asyncio.create_task(self._deliver(row, semaphore, after=before))
                chat_tails[row.chat_id] = task
                task.add_done_callback(functools.partial(_forget_tail, chat_tails, row.chat_id))
                in_flight.add(task)
                task.add_done_callback(in_flight.discard)
                if self._monotonic() - last_flush > 0.5:
                    await self._flush()
                    last_flush = self._monotonic()
            await self._flush()
            last_flush = self._monotonic()
            await self._report_progress()
            if not batch:
                self._wake.clear()
                # Wake for new rows — or as soon as the last messages in flight are done, so their
                # outcomes are written and the broadcast closed now, not up to IDLE_POLL later.
                waiters: set[asyncio.Future[Any]] = {asyncio.ensure_future(self._wake.wait())}
                if in_flight:
                    waiters.add(asyncio.ensure_future(asyncio.wait(set(in_flight))))
                _done, pending = await asyncio.wait(
                    waiters, timeout=IDLE_POLL, return_when=asyncio.FIRST_COMPLETED
                )
                for waiter in pending:
                    waiter.cancel()
        if in_flight:
            await asyncio.gather(*in_flight, return_exceptions=True)
        await self._flush()
        await self._report_progress(force=True)

    async def _claim(self) -> list[Claimed]:
        async with self.sessionmaker() as session:
            repos = Repos(session)
            # No more than can be in flight at once: a stopped broadcast or a crash leaves few behind.
            rows = await repos.outbox.claim(self.clock(), min(BATCH, self.concurrency))
            missing = {r.broadcast_id for r in rows if r.broadcast_id is not None} - set(self._texts)
            if missing:
                self._texts.update(await repos.outbox.texts(missing))
            await repos.commit()
        return rows

    async def _flush(self) -> None:
        # Only chats sent to within the last interval matter for the per-chat pace.
        horizon = self._monotonic() - self.per_chat_interval
        if len(self._last_chat) > 1000:
            self._last_chat = {chat: at for chat, at in self._last_chat.items() if at > horizon}
        if not self._results and not self._unreachable:
            return
        results, self._results = self._results, []
        flushed_at = self.clock()
        results = [
            (i, {**f, "sent_at": flushed_at} if f.get("status") == OutboxStatus.SENT else f)
            for i, f in results
        ]
        unreachable, self._unreachable = self._unreachable, []
        try:
            async with self.sessionmaker() as session:
                repos = Repos(session)
                await repos.outbox.mark(results)
                await repos.outbox.mark_unreachable(unreachable, self.clock())
                await repos.commit()
        except Exception:
            # Keep them for the next flush rather than lose what happened.
            log.exception("outbox: writing %d outcomes failed, will retry", len(results))
            self._results = results + self._results
            self._unreachable = unreachable + self._unreachable

    # --- one message ------------------------------------------------------------------------------

    def _content(self, row: Claimed) -> tuple[str, InlineKeyboardMarkup | None, str | None, str | None]:
        """(text, keyboard, photo, document): a personal row's own text, or its broadcast's."""
        text, markup, photo, document = row.text, row.markup, None, None
        if row.broadcast_id is not None and row.broadcast_id in self._texts:
            content = self._texts[row.broadcast_id]
            photo, document = content.photo, content.document
            text = text or content.text
            markup = markup if row.text else content.markup
        keyboard = InlineKeyboardMarkup.model_validate(markup) if markup else None
        return text or "", keyboard, photo, document

    async def _deliver(
        self, row: Claimed, semaphore: asyncio.Semaphore, after: asyncio.Task[None] | None = None
    ) -> None:
        try:
            if after is not None:
                await asyncio.wait({after})
            await self._deliver_one(row)
        finally:
            semaphore.release()

    async def _deliver_one(self, row: Claimed) -> None:
        text, markup, photo, document = self._content(row)
        while True:
            last = self._last_chat.get(row.chat_id)
            if last is not None:
                wait = last + self.per_chat_interval - self._monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
            await self.limiter.acquire()
            self._last_chat[row.chat_id] = self._monotonic()
            started = self._monotonic()
            try:
                if photo:
                    await self.bot.send_photo(row.chat_id, photo, caption=text, reply_markup=markup)
                elif document:
                    await self.bot.send_document(row.chat_id, document, caption=text, reply_markup=markup)
                else:
                    await self.bot.send_message(row.chat_id, text, reply_markup=markup)
            except TelegramRetryAfter as exc:
                # Everyone waits: the pause is global, and this message goes again right after.
                self.stats.rate_limited += 1
                self.limiter.pause(float(exc.retry_after))
                continue
            except TelegramForbiddenError as exc:
                self.stats.blocked += 1
                self._results.append((row.id, {"status": OutboxStatus.BLOCKED, "error": exc.message[:200]}))
                if row.user_id is not None:
                    self._unreachable.append(row.user_id)
                return
            except TelegramBadRequest as exc:
                # Not going to work by retrying (chat not found, a malformed message).
                self.stats.failed += 1
                log.warning("outbox: message %s refused: %s", row.id, exc.message)
                self._results.append((row.id, {"status": OutboxStatus.FAILED, "error": exc.message[:200]}))
                return
            except (TelegramNetworkError, TelegramServerError, TelegramAPIError, OSError) as exc:
                attempts = row.attempts + 1
                if attempts >= MAX_ATTEMPTS:
                    self.stats.failed += 1
                    self._results.append(
                        (
                            row.id,
                            {"status": OutboxStatus.FAILED, "attempts": attempts, "error": str(exc)[:200]},
                        )
                    )
                else:
                    self.stats.retried += 1
                    delay = timedelta(seconds=2**attempts)
                    self._results.append(
                        (
                            row.id,
                            {
                                "status": OutboxStatus.PENDING,
                                "attempts": attempts,
                                "not_before": self.clock() + delay,
                                "error": str(exc)[:200],
                            },
                        )
                    )
                return
            self.stats.sent += 1
            self.stats.latencies.append(self._monotonic() - started)
            # No per-row time: rows with equal fields are written by one UPDATE (see _flush).
            self._results.append((row.id, {"status": OutboxStatus.SENT}))
            return

    # --- progress ---------------------------------------------------------------------------------

    async def _report_progress(self, *, force: bool = False) -> None:
        """A finished broadcast is closed (and its message says so) at once; a running one's
        message is edited at most every PROGRESS_EVERY seconds."""
        if self.progress is None:
            return
        now = self._monotonic()
        async with self.sessionmaker() as session:
            repos = Repos(session)
            for broadcast in await repos.outbox.active_broadcasts():
                # The first edit comes PROGRESS_EVERY after the progress message was sent: editing it
                # at once breaks Telegram's one-message-per-second limit in that chat (429).
                counts = await repos.outbox.counts(broadcast.id)
                if broadcast.id not in self._last_progress:
                    self._last_progress[broadcast.id] = now
                    self._seed_progress(broadcast, counts)
                done = not any(counts.get(status, 0) for status in UNSETTLED)
                due = force or now - self._last_progress.get(broadcast.id, 0.0) >= PROGRESS_EVERY
                if not done and not due:
                    continue
                self._last_progress[broadcast.id] = now
                if done:
                    await repos.outbox.finish(broadcast, BroadcastStatus.DONE, self.clock())
                await repos.commit()
                await self._edit_progress(broadcast, counts)

    def _seed_progress(self, broadcast: Any, counts: dict[str, int]) -> None:
        """A progress message met for the first time was most likely sent with these counts."""
        chat, message = broadcast.progress_chat_id, broadcast.progress_message_id
        if self.progress is None or chat is None or message is None or self.edits.known(chat, message):
            return
        self.edits.keep(chat, message, render(*self.progress(broadcast, counts, self.i18n)))

    async def _edit_progress(self, broadcast: Any, counts: dict[str, int]) -> None:
        chat, message = broadcast.progress_chat_id, broadcast.progress_message_id
        if self.progress is None or chat is None or message is None:
            return
        text, markup = self.progress(broadcast, counts, self.i18n)
        shown = render(text, markup)
        if self.edits.known(chat, message) == shown:
            return  # Telegram would refuse an edit that changes nothing
        try:
            result = await self.bot.edit_message_text(
                text,
                chat_id=chat,
                message_id=message,
                reply_markup=markup,
            )
        except TelegramRetryAfter as exc:
            # One chat's limit: do not stop the broadcast's senders for it. A running broadcast's
            # next edit comes in PROGRESS_EVERY s; the last one (done, stopped) is tried again.
            if broadcast.status != BroadcastStatus.SENDING:
                task = asyncio.create_task(self._edit_later(broadcast, counts, float(exc.retry_after)))
                self._late_edits.add(task)
                task.add_done_callback(self._late_edits.discard)
        except TelegramAPIError as exc:
            if "not modified" in str(exc):
                self.edits.keep(chat, message, shown)  # shown before a restart
            else:
                log.info("outbox: progress of broadcast %s not shown: %s", broadcast.id, exc)
        else:
            if isinstance(result, Message):
                self.edits.remember(result)


def _forget_tail(tails: dict[int, asyncio.Task[None]], chat_id: int, task: asyncio.Task[None]) -> None:
    if tails.get(chat_id) is task:
        del tails[chat_id]

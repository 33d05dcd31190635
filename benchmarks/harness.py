"""Reusable load harness.

Everything runs in ONE process and ONE event loop, over real HTTP on 127.0.0.1:

* :func:`fake_bot_api` starts a :class:`~tests.fakes.FakeBotApiServer` around a
  :class:`BenchTelegram` (the test fake plus per-chat change notifications and timestamps);
* :func:`running_app` / :func:`running_dispatcher` poll it exactly as production does
  (``handle_as_tasks=True``, default polling timeout, ``handle_signals=False`` only because
  we are not the main program).  They also note when the dispatcher has finished each update
  (a wrapper around ``Dispatcher._process_update``; the bot's code is untouched);
* :class:`SimUser` behaves like a person: it sends one update, waits for the bot's reply in
  ITS chat (a new bot message, an edit, or the answer to a button press) and for the bot to
  finish that update (so a late tail of one step — say, stripping the previous keyboard — is
  never taken for the reply to the next), records push→reply latency, then does the next step;
* :func:`run_load` runs many users concurrently and returns a :class:`LoadResult` with
  throughput, latency percentiles, memory, Bot API calls and (optionally) SQL statements.

Latency is measured from ``push_update`` to the moment the fake Bot API *received* the first
visible answer for that chat (timestamped inside the fake, so it does not include the time the
simulated user's coroutine needs to wake up).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import weakref
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.types import Update
from pydantic import SecretStr
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from benchmarks.report import MemoryMonitor, MemoryStats, capture_errors, mib, percentile
from bot.app import App
from bot.config import Settings
from tests.fakes import FakeBotApiServer, FakeMessage, FakeTelegram, TgUser
from tests.fakes.telegram import FileUpload

__all__ = [
    "BOT_ID",
    "POLLING",
    "TOKEN",
    "BenchTelegram",
    "FakeApi",
    "LoadResult",
    "SimUser",
    "SqlProbe",
    "bench_settings",
    "fake_bot_api",
    "format_memory",
    "format_table",
    "run_load",
    "running_app",
    "running_dispatcher",
    "track_processing",
]

TOKEN = "123456789:BENCH-token-for-the-fake-bot-api-0000"
BOT_ID = int(TOKEN.split(":")[0])

# How production polls (bot/__main__.py: run_polling(handle_signals=True)); signals belong to
# the benchmark's own process here.
POLLING: dict[str, Any] = {"handle_as_tasks": True, "handle_signals": False}

# ---------------------------------------------------------------------------- the fake API


class ChatWatch:
    """What the bot did in one chat: times of visible changes, and an event to wait on."""

    __slots__ = ("changes", "event")

    def __init__(self) -> None:
        self.changes: list[float] = []  # time.perf_counter() of each new bot message/edit/delete
        self.event = asyncio.Event()

    def touch(self, when: float) -> None:
        self.changes.append(when)
        self.event.set()


class BenchTelegram(FakeTelegram):
    """The test fake, plus per-chat change notification.

    ``FakeTelegram.wait_for_change`` wakes every waiter on every change anywhere — with
    hundreds of simulated users that is O(users) wake-ups per bot message, and that CPU would
    be charged to the bot running in the same loop.  Here each chat has its own event.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._watches: dict[int, ChatWatch] = {}
        self.answered_at: dict[str, float] = {}  # callback query id -> perf_counter() of the answer
        self.processed_at: dict[int, float] = {}  # update id -> when the dispatcher finished it
        self._update_chats: dict[int, int] = {}  # update id -> chat it came from
        self._any_processed = asyncio.Event()

    def watch(self, chat_id: int) -> ChatWatch:
        watch = self._watches.get(chat_id)
        if watch is None:
            watch = self._watches[chat_id] = ChatWatch()
        return watch

    def _new_message(self, chat_id: int, *, from_bot: bool, sender: dict[str, Any]) -> FakeMessage:
        msg = super()._new_message(chat_id, from_bot=from_bot, sender=sender)
        if from_bot:
            self.watch(chat_id).touch(time.perf_counter())
        return msg

    def _mark_edited(self, msg: FakeMessage, markup: dict[str, Any] | None) -> None:
        super()._mark_edited(msg, markup)
        self.watch(msg.chat_id).touch(time.perf_counter())

    def _delete_message(self, params: dict[str, Any], files: dict[str, FileUpload]) -> bool:
        result = super()._delete_message(params, files)
        chat_id = params.get("chat_id")
        if isinstance(chat_id, int):
            self.watch(chat_id).touch(time.perf_counter())
        return result

    def _answer_callback_query(self, params: dict[str, Any], files: dict[str, FileUpload]) -> bool:
        result = super()._answer_callback_query(params, files)
        callback_id = str(params.get("callback_query_id"))
        self.answered_at[callback_id] = time.perf_counter()
        self.watch(self.callback(callback_id).chat_id).event.set()
        return result

    def push_from(self, chat_id: int, update: dict[str, Any]) -> int:
        """``push_update`` for an update from ``chat_id``, so its processing can be waited for."""
        update_id = self.push_update(update)
        self._update_chats[update_id] = chat_id
        return update_id

    async def drain(self, timeout: float) -> None:  # noqa: ASYNC109
        """Wait (up to ``timeout`` s) until the bot has finished every update pushed with push_from."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                while any(uid not in self.processed_at for uid in self._update_chats):
                    self._any_processed.clear()
                    await self._any_processed.wait()

    def mark_processed(self, update_id: int) -> None:
        """Called by the instrumented dispatcher when it has finished an update."""
        self.processed_at[update_id] = time.perf_counter()
        self._any_processed.set()
        chat_id = self._update_chats.get(update_id)
        if chat_id is not None:
            self.watch(chat_id).event.set()

    def api_calls(self, since: int = 0) -> Counter[str]:
        """Bot API calls (all but getUpdates) recorded after ``requests[since]``, by method and outcome."""
        calls: Counter[str] = Counter()
        for record in self.requests[since:]:
            if record.method != "getUpdates":
                calls[record.method if record.ok else f"{record.method}!{record.outcome}"] += 1
        return calls


@dataclass
class FakeApi:
    fake: BenchTelegram
    server: FakeBotApiServer
    base_url: str


@contextlib.asynccontextmanager
async def fake_bot_api(bot_id: int = BOT_ID) -> AsyncIterator[FakeApi]:
    """A fresh fake Bot API on a random local port."""
    fake = BenchTelegram(bot_id=bot_id)
    server = FakeBotApiServer(fake)
    base_url = await server.start()
    try:
        yield FakeApi(fake, server, base_url)
    finally:
        await server.stop()
    if server.internal_errors:
        raise RuntimeError(f"the fake Bot API crashed: {server.internal_errors[:3]!r}")


# ---------------------------------------------------------------------------- the bot


def bench_settings(database: Path, base_url: str, **overrides: Any) -> Settings:
    """Settings for the real bot against the fake; nothing is read from the environment's .env."""
    values: dict[str, Any] = {
        "bot_token": SecretStr(TOKEN),
        "database_url": f"sqlite+aiosqlite:///{database}",
        "telegram_api_url": base_url,
        "admin_ids": frozenset(),
        "redis_url": None,
        "log_level": "WARNING",
        "sample_directory": None,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


async def _until_polling(fake: FakeTelegram, task: asyncio.Task[None], polls_before: int) -> None:
    for _ in range(1000):
        if len(fake.requests_for("getUpdates")) > polls_before:
            return
        if task.done():
            task.result()
            raise RuntimeError("polling ended before the first getUpdates")
        await asyncio.sleep(0.01)
    raise RuntimeError("the bot did not start polling within 10 s")


def track_processing(dp: Dispatcher, fake: BenchTelegram) -> None:
    """Tell ``fake`` when ``dp`` has finished each update (handler, middlewares, commit, answer).

    Wraps the instance's ``_process_update`` — what polling runs per update (as a task with
    ``handle_as_tasks=True``) — so nothing of the bot's own code changes.
    """
    wrapped = dp in _TRACKED
    _TRACKED[dp] = fake  # a dispatcher polling a new fake reports to that one
    if wrapped:
        return
    original = getattr(dp, "_process_update", None)
    if original is None:
        raise RuntimeError("this aiogram has no Dispatcher._process_update: update the harness")

    async def process_update(bot: Bot, update: Update, *args: Any, **kwargs: Any) -> bool:
        try:
            result: bool = await original(bot, update, *args, **kwargs)
            return result
        finally:
            _TRACKED[dp].mark_processed(update.update_id)

    dp._process_update = process_update  # type: ignore[method-assign]


_TRACKED: weakref.WeakKeyDictionary[Dispatcher, BenchTelegram] = weakref.WeakKeyDictionary()


@contextlib.asynccontextmanager
async def _polling(
    dp: Dispatcher, fake: BenchTelegram, start: Callable[[], Awaitable[None]]
) -> AsyncIterator[None]:
    track_processing(dp, fake)
    polls_before = len(fake.requests_for("getUpdates"))
    task = asyncio.ensure_future(start())
    await _until_polling(fake, task, polls_before)
    try:
        yield
    finally:
        # aiogram's stop_polling does not wait for updates still being handled as tasks (it closes
        # the bot session at once); after an aborted run, let them finish first.
        await fake.drain(timeout=15)
        with contextlib.suppress(RuntimeError):  # polling already stopped (it crashed)
            await dp.stop_polling()
        await asyncio.wait_for(task, 30)


@contextlib.asynccontextmanager
async def running_app(app: App, fake: BenchTelegram, **polling: Any) -> AsyncIterator[App]:
    """``App.run_polling`` (startup, polling, close) as a background task of this loop."""
    kwargs = {**POLLING, **polling}
    async with _polling(app.dp, fake, lambda: app.run_polling(**kwargs)):
        yield app


@contextlib.asynccontextmanager
async def running_dispatcher(
    dp: Dispatcher, bot: Bot, fake: BenchTelegram, **polling: Any
) -> AsyncIterator[Dispatcher]:
    """Any Dispatcher polling the fake, with the same options as the app."""
    kwargs = {**POLLING, **polling}
    async with _polling(dp, fake, lambda: dp.start_polling(bot, **kwargs)):
        yield dp


# ---------------------------------------------------------------------------- people


async def _never(update: dict[str, Any]) -> None:
    raise AssertionError("SimUser delivers updates itself")


class SimUser(TgUser):
    """A person in a private chat: one action at a time, the next only after the reply.

    All of :class:`~tests.fakes.TgUser` works (``send``, ``click`` by button text, ``buttons``,
    ``last_message`` …); delivery is replaced: push the update to getUpdates, then wait until
    the bot has finished it (the dispatcher must run under :func:`running_app` /
    :func:`running_dispatcher`, which report that).

    The latency recorded is push → the first visible reply: a new bot message or an edit in this
    chat, or the answer to the button press.  An update the bot finished without any of these
    counts as ``silent`` (its latency is then push → finished).  A button press answered too
    late (Telegram refuses answers after 15 s) does not stop the person — they carry on with the
    screen the bot showed; such presses show up as :attr:`LoadResult.late_answers`.
    """

    def __init__(
        self,
        fake: BenchTelegram,
        user_id: int,
        *,
        step_timeout: float = 60.0,
        **kwargs: Any,
    ) -> None:
        super().__init__(fake, _never, user_id, **kwargs)
        self.bench = fake
        self.step_timeout = step_timeout
        self.latencies: list[float] = []  # seconds
        self.silent = 0

    @property
    def updates(self) -> int:
        return len(self.latencies)

    async def _deliver(self, update: dict[str, Any]) -> None:
        fake = self.bench
        watch = fake.watch(self.chat_id)
        seen = len(watch.changes)
        query = update.get("callback_query")
        callback_id = str(query["id"]) if query else None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.step_timeout
        pushed = time.perf_counter()
        update_id = fake.push_from(self.chat_id, update)
        while (done := fake.processed_at.get(update_id)) is None:
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise AssertionError(self._timeout_report(update))
            watch.event.clear()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(remaining):
                    await watch.event.wait()
        visible = watch.changes[seen : seen + 1]
        if callback_id is not None and callback_id in fake.answered_at:
            visible.append(fake.answered_at[callback_id])
        if not visible:
            self.silent += 1
        self.latencies.append(min(visible, default=done) - pushed)

    async def _send_callback(
        self, message: FakeMessage, data: str, *, expect_answer: bool, label: str
    ) -> None:
        # Late answers are counted (LoadResult.late_answers), not fatal; see the class docstring.
        await super()._send_callback(message, data, expect_answer=False, label=label)

    def _timeout_report(self, update: dict[str, Any]) -> str:
        kind = "button press" if "callback_query" in update else "message"
        recent = "\n".join(f"  {m}" for m in self.history[-4:])
        return (
            f"{self!r}: the bot did not finish a {kind} within {self.step_timeout}s. "
            f"Chat ends with:\n{recent}"
        )


# ---------------------------------------------------------------------------- measuring


class SqlProbe:
    """SQL work on an engine while active (``with SqlProbe(engine) as probe:``).

    Counts statements and commits, and follows write transactions: on SQLite the first
    INSERT/UPDATE/DELETE of a transaction takes the database's single write lock and the
    transaction keeps it until COMMIT/ROLLBACK.  ``write_waits`` is how long each first write
    statement took (≈ waiting for the lock), ``write_holds`` how long the lock was then held
    (until COMMIT/ROLLBACK is issued).  It also follows the connection pool: the most connections
    checked out at once, and for how long all of them were (updates then queue for one).
    """

    _WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine.sync_engine
        self.statements = 0
        self.commits = 0
        self.write_waits: list[float] = []  # seconds
        self.write_holds: list[float] = []  # seconds
        self._started: dict[Any, float] = {}  # connection -> when its current statement began
        self._writing: dict[Any, float] = {}  # connection -> when it got the write lock
        pool = self._engine.pool
        size, overflow = getattr(pool, "size", None), getattr(pool, "_max_overflow", None)
        self.pool_limit: int | None = (
            size() + overflow if callable(size) and isinstance(overflow, int) and overflow >= 0 else None
        )
        self.checked_out_peak = 0
        self.pool_exhausted = 0.0  # seconds with every pooled connection in use
        self._checked_out = 0
        self._exhausted_since: float | None = None

    def _before(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        self.statements += 1
        self._started[conn] = time.perf_counter()

    def _after(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        started = self._started.pop(conn, None)
        if started is None or conn in self._writing:
            return
        if statement.lstrip()[:7].upper().startswith(self._WRITES):
            now = time.perf_counter()
            self.write_waits.append(now - started)
            self._writing[conn] = now

    def _end(self, conn: Any) -> None:
        got_lock = self._writing.pop(conn, None)
        if got_lock is not None:
            self.write_holds.append(time.perf_counter() - got_lock)

    def _on_commit(self, conn: Any) -> None:
        self.commits += 1
        self._end(conn)

    def _on_checkout(self, *args: Any) -> None:
        self._checked_out += 1
        self.checked_out_peak = max(self.checked_out_peak, self._checked_out)
        if self._checked_out == self.pool_limit and self._exhausted_since is None:
            self._exhausted_since = time.perf_counter()

    def _on_checkin(self, *args: Any) -> None:
        self._checked_out = max(0, self._checked_out - 1)
        if self._exhausted_since is not None:
            self.pool_exhausted += time.perf_counter() - self._exhausted_since
            self._exhausted_since = None

    def _listeners(self) -> list[tuple[str, Callable[..., None]]]:
        return [
            ("before_cursor_execute", self._before),
            ("after_cursor_execute", self._after),
            ("commit", self._on_commit),
            ("rollback", self._end),
            ("checkout", self._on_checkout),
            ("checkin", self._on_checkin),
        ]

    def __enter__(self) -> SqlProbe:
        for name, listener in self._listeners():
            event.listen(self._engine, name, listener)
        return self

    def __exit__(self, *exc_info: object) -> None:
        for name, listener in self._listeners():
            event.remove(self._engine, name, listener)
        if self._exhausted_since is not None:
            self.pool_exhausted += time.perf_counter() - self._exhausted_since
            self._exhausted_since = None

    def pool_summary(self, wall: float) -> str:
        limit = "?" if self.pool_limit is None else str(self.pool_limit)
        return (
            f"at most {self.checked_out_peak} of {limit} pooled connections checked out at once; "
            f"all in use for {self.pool_exhausted:.1f} s = {self.pool_exhausted / wall:.0%} of wall time"
        )

    def summary(self, wall: float) -> str:
        """One line about the write lock (empty when nothing was written)."""
        if not self.write_holds:
            return ""
        held = sum(self.write_holds)

        def ms(values: list[float], q: float) -> str:
            return f"{percentile(values, q) * 1000:.1f}"

        return (
            f"{len(self.write_holds)} write transactions; the write lock was held p50 "
            f"{ms(self.write_holds, 50)} ms / p95 {ms(self.write_holds, 95)} ms / max "
            f"{ms(self.write_holds, 100)} ms (sum {held:.1f} s = {held / wall:.0%} of wall time); "
            f"the first write waited p50 {ms(self.write_waits, 50)} ms / p95 {ms(self.write_waits, 95)} ms "
            f"/ max {ms(self.write_waits, 100)} ms"
        )


@dataclass
class LoadResult:
    label: str
    users: int
    updates: int
    wall: float  # seconds, first push → last reply
    latencies: list[float]  # seconds, one per update
    memory: MemoryStats
    api_calls: Counter[str]
    failures: list[BaseException] = field(default_factory=list)
    logged_errors: list[str] = field(default_factory=list)
    sql: SqlProbe | None = None
    silent: int = 0  # updates the bot finished without a visible reply
    unanswered: int = 0  # button presses never answered successfully (incl. late answers)

    @property
    def throughput(self) -> float:
        return self.updates / self.wall if self.wall > 0 else float("nan")

    def latency_ms(self, q: float) -> float:
        return percentile(self.latencies, q) * 1000

    @property
    def late_answers(self) -> int:
        """answerCallbackQuery calls the fake refused (query too old: answered > 15 s after the press)."""
        return sum(n for method, n in self.api_calls.items() if method.startswith("answerCallbackQuery!"))

    @property
    def ok(self) -> bool:
        return not self.failures and not self.logged_errors

    def problems(self) -> str:
        lines = [f"{self.label}: {len(self.failures)} simulated users failed"] if self.failures else []
        lines += [f"  {type(e).__name__}: {e}" for e in self.failures[:3]]
        if self.logged_errors:
            lines.append(f"{self.label}: {len(self.logged_errors)} errors logged")
            lines += [f"  {line}" for line in self.logged_errors[:3]]
        return "\n".join(lines)


async def run_load(
    label: str,
    fake: BenchTelegram,
    users: Sequence[SimUser],
    scenario: Callable[[SimUser], Awaitable[None]],
    *,
    trace_memory: bool = False,
    engine: AsyncEngine | None = None,
) -> LoadResult:
    """All ``users`` play ``scenario`` at once; measure until the last one is done.

    ``trace_memory`` turns tracemalloc on for the run (it slows Python code down noticeably —
    keep it the same for runs you compare).  ``engine``: watch its SQL (:class:`SqlProbe`).
    """
    requests_before = len(fake.requests)
    callbacks_before = len(fake.callbacks)
    sql = SqlProbe(engine) if engine is not None else None
    with capture_errors() as errors, sql if sql is not None else contextlib.nullcontext():
        async with MemoryMonitor(trace=trace_memory) as monitor:
            started = time.perf_counter()
            outcomes = await asyncio.gather(*(scenario(user) for user in users), return_exceptions=True)
            wall = time.perf_counter() - started
    assert monitor.stats is not None
    failures = [o for o in outcomes if isinstance(o, BaseException)]
    latencies = [lat for user in users for lat in user.latencies]
    return LoadResult(
        label=label,
        users=len(users),
        updates=len(latencies),
        wall=wall,
        latencies=latencies,
        memory=monitor.stats,
        api_calls=fake.api_calls(requests_before),
        failures=failures,
        logged_errors=list(errors.records),
        sql=sql,
        silent=sum(user.silent for user in users),
        unanswered=sum(1 for record in fake.callbacks[callbacks_before:] if not record.answered),
    )


# ---------------------------------------------------------------------------- output


def format_table(results: Sequence[LoadResult]) -> str:
    header = ("run", "users", "updates", "wall s", "upd/s", "p50 ms", "p95 ms", "p99 ms")
    rows = [
        (
            r.label,
            str(r.users),
            str(r.updates),
            f"{r.wall:.2f}",
            f"{r.throughput:.1f}",
            f"{r.latency_ms(50):.1f}",
            f"{r.latency_ms(95):.1f}",
            f"{r.latency_ms(99):.1f}",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )

    rule = "-" * len(line(header))
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def format_memory(result: LoadResult) -> str:
    m = result.memory
    traced = (
        f"{mib(m.traced_peak)} (peak of Python objects allocated during the run and alive at once)"
        if m.traced_peak is not None
        else "off"
    )
    pad = " " * len(result.label)
    return "\n".join(
        [
            f"{result.label}: RSS (psutil, sampled every 10 ms): peak − before = +{mib(m.rss_delta)} "
            f"({mib(m.rss_before)} → {mib(m.rss_peak)})",
            f"{pad}  ru_maxrss (getrusage, lifetime high-water mark): +{mib(m.maxrss_delta)} "
            f"(now {mib(m.maxrss_after)})",
            f"{pad}  tracemalloc: {traced}",
        ]
    )

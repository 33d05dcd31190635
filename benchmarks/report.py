"""Measuring and printing, shared by every benchmark: percentiles, timers, the event loop's stalls,
memory, ERROR records logged during a run, and the plain-text tables and units of the figures."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import math
import os
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Awaitable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

import psutil

T = TypeVar("T")


# ---------------------------------------------------------------------------- measuring


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of ``values``; NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(q / 100 * len(ordered))))
    return ordered[rank - 1]


async def timed(call: Awaitable[T]) -> tuple[T, float]:
    """The result of ``call`` and the seconds it took."""
    started = time.perf_counter()
    result = await call
    return result, time.perf_counter() - started


class LoopLag:
    """How long the event loop could not run anything: overshoot of a repeated 10 ms sleep."""

    def __init__(self, interval: float = 0.01) -> None:
        self.interval = interval
        self.lags: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            started = time.perf_counter()
            await asyncio.sleep(self.interval)
            self.lags.append(max(0.0, time.perf_counter() - started - self.interval))

    async def __aenter__(self) -> LoopLag:
        self._task = asyncio.create_task(self._run())
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task

    def summary(self) -> str:
        blocked = [lag for lag in self.lags if lag >= 0.05]
        return (
            f"p50 {ms_text(percentile(self.lags, 50))} ms, p95 {ms_text(percentile(self.lags, 95))} ms, "
            f"max {ms_text(percentile(self.lags, 100))} ms; {len(blocked)} stalls ≥ 50 ms, "
            f"{sum(blocked):.1f} s in all"
        )


@dataclass
class MemoryStats:
    """Memory of the whole benchmark process (bot + fake Bot API + simulated users).

    * ``traced_peak`` — tracemalloc: peak bytes of Python objects allocated during the run and
      alive at the same time (None when tracing was off);
    * ``rss_before`` / ``rss_peak`` — psutil: resident set size before the run and the highest
      value sampled during it (every ``interval`` s);
    * ``maxrss_before`` / ``maxrss_after`` — getrusage ``ru_maxrss``: the process's lifetime RSS
      high-water mark (grows only when the run exceeds every earlier peak).
    """

    traced_peak: int | None
    rss_before: int
    rss_peak: int
    maxrss_before: int
    maxrss_after: int

    @property
    def rss_delta(self) -> int:
        return self.rss_peak - self.rss_before

    @property
    def maxrss_delta(self) -> int:
        return self.maxrss_after - self.maxrss_before


def _maxrss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


class MemoryMonitor:
    """``async with MemoryMonitor() as monitor: ...`` then ``monitor.stats``."""

    def __init__(self, *, trace: bool = True, interval: float = 0.01) -> None:
        self.trace = trace
        self.interval = interval
        self._process = psutil.Process()
        self._rss_peak = 0
        self._task: asyncio.Task[None] | None = None
        self.stats: MemoryStats | None = None

    def _sample(self) -> None:
        self._rss_peak = max(self._rss_peak, self._process.memory_info().rss)

    async def _sampler(self) -> None:
        while True:
            self._sample()
            await asyncio.sleep(self.interval)

    async def __aenter__(self) -> MemoryMonitor:
        gc.collect()
        self._rss_before = self._process.memory_info().rss
        self._rss_peak = self._rss_before
        self._maxrss_before = _maxrss()
        if self.trace:
            tracemalloc.start()
        self._task = asyncio.create_task(self._sampler())
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._sample()
        traced_peak: int | None = None
        if self.trace:
            traced_peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
        self.stats = MemoryStats(
            traced_peak, self._rss_before, self._rss_peak, self._maxrss_before, _maxrss()
        )


class ErrorLog(logging.Handler):
    """ERROR records logged anywhere (a handler that failed is logged, not raised, by the bot)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(f"{record.name}: {record.getMessage()}")


@contextlib.contextmanager
def capture_errors() -> Iterator[ErrorLog]:
    """``with capture_errors() as errors:`` — ``errors.records``: each ERROR as ``logger: message``."""
    handler = ErrorLog()
    logging.getLogger().addHandler(handler)
    try:
        yield handler
    finally:
        logging.getLogger().removeHandler(handler)


# ---------------------------------------------------------------------------- printing


def say(text: str = "") -> None:
    print(text, flush=True)


class _OneLine(logging.Formatter):
    """Log records on one line each: an exception as ``Type: message``, no traceback."""

    def format(self, record: logging.LogRecord) -> str:
        text = f"{record.levelname} {record.name}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            text += f" [{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}]"
        return text


def quiet_logging(level: int = logging.WARNING) -> None:
    """WARNING and up, one line per record, so the output stays the benchmark's table."""
    handler = logging.StreamHandler()
    handler.setFormatter(_OneLine())
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # aiogram logs every handled update at INFO; the bot's own level does not apply here.
    for name in ("aiogram", "apscheduler", "aiosqlite", "sqlalchemy"):
        logging.getLogger(name).setLevel(max(level, logging.WARNING))


def mib(value: int | None) -> str:
    return "n/a" if value is None else f"{value / 2**20:.1f} MiB"


def kib(size: float) -> str:
    return f"{size / 1024:.1f} KiB"


def ms_text(value: float) -> str:
    """Seconds as milliseconds, one decimal; n/a for NaN."""
    return "n/a" if value != value else f"{value * 1000:.1f}"


def table(header: Sequence[str], cells: Sequence[Sequence[str]], *, left: int = 1) -> str:
    """Columns padded; the first `left` and the last one left-aligned, the rest right-aligned."""
    widths = [max(len(row[i]) for row in (header, *cells)) for i in range(len(header) - 1)]

    def line(row: Sequence[str]) -> str:
        parts = [
            c.ljust(w) if i < left else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=False))
        ]
        return "  ".join([*parts, row[-1]]).rstrip()

    return "\n".join([line(header), "-" * len(line(header)), *(line(c) for c in cells)])


@dataclass
class Row:
    """One timed measurement: its samples (seconds) and a note."""

    label: str
    values: list[float]  # seconds
    note: str = ""


def format_rows(rows: Sequence[Row]) -> str:
    """Rows as n, median, p95, min and max in milliseconds."""
    header = ("measurement", "n", "median ms", "p95 ms", "min ms", "max ms", "note")
    cells = [
        (
            r.label,
            str(len(r.values)),
            ms_text(statistics.median(r.values)) if r.values else "n/a",
            ms_text(percentile(r.values, 95)),
            ms_text(min(r.values)) if r.values else "n/a",
            ms_text(max(r.values)) if r.values else "n/a",
            r.note,
        )
        for r in rows
    ]
    return table(header, cells)


def cpu_count() -> int | None:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def say_total(started: float) -> None:
    """The closing line: wall time since `started` and the process's peak RSS."""
    say(
        f"\nTotal wall time {time.perf_counter() - started:.0f} s; process peak RSS (ru_maxrss) "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


def exit_code(problems: list[str], errors: ErrorLog, prefix: str = "") -> int:
    """1 (the problems and the first logged errors printed to stderr) when anything went wrong."""
    if errors.records:
        problems.append(f"{prefix}{len(errors.records)} errors logged:")
        problems += [f"  {line}" for line in errors.records[:5]]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    return 0

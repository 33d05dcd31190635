"""Broadcasts: the outbox's pace, time and memory, and its behaviour under a 429 storm.

Everything runs in ONE process and ONE event loop: the real app (``bot.app.build_app``, started
with ``App.startup`` — directory, content, commands, the scheduler and the outbox worker, no
polling) talks HTTP to the fake Bot API on 127.0.0.1 (``benchmarks.harness.fake_bot_api``).  Each
run has a fresh SQLite database in a temporary folder, ``--recipients`` registered teachers seeded
by bulk insert (schools and municipalities of the demo directory) and a chat for each in the fake.
The app's clock runs in real time from Wednesday 18.11.2026 09:00 UTC (12:00 in Moscow), so
nobody is in quiet hours and every row is due at once.  The broadcast is enqueued as staff do it:
the audience query ``repos.events.candidates`` (every registered, reachable person),
``broadcasts.send_to`` + commit, then ``handlers.events_staff.start_broadcast`` (the progress
message in a staff chat, which the outbox edits every few seconds; it wakes the outbox).

1. Pace — for each of ``--rates`` (default 25/s, the setting's default, and 300/s) the fake's
   rate limit is set to Telegram-like limits above the configured rate (global 30/s below 30/s —
   Telegram's own limit — else 4/3 of the rate, e.g. 400/s for 300/s; ``--fake-limit`` overrides;
   per chat 1/s).  Measured until every row is marked in the database: the pace as the fake saw
   it ((sent − 1) / first → last successful sendMessage) and end to end (sent / enqueued → every
   row marked), each against the configured rate (target ≥ 0.95), 429s received, the most sends
   in any 1-second window, sendMessage latency (``OutboxWorker.stats.latencies``: the HTTP round
   trip), the event loop's stalls, CPU, RSS growth (psutil, sampled every 10 ms; the process holds
   the fake's records of every message too) and the app's SQL statements (its engine only).
2. 429 storm — at ``--storm-rate`` (300/s) to ``--storm-recipients`` (3,000): (a) injected — the
   fake's limit as in part 1, and ``--storm-bursts`` times during the run the next
   ``--storm-count`` sendMessage calls answer 429 with retry_after ``--storm-retry-after`` s;
   (b) throttled — the fake's global limit set BELOW the configured rate (``--storm-limit``,
   200/s), so it answers 429 whenever the worker goes faster.  Reported: 429s, the limiter's
   pauses (``RateLimiter.pauses``) and pause calls, time paused (the union of the pauses), the
   longest gap between two sends, lost or duplicated messages and the effective rate.
3. Checks (a failure prints a PROBLEM line and exits 1): every recipient got exactly one message
   and nobody else got one, the broadcast's rows are all ``sent`` (as many as its total), no row
   of the outbox left ``pending`` / ``sending``, the broadcast closed as ``done`` and staff's progress
   message saying so (the worker's last edit of it arrived), no ERROR logged,
   the pace at least 0.95 of the configured rate and no 429 in part 1.

The 25/s run of 10,000 recipients takes 400 s by design (that is the rate), the 300/s run
~35 s, the storms ~25 s: the default run takes about 7–8 minutes.  ``--recipients`` lowers it
(e.g. 2000: ~2 minutes).
"""

from __future__ import annotations

import argparse
import asyncio
import platform
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.broadcast.output import describe, ratio, storm_lines, table, where
from benchmarks.broadcast.pace import PER_CHAT, TARGET, Outcome, Spec, Storm, fake_limit_for, run
from benchmarks.report import (
    capture_errors,
    cpu_count,
    quiet_logging,
    say,
    say_total,
)

# ---------------------------------------------------------------------------- running


async def main_async(args: argparse.Namespace) -> int:
    quiet_logging()
    cpus = cpu_count()
    say(
        f"Broadcast (outbox) benchmark — Python {platform.python_version()}, {cpus} CPUs; real app over HTTP "
        f"to the fake Bot API on 127.0.0.1; SQLite; logging at WARNING."
    )
    rates = [float(r) for r in args.rates.split(",") if r.strip()]
    slow = [r for r in rates if args.recipients / r > 60]
    if slow:
        say(
            f"Note: {args.recipients} recipients at {', '.join(f'{r:g}/s' for r in slow)} take "
            f"{', '.join(f'{args.recipients / r:.0f} s' for r in slow)} by design (that is the rate); "
            f"--recipients lowers it."
        )
    if args.recipients < 10_000:
        say(f"Note: {args.recipients} recipients, fewer than the 10,000 of the brief.")
    overall = time.perf_counter()
    problems: list[str] = []
    outcomes: list[Outcome] = []
    with (
        capture_errors() as errors,
        tempfile.TemporaryDirectory(prefix="metodist-bench-broadcast-") as tmp_name,
    ):
        tmp = Path(tmp_name)
        say("\n1. Pace: one broadcast to everyone, the fake's limit above the configured rate\n")
        for rate in rates:
            limit = args.fake_limit if args.fake_limit is not None else fake_limit_for(rate)
            spec = Spec(f"{rate:g}/s", rate, args.recipients, limit)
            out = await run(tmp, spec, args.progress)
            outcomes.append(out)
            for line in describe(out):
                say(line)
            problems += out.problems
            if not out.pace >= TARGET * rate:
                problems.append(
                    f"PROBLEM: {spec.label}: pace {out.pace:.2f}/s = {ratio(out.pace, rate)} of the "
                    f"configured rate, below the target {TARGET}"
                )
            if out.got_429:
                problems.append(
                    f"PROBLEM: {spec.label}: {out.got_429} × 429 to the broadcast's sendMessage although the "
                    f"fake's limit ({limit:g}/s) is above the configured rate"
                )
            if out.other_429:
                problems.append(
                    f"PROBLEM: {spec.label}: {out.other_429} × 429 to other calls{where(out)} "
                    f"(per-chat limit {PER_CHAT:g}/s; the first edit of the progress message came "
                    f"{out.first_edit_after * 1000:.0f} ms after it was sent); the limiter paused every "
                    f"sender: {len(out.pause_calls)} pause calls, {out.paused:.2f} s paused"
                )
            say()
        say(table(outcomes))
        storms: list[Spec] = []
        if args.storm_recipients > 0:
            limit = args.fake_limit if args.fake_limit is not None else fake_limit_for(args.storm_rate)
            storms.append(
                Spec(
                    f"storm {args.storm_rate:g}/s injected",
                    args.storm_rate,
                    args.storm_recipients,
                    limit,
                    Storm(args.storm_bursts, args.storm_count, args.storm_retry_after),
                )
            )
            if args.storm_limit > 0:
                storms.append(
                    Spec(
                        f"storm {args.storm_rate:g}/s throttled {args.storm_limit:g}/s",
                        args.storm_rate,
                        args.storm_recipients,
                        args.storm_limit,
                    )
                )
        if storms:
            say("\n2. 429 storm\n")
        storm_outcomes = []
        for spec in storms:
            out = await run(tmp, spec, args.progress)
            storm_outcomes.append(out)
            for line in describe(out):
                say(line)
            for line in storm_lines(out):
                say(line)
            problems += out.problems
            say()
        if storm_outcomes:
            say(table(storm_outcomes))
    say_total(overall)
    if errors.records:
        problems.append(f"PROBLEM: {len(errors.records)} errors logged:")
        problems += [f"  {line}" for line in errors.records[:5]]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    say("All checks passed: every recipient got exactly one message, every row sent, nothing left queued.")
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rates",
        default="25,300",
        help="configured broadcast rates to measure, comma-separated (default 25,300)",
    )
    parser.add_argument(
        "--recipients",
        type=int,
        default=10_000,
        help="recipients per pace run (default 10000; at 25/s that is 400 s by design)",
    )
    parser.add_argument(
        "--fake-limit",
        type=float,
        help="the fake's global limit per second for every run "
        "(default: 30 below 30/s, else 4/3 of the rate)",
    )
    parser.add_argument(
        "--storm-rate", type=float, default=300.0, help="configured rate of the storms (default 300)"
    )
    parser.add_argument(
        "--storm-recipients",
        type=int,
        default=3000,
        help="recipients of each storm run (default 3000; 0: skip)",
    )
    parser.add_argument("--storm-bursts", type=int, default=3, help="bursts of injected 429s (default 3)")
    parser.add_argument("--storm-count", type=int, default=5, help="429 answers per burst (default 5)")
    parser.add_argument(
        "--storm-retry-after", type=int, default=2, help="retry_after of the injected 429s, s (default 2)"
    )
    parser.add_argument(
        "--storm-limit",
        type=float,
        default=200.0,
        help="the fake's global limit in the throttled storm, below --storm-rate (default 200; 0: skip)",
    )
    parser.add_argument(
        "--progress",
        type=float,
        default=30.0,
        help="print progress every this many seconds (default 30; 0: off)",
    )


def main(args: argparse.Namespace) -> int:
    if args.recipients < 2:
        raise SystemExit("--recipients must be at least 2")
    try:
        rates = [float(r) for r in args.rates.split(",") if r.strip()]
    except ValueError:
        raise SystemExit("--rates: numbers separated by commas, e.g. 25,300") from None
    if not rates or any(not 0 < r <= 1000 for r in rates) or not 0 < args.storm_rate <= 1000:
        raise SystemExit("rates must be in (0, 1000] (the setting's bounds)")
    if args.storm_bursts < 0 or args.storm_count < 1 or args.storm_retry_after < 1:
        raise SystemExit("--storm-bursts ≥ 0, --storm-count ≥ 1, --storm-retry-after ≥ 1")
    return asyncio.run(main_async(args))

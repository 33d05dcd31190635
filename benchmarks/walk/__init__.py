"""A long random walk over the running bot: many people tapping, typing and forging, one kill -9.

The real bot runs as production runs it — ``python -m bot`` in a subprocess, long polling over
HTTP — against the fake Bot API served from this process. A few people are set up first (the
admin from ADMIN_IDS, teachers registered through the dialogue, staff, a methodist and a mentor
through invite links the admin makes); the rest start from nothing. Then every person, all at
once, does random things one after another, each waiting for the bot's reply like a person would:

* taps a button of their newest message, or of an old one, sometimes twice in a row (a double tap);
* sends forged callback data (real data with other ids or actions, other classes, garbage);
* types hostile text (4096 characters, HTML-like ``<b>``, ``=HYPERLINK(...)``, control characters,
  emoji, right-to-left marks, an invisible character), plausible answers (names, years, dates,
  links), commands, a sticker, a photo, documents (a questionnaire, a YAML bomb, a PDF…);

and at one point the bot gets SIGKILL and is started again on the same database at once.

At the end it prints what the bot did wrong: tracebacks in its log, error answers of the Bot API
(method, description, and what the person had just done), callback queries nobody answered. It
exits 1 when there is any of these. Usage::

    python -m benchmarks walk --users 30 --actions 1500 --seed 7
    python -m benchmarks walk --users 8 --actions 300 --kill-at 150   # what tests/test_walk.py runs
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from benchmarks.walk.walking import Walk

# --- the command line --------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--users", type=int, default=30, help="simulated people besides the admin (30)")
    parser.add_argument("--actions", type=int, default=1500, help="random actions in all (1500)")
    parser.add_argument("--seed", type=int, default=1, help="the random seed (1)")
    parser.add_argument(
        "--kill-at",
        type=int,
        default=None,
        help="kill -9 before this action (default: random, mid-walk; -1: never)",
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help="an empty database (default: a SQLite file in a temporary directory)",
    )
    parser.add_argument("--redis-url", default=None, help="FSM storage in Redis (an empty database)")
    parser.add_argument(
        "--keep", type=Path, default=None, help="a directory to keep the database and bot.log in"
    )


def main(args: argparse.Namespace) -> int:
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
    walk = Walk(
        users=args.users,
        actions=args.actions,
        seed=args.seed,
        kill_at=args.kill_at,
        workdir=args.keep,
        database_url=args.database_url,
        redis_url=args.redis_url,
    )
    print(
        f"walk: {args.users} people + the admin, {args.actions} actions, seed {args.seed}, "
        f"kill -9 before action {walk.kill_at}"
    )
    report = asyncio.run(walk.run())
    print(report.render())
    return 1 if report.failed else 0

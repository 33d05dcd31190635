"""Checking an uploaded file in a child process: the bot keeps answering everyone meanwhile, and a
hostile file (a zip bomb, a billion laughs, a pathological regex) costs only the child.

Two halves, one for each side of the pipe. `limit_child` runs in the child, first thing; this
module imports nothing heavy at the top (not even asyncio) so that the child starts fast.
`run_child` runs in the bot: it feeds the file on stdin, waits at most `timeout` seconds, kills
the child on a timeout or a cancelled update, and returns what the child printed or why not.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

log = logging.getLogger(__name__)

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent


def limit_child(cpu_seconds: int, memory_bytes: int) -> None:
    """Cap the child's CPU time and address space (POSIX; elsewhere the parent's timeout holds)."""
    try:
        import resource
    except ImportError:  # not POSIX: the parent's time limit still holds
        return
    for limit, value in ((resource.RLIMIT_CPU, cpu_seconds), (resource.RLIMIT_AS, memory_bytes)):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(limit, (value, value))


@dataclass(frozen=True, slots=True)
class ChildOutcome:
    """What the child printed (`out`), or why there is nothing to read (`failure`)."""

    out: bytes = b""
    failure: Literal["too-slow", "failed"] | None = None


async def run_child(module: str, argument: str, data: bytes, *, timeout: float, what: str) -> ChildOutcome:  # noqa: ASYNC109
    """`python -m module argument` with `data` on stdin; `what` names the check in the log."""
    import asyncio  # here, not at the top: the child imports this module too and needs no loop

    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        module,
        argument,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        cwd=PROJECT_DIR,  # `-m` finds this very package, wherever the bot was started from
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(data), timeout)
    except TimeoutError:
        log.warning("%s of an upload took over %s s: stopped", what, timeout)
        return ChildOutcome(failure="too-slow")
    finally:
        if process.returncode is None:  # timed out, or the update was cancelled (shutdown)
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()
    if process.returncode != 0:
        tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or ["(no output)"]
        # The type only (before the colon): the message may quote the file's name or its text.
        log.error("%s failed with code %s: %s", what, process.returncode, tail[0].partition(":")[0][:80])
        return ChildOutcome(failure="failed")
    return ChildOutcome(out=out)

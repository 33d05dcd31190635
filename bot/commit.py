"""What waits for the commit of an update's (or a job's) transaction.

DbSessionMiddleware (and `JobRuntime.services()`) collect these around the work and run them once
it has committed: requests to Telegram whose record is in that transaction, and the outbox worker's
wake-up for the rows it queued (woken earlier, the worker would find nothing yet).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# Requests to Telegram that may only go once the update's transaction has committed (see
# `after_commit`), set by DbSessionMiddleware around each update.
Later = Callable[[], Awaitable[object]]
_after_commit: ContextVar[list[Later] | None] = ContextVar("after_commit", default=None)


@contextmanager
def committing(actions: list[Later]) -> Iterator[None]:
    token = _after_commit.set(actions)
    try:
        yield
    finally:
        _after_commit.reset(token)


async def after_commit(action: Later) -> None:
    """Do `action` once the update's changes are committed (now, outside an update).

    For a tidy-up whose record is in those changes (the previous prompt's buttons taken away, its
    id replaced in the dialogue): if the process dies before the commit, the update comes again
    and finds the same prompt — which must still have its buttons, or Telegram would refuse to
    take away what is already gone ("message is not modified")."""
    actions = _after_commit.get()
    if actions is None:
        await action()
    else:
        actions.append(action)

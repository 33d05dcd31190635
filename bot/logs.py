"""What goes into the log about a failure: where it happened, never what a person wrote."""

from __future__ import annotations

import traceback


def traceback_without_messages(exception: BaseException) -> str:
    """Where it failed, with exception types only: a message may echo what the person typed
    (a validation error's input, a database error's parameters)."""
    chain: list[BaseException] = []
    current: BaseException | None = exception
    while current is not None and all(current is not e for e in chain):
        chain.append(current)
        current = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
    lines: list[str] = []
    for error in reversed(chain):
        lines += traceback.format_tb(error.__traceback__)
        lines.append(f"{type(error).__module__}.{type(error).__qualname__}\n")
    return "".join(lines)

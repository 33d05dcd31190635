"""Reading a contest's results file staff sent (CSV or Excel) in a child process, as
`bot.services.directory_check` reads the directory: the same size, zip-bomb and row caps, a CPU and
memory limit, and the bot's loop only waits (`python -m bot.services.contest_check KIND`, started by
`read_results_file`). The child answers JSON: the rows as text cells with their line numbers, or a
refusal (a locale key `ct-import-refused-{key}`)."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any

from bot.services.directory import csv_rows
from bot.services.directory_check import (
    MAX_ROWS,
    MAX_UPLOAD_BYTES,
    FileKind,
    _decode,
    _unpacked_refusal,
    _xlsx_rows,
    size_refusal,
)
from bot.services.sandbox import limit_child, run_child

MAX_RESULT_ROWS = 5_000  # a regional contest has hundreds of participants
_CHILD_CPU_SECONDS = 10
_CHILD_MEMORY_BYTES = 1024 * 1024 * 1024
_CELL_CHARS = 300  # a name, a school, a result: more is cut


def read_bytes(data: bytes, kind: FileKind) -> dict[str, Any]:
    """What the child does: {"rows": [[line, [cells]], ...]} or {"refusal": key}."""
    if size_refusal(len(data)) is not None:
        return {"refusal": "too-big"}
    if kind is FileKind.XLSX:
        if _unpacked_refusal(data) is not None:
            return {"refusal": "broken"}
        rows = _xlsx_rows(data)
    else:
        text = _decode(data)
        if text is None or "\x00" in text:
            return {"refusal": "not-text"}
        rows = csv_rows(text)
    found: list[list[Any]] = []
    try:
        for line, cells in rows:
            if len(found) > min(MAX_ROWS, MAX_RESULT_ROWS):
                return {"refusal": "too-many-rows"}
            found.append([line, [str(c)[:_CELL_CHARS] for c in cells[:20]]])
    except csv.Error:
        return {"refusal": "broken"}
    except Exception:
        if kind is FileKind.XLSX:
            return {"refusal": "broken"}
        raise
    return {"rows": found}


async def read_results_file(
    data: bytes,
    kind: FileKind,
    *,
    timeout: float = 20.0,  # noqa: ASYNC109
) -> tuple[list[tuple[int, list[str]]], str | None]:
    """The file's rows, or why it was not read (a refusal key)."""
    if size_refusal(len(data)) is not None:
        return [], "too-big"
    outcome = await run_child(__name__, kind.value, data, timeout=timeout, what="results check")
    if outcome.failure == "too-slow":
        return [], "too-slow"
    if outcome.failure is not None:
        return [], "broken"
    try:
        answer = json.loads(outcome.out)
        if answer.get("refusal"):
            return [], str(answer["refusal"])
        return [(int(line), [str(c) for c in cells]) for line, cells in answer["rows"]], None
    except (ValueError, KeyError, TypeError, AttributeError):
        return [], "broken"


def _child() -> None:
    limit_child(_CHILD_CPU_SECONDS, _CHILD_MEMORY_BYTES)
    csv.field_size_limit(64 * 1024)
    kind = FileKind(sys.argv[1]) if len(sys.argv) > 1 else FileKind.CSV
    data = sys.stdin.buffer.read(MAX_UPLOAD_BYTES + 1)
    json.dump(read_bytes(data, kind), sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    _child()

"""Checking a directory file an admin sent to the bot (CSV or Excel), so that no file can stop it.

The rows are read by the command-line import's own rules (`bot.services.directory.parse_rows`);
what this module adds is the guard around an untrusted file:

* the size is capped (`MAX_UPLOAD_BYTES`; the bot refuses by Telegram's `file_size` before
  downloading);
* a spreadsheet is a zip archive: its entries' unpacked sizes are added up before anything is
  unpacked, so a zip bomb is refused without being opened; it is read in openpyxl's streaming mode;
* the number of rows is capped (`MAX_ROWS`);
* the check runs in a child process (`python -m bot.services.directory_check KIND`, started by
  `bot.services.directory_upload.check_upload`) with a CPU and memory limit, and the bot's event
  loop only waits for it: a child that runs too long is killed.

The answer is JSON: the good municipalities with their schools, the rows skipped and why, or a
refusal of the whole file (a locale key `dirup-refused-{key}` and its arguments).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from bot.services.directory import (
    FieldIssue,
    MunicipalityIn,
    ParsedDirectory,
    RowProblem,
    csv_rows,
    parse_rows,
)
from bot.services.sandbox import limit_child

MAX_UPLOAD_BYTES = 2 * 1024 * 1024  # a region of 1,500 schools is about 300 KB of CSV
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # a spreadsheet's XML, all entries together
MAX_ROWS = 20_000
_CHILD_CPU_SECONDS = 15
_CHILD_MEMORY_BYTES = 1024 * 1024 * 1024
_CELL_BYTES = 64 * 1024  # one CSV cell: more than any name needs (the default is 128 KB)


class FileKind(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


def kind_of(filename: str | None) -> FileKind | None:
    """By the name's ending: .csv or .xlsx (an old .xls or anything else is not read)."""
    name = (filename or "").casefold()
    for kind in FileKind:
        if name.endswith("." + kind.value):
            return kind
    return None


@dataclass(frozen=True, slots=True)
class Refusal:
    """The whole file was not read: told as `dirup-refused-{key}`."""

    key: str
    args: dict[str, str | int] = field(default_factory=dict)


@dataclass
class Checked:
    refusal: Refusal | None = None
    municipalities: list[MunicipalityIn] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rows: int = 0  # data rows read (the header aside)


class TooManyRows(Exception):
    pass


def size_refusal(size: int | None) -> Refusal | None:
    if size is not None and size > MAX_UPLOAD_BYTES:
        return Refusal("too-big", {"size": _kilobytes(size), "limit": _kilobytes(MAX_UPLOAD_BYTES)})
    return None


def _kilobytes(size: int) -> int:
    return -(-size // 1024)


def _counted(rows: Iterator[tuple[int, list[str]]], counter: list[int]) -> Iterator[tuple[int, list[str]]]:
    """The rows, counted; past the cap the reading stops (the header is not counted)."""
    for number, row in enumerate(rows):
        if number > MAX_ROWS:
            raise TooManyRows
        counter[0] = number
        yield row


def _decode(data: bytes) -> str | None:
    """UTF-8 (with or without Excel's BOM), or Windows-1251 — what Excel in Russian saves as «CSV»."""
    for encoding in ("utf-8-sig", "cp1251"):
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode(encoding)
    return None


def _cell(value: Any) -> str:
    """A spreadsheet cell as the text a CSV would hold: 12.0 → «12», a date → its ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook  # the child only: a CSV check needs none of it

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_cell(v) for v in values]
            if any(c.strip() for c in cells):
                yield number, cells
    finally:
        workbook.close()


def _unpacked_refusal(data: bytes) -> Refusal | None:
    """Not a zip archive, or one that unpacks to far more than a directory needs."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return Refusal("broken")
    if unpacked > MAX_UNPACKED_BYTES:
        return Refusal("too-big-unpacked", {"limit": MAX_UNPACKED_BYTES // (1024 * 1024)})
    return None


def check_bytes(data: bytes, kind: FileKind, source: str = "file") -> Checked:
    """What the child does: the guards, then the import's rules."""
    refusal = size_refusal(len(data))
    if refusal is not None:
        return Checked(refusal=refusal)
    counter = [0]
    if kind is FileKind.XLSX:
        refusal = _unpacked_refusal(data)
        if refusal is not None:
            return Checked(refusal=refusal)
        rows = _xlsx_rows(data)
    else:
        text = _decode(data)
        if text is None or "\x00" in text:
            return Checked(refusal=Refusal("not-text"))
        rows = csv_rows(text)
    try:
        parsed: ParsedDirectory = parse_rows(_counted(rows, counter), source)
    except TooManyRows:
        return Checked(refusal=Refusal("too-many-rows", {"limit": MAX_ROWS}))
    except csv.Error:
        return Checked(refusal=Refusal("broken"))
    except Exception:
        if kind is FileKind.XLSX:
            return Checked(refusal=Refusal("broken"))
        raise
    return Checked(municipalities=parsed.municipalities, problems=parsed.problems, rows=counter[0])


# --- the child's answer, as JSON ----------------------------------------------------------------


def to_json(checked: Checked) -> dict[str, Any]:
    return {
        "refusal": {"key": checked.refusal.key, "args": checked.refusal.args} if checked.refusal else None,
        "municipalities": [m.model_dump(mode="json") for m in checked.municipalities],
        "problems": [problem_to_json(p) for p in checked.problems],
        "rows": checked.rows,
    }


def problem_to_json(problem: RowProblem) -> dict[str, Any]:
    return {
        "line": problem.line,
        "kind": problem.kind,
        "value": problem.value,
        "issues": [
            {"column": i.column, "kind": i.kind, "english": i.english, "limit": i.limit, "value": i.value}
            for i in problem.issues
        ],
    }


def problem_from_json(data: dict[str, Any]) -> RowProblem:
    issues = tuple(
        FieldIssue(
            column=str(i["column"]),
            kind=str(i["kind"]),
            english=str(i["english"]),
            limit=int(i["limit"]),
            value=str(i["value"]),
        )
        for i in data.get("issues") or []
    )
    return RowProblem(int(data["line"]), str(data["kind"]), issues, str(data.get("value") or ""))


def from_json(data: dict[str, Any]) -> Checked:
    """The child's answer; the municipalities validated again (a millisecond: they were checked)."""
    refusal = data.get("refusal")
    if refusal:
        return Checked(refusal=Refusal(str(refusal["key"]), dict(refusal.get("args") or {})))
    return Checked(
        municipalities=[MunicipalityIn.model_validate(m) for m in data.get("municipalities") or []],
        problems=[problem_from_json(p) for p in data.get("problems") or []],
        rows=int(data.get("rows") or 0),
    )


def _child() -> None:
    limit_child(_CHILD_CPU_SECONDS, _CHILD_MEMORY_BYTES)
    csv.field_size_limit(_CELL_BYTES)
    kind = FileKind(sys.argv[1]) if len(sys.argv) > 1 else FileKind.CSV
    data = sys.stdin.buffer.read(MAX_UPLOAD_BYTES + 1)
    json.dump(to_json(check_bytes(data, kind)), sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    _child()

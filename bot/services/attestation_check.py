"""Reading the region's file of attestation orders (CSV or Excel) that staff send to the bot.

The file is untrusted: it is read in a child process (`python -m bot.services.attestation_check
KIND`, started through `bot.services.sandbox.run_child`) with the directory upload's guards — the
size capped, a spreadsheet's unpacked size summed before anything is unpacked, read in openpyxl's
streaming mode, the rows capped — and a CPU and memory limit. The answer is JSON: the rows that
read well (ФИО, the school's code or name, the category, the order's date and number) and the
lines that did not, with why; or a refusal of the whole file (`att-refused-{key}`).

Who the rows are about is decided by the bot afterwards (`bot.services.attestation.match`).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bot.domain.attestation import NAME_MAX, InvalidInput, fold, parse_category, parse_day, parse_order
from bot.services.directory import csv_rows
from bot.services.directory_check import (
    MAX_UPLOAD_BYTES,
    FileKind,
    Refusal,
    _decode,
    _unpacked_refusal,
    _xlsx_rows,
    size_refusal,
)
from bot.services.sandbox import limit_child

MAX_ROWS = 20_000
_CHILD_CPU_SECONDS = 15
_CHILD_MEMORY_BYTES = 1024 * 1024 * 1024
_CELL_BYTES = 64 * 1024

# A header's words (folded) → the column they name.
HEADERS: dict[str, str] = {
    "фио": "name",
    "ф.и.о.": "name",
    "full_name": "name",
    "фамилия имя отчество": "name",
    "педагог": "name",
    "код школы": "school_code",
    "код оо": "school_code",
    "school_code": "school_code",
    "школа": "school",
    "оо": "school",
    "образовательная организация": "school",
    "наименование оо": "school",
    "school": "school",
    "категория": "category",
    "квалификационная категория": "category",
    "category": "category",
    "дата": "date",
    "дата приказа": "date",
    "дата присвоения": "date",
    "date": "date",
    "номер приказа": "order",
    "№ приказа": "order",
    "приказ": "order",
    "order": "order",
}
REQUIRED = ("name", "category", "date", "order")


@dataclass(frozen=True, slots=True)
class OrderRow:
    line: int
    name: str
    school_code: str
    school: str
    category: str
    date: str  # ISO
    order: str


@dataclass(frozen=True, slots=True)
class BadRow:
    line: int
    key: str  # att-bad-row-{key}


@dataclass
class Read:
    refusal: Refusal | None = None
    rows: list[OrderRow] = field(default_factory=list)
    bad: list[BadRow] = field(default_factory=list)


class TooManyRows(Exception):
    pass


def _columns(header: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = HEADERS.get(fold(cell))
        if key is not None and key not in found:
            found[key] = index
    if any(k not in found for k in REQUIRED) or ("school" not in found and "school_code" not in found):
        return None
    return found


def _row(line: int, cells: list[str], columns: dict[str, int]) -> OrderRow | BadRow:
    def cell(key: str) -> str:
        index = columns.get(key)
        return " ".join(cells[index].split()) if index is not None and index < len(cells) else ""

    name = cell("name")
    if not name or len(name) > NAME_MAX:
        return BadRow(line, "name")
    if not cell("school") and not cell("school_code"):
        return BadRow(line, "school")
    category = parse_category(cell("category"))
    if category is None:
        return BadRow(line, "category")
    try:
        day = parse_day(cell("date"))
    except InvalidInput:
        return BadRow(line, "date")
    try:
        order = parse_order(cell("order"))
    except InvalidInput:
        return BadRow(line, "order")
    return OrderRow(
        line, name, cell("school_code")[:64], cell("school")[:300], category.value, day.isoformat(), order
    )


def read_rows(rows: Iterator[tuple[int, list[str]]]) -> Read:
    read = Read()
    columns: dict[str, int] | None = None
    for count, (line, cells) in enumerate(rows):
        if count > MAX_ROWS:
            raise TooManyRows
        if columns is None:
            columns = _columns(cells)
            if columns is None:
                return Read(refusal=Refusal("no-header"))
            continue
        if not any(c.strip() for c in cells):
            continue
        parsed = _row(line, cells, columns)
        if isinstance(parsed, BadRow):
            read.bad.append(parsed)
        else:
            read.rows.append(parsed)
    if columns is None:
        return Read(refusal=Refusal("no-header"))
    return read


def check_bytes(data: bytes, kind: FileKind) -> Read:
    refusal = size_refusal(len(data))
    if refusal is not None:
        return Read(refusal=refusal)
    if kind is FileKind.XLSX:
        refusal = _unpacked_refusal(data)
        if refusal is not None:
            return Read(refusal=refusal)
        rows = _xlsx_rows(data)
    else:
        text = _decode(data)
        if text is None or "\x00" in text:
            return Read(refusal=Refusal("not-text"))
        rows = csv_rows(text)
    try:
        return read_rows(rows)
    except TooManyRows:
        return Read(refusal=Refusal("too-many-rows", {"limit": MAX_ROWS}))
    except csv.Error:
        return Read(refusal=Refusal("broken"))
    except Exception:
        if kind is FileKind.XLSX:
            return Read(refusal=Refusal("broken"))
        raise


def to_json(read: Read) -> dict[str, Any]:
    return {
        "refusal": {"key": read.refusal.key, "args": read.refusal.args} if read.refusal else None,
        "rows": [[r.line, r.name, r.school_code, r.school, r.category, r.date, r.order] for r in read.rows],
        "bad": [[b.line, b.key] for b in read.bad],
    }


def from_json(data: dict[str, Any]) -> Read:
    refusal = data.get("refusal")
    if refusal:
        return Read(refusal=Refusal(str(refusal["key"]), dict(refusal.get("args") or {})))
    return Read(
        rows=[OrderRow(int(r[0]), *(str(v) for v in r[1:7])) for r in data.get("rows") or []],
        bad=[BadRow(int(b[0]), str(b[1])) for b in data.get("bad") or []],
    )


def _child() -> None:
    limit_child(_CHILD_CPU_SECONDS, _CHILD_MEMORY_BYTES)
    csv.field_size_limit(_CELL_BYTES)
    kind = FileKind(sys.argv[1]) if len(sys.argv) > 1 else FileKind.CSV
    data = sys.stdin.buffer.read(MAX_UPLOAD_BYTES + 1)
    json.dump(to_json(check_bytes(data, kind)), sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    _child()

"""XLSX exports of diagnostics results for staff. Pure rendering with openpyxl, no aiogram.

The workbook is built in openpyxl's write-only (streaming) mode, so tens of thousands of rows
take a second or two and little memory.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import numbers
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

SUMMARY_TITLE = "Сводка"
DEFAULT_TITLE = "Данные"
MAX_TITLE = 31
MAX_WIDTH = 60
MIN_WIDTH = 6
WIDTH_SAMPLE = 5000  # rows looked at to size the columns
MAX_TEXT = 32767  # characters in a cell

_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters XML 1.0 can't hold
_BOLD = Font(bold=True)
_HEADER_ALIGN = Alignment(vertical="top", wrap_text=True)


def safe_sheet_title(title: str, *, default: str = DEFAULT_TITLE) -> str:
    """A valid Excel sheet name: no []:*?/\\ or control characters, no apostrophe at either end,
    at most 31 characters, not the reserved "History"."""
    clean = _BAD_TITLE.sub("_", _ILLEGAL.sub("", title))
    clean = " ".join(clean.split()).strip("'").strip()[:MAX_TITLE].strip().strip("'")
    if not clean or clean.casefold() == "history":
        return default
    return clean


def _text(value: str) -> str:
    return _ILLEGAL.sub("", value)[:MAX_TEXT]


def _cell_value(value: object) -> object:
    """A value openpyxl writes as-is: numbers, bools, dates and text stay themselves; anything else
    becomes text. NaN and infinity become empty cells. Aware datetimes lose their zone (Excel has
    none) keeping the wall time, so convert them to the reader's zone first."""
    if type(value) is str:  # the common cases first: this runs for every cell
        return _text(value)
    if value is None or type(value) is int or type(value) is bool:
        return value
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, Enum):
        value = value.value
        if isinstance(value, str | int | float):
            return _cell_value(value)
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, numbers.Integral):  # IntEnum values, numpy integers
        return int(value)
    if isinstance(value, numbers.Real):
        return _cell_value(float(value))
    if isinstance(value, dt.datetime | dt.time):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date | dt.timedelta):
        return value
    return _text(str(value))


def _text_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 19  # openpyxl's default format: yyyy-mm-dd h:mm:ss
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, float):
        return len(f"{value:.6g}")
    return max((len(line) for line in str(value).splitlines()), default=0)


# What a portrait A4 page holds at 100 %, in Excel's column-width units (characters of the default
# font); a wider sheet is printed landscape. Either way it is fitted to the page's width.
PORTRAIT_PRINT_WIDTH = 90
A4 = 9  # openpyxl's paperSize code


def _print_layout(ws: Any, widths: Sequence[float], *, repeat_header: bool) -> None:
    """Printing a sheet gives whole rows on each page: A4, fitted to the width (as many pages down as
    needed), landscape when the columns are wider than a portrait page, the header row repeated."""
    ws.page_setup.paperSize = A4
    ws.page_setup.orientation = "landscape" if sum(widths) > PORTRAIT_PRINT_WIDTH else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if repeat_header:
        ws.print_title_rows = "1:1"


def _widths(header: Sequence[object], rows: Sequence[Sequence[object]]) -> list[float]:
    count = max([len(header), *(len(row) for row in rows[:WIDTH_SAMPLE])], default=0)
    widths = [0] * count
    for i, title in enumerate(header):
        widths[i] = int(_text_width(title) * 1.1) + 1  # bold
    for row in rows[:WIDTH_SAMPLE]:
        for i, value in enumerate(row):
            size = _text_width(value)
            if size > widths[i]:
                widths[i] = size
    return [min(MAX_WIDTH, max(MIN_WIDTH, w + 2)) for w in widths]


# Text starting with one of these is what Excel (or a CSV made from the file) reads as a formula.
FORMULA_START = frozenset("=+-@\t\r")


def _cell(ws: WriteOnlyWorksheet, value: object, *, bold: bool = False) -> object:
    """Plain values go in as they are (fast); text that looks like a formula is forced to text
    so that a name such as "=HYPERLINK(…)" is never evaluated by Excel."""
    value = _cell_value(value)
    formula_like = type(value) is str and value[:1] in FORMULA_START
    if not bold and not formula_like:
        return value
    cell = WriteOnlyCell(ws, value)
    if formula_like:
        # Stored as text, and marked so that Excel keeps it text when the cell is edited.
        cell.data_type = "s"
        cell.quotePrefix = True
    if bold:
        cell.font = _BOLD
        cell.alignment = _HEADER_ALIGN
    return cell


def add_sheet(
    wb: Workbook,
    title: str,
    header: Sequence[object],
    rows: Sequence[Sequence[object]],
    *,
    table: bool,
    bold_first: bool = False,
    plain_from: int | None = None,
) -> None:
    """`plain_from`: the columns from there on hold only ints and go in as they are (no checks)."""
    ws = wb.create_sheet(title)
    widths = _widths(header, rows)
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    _print_layout(ws, widths, repeat_header=bool(header))
    if header:
        if table:
            ws.freeze_panes = "A2"
            last = get_column_letter(len(header))
            ws.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
        ws.append([_cell(ws, value, bold=True) for value in header])
    for row in rows:
        checked = row if plain_from is None else row[:plain_from]
        cells = [_cell(ws, value, bold=bold_first and i == 0) for i, value in enumerate(checked)]
        ws.append(cells if plain_from is None else [*cells, *row[plain_from:]])


def results_xlsx(
    header: list[str],
    rows: list[list[object]],
    *,
    sheet_title: str,
    summary: list[tuple[str, object]] | None = None,
) -> bytes:
    """An .xlsx with the rows under a bold, frozen, filterable header on the first sheet and, when
    `summary` is given, its (key, value) pairs on a second sheet «Сводка».

    Values are written as given: numbers stay numbers, dates dates; text starting with "=" stays
    text. The sheet title is made valid for Excel (see `safe_sheet_title`).
    """
    title = safe_sheet_title(sheet_title)
    if summary is not None and title.casefold() == SUMMARY_TITLE.casefold():
        title = DEFAULT_TITLE
    wb = Workbook(write_only=True)
    add_sheet(wb, title, header, rows, table=True)
    if summary is not None:
        pairs = [[key, value] for key, value in summary]
        add_sheet(wb, SUMMARY_TITLE, [], pairs, table=False, bold_first=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet for `workbook`: a bold header (frozen and filterable when `table`) and rows."""

    title: str
    header: Sequence[object]
    rows: Sequence[Sequence[object]]
    table: bool = True
    bold_first: bool = False


def workbook(sheets: Sequence[Sheet]) -> bytes:
    """The one way to build a spreadsheet: every cell goes through the safe writer (formula-like
    text stays text, control characters are removed), titles are made valid and unique."""
    wb = Workbook(write_only=True)
    used: set[str] = set()
    for sheet in sheets:
        title = safe_sheet_title(sheet.title)
        base, n = title, 2
        while title.casefold() in used:
            suffix = f" ({n})"
            title, n = base[: MAX_TITLE - len(suffix)] + suffix, n + 1
        used.add(title.casefold())
        add_sheet(wb, title, sheet.header, sheet.rows, table=sheet.table, bold_first=sheet.bold_first)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()

"""Spreadsheets print whole rows per page (part 12): every sheet of the one writer gets A4, fit to
the page's width, landscape when its columns are wider than a portrait page, the header row repeated
on every page and frozen on screen, columns as wide as their content."""

from __future__ import annotations

import io

import openpyxl

from bot.services.reports import PORTRAIT_PRINT_WIDTH, Sheet, results_xlsx, workbook


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def test_a_narrow_sheet_prints_portrait_and_a_wide_one_landscape() -> None:
    narrow = Sheet("Узкий", ["Школа", "Педагогов"], [["СОШ № 1", 12]])
    wide_header = [f"Показатель номер {n}" for n in range(10)]
    wide = Sheet("Широкий", wide_header, [[f"значение {n}" for n in range(10)]])
    book = _book(workbook([narrow, wide]))
    portrait, landscape = book["Узкий"], book["Широкий"]
    assert portrait.page_setup.orientation == "portrait"
    assert landscape.page_setup.orientation == "landscape"
    widths = [landscape.column_dimensions[c].width for c in "ABCDEFGHIJ"]
    assert sum(widths) > PORTRAIT_PRINT_WIDTH
    for sheet in (portrait, landscape):
        assert sheet.page_setup.paperSize == 9
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.freeze_panes == "A2"


def test_columns_are_as_wide_as_their_content() -> None:
    rows = [["Кострома", "Муниципальное бюджетное общеобразовательное учреждение «Гимназия № 15»"]]
    sheet = _book(results_xlsx(["Город", "Школа"], rows, sheet_title="Школы")).worksheets[0]
    city, school = sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width
    assert city < school
    assert city >= len("Кострома")


def test_the_summary_sheet_prints_too_but_repeats_no_header() -> None:
    data = results_xlsx(["Имя"], [["Анна"]], sheet_title="Люди", summary=[("Всего", 1)])
    summary = _book(data)["Сводка"]
    assert summary.sheet_properties.pageSetUpPr.fitToPage is True
    assert summary.print_title_rows is None

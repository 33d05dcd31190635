"""The ИОМ as a DOCX document: pure rendering, checked by reopening the file with python-docx."""

from __future__ import annotations

import io
import time
import zipfile
from dataclasses import replace

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table

from bot.i18n import I18n
from bot.services.route_doc import (
    CELL_PAD_CM,
    CHAR_CM,
    TEXT_WIDTH_CM,
    DocStep,
    RouteDocument,
    build_docx,
    longest_word,
    step_widths_cm,
)

_ = I18n("ru").get("ru")
en = I18n("ru").get("en")

HEADER_RU = ["№", "Форма", "Содержание", "Область компетенций", "Сроки", "Статус", "Подтверждение"]

STEPS = (
    DocStep(
        number=1,
        form="Курсы повышения квалификации",
        title="Формирующее оценивание на уроках математики",
        description="72 часа, дистанционно.\nИтоговая аттестация — проект.",
        link="https://edu.example.org/courses/42",
        area="Оценивание образовательных результатов",
        period="01.12.2026 – 14.12.2026",
        status="выполнен",
        evidence=("Документ: сертификат.pdf", "Ссылка: https://edu.example.org/cert/42"),
        comment="Отличный выбор курса, поделитесь опытом на МО.",
    ),
    DocStep(
        number=2,
        form="Стажировка",
        title="Стажировка в школе № 5: цифровые инструменты",
        description="",
        link=None,
        area="Цифровые технологии в образовании",
        period="15.01.2027 – 20.01.2027",
        status="в работе",
        evidence=(),
        comment=None,
    ),
    DocStep(
        number=3,
        form="Консультация",
        title="Консультация с педагогом-психологом",
        description="Работа с тревожными учениками.",
        link="https://t.me/example",
        area="",
        period="до 28.02.2027",
        status="запланирован",
        evidence=(),
        comment=None,
    ),
)

ROUTE = RouteDocument(
    teacher_name="Иванова Мария Петровна",
    municipality="Городской округ Липецк",
    school="МБОУ СОШ № 12",
    position="учитель",
    subjects="математика, информатика",
    category="первая",
    experience="12 лет",
    period="01.12.2026 – 31.05.2027",
    goal="Освоить приёмы формирующего оценивания и цифровые инструменты обратной связи",
    status="на согласовании",
    basis_date="20.11.2026",
    basis=(
        ("Оценивание образовательных результатов", "высокий дефицит"),
        ("Цифровые технологии в образовании", "средний дефицит"),
    ),
    steps=STEPS,
    progress="1 из 3 (33%)",
    approval="Петрова Анна Сергеевна, 05.12.2026",
    comment="Маршрут реалистичный, сроки выдержаны.",
    generated="01.12.2026",
)


def reopen(data: bytes) -> Document:
    assert data[:2] == b"PK"
    return docx.Document(io.BytesIO(data))


def paragraphs(document: Document) -> list[str]:
    return [p.text for p in document.paragraphs]


def rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def steps_table(document: Document) -> Table:
    tables = document.tables
    assert len(tables) == 2
    return tables[1]


def test_title_teacher_and_route_fields() -> None:
    document = reopen(build_docx(ROUTE, _))
    title = document.paragraphs[0]
    assert title.text == "Индивидуальный образовательный маршрут педагога"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(run.bold for run in title.runs)

    teacher = rows(document.tables[0])
    assert teacher == [
        ["ФИО", "Иванова Мария Петровна"],
        ["Муниципалитет", "Городской округ Липецк"],
        ["Образовательная организация", "МБОУ СОШ № 12"],
        ["Должность", "учитель"],
        ["Предметы", "математика, информатика"],
        ["Квалификационная категория", "первая"],
        ["Педагогический стаж", "12 лет"],
    ]

    texts = paragraphs(document)
    assert "Период реализации: 01.12.2026 – 31.05.2027" in texts
    goal = next(p for p in document.paragraphs if p.text.startswith("Цель маршрута:"))
    assert goal.text == f"Цель маршрута: {ROUTE.goal}"
    assert goal.runs[0].bold and not goal.runs[-1].bold
    assert "Статус маршрута: на согласовании" in texts


def test_basis_listed_with_date() -> None:
    texts = paragraphs(reopen(build_docx(ROUTE, _)))
    heading = texts.index("Основание: результаты самодиагностики профессиональных дефицитов от 20.11.2026")
    assert texts[heading + 1 : heading + 3] == [
        "Оценивание образовательных результатов — высокий дефицит",
        "Цифровые технологии в образовании — средний дефицит",
    ]
    assert not any("без опоры" in text for text in texts)


def test_steps_table() -> None:
    document = reopen(build_docx(ROUTE, _))
    table = steps_table(document)
    grid = rows(table)
    assert len(grid) == 4
    assert grid[0] == HEADER_RU
    header = table.rows[0]
    assert all(run.bold for cell in header.cells for p in cell.paragraphs for run in p.runs)
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on every page
    assert [row[0] for row in grid[1:]] == ["1", "2", "3"]
    assert [row[1] for row in grid[1:]] == ["Курсы повышения квалификации", "Стажировка", "Консультация"]
    assert [row[4] for row in grid[1:]] == [step.period for step in STEPS]
    assert [row[5] for row in grid[1:]] == ["выполнен", "в работе", "запланирован"]
    assert [row[3] for row in grid[1:]] == [
        "Оценивание образовательных результатов",
        "Цифровые технологии в образовании",
        "—",
    ]

    first = table.rows[1].cells
    content = first[2].paragraphs
    assert content[0].text == STEPS[0].title
    assert all(run.bold for run in content[0].runs)
    assert content[1].text == STEPS[0].description  # the line break survives
    assert not any(run.bold for run in content[1].runs)
    assert content[2].text == "https://edu.example.org/courses/42"
    assert content[3].text == "Комментарий методиста: Отличный выбор курса, поделитесь опытом на МО."
    assert all(run.italic for run in content[3].runs)
    assert len(content) == 4
    assert [p.text for p in first[6].paragraphs] == [
        "Документ: сертификат.pdf",
        "Ссылка: https://edu.example.org/cert/42",
    ]

    second = table.rows[2].cells
    assert [p.text for p in second[2].paragraphs] == [STEPS[1].title]  # no description, link, comment
    assert [p.text for p in second[6].paragraphs] == ["—"]
    third = table.rows[3].cells
    assert [p.text for p in third[2].paragraphs] == [STEPS[2].title, STEPS[2].description, STEPS[2].link]


def test_progress_approval_comment_signatures() -> None:
    texts = paragraphs(reopen(build_docx(ROUTE, _)))
    tail = [text for text in texts if text][-6:]
    assert tail[0] == "Выполнено мероприятий: 1 из 3 (33%)"
    assert tail[1] == "Согласовано методистом: Петрова Анна Сергеевна, 05.12.2026"
    assert tail[2] == "Комментарий методиста: Маршрут реалистичный, сроки выдержаны."
    assert tail[3].startswith("Педагог ___") and "/ ___" in tail[3]
    assert tail[4].startswith("Методист ___") and "/ ___" in tail[4]
    assert tail[5] == "Сформировано в боте «Методист» 01.12.2026"
    assert "Маршрут ещё не согласован методистом." not in texts


def test_not_approved_no_comment_no_basis_no_steps() -> None:
    route = replace(ROUTE, approval=None, comment=None, basis=(), basis_date=None, steps=())
    document = reopen(build_docx(route, _))
    texts = paragraphs(document)
    assert "Маршрут ещё не согласован методистом." in texts
    assert not any(text.startswith("Согласовано методистом") for text in texts)
    assert not any(text.startswith("Комментарий методиста") for text in texts)
    assert "Маршрут составлен без опоры на результаты диагностики профессиональных дефицитов." in texts
    assert "Мероприятия в маршрут пока не включены." in texts
    assert len(document.tables) == 1


def test_basis_without_date() -> None:
    texts = paragraphs(reopen(build_docx(replace(ROUTE, basis_date=None), _)))
    assert "Основание: результаты самодиагностики профессиональных дефицитов" in texts
    assert "Оценивание образовательных результатов — высокий дефицит" in texts


def test_page_and_font() -> None:
    document = reopen(build_docx(ROUTE, _))
    section = document.sections[0]
    # A4 landscape: the seven columns of the steps table fit without breaking words.
    assert abs(section.page_width - Cm(29.7)) < Cm(0.01)
    assert abs(section.page_height - Cm(21)) < Cm(0.01)
    assert section.page_width > section.page_height
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert Cm(1) <= section.left_margin <= Cm(3) and Cm(1) <= section.right_margin <= Cm(3)
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size == Pt(12)
    assert document.core_properties.title == "Индивидуальный образовательный маршрут педагога"


def test_thirty_steps_fast() -> None:
    steps = tuple(
        replace(STEPS[n % 3], number=n + 1, title=f"Мероприятие {n + 1}: {STEPS[n % 3].title}")
        for n in range(30)
    )
    route = replace(ROUTE, steps=steps, progress="10 из 30 (33%)")
    start = time.perf_counter()
    data = build_docx(route, _)
    elapsed = time.perf_counter() - start
    assert elapsed < 1.0
    table = steps_table(reopen(data))
    grid = rows(table)
    assert len(grid) == 31
    assert grid[0] == HEADER_RU
    assert [row[0] for row in grid[1:]] == [str(n) for n in range(1, 31)]
    assert table.rows[30].cells[2].paragraphs[0].text.startswith("Мероприятие 30: ")


def test_control_characters_and_markup_survive() -> None:
    odd = "Иванова <b>&amp;</b> <&> \x00Мария\x07\x1b\x0b\x0c\ufffe\ud800\uffff"
    step = replace(
        STEPS[0],
        title="Курс <&> «\x01Оценивание»",
        description="Строка 1\r\nСтрока 2\tс табуляцией\x08",
        evidence=("Ссылка: https://x.example/?a=1&b=<2>", "\x02\x03"),
        comment="Ок <i>&</i>\x1f",
    )
    route = replace(ROUTE, teacher_name=odd, goal="Цель & <задача>\x0e", steps=(step,), comment="a<b>c&d\x10")
    document = reopen(build_docx(route, _))
    assert document.tables[0].rows[0].cells[1].text == "Иванова <b>&amp;</b> <&> Мария"
    texts = paragraphs(document)
    assert "Цель маршрута: Цель & <задача>" in texts
    assert "Комментарий методиста: a<b>c&d" in texts
    cells = document.tables[1].rows[1].cells
    content = [p.text for p in cells[2].paragraphs]
    assert content[0] == "Курс <&> «Оценивание»"
    assert content[1] == "Строка 1\nСтрока 2\tс табуляцией"
    assert content[-1] == "Комментарий методиста: Ок <i>&</i>"
    # An item that is nothing but control characters is dropped.
    assert [p.text for p in cells[6].paragraphs] == ["Ссылка: https://x.example/?a=1&b=<2>"]


def test_english_labels() -> None:
    document = reopen(build_docx(replace(ROUTE, approval=None), en))
    texts = paragraphs(document)
    assert texts[0] == "Teacher's Individual Professional Development Route"
    assert [row[0] for row in rows(document.tables[0])] == [
        "Full name",
        "Municipality",
        "School",
        "Position",
        "Subjects",
        "Qualification category",
        "Teaching experience",
    ]
    assert rows(document.tables[1])[0] == [
        "No.",
        "Format",
        "Content",
        "Competence area",
        "Dates",
        "Status",
        "Evidence",
    ]
    assert f"Goal of the route: {ROUTE.goal}" in texts
    assert "The route has not been approved by a methodist yet." in texts
    assert "Based on: professional needs self-assessment of 20.11.2026" in texts
    assert 'Generated by the "Methodist" bot on 01.12.2026' in texts
    content = [p.text for p in document.tables[1].rows[1].cells[2].paragraphs]
    assert content[-1] == f"Methodist's comment: {STEPS[0].comment}"
    assert not any(label in "\n".join(texts) for label in ("ФИО", "Цель маршрута", "Сформировано", "doc-"))


def test_deterministic_apart_from_timestamps() -> None:
    def parts(data: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {name: archive.read(name) for name in archive.namelist()}

    first, second = parts(build_docx(ROUTE, _)), parts(build_docx(ROUTE, _))
    assert first.keys() == second.keys()
    assert "word/document.xml" in first
    assert first == second


def test_columns_are_sized_to_their_content_and_no_word_breaks() -> None:
    """Printed from LibreOffice, the narrow columns broke «Консульт ация», «Подтвер ждение», «Стату с»:
    every column is now at least as wide as its longest word, and the content column is the widest."""
    document = reopen(build_docx(ROUTE, _))
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    table = document.tables[-1]
    widths = [cell.width for cell in table.rows[0].cells]
    grid = [column.width for column in table.columns]
    assert widths == grid  # Word reads the cells, LibreOffice the grid
    assert sum(widths) <= text_width + Cm(0.05)
    assert max(widths) == widths[2]  # the step's content
    for index, width in enumerate(widths):
        if index == 2:
            continue
        texts = [row.cells[index].text for row in table.rows]
        needed = Cm(longest_word(texts) * CHAR_CM + CELL_PAD_CM)
        assert width >= needed - 635, (texts, width, needed)  # DOCX keeps widths in twips (635 EMU)
    header = [cell.text for cell in table.rows[0].cells]
    assert "Подтверждение" in " ".join(header) or "Подтвержд" in " ".join(header)


def test_widths_follow_content() -> None:
    short = [
        ["№", "1"],
        ["Форма", "Курс"],
        ["Содержание", "x"],
        ["Область", "Цифра"],
        ["Сроки", "май"],
        ["Статус", "план"],
        ["Итог", "—"],
    ]
    long = [
        ["№", "1"],
        ["Форма", "Консультация"],
        ["Содержание", "x"],
        ["Область", "Психолого-педагогическая"],
        ["Сроки", "01.12.2026 – 14.12.2026"],
        ["Статус", "Подтверждено"],
        ["Подтверждение", "Документ"],
    ]
    narrow, wide = step_widths_cm(short), step_widths_cm(long)
    assert all(w >= n for w, n in zip(wide[:2], narrow[:2], strict=True))
    assert wide[1] >= len("Консультация") * CHAR_CM and wide[5] >= len("Подтверждено") * CHAR_CM
    assert narrow[2] > wide[2]  # what the others do not take goes to the content
    assert abs(sum(narrow) - TEXT_WIDTH_CM) < 0.05 and abs(sum(wide) - TEXT_WIDTH_CM) < 0.05

"""An individual educational route (ИОМ) as a DOCX document for the school's files.

Pure rendering with python-docx, no aiogram and no database: the caller gathers the data into a
`RouteDocument` (names, dates and statuses already formatted and localized) and gets the file's bytes.
Every fixed label comes from the `doc-*` Fluent messages (locales/*/route_doc.ftl).

The layout is what a school document usually looks like: A4 portrait, Times New Roman 12 pt, a centered
bold title, a table of the teacher's data, the basis of the route, a table of its steps (the header row
repeats on every page), the progress, the approval, signature lines and the date the file was made.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from bot.i18n import Translator
from bot.services.docx_layout import CELL_PAD_CM, CHAR_CM, longest_word, widths_cm
from bot.services.docx_layout import clean as _clean

__all__ = [
    "CELL_PAD_CM",
    "CHAR_CM",
    "DocStep",
    "RouteDocument",
    "build_docx",
    "longest_word",
    "step_widths_cm",
]

FONT = "Times New Roman"
FONT_SIZE = Pt(12)
TITLE_SIZE = Pt(14)
TABLE_SIZE = Pt(10)
# A4 landscape: the steps table has seven columns, and a portrait page made its narrow ones break
# words inside («Консульт-ация»). 26.2 cm of text width.
PAGE_WIDTH, PAGE_HEIGHT = Cm(29.7), Cm(21.0)
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = Cm(2.0), Cm(1.5), Cm(1.5), Cm(1.5)
TEXT_WIDTH_CM = 29.7 - 2.0 - 1.5
# Column widths follow their content: a column is as wide as its longest word (so no word breaks),
# within [min, max]; the step's content column takes what is left.
STEP_LIMITS_CM = ((0.9, 1.2), (2.0, 4.2), (8.0, 99.0), (2.5, 5.0), (2.2, 3.2), (2.0, 3.4), (2.6, 5.0))
CONTENT_COLUMN = 2
TEACHER_WIDTHS = (Cm(6.0), Cm(TEXT_WIDTH_CM - 6.0))
HEADER_FILL = "E7E6E6"
# Elements that follow w:shd inside w:tcPr (the schema fixes their order).
_AFTER_SHADING = (
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
)
NONE_MARK = "—"
LANGUAGES = {"ru": "ru-RU", "en": "en-US"}


@dataclass(frozen=True, slots=True)
class DocStep:
    number: int
    form: str  # already localized form name, e.g. "Курсы повышения квалификации"
    title: str
    description: str  # may be ""
    link: str | None
    area: str  # competence area title, may be ""
    period: str  # already formatted, e.g. "01.12.2026 – 14.12.2026"
    status: str  # already localized status word, e.g. "выполнен"
    evidence: tuple[str, ...]  # short localized descriptions, e.g. ("Документ: сертификат.pdf",)
    comment: str | None  # the methodist's comment on this step


@dataclass(frozen=True, slots=True)
class RouteDocument:
    teacher_name: str
    municipality: str
    school: str
    position: str
    subjects: str
    category: str
    experience: str
    period: str  # "01.12.2026 – 31.05.2027"
    goal: str
    status: str  # localized route status
    basis_date: str | None  # date of the diagnosis the route is built on, or None
    basis: tuple[tuple[str, str], ...]  # (area title, deficit level word) from that diagnosis
    steps: tuple[DocStep, ...]
    progress: str  # e.g. "3 из 7 (43%)"
    approval: str | None  # e.g. "Петрова Анна Сергеевна, 05.12.2026"; None = not approved yet
    comment: str | None  # methodist's general comment on the route, if any
    generated: str  # date the file was made, "01.12.2026"


def build_docx(doc: RouteDocument, _: Translator) -> bytes:
    """The route as a .docx file."""
    document = Document()
    _setup(document, _)

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(12)
    _add_run(title, _("doc-title"), bold=True).font.size = TITLE_SIZE

    _teacher_table(document, doc, _)

    for key, value in (("doc-period", doc.period), ("doc-goal", doc.goal), ("doc-status", doc.status)):
        _labelled(document.add_paragraph(), _(key), value)

    _basis(document, doc, _)

    heading = document.add_paragraph()
    heading.paragraph_format.space_before = Pt(6)
    heading.paragraph_format.keep_with_next = True
    _add_run(heading, _("doc-steps"), bold=True)
    if doc.steps:
        _steps_table(document, doc.steps, _)
    else:
        _add_run(document.add_paragraph(), _("doc-steps-none"))

    after = document.add_paragraph()
    after.paragraph_format.space_before = Pt(12)
    _add_run(after, _("doc-progress", progress=_clean(doc.progress)))
    if doc.approval is not None:
        _add_run(document.add_paragraph(), _("doc-approved", approval=_clean(doc.approval)))
    else:
        _add_run(document.add_paragraph(), _("doc-not-approved"))
    if doc.comment:
        _labelled(document.add_paragraph(), _("doc-comment"), doc.comment)

    for key in ("doc-sign-teacher", "doc-sign-methodist"):
        line = document.add_paragraph()
        line.paragraph_format.space_before = Pt(18)
        line.paragraph_format.keep_with_next = True
        _add_run(line, _(key))

    generated = document.add_paragraph()
    generated.paragraph_format.space_before = Pt(18)
    _add_run(generated, _("doc-generated", date=_clean(doc.generated)), italic=True).font.size = TABLE_SIZE

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- layout --------------------------------------------------------------------------------------


def _setup(document: DocxDocument, _: Translator) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = FONT_SIZE
    r_pr = normal.element.get_or_add_rPr()
    fonts = r_pr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    language = r_pr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        r_pr.insert_element_before(language, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    language.set(qn("w:val"), LANGUAGES.get(_.locale, LANGUAGES["ru"]))
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    properties = document.core_properties
    properties.title = _clean(_("doc-title"))
    properties.author = _clean(_("doc-file-author"))
    properties.last_modified_by = properties.author
    properties.comments = ""


def _teacher_table(document: DocxDocument, doc: RouteDocument, _: Translator) -> None:
    fields = (
        ("doc-teacher-name", doc.teacher_name),
        ("doc-teacher-municipality", doc.municipality),
        ("doc-teacher-school", doc.school),
        ("doc-teacher-position", doc.position),
        ("doc-teacher-subjects", doc.subjects),
        ("doc-teacher-category", doc.category),
        ("doc-teacher-experience", doc.experience),
    )
    table = _new_table(document, len(fields), TEACHER_WIDTHS)
    for row, (key, value) in zip(table.rows, fields, strict=True):
        label, text = row.cells
        _add_run(label.paragraphs[0], _(key), bold=True)
        _add_run(text.paragraphs[0], value or NONE_MARK)
    document.add_paragraph()


def _basis(document: DocxDocument, doc: RouteDocument, _: Translator) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    if not doc.basis:
        _add_run(paragraph, _("doc-basis-none"))
        return
    text = _("doc-basis", date=_clean(doc.basis_date)) if doc.basis_date else _("doc-basis-undated")
    paragraph.paragraph_format.keep_with_next = True
    _add_run(paragraph, text, bold=True)
    for area, level in doc.basis:
        item = document.add_paragraph(style="List Bullet")
        _add_run(item, _("doc-basis-item", area=_clean(area), level=_clean(level)))


def _steps_table(document: DocxDocument, steps: tuple[DocStep, ...], _: Translator) -> None:
    headers = (
        "doc-col-number",
        "doc-col-form",
        "doc-col-content",
        "doc-col-area",
        "doc-col-period",
        "doc-col-status",
        "doc-col-evidence",
    )
    columns = [
        [_(headers[0]), *(str(step.number) for step in steps)],
        [_(headers[1]), *(step.form for step in steps)],
        [_(headers[2]), *(step.title for step in steps)],
        [_(headers[3]), *(step.area for step in steps)],
        [_(headers[4]), *(step.period for step in steps)],
        [_(headers[5]), *(step.status for step in steps)],
        [_(headers[6]), *(item for step in steps for item in step.evidence)],
    ]
    widths = tuple(Cm(cm) for cm in step_widths_cm(columns))
    table = _new_table(document, 1 + len(steps), widths)
    header, *rows = table.rows
    _repeat_as_header(header)
    for cell, key in zip(header.cells, headers, strict=True):
        _shade(cell, HEADER_FILL)
        paragraph = cell.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_run(paragraph, _(key), bold=True, size=TABLE_SIZE)

    comment_label = _("doc-step-comment")
    for row, step in zip(rows, steps, strict=True):
        number, form, content, area, period, status, evidence = row.cells
        number.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_run(number.paragraphs[0], str(step.number), size=TABLE_SIZE)
        _add_run(form.paragraphs[0], step.form or NONE_MARK, size=TABLE_SIZE)

        _add_run(content.paragraphs[0], step.title, bold=True, size=TABLE_SIZE)
        if step.description.strip():
            _add_run(content.add_paragraph(), step.description.strip(), size=TABLE_SIZE)
        if step.link:
            _add_run(content.add_paragraph(), step.link, size=TABLE_SIZE)
        if step.comment:
            note = content.add_paragraph()
            note.paragraph_format.space_before = Pt(3)
            _add_run(note, f"{comment_label} {_clean(step.comment).strip()}", italic=True, size=TABLE_SIZE)

        _add_run(area.paragraphs[0], step.area or NONE_MARK, size=TABLE_SIZE)
        _add_run(period.paragraphs[0], step.period or NONE_MARK, size=TABLE_SIZE)
        _add_run(status.paragraphs[0], step.status or NONE_MARK, size=TABLE_SIZE)
        items = [item for item in step.evidence if _clean(item).strip()] or [NONE_MARK]
        for index, item in enumerate(items):
            paragraph = evidence.paragraphs[0] if index == 0 else evidence.add_paragraph()
            _add_run(paragraph, item, size=TABLE_SIZE)


def step_widths_cm(columns: Sequence[Sequence[str]]) -> list[float]:
    """Widths of the steps table's columns, in cm: each as wide as its longest word within its
    limits, the content column gets the rest of the text width."""
    return widths_cm(columns, STEP_LIMITS_CM, CONTENT_COLUMN, TEXT_WIDTH_CM)


# --- python-docx helpers -------------------------------------------------------------------------


def _add_run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: Length | None = None,
) -> Run:
    run = paragraph.add_run(_clean(text))
    if bold:
        run.bold = True
    if italic:
        run.italic = True
    if size is not None:
        run.font.size = size
    return run


def _labelled(paragraph: Paragraph, label: str, value: str) -> None:
    _add_run(paragraph, label, bold=True)
    _add_run(paragraph, f" {_clean(value).strip() or NONE_MARK}")


def _new_table(document: DocxDocument, rows: int, widths: tuple[Length, ...]) -> Table:
    table: Table = document.add_table(rows=rows, cols=len(widths))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        _set_widths(row.cells, widths)
    return table


def _set_widths(cells: Sequence[_Cell], widths: tuple[Length, ...]) -> None:
    # Word reads the widths of the cells, LibreOffice those of the grid: set both.
    for cell, width in zip(cells, widths, strict=True):
        cell.width = width


def _repeat_as_header(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().insert_element_before(shading, *_AFTER_SHADING)

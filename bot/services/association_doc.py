"""An association's plan of work for the school year as a DOCX document.

Pure rendering with python-docx (no aiogram, no database), in the manner of `route_doc`: the caller
gathers a `PlanDocument` (texts localized and formatted already) and gets the file's bytes. A4
landscape, Times New Roman; a table of №, month, form, topic, responsible person, the header row
repeated on every page, and the columns' widths following their content (`plan_widths_cm`, by the
shared `docx_layout.widths_cm`: no word broken inside, the topic takes what the others leave).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from bot.i18n import Translator
from bot.services.docx_layout import clean as _clean
from bot.services.docx_layout import widths_cm
from bot.services.route_doc import (
    FONT,
    FONT_SIZE,
    HEADER_FILL,
    TABLE_SIZE,
    TITLE_SIZE,
    _add_run,
    _new_table,
    _repeat_as_header,
    _shade,
)

__all__ = ["PlanDocument", "PlanRow", "build_plan_docx", "plan_widths_cm"]

PAGE_WIDTH, PAGE_HEIGHT = Cm(29.7), Cm(21.0)
MARGIN = Cm(2.0)
TEXT_WIDTH_CM = 29.7 - 4.0
# №, month, form, topic, responsible: each within these (cm); the topic takes the rest of the page.
PLAN_LIMITS_CM = ((0.9, 1.2), (2.2, 3.4), (2.5, 5.0), (8.0, 99.0), (3.0, 6.0))
TOPIC_COLUMN = 3


@dataclass(frozen=True, slots=True)
class PlanRow:
    month: str
    form: str
    topic: str
    responsible: str


@dataclass(frozen=True, slots=True)
class PlanDocument:
    association: str  # its name
    place: str  # its school or municipality, may be ""
    school_year: str  # "2026/2027"
    leaders: str  # names, may be ""
    rows: tuple[PlanRow, ...]
    generated: str  # the date the file was made


def plan_widths_cm(columns: Sequence[Sequence[str]]) -> list[float]:
    """Widths of the plan's columns, in cm (their texts, headers included, in `columns`)."""
    return widths_cm(columns, PLAN_LIMITS_CM, TOPIC_COLUMN, TEXT_WIDTH_CM)


def build_plan_docx(doc: PlanDocument, _: Translator) -> bytes:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = FONT_SIZE
    normal.paragraph_format.space_after = Pt(0)
    properties = document.core_properties
    properties.title = _clean(_("as-doc-title"))
    properties.author = _clean(_("doc-file-author"))
    properties.comments = ""

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_run(title, _("as-doc-title"), bold=True).font.size = TITLE_SIZE
    name = document.add_paragraph()
    name.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_run(name, doc.association, bold=True).font.size = TITLE_SIZE
    sub = document.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.paragraph_format.space_after = Pt(12)
    _add_run(sub, _("as-doc-year", year=doc.school_year) + (f" · {doc.place}" if doc.place else ""))
    if doc.leaders:
        _add_run(document.add_paragraph(), _("as-doc-leaders", names=doc.leaders))
        document.add_paragraph()

    headers = [
        _(k)
        for k in ("as-doc-col-n", "as-doc-col-month", "as-doc-col-form", "as-doc-col-topic", "as-doc-col-who")
    ]
    if not doc.rows:
        _add_run(document.add_paragraph(), _("as-doc-empty"))
    else:
        numbers = [str(i) for i in range(1, len(doc.rows) + 1)]
        columns = [
            [headers[0], *numbers],
            [headers[1], *(r.month for r in doc.rows)],
            [headers[2], *(r.form for r in doc.rows)],
            [headers[3], *(r.topic for r in doc.rows)],
            [headers[4], *(r.responsible for r in doc.rows)],
        ]
        widths = tuple(Cm(cm) for cm in plan_widths_cm(columns))
        table = _new_table(document, 1 + len(doc.rows), widths)
        header, *rows = table.rows
        _repeat_as_header(header)
        for cell, text in zip(header.cells, headers, strict=True):
            _shade(cell, HEADER_FILL)
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _add_run(cell.paragraphs[0], text, bold=True, size=TABLE_SIZE)
        for row, number, item in zip(rows, numbers, doc.rows, strict=True):
            for cell, text in zip(
                row.cells, (number, item.month, item.form, item.topic, item.responsible), strict=True
            ):
                _add_run(cell.paragraphs[0], text, size=TABLE_SIZE)

    generated = document.add_paragraph()
    generated.paragraph_format.space_before = Pt(18)
    _add_run(generated, _("doc-generated", date=_clean(doc.generated)), italic=True).font.size = Pt(10)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

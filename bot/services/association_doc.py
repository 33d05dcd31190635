"""An association's plan of work for the school year as a DOCX document.

Pure rendering with python-docx (no aiogram, no database), in the manner of `route_doc`: the caller
gathers a `PlanDocument` (texts localized and formatted already) and gets the file's bytes. A4
landscape, Times New Roman; a table of №, month, form, topic, responsible person, the header row
repeated on every page, and the columns' widths following their content (`column_widths`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Emu, Length, Pt

from bot.i18n import Translator
from bot.services.route_doc import (
    FONT,
    FONT_SIZE,
    HEADER_FILL,
    TITLE_SIZE,
    _add_run,
    _clean,
    _new_table,
    _repeat_as_header,
    _shade,
)

__all__ = ["PlanDocument", "PlanRow", "build_plan_docx", "column_widths"]

PAGE_WIDTH, PAGE_HEIGHT = Cm(29.7), Cm(21.0)
MARGIN = Cm(2.0)
TEXT_WIDTH = Cm(29.7 - 4.0)
TABLE_SIZE = Pt(11)
# Each column between these: a number needs little, a topic may take most of the page.
MIN_WIDTH = Cm(1.2)
MAX_SHARE = 0.55


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


def column_widths(columns: Sequence[Sequence[str]], total: int = TEXT_WIDTH) -> tuple[Length, ...]:
    """Widths proportional to each column's longest line (its header included), none narrower than
    `MIN_WIDTH` nor wider than `MAX_SHARE` of the page, summing to `total`."""
    longest = [
        max((len(line) for text in column for line in (text or "").split("\n")), default=1)
        for column in columns
    ]
    weights = [max(n, 2) for n in longest]
    widths = [total * w / sum(weights) for w in weights]
    widths = [min(max(w, MIN_WIDTH), total * MAX_SHARE) for w in widths]
    scale = total / sum(widths)
    return tuple(Emu(int(w * scale)) for w in widths)


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
        table = _new_table(document, 1 + len(doc.rows), column_widths(columns))
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

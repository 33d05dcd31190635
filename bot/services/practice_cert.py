"""«Справка об экспертизе»: the certificate of a published practice, as a DOCX file.

Pure rendering with python-docx, as `bot/services/route_doc.py`: no aiogram, no database. The service
gathers a `Certificate` (criterion keys, means, dates); `build_certificate` names the criteria from
`names` (the sheet's, in the reader's language) and takes every fixed label from the `xp-cert-*`
Fluent messages. No expert is named: the review is blind both ways (the author reads comments, not
names), and the certificate speaks for the pool, not for persons.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from bot.i18n import Translator

__all__ = ["CertRow", "Certificate", "build_certificate"]

FONT = "Times New Roman"
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class CertRow:
    key: str  # the criterion of the sheet
    mean: float
    max_points: int


@dataclass(frozen=True, slots=True)
class Certificate:
    number: str  # "<practice>-<round>"
    title: str
    author: str
    school: str | None
    municipality: str | None
    subjects: tuple[str, ...]  # subject keys
    form: str | None  # the practice's form key
    decided_on: date
    experts: int
    rows: tuple[CertRow, ...]
    mean_total: float
    max_total: int
    threshold: int


def _clean(text: str) -> str:
    return _ILLEGAL.sub("", text).replace("\r\n", "\n")


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def build_certificate(cert: Certificate, names: Mapping[str, str], _: Translator) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    document.core_properties.title = _clean(_("xp-cert-title"))
    document.core_properties.author = _clean(_("doc-file-author"))
    document.core_properties.comments = ""

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(_clean(_("xp-cert-title")))
    run.bold = True
    run.font.size = Pt(14)
    sub = document.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(_clean(_("xp-cert-number", number=cert.number)))

    subjects = ", ".join(_(f"subject-{s}") for s in cert.subjects) or "—"
    fields = (
        (_("xp-cert-practice"), cert.title),
        (_("xp-cert-author"), cert.author),
        (_("xp-cert-school"), cert.school or "—"),
        (_("xp-cert-municipality"), cert.municipality or "—"),
        (_("xp-cert-subjects"), subjects),
        (_("xp-cert-form"), _(f"xp-form-{cert.form}") if cert.form else "—"),
        (_("xp-cert-date"), cert.decided_on.strftime("%d.%m.%Y")),
    )
    table = document.add_table(rows=len(fields), cols=2)
    table.style = "Table Grid"
    for row, (label, value) in zip(table.rows, fields, strict=True):
        row.cells[0].text = _clean(label)
        row.cells[1].text = _clean(value)

    document.add_paragraph()
    decision = document.add_paragraph()
    decision.add_run(_clean(_("xp-cert-decision", experts=cert.experts))).bold = True

    scores = document.add_table(rows=len(cert.rows) + 2, cols=2)
    scores.style = "Table Grid"
    scores.rows[0].cells[0].text = _clean(_("xp-cert-criterion"))
    scores.rows[0].cells[1].text = _clean(_("xp-cert-mean"))
    for row, item in zip(scores.rows[1:], cert.rows, strict=False):
        row.cells[0].text = _clean(names.get(item.key, item.key))
        row.cells[1].text = f"{_number(item.mean)} / {item.max_points}"
    last = scores.rows[-1]
    last.cells[0].text = _clean(_("xp-cert-total"))
    last.cells[1].text = f"{_number(cert.mean_total)} / {cert.max_total}"

    document.add_paragraph()
    document.add_paragraph(_clean(_("xp-cert-rule", threshold=cert.threshold, max=cert.max_total)))
    document.add_paragraph(_clean(_("xp-cert-iom")))

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

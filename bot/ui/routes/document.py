"""The route as a document (DOCX) and its evidence files, sent to whoever asked for them."""

from __future__ import annotations

import asyncio
from datetime import datetime
from html import escape

from aiogram import Bot
from aiogram.types import BufferedInputFile

from bot.domain.routes import (
    EvidenceKind,
    StepStatus,
)
from bot.i18n import Translator
from bot.services import route_doc
from bot.services.route_doc import DocStep, RouteDocument
from bot.services.routes import Basis, ordered_steps, route_progress
from bot.ui.admin import local_time
from bot.ui.diagnosis import level_word
from bot.ui.routes.common import d
from storage.models import Route, RouteStep, StepEvidence, User

# --- the document --------------------------------------------------------------------------------


def route_document(
    route: Route,
    teacher: User,
    found: Basis | None,
    titles: dict[str, str],
    reviewer: User | None,
    now: datetime,
    tz: str,
    _: Translator,
) -> RouteDocument:
    dash = "—"
    subjects = ", ".join(_(f"subject-{s.subject}") for s in teacher.subjects) or dash
    school = teacher.school.name if teacher.school else (teacher.school_note or dash)
    p = route_progress(route)
    steps = tuple(
        DocStep(
            number=i + 1,
            form=_(f"form-{s.form}"),
            title=s.title,
            description=s.description or "",
            link=s.link,
            area=titles.get(s.area or "", ""),
            period=f"{d(s.planned_start)} – {d(s.planned_end)}",
            status=_(f"step-status-{s.status}")
            + (f" ({s.drop_reason})" if s.drop_reason and s.status is StepStatus.DROPPED else ""),
            evidence=tuple(_plain_evidence(e, _) for e in s.evidence),
            comment=s.comment,
        )
        for i, s in enumerate(ordered_steps(route))
    )
    approval = None
    if route.approved_at is not None:
        approval = _(
            "doc-approval-value",
            name=reviewer.full_name if reviewer and reviewer.full_name else dash,
            date=local_time(route.approved_at, tz)[:10],
        )
    return RouteDocument(
        teacher_name=teacher.full_name or dash,
        municipality=teacher.municipality.name if teacher.municipality else dash,
        school=school,
        position=_(f"position-{teacher.position}") if teacher.position else dash,
        subjects=subjects,
        category=_(f"category-{teacher.category}") if teacher.category else dash,
        experience=_("doc-experience-value", years=teacher.experience_years)
        if teacher.experience_years is not None
        else dash,
        period=f"{d(route.period_start)} – {d(route.period_end)}",
        goal=route.goal or dash,
        status=_(f"route-status-{route.status}"),
        basis_date=local_time(found.attempt.finished_at, tz)[:10]
        if found and found.attempt.finished_at
        else None,
        basis=tuple((r.title, level_word(r.level, _)) for r in found.results) if found else (),
        steps=steps,
        progress=_("doc-progress-value", done=p.done, total=p.active, percent=p.percent),
        approval=approval,
        comment=route.review_comment,
        generated=local_time(now, tz)[:10],
    )


def _plain_evidence(evidence: StepEvidence, _: Translator) -> str:
    if evidence.kind is EvidenceKind.PHOTO:
        return _("evidence-photo")
    if evidence.kind is EvidenceKind.DOCUMENT:
        return _("evidence-document", name=evidence.file_name or "—")
    if evidence.kind is EvidenceKind.LINK:
        return _("evidence-link", link=evidence.text or "")
    return _("evidence-text", text=evidence.text or "")


async def send_document(
    bot: Bot, chat_id: int, document: RouteDocument, filename: str, _: Translator
) -> None:
    """The route as a DOCX, built off the event loop."""
    data = await asyncio.to_thread(route_doc.build_docx, document, _)
    await bot.send_document(chat_id, BufferedInputFile(data, filename=filename), caption=_("export-caption"))


def document_name(route: Route, teacher: User) -> str:
    surname = (teacher.full_name or "route").split(" ")[0]
    return f"IOM_{surname}_{route.period_start.year}.docx"


async def send_evidence_files(bot: Bot, chat_id: int, step: RouteStep) -> None:
    """Evidence files are resent by their Telegram file_id: nothing is downloaded or kept here."""
    for evidence in step.evidence:
        if evidence.file_id is None:
            continue
        caption = escape(evidence.text or "")[:1000] or None
        if evidence.kind is EvidenceKind.PHOTO:
            await bot.send_photo(chat_id, evidence.file_id, caption=caption)
        else:
            await bot.send_document(chat_id, evidence.file_id, caption=caption)

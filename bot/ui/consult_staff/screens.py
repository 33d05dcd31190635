"""Staff's «💬 Консультации»: counts and the questions that need staff, one question, the methodists
who may take it (least loaded first), the report."""

from __future__ import annotations

from html import escape

from bot.callbacks import ConsultStaffAction, ConsultStaffCD, MenuCD, Section
from bot.domain.consult_staff import RATINGS, Group, Period
from bot.i18n import Translator
from bot.services.consult_staff.views import Candidates, Home, Moved, QuestionCard, Report
from bot.ui.consult_staff.common import at, hours, percent, subject, topic, who
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from storage.repositories.consult_staff import QuestionRow

A = ConsultStaffAction
QUESTION_ON_CARD = 800
BUTTON = 60
MUNICIPALITIES_ON_SCREEN = 10


def _cd(action: ConsultStaffAction, **values: int | str) -> ConsultStaffCD:
    return ConsultStaffCD(action=action, **values)


def _pager(kb: Keyboard, action: ConsultStaffAction, page: int, pages: int, **values: int) -> int:
    """◀️ / ▶️ when there are pages; how many buttons it added."""
    added = 0
    if page > 0:
        kb.button(text="◀️", callback_data=_cd(action, pg=page - 1, **values))
        added += 1
    if page + 1 < pages:
        kb.button(text="▶️", callback_data=_cd(action, pg=page + 1, **values))
        added += 1
    return added


def _state(row: QuestionRow, _: Translator) -> str:
    q = row.question
    if q.methodist_id is None:
        return _("cst-state-unrouted")
    return _("cst-state-overdue", methodist=who(row.methodist))


def home_screen(view: Home, _: Translator, zone: str, note: str | None = None) -> Screen:
    c = view.counts
    lines = [
        _("cst-title"),
        _("cst-count-open", count=c.open),
        _("cst-count-overdue", count=c.overdue),
        _("cst-count-unrouted", count=c.unrouted),
    ]
    kb = Keyboard()
    sizes: list[int] = []
    if view.rows:
        lines += ["", _("cst-attention")]
        for row in view.rows:
            q = row.question
            lines.append(
                _(
                    "cst-attention-line",
                    id=q.id,
                    topic=topic(q.topic, _),
                    place=who(row.municipality),
                    asked=at(q.created_at, row.timezone or zone),
                    state=_state(row, _),
                )
            )
            label = _("cst-btn-question", id=q.id, topic=topic(q.topic, _))
            kb.button(text=shorten(label, BUTTON), callback_data=_cd(A.OPEN, q=q.id))
            sizes.append(1)
    else:
        lines += ["", _("cst-attention-none")]
    paging = _pager(kb, A.HOME, view.page, view.pages)
    if paging:
        sizes.append(paging)
    kb.button(text=_("cst-btn-report-month"), callback_data=_cd(A.REPORT, p=Period.MONTH.value))
    kb.button(text=_("cst-btn-report-year"), callback_data=_cd(A.REPORT, p=Period.YEAR.value))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    sizes += [1, 1, 1]
    kb.adjust(*sizes)
    text = "\n".join(lines)
    return ((note + "\n\n" + text) if note else text), kb.as_markup()


def question_screen(view: QuestionCard, _: Translator, zone: str) -> Screen:
    row = view.row
    q = row.question
    where = row.timezone or zone
    if q.status != "open":
        state = _("cst-card-closed", at=at(q.closed_at, where))
    elif q.methodist_id is None:
        state = _("cst-state-unrouted")
    elif q.first_answer_at is not None:
        state = _("cst-card-answered", at=at(q.first_answer_at, where))
    elif q.due_at is not None and q.due_at <= view.now:
        state = _("cst-card-overdue")
    else:
        state = _("cst-card-waiting")
    lines = [
        _("cst-card-title", id=q.id),
        _("cst-card-topic", topic=topic(q.topic, _)),
        _("cst-card-subject", subject=subject(q.subject, _)),
        _("cst-card-teacher", name=who(row.teacher)),
        _("cst-card-place", place=who(row.municipality)),
        _("cst-card-methodist", name=who(row.methodist) if q.methodist_id else _("cst-nobody")),
        _("cst-card-asked", at=at(q.created_at, where)),
        _("cst-card-due", at=at(q.due_at, where)),
        state,
    ]
    if view.text:
        lines += ["", "<blockquote>" + escape(shorten(view.text, QUESTION_ON_CARD)) + "</blockquote>"]
    kb = Keyboard()
    if q.status == "open":
        kb.button(text=_("cst-btn-pass"), callback_data=_cd(A.PICK, q=q.id, f=q.methodist_id or 0))
    kb.button(text=_("btn-back"), callback_data=_cd(A.HOME))
    kb.adjust(1)
    return "\n".join(lines), kb.as_markup()


def candidates_screen(view: Candidates, _: Translator) -> Screen:
    q = view.row.question
    lines = [_("cst-pick-title", id=q.id, topic=topic(q.topic, _), place=who(view.row.municipality))]
    kb = Keyboard()
    sizes: list[int] = []
    if not view.methodists:
        lines.append(_("cst-pick-none"))
    else:
        lines.append(_("cst-pick-hint"))
    for m in view.shown:
        label = _("cst-btn-methodist", name=m.name or "—", count=m.open)
        kb.button(
            text=shorten(label, BUTTON), callback_data=_cd(A.MOVE, q=q.id, f=q.methodist_id or 0, m=m.user_id)
        )
        sizes.append(1)
    paging = _pager(kb, A.PICK, view.page, view.pages, q=q.id, f=q.methodist_id or 0)
    if paging:
        sizes.append(paging)
    kb.button(text=_("btn-back"), callback_data=_cd(A.OPEN, q=q.id))
    sizes.append(1)
    kb.adjust(*sizes)
    return "\n".join(lines), kb.as_markup()


def moved_note(view: Moved, _: Translator) -> str:
    return _("cst-moved", id=view.question_id, name=who(view.to))


def _group_line(g: Group, label: str, _: Translator) -> str:
    return _(
        "cst-report-group" if g.median_hours is not None else "cst-report-group-unanswered",
        label=label,
        asked=g.asked,
        answered=g.answered,
        median=hours(g.median_hours),
        share=percent(g.within / g.judged if g.judged else None),
    )


def report_screen(view: Report, _: Translator) -> Screen:
    f = view.figures
    lines = [
        _("cst-report-title"),
        _(f"cst-report-period-{view.period.value}", since=view.since.strftime("%d.%m.%Y")),
        "",
        _("cst-report-asked", count=f.asked, open=f.open, answered=f.answered),
        *(
            [
                _("cst-report-median", hours=hours(f.median_hours)),
                _("cst-report-p90", hours=hours(f.p90_hours)),
            ]
            if f.answered
            else [_("cst-report-no-answers")]
        ),
        _("cst-report-within", share=percent(f.within_share), within=f.within, judged=f.judged),
    ]
    mean = f.mean_rating
    lines.append(
        _("cst-report-rating", mean=hours(mean), count=f.rated)
        if mean is not None
        else _("cst-report-no-rating")
    )
    if f.rated:
        lines.append(" · ".join(f"{r}★ {f.ratings[r]}" for r in RATINGS))
    if f.by_topic:
        lines += ["", _("cst-report-by-topic")]
        lines += [_group_line(g, topic(g.key, _), _) for g in f.by_topic]
    if f.by_municipality:
        lines += ["", _("cst-report-by-place")]
        for g in f.by_municipality[:MUNICIPALITIES_ON_SCREEN]:
            lines.append(_group_line(g, escape(g.key) if g.key else _("cst-place-unknown"), _))
        if len(f.by_municipality) > MUNICIPALITIES_ON_SCREEN:
            lines.append(_("cst-report-more", count=len(f.by_municipality) - MUNICIPALITIES_ON_SCREEN))
    lines += ["", _("cst-report-how")]
    kb = Keyboard()
    other = Period.YEAR if view.period is Period.MONTH else Period.MONTH
    kb.button(text=_("cst-btn-xlsx"), callback_data=_cd(A.XLSX, p=view.period.value))
    kb.button(text=_(f"cst-btn-report-{other.value}"), callback_data=_cd(A.REPORT, p=other.value))
    kb.button(text=_("btn-back"), callback_data=_cd(A.HOME))
    kb.adjust(1)
    return "\n".join(lines), kb.as_markup()

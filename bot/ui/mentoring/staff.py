"""Staff's screens: the home with coverage and risk, matching and proposals, another mentor, pairs
at risk, one pair, applications, the report."""

from __future__ import annotations

from html import escape

from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer

from bot.callbacks import MenuCD, PairAction, PairCD, Section
from bot.domain.mentoring import PairStatus
from bot.i18n import Translator
from bot.services.mentoring.report import PairRow, Report
from bot.services.mentoring.views import (
    Applications,
    MatchScope,
    OtherMentors,
    Outcome,
    ProposalCard,
    Proposals,
    StaffHome,
    StaffPairCard,
)
from bot.ui.diagnosis import clip
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.mentoring.common import PAGE, PAIR_MARK, name, person_card, reasons_text
from bot.ui.messaging import Screen, show


def staff_home(view: StaffHome, _: Translator, note: str | None = None) -> Screen:
    report, applications = view.report, view.applications
    lines = [
        _("mts-pairs-title"),
        _("mts-coverage", covered=report.covered, youngs=report.youngs, share=report.coverage),
        _("mts-pairs-active", count=len(report.pairs)),
        _("mts-pairs-risk", count=len(report.at_risk)),
    ]
    if report.proposed:
        lines.append(_("mts-pairs-proposed", count=report.proposed))
    kb = Keyboard()
    kb.button(text=_("mts-btn-match"), callback_data=PairCD(action=PairAction.MATCH))
    if report.proposed:
        kb.button(
            text=_("mts-btn-proposals", count=report.proposed),
            callback_data=PairCD(action=PairAction.PROPOSALS),
        )
    if report.at_risk:
        kb.button(
            text=_("mts-btn-risk", count=len(report.at_risk)), callback_data=PairCD(action=PairAction.RISK)
        )
    if applications:
        kb.button(
            text=_("mts-btn-applications", count=applications), callback_data=PairCD(action=PairAction.APPS)
        )
    kb.button(text=_("mts-btn-report"), callback_data=PairCD(action=PairAction.REPORT))
    kb.button(text=_("mts-btn-xlsx"), callback_data=PairCD(action=PairAction.XLSX))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    text = "\n".join(lines)
    return ((note + "\n\n" + text) if note else text), kb.as_markup()


def match_scope_screen(view: MatchScope, _: Translator) -> Screen:
    municipalities = view.municipalities
    kb = Keyboard()
    kb.button(text=_("mts-scope-region"), callback_data=PairCD(action=PairAction.MATCH_IN, m=0))
    for municipality in municipalities[:40]:
        kb.button(
            text=shorten(municipality.name, 60),
            callback_data=PairCD(action=PairAction.MATCH_IN, m=municipality.id),
        )
    kb.button(text=_("btn-back"), callback_data=PairCD(action=PairAction.HOME))
    kb.adjust(1, 2)
    return _("mts-scope-prompt"), kb.as_markup()


def proposals_screen(view: Proposals, _: Translator) -> Screen:
    pairs, people, unmatched, page = view.pairs, view.people, view.unmatched, view.page
    pages = max(1, (len(pairs) + PAGE - 1) // PAGE)
    page = min(max(page, 0), pages - 1)
    chunk = pairs[page * PAGE : (page + 1) * PAGE]
    lines = [_("mts-proposals-title", count=len(pairs))]
    if unmatched:
        lines.append(_("mts-unmatched", count=unmatched))
    kb = Keyboard()
    for pair in chunk:
        mentee, mentor = people.get(pair.mentee_id), people.get(pair.mentor_id)
        lines.append(
            _(
                "mts-proposal-line",
                mentee=name(mentee),
                mentor=name(mentor),
                reasons=reasons_text(pair.reasons, _),
            )
        )
        kb.button(
            text=shorten(f"💡 {(mentee.full_name if mentee else '—') or '—'}", 60),
            callback_data=PairCD(action=PairAction.PROPOSAL, p=pair.id, pg=page),
        )
    sizes = [1] * len(chunk)
    nav = kb.pager(page, pages, lambda n: PairCD(action=PairAction.PROPOSALS, pg=n))
    if nav:
        sizes.append(nav)
    if pages > 1:
        lines.append(_("route-page", page=page + 1, pages=pages))
    if pairs:
        kb.button(
            text=_("mts-btn-confirm-all", count=len(pairs)),
            callback_data=PairCD(action=PairAction.CONFIRM_ALL),
        )
        sizes.append(1)
    kb.button(text=_("btn-back"), callback_data=PairCD(action=PairAction.HOME))
    sizes.append(1)
    kb.adjust(*sizes)
    return clip("\n".join(lines)), kb.as_markup()


def proposal_screen(view: ProposalCard, _: Translator) -> Screen:
    pair, mentee, mentor, load, capacity, page = (
        view.pair,
        view.mentee,
        view.mentor,
        view.load,
        view.capacity,
        view.page,
    )
    lines = [
        _("mts-proposal-title"),
        "",
        _("mts-proposal-young"),
        *person_card(mentee, _),
        "",
        _("mts-proposal-mentor", load=load, capacity=capacity),
        *person_card(mentor, _),
        "",
        _("mts-proposal-why", reasons=reasons_text(pair.reasons, _)),
    ]
    kb = Keyboard()
    kb.button(text=_("mts-btn-confirm"), callback_data=PairCD(action=PairAction.CONFIRM, p=pair.id, pg=page))
    kb.button(text=_("mts-btn-other"), callback_data=PairCD(action=PairAction.OTHERS, p=pair.id, pg=page))
    kb.button(text=_("mts-btn-reject"), callback_data=PairCD(action=PairAction.REJECT, p=pair.id, pg=page))
    kb.button(text=_("btn-back"), callback_data=PairCD(action=PairAction.PROPOSALS, pg=page))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def others_screen(view: OtherMentors, _: Translator) -> Screen:
    pair, options, page = view.pair, view.options, view.page
    kb = Keyboard()
    lines = [_("mts-others-title")]
    for mentor, _value, reasons, load, capacity in options[:10]:
        lines.append(
            _(
                "mts-other-line",
                name=name(mentor),
                reasons=reasons_text(reasons, _),
                load=load,
                capacity=capacity,
            )
        )
        kb.button(
            text=f"{shorten(mentor.full_name or '—', 44)} · {load}/{capacity}",
            callback_data=PairCD(action=PairAction.PICK, p=pair.id, m=mentor.id, pg=page),
        )
    if not options:
        lines.append(_("mts-others-none"))
    kb.button(text=_("btn-back"), callback_data=PairCD(action=PairAction.PROPOSAL, p=pair.id, pg=page))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def risk_screen(rows: list[PairRow], _: Translator) -> Screen:
    lines = [_("mts-risk-title")]
    kb = Keyboard()
    for row in rows[:20]:
        lines.append(
            _("mts-risk-line", mentor=name(row.mentor), mentee=name(row.mentee), meetings=row.meetings)
        )
        kb.button(
            text=f"⚠️ {shorten(row.mentee.full_name or '—', 50)}",
            callback_data=PairCD(action=PairAction.PAIR, p=row.pair.id),
        )
    kb.button(text=_("btn-back"), callback_data=PairCD(action=PairAction.HOME))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def staff_pair_screen(view: StaffPairCard, _: Translator) -> Screen:
    pair, mentee, mentor, meetings = view.pair, view.mentee, view.mentor, view.meetings
    lines = [
        _("mts-pair-title", mark=PAIR_MARK[PairStatus(pair.status)], status=_(f"mn-status-{pair.status}")),
        _("mts-pair-people", mentor=name(mentor), mentee=name(mentee)),
        _("mn-pair-meetings", count=meetings),
    ]
    if pair.fit_answer:
        lines.append(_("mts-pair-fit", answer=_(f"mn-fit-{pair.fit_answer}")))
    kb = Keyboard()
    status = PairStatus(pair.status)
    if status is PairStatus.ACTIVE:
        kb.button(text=_("mts-btn-pause"), callback_data=PairCD(action=PairAction.PAUSE, p=pair.id))
    if status is PairStatus.PAUSED:
        kb.button(text=_("mts-btn-resume"), callback_data=PairCD(action=PairAction.RESUME, p=pair.id))
    if status in (PairStatus.ACTIVE, PairStatus.PAUSED):
        kb.button(text=_("mts-btn-complete"), callback_data=PairCD(action=PairAction.COMPLETE, p=pair.id))
        kb.button(text=_("mts-btn-rematch"), callback_data=PairCD(action=PairAction.REMATCH, p=pair.id))
    kb.button(text=_("btn-back"), callback_data=PairCD(action=PairAction.HOME))
    kb.adjust(1)
    return "\n".join(lines), kb.as_markup()


def applications_screen(view: Applications, _: Translator) -> Screen:
    rows = view.rows
    lines = [_("mts-apps-title", count=len(rows))]
    kb = Keyboard()
    for application, user in rows[:10]:
        lines.append(
            _(
                "mts-app-line",
                name=name(user),
                capacity=application.capacity,
                about=escape(application.about or "—"),
            )
        )
        kb.button(
            text=_("mts-btn-approve", name=shorten(user.full_name or "—", 40)),
            callback_data=PairCD(action=PairAction.APPROVE, a=application.id),
        )
        kb.button(
            text=_("mts-btn-decline"), callback_data=PairCD(action=PairAction.DECLINE, a=application.id)
        )
    kb.button(text=_("btn-back"), callback_data=PairCD(action=PairAction.HOME))
    kb.adjust(*([2] * min(len(rows), 10)), 1)
    return clip("\n".join(lines)), kb.as_markup()


def report_text(report: Report, _: Translator) -> str:
    lines = [
        _("mts-report-title"),
        _("mts-coverage", covered=report.covered, youngs=report.youngs, share=report.coverage),
        _("mts-pairs-active", count=len(report.pairs)),
        _("mts-pairs-risk", count=len(report.at_risk)),
        _("mts-report-per-month", value=report.per_month if report.per_month is not None else "—"),
        _("mts-report-rating", value=report.rating if report.rating is not None else "—"),
        "",
        _("mts-report-mentors", count=len(report.mentors)),
    ]
    for load in sorted(report.mentors, key=lambda m: (-m.load, m.mentor.full_name or ""))[:15]:
        lines.append(_("mts-report-mentor", name=name(load.mentor), load=load.load, capacity=load.capacity))
    a = report.adaptation
    lines += ["", _("mts-report-adaptation", answered=a.answered)]
    if a.answered:
        lines.append(_("mts-report-support", value=a.support_avg if a.support_avg is not None else "—"))
        lines.append(_("mts-report-overloaded", count=a.overloaded))
        lines.append(_("mts-report-may-leave", count=a.may_leave))
    return clip("\n".join(lines))


def report_screen(report: Report, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("mts-btn-xlsx"), callback_data=PairCD(action=PairAction.XLSX))
    kb.button(text=_("btn-back"), callback_data=PairCD(action=PairAction.HOME))
    kb.adjust(1)
    return report_text(report, _), kb.as_markup()


def staff_screen(view: object, _: Translator, note: str | None = None) -> Screen:
    """Any of staff's views; `note` (said already) is put above the home screen."""
    if isinstance(view, StaffHome):
        return staff_home(view, _, note)
    if isinstance(view, Proposals):
        return proposals_screen(view, _)
    if isinstance(view, ProposalCard):
        return proposal_screen(view, _)
    if isinstance(view, StaffPairCard):
        return staff_pair_screen(view, _)
    if isinstance(view, Applications):
        return applications_screen(view, _)
    if isinstance(view, MatchScope):
        return match_scope_screen(view, _)
    raise TypeError(f"no screen for {type(view).__name__}")


async def show_outcome(query: CallbackQuery, outcome: Outcome, _: Translator, answer: CallbackAnswer) -> None:
    """The screen a staff action leads to, its note as the tap's answer (and above the home)."""
    note = _(outcome.note, **outcome.values) if outcome.note else None
    if note is not None and outcome.answer:
        answer.text = note
    await show(query, staff_screen(outcome.screen, _, note))

"""Survey screens: the invitation and reminder, a question per screen, the end; staff's campaign
list, wizard, card, results; the schedule of jobs."""

from __future__ import annotations

from datetime import datetime
from html import escape

from aiogram.types import InlineKeyboardMarkup

from bot.callbacks import MenuCD, Section, SurveyCD, SurveyStaffCD
from bot.domain import surveys as domain
from bot.domain.surveys import QType, Recurrence, SurveyTemplate
from bot.i18n import Translator
from bot.services.surveys import Answering, Results, WaveFigures
from bot.ui.diagnosis import clip
from bot.ui.events import when
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import Screen
from storage.models import SurveyCampaign, SurveyInvite

PAGE = 8


def _menu(kb: Keyboard, _: Translator) -> None:
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))


# --- for teachers ---------------------------------------------------------------------------------


def invitation(
    campaign: SurveyCampaign, closes_at: datetime, invite_id: int, tz: str, kind: str, _: Translator
) -> tuple[str, InlineKeyboardMarkup]:
    template = SurveyTemplate.model_validate(campaign.template)
    key = "sv-remind" if kind == "remind" else "sv-invite"
    text = _(
        key,
        title=escape(campaign.title),
        description=escape(template.description),
        minutes=template.minutes,
        deadline=when(closes_at, tz),
    )
    if campaign.anonymous:
        text += "\n\n" + _("sv-anonymous-note")
    kb = Keyboard()
    kb.button(text=_("sv-btn-start"), callback_data=SurveyCD(action="go", r=invite_id))
    return text, kb.as_markup()


def _progress(ctx: Answering, index: int) -> tuple[int, int]:
    answers = ctx.answers
    shown = [i for i in range(len(ctx.template.questions)) if domain.shown(ctx.template, i, answers)]
    position = sum(1 for i in shown if i < index) + 1
    return position, max(len(shown), position)


def question_screen(ctx: Answering, index: int, _: Translator, error: str = "") -> Screen:
    template = ctx.template
    question = template.questions[index]
    position, total = _progress(ctx, index)
    given = ctx.answers.get(question.id)
    lines = [
        _("sv-q-head", title=escape(ctx.campaign.title), n=position, total=total),
        "",
        "<b>" + escape(question.text) + "</b>",
    ]
    r = ctx.invite.id
    kb = Keyboard()
    sizes: list[int] = []
    if question.type == QType.SCALE:
        if question.min_label or question.max_label:
            lines.append(
                _(
                    "sv-q-scale-hint",
                    min=question.min,
                    max=question.max,
                    min_label=escape(question.min_label),
                    max_label=escape(question.max_label),
                )
            )
        points = list(range(question.min, question.max + 1))
        for point in points:
            mark = "✅ " if given == point else ""
            kb.button(text=f"{mark}{point}", callback_data=SurveyCD(action="a", r=r, i=index, v=str(point)))
        sizes.append(len(points) if len(points) <= 6 else (len(points) + 1) // 2)
        if len(points) > 6:
            sizes.append((len(points)) // 2)
    elif question.type == QType.SINGLE:
        for option in question.options:
            mark = "✅ " if given == option.value else ""
            kb.button(
                text=mark + option.label, callback_data=SurveyCD(action="a", r=r, i=index, v=option.value)
            )
            sizes.append(1)
    elif question.type == QType.MULTI:
        lines.append(_("sv-q-multi-hint"))
        chosen = given if isinstance(given, list) else []
        for option in question.options:
            mark = "✅ " if option.value in chosen else "▫️ "
            kb.button(
                text=mark + option.label, callback_data=SurveyCD(action="t", r=r, i=index, v=option.value)
            )
            sizes.append(1)
        kb.button(text=_("sv-btn-next"), callback_data=SurveyCD(action="n", r=r, i=index))
        sizes.append(1)
    elif question.type == QType.NUMBER:
        lines.append(_("sv-q-number-hint", min=question.min, max=question.max))
        if given is not None:
            lines.append(_("sv-q-given", answer=escape(str(given))))
    else:
        lines.append(_("sv-q-text-hint", max=question.max_length))
        if given is not None:
            lines.append(_("sv-q-given", answer=escape(str(given)[:300])))
    if not question.required:
        kb.button(text=_("sv-btn-skip"), callback_data=SurveyCD(action="s", r=r, i=index))
        sizes.append(1)
    row = 0
    if domain.previous_index(template, ctx.answers, index) is not None:
        kb.button(text=_("sv-btn-back"), callback_data=SurveyCD(action="b", r=r, i=index))
        row += 1
    kb.button(text=_("sv-btn-later"), callback_data=SurveyCD(action="later", r=r))
    sizes.append(row + 1)
    kb.adjust(*sizes)
    if error:
        lines.append("")
        lines.append("⚠️ " + error)
    return clip("\n".join(lines)), kb.as_markup()


def review_screen(ctx: Answering, _: Translator) -> Screen:
    """Everything answered: a last look before sending, with a way back."""
    missing = domain.missing_required(ctx.template, ctx.answers)
    kb = Keyboard()
    if missing:
        text = _("sv-missing", count=len(missing))
        first = next(i for i, q in enumerate(ctx.template.questions) if q.id == missing[0])
        kb.button(text=_("sv-btn-to-missing"), callback_data=SurveyCD(action="at", r=ctx.invite.id, i=first))
    else:
        text = _("sv-review", title=escape(ctx.campaign.title))
        kb.button(text=_("sv-btn-send"), callback_data=SurveyCD(action="send", r=ctx.invite.id))
        last = domain.previous_index(ctx.template, ctx.answers, len(ctx.template.questions))
        if last is not None:
            kb.button(text=_("sv-btn-back"), callback_data=SurveyCD(action="at", r=ctx.invite.id, i=last))
    kb.button(text=_("sv-btn-later"), callback_data=SurveyCD(action="later", r=ctx.invite.id))
    kb.adjust(1)
    return text, kb.as_markup()


def thanks_screen(
    template: SurveyTemplate, concerned: bool, _: Translator, *, anonymous: bool = False
) -> Screen:
    parts = [_("sv-thanks")]
    if anonymous:
        parts[0] += " " + _("sv-thanks-anonymous")
    if concerned and template.help_text:
        parts.append(escape(template.help_text))
    elif template.outro:
        parts.append(escape(template.outro))
    kb = Keyboard()
    _menu(kb, _)
    return clip("\n\n".join(parts)), kb.as_markup()


def later_screen(_: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("menu-my_surveys"), callback_data=MenuCD(section=Section.MY_SURVEYS))
    _menu(kb, _)
    kb.adjust(1)
    return _("sv-later"), kb.as_markup()


def my_surveys(open_: list[tuple[SurveyInvite, SurveyCampaign]], answered: int, _: Translator) -> Screen:
    kb = Keyboard()
    if open_:
        text = _("sv-my-title", count=len(open_))
        for invite, campaign in open_[:10]:
            mark = "▶️ " if invite.status == "answering" else "📝 "
            kb.button(text=mark + campaign.title[:50], callback_data=SurveyCD(action="go", r=invite.id))
    else:
        text = _("sv-my-none")
    if answered:
        text += "\n\n" + _("sv-my-answered", count=answered)
    _menu(kb, _)
    kb.adjust(1)
    return text, kb.as_markup()


# --- for staff ------------------------------------------------------------------------------------

STATUS_MARK = {"draft": "✏️", "active": "🟢", "finished": "✅", "stopped": "⏹"}


def schedule_text(campaign: SurveyCampaign, tz: str, _: Translator) -> str:
    if campaign.recurrence == Recurrence.MONTHLY.value:
        return _(
            "ss-when-monthly",
            day=campaign.day,
            time=f"{campaign.hour:02d}:{campaign.minute:02d}",
            days=campaign.open_days,
        )
    return _("ss-when-once", start=when(campaign.starts_at, tz), days=campaign.open_days)


def campaigns_screen(
    campaigns: list[SurveyCampaign], total: int, page: int, errors: int, _: Translator
) -> Screen:
    lines = [_("ss-list-title")]
    if not campaigns:
        lines.append(_("ss-list-empty"))
    if errors:
        lines.append(_("ss-template-errors", count=errors))
    kb = Keyboard()
    kb.button(text=_("ss-btn-new"), callback_data=SurveyStaffCD(action="new"))
    for campaign in campaigns:
        mark = STATUS_MARK.get(campaign.status, "•")
        kb.button(
            text=f"{mark} {campaign.title[:45]}",
            callback_data=SurveyStaffCD(action="card", c=campaign.id, p=page),
        )
    pages = max(1, -(-total // PAGE))
    arrows = kb.pager(page, pages, lambda p: SurveyStaffCD(action="list", p=p))
    _menu(kb, _)
    kb.adjust(*([1] * (1 + len(campaigns))), *([arrows] if arrows else []), 1)
    return "\n\n".join(lines), kb.as_markup()


def templates_screen(templates: list[SurveyTemplate], errors: list[str], _: Translator) -> Screen:
    lines = [_("ss-templates-title")]
    for template in templates:
        lock = " 🔒" if template.anonymous else ""
        lines.append(
            f"• <b>{escape(template.title)}</b>{lock} — " + _("ss-questions", count=len(template.questions))
        )
    if errors:
        lines.append("")
        lines.append(_("ss-template-errors", count=len(errors)))
        lines.extend("<code>" + escape(e[:300]) + "</code>" for e in errors[:5])
    kb = Keyboard()
    for template in templates:
        kb.button(text=template.title[:60], callback_data=SurveyStaffCD(action="tpl", v=template.id))
    kb.button(text=_("ss-btn-to-list"), callback_data=SurveyStaffCD(action="list"))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def when_screen(campaign: SurveyCampaign, _: Translator) -> Screen:
    kb = Keyboard()
    c = campaign.id
    kb.button(text=_("ss-btn-now"), callback_data=SurveyStaffCD(action="when", c=c, v="now"))
    kb.button(text=_("ss-btn-date"), callback_data=SurveyStaffCD(action="when", c=c, v="date"))
    kb.button(text=_("ss-btn-monthly"), callback_data=SurveyStaffCD(action="when", c=c, v="monthly"))
    kb.button(text=_("ss-btn-audience"), callback_data=SurveyStaffCD(action="audience", c=c))
    kb.adjust(1)
    return _("ss-when-title"), kb.as_markup()


DAYS = (3, 7, 14, 30)


def days_screen(campaign: SurveyCampaign, _: Translator) -> Screen:
    kb = Keyboard()
    for days in DAYS:
        kb.button(
            text=_("ss-days", count=days),
            callback_data=SurveyStaffCD(action="days", c=campaign.id, v=str(days)),
        )
    kb.adjust(4)
    key = "ss-days-title-monthly" if campaign.recurrence == Recurrence.MONTHLY.value else "ss-days-title"
    return _(key), kb.as_markup()


def confirm_screen(
    campaign: SurveyCampaign, count: int, first: datetime | None, tz: str, _: Translator
) -> Screen:
    template = SurveyTemplate.model_validate(campaign.template)
    lines = [
        _("ss-confirm-title", title=escape(campaign.title)),
        _("ss-questions", count=len(template.questions)) + " · " + _("sv-minutes", minutes=template.minutes),
        _("ss-confirm-count", count=count),
        schedule_text(campaign, tz, _),
    ]
    if first is not None and campaign.recurrence == Recurrence.MONTHLY.value:
        lines.append(_("ss-confirm-first", start=when(first, tz)))
    lines.append(_("ss-confirm-reminders"))
    lines.append(_("ss-anonymous-yes") if campaign.anonymous else _("ss-anonymous-no"))
    kb = Keyboard()
    c = campaign.id
    kb.button(text=_("ss-btn-launch"), callback_data=SurveyStaffCD(action="launch", c=c))
    kb.button(
        text=("🔒 " if campaign.anonymous else "🔓 ") + _("ss-btn-anonymous"),
        callback_data=SurveyStaffCD(action="anon", c=c),
    )
    kb.button(text=_("ss-btn-audience"), callback_data=SurveyStaffCD(action="audience", c=c))
    kb.button(text=_("ss-btn-when"), callback_data=SurveyStaffCD(action="preview", c=c))
    kb.button(text=_("ss-btn-drop"), callback_data=SurveyStaffCD(action="drop", c=c))
    kb.adjust(1, 1, 2, 1)
    return "\n".join(lines), kb.as_markup()


def _wave_line(figures: WaveFigures, tz: str, _: Translator) -> str:
    period = _("ss-period-once") if figures.wave.period == domain.ONCE_PERIOD else figures.wave.period
    return _(
        "ss-wave-line",
        period=period,
        answered=figures.answered,
        invited=figures.invited,
        closes=when(figures.wave.closes_at, tz),
    )


def card_screen(
    campaign: SurveyCampaign,
    waves: list[WaveFigures],
    next_at: datetime | None,
    tz: str,
    page: int,
    _: Translator,
) -> Screen:
    lines = [
        f"{STATUS_MARK.get(campaign.status, '')} <b>{escape(campaign.title)}</b>",
        _(f"ss-status-{campaign.status}"),
        schedule_text(campaign, tz, _),
        _("ss-anonymous-yes") if campaign.anonymous else _("ss-anonymous-no"),
    ]
    if next_at is not None and campaign.status == "active":
        lines.append(_("ss-next-wave", start=when(next_at, tz)))
    if waves:
        lines.append("")
        lines.append(_("ss-waves-title"))
        lines.extend("• " + _wave_line(w, tz, _) for w in waves[-12:])
    elif campaign.status == "active":
        lines.append(_("ss-no-waves-yet"))
    kb = Keyboard()
    c = campaign.id
    if waves:
        kb.button(text=_("ss-btn-results"), callback_data=SurveyStaffCD(action="res", c=c))
        kb.button(text=_("ss-btn-xlsx"), callback_data=SurveyStaffCD(action="xlsx", c=c))
    if campaign.status == "active":
        kb.button(text=_("ss-btn-stop"), callback_data=SurveyStaffCD(action="stop", c=c))
    kb.button(text=_("ss-btn-to-list"), callback_data=SurveyStaffCD(action="list", p=page))
    kb.adjust(2, 1)
    return clip("\n".join(lines)), kb.as_markup()


def stop_confirm(campaign: SurveyCampaign, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("ss-btn-stop-yes"), callback_data=SurveyStaffCD(action="stop_yes", c=campaign.id))
    kb.button(text=_("ss-btn-stop-no"), callback_data=SurveyStaffCD(action="card", c=campaign.id))
    kb.adjust(1)
    return _("ss-stop-confirm", title=escape(campaign.title)), kb.as_markup()


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}".replace(".0", "") if value != int(value) else str(int(value))


def summary_lines(result: Results, _: Translator) -> list[str]:
    lines = []
    for number, summary in enumerate(result.summaries, 1):
        q = summary.question
        head = f"<b>{number}. {escape(q.text)}</b>"
        lines.append(head)
        if summary.answered == 0:
            lines.append("   " + _("ss-res-no-answers"))
            continue
        lines.append("   " + _("ss-res-answered", count=summary.answered))
        if q.type in (QType.SINGLE, QType.MULTI):
            for label, n in summary.counts:
                share = round(100 * n / summary.answered) if summary.answered else 0
                lines.append(f"   • {escape(label)} — {n} ({share}%)")
        elif q.type in (QType.SCALE, QType.NUMBER):
            lines.append(
                "   "
                + _(
                    "ss-res-numbers",
                    mean=_number(summary.mean),
                    median=_number(summary.median),
                    low=_number(summary.low),
                    high=_number(summary.high),
                )
            )
            if q.type == QType.SCALE:
                lines.append("   " + " · ".join(f"{p}: {n}" for p, n in summary.counts))
        else:
            lines.extend(f"   «{escape(t[:200])}»" for t in summary.texts[-3:])
    return lines


def results_screen(result: Results, tz: str, _: Translator) -> Screen:
    campaign = result.campaign
    lines = [_("ss-res-title", title=escape(campaign.title))]
    if result.chosen is not None:
        lines.append(_wave_line(result.chosen, tz, _))
    lines.append("")
    if result.hidden:
        lines.append(_("ss-res-hidden", min=domain.ANONYMOUS_MIN))
    elif result.given == 0:
        lines.append(_("ss-res-empty"))
    else:
        lines.extend(summary_lines(result, _))
    if result.waiting:
        lines += ["", _("ss-res-waiting", count=result.waiting, batch=domain.RELEASE_BATCH)]
    kb = Keyboard()
    c = campaign.id
    others = [w for w in result.waves[-6:] if result.chosen is None or w.wave.id != result.chosen.wave.id]
    for figures in others:
        period = _("ss-period-once") if figures.wave.period == domain.ONCE_PERIOD else figures.wave.period
        kb.button(text=f"📅 {period}", callback_data=SurveyStaffCD(action="res", c=c, v=str(figures.wave.id)))
    kb.button(text=_("ss-btn-xlsx"), callback_data=SurveyStaffCD(action="xlsx", c=c))
    kb.button(text=_("ss-btn-to-card"), callback_data=SurveyStaffCD(action="card", c=c))
    kb.adjust(*([3] * ((len(others) + 2) // 3)), 2)
    return clip("\n".join(lines)), kb.as_markup()


# --- the schedule of jobs -------------------------------------------------------------------------


def jobs_screen(
    rows: list[tuple[str, datetime | None, datetime | None, int | None, str | None, datetime | None]],
    waves: list[tuple[str, datetime]],
    queued: int,
    tz: str,
    _: Translator,
) -> Screen:
    """Each job: its next run, its last run (what it did), the last time it did something."""
    lines = [_("jobs-title", tz=escape(tz)), ""]
    for job_id, next_at, last_at, done, error, last_done in rows:
        name = _(f"job-{job_id}")
        nxt = when(next_at, tz) if next_at else "—"
        line = f"<b>{escape(name)}</b>\n   " + _("jobs-next", at=nxt)
        if last_at is not None:
            line += "\n   " + _("jobs-last", at=when(last_at, tz), done=done or 0)
        if error:
            line += "\n   ⚠️ " + escape(error[:150])
        if last_done is not None:
            line += "\n   " + _("jobs-last-done", at=when(last_done, tz))
        lines.append(line)
    lines.append("")
    if waves:
        lines.append(_("jobs-waves-title"))
        lines.extend(f"• {escape(title[:60])} — {when(at, tz)}" for title, at in waves[:15])
    else:
        lines.append(_("jobs-waves-none"))
    lines.append("")
    lines.append(_("jobs-queued", count=queued))
    kb = Keyboard()
    kb.button(text=_("jobs-btn-refresh"), callback_data=MenuCD(section=Section.SCHEDULE))
    _menu(kb, _)
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()

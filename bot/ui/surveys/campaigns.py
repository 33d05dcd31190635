"""Staff's survey screens: the campaign list, the wizard (template, audience, when, how long, the
last look), the card of a launched campaign.

Every step of the wizard has «⬅️ Назад» (the step before, its answer kept) and «✖️ Отмена»
(`bot.ui.wizard`); a step shown again ticks its earlier answer, or says it and offers «↩️ Оставить
как есть». `STEPS` names the steps for `SurveyStaffAction.STEP`."""

from __future__ import annotations

from html import escape

from bot.callbacks import SurveyStaffAction, SurveyStaffCD, WhenChoice
from bot.domain import surveys as domain
from bot.domain.surveys import CampaignStatus, Recurrence, SurveyTemplate
from bot.i18n import Translator
from bot.services.audience import AudienceView, ChoicesView
from bot.services.surveys import PAGE, CampaignList, Card, Confirm, Templates, WaveFigures, template_of
from bot.ui.audience import AudienceButtons, audience_screen, choices_screen
from bot.ui.diagnosis import clip
from bot.ui.events import when
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen
from bot.ui.surveys.answering import menu_button
from bot.ui.wizard import Nav, cancelled, chosen, current, nav_screen, with_nav
from storage.models import SurveyCampaign

A = SurveyStaffAction
# The wizard's steps: a template, the audience, when, how long, the last look.
STEPS = ("tpl", "aud", "when", "days", "confirm")


def _step(campaign_id: int, step: str) -> SurveyStaffCD:
    return SurveyStaffCD(action=A.STEP, c=campaign_id, v=step)


def _nav(campaign_id: int, back: str, keep: str | None = None) -> Nav:
    return Nav(
        back=_step(campaign_id, back),
        cancel=SurveyStaffCD(action=A.ABORT, c=campaign_id),
        keep=_step(campaign_id, keep) if keep else None,
    )


STATUS_MARK = {
    CampaignStatus.DRAFT: "✏️",
    CampaignStatus.ACTIVE: "🟢",
    CampaignStatus.FINISHED: "✅",
    CampaignStatus.STOPPED: "⏹",
}


def schedule_text(campaign: SurveyCampaign, tz: str, _: Translator) -> str:
    if campaign.recurrence == Recurrence.MONTHLY:
        return _(
            "ss-when-monthly",
            day=campaign.day,
            time=f"{campaign.hour:02d}:{campaign.minute:02d}",
            days=campaign.open_days,
        )
    return _("ss-when-once", start=when(campaign.starts_at, tz), days=campaign.open_days)


def campaigns_screen(found: CampaignList, _: Translator) -> Screen:
    lines = [_("ss-list-title")]
    if not found.campaigns:
        lines.append(_("ss-list-empty"))
    if found.errors:
        lines.append(_("ss-template-errors", count=found.errors))
    kb = Keyboard()
    kb.button(text=_("ss-btn-new"), callback_data=SurveyStaffCD(action=A.NEW))
    for campaign in found.campaigns:
        mark = STATUS_MARK.get(campaign.status, "•")
        kb.button(
            text=f"{mark} {shorten(campaign.title, 45)}",
            callback_data=SurveyStaffCD(action=A.CARD, c=campaign.id, p=found.page),
        )
    pages = max(1, -(-found.total // PAGE))
    arrows = kb.pager(found.page, pages, lambda p: SurveyStaffCD(action=A.LIST, p=p))
    menu_button(kb, _)
    kb.adjust(*([1] * (1 + len(found.campaigns))), *([arrows] if arrows else []), 1)
    return "\n\n".join(lines), kb.as_markup()


def templates_screen(templates: Templates, _: Translator, draft: SurveyCampaign | None = None) -> Screen:
    """The first step; `draft` — the person came back to it: its template ticked, «Оставить как есть»."""
    found: list[SurveyTemplate] = list(templates.found.values())
    lines = [_("ss-templates-title")]
    for template in found:
        lock = " 🔒" if template.anonymous else ""
        lines.append(
            f"• <b>{escape(template.title)}</b>{lock} — " + _("ss-questions", count=len(template.questions))
        )
    if templates.errors:
        lines.append("")
        lines.append(_("ss-template-errors", count=len(templates.errors)))
        lines.extend("<code>" + escape(e[:300]) + "</code>" for e in templates.errors[:5])
    kb = Keyboard()
    c = draft.id if draft is not None else 0
    for template in found:
        kb.button(
            text=chosen(shorten(template.title, 60), draft is not None and draft.template_id == template.id),
            callback_data=SurveyStaffCD(action=A.TEMPLATE, c=c, v=template.id),
        )
    kb.adjust(1)
    nav = Nav(
        back=SurveyStaffCD(action=A.LIST),
        cancel=SurveyStaffCD(action=A.ABORT, c=c),
        keep=_step(c, "aud") if draft is not None else None,
    )
    return clip("\n".join(lines)), with_nav(kb, nav, _)


def picker_screen(campaign: SurveyCampaign, view: AudienceView | ChoicesView, _: Translator) -> Screen:
    """The audience picker (the shared component) for a draft."""
    buttons = AudienceButtons(SurveyStaffCD, c=campaign.id)
    nav = _nav(campaign.id, "tpl")
    if isinstance(view, ChoicesView):
        return choices_screen(view, _, buttons, nav=nav)
    return audience_screen(view, _, buttons, next_label="ss-btn-next", nav=nav)


def when_screen(campaign: SurveyCampaign, _: Translator, *, again: bool = False, tz: str = "UTC") -> Screen:
    """When to send; `again` — the person came back to it: the schedule so far and «Оставить как есть»."""
    kb = Keyboard()
    c = campaign.id
    kb.button(text=_("ss-btn-now"), callback_data=SurveyStaffCD(action=A.WHEN, c=c, v=WhenChoice.NOW))
    kb.button(text=_("ss-btn-date"), callback_data=SurveyStaffCD(action=A.WHEN, c=c, v=WhenChoice.DATE))
    kb.button(text=_("ss-btn-monthly"), callback_data=SurveyStaffCD(action=A.WHEN, c=c, v=WhenChoice.MONTHLY))
    kb.adjust(1)
    text = _("ss-when-title")
    if again:
        text += "\n\n" + current(schedule_text(campaign, tz, _), _)
    return text, with_nav(kb, _nav(c, "aud", "days" if again else None), _)


def date_prompt(campaign: SurveyCampaign, _: Translator) -> Screen:
    return nav_screen(_("ss-date-prompt"), _nav(campaign.id, "when"), _)


def days_screen(campaign: SurveyCampaign, _: Translator, *, again: bool = False) -> Screen:
    """How long answers are taken; `again` — the earlier choice ticked."""
    kb = Keyboard()
    for days in domain.OPEN_DAYS:
        kb.button(
            text=chosen(_("ss-days", count=days), again and campaign.open_days == days),
            callback_data=SurveyStaffCD(action=A.DAYS, c=campaign.id, v=str(days)),
        )
    kb.adjust(4)
    key = "ss-days-title-monthly" if campaign.recurrence == Recurrence.MONTHLY else "ss-days-title"
    return _(key), with_nav(kb, _nav(campaign.id, "when"), _)


def confirm_screen(view: Confirm, _: Translator) -> Screen:
    campaign, tz = view.campaign, view.timezone
    template = template_of(campaign)
    lines = [
        _("ss-confirm-title", title=escape(campaign.title)),
        _("ss-questions", count=len(template.questions)) + " · " + _("sv-minutes", minutes=template.minutes),
        _("ss-confirm-count", count=view.count),
        schedule_text(campaign, tz, _),
    ]
    if view.first is not None and campaign.recurrence == Recurrence.MONTHLY:
        lines.append(_("ss-confirm-first", start=when(view.first, tz)))
    lines.append(_("ss-confirm-reminders"))
    lines.append(_("ss-anonymous-yes") if campaign.anonymous else _("ss-anonymous-no"))
    kb = Keyboard()
    c = campaign.id
    kb.button(text=_("ss-btn-launch"), callback_data=SurveyStaffCD(action=A.LAUNCH, c=c))
    kb.button(
        text=("🔒 " if campaign.anonymous else "🔓 ") + _("ss-btn-anonymous"),
        callback_data=SurveyStaffCD(action=A.ANONYMOUS, c=c),
    )
    kb.button(text=_("ss-btn-audience"), callback_data=SurveyStaffCD(action=A.AUDIENCE, c=c))
    kb.button(text=_("ss-btn-when"), callback_data=SurveyStaffCD(action=A.PREVIEW, c=c))
    kb.button(text=_("ss-btn-drop"), callback_data=SurveyStaffCD(action=A.DROP, c=c))
    kb.adjust(1, 1, 2, 1)
    return "\n".join(lines), with_nav(kb, _nav(c, "days"), _)


def survey_cancelled(draft: SurveyCampaign | None, _: Translator) -> Screen:
    """The wizard cancelled: before a template nothing was made; after it the draft stays in the
    list (to come back to, or to delete here)."""
    to_list = (_("ss-btn-to-list"), SurveyStaffCD(action=A.LIST))
    if draft is None:
        return cancelled(_("wz-survey-cancelled"), _, back_to=to_list)
    drop = (_("ss-btn-drop"), SurveyStaffCD(action=A.DROP, c=draft.id))
    note = _("wz-survey-cancelled-draft", title=escape(shorten(draft.title, 80)))
    return cancelled(note, _, back_to=to_list, extra=[drop])


def period_name(figures: WaveFigures, _: Translator) -> str:
    return _("ss-period-once") if figures.wave.period == domain.ONCE_PERIOD else figures.wave.period


def wave_line(figures: WaveFigures, tz: str, _: Translator) -> str:
    return _(
        "ss-wave-line",
        period=period_name(figures, _),
        answered=figures.answered,
        invited=figures.invited,
        closes=when(figures.wave.closes_at, tz),
    )


def card_screen(card: Card, _: Translator) -> Screen:
    campaign, waves, tz = card.campaign, card.waves, card.timezone
    active = campaign.status == CampaignStatus.ACTIVE
    lines = [
        f"{STATUS_MARK.get(campaign.status, '')} <b>{escape(campaign.title)}</b>",
        _(f"ss-status-{campaign.status.value}"),
        schedule_text(campaign, tz, _),
        _("ss-anonymous-yes") if campaign.anonymous else _("ss-anonymous-no"),
    ]
    if card.next_at is not None and active:
        lines.append(_("ss-next-wave", start=when(card.next_at, tz)))
    if waves:
        lines.append("")
        lines.append(_("ss-waves-title"))
        lines.extend("• " + wave_line(w, tz, _) for w in waves[-12:])
    elif active:
        lines.append(_("ss-no-waves-yet"))
    kb = Keyboard()
    c = campaign.id
    if waves:
        kb.button(text=_("ss-btn-results"), callback_data=SurveyStaffCD(action=A.RESULTS, c=c))
        kb.button(text=_("ss-btn-xlsx"), callback_data=SurveyStaffCD(action=A.XLSX, c=c))
    if active:
        kb.button(text=_("ss-btn-stop"), callback_data=SurveyStaffCD(action=A.STOP, c=c))
    kb.button(text=_("ss-btn-to-list"), callback_data=SurveyStaffCD(action=A.LIST, p=card.page))
    kb.adjust(2, 1)
    return clip("\n".join(lines)), kb.as_markup()


def stop_confirm(campaign: SurveyCampaign, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("ss-btn-stop-yes"), callback_data=SurveyStaffCD(action=A.STOP_YES, c=campaign.id))
    kb.button(text=_("ss-btn-stop-no"), callback_data=SurveyStaffCD(action=A.CARD, c=campaign.id))
    kb.adjust(1)
    return _("ss-stop-confirm", title=escape(campaign.title)), kb.as_markup()

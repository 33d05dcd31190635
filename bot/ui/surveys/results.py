"""A campaign's results on screen (per question), and its answers as XLSX."""

from __future__ import annotations

from html import escape

from bot.callbacks import SurveyStaffAction, SurveyStaffCD
from bot.domain import surveys as domain
from bot.domain.surveys import QType
from bot.i18n import Translator
from bot.services.surveys import Export, Results
from bot.ui.diagnosis import clip
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import Screen
from bot.ui.surveys.campaigns import period_name, wave_line

A = SurveyStaffAction


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


def results_screen(result: Results, _: Translator) -> Screen:
    campaign = result.campaign
    lines = [_("ss-res-title", title=escape(campaign.title))]
    if result.chosen is not None:
        lines.append(wave_line(result.chosen, result.timezone, _))
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
        kb.button(
            text=f"📅 {period_name(figures, _)}",
            callback_data=SurveyStaffCD(action=A.RESULTS, c=c, v=str(figures.wave.id)),
        )
    kb.button(text=_("ss-btn-xlsx"), callback_data=SurveyStaffCD(action=A.XLSX, c=c))
    kb.button(text=_("ss-btn-to-card"), callback_data=SurveyStaffCD(action=A.CARD, c=c))
    kb.adjust(*([3] * ((len(others) + 2) // 3)), 2)
    return clip("\n".join(lines)), kb.as_markup()


def xlsx_file(found: Export, _: Translator) -> tuple[str, str]:
    """The file's name and caption (the file itself: `bot.ui.surveys.xlsx.answers_xlsx`)."""
    campaign = found.campaign
    name = f"survey-{campaign.template_id}-{found.made_on:%Y-%m-%d}.xlsx"
    caption = _("ss-xlsx-caption", title=escape(campaign.title[:200]), count=len(found.rows))
    if found.withheld:
        caption += "\n" + _("ss-xlsx-withheld", count=found.withheld, min=domain.ANONYMOUS_MIN)
    return name, caption

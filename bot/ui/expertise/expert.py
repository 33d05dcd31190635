"""The expert's screens: the queue, a practice's card with the sheet, one criterion, refusing; and a
teacher's «Хочу быть экспертом»."""

from __future__ import annotations

from html import escape

from bot.callbacks import ExpertAction, ExpertCD, MenuCD, Section
from bot.domain.practices import ExpertStatus
from bot.i18n import Translator
from bot.services.expertise.views import ApplyView, ExpertHome, ReviewCard
from bot.ui.expertise.common import d, menu_row, subjects_text
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen

DESCRIPTION_SHOWN = 1500


def home_screen(view: ExpertHome, _: Translator) -> Screen:
    kb = Keyboard()
    lines = [_("xr-home-title")]
    if view.expert.status is ExpertStatus.PAUSED:
        lines.append(_("xr-home-paused"))
    lines.append(_("xr-home-stats", open=len(view.queue), done=view.done))
    if not view.queue:
        lines.append(_("xr-home-empty"))
    for item in view.queue:
        label = _("xr-queue-item", title=shorten(item.practice.title or "—", 40), due=d(item.due))
        kb.button(
            text=("⏰ " if item.late else "📄 ") + label,
            callback_data=ExpertCD(action=ExpertAction.CARD, r=item.review.id),
        )
    menu_row(kb, _)
    return "\n\n".join(lines), kb.as_markup()


def card_screen(card: ReviewCard, _: Translator) -> Screen:
    practice, review, sheet = card.practice, card.review, card.sheet
    scores = review.scores or {}
    lines = [
        _("xr-card-title", title=escape(practice.title or "—")),
        _(
            "xr-card-meta",
            subjects=subjects_text(practice.subjects, _),
            grades=", ".join(map(str, practice.grades)) or "—",
            form=_(f"xp-form-{practice.form}") if practice.form else "—",
        ),
        _("xr-card-due", due=d(card.due)),
    ]
    if practice.description:
        lines.append(escape(shorten(practice.description, DESCRIPTION_SHOWN)))
    if practice.links:
        lines.append("\n".join(escape(link) for link in practice.links[:10]))
    sheet_lines = []
    for criterion in sheet.criteria:
        value = scores.get(criterion.key)
        shown = f"{value} / {sheet.max_points}" if isinstance(value, int) else "—"
        sheet_lines.append(f"• {escape(criterion.name(_.locale))}: <b>{shown}</b>")
    lines.append(
        _("xr-card-sheet", total=sheet.total(scores), max=sheet.max_total) + "\n" + "\n".join(sheet_lines)
    )
    lines.append(
        _("xr-card-comment", comment=escape(review.comment)) if review.comment else _("xr-card-no-comment")
    )
    kb = Keyboard()
    if card.files:
        kb.button(
            text=_("xr-btn-files", count=len(card.files)),
            callback_data=ExpertCD(action=ExpertAction.FILES, r=review.id),
        )
    for index, criterion in enumerate(sheet.criteria):
        value = scores.get(criterion.key)
        mark = f" · {value}" if isinstance(value, int) else ""
        kb.button(
            text=shorten(criterion.name(_.locale), 40) + mark,
            callback_data=ExpertCD(action=ExpertAction.CRIT, r=review.id, c=index),
        )
    kb.button(text=_("xr-btn-comment"), callback_data=ExpertCD(action=ExpertAction.COMMENT, r=review.id))
    kb.button(text=_("xr-btn-submit"), callback_data=ExpertCD(action=ExpertAction.SUBMIT, r=review.id))
    kb.button(text=_("xr-btn-refuse"), callback_data=ExpertCD(action=ExpertAction.REFUSE, r=review.id))
    kb.button(text=_("btn-back"), callback_data=MenuCD(section=Section.EXPERTISE))
    menu_row(kb, _)
    return "\n\n".join(lines), kb.as_markup()


def criterion_screen(card: ReviewCard, index: int, _: Translator) -> Screen:
    criterion = card.sheet.criteria[index]
    current = (card.review.scores or {}).get(criterion.key)
    hint = criterion.hint.get(_.locale) or criterion.hint.get("ru") or ""
    text = _("xr-crit-title", name=escape(criterion.name(_.locale)), max=card.sheet.max_points)
    if hint:
        text += "\n\n" + escape(hint)
    kb = Keyboard()
    for value in range(card.sheet.max_points + 1):
        label = f"✅ {value}" if value == current else str(value)
        kb.button(
            text=label, callback_data=ExpertCD(action=ExpertAction.SCORE, r=card.review.id, c=index, v=value)
        )
    kb.button(text=_("btn-back"), callback_data=ExpertCD(action=ExpertAction.CARD, r=card.review.id))
    kb.adjust(card.sheet.max_points + 1 if card.sheet.max_points < 6 else 6, 1)
    return text, kb.as_markup()


def comment_prompt(_: Translator, review_id: int) -> Screen:
    kb = Keyboard()
    kb.button(text=_("btn-back"), callback_data=ExpertCD(action=ExpertAction.CARD, r=review_id))
    return _("xr-comment-prompt"), kb.as_markup()


def refuse_screen(review_id: int, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(
        text=_("xr-btn-refuse-yes"), callback_data=ExpertCD(action=ExpertAction.REFUSE_YES, r=review_id)
    )
    kb.button(text=_("btn-back"), callback_data=ExpertCD(action=ExpertAction.CARD, r=review_id))
    return _("xr-refuse-ask"), kb.as_markup()


def after_screen(key: str, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("xr-btn-queue"), callback_data=MenuCD(section=Section.EXPERTISE))
    menu_row(kb, _)
    return _(key), kb.as_markup()


def apply_screen(view: ApplyView, _: Translator) -> Screen:
    kb = Keyboard()
    if view.status is None or view.status is ExpertStatus.REMOVED:
        text = _("xr-apply-offer")
        kb.button(text=_("xr-btn-apply"), callback_data=ExpertCD(action=ExpertAction.APPLY_YES))
    elif view.status is ExpertStatus.PENDING:
        text = _("xr-apply-pending")
    else:
        text = _("xr-apply-already")
        kb.button(text=_("xr-btn-queue"), callback_data=MenuCD(section=Section.EXPERTISE))
    menu_row(kb, _)
    return text, kb.as_markup()

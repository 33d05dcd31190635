"""The teacher's survey screens: the invitation and reminder, a question per screen, the last look,
the end; «Мои опросы»."""

from __future__ import annotations

from html import escape

from bot.callbacks import MenuCD, Section, SurveyAction, SurveyCD
from bot.delivery import Rendered, renders
from bot.domain import surveys as domain
from bot.domain.surveys import InviteStatus, QType
from bot.i18n import Translator
from bot.services.surveys import Answering, MySurveys, SurveyInvitation, SurveyStep, Thanks
from bot.ui.diagnosis import clip
from bot.ui.events import when
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.messaging import Screen


def menu_button(kb: Keyboard, _: Translator) -> None:
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))


@renders(SurveyInvitation)
def invitation(notice: SurveyInvitation, _: Translator) -> Rendered:
    text = _(
        "sv-remind" if notice.remind else "sv-invite",
        title=escape(notice.title),
        description=escape(notice.description),
        minutes=notice.minutes,
        deadline=when(notice.closes_at, notice.timezone),
    )
    if notice.anonymous:
        text += "\n\n" + _("sv-anonymous-note")
    kb = Keyboard()
    kb.button(text=_("sv-btn-start"), callback_data=SurveyCD(action=SurveyAction.GO, r=notice.invite_id))
    return text, kb.as_markup()


def step_screen(step: SurveyStep, _: Translator) -> Screen:
    """The question on step, or the last look before sending."""
    if step.index is None:
        return review_screen(step.ctx, _)
    problem = step.problem
    error = _(problem.key, **problem.values) if problem is not None else ""
    return question_screen(step.ctx, step.index, _, error=error)


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
            kb.button(
                text=f"{mark}{point}",
                callback_data=SurveyCD(action=SurveyAction.ANSWER, r=r, i=index, v=str(point)),
            )
        sizes.append(len(points) if len(points) <= 6 else (len(points) + 1) // 2)
        if len(points) > 6:
            sizes.append((len(points)) // 2)
    elif question.type == QType.SINGLE:
        for option in question.options:
            mark = "✅ " if given == option.value else ""
            kb.button(
                text=mark + option.label,
                callback_data=SurveyCD(action=SurveyAction.ANSWER, r=r, i=index, v=option.value),
            )
            sizes.append(1)
    elif question.type == QType.MULTI:
        lines.append(_("sv-q-multi-hint"))
        chosen = given if isinstance(given, list) else []
        for option in question.options:
            mark = "✅ " if option.value in chosen else "▫️ "
            kb.button(
                text=mark + option.label,
                callback_data=SurveyCD(action=SurveyAction.TOGGLE, r=r, i=index, v=option.value),
            )
            sizes.append(1)
        kb.button(text=_("sv-btn-next"), callback_data=SurveyCD(action=SurveyAction.NEXT, r=r, i=index))
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
        kb.button(text=_("sv-btn-skip"), callback_data=SurveyCD(action=SurveyAction.SKIP, r=r, i=index))
        sizes.append(1)
    row = 0
    if domain.previous_index(template, ctx.answers, index) is not None:
        kb.button(text=_("sv-btn-back"), callback_data=SurveyCD(action=SurveyAction.BACK, r=r, i=index))
        row += 1
    kb.button(text=_("sv-btn-later"), callback_data=SurveyCD(action=SurveyAction.LATER, r=r))
    sizes.append(row + 1)
    kb.adjust(*sizes)
    if error:
        lines.append("")
        lines.append("⚠️ " + error)
    return clip("\n".join(lines)), kb.as_markup()


def review_screen(ctx: Answering, _: Translator) -> Screen:
    """Everything answered: a last look before sending, with a way back."""
    missing = domain.missing_required(ctx.template, ctx.answers)
    r = ctx.invite.id
    kb = Keyboard()
    if missing:
        text = _("sv-missing", count=len(missing))
        first = next(i for i, q in enumerate(ctx.template.questions) if q.id == missing[0])
        kb.button(text=_("sv-btn-to-missing"), callback_data=SurveyCD(action=SurveyAction.AT, r=r, i=first))
    else:
        text = _("sv-review", title=escape(ctx.campaign.title))
        kb.button(text=_("sv-btn-send"), callback_data=SurveyCD(action=SurveyAction.SEND, r=r))
        last = domain.previous_index(ctx.template, ctx.answers, len(ctx.template.questions))
        if last is not None:
            kb.button(text=_("sv-btn-back"), callback_data=SurveyCD(action=SurveyAction.AT, r=r, i=last))
    kb.button(text=_("sv-btn-later"), callback_data=SurveyCD(action=SurveyAction.LATER, r=r))
    kb.adjust(1)
    return text, kb.as_markup()


def thanks_screen(thanks: Thanks, _: Translator) -> Screen:
    template = thanks.template
    closing = template.help_text if thanks.concerned and template.help_text else template.outro
    # The template's closing words thank the person themselves: «спасибо» once per message.
    parts = [_("sv-saved" if closing else "sv-thanks")]
    if thanks.anonymous:
        parts[0] += " " + _("sv-thanks-anonymous")
    if closing:
        parts.append(escape(closing))
    kb = Keyboard()
    menu_button(kb, _)
    return clip("\n\n".join(parts)), kb.as_markup()


def later_screen(_: Translator, text_key: str = "sv-later") -> Screen:
    """«Later»: the way back to one's surveys (also under a «closed» or «gone» note)."""
    kb = Keyboard()
    kb.button(text=_("menu-my_surveys"), callback_data=MenuCD(section=Section.MY_SURVEYS))
    menu_button(kb, _)
    kb.adjust(1)
    return _(text_key), kb.as_markup()


def my_surveys(found: MySurveys, _: Translator) -> Screen:
    kb = Keyboard()
    if found.open:
        text = _("sv-my-title", count=len(found.open))
        for invite, campaign in found.open[:10]:
            mark = "▶️ " if invite.status == InviteStatus.ANSWERING else "📝 "
            kb.button(
                text=mark + shorten(campaign.title, 50),
                callback_data=SurveyCD(action=SurveyAction.GO, r=invite.id),
            )
    else:
        text = _("sv-my-none")
    if found.answered:
        text += "\n\n" + _("sv-my-answered", count=found.answered)
    menu_button(kb, _)
    kb.adjust(1)
    return text, kb.as_markup()

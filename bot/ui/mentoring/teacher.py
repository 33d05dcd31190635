"""The teacher's screens: «Мой наставник», asking for a mentor, applying to mentor, the mentee's
answers, the adaptation check, and the meeting log as either of a pair sees it."""

from __future__ import annotations

from html import escape
from typing import Any

from bot.callbacks import AdaptCD, MentorAction, MentorCD, MenuCD, Section
from bot.domain.mentoring import ADAPT_DONE, ADAPTATION, QuestionKind
from bot.i18n import Translator
from bot.services.mentoring.notices import MentorCard
from bot.services.mentoring.views import AlreadyMentor, Journal, NoMentor, NotYoung, Wishes
from bot.ui.diagnosis import clip
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.mentoring.common import card_lines, d, meeting_mark, name
from bot.ui.messaging import Screen
from bot.ui.wizard import Nav, cancelled, chosen, nav_screen, with_nav
from storage.models import AdaptationCheck, MentorMeeting

# --- the young specialist ----------------------------------------------------------------


def my_mentor_screen(card: MentorCard, _: Translator) -> Screen:
    lines = [_("mn-my-title"), "", *card_lines(card.mentor, _)]
    if card.about:
        lines.append(_("mn-card-about", about=escape(card.about)))
    if card.formats:
        lines.append(_("mn-card-formats", formats=", ".join(_(f"mn-format-{f}") for f in card.formats)))
    if card.period_start and card.period_end:
        lines.append(_("mn-period", start=d(card.period_start), end=d(card.period_end)))
    if card.paused:
        lines.append(_("mn-paused"))
    lines += ["", _("mn-my-contact")]
    kb = Keyboard()
    kb.button(text=_("mn-btn-journal"), callback_data=MentorCD(action=MentorAction.JOURNAL, p=card.pair_id))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def no_mentor_screen(requested: bool, proposed: bool, _: Translator) -> Screen:
    kb = Keyboard()
    if proposed:
        text = _("mn-proposed")
    elif requested:
        text = _("mn-requested")
        kb.button(text=_("mn-btn-change-request"), callback_data=MentorCD(action=MentorAction.ASK))
    else:
        text = _("mn-none")
        kb.button(text=_("mn-btn-ask"), callback_data=MentorCD(action=MentorAction.ASK))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return text, kb.as_markup()


def not_young_screen(pending: bool, _: Translator) -> Screen:
    kb = Keyboard()
    if not pending:
        kb.button(text=_("mn-btn-apply"), callback_data=MentorCD(action=MentorAction.APPLY))
        text = _("mn-not-young")
    else:
        text = _("mn-applied")
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return text, kb.as_markup()


def already_mentor_screen(_: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("menu-mentees"), callback_data=MenuCD(section=Section.MENTEES))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return _("mn-already-mentor"), kb.as_markup()


def home_screen(view: MentorCard | NoMentor | AlreadyMentor | NotYoung, _: Translator) -> Screen:
    if isinstance(view, MentorCard):
        return my_mentor_screen(view, _)
    if isinstance(view, NoMentor):
        return no_mentor_screen(view.requested, view.proposed, _)
    if isinstance(view, AlreadyMentor):
        return already_mentor_screen(_)
    return not_young_screen(view.pending, _)


def ask_screen(wishes: Wishes, _: Translator) -> Screen:
    same_school = wishes.same_school
    kb = Keyboard()
    for subject in wishes.subjects:
        mark = "✅ " if wishes.subject == subject else ""
        kb.button(
            text=mark + _("mn-wish-subject", subject=_(f"subject-{subject}")),
            callback_data=MentorCD(action=MentorAction.WISH_SUBJECT, v=subject),
        )
    kb.button(
        text=("✅ " if same_school else "") + _("mn-wish-school"),
        callback_data=MentorCD(action=MentorAction.WISH_SCHOOL, v="0" if same_school else "1"),
    )
    kb.button(text=_("mn-btn-send-request"), callback_data=MentorCD(action=MentorAction.REQUEST))
    kb.button(text=_("route-btn-cancel"), callback_data=MenuCD(section=Section.MENTORING))
    kb.adjust(1)
    return _("mn-ask-prompt"), kb.as_markup()


def capacity_prompt(
    _: Translator, action: MentorAction = MentorAction.APPLY_CAP, mine: int | None = None
) -> Screen:
    """How many young colleagues: when applying to mentor (back to «Наставничество») or on the mentor
    card (back to the card); `mine` — the answer given before, ticked."""
    kb = Keyboard()
    for value in (1, 2, 3, 4):
        kb.button(text=chosen(str(value), mine == value), callback_data=MentorCD(action=action, v=str(value)))
    kb.adjust(4)
    if action is MentorAction.APPLY_CAP:
        nav = Nav(back=MenuCD(section=Section.MENTORING), cancel=MentorCD(action=MentorAction.APPLY_CANCEL))
    else:
        nav = Nav(
            back=MentorCD(action=MentorAction.PROFILE),
            cancel=MentorCD(action=MentorAction.EDIT_CANCEL, v="card"),
        )
    return _("mn-capacity-prompt"), with_nav(kb, nav, _)


def about_prompt(_: Translator) -> Screen:
    """Applying to mentor, a few words (or «Пропустить»): back to the number, cancel."""
    skip = (_("add-note-skip"), MentorCD(action=MentorAction.APPLY_SKIP))
    nav = Nav(back=MentorCD(action=MentorAction.APPLY), cancel=MentorCD(action=MentorAction.APPLY_CANCEL))
    return nav_screen(_("mn-about-prompt"), nav, _, skip)


def apply_cancelled(_: Translator) -> Screen:
    back = (_("wz-btn-to-mentoring"), MenuCD(section=Section.MENTORING))
    return cancelled(_("wz-apply-cancelled"), _, back_to=back)


# --- the mentee confirms, rates, answers the fit check --------------------------------------------


def rating_prompt(meeting: MentorMeeting, _: Translator) -> Screen:
    kb = Keyboard()
    for value in range(1, 6):
        kb.button(
            text="★" * value, callback_data=MentorCD(action=MentorAction.RATE, m=meeting.id, v=str(value))
        )
    kb.adjust(5)
    return _("mn-rate-prompt"), kb.as_markup()


def comment_prompt(meeting: MentorMeeting, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(
        text=_("mn-btn-no-comment"), callback_data=MentorCD(action=MentorAction.NO_COMMENT, m=meeting.id)
    )
    return _("mn-comment-prompt"), kb.as_markup()


# --- the adaptation check ----------------------------------------------------------------


def check_screen(check: AdaptationCheck, _: Translator) -> Screen:
    return adaptation_screen(check.id, check.position, check.answers or {}, _)


def adaptation_screen(check_id: int, index: int, answers: dict[str, Any], _: Translator) -> Screen:
    question = ADAPTATION[index]
    chosen = answers.get(question.id)
    kb = Keyboard()
    for option in question.options:
        picked = isinstance(chosen, list) and option in chosen
        kb.button(
            text=("✅ " if picked else "") + _(f"adapt-{question.id}-{option}"),
            callback_data=AdaptCD(c=check_id, i=index, v=option),
        )
    if question.kind is QuestionKind.MULTI:
        kb.button(text=_("adapt-done"), callback_data=AdaptCD(c=check_id, i=index, v=ADAPT_DONE))
    kb.adjust(5 if question.kind is QuestionKind.SCALE else 1, 1)
    text = _("adapt-title", number=index + 1, count=len(ADAPTATION)) + "\n\n" + _(f"adapt-q-{question.id}")
    if question.kind is QuestionKind.MULTI:
        text += "\n\n" + _("adapt-multi-hint")
    return text, kb.as_markup()


def journal_screen(journal: Journal, _: Translator) -> Screen:
    pair, other, meetings = journal.pair, journal.other, journal.meetings
    lines = [_("mn-journal-title", name=name(other))]
    if not meetings:
        lines.append(_("mn-journal-empty"))
    for meeting in meetings[:20]:
        lines.append(
            _(
                "mn-journal-line",
                mark=meeting_mark(meeting),
                date=d(meeting.held_on),
                format=_(f"mn-format-{meeting.format}"),
                topic=escape(meeting.topic),
                minutes=meeting.minutes,
            )
        )
    lines.append(_("mn-journal-legend"))
    kb = Keyboard()
    if journal.as_mentor:
        for meeting in meetings[:10]:
            kb.button(
                text=f"{meeting.held_on.strftime('%d.%m')} · {shorten(meeting.topic, 40)}",
                callback_data=MentorCD(action=MentorAction.MEETING, p=pair.id, m=meeting.id),
            )
        kb.button(text=_("btn-back"), callback_data=MentorCD(action=MentorAction.PAIR, p=pair.id))
    else:
        kb.button(text=_("btn-back"), callback_data=MenuCD(section=Section.MENTORING))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()

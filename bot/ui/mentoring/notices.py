"""How mentoring's notices read, in the recipient's language (registered with `@renders`)."""

from __future__ import annotations

from html import escape

from bot.callbacks import MentorAction, MentorCD, PairAction, PairCD
from bot.delivery import Rendered, renders
from bot.domain.mentoring import ADAPTATION, FitAnswer
from bot.i18n import Translator
from bot.services.mentoring.notices import (
    AdaptationInvite,
    ApplicationArrived,
    ApplicationDecided,
    FitQuestion,
    FitRefused,
    MeetingDisputed,
    MeetingToConfirm,
    MenteeIntroduced,
    MentorIntroduced,
    PairAtRisk,
    QuietPairNudge,
    UnpairedYoung,
)
from bot.ui.keyboard import Keyboard
from bot.ui.mentoring.common import card_lines, d, meeting_summary
from bot.ui.mentoring.teacher import adaptation_screen, my_mentor_screen


def _name(name: str | None) -> str:
    return escape(name or "—")


@renders(MenteeIntroduced)
def mentee_introduced(n: MenteeIntroduced, _: Translator) -> Rendered:
    kb = Keyboard()
    kb.button(text=_("mn-btn-log"), callback_data=MentorCD(action=MentorAction.LOG, p=n.pair_id))
    return _("mn-intro-mentor") + "\n\n" + "\n".join(card_lines(n.mentee, _)), kb.as_markup()


@renders(MentorIntroduced)
def mentor_introduced(n: MentorIntroduced, _: Translator) -> Rendered:
    text, markup = my_mentor_screen(n.card, _)
    return _("mn-intro-mentee") + "\n\n" + text, markup


@renders(ApplicationArrived)
def application_arrived(n: ApplicationArrived, _: Translator) -> Rendered:
    kb = Keyboard()
    kb.button(text=_("mts-btn-applications", count=1), callback_data=PairCD(action=PairAction.APPS))
    return _("mts-notice-application", name=_name(n.name)), kb.as_markup()


@renders(ApplicationDecided)
def application_decided(n: ApplicationDecided, _: Translator) -> Rendered:
    return _("mn-notice-approved" if n.approved else "mn-notice-declined"), None


@renders(MeetingToConfirm)
def meeting_to_confirm(n: MeetingToConfirm, _: Translator) -> Rendered:
    data: dict[str, object] = {
        "day": n.held_on.isoformat(),
        "format": n.format,
        "topic": n.topic,
        "minutes": n.minutes,
        "note": n.note,
    }
    kb = Keyboard()
    kb.button(text=_("mn-btn-confirm"), callback_data=MentorCD(action=MentorAction.YES, m=n.meeting_id))
    kb.button(text=_("mn-btn-dispute"), callback_data=MentorCD(action=MentorAction.NO, m=n.meeting_id))
    kb.adjust(1)
    return _("mn-confirm-request", name=_name(n.mentor)) + "\n\n" + meeting_summary(data, _), kb.as_markup()


@renders(FitQuestion)
def fit_question(n: FitQuestion, _: Translator) -> Rendered:
    kb = Keyboard()
    for answer in FitAnswer:
        kb.button(
            text=_(f"mn-fit-{answer.value}"),
            callback_data=MentorCD(action=MentorAction.FIT, p=n.pair_id, v=answer.value),
        )
    kb.adjust(1)
    return _("mn-fit-question", name=_name(n.mentor)), kb.as_markup()


@renders(MeetingDisputed)
def meeting_disputed(n: MeetingDisputed, _: Translator) -> Rendered:
    return _("mn-notice-disputed", name=_name(n.mentee), date=d(n.held_on)), None


@renders(FitRefused)
def fit_refused(n: FitRefused, _: Translator) -> Rendered:
    kb = Keyboard()
    kb.button(text=_("mts-btn-open-pair"), callback_data=PairCD(action=PairAction.PAIR, p=n.pair_id))
    return _("mts-notice-fit-no", mentee=_name(n.mentee), mentor=_name(n.mentor)), kb.as_markup()


@renders(QuietPairNudge)
def quiet_pair_nudge(n: QuietPairNudge, _: Translator) -> Rendered:
    kb = Keyboard()
    kb.button(text=_("mn-btn-log"), callback_data=MentorCD(action=MentorAction.LOG, p=n.pair_id))
    return _("mt-notice-nudge", mentee=_name(n.mentee), days=n.days), kb.as_markup()


@renders(PairAtRisk)
def pair_at_risk(n: PairAtRisk, _: Translator) -> Rendered:
    kb = Keyboard()
    kb.button(text=_("mts-btn-open-pair"), callback_data=PairCD(action=PairAction.PAIR, p=n.pair_id))
    text = _("mt-notice-risk", mentor=_name(n.mentor), mentee=_name(n.mentee), days=n.days)
    return text, kb.as_markup()


@renders(UnpairedYoung)
def unpaired_young(n: UnpairedYoung, _: Translator) -> Rendered:
    kb = Keyboard()
    kb.button(text=_("menu-pairs"), callback_data=PairCD(action=PairAction.HOME))
    return _("mt-notice-unpaired", name=_name(n.name), days=n.days), kb.as_markup()


@renders(AdaptationInvite)
def adaptation_invite(n: AdaptationInvite, _: Translator) -> Rendered:
    assert ADAPTATION
    text, markup = adaptation_screen(n.check_id, 0, {}, _)
    return _("adapt-intro") + "\n\n" + text, markup

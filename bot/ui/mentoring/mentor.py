"""The mentor's screens: «Мои молодые специалисты», the mentor card, a pair, the meeting form and a
logged meeting."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from bot.callbacks import MentorAction, MentorCD, MenuCD, Section
from bot.domain.mentoring import DURATIONS, MeetingFormat, PairStatus
from bot.i18n import Translator
from bot.services.mentoring.views import (
    AskDate,
    AskDuration,
    AskFormat,
    AskTopic,
    FormGone,
    FormStep,
    MeetingCard,
    Mentees,
    PairCard,
    Summary,
)
from bot.ui.diagnosis import clip
from bot.ui.keyboard import Keyboard, shorten
from bot.ui.mentoring.common import PAIR_MARK, d, meeting_summary, person_card, state_of
from bot.ui.messaging import Screen
from bot.ui.wizard import Nav, cancelled, chosen, current, nav_screen, with_nav
from storage.models import MentorMeeting, MentorPair, MentorProfile

Form = dict[str, object]


def mentees_screen(view: Mentees, _: Translator) -> Screen:
    pairs, profile, load = view.pairs, view.profile, len(view.pairs)
    capacity = profile.capacity if profile else 2
    lines = [_("mn-mentees-title", load=load, capacity=capacity)]
    if not pairs:
        lines.append(_("mn-mentees-none"))
    kb = Keyboard()
    for pair, mentee in pairs:
        kb.button(
            text=f"{PAIR_MARK[PairStatus(pair.status)]} {shorten(mentee.full_name or '—', 50)}",
            callback_data=MentorCD(action=MentorAction.PAIR, p=pair.id),
        )
    kb.button(text=_("mn-btn-profile"), callback_data=MentorCD(action=MentorAction.PROFILE))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return "\n".join(lines), kb.as_markup()


def mentor_profile_screen(profile: MentorProfile | None, _: Translator) -> Screen:
    capacity = profile.capacity if profile else 2
    formats = list(profile.formats or []) if profile else []
    lines = [
        _("mn-profile-title"),
        _("mn-profile-capacity", capacity=capacity),
        _("mn-card-about", about=escape(profile.about))
        if profile and profile.about
        else _("mn-profile-no-about"),
        "",
        _("mn-profile-formats-hint"),
    ]
    kb = Keyboard()
    for option in MeetingFormat:
        if option is MeetingFormat.OTHER:
            continue
        mark = "✅ " if option.value in formats else ""
        kb.button(
            text=mark + _(f"mn-format-{option.value}"),
            callback_data=MentorCD(action=MentorAction.FMT, v=option.value),
        )
    kb.button(text=_("mn-btn-capacity"), callback_data=MentorCD(action=MentorAction.CAP))
    kb.button(text=_("mn-btn-about"), callback_data=MentorCD(action=MentorAction.ABOUT))
    kb.button(text=_("btn-back"), callback_data=MenuCD(section=Section.MENTEES))
    kb.adjust(1)
    return "\n".join(lines), kb.as_markup()


def pair_screen(card: PairCard, _: Translator) -> Screen:
    pair, mentee, meetings = card.pair, card.mentee, card.meetings
    lines = [_("mn-pair-title"), "", *person_card(mentee, _)]
    if pair.period_start and pair.period_end:
        lines.append(_("mn-period", start=d(pair.period_start), end=d(pair.period_end)))
    lines.append(_("mn-pair-meetings", count=len(meetings)))
    if meetings:
        lines.append(_("mn-pair-last", date=d(meetings[0].held_on)))
    if pair.status == PairStatus.PAUSED:
        lines.append(_("mn-paused"))
    kb = Keyboard()
    if pair.status == PairStatus.ACTIVE:
        kb.button(text=_("mn-btn-log"), callback_data=MentorCD(action=MentorAction.LOG, p=pair.id))
    kb.button(text=_("mn-btn-journal"), callback_data=MentorCD(action=MentorAction.JOURNAL, p=pair.id))
    kb.button(text=_("btn-back"), callback_data=MenuCD(section=Section.MENTEES))
    kb.adjust(1)
    text = clip("\n".join(lines))
    return ((_(card.note) + "\n\n" + text) if card.note else text), kb.as_markup()


def _log_nav(pair_id: int, back: str | None, keep: str | None = None) -> Nav:
    """The meeting form: «⬅️ Назад» to the question before (the pair from the first), «✖️ Отмена», and
    «↩️ Оставить как есть» on a question answered before."""
    return Nav(
        back=MentorCD(action=MentorAction.LOG_GO, p=pair_id, v=back)
        if back
        else MentorCD(action=MentorAction.PAIR, p=pair_id),
        cancel=MentorCD(action=MentorAction.LOG_CANCEL, p=pair_id),
        keep=MentorCD(action=MentorAction.LOG_GO, p=pair_id, v=keep) if keep else None,
    )


def format_prompt(pair_id: int, _: Translator, form: Form | None = None) -> Screen:
    mine = (form or {}).get("format")
    kb = Keyboard()
    for option in MeetingFormat:
        kb.button(
            text=chosen(_(f"mn-format-{option.value}"), mine == option.value),
            callback_data=MentorCD(action=MentorAction.LOG_FMT, p=pair_id, v=option.value),
        )
    kb.adjust(1)
    return _("mn-log-format"), with_nav(kb, _log_nav(pair_id, None), _)


def topic_prompt(pair_id: int, recent: list[str], _: Translator, form: Form | None = None) -> Screen:
    mine = (form or {}).get("topic")
    kb = Keyboard()
    for index, topic in enumerate(recent):
        kb.button(
            text=chosen(shorten(topic, 60), mine == topic),
            callback_data=MentorCD(action=MentorAction.LOG_TOPIC, p=pair_id, v=str(index)),
        )
    kb.adjust(1)
    text = _("mn-log-topic-recent" if recent else "mn-log-topic")
    if mine:
        text += "\n\n" + current(escape(str(mine)), _)
    return text, with_nav(kb, _log_nav(pair_id, "fmt", "min" if mine else None), _)


def duration_prompt(pair_id: int, _: Translator, form: Form | None = None) -> Screen:
    mine = (form or {}).get("minutes")
    kb = Keyboard()
    for minutes in DURATIONS:
        kb.button(
            text=chosen(_("mn-minutes", minutes=minutes), mine == minutes),
            callback_data=MentorCD(action=MentorAction.LOG_MIN, p=pair_id, v=str(minutes)),
        )
    kb.adjust(4)
    return _("mn-log-duration"), with_nav(kb, _log_nav(pair_id, "topic"), _)


def confirm_log_screen(pair_id: int, data: dict[str, object], _: Translator) -> Screen:
    kb = Keyboard()
    token = str(data["token"])
    kb.button(text=_("mn-btn-save"), callback_data=MentorCD(action=MentorAction.LOG_SAVE, p=pair_id, v=token))
    kb.button(text=_("mn-btn-date"), callback_data=MentorCD(action=MentorAction.LOG_DATES, p=pair_id))
    kb.button(text=_("mn-btn-note"), callback_data=MentorCD(action=MentorAction.LOG_NOTE, p=pair_id))
    kb.adjust(1, 2)
    text = _("mn-log-check") + "\n\n" + meeting_summary(data, _)
    return text, with_nav(kb, _log_nav(pair_id, "min"), _)


def dates_prompt(pair_id: int, today: date, _: Translator) -> Screen:
    kb = Keyboard()
    for back in range(0, 8):
        day = today - timedelta(days=back)
        label = _("mn-today") if back == 0 else _("mn-yesterday") if back == 1 else day.strftime("%d.%m")
        kb.button(
            text=label, callback_data=MentorCD(action=MentorAction.LOG_DAY, p=pair_id, v=day.isoformat())
        )
    kb.adjust(2, 3, 3)
    return _("mn-log-date"), with_nav(kb, _log_nav(pair_id, "sum"), _)


def note_prompt(pair_id: int, _: Translator) -> Screen:
    """A note or a photo for the meeting, typed: back to the summary, cancel."""
    return nav_screen(_("mn-note-prompt"), _log_nav(pair_id, "sum"), _)


def card_about_prompt(profile: MentorProfile | None, _: Translator) -> Screen:
    """The mentor card's «о себе», typed: what is there now, back to the card, cancel."""
    text = _("wz-card-about-prompt")
    if profile is not None and profile.about:
        text += "\n\n" + current(escape(profile.about), _)
    nav = Nav(
        back=MentorCD(action=MentorAction.PROFILE), cancel=MentorCD(action=MentorAction.EDIT_CANCEL, v="card")
    )
    return nav_screen(text, nav, _)


def topic_edit_prompt(meeting: MentorMeeting, _: Translator) -> Screen:
    """A logged meeting's topic, typed anew: back to the meeting, cancel."""
    nav = Nav(
        back=MentorCD(action=MentorAction.MEETING, p=meeting.pair_id, m=meeting.id),
        cancel=MentorCD(action=MentorAction.EDIT_CANCEL, p=meeting.pair_id, m=meeting.id, v="topic"),
    )
    return nav_screen(_("mn-log-topic") + "\n\n" + current(escape(meeting.topic), _), nav, _)


def edit_cancelled(back: tuple[str, MentorCD], _: Translator) -> Screen:
    return cancelled(_("wz-edit-cancelled"), _, back_to=back)


def log_cancelled(pair_id: int, _: Translator) -> Screen:
    back = (_("wz-btn-to-pair"), MentorCD(action=MentorAction.PAIR, p=pair_id))
    return cancelled(_("wz-meeting-cancelled"), _, back_to=back)


def form_screen(step: FormStep, _: Translator, form: Form | None = None) -> Screen:
    """The meeting form's next question (or the summary, or the pair again for an old form); `form`
    — the answers so far, shown when the person comes back to a question."""
    if isinstance(step, AskFormat):
        return format_prompt(step.pair_id, _, form)
    if isinstance(step, AskTopic):
        return topic_prompt(step.pair_id, step.recent, _, form)
    if isinstance(step, AskDuration):
        return duration_prompt(step.pair_id, _, form)
    if isinstance(step, AskDate):
        return dates_prompt(step.pair_id, step.today, _)
    if isinstance(step, Summary):
        return confirm_log_screen(step.pair_id, step.form, _)
    assert isinstance(step, FormGone)
    return pair_screen(step.card, _)


def meeting_screen(card: MeetingCard, _: Translator) -> Screen:
    pair, meeting = card.pair, card.meeting
    data: dict[str, object] = {
        "day": meeting.held_on.isoformat(),
        "format": meeting.format,
        "topic": meeting.topic,
        "minutes": meeting.minutes,
        "note": meeting.note,
        "photo": meeting.photo_file_id,
    }
    lines = [meeting_summary(data, _), "", _(f"mn-meeting-state-{state_of(meeting)}")]
    if meeting.rating:
        lines.append(_("mn-meeting-rating", rating=meeting.rating))
    if meeting.rating_comment:
        lines.append(_("mn-meeting-comment", comment=escape(meeting.rating_comment)))
    kb = Keyboard()
    kb.button(
        text=_("mn-btn-edit-topic"),
        callback_data=MentorCD(action=MentorAction.EDIT_TOPIC, p=pair.id, m=meeting.id),
    )
    for minutes in DURATIONS:
        mark = "✅ " if minutes == meeting.minutes else ""
        kb.button(
            text=mark + _("mn-minutes", minutes=minutes),
            callback_data=MentorCD(action=MentorAction.EDIT_MIN, p=pair.id, m=meeting.id, v=str(minutes)),
        )
    kb.button(
        text=_("mn-btn-delete"), callback_data=MentorCD(action=MentorAction.DELETE, p=pair.id, m=meeting.id)
    )
    kb.button(text=_("btn-back"), callback_data=MentorCD(action=MentorAction.JOURNAL, p=pair.id))
    kb.adjust(1, 4, 1, 1)
    return clip("\n".join(lines)), kb.as_markup()


def delete_confirm(pair: MentorPair, meeting: MentorMeeting, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(
        text=_("mn-btn-delete-yes"),
        callback_data=MentorCD(action=MentorAction.DELETE_YES, p=pair.id, m=meeting.id),
    )
    kb.button(
        text=_("route-btn-cancel"),
        callback_data=MentorCD(action=MentorAction.MEETING, p=pair.id, m=meeting.id),
    )
    kb.adjust(1)
    return _("mn-delete-confirm", topic=escape(meeting.topic)), kb.as_markup()

"""Screens of mentoring: «Мой наставник» for young specialists, the mentor's mentees and meeting log,
the mentee's confirmation and the fit check, the adaptation check, and staff's pairs and report."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from bot.callbacks import AdaptCD, MentorCD, MenuCD, PairCD, Section
from bot.domain.mentoring import (
    ADAPTATION,
    DURATIONS,
    FitAnswer,
    MeetingFormat,
    PairStatus,
    QuestionKind,
    Reason,
)
from bot.i18n import Translator
from bot.services.mentoring import MeetingRow, Notice, PairRow, Report
from bot.services.reports import Sheet
from bot.ui.diagnosis import clip
from bot.ui.keyboard import Keyboard
from bot.ui.messaging import Screen
from storage.models import (
    AdaptationCheck,
    MentorApplication,
    MentorMeeting,
    MentorPair,
    MentorProfile,
    Municipality,
    User,
)

PAGE = 8
PAIR_MARK = {
    PairStatus.PROPOSED: "💡",
    PairStatus.ACTIVE: "🤝",
    PairStatus.PAUSED: "⏸",
    PairStatus.COMPLETED: "🏁",
    PairStatus.CANCELLED: "✖️",
}


def d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def name(user: User | None) -> str:
    return escape(user.full_name or "—") if user is not None else "—"


def mention(user: User) -> str:
    """A name that opens the person's chat in Telegram (works once they have written to the bot)."""
    return f'<a href="tg://user?id={user.tg_id}">{name(user)}</a>'


def person_card(user: User, _: Translator) -> list[str]:
    school = user.school.short_name or user.school.name if user.school else _("profile-empty")
    subjects = ", ".join(_(f"subject-{s.subject}") for s in user.subjects) or _("subjects-none")
    place = user.municipality.name if user.municipality else "—"
    return [
        _("mn-card-name", name=mention(user)),
        _("mn-card-place", school=escape(school), municipality=escape(place)),
        _("mn-card-subjects", subjects=subjects),
    ]


def reasons_text(reasons: list[str] | tuple[Reason, ...], _: Translator) -> str:
    """Why this pair; «the same municipality» holds for every pair, so it is said only alone."""
    codes = [str(r) for r in reasons]
    shown = [c for c in codes if c != Reason.MUNICIPALITY.value] or codes
    return ", ".join(_(f"mn-reason-{c}") for c in shown) or "—"


# --- the young specialist ----------------------------------------------------------------


def my_mentor_screen(pair: MentorPair, mentor: User, profile: MentorProfile | None, _: Translator) -> Screen:
    lines = [_("mn-my-title"), "", *person_card(mentor, _)]
    if profile is not None and profile.about:
        lines.append(_("mn-card-about", about=escape(profile.about)))
    if profile is not None and profile.formats:
        lines.append(_("mn-card-formats", formats=", ".join(_(f"mn-format-{f}") for f in profile.formats)))
    if pair.period_start and pair.period_end:
        lines.append(_("mn-period", start=d(pair.period_start), end=d(pair.period_end)))
    if pair.status == PairStatus.PAUSED.value:
        lines.append(_("mn-paused"))
    lines += ["", _("mn-my-contact")]
    kb = Keyboard()
    kb.button(text=_("mn-btn-journal"), callback_data=MentorCD(action="journal", p=pair.id))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def no_mentor_screen(requested: bool, proposed: bool, _: Translator) -> Screen:
    kb = Keyboard()
    if proposed:
        text = _("mn-proposed")
    elif requested:
        text = _("mn-requested")
        kb.button(text=_("mn-btn-change-request"), callback_data=MentorCD(action="ask"))
    else:
        text = _("mn-none")
        kb.button(text=_("mn-btn-ask"), callback_data=MentorCD(action="ask"))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return text, kb.as_markup()


def not_young_screen(pending: MentorApplication | None, _: Translator) -> Screen:
    kb = Keyboard()
    if pending is None:
        kb.button(text=_("mn-btn-apply"), callback_data=MentorCD(action="apply"))
        text = _("mn-not-young")
    else:
        text = _("mn-applied")
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return text, kb.as_markup()


def ask_screen(user: User, wish_subject: str | None, same_school: bool, _: Translator) -> Screen:
    kb = Keyboard()
    for s in user.subjects:
        mark = "✅ " if wish_subject == s.subject else ""
        kb.button(
            text=mark + _("mn-wish-subject", subject=_(f"subject-{s.subject}")),
            callback_data=MentorCD(action="wish_subject", v=s.subject),
        )
    kb.button(
        text=("✅ " if same_school else "") + _("mn-wish-school"),
        callback_data=MentorCD(action="wish_school", v="0" if same_school else "1"),
    )
    kb.button(text=_("mn-btn-send-request"), callback_data=MentorCD(action="request"))
    kb.button(text=_("route-btn-cancel"), callback_data=MenuCD(section=Section.MENTORING))
    kb.adjust(1)
    return _("mn-ask-prompt"), kb.as_markup()


def capacity_prompt(_: Translator, action: str = "apply_cap") -> Screen:
    kb = Keyboard()
    for value in (1, 2, 3, 4):
        kb.button(text=str(value), callback_data=MentorCD(action=action, v=str(value)))
    kb.button(text=_("route-btn-cancel"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(4, 1)
    return _("mn-capacity-prompt"), kb.as_markup()


def about_prompt(_: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("add-note-skip"), callback_data=MentorCD(action="apply_skip"))
    kb.button(text=_("route-btn-cancel"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return _("mn-about-prompt"), kb.as_markup()


# --- the mentor ----------------------------------------------------------------


def mentees_screen(
    pairs: list[tuple[MentorPair, User]], profile: MentorProfile | None, load: int, _: Translator
) -> Screen:
    capacity = profile.capacity if profile else 2
    lines = [_("mn-mentees-title", load=load, capacity=capacity)]
    if not pairs:
        lines.append(_("mn-mentees-none"))
    kb = Keyboard()
    for pair, mentee in pairs:
        kb.button(
            text=f"{PAIR_MARK[PairStatus(pair.status)]} {(mentee.full_name or '—')[:50]}",
            callback_data=MentorCD(action="pair", p=pair.id),
        )
    kb.button(text=_("mn-btn-profile"), callback_data=MentorCD(action="profile"))
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
            text=mark + _(f"mn-format-{option.value}"), callback_data=MentorCD(action="fmt", v=option.value)
        )
    kb.button(text=_("mn-btn-capacity"), callback_data=MentorCD(action="cap"))
    kb.button(text=_("mn-btn-about"), callback_data=MentorCD(action="about"))
    kb.button(text=_("btn-back"), callback_data=MenuCD(section=Section.MENTEES))
    kb.adjust(1)
    return "\n".join(lines), kb.as_markup()


def pair_screen(pair: MentorPair, mentee: User, meetings: list[MentorMeeting], _: Translator) -> Screen:
    lines = [_("mn-pair-title"), "", *person_card(mentee, _)]
    if pair.period_start and pair.period_end:
        lines.append(_("mn-period", start=d(pair.period_start), end=d(pair.period_end)))
    lines.append(_("mn-pair-meetings", count=len(meetings)))
    if meetings:
        lines.append(_("mn-pair-last", date=d(meetings[0].held_on)))
    if pair.status == PairStatus.PAUSED.value:
        lines.append(_("mn-paused"))
    kb = Keyboard()
    if pair.status == PairStatus.ACTIVE.value:
        kb.button(text=_("mn-btn-log"), callback_data=MentorCD(action="log", p=pair.id))
    kb.button(text=_("mn-btn-journal"), callback_data=MentorCD(action="journal", p=pair.id))
    kb.button(text=_("btn-back"), callback_data=MenuCD(section=Section.MENTEES))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def format_prompt(pair_id: int, _: Translator) -> Screen:
    kb = Keyboard()
    for option in MeetingFormat:
        kb.button(
            text=_(f"mn-format-{option.value}"),
            callback_data=MentorCD(action="log_fmt", p=pair_id, v=option.value),
        )
    kb.button(text=_("route-btn-cancel"), callback_data=MentorCD(action="pair", p=pair_id))
    kb.adjust(1)
    return _("mn-log-format"), kb.as_markup()


def topic_prompt(pair_id: int, recent: list[str], _: Translator) -> Screen:
    kb = Keyboard()
    for index, topic in enumerate(recent):
        kb.button(text=topic[:60], callback_data=MentorCD(action="log_topic", p=pair_id, v=str(index)))
    kb.button(text=_("route-btn-cancel"), callback_data=MentorCD(action="pair", p=pair_id))
    kb.adjust(1)
    key = "mn-log-topic-recent" if recent else "mn-log-topic"
    return _(key), kb.as_markup()


def duration_prompt(pair_id: int, _: Translator) -> Screen:
    kb = Keyboard()
    for minutes in DURATIONS:
        kb.button(
            text=_("mn-minutes", minutes=minutes),
            callback_data=MentorCD(action="log_min", p=pair_id, v=str(minutes)),
        )
    kb.button(text=_("route-btn-cancel"), callback_data=MentorCD(action="pair", p=pair_id))
    kb.adjust(4, 1)
    return _("mn-log-duration"), kb.as_markup()


def meeting_summary(data: dict[str, object], _: Translator) -> str:
    held_on = date.fromisoformat(str(data["day"]))
    lines = [
        _("mn-meeting-date", date=d(held_on)),
        _("mn-meeting-format", format=_(f"mn-format-{data['format']}")),
        _("mn-meeting-topic", topic=escape(str(data["topic"]))),
        _("mn-meeting-minutes", minutes=int(str(data["minutes"]))),
    ]
    if data.get("note"):
        lines.append(_("mn-meeting-note", note=escape(str(data["note"]))))
    if data.get("photo"):
        lines.append(_("mn-meeting-photo"))
    return "\n".join(lines)


def confirm_log_screen(pair_id: int, data: dict[str, object], _: Translator) -> Screen:
    kb = Keyboard()
    token = str(data["token"])
    kb.button(text=_("mn-btn-save"), callback_data=MentorCD(action="log_save", p=pair_id, v=token))
    kb.button(text=_("mn-btn-date"), callback_data=MentorCD(action="log_dates", p=pair_id))
    kb.button(text=_("mn-btn-note"), callback_data=MentorCD(action="log_note", p=pair_id))
    kb.button(text=_("route-btn-cancel"), callback_data=MentorCD(action="pair", p=pair_id))
    kb.adjust(1, 2, 1)
    return _("mn-log-check") + "\n\n" + meeting_summary(data, _), kb.as_markup()


def dates_prompt(pair_id: int, today: date, _: Translator) -> Screen:
    kb = Keyboard()
    for back in range(0, 8):
        day = today - timedelta(days=back)
        label = _("mn-today") if back == 0 else _("mn-yesterday") if back == 1 else day.strftime("%d.%m")
        kb.button(text=label, callback_data=MentorCD(action="log_day", p=pair_id, v=day.isoformat()))
    kb.adjust(2, 3, 3)
    return _("mn-log-date"), kb.as_markup()


def meeting_mark(meeting: MentorMeeting) -> str:
    if meeting.disputed_at is not None:
        return "❌"
    if meeting.confirmed_at is not None:
        return "✅" + (f" ★{meeting.rating}" if meeting.rating else "")
    return "⏳"


def journal_screen(
    pair: MentorPair, other: User, meetings: list[MentorMeeting], as_mentor: bool, _: Translator
) -> Screen:
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
    if as_mentor:
        for meeting in meetings[:10]:
            kb.button(
                text=f"{meeting.held_on.strftime('%d.%m')} · {meeting.topic[:40]}",
                callback_data=MentorCD(action="meeting", p=pair.id, m=meeting.id),
            )
        kb.button(text=_("btn-back"), callback_data=MentorCD(action="pair", p=pair.id))
    else:
        kb.button(text=_("btn-back"), callback_data=MenuCD(section=Section.MENTORING))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def meeting_screen(pair: MentorPair, meeting: MentorMeeting, _: Translator) -> Screen:
    data: dict[str, object] = {
        "day": meeting.held_on.isoformat(),
        "format": meeting.format,
        "topic": meeting.topic,
        "minutes": meeting.minutes,
        "note": meeting.note,
        "photo": meeting.photo_file_id,
    }
    lines = [meeting_summary(data, _), "", _(f"mn-meeting-state-{meeting_state(meeting)}")]
    if meeting.rating:
        lines.append(_("mn-meeting-rating", rating=meeting.rating))
    if meeting.rating_comment:
        lines.append(_("mn-meeting-comment", comment=escape(meeting.rating_comment)))
    kb = Keyboard()
    kb.button(
        text=_("mn-btn-edit-topic"), callback_data=MentorCD(action="edit_topic", p=pair.id, m=meeting.id)
    )
    for minutes in DURATIONS:
        mark = "✅ " if minutes == meeting.minutes else ""
        kb.button(
            text=mark + _("mn-minutes", minutes=minutes),
            callback_data=MentorCD(action="edit_min", p=pair.id, m=meeting.id, v=str(minutes)),
        )
    kb.button(text=_("mn-btn-delete"), callback_data=MentorCD(action="delete", p=pair.id, m=meeting.id))
    kb.button(text=_("btn-back"), callback_data=MentorCD(action="journal", p=pair.id))
    kb.adjust(1, 4, 1, 1)
    return clip("\n".join(lines)), kb.as_markup()


def meeting_state(meeting: MentorMeeting) -> str:
    if meeting.disputed_at is not None:
        return "disputed"
    return "confirmed" if meeting.confirmed_at is not None else "waiting"


def delete_confirm(pair: MentorPair, meeting: MentorMeeting, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(
        text=_("mn-btn-delete-yes"), callback_data=MentorCD(action="delete_yes", p=pair.id, m=meeting.id)
    )
    kb.button(text=_("route-btn-cancel"), callback_data=MentorCD(action="meeting", p=pair.id, m=meeting.id))
    kb.adjust(1)
    return _("mn-delete-confirm", topic=escape(meeting.topic)), kb.as_markup()


# --- the mentee confirms, rates, answers the fit check --------------------------------------------


def confirm_request(mentor: User, meeting: MentorMeeting, _: Translator) -> Screen:
    data: dict[str, object] = {
        "day": meeting.held_on.isoformat(),
        "format": meeting.format,
        "topic": meeting.topic,
        "minutes": meeting.minutes,
        "note": meeting.note,
    }
    kb = Keyboard()
    kb.button(text=_("mn-btn-confirm"), callback_data=MentorCD(action="yes", m=meeting.id))
    kb.button(text=_("mn-btn-dispute"), callback_data=MentorCD(action="no", m=meeting.id))
    kb.adjust(1)
    return _("mn-confirm-request", name=name(mentor)) + "\n\n" + meeting_summary(data, _), kb.as_markup()


def rating_prompt(meeting: MentorMeeting, _: Translator) -> Screen:
    kb = Keyboard()
    for value in range(1, 6):
        kb.button(text="★" * value, callback_data=MentorCD(action="rate", m=meeting.id, v=str(value)))
    kb.adjust(5)
    return _("mn-rate-prompt"), kb.as_markup()


def comment_prompt(meeting: MentorMeeting, _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("mn-btn-no-comment"), callback_data=MentorCD(action="no_comment", m=meeting.id))
    return _("mn-comment-prompt"), kb.as_markup()


def fit_question(pair: MentorPair, mentor: User, _: Translator) -> Screen:
    kb = Keyboard()
    for answer in FitAnswer:
        kb.button(
            text=_(f"mn-fit-{answer.value}"), callback_data=MentorCD(action="fit", p=pair.id, v=answer.value)
        )
    kb.adjust(1)
    return _("mn-fit-question", name=name(mentor)), kb.as_markup()


# --- the adaptation check ----------------------------------------------------------------


def adaptation_screen(check: AdaptationCheck, _: Translator) -> Screen:
    index = check.position
    question = ADAPTATION[index]
    chosen = (check.answers or {}).get(question.id)
    kb = Keyboard()
    for option in question.options:
        picked = isinstance(chosen, list) and option in chosen
        kb.button(
            text=("✅ " if picked else "") + _(f"adapt-{question.id}-{option}"),
            callback_data=AdaptCD(c=check.id, i=index, v=option),
        )
    if question.kind is QuestionKind.MULTI:
        kb.button(text=_("adapt-done"), callback_data=AdaptCD(c=check.id, i=index, v="done"))
    kb.adjust(5 if question.kind is QuestionKind.SCALE else 1, 1)
    text = _("adapt-title", number=index + 1, count=len(ADAPTATION)) + "\n\n" + _(f"adapt-q-{question.id}")
    if question.kind is QuestionKind.MULTI:
        text += "\n\n" + _("adapt-multi-hint")
    return text, kb.as_markup()


# --- staff ----------------------------------------------------------------


def staff_home(report: Report, applications: int, _: Translator) -> Screen:
    lines = [
        _("mts-pairs-title"),
        _("mts-coverage", covered=report.covered, youngs=report.youngs, share=report.coverage),
        _("mts-pairs-active", count=len(report.pairs)),
        _("mts-pairs-risk", count=len(report.at_risk)),
    ]
    if report.proposed:
        lines.append(_("mts-pairs-proposed", count=report.proposed))
    kb = Keyboard()
    kb.button(text=_("mts-btn-match"), callback_data=PairCD(action="match"))
    if report.proposed:
        kb.button(
            text=_("mts-btn-proposals", count=report.proposed), callback_data=PairCD(action="proposals")
        )
    if report.at_risk:
        kb.button(text=_("mts-btn-risk", count=len(report.at_risk)), callback_data=PairCD(action="risk"))
    if applications:
        kb.button(text=_("mts-btn-applications", count=applications), callback_data=PairCD(action="apps"))
    kb.button(text=_("mts-btn-report"), callback_data=PairCD(action="report"))
    kb.button(text=_("mts-btn-xlsx"), callback_data=PairCD(action="xlsx"))
    kb.button(text=_("btn-menu"), callback_data=MenuCD(section=Section.MAIN))
    kb.adjust(1)
    return "\n".join(lines), kb.as_markup()


def match_scope_screen(municipalities: list[Municipality], _: Translator) -> Screen:
    kb = Keyboard()
    kb.button(text=_("mts-scope-region"), callback_data=PairCD(action="match_in", m=0))
    for municipality in municipalities[:40]:
        kb.button(text=municipality.name[:60], callback_data=PairCD(action="match_in", m=municipality.id))
    kb.button(text=_("btn-back"), callback_data=PairCD(action="home"))
    kb.adjust(1, 2)
    return _("mts-scope-prompt"), kb.as_markup()


def proposals_screen(
    pairs: list[MentorPair], people: dict[int, User], unmatched: int | None, page: int, _: Translator
) -> Screen:
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
            text=f"💡 {(mentee.full_name if mentee else '—') or '—'}"[:60],
            callback_data=PairCD(action="proposal", p=pair.id, pg=page),
        )
    sizes = [1] * len(chunk)
    nav = kb.pager(page, pages, lambda n: PairCD(action="proposals", pg=n))
    if nav:
        sizes.append(nav)
    if pages > 1:
        lines.append(_("route-page", page=page + 1, pages=pages))
    if pairs:
        kb.button(text=_("mts-btn-confirm-all", count=len(pairs)), callback_data=PairCD(action="confirm_all"))
        sizes.append(1)
    kb.button(text=_("btn-back"), callback_data=PairCD(action="home"))
    sizes.append(1)
    kb.adjust(*sizes)
    return clip("\n".join(lines)), kb.as_markup()


def proposal_screen(
    pair: MentorPair, mentee: User, mentor: User, load: int, capacity: int, page: int, _: Translator
) -> Screen:
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
    kb.button(text=_("mts-btn-confirm"), callback_data=PairCD(action="confirm", p=pair.id, pg=page))
    kb.button(text=_("mts-btn-other"), callback_data=PairCD(action="others", p=pair.id, pg=page))
    kb.button(text=_("mts-btn-reject"), callback_data=PairCD(action="reject", p=pair.id, pg=page))
    kb.button(text=_("btn-back"), callback_data=PairCD(action="proposals", pg=page))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def others_screen(
    pair: MentorPair,
    options: list[tuple[User, float, tuple[Reason, ...], int, int]],
    page: int,
    _: Translator,
) -> Screen:
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
            text=f"{(mentor.full_name or '—')[:44]} · {load}/{capacity}",
            callback_data=PairCD(action="pick", p=pair.id, m=mentor.id, pg=page),
        )
    if not options:
        lines.append(_("mts-others-none"))
    kb.button(text=_("btn-back"), callback_data=PairCD(action="proposal", p=pair.id, pg=page))
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
            text=f"⚠️ {(row.mentee.full_name or '—')[:50]}", callback_data=PairCD(action="pair", p=row.pair.id)
        )
    kb.button(text=_("btn-back"), callback_data=PairCD(action="home"))
    kb.adjust(1)
    return clip("\n".join(lines)), kb.as_markup()


def staff_pair_screen(pair: MentorPair, mentee: User, mentor: User, meetings: int, _: Translator) -> Screen:
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
        kb.button(text=_("mts-btn-pause"), callback_data=PairCD(action="pause", p=pair.id))
    if status is PairStatus.PAUSED:
        kb.button(text=_("mts-btn-resume"), callback_data=PairCD(action="resume", p=pair.id))
    if status in (PairStatus.ACTIVE, PairStatus.PAUSED):
        kb.button(text=_("mts-btn-complete"), callback_data=PairCD(action="complete", p=pair.id))
        kb.button(text=_("mts-btn-rematch"), callback_data=PairCD(action="rematch", p=pair.id))
    kb.button(text=_("btn-back"), callback_data=PairCD(action="home"))
    kb.adjust(1)
    return "\n".join(lines), kb.as_markup()


def applications_screen(rows: list[tuple[MentorApplication, User]], _: Translator) -> Screen:
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
            text=_("mts-btn-approve", name=(user.full_name or "—")[:40]),
            callback_data=PairCD(action="approve", a=application.id),
        )
        kb.button(text=_("mts-btn-decline"), callback_data=PairCD(action="decline", a=application.id))
    kb.button(text=_("btn-back"), callback_data=PairCD(action="home"))
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


def school_of(user: User) -> str:
    """The school as people name it (or what the teacher typed when it was not in the directory)."""
    if user.school is not None:
        return user.school.short_name or user.school.name
    return user.school_note or ""


def place_of(user: User) -> str:
    return user.municipality.name if user.municipality is not None else ""


def report_sheets(report: Report, meetings: list[MeetingRow], _: Translator) -> list[Sheet]:
    """The report as a spreadsheet for the region: summary, pairs, mentors and the meeting log.
    Free text (names, schools, topics, comments) goes in as data: `reports.workbook` keeps it text."""
    a = report.adaptation
    summary = [
        (_("mts-col-youngs"), report.youngs),
        (_("mts-col-covered"), report.covered),
        (_("mts-col-coverage"), report.coverage),
        (_("mts-col-pairs"), len(report.pairs)),
        (_("mts-col-risk"), len(report.at_risk)),
        (_("mts-col-per-month"), report.per_month),
        (_("mts-col-rating"), report.rating),
        (_("mts-col-adaptation"), a.answered),
        (_("mts-col-support"), a.support_avg),
        (_("mts-col-overloaded"), a.overloaded),
        (_("mts-col-may-leave"), a.may_leave),
    ]
    pairs = [
        (
            row.mentee.full_name or "",
            place_of(row.mentee),
            school_of(row.mentee),
            row.mentor.full_name or "",
            school_of(row.mentor),
            _(f"mn-status-{row.pair.status}"),
            row.pair.period_start,
            row.meetings,
            row.per_month,
            row.rating,
            _(f"mn-fit-{row.pair.fit_answer}") if row.pair.fit_answer else "",
            _("mts-yes") if row.at_risk else "",
        )
        for row in report.pairs
    ]
    mentors = [
        (
            load.mentor.full_name or "",
            place_of(load.mentor),
            school_of(load.mentor),
            load.load,
            load.capacity,
            load.about or "",
        )
        for load in report.mentors
    ]
    log = [
        (
            row.meeting.held_on,
            row.mentee.full_name or "",
            row.mentor.full_name or "",
            _(f"mn-format-{row.meeting.format}"),
            row.meeting.topic,
            row.meeting.minutes,
            _(f"mts-meeting-{meeting_state(row.meeting)}"),
            row.meeting.rating,
            row.meeting.rating_comment or "",
            row.meeting.note or "",
        )
        for row in meetings
    ]
    return [
        Sheet(_("mts-sheet-summary"), (), summary, table=False, bold_first=True),
        Sheet(
            _("mts-sheet-pairs"),
            (
                _("mts-col-mentee"),
                _("mts-col-municipality"),
                _("mts-col-mentee-school"),
                _("mts-col-mentor"),
                _("mts-col-mentor-school"),
                _("mts-col-status"),
                _("mts-col-since"),
                _("mts-col-meetings"),
                _("mts-col-per-month"),
                _("mts-col-rating"),
                _("mts-col-fit"),
                _("mts-col-risk"),
            ),
            pairs,
        ),
        Sheet(
            _("mts-sheet-mentors"),
            (
                _("mts-col-mentor"),
                _("mts-col-municipality"),
                _("mts-col-school"),
                _("mts-col-load"),
                _("mts-col-capacity"),
                _("mts-col-about"),
            ),
            mentors,
        ),
        Sheet(
            _("mts-sheet-meetings"),
            (
                _("mts-col-date"),
                _("mts-col-mentee"),
                _("mts-col-mentor"),
                _("mts-col-format"),
                _("mts-col-topic"),
                _("mts-col-minutes"),
                _("mts-col-confirmed"),
                _("mts-col-meeting-rating"),
                _("mts-col-comment"),
                _("mts-col-note"),
            ),
            log,
        ),
    ]


def mentoring_notice(notice: Notice, _: Translator) -> Screen:
    args = {k: escape(str(v)) if isinstance(v, str) else v for k, v in notice.args.items()}
    kb = Keyboard()
    if notice.key == "mt-notice-nudge" and notice.pair_id:
        kb.button(text=_("mn-btn-log"), callback_data=MentorCD(action="log", p=notice.pair_id))
    elif notice.key == "mt-notice-risk" and notice.pair_id:
        kb.button(text=_("mts-btn-open-pair"), callback_data=PairCD(action="pair", p=notice.pair_id))
    else:
        kb.button(text=_("menu-pairs"), callback_data=PairCD(action="home"))
    return _(notice.key, **args), kb.as_markup()

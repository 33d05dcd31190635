"""What mentoring's screens share: names, a person's card, why a pair, a meeting's summary."""

from __future__ import annotations

from datetime import date
from html import escape

from aiogram.types import Message

from bot.domain.mentoring import PairStatus, Reason, meeting_state
from bot.i18n import Translator
from bot.services.mentoring.notices import PersonCard, card_of
from storage.models import MentorMeeting, User

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


def mention(card: PersonCard) -> str:
    """A name that opens the person's chat in Telegram (works once they have written to the bot)."""
    return f'<a href="tg://user?id={card.tg_id}">{escape(card.name or "—")}</a>'


def card_lines(card: PersonCard, _: Translator) -> list[str]:
    subjects = ", ".join(_(f"subject-{s}") for s in card.subjects) or _("subjects-none")
    return [
        _("mn-card-name", name=mention(card)),
        _(
            "mn-card-place",
            school=escape(card.school or _("profile-empty")),
            municipality=escape(card.place or "—"),
        ),
        _("mn-card-subjects", subjects=subjects),
    ]


def person_card(user: User, _: Translator) -> list[str]:
    return card_lines(card_of(user), _)


def reasons_text(reasons: list[str] | tuple[Reason, ...], _: Translator) -> str:
    """Why this pair; «the same municipality» holds for every pair, so it is said only alone."""
    codes = [str(r) for r in reasons]
    shown = [c for c in codes if c != Reason.MUNICIPALITY.value] or codes
    return ", ".join(_(f"mn-reason-{c}") for c in shown) or "—"


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


def meeting_mark(meeting: MentorMeeting) -> str:
    if meeting.disputed_at is not None:
        return "❌"
    if meeting.confirmed_at is not None:
        return "✅" + (f" ★{meeting.rating}" if meeting.rating else "")
    return "⏳"


def state_of(meeting: MentorMeeting) -> str:
    return meeting_state(meeting.confirmed_at, meeting.disputed_at).value


def school_of(user: User) -> str:
    """The school as people name it (or what the teacher typed when it was not in the directory)."""
    if user.school is not None:
        return user.school.short_name or user.school.name
    return user.school_note or ""


def place_of(user: User) -> str:
    return user.municipality.name if user.municipality is not None else ""


async def one_line(message: Message, limit: int, _: Translator) -> str | None:
    """The message's text on one line (spaces collapsed); None, and the person told, when it is
    longer than `limit`."""
    text = " ".join((message.text or "").split())
    if len(text) > limit:
        await message.answer(_("mn-about-long", max=limit))
        return None
    return text

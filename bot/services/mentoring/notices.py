"""What mentoring tells people other than the one acting — data only; `bot/ui/mentoring` renders
each kind in the recipient's language, and the notifier queues it in the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.mentoring import MeetingFormat, PairStatus
from bot.services.notices import Notice
from storage.models import MentorPair, MentorProfile, User


@dataclass(frozen=True, slots=True)
class PersonCard:
    """A person as the other side of a pair sees them (names as typed: the renderer escapes)."""

    tg_id: int | None
    name: str | None
    school: str | None  # None: not in the directory
    place: str | None
    subjects: tuple[str, ...]


def card_of(user: User) -> PersonCard:
    school = (user.school.short_name or user.school.name) if user.school is not None else None
    return PersonCard(
        user.tg_id,
        user.full_name,
        school,
        user.municipality.name if user.municipality is not None else None,
        tuple(s.subject for s in user.subjects),
    )


@dataclass(frozen=True, slots=True)
class MentorCard:
    """«Мой наставник»: the young specialist's mentor, their card and the pair's period."""

    pair_id: int
    mentor: PersonCard
    about: str | None
    formats: tuple[str, ...]
    period_start: date | None
    period_end: date | None
    paused: bool


def mentor_card(pair: MentorPair, mentor: User, profile: MentorProfile | None) -> MentorCard:
    return MentorCard(
        pair.id,
        card_of(mentor),
        profile.about if profile is not None else None,
        tuple(profile.formats or ()) if profile is not None else (),
        pair.period_start,
        pair.period_end,
        pair.status == PairStatus.PAUSED,
    )


@dataclass(frozen=True, slots=True)
class MenteeIntroduced(Notice):
    """To the mentor: a new mentee, with their card and «Записать встречу»."""

    pair_id: int
    mentee: PersonCard


@dataclass(frozen=True, slots=True)
class MentorIntroduced(Notice):
    """To the young specialist: their mentor's card."""

    card: MentorCard


@dataclass(frozen=True, slots=True)
class ApplicationArrived(Notice):
    """To staff: a teacher applied to mentor."""

    name: str | None


@dataclass(frozen=True, slots=True)
class ApplicationDecided(Notice):
    """To the applicant: approved or declined."""

    approved: bool


@dataclass(frozen=True, slots=True)
class MeetingToConfirm(Notice):
    """To the mentee: the mentor logged a meeting — «всё верно?»."""

    meeting_id: int
    mentor: str | None
    held_on: date
    format: MeetingFormat
    topic: str
    minutes: int
    note: str | None


@dataclass(frozen=True, slots=True)
class FitQuestion(Notice):
    """To the mentee, after the pair's first meeting: does the mentor suit them?"""

    pair_id: int
    mentor: str | None


@dataclass(frozen=True, slots=True)
class MeetingDisputed(Notice):
    """To the mentor: the mentee says the meeting did not take place."""

    mentee: str | None
    held_on: date


@dataclass(frozen=True, slots=True)
class FitRefused(Notice):
    """To staff: the young specialist says the mentor does not suit them."""

    pair_id: int
    mentee: str | None
    mentor: str | None


@dataclass(frozen=True, slots=True)
class QuietPairNudge(Notice):
    """To the mentor: no meeting logged for `days`."""

    pair_id: int
    mentee: str | None
    days: int


@dataclass(frozen=True, slots=True)
class PairAtRisk(Notice):
    """To staff: a pair quiet for 30 days."""

    pair_id: int
    mentor: str | None
    mentee: str | None
    days: int


@dataclass(frozen=True, slots=True)
class UnpairedYoung(Notice):
    """To staff: a young specialist still without a mentor a week after registering."""

    name: str | None
    days: int


@dataclass(frozen=True, slots=True)
class AdaptationInvite(Notice):
    """To the young specialist: this month's adaptation check, its first question."""

    check_id: int

"""What mentoring's screens show: data returned by `MentoringService`, rendered by bot/ui/mentoring."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from bot.domain.mentoring import Reason
from bot.services.mentoring.report import MeetingRow, Report
from storage.models import (
    AdaptationCheck,
    MentorApplication,
    MentorMeeting,
    MentorPair,
    MentorProfile,
    Municipality,
    User,
)

# --- the teacher: «Наставничество» -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NoMentor:
    """A young specialist without a mentor: asked already, or a proposal awaits staff."""

    requested: bool
    proposed: bool


@dataclass(frozen=True, slots=True)
class AlreadyMentor:
    """A teacher who mentors (their mentees are in «Мои молодые специалисты»)."""


@dataclass(frozen=True, slots=True)
class NotYoung:
    """A teacher who is not a young specialist: may apply to mentor (or has applied)."""

    pending: bool


@dataclass(frozen=True, slots=True)
class Wishes:
    """The young specialist's wishes for a mentor while they choose them."""

    subjects: tuple[str, ...]  # theirs, in their profile's order
    subject: str | None = None
    same_school: bool = False


@dataclass(frozen=True, slots=True)
class Journal:
    pair: MentorPair
    other: User
    meetings: list[MentorMeeting]
    as_mentor: bool


@dataclass(frozen=True, slots=True)
class OwnedMeeting:
    """A meeting with its pair, reached by its mentor or its mentee."""

    meeting: MentorMeeting
    pair: MentorPair


@dataclass(frozen=True, slots=True)
class Membership:
    """A pair reached by one of its two people; `as_mentor`: by the mentor."""

    pair: MentorPair
    as_mentor: bool


@dataclass(frozen=True, slots=True)
class CheckStep:
    """After an answer to the adaptation check: the check on its next question, thanks at the end
    (`check` None), or a note and the question again for a tap that does not count."""

    check: AdaptationCheck | None
    note: str | None = None  # a locale key


# --- the mentor ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mentees:
    pairs: list[tuple[MentorPair, User]]
    profile: MentorProfile | None


@dataclass(frozen=True, slots=True)
class PairCard:
    pair: MentorPair
    mentee: User
    meetings: list[MentorMeeting]
    note: str | None = None  # a locale key said above the card


class FormStep:
    """Which question of the meeting form comes next (subclasses), with the form as it is now."""


@dataclass(frozen=True, slots=True)
class AskFormat(FormStep):
    pair_id: int


@dataclass(frozen=True, slots=True)
class AskTopic(FormStep):
    pair_id: int
    recent: list[str]


@dataclass(frozen=True, slots=True)
class AskDuration(FormStep):
    pair_id: int


@dataclass(frozen=True, slots=True)
class AskDate(FormStep):
    pair_id: int
    today: date


@dataclass(frozen=True, slots=True)
class Summary(FormStep):
    """Everything asked: «Всё верно?» with «Сохранить»."""

    pair_id: int
    form: dict[str, object]


@dataclass(frozen=True, slots=True)
class FormGone(FormStep):
    """An old form (saved already, or from before /menu): the pair again, with a note."""

    card: PairCard


@dataclass(frozen=True, slots=True)
class Saved:
    """The meeting is saved (or was saved by the same form before: `again`)."""

    card: PairCard | None
    again: bool = False


@dataclass(frozen=True, slots=True)
class MeetingCard:
    pair: MentorPair
    meeting: MentorMeeting
    note: str | None = None  # a locale key for the tap's answer


# --- staff ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Desk:
    """A staff member at work: who they are and the municipality they answer for (None: the region)."""

    user: User | None
    scope: int | None


@dataclass(frozen=True, slots=True)
class Proposals:
    pairs: list[MentorPair]
    people: dict[int, User]
    unmatched: int | None  # after a matching run: nobody could take these
    page: int = 0


@dataclass(frozen=True, slots=True)
class ProposalCard:
    pair: MentorPair
    mentee: User
    mentor: User
    load: int
    capacity: int
    page: int = 0


@dataclass(frozen=True, slots=True)
class ScopedPair:
    """A pair within a staff member's scope, with its two people."""

    pair: MentorPair
    mentee: User
    mentor: User


@dataclass(frozen=True, slots=True)
class ScopedApplication:
    application: MentorApplication
    applicant: User


@dataclass(frozen=True, slots=True)
class OtherMentors:
    pair: MentorPair
    options: list[tuple[User, float, tuple[Reason, ...], int, int]]  # user, value, reasons, load, capacity
    page: int


@dataclass(frozen=True, slots=True)
class StaffPairCard:
    pair: MentorPair
    mentee: User
    mentor: User
    meetings: int


@dataclass(frozen=True, slots=True)
class Applications:
    rows: list[tuple[MentorApplication, User]]


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a staff action leads to: the next screen (any view above, or the home) and the tap's answer."""

    screen: object
    note: str | None = None  # a locale key
    values: dict[str, object] = field(default_factory=dict)
    answer: bool = True  # the note answers the tap (else it is only said above a home screen)


@dataclass(frozen=True, slots=True)
class StaffHome:
    report: Report
    applications: int


@dataclass(frozen=True, slots=True)
class MatchScope:
    """The regional centre chooses where to run the matching: the region or one municipality."""

    municipalities: list[Municipality]


@dataclass(frozen=True, slots=True)
class ReportFile:
    report: Report
    meetings: list[MeetingRow]
    day: date


# The records a handler receives from a filter and hands back to the service as it got them.
Pair = MentorPair
Check = AdaptationCheck

"""What the survey screens show — data only; `bot/ui/surveys` renders it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.domain import surveys as domain
from bot.domain.surveys import QType, SurveyTemplate
from bot.services.notices import Notice
from storage.models import SurveyCampaign, SurveyInvite, SurveyWave, User

# --- the teacher's ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Answering:
    """An invite being answered, with its wave, campaign and template."""

    invite: SurveyInvite
    wave: SurveyWave
    campaign: SurveyCampaign
    template: SurveyTemplate

    @property
    def answers(self) -> dict[str, Any]:
        return dict(self.invite.draft or {})

    def current(self, index: int) -> bool:
        """Whether a button belongs to a question still on the way (not hidden meanwhile)."""
        return 0 <= index < len(self.template.questions) and domain.shown(self.template, index, self.answers)

    def resume(self) -> int | None:
        return domain.resume_index(self.template, self.answers, self.invite.skipped or [])


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a typed answer is not taken: a locale key and its values."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)
    end: bool = False  # nothing more to type here (the chat stops waiting)


@dataclass(frozen=True, slots=True)
class SurveyStep:
    """The screen on turn: question `index`, or (None) the last look before sending. `note`: a short
    word for the tap (a stale button); `problem`: why the typed answer was not taken."""

    ctx: Answering
    index: int | None
    note: str | None = None
    problem: Problem | None = None

    @property
    def typed(self) -> bool:
        """Whether the answer is typed (a number, a text): the chat then waits for a message."""
        return self.index is not None and self.ctx.template.questions[self.index].type in (
            QType.NUMBER,
            QType.TEXT,
        )


@dataclass(frozen=True, slots=True)
class Gone:
    """The survey cannot be answered any more (a locale key: done, closed, gone)."""

    key: str


@dataclass(frozen=True, slots=True)
class Thanks:
    template: SurveyTemplate
    concerned: bool  # a concern answer was given: the closing message offers help
    anonymous: bool


@dataclass(frozen=True, slots=True)
class MySurveys:
    open: list[tuple[SurveyInvite, SurveyCampaign]]
    answered: int


@dataclass(frozen=True, slots=True)
class SurveyInvitation(Notice):
    """A wave's invitation, or (`remind`) a reminder to someone who has not answered yet."""

    invite_id: int
    title: str
    description: str
    minutes: int
    closes_at: datetime
    timezone: str
    anonymous: bool
    remind: bool = False


# --- staff's ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CampaignList:
    campaigns: list[SurveyCampaign]
    total: int
    page: int
    errors: int  # template files refused


@dataclass(frozen=True, slots=True)
class Confirm:
    """A draft's last look before launching."""

    campaign: SurveyCampaign
    count: int
    first: datetime | None
    timezone: str


@dataclass(frozen=True, slots=True)
class WaveFigures:
    wave: SurveyWave
    invited: int
    answered: int


@dataclass(frozen=True, slots=True)
class Card:
    campaign: SurveyCampaign
    waves: list[WaveFigures]
    next_at: datetime | None
    timezone: str
    page: int
    note: str | None = None  # a short word for the tap (launched, stopped…)


@dataclass(frozen=True, slots=True)
class StopAsk:
    """Stop the campaign? (asked before stopping)"""

    campaign: SurveyCampaign


@dataclass(frozen=True, slots=True)
class Results:
    campaign: SurveyCampaign
    template: SurveyTemplate
    waves: list[WaveFigures]
    chosen: WaveFigures | None
    summaries: list[domain.QuestionSummary]
    hidden: bool  # anonymous and too few answers to show
    given: int  # answers of the chosen wave in the results
    waiting: int  # anonymous answers of the chosen wave not released yet
    timezone: str = "UTC"


@dataclass(frozen=True, slots=True)
class AnswerRow:
    period: str
    person: User | None
    submitted_on: date | None
    answers: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Export:
    """What the XLSX holds: the answers of the waves that may be shown (an anonymous wave with
    fewer than `ANONYMOUS_MIN` answers is left out), and how many each wave put in the file."""

    campaign: SurveyCampaign
    template: SurveyTemplate
    waves: list[WaveFigures]
    rows: list[AnswerRow]
    in_file: dict[int, int]
    withheld: int  # answers left out
    made_on: date
    timezone: str  # the reader's: the file's times are theirs, as in the chat
    now: datetime

    @property
    def refused(self) -> bool:
        """Nothing may be shown although there are answers."""
        return not self.rows and self.withheld > 0


@dataclass(frozen=True, slots=True)
class JobRow:
    """One job on the schedule screen: its next run, its last run (what it did), the last time it
    did something."""

    job_id: str
    next_at: datetime | None
    last_at: datetime | None
    done: int | None
    error: str | None
    last_done: datetime | None


@dataclass(frozen=True, slots=True)
class JobsView:
    jobs: list[JobRow]
    waves: list[tuple[str, datetime]]  # the next wave of each campaign within reach: title, start
    queued: int
    timezone: str
    now: datetime  # the zone is said as its offset from Moscow now

"""The staff report: coverage, pairs (at risk), mentors' loads, the adaptation summary, the log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.domain.mentoring import (
    DEFAULT_CAPACITY,
    AdaptationSummary,
    PairStatus,
    Quiet,
    adaptation_period,
    meetings_per_month,
    quiet_level,
    quiet_since,
    summarize_adaptation,
)
from bot.services.mentoring.access import HOLDING_VALUES, MentoringRepos
from storage.models import MentorMeeting, MentorPair, User


@dataclass(frozen=True, slots=True)
class PairRow:
    pair: MentorPair
    mentor: User
    mentee: User
    meetings: int
    per_month: float
    rating: float | None
    at_risk: bool


@dataclass(frozen=True, slots=True)
class MentorLoad:
    mentor: User
    load: int
    capacity: int
    about: str | None = None


@dataclass(frozen=True, slots=True)
class MeetingRow:
    meeting: MentorMeeting
    mentor: User
    mentee: User


@dataclass(frozen=True, slots=True)
class Report:
    youngs: int
    covered: int
    pairs: list[PairRow]
    mentors: list[MentorLoad]
    proposed: int
    adaptation: AdaptationSummary

    @property
    def coverage(self) -> float:
        return round(100 * self.covered / self.youngs, 1) if self.youngs else 0.0

    @property
    def at_risk(self) -> list[PairRow]:
        return [p for p in self.pairs if p.at_risk]

    @property
    def rating(self) -> float | None:
        rated = [p.rating for p in self.pairs if p.rating is not None]
        return round(sum(rated) / len(rated), 2) if rated else None

    @property
    def per_month(self) -> float | None:
        values = [p.per_month for p in self.pairs]
        return round(sum(values) / len(values), 2) if values else None


async def report(repos: MentoringRepos, municipality_id: int | None, now: datetime, today: date) -> Report:
    youngs, covered = await repos.mentoring.count_youngs(today.year, municipality_id)
    pairs = await repos.mentoring.pairs(HOLDING_VALUES, municipality_id)
    people = await repos.mentoring.users(sorted({p.mentor_id for p in pairs} | {p.mentee_id for p in pairs}))
    stats = await repos.mentoring.meeting_stats([p.id for p in pairs])
    rows = []
    for pair in pairs:
        count, rating, _first = stats.get(pair.id, (0, None, None))
        since = pair.period_start or today
        activated = pair.activated_at or now
        quiet = quiet_level(quiet_since(pair.last_meeting_at, activated), now)
        rows.append(
            PairRow(
                pair,
                people[pair.mentor_id],
                people[pair.mentee_id],
                count,
                meetings_per_month(count, since, today),
                round(rating, 2) if rating is not None else None,
                pair.status == PairStatus.ACTIVE and quiet is Quiet.RISK,
            )
        )
    mentors = [
        MentorLoad(
            user, load, profile.capacity if profile else DEFAULT_CAPACITY, profile.about if profile else None
        )
        for user, profile, load in await repos.mentoring.mentors(municipality_id)
    ]
    checks = await repos.mentoring.checks(adaptation_period(today - timedelta(days=92)), municipality_id)
    return Report(
        youngs,
        covered,
        rows,
        mentors,
        len(await repos.mentoring.proposed(municipality_id)),
        summarize_adaptation(c.answers for c in checks),
    )


async def report_meetings(repos: MentoringRepos, data: Report) -> list[MeetingRow]:
    """The meeting log of the report's pairs, for its spreadsheet."""
    rows = {row.pair.id: row for row in data.pairs}
    return [
        MeetingRow(meeting, rows[meeting.pair_id].mentor, rows[meeting.pair_id].mentee)
        for meeting in await repos.mentoring.meetings_of(sorted(rows))
    ]

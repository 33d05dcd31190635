"""The meeting log (saved once per form, the mentee confirms or disputes and rates), the fit
check, and answering the adaptation check. What the mentee is asked next is `asking`'s."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from bot.domain.mentoring import (
    ADAPT_DONE,
    ADAPTATION,
    AdaptationQuestion,
    FitAnswer,
    MeetingFormat,
    PairStatus,
    QuestionKind,
)
from bot.services.mentoring.access import MentoringRepos, NotAllowed
from storage.models import AdaptationCheck, MentorMeeting, MentorPair


def held_at(day: date) -> datetime:
    """A meeting's moment for the quiet-pair clock: midday of its day."""
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Logged:
    meeting: MentorMeeting
    created: bool  # False: the same form was saved before (a double tap)


async def log_meeting(
    repos: MentoringRepos,
    pair: MentorPair,
    *,
    token: str,
    held_on: date,
    meeting_format: MeetingFormat,
    topic: str,
    minutes: int,
    note: str | None,
    photo_file_id: str | None,
    now: datetime,
) -> Logged:
    if pair.status != PairStatus.ACTIVE:
        raise NotAllowed
    meeting = await repos.mentoring.add_meeting(
        pair_id=pair.id,
        token=token,
        held_on=held_on,
        format=meeting_format,
        topic=topic,
        minutes=minutes,
        note=note,
        photo_file_id=photo_file_id,
        created_at=now,
    )
    if meeting is None:
        existing = await repos.mentoring.meeting_by_token(token)
        assert existing is not None
        return Logged(existing, False)
    moment = held_at(held_on)
    if pair.last_meeting_at is None or moment > pair.last_meeting_at:
        await repos.mentoring.update(pair, last_meeting_at=moment)
    return Logged(meeting, True)


async def confirm_meeting(repos: MentoringRepos, meeting: MentorMeeting, now: datetime) -> None:
    if meeting.confirmed_at is not None or meeting.disputed_at is not None:
        raise NotAllowed
    await repos.mentoring.update(meeting, confirmed_at=now)


async def dispute_meeting(repos: MentoringRepos, meeting: MentorMeeting, now: datetime) -> None:
    if meeting.confirmed_at is not None or meeting.disputed_at is not None:
        raise NotAllowed
    await repos.mentoring.update(meeting, disputed_at=now)


async def rate_meeting(
    repos: MentoringRepos, meeting: MentorMeeting, rating: int, comment: str | None
) -> None:
    """The rating, and the comment: None not given yet, "" declined («Без комментария»)."""
    if meeting.confirmed_at is None or not 1 <= rating <= 5:
        raise NotAllowed
    await repos.mentoring.update(meeting, rating=rating, rating_comment=comment)


async def edit_meeting(
    repos: MentoringRepos, pair: MentorPair, meeting: MentorMeeting, **fields: object
) -> None:
    await repos.mentoring.update(meeting, **fields)
    if "held_on" in fields:
        await _recount_last(repos, pair)


async def delete_meeting(repos: MentoringRepos, pair: MentorPair, meeting: MentorMeeting) -> None:
    await repos.mentoring.delete_meeting(meeting)
    await _recount_last(repos, pair)


async def _recount_last(repos: MentoringRepos, pair: MentorPair) -> None:
    meetings = await repos.mentoring.meetings(pair.id, limit=1)
    await repos.mentoring.update(pair, last_meeting_at=held_at(meetings[0].held_on) if meetings else None)


async def answer_fit(repos: MentoringRepos, pair: MentorPair, answer: FitAnswer, now: datetime) -> bool:
    """Returns True when staff must hear of it: "no", and not said already (a repeated tap)."""
    told = pair.fit_answer == FitAnswer.NO
    await repos.mentoring.update(pair, fit_answer=answer, fit_at=now)
    return answer is FitAnswer.NO and not told


# --- the adaptation check ---------------------------------------------------------------------------------


def current_question(check: AdaptationCheck) -> AdaptationQuestion | None:
    return ADAPTATION[check.position] if check.position < len(ADAPTATION) else None


async def answer_check(
    repos: MentoringRepos, check: AdaptationCheck, position: int, value: str, now: datetime
) -> AdaptationQuestion | None:
    """Record an answer to the question on screen; returns the next question (None: finished)."""
    question = current_question(check)
    if check.finished_at is not None or question is None or position != check.position:
        raise NotAllowed
    answers = dict(check.answers or {})
    if question.kind is QuestionKind.MULTI:
        chosen = [str(v) for v in answers.get(question.id, [])]
        if value == ADAPT_DONE:
            if not chosen:
                raise NotAllowed
            await repos.mentoring.update(check, position=check.position + 1)
        elif value in question.options:
            if value == "none":
                chosen = ["none"]
            else:
                chosen = [c for c in chosen if c != "none"]
                chosen = [c for c in chosen if c != value] if value in chosen else [*chosen, value]
            answers[question.id] = chosen
            await repos.mentoring.update(check, answers=answers)
            return question
        else:
            raise NotAllowed
    else:
        if value not in question.options:
            raise NotAllowed
        answers[question.id] = value
        await repos.mentoring.update(check, answers=answers, position=check.position + 1)
    following = current_question(check)
    if following is None:
        await repos.mentoring.update(check, finished_at=now)
    return following

"""Asking the young specialist about their pair one thing at a time: after a meeting is logged, after
each answer (a meeting confirmed and rated, or disputed; the fit question answered) and after a
meeting is deleted, the next question goes out — unless one is still waiting for its answer.

What is due is read from the database (`bot.domain.mentee_questions` decides), and each question is
queued under a once-only outbox key, in the transaction of the change that made it due: a restart,
a double tap or two changes at once ask nothing twice."""

from __future__ import annotations

from datetime import datetime

from bot.domain.mentee_questions import Asking, Question, next_question
from bot.domain.mentoring import MeetingFormat
from bot.services.mentoring.access import MentoringRepos
from bot.services.mentoring.notices import FitQuestion, MeetingToConfirm
from bot.services.notices import Notifier
from storage.models import User


async def ask_next(repos: MentoringRepos, notifier: Notifier, mentee: User, now: datetime) -> Question | None:
    """Queue the young specialist's next question if none is out. Returns the question that is (or
    now goes) out, None when nothing is due or they are half-way through an answer."""
    # Two changes at once (the mentor logs a meeting while the mentee answers) take turns here, and
    # the second reads what the first wrote (PostgreSQL; SQLite has one writer anyway).
    await repos.mentoring.lock_people([mentee.id])
    pairs, meetings = await repos.mentoring.mentee_answers(mentee.id)
    question = next_question(pairs, meetings, now)
    if question is None or question.out:
        return question
    pair = await repos.mentoring.pair(question.pair_id)
    mentor = await repos.users.by_id(pair.mentor_id) if pair is not None else None
    if pair is None or mentor is None:
        return None
    if question.kind is Asking.FIT:
        await repos.mentoring.update(pair, fit_asked_at=now)
        await notifier.tell(mentee, FitQuestion(pair.id, mentor.full_name), dedupe=question.key)
        return question
    assert question.meeting_id is not None
    meeting = await repos.mentoring.meeting(question.meeting_id)
    if meeting is None:
        return None
    notice = MeetingToConfirm(
        meeting.id,
        mentor.full_name,
        meeting.held_on,
        MeetingFormat(meeting.format),
        meeting.topic,
        meeting.minutes,
        meeting.note,
    )
    await notifier.tell(mentee, notice, dedupe=question.key)
    return question

"""Mentoring: mentors and their applications, young specialists and their requests, matching and
confirming pairs, the meeting log with the mentee's confirmation, the fit check, nudges and
escalations, the adaptation check, and the staff report.

The rules live in `access` (who reaches what), `pairs`, `log`, `asking` (the young specialist's
next question), `sweeps` and `report` (functions over the repositories, used by the service, the
jobs, the tests and the benchmarks);
`MentoringService` (`service`) is the handlers' door; `notices` and `views` are what it returns
and tells, rendered by bot/ui/mentoring."""

from __future__ import annotations

from bot.domain.mentoring import match
from bot.services.mentoring.access import (
    Decided,
    NotAllowed,
    NotYours,
    application_in_scope,
    either_pair,
    in_scope,
    is_young,
    mentee_pair,
    mentor_pair,
    own_meeting,
    pair_in_scope,
    scope_of,
    subjects,
)
from bot.services.mentoring.asking import ask_next
from bot.services.mentoring.log import (
    Logged,
    answer_check,
    answer_fit,
    confirm_meeting,
    current_question,
    delete_meeting,
    dispute_meeting,
    edit_meeting,
    held_at,
    log_meeting,
    rate_meeting,
)
from bot.services.mentoring.pairs import (
    MatchRun,
    apply,
    ask,
    choose_other,
    confirm,
    confirm_all,
    current_pair,
    decide,
    end_pair,
    other_mentors,
    reject,
    run_matching,
)
from bot.services.mentoring.report import MeetingRow, MentorLoad, PairRow, Report, report, report_meetings
from bot.services.mentoring.service import MentoringService
from bot.services.mentoring.sweeps import claim_checks, send_checks, sweep

__all__ = [
    "Decided",
    "Logged",
    "MatchRun",
    "MeetingRow",
    "MentorLoad",
    "MentoringService",
    "NotAllowed",
    "NotYours",
    "PairRow",
    "Report",
    "answer_check",
    "answer_fit",
    "application_in_scope",
    "apply",
    "ask",
    "ask_next",
    "choose_other",
    "claim_checks",
    "confirm",
    "confirm_all",
    "confirm_meeting",
    "current_pair",
    "current_question",
    "decide",
    "delete_meeting",
    "dispute_meeting",
    "edit_meeting",
    "either_pair",
    "end_pair",
    "held_at",
    "in_scope",
    "is_young",
    "log_meeting",
    "match",
    "mentee_pair",
    "mentor_pair",
    "other_mentors",
    "own_meeting",
    "pair_in_scope",
    "rate_meeting",
    "reject",
    "report",
    "report_meetings",
    "run_matching",
    "scope_of",
    "send_checks",
    "subjects",
    "sweep",
]

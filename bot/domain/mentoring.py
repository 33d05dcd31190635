"""Mentoring rules: how well a mentor fits a young specialist, pairing everyone at once so the
total fit is best within every mentor's capacity, pair states, the meeting log's choices, and when
a quiet pair deserves a nudge or staff's attention. Plain Python (numpy/scipy for the assignment)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack, identity
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

DEFAULT_CAPACITY = 2
MAX_CAPACITY = 10
NUDGE_AFTER = timedelta(days=14)  # no meeting logged: remind the mentor
RISK_AFTER = timedelta(days=30)  # no meeting logged: the pair is at risk, staff are told
ESCALATE_UNPAIRED_AFTER = timedelta(days=7)  # a young specialist still without a mentor
PAIR_MONTHS = 12  # a pair's default period

# What makes a good pair (MentorcliQ and Chronus match on background and capacity): the same
# subject matters most for lesson work, the same school makes meetings easy; a busy mentor less so.
W_SUBJECT = 4.0
W_SCHOOL = 3.0
W_MUNICIPALITY = 1.0
W_WISH = 2.0  # the young specialist asked for exactly this
W_LOAD = 1.0  # per mentee the mentor already has


class PairStatus(StrEnum):
    PROPOSED = "proposed"
    ACTIVE = "active"
    PAUSED = "paused"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


# Pairs that hold a mentor's capacity and give the young specialist a mentor.
HOLDING = frozenset({PairStatus.ACTIVE, PairStatus.PAUSED})


class ApplicationStatus(StrEnum):
    """A teacher's application to mentor."""

    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"


class EscalationKind(StrEnum):
    """What staff were told about once."""

    UNPAIRED = "unpaired"  # a young specialist without a mentor a week after registering


class MeetingState(StrEnum):
    """A logged meeting as the mentee answered it."""

    WAITING = "waiting"
    CONFIRMED = "confirmed"
    DISPUTED = "disputed"


def meeting_state(confirmed_at: datetime | None, disputed_at: datetime | None) -> MeetingState:
    if disputed_at is not None:
        return MeetingState.DISPUTED
    return MeetingState.CONFIRMED if confirmed_at is not None else MeetingState.WAITING


class MeetingFormat(StrEnum):
    OBSERVATION = "observation"  # посещение урока
    PLANNING = "planning"  # совместное планирование урока
    CONSULTATION = "consultation"
    ANALYSIS = "analysis"  # анализ урока
    OTHER = "other"


DURATIONS = (30, 45, 60, 90)


class FitAnswer(StrEnum):
    YES = "yes"
    NOT_SURE = "unsure"
    NO = "no"


class Reason(StrEnum):
    SUBJECT = "subject"
    SCHOOL = "school"
    MUNICIPALITY = "municipality"
    WISH_SUBJECT = "wish_subject"
    WISH_SCHOOL = "wish_school"


@dataclass(frozen=True, slots=True)
class Young:
    user_id: int
    municipality_id: int | None
    school_id: int | None
    subjects: frozenset[str]
    want_subject: str | None = None
    want_same_school: bool = False


@dataclass(frozen=True, slots=True)
class Mentor:
    user_id: int
    municipality_id: int | None
    school_id: int | None
    subjects: frozenset[str]
    capacity: int = DEFAULT_CAPACITY
    load: int = 0  # mentees in active or paused pairs

    @property
    def free(self) -> int:
        return max(self.capacity - self.load, 0)


@dataclass(frozen=True, slots=True)
class Fit:
    score: float  # before the load penalty
    reasons: tuple[Reason, ...]


def fit(young: Young, mentor: Mentor) -> Fit | None:
    """How well `mentor` suits `young`; None when they cannot be a pair.

    Pairs stay within a municipality: mentoring is lessons visited and planned together.
    """
    if mentor.user_id == young.user_id or young.municipality_id is None:
        return None
    if mentor.municipality_id != young.municipality_id:
        return None
    reasons = [Reason.MUNICIPALITY]
    score = W_MUNICIPALITY
    if young.subjects & mentor.subjects:
        reasons.append(Reason.SUBJECT)
        score += W_SUBJECT
    if young.school_id is not None and young.school_id == mentor.school_id:
        reasons.append(Reason.SCHOOL)
        score += W_SCHOOL
    if young.want_subject and young.want_subject in mentor.subjects:
        reasons.append(Reason.WISH_SUBJECT)
        score += W_WISH
    if young.want_same_school and young.school_id is not None and young.school_id == mentor.school_id:
        reasons.append(Reason.WISH_SCHOOL)
        score += W_WISH
    return Fit(score, tuple(reasons))


def slot_value(fit_score: float, load: int) -> float:
    """The value of giving this mentor one more mentee when they already have `load`."""
    return fit_score - W_LOAD * load


@dataclass(frozen=True, slots=True)
class Proposal:
    young_id: int
    mentor_id: int
    score: float  # fit minus the load penalty of the slot taken
    reasons: tuple[Reason, ...]


# Costs for the solver: matching one more young specialist always beats any gain in fit.
_BASE = 1_000.0
_UNMATCHED = 1e9


def match(youngs: Sequence[Young], mentors: Sequence[Mentor]) -> list[Proposal]:
    """Pair as many young specialists as possible, and among those pairings the one with the best
    total fit, respecting each mentor's free capacity (a min-cost bipartite matching over mentor
    slots; the k-th extra mentee of a mentor costs the load penalty of load + k).

    Pairs never cross a municipality, so each municipality is solved on its own (the same optimum,
    much faster). Young specialists nobody can take (no mentor with room there) are left out.
    """
    youngs_by: dict[int, list[Young]] = {}
    for young in youngs:
        if young.municipality_id is not None:
            youngs_by.setdefault(young.municipality_id, []).append(young)
    mentors_by: dict[int | None, list[Mentor]] = {}
    for mentor in mentors:
        mentors_by.setdefault(mentor.municipality_id, []).append(mentor)
    proposals: list[Proposal] = []
    for municipality_id, group in youngs_by.items():
        proposals += _solve(group, mentors_by.get(municipality_id, []))
    proposals.sort(key=lambda p: p.young_id)
    return proposals


def _solve(youngs: Sequence[Young], mentors: Sequence[Mentor]) -> list[Proposal]:
    """One municipality: the score of every (young, mentor) pair as numpy arrays, then the matching."""
    with_room = [m for m in mentors if m.free > 0]
    if not youngs or not with_room:
        return []
    bits: dict[str, int] = {}

    def mask(subjects: Iterable[str | None]) -> int:
        value = 0
        for subject in subjects:
            if subject:
                value |= 1 << bits.setdefault(subject, len(bits))
        return value

    y_masks = [mask(y.subjects) for y in youngs]
    y_wish_masks = [mask([y.want_subject]) for y in youngs]
    m_masks = [mask(m.subjects) for m in with_room]
    # Bit masks of subjects: machine integers while they fit (there are ~25 subject codes).
    kind: Any = np.int64 if len(bits) < 63 else object
    y_subjects: Any = np.array(y_masks, dtype=kind)
    y_wish: Any = np.array(y_wish_masks, dtype=kind)
    m_subjects: Any = np.array(m_masks, dtype=kind)
    y_school = np.array([y.school_id if y.school_id is not None else -1 for y in youngs])
    m_school = np.array([m.school_id if m.school_id is not None else -2 for m in with_room])
    y_wants_school = np.array([y.want_same_school for y in youngs])
    y_ids = np.array([y.user_id for y in youngs])
    m_ids = np.array([m.user_id for m in with_room])

    same_subject = (y_subjects[:, None] & m_subjects[None, :]) != 0
    same_school = y_school[:, None] == m_school[None, :]
    wished_subject = (y_wish[:, None] & m_subjects[None, :]) != 0
    score = (
        W_MUNICIPALITY
        + W_SUBJECT * same_subject.astype(np.float64)
        + W_SCHOOL * same_school
        + W_WISH * wished_subject.astype(np.float64)
        + W_WISH * (same_school & y_wants_school[:, None])
    )
    allowed = y_ids[:, None] != m_ids[None, :]

    slot_mentor = np.repeat(np.arange(len(with_room)), [m.free for m in with_room])
    slot_load = np.concatenate([np.arange(m.load, m.load + m.free) for m in with_room])
    slots = len(slot_mentor)
    cost = _BASE - score[:, slot_mentor]
    del score
    cost += W_LOAD * slot_load[None, :]
    cost[~allowed[:, slot_mentor]] = 0.0  # 0 = no edge (nobody mentors themselves)
    n = len(youngs)
    # Everyone can stay unpaired (a column of their own), so a full matching always exists.
    graph = hstack([csr_matrix(cost), identity(n, format="csr") * _UNMATCHED], format="csr")
    del cost
    matched_rows, matched_cols = min_weight_full_bipartite_matching(graph)
    proposals = []
    for y_index, column in zip(matched_rows.tolist(), matched_cols.tolist(), strict=True):
        if column >= slots:
            continue
        mentor = with_room[int(slot_mentor[column])]
        found = fit(youngs[y_index], mentor)
        assert found is not None
        proposals.append(
            Proposal(
                youngs[y_index].user_id,
                mentor.user_id,
                slot_value(found.score, int(slot_load[column])),
                found.reasons,
            )
        )
    return proposals


def total_score(proposals: Iterable[Proposal]) -> float:
    return sum(p.score for p in proposals)


def alternatives(
    young: Young, mentors: Iterable[Mentor], exclude: int | None = None
) -> list[tuple[Mentor, Fit]]:
    """Other mentors with room who could take this young specialist, best first."""
    found = []
    for mentor in mentors:
        if mentor.user_id == exclude or mentor.free <= 0:
            continue
        result = fit(young, mentor)
        if result is not None:
            found.append((mentor, result))
    found.sort(key=lambda mf: (-slot_value(mf[1].score, mf[0].load), mf[0].load, mf[0].user_id))
    return found


# --- the pair over time ------------------------------------------------------------------------------


def pair_period(start: date, months: int = PAIR_MONTHS) -> tuple[date, date]:
    year, month = divmod(start.month - 1 + months, 12)
    end_year, end_month = start.year + year, month + 1
    day = min(start.day, 28)
    return start, date(end_year, end_month, day) - timedelta(days=1)


class Quiet(StrEnum):
    NUDGE = "nudge"  # 14 days: remind the mentor
    RISK = "risk"  # 30 days: tell staff


def quiet_since(last_meeting_at: datetime | None, active_since: datetime) -> datetime:
    return last_meeting_at if last_meeting_at is not None and last_meeting_at > active_since else active_since


def quiet_level(since: datetime, now: datetime) -> Quiet | None:
    gap = now - since
    if gap >= RISK_AFTER:
        return Quiet.RISK
    if gap >= NUDGE_AFTER:
        return Quiet.NUDGE
    return None


def quiet_key(since: datetime) -> str:
    """One nudge and one risk flag per silent stretch: the stretch is named by when it began."""
    return since.strftime("%Y%m%d%H%M%S")


def parse_topic(text: str) -> str:
    topic = " ".join(text.split())
    if len(topic) < 3:
        raise ValueError("short")
    if len(topic) > 200:
        raise ValueError("long")
    return topic


def parse_capacity(value: int) -> int:
    if not 1 <= value <= MAX_CAPACITY:
        raise ValueError("capacity")
    return value


# --- the monthly adaptation check of young specialists (seed 001: municipal monitoring) ------------


class QuestionKind(StrEnum):
    SINGLE = "single"
    MULTI = "multi"
    SCALE = "scale"


@dataclass(frozen=True, slots=True)
class AdaptationQuestion:
    id: str
    kind: QuestionKind
    options: tuple[str, ...]


ADAPTATION = (
    AdaptationQuestion(
        "difficulty",
        QuestionKind.MULTI,
        ("discipline", "planning", "paperwork", "parents", "colleagues", "none"),
    ),
    AdaptationQuestion("support", QuestionKind.SCALE, ("1", "2", "3", "4", "5")),
    AdaptationQuestion("workload", QuestionKind.SINGLE, ("normal", "high", "excessive")),
    AdaptationQuestion("stay", QuestionKind.SINGLE, ("yes", "unsure", "no")),
)
ADAPT_DONE = "done"  # the answer «Готово» to a question of several options

ADAPTATION_HOUR = 10  # the check arrives from 10:00 on the 1st, in the person's time zone


def adaptation_period(local_day: date) -> str:
    return local_day.strftime("%Y-%m")


def check_due(local_now: datetime) -> bool:
    """From 10:00 local time on the 1st of the month on (a missed run catches up later that month)."""
    return local_now.day > 1 or local_now.hour >= ADAPTATION_HOUR


@dataclass(frozen=True, slots=True)
class AdaptationSummary:
    answered: int
    support_avg: float | None
    overloaded: int  # workload high or excessive
    may_leave: int  # wish to stay: unsure or no
    difficulties: dict[str, int]


def summarize_adaptation(answers: Iterable[dict[str, object]]) -> AdaptationSummary:
    rows = list(answers)
    support = [int(str(a["support"])) for a in rows if str(a.get("support", "")).isdigit()]
    difficulties: dict[str, int] = {}
    for a in rows:
        chosen = a.get("difficulty")
        for option in chosen if isinstance(chosen, list) else []:
            difficulties[str(option)] = difficulties.get(str(option), 0) + 1
    return AdaptationSummary(
        answered=len(rows),
        support_avg=round(sum(support) / len(support), 2) if support else None,
        overloaded=sum(1 for a in rows if a.get("workload") in ("high", "excessive")),
        may_leave=sum(1 for a in rows if a.get("stay") in ("unsure", "no")),
        difficulties=difficulties,
    )


def meetings_per_month(count: int, since: date, today: date) -> float:
    """A pair's meetings per month over its life so far (at least one month)."""
    months = max((today - since).days / 30.0, 1.0)
    return round(count / months, 2)

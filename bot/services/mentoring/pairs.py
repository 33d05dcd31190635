"""Mentors and their applications, young specialists and their requests, matching and confirming
pairs (atomic in the database), another mentor, rejecting, pausing and ending a pair."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.mentoring import (
    DEFAULT_CAPACITY,
    ApplicationStatus,
    Mentor,
    PairStatus,
    Proposal,
    Reason,
    Young,
    alternatives,
    fit,
    match,
    pair_period,
    parse_capacity,
    slot_value,
)
from bot.domain.roles import Role
from bot.services import roles as role_service
from bot.services.mentoring.access import (
    HOLDING_VALUES,
    Decided,
    MentoringRepos,
    NotAllowed,
    NotYours,
    is_mentor,
    is_young,
    subjects,
)
from storage.models import MentorApplication, MentorPair, User

# --- mentors ---------------------------------------------------------------------------------------


async def apply(repos: MentoringRepos, user: User, about: str | None, capacity: int) -> MentorApplication:
    if is_mentor(user):
        raise NotAllowed
    if await repos.mentoring.pending_application(user.id) is not None:
        raise NotAllowed
    return await repos.mentoring.apply(user.id, about, parse_capacity(capacity))


async def decide(
    repos: MentoringRepos,
    application: MentorApplication,
    staff: User | None,
    approve: bool,
    actor_tg_id: int,
    now: datetime,
) -> User:
    """Approve (the mentor role is granted, the card filled in) or decline; returns the applicant."""
    applicant = await repos.users.by_id(application.user_id)
    if applicant is None:
        raise NotYours(application.id)
    if not await repos.mentoring.decide(
        application, ApplicationStatus.APPROVED if approve else ApplicationStatus.DECLINED, now, actor_tg_id
    ):
        raise NotAllowed
    if approve:
        await role_service.grant(
            repos, applicant, Role.MENTOR, actor_tg_id=actor_tg_id, source=f"application:{application.id}"
        )
        await repos.mentoring.save_profile(
            applicant.id, capacity=application.capacity, about=application.about
        )
    return applicant


# --- young specialists -------------------------------------------------------------------------------


async def current_pair(repos: MentoringRepos, young: User) -> MentorPair | None:
    pairs = await repos.mentoring.pairs_of_mentee(young.id, HOLDING_VALUES)
    return pairs[0] if pairs else None


async def ask(
    repos: MentoringRepos, young: User, want_subject: str | None, same_school: bool, year: int
) -> None:
    if not is_young(young, year):
        raise NotAllowed
    if want_subject is not None and want_subject not in subjects(young):
        want_subject = None
    await repos.mentoring.save_request(young.id, want_subject, same_school)


# --- matching ------------------------------------------------------------------------------------------


async def _pool(
    repos: MentoringRepos, municipality_id: int | None, year: int
) -> tuple[list[Young], list[Mentor], dict[int, User]]:
    # Earlier proposals are about to be replaced: those young specialists are in the pool again.
    unpaired = await repos.mentoring.unpaired_youngs(year, municipality_id, with_proposed=True)
    mentor_rows = await repos.mentoring.mentors(municipality_id)
    ids = [u.id for u, _r in unpaired] + [u.id for u, _p, _n in mentor_rows]
    subject_map = await repos.mentoring.subjects_of(ids)
    youngs = [
        Young(
            u.id,
            u.municipality_id,
            u.school_id,
            subject_map.get(u.id, frozenset()),
            request.want_subject if request else None,
            request.want_same_school if request else False,
        )
        for u, request in unpaired
    ]
    mentors = [
        Mentor(
            u.id,
            u.municipality_id,
            u.school_id,
            subject_map.get(u.id, frozenset()),
            profile.capacity if profile else DEFAULT_CAPACITY,
            load,
        )
        for u, profile, load in mentor_rows
    ]
    people = {u.id: u for u, _r in unpaired} | {u.id: u for u, _p, _n in mentor_rows}
    return youngs, mentors, people


@dataclass(frozen=True, slots=True)
class MatchRun:
    proposals: list[MentorPair]
    unmatched: list[User]  # young specialists nobody could take


async def run_matching(repos: MentoringRepos, municipality_id: int | None, year: int) -> MatchRun:
    """Propose a mentor for every unpaired young specialist in scope (replacing earlier proposals).

    Everything is read and solved before the first write, so SQLite's write lock is held only for
    replacing the proposals."""
    youngs, mentors, people = await _pool(repos, municipality_id, year)
    # The assignment is numeric work (0.2–0.4 s for 5,000 × 3,000 in a region of 12 municipalities,
    # ~4 s when everybody is in one): in a thread, so the bot is not frozen while it runs.
    proposals: list[Proposal] = await asyncio.to_thread(match, youngs, mentors)
    await repos.mentoring.drop_proposed(municipality_id)
    rows = await repos.mentoring.add_pairs(
        [
            {
                "mentor_id": p.mentor_id,
                "mentee_id": p.young_id,
                "status": PairStatus.PROPOSED,
                "score": p.score,
                "reasons": [r.value for r in p.reasons],
            }
            for p in proposals
        ]
    )
    matched = {p.young_id for p in proposals}
    return MatchRun(rows, [people[y.user_id] for y in youngs if y.user_id not in matched])


async def confirm(repos: MentoringRepos, pair: MentorPair, now: datetime, today: date) -> None:
    """A proposal becomes an active pair, if the mentor still has room and the young specialist
    has not been paired meanwhile. Atomic in the database: of two staff confirming at once, one
    wins and the other gets `Decided`; `NotAllowed` when there is no room or a pair already."""
    if pair.status != PairStatus.PROPOSED:
        raise Decided
    await repos.mentoring.lock_people((pair.mentor_id, pair.mentee_id))
    start, end = pair_period(today)
    if await repos.mentoring.activate(
        pair, DEFAULT_CAPACITY, activated_at=now, period_start=start, period_end=end
    ):
        return
    current = await repos.mentoring.pair(pair.id, fresh=True)
    if current is None or current.status != PairStatus.PROPOSED:
        raise Decided
    raise NotAllowed


async def confirm_all(
    repos: MentoringRepos, municipality_id: int | None, now: datetime, today: date
) -> list[MentorPair]:
    """Every proposal in scope becomes a pair, with the same checks as one by one (the mentor has
    room, the young specialist has no pair yet). The people are locked first and then read, so a
    confirmation elsewhere is counted; each pair is activated by the same conditional statement as
    one by one, so a pair confirmed meanwhile is neither activated nor introduced twice."""
    proposals = await repos.mentoring.proposed(municipality_id)
    await repos.mentoring.lock_people([p.mentor_id for p in proposals] + [p.mentee_id for p in proposals])
    taken = await repos.mentoring.holding_mentees([p.mentee_id for p in proposals])
    loads = await repos.mentoring.loads_and_capacities(sorted({p.mentor_id for p in proposals}))
    start, end = pair_period(today)
    done = []
    for pair in proposals:
        load, capacity = loads[pair.mentor_id]
        if pair.mentee_id in taken or load >= (capacity if capacity is not None else DEFAULT_CAPACITY):
            continue
        if not await repos.mentoring.activate(
            pair, DEFAULT_CAPACITY, activated_at=now, period_start=start, period_end=end
        ):
            continue  # confirmed (or dropped) by someone else meanwhile
        loads[pair.mentor_id] = (load + 1, capacity)
        taken.add(pair.mentee_id)
        done.append(pair)
    return done


async def young_of(repos: MentoringRepos, pair: MentorPair) -> tuple[Young, User]:
    mentee = await repos.users.by_id(pair.mentee_id)
    if mentee is None:
        raise NotYours(pair.id)
    request = await repos.mentoring.request(mentee.id)
    young = Young(
        mentee.id,
        mentee.municipality_id,
        mentee.school_id,
        subjects(mentee),
        request.want_subject if request else None,
        request.want_same_school if request else False,
    )
    return young, mentee


async def other_mentors(
    repos: MentoringRepos, pair: MentorPair
) -> list[tuple[User, float, tuple[Reason, ...], int, int]]:
    """Mentors who could take this young specialist instead: (user, value, reasons, load, capacity)."""
    young, mentee = await young_of(repos, pair)
    rows = await repos.mentoring.mentors(mentee.municipality_id)
    subject_map = await repos.mentoring.subjects_of([u.id for u, _p, _n in rows])
    by_id = {u.id: u for u, _p, _n in rows}
    mentors = [
        Mentor(
            u.id,
            u.municipality_id,
            u.school_id,
            subject_map.get(u.id, frozenset()),
            p.capacity if p else DEFAULT_CAPACITY,
            n,
        )
        for u, p, n in rows
    ]
    return [
        (by_id[m.user_id], slot_value(f.score, m.load), f.reasons, m.load, m.capacity)
        for m, f in alternatives(young, mentors, exclude=pair.mentor_id)
    ]


async def choose_other(repos: MentoringRepos, pair: MentorPair, mentor_id: int) -> None:
    if pair.status != PairStatus.PROPOSED:
        raise NotAllowed
    young, _mentee = await young_of(repos, pair)
    mentor = await repos.users.by_id(mentor_id)
    if mentor is None or not is_mentor(mentor):
        raise NotYours(mentor_id)
    profile = await repos.mentoring.profile(mentor.id)
    load = await repos.mentoring.load(mentor.id)
    candidate = Mentor(
        mentor.id,
        mentor.municipality_id,
        mentor.school_id,
        subjects(mentor),
        profile.capacity if profile else DEFAULT_CAPACITY,
        load,
    )
    found = fit(young, candidate)
    if found is None or candidate.free <= 0:
        raise NotAllowed
    await repos.mentoring.update(
        pair,
        mentor_id=mentor.id,
        score=slot_value(found.score, load),
        reasons=[r.value for r in found.reasons],
    )


async def reject(repos: MentoringRepos, pair: MentorPair, now: datetime) -> None:
    if pair.status != PairStatus.PROPOSED:
        raise NotAllowed
    await repos.mentoring.update(pair, status=PairStatus.CANCELLED, ended_at=now)


async def end_pair(repos: MentoringRepos, pair: MentorPair, status: PairStatus, now: datetime) -> None:
    """Staff pause, resume, complete or cancel a pair."""
    allowed = {
        PairStatus.PAUSED: {PairStatus.ACTIVE},
        PairStatus.ACTIVE: {PairStatus.PAUSED},
        PairStatus.COMPLETED: {PairStatus.ACTIVE, PairStatus.PAUSED},
        PairStatus.CANCELLED: {PairStatus.ACTIVE, PairStatus.PAUSED},
    }[status]
    if PairStatus(pair.status) not in allowed:
        raise NotAllowed
    fields: dict[str, object] = {"status": status}
    if status in (PairStatus.COMPLETED, PairStatus.CANCELLED):
        fields["ended_at"] = now
    await repos.mentoring.update(pair, **fields)

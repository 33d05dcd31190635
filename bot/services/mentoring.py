"""Mentoring: mentors and their applications, young specialists and their requests, matching and
confirming pairs, the meeting log with the mentee's confirmation, the fit check, nudges and
escalations, the adaptation check, and the staff report."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.domain.mentoring import (
    ADAPTATION,
    DEFAULT_CAPACITY,
    ESCALATE_UNPAIRED_AFTER,
    HOLDING,
    NUDGE_AFTER,
    AdaptationQuestion,
    AdaptationSummary,
    FitAnswer,
    MeetingFormat,
    Mentor,
    PairStatus,
    Proposal,
    QuestionKind,
    Quiet,
    Reason,
    Young,
    adaptation_period,
    alternatives,
    check_due,
    fit,
    match,
    meetings_per_month,
    pair_period,
    parse_capacity,
    quiet_key,
    quiet_level,
    quiet_since,
    slot_value,
    summarize_adaptation,
)
from bot.domain.profile import is_young_specialist
from bot.domain.roles import Role
from bot.domain.time import is_quiet
from bot.services import roles as role_service
from storage.models import AdaptationCheck, MentorApplication, MentorMeeting, MentorPair, User
from storage.repositories import Repos

HOLDING_VALUES = tuple(s.value for s in HOLDING)


class NotYours(Exception):
    """A pair, meeting or proposal that is not this person's to touch (a forged or old button)."""


class NotAllowed(Exception):
    """Not in this state (already confirmed, no room left, a double tap)."""


class Decided(NotAllowed):
    """The proposal is no longer one: confirmed, rejected or replaced — by someone else first."""


def timezone_of(user: User, default: str) -> str:
    return user.municipality.timezone if user.municipality is not None else default


def is_young(user: User, year: int) -> bool:
    return is_young_specialist(user.birth_year, user.experience_years, year)


def subjects(user: User) -> frozenset[str]:
    return frozenset(s.subject for s in user.subjects)


# --- mentors ---------------------------------------------------------------------------------------


async def apply(repos: Repos, user: User, about: str | None, capacity: int) -> MentorApplication:
    if any(r.role == Role.MENTOR.value for r in user.roles):
        raise NotAllowed
    if await repos.mentoring.pending_application(user.id) is not None:
        raise NotAllowed
    return await repos.mentoring.apply(user.id, about, parse_capacity(capacity))


async def decide(
    repos: Repos,
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
    if not await repos.mentoring.decide(application, "approved" if approve else "declined", now, actor_tg_id):
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


async def current_pair(repos: Repos, young: User) -> MentorPair | None:
    pairs = await repos.mentoring.pairs_of_mentee(young.id, HOLDING_VALUES)
    return pairs[0] if pairs else None


async def ask(repos: Repos, young: User, want_subject: str | None, same_school: bool, year: int) -> None:
    if not is_young(young, year):
        raise NotAllowed
    if want_subject is not None and want_subject not in subjects(young):
        want_subject = None
    await repos.mentoring.save_request(young.id, want_subject, same_school)


# --- matching ------------------------------------------------------------------------------------------


async def _pool(
    repos: Repos, municipality_id: int | None, year: int
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


async def run_matching(repos: Repos, municipality_id: int | None, year: int) -> MatchRun:
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
                "status": PairStatus.PROPOSED.value,
                "score": p.score,
                "reasons": [r.value for r in p.reasons],
            }
            for p in proposals
        ]
    )
    matched = {p.young_id for p in proposals}
    return MatchRun(rows, [people[y.user_id] for y in youngs if y.user_id not in matched])


async def confirm(repos: Repos, pair: MentorPair, now: datetime, today: date) -> None:
    """A proposal becomes an active pair, if the mentor still has room and the young specialist
    has not been paired meanwhile. Atomic in the database: of two staff confirming at once, one
    wins and the other gets `Decided`; `NotAllowed` when there is no room or a pair already."""
    if pair.status != PairStatus.PROPOSED.value:
        raise Decided
    await repos.mentoring.lock_people((pair.mentor_id, pair.mentee_id))
    start, end = pair_period(today)
    if await repos.mentoring.activate(
        pair, DEFAULT_CAPACITY, activated_at=now, period_start=start, period_end=end
    ):
        return
    current = await repos.mentoring.pair(pair.id, fresh=True)
    if current is None or current.status != PairStatus.PROPOSED.value:
        raise Decided
    raise NotAllowed


async def confirm_all(
    repos: Repos, municipality_id: int | None, now: datetime, today: date
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


async def young_of(repos: Repos, pair: MentorPair) -> tuple[Young, User]:
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
    repos: Repos, pair: MentorPair
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


async def choose_other(repos: Repos, pair: MentorPair, mentor_id: int) -> None:
    if pair.status != PairStatus.PROPOSED.value:
        raise NotAllowed
    young, _mentee = await young_of(repos, pair)
    mentor = await repos.users.by_id(mentor_id)
    if mentor is None or not any(r.role == Role.MENTOR.value for r in mentor.roles):
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


async def reject(repos: Repos, pair: MentorPair, now: datetime) -> None:
    if pair.status != PairStatus.PROPOSED.value:
        raise NotAllowed
    await repos.mentoring.update(pair, status=PairStatus.CANCELLED.value, ended_at=now)


async def end_pair(repos: Repos, pair: MentorPair, status: PairStatus, now: datetime) -> None:
    """Staff pause, resume, complete or cancel a pair."""
    allowed = {
        PairStatus.PAUSED: {PairStatus.ACTIVE},
        PairStatus.ACTIVE: {PairStatus.PAUSED},
        PairStatus.COMPLETED: {PairStatus.ACTIVE, PairStatus.PAUSED},
        PairStatus.CANCELLED: {PairStatus.ACTIVE, PairStatus.PAUSED},
    }[status]
    if PairStatus(pair.status) not in allowed:
        raise NotAllowed
    fields: dict[str, object] = {"status": status.value}
    if status in (PairStatus.COMPLETED, PairStatus.CANCELLED):
        fields["ended_at"] = now
    await repos.mentoring.update(pair, **fields)


# --- access ---------------------------------------------------------------------------------------------
# Who reaches what, in one place: a pair's two people reach it while it is theirs (active, paused or
# completed — not while it is only proposed, nor once cancelled); staff reach what lies in their scope
# (`scope_of`: their municipality, or None for the regional centre and admins), judged by the young
# specialist's municipality (pairs never cross one).

OPEN_TO_PEOPLE = (*HOLDING_VALUES, PairStatus.COMPLETED.value)


def _theirs(pair: MentorPair | None, user: User, *, as_mentor: bool) -> bool:
    if pair is None or pair.status not in OPEN_TO_PEOPLE:
        return False
    return (pair.mentor_id if as_mentor else pair.mentee_id) == user.id


async def mentor_pair(repos: Repos, user: User, pair_id: int) -> MentorPair:
    pair = await repos.mentoring.pair(pair_id)
    if pair is None or not _theirs(pair, user, as_mentor=True):
        raise NotYours(pair_id)
    return pair


async def mentee_pair(repos: Repos, user: User, pair_id: int) -> MentorPair:
    pair = await repos.mentoring.pair(pair_id)
    if pair is None or not _theirs(pair, user, as_mentor=False):
        raise NotYours(pair_id)
    return pair


async def either_pair(repos: Repos, user: User, pair_id: int) -> tuple[MentorPair, bool]:
    """A pair its mentor or its young specialist opens (the meeting log); True: as the mentor."""
    pair = await repos.mentoring.pair(pair_id)
    if pair is not None and _theirs(pair, user, as_mentor=True):
        return pair, True
    if pair is not None and _theirs(pair, user, as_mentor=False):
        return pair, False
    raise NotYours(pair_id)


def in_scope(scope: int | None, municipality_id: int | None) -> bool:
    return scope is None or municipality_id == scope


def scope_of(user: User | None, roles: frozenset[Role]) -> int | None:
    """The municipality a staff member answers for; None: the whole region (regional staff, admins)."""
    return role_service.staff_scope(user, roles)


async def pair_in_scope(repos: Repos, pair_id: int, scope: int | None) -> tuple[MentorPair, User, User]:
    pair = await repos.mentoring.pair(pair_id)
    if pair is None:
        raise NotYours(pair_id)
    mentee = await repos.users.by_id(pair.mentee_id)
    mentor = await repos.users.by_id(pair.mentor_id)
    if mentee is None or mentor is None or not in_scope(scope, mentee.municipality_id):
        raise NotYours(pair_id)
    return pair, mentee, mentor


async def application_in_scope(
    repos: Repos, application_id: int, scope: int | None
) -> tuple[MentorApplication, User]:
    application = await repos.mentoring.application(application_id)
    applicant = await repos.users.by_id(application.user_id) if application else None
    if application is None or applicant is None or not in_scope(scope, applicant.municipality_id):
        raise NotYours(application_id)
    return application, applicant


# --- the meeting log --------------------------------------------------------------------------------------


def held_at(day: date) -> datetime:
    """A meeting's moment for the quiet-pair clock: midday of its day."""
    return datetime.combine(day, time(12, 0), tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Logged:
    meeting: MentorMeeting
    created: bool  # False: the same form was saved before (a double tap)
    ask_fit: bool  # the first meeting of the pair: ask the mentee whether the mentor suits them


async def log_meeting(
    repos: Repos,
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
    if pair.status != PairStatus.ACTIVE.value:
        raise NotAllowed
    meeting = await repos.mentoring.add_meeting(
        pair_id=pair.id,
        token=token,
        held_on=held_on,
        format=meeting_format.value,
        topic=topic,
        minutes=minutes,
        note=note,
        photo_file_id=photo_file_id,
        created_at=now,
    )
    if meeting is None:
        existing = await repos.mentoring.meeting_by_token(token)
        assert existing is not None
        return Logged(existing, False, False)
    moment = held_at(held_on)
    fields: dict[str, object] = {}
    if pair.last_meeting_at is None or moment > pair.last_meeting_at:
        fields["last_meeting_at"] = moment
    ask_fit = pair.fit_asked_at is None
    if ask_fit:
        fields["fit_asked_at"] = now
    if fields:
        await repos.mentoring.update(pair, **fields)
    return Logged(meeting, True, ask_fit)


async def own_meeting(
    repos: Repos, user: User, meeting_id: int, *, as_mentor: bool
) -> tuple[MentorMeeting, MentorPair]:
    meeting = await repos.mentoring.meeting(meeting_id)
    if meeting is None:
        raise NotYours(meeting_id)
    pair = await repos.mentoring.pair(meeting.pair_id)
    if pair is None or not _theirs(pair, user, as_mentor=as_mentor):
        raise NotYours(meeting_id)
    return meeting, pair


async def confirm_meeting(repos: Repos, meeting: MentorMeeting, now: datetime) -> None:
    if meeting.confirmed_at is not None or meeting.disputed_at is not None:
        raise NotAllowed
    await repos.mentoring.update(meeting, confirmed_at=now)


async def dispute_meeting(repos: Repos, meeting: MentorMeeting, now: datetime) -> None:
    if meeting.confirmed_at is not None or meeting.disputed_at is not None:
        raise NotAllowed
    await repos.mentoring.update(meeting, disputed_at=now)


async def rate_meeting(repos: Repos, meeting: MentorMeeting, rating: int, comment: str | None) -> None:
    if meeting.confirmed_at is None or not 1 <= rating <= 5:
        raise NotAllowed
    await repos.mentoring.update(meeting, rating=rating, rating_comment=comment)


async def edit_meeting(repos: Repos, pair: MentorPair, meeting: MentorMeeting, **fields: object) -> None:
    await repos.mentoring.update(meeting, **fields)
    if "held_on" in fields:
        await _recount_last(repos, pair)


async def delete_meeting(repos: Repos, pair: MentorPair, meeting: MentorMeeting) -> None:
    await repos.mentoring.delete_meeting(meeting)
    await _recount_last(repos, pair)


async def _recount_last(repos: Repos, pair: MentorPair) -> None:
    meetings = await repos.mentoring.meetings(pair.id, limit=1)
    await repos.mentoring.update(pair, last_meeting_at=held_at(meetings[0].held_on) if meetings else None)


async def answer_fit(repos: Repos, pair: MentorPair, answer: FitAnswer, now: datetime) -> bool:
    """Returns True when staff must hear of it: "no", and not said already (a repeated tap)."""
    told = pair.fit_answer == FitAnswer.NO.value
    await repos.mentoring.update(pair, fit_answer=answer.value, fit_at=now)
    return answer is FitAnswer.NO and not told


# --- nudges and escalations ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Notice:
    """A message the scheduler sends: to `tg_id`, text key and arguments, in their language."""

    tg_id: int
    locale: str | None
    key: str
    args: dict[str, object] = field(default_factory=dict)
    pair_id: int | None = None


async def sweep(repos: Repos, now: datetime, default_tz: str, year: int) -> list[Notice]:
    """Quiet pairs: the mentor is reminded once a stretch (their local daytime), staff are told once
    when it reaches 30 days; young specialists unpaired a week after registering reach staff once."""
    notices: list[Notice] = []
    for pair, mentor in await repos.mentoring.quiet_pairs(now - NUDGE_AFTER):
        assert pair.activated_at is not None
        since = quiet_since(pair.last_meeting_at, pair.activated_at)
        level = quiet_level(since, now)
        key = quiet_key(since)
        if level is Quiet.RISK and pair.risk_key != key:
            await repos.mentoring.update(pair, risk_key=key, risk_at=now)
            mentee = await repos.users.by_id(pair.mentee_id)
            for person in await repos.mentoring.staff(mentee.municipality_id if mentee else None):
                notices.append(
                    Notice(
                        person.tg_id,
                        person.locale,
                        "mt-notice-risk",
                        {
                            "mentor": mentor.full_name or "—",
                            "mentee": mentee.full_name if mentee else "—",
                            "days": (now - since).days,
                        },
                        pair.id,
                    )
                )
        if (
            level is not None
            and pair.nudged_key != key
            and not is_quiet(now, timezone_of(mentor, default_tz))
        ):
            await repos.mentoring.update(pair, nudged_key=key)
            mentee = await repos.users.by_id(pair.mentee_id)
            notices.append(
                Notice(
                    mentor.tg_id,
                    mentor.locale,
                    "mt-notice-nudge",
                    {"mentee": mentee.full_name if mentee else "—", "days": (now - since).days},
                    pair.id,
                )
            )
    for young, _request in await repos.mentoring.unpaired_youngs(year, None):
        if young.registered_at is None or now - young.registered_at < ESCALATE_UNPAIRED_AFTER:
            continue
        if not await repos.mentoring.escalate_once("unpaired", young.id, now):
            continue
        for person in await repos.mentoring.staff(young.municipality_id):
            notices.append(
                Notice(
                    person.tg_id,
                    person.locale,
                    "mt-notice-unpaired",
                    {"name": young.full_name or "—", "days": (now - young.registered_at).days},
                )
            )
    return notices


# --- the adaptation check ---------------------------------------------------------------------------------


async def claim_checks(repos: Repos, now: datetime, default_tz: str) -> list[tuple[AdaptationCheck, User]]:
    """This month's check for every young specialist whose local time has come (and is daytime)."""
    claimed = []
    candidates: dict[int, User] = {}
    # The month differs across Russia's zones only around midnight on the 1st: look at every month
    # some zone may be in now, then decide each person in their own zone (the claim is unique).
    for period in {adaptation_period((now + timedelta(hours=h)).date()) for h in (-12, 0, 14)}:
        for user in await repos.mentoring.youngs_without_check(now.year, period):
            candidates[user.id] = user
    for user in candidates.values():
        zone = timezone_of(user, default_tz)
        local_now = now.astimezone(ZoneInfo(zone))
        if is_quiet(now, zone) or not check_due(local_now):
            continue
        if not is_young(user, local_now.year):
            continue
        check = await repos.mentoring.claim_check(user.id, adaptation_period(local_now.date()), now)
        if check is not None:
            claimed.append((check, user))
    return claimed


def current_question(check: AdaptationCheck) -> AdaptationQuestion | None:
    return ADAPTATION[check.position] if check.position < len(ADAPTATION) else None


async def answer_check(
    repos: Repos, check: AdaptationCheck, position: int, value: str, now: datetime
) -> AdaptationQuestion | None:
    """Record an answer to the question on screen; returns the next question (None: finished)."""
    question = current_question(check)
    if check.finished_at is not None or question is None or position != check.position:
        raise NotAllowed
    answers = dict(check.answers or {})
    if question.kind is QuestionKind.MULTI:
        chosen = [str(v) for v in answers.get(question.id, [])]
        if value == "done":
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


# --- the staff report ---------------------------------------------------------------------------------------


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


async def report(repos: Repos, municipality_id: int | None, now: datetime, today: date) -> Report:
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
                pair.status == PairStatus.ACTIVE.value and quiet is Quiet.RISK,
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


async def report_meetings(repos: Repos, data: Report) -> list[MeetingRow]:
    """The meeting log of the report's pairs, for its spreadsheet."""
    rows = {row.pair.id: row for row in data.pairs}
    return [
        MeetingRow(meeting, rows[meeting.pair_id].mentor, rows[meeting.pair_id].mentee)
        for meeting in await repos.mentoring.meetings_of(sorted(rows))
    ]


__all__: Sequence[str] = [
    "Logged",
    "MatchRun",
    "NotAllowed",
    "NotYours",
    "Notice",
    "Report",
    "apply",
    "confirm",
    "log_meeting",
    "run_matching",
    "sweep",
]

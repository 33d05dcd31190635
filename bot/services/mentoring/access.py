"""Who reaches what, in one place: a pair's two people reach it while it is theirs (active, paused or
completed — not while it is only proposed, nor once cancelled); staff reach what lies in their scope
(`scope_of`: their municipality, or None for the regional centre and admins), judged by the young
specialist's municipality (pairs never cross one)."""

from __future__ import annotations

from typing import Protocol

from bot.domain.errors import Refusal
from bot.domain.mentoring import HOLDING, PairStatus
from bot.domain.profile import young_teacher
from bot.domain.roles import Role
from bot.services import roles as role_service
from storage.models import MentorApplication, MentorMeeting, MentorPair, User
from storage.repositories import MentoringRepo

HOLDING_VALUES = tuple(s.value for s in HOLDING)
OPEN_TO_PEOPLE = frozenset({*HOLDING, PairStatus.COMPLETED})


class MentoringRepos(role_service.Grants, Protocol):
    """The repositories the mentoring rules use (`Repos` is one): pairs, meetings and checks, the
    people, and the audit trail of the mentor role granted on an approved application."""

    @property
    def mentoring(self) -> MentoringRepo: ...


class NotYours(Exception):
    """A pair, meeting or proposal that is not this person's to touch (a forged or old button)."""


class NotAllowed(Exception):
    """Not in this state (already confirmed, no room left, a double tap)."""


class Decided(NotAllowed):
    """The proposal is no longer one: confirmed, rejected or replaced — by someone else first."""


def is_young(user: User, year: int) -> bool:
    return young_teacher(user.teaches, user.birth_year, user.experience_years, year)


def is_mentor(user: User) -> bool:
    return any(r.role == Role.MENTOR for r in user.roles)


def subjects(user: User) -> frozenset[str]:
    return frozenset(s.subject for s in user.subjects)


def _theirs(pair: MentorPair | None, user: User, *, as_mentor: bool) -> bool:
    if pair is None or pair.status not in OPEN_TO_PEOPLE:
        return False
    return (pair.mentor_id if as_mentor else pair.mentee_id) == user.id


async def mentor_pair(repos: MentoringRepos, user: User, pair_id: int) -> MentorPair:
    pair = await repos.mentoring.pair(pair_id)
    if pair is None or not _theirs(pair, user, as_mentor=True):
        raise NotYours(pair_id)
    return pair


async def mentee_pair(repos: MentoringRepos, user: User, pair_id: int) -> MentorPair:
    pair = await repos.mentoring.pair(pair_id)
    if pair is None or not _theirs(pair, user, as_mentor=False):
        raise NotYours(pair_id)
    return pair


async def either_pair(repos: MentoringRepos, user: User, pair_id: int) -> tuple[MentorPair, bool]:
    """A pair its mentor or its young specialist opens (the meeting log); True: as the mentor."""
    pair = await repos.mentoring.pair(pair_id)
    if pair is not None and _theirs(pair, user, as_mentor=True):
        return pair, True
    if pair is not None and _theirs(pair, user, as_mentor=False):
        return pair, False
    raise NotYours(pair_id)


async def own_meeting(
    repos: MentoringRepos, user: User, meeting_id: int, *, as_mentor: bool
) -> tuple[MentorMeeting, MentorPair]:
    meeting = await repos.mentoring.meeting(meeting_id)
    if meeting is None:
        raise NotYours(meeting_id)
    pair = await repos.mentoring.pair(meeting.pair_id)
    if pair is None or not _theirs(pair, user, as_mentor=as_mentor):
        raise NotYours(meeting_id)
    return meeting, pair


STAFF_ROLES = frozenset({Role.STAFF, Role.ADMIN})
MENTOR_ROLES = frozenset({Role.MENTOR})


def require(roles: frozenset[Role], allowed: frozenset[Role]) -> None:
    """The router's role gate, said first by the filters that load what a button names (they run
    before the router's middlewares): the same refusal as `RoleGate`."""
    if not roles & allowed:
        raise Refusal("refused-role")


def in_scope(scope: int | None, municipality_id: int | None) -> bool:
    return scope is None or municipality_id == scope


def scope_of(user: User | None, roles: frozenset[Role]) -> int | None:
    """The municipality a staff member answers for; None: the whole region (regional staff, admins)."""
    return role_service.staff_scope(user, roles)


async def pair_in_scope(
    repos: MentoringRepos, pair_id: int, scope: int | None
) -> tuple[MentorPair, User, User]:
    pair = await repos.mentoring.pair(pair_id)
    if pair is None:
        raise NotYours(pair_id)
    mentee = await repos.users.by_id(pair.mentee_id)
    mentor = await repos.users.by_id(pair.mentor_id)
    if mentee is None or mentor is None or not in_scope(scope, mentee.municipality_id):
        raise NotYours(pair_id)
    return pair, mentee, mentor


async def application_in_scope(
    repos: MentoringRepos, application_id: int, scope: int | None
) -> tuple[MentorApplication, User]:
    application = await repos.mentoring.application(application_id)
    applicant = await repos.users.by_id(application.user_id) if application else None
    if application is None or applicant is None or not in_scope(scope, applicant.municipality_id):
        raise NotYours(application_id)
    return application, applicant

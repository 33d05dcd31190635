"""Methodological associations: what a teacher sees and joins, what a leader does (members, requests,
the plan, meetings, attendance, minutes, a message to members) and what staff do (create, a leader's
invite link, make a member a leader).

Who reaches what is decided here, every time, from the database: a leader acts only on an association
they lead (an active place with the role «leader»); staff only on associations of their scope
(`bot.domain.associations.staff_may_manage`); a teacher sees an association that fits them or that
they belong to. Anything else raises `Refusal` before anything is written.

Meetings are events of part 5: an `Event` whose audience matches nobody's roles (it never shows in
the general list), with every active member registered at once — so the events machinery gives the
card, the .ics, the reminders a day and an hour before, the feedback question, and attendance (the
registration's `attended`). Members who join later are registered for the meetings still ahead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from bot.domain import associations as domain
from bot.domain.associations import Level, MemberRole, MemberStatus, Place, PlanForm, TeacherPlace
from bot.domain.errors import Refusal
from bot.domain.events import (
    DEFAULT_LENGTH,
    BroadcastKind,
    EventKind,
    EventLevel,
    EventStatus,
    parse_when,
    read_place,
)
from bot.domain.profile import SUBJECTS
from bot.domain.roles import Role
from bot.domain.time import Clock, local_today, zone_of
from bot.services import broadcasts
from bot.services import roles as role_service
from bot.services.base import UnitOfWork
from bot.services.notices import Letter, Notice, Notifier
from storage.models import (
    Association,
    AssociationInvite,
    AssociationMaterial,
    AssociationMeeting,
    AssociationMember,
    AssociationPlanItem,
    Event,
    EventRegistration,
    User,
)
from storage.repositories import AssociationRepo, DirectoryRepo, EventRepo, OutboxRepo, UserRepo

# The audience of a meeting's event: a role nobody holds, so the general list never shows it; members
# reach it through their registration. The association's id is kept beside, for reading.
MEETING_ROLE = "association"
EVENT_LEVEL = {
    Level.SCHOOL: EventLevel.SCHOOL,
    Level.MUNICIPAL: EventLevel.MUNICIPAL,
    Level.REGIONAL: EventLevel.REGIONAL,
}


class AssociationRepos(Protocol):
    @property
    def associations(self) -> AssociationRepo: ...
    @property
    def events(self) -> EventRepo: ...
    @property
    def users(self) -> UserRepo: ...
    @property
    def outbox(self) -> OutboxRepo: ...
    @property
    def directory(self) -> DirectoryRepo: ...


# --- notices ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class JoinRequested(Notice):
    association_id: int
    association: str
    member_id: int
    name: str


@dataclass(frozen=True, slots=True)
class JoinDecided(Notice):
    association_id: int
    association: str
    approved: bool


@dataclass(frozen=True, slots=True)
class MemberAdded(Notice):
    association_id: int
    association: str


@dataclass(frozen=True, slots=True)
class LeaderGranted(Notice):
    association_id: int
    association: str


@dataclass(frozen=True, slots=True)
class MeetingCalled(Notice):
    association_id: int
    association: str
    meeting_id: int
    event_id: int
    starts_at: datetime
    timezone: str
    place: str | None
    link: str | None
    agenda: str


# --- views -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Card:
    association: Association
    place_name: str
    leaders: list[User]
    members: int
    requests: int
    mine: AssociationMember | None
    leader: bool  # the person leads it
    staff: bool  # the person manages it as staff
    can_join: bool = False

    @property
    def member(self) -> bool:
        return self.mine is not None and self.mine.status is MemberStatus.ACTIVE


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[tuple[AssociationMember, User]]
    total: int
    page: int


@dataclass(frozen=True, slots=True)
class Listing:
    """A page of the teacher's list: (association, their place in it or None: one that fits)."""

    rows: list[tuple[Association, AssociationMember | None]]
    total: int
    page: int


@dataclass(frozen=True, slots=True)
class StaffList:
    """A page of staff's associations, each with its active members' number."""

    rows: list[tuple[Association, int]]
    total: int
    page: int


@dataclass(frozen=True, slots=True)
class Meetings:
    association: Association
    rows: list[tuple[AssociationMeeting, Event]]
    leader: bool
    total: int
    page: int


@dataclass(frozen=True, slots=True)
class Candidates:
    people: list[User]
    total: int
    page: int


@dataclass(frozen=True, slots=True)
class MeetingView:
    association: Association
    meeting: AssociationMeeting
    event: Event
    materials: list[AssociationMaterial]
    leader: bool
    started: bool
    attendance: list[tuple[EventRegistration, User]] = field(default_factory=list)
    talks: set[int] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class PlanView:
    association: Association
    school_year: int
    items: list[AssociationPlanItem]
    leader: bool


class Joined:
    JOINED = "joined"
    REQUESTED = "requested"
    ALREADY = "already"


def leader_of(association_id: int, member: AssociationMember | None) -> bool:
    return (
        member is not None
        and member.association_id == association_id
        and member.role is MemberRole.LEADER
        and member.status is MemberStatus.ACTIVE
    )


def place_of(association: Association) -> Place:
    return Place(Level(association.level), association.municipality_id, association.school_id)


def teacher_place(user: User) -> TeacherPlace:
    return TeacherPlace(user.municipality_id, user.school_id, frozenset(s.subject for s in user.subjects))


def staff_scope(user: User | None, roles: frozenset[Role]) -> int | bool | None:
    """The scope staff manage associations in: None for the region (admins too), a municipality's
    id, or False for someone who is not staff."""
    if Role.ADMIN in roles:
        return None
    if Role.STAFF in roles:
        return role_service.role_scope(user, Role.STAFF)
    return False


def _plain_problem(exc: ValueError) -> Refusal:
    return Refusal(f"as-text-{exc}", alert=False)


class AssociationService:
    def __init__(
        self,
        repos: AssociationRepos,
        uow: UnitOfWork,
        notifier: Notifier,
        *,
        clock: Clock,
        timezone: str,
    ) -> None:
        self.repos = repos
        self.repo = repos.associations
        self.uow = uow
        self.notifier = notifier
        self.clock = clock
        self.timezone = timezone

    # --- reaching an association -------------------------------------------------------------------

    async def _get(self, association_id: int) -> Association:
        association = await self.repo.get(association_id)
        if association is None:
            raise Refusal("as-gone")
        return association

    def _manages(self, user: User | None, roles: frozenset[Role], association: Association) -> bool:
        scope = staff_scope(user, roles)
        return scope is not False and domain.staff_may_manage(place_of(association), scope or None)

    async def visible(self, user: User, roles: frozenset[Role], association_id: int) -> Association:
        """An association the person may open: it fits them, they belong to it (or asked to), or they
        manage it as staff."""
        association = await self._get(association_id)
        if await self.repo.member(association.id, user.id) is not None:
            return association
        if user.teaches and domain.fits(place_of(association), association.subject, teacher_place(user)):
            return association
        if self._manages(user, roles, association):
            return association
        raise Refusal("as-not-yours")

    async def led(self, user: User | None, association_id: int) -> Association:
        """An association this person leads, or a refusal."""
        if user is None:
            raise Refusal("refused-role")
        association = await self._get(association_id)
        if not leader_of(association.id, await self.repo.member(association.id, user.id)):
            raise Refusal("as-not-leader")
        return association

    async def managed(self, user: User | None, roles: frozenset[Role], association_id: int) -> Association:
        """An association staff of this scope manage, or a refusal."""
        association = await self._get(association_id)
        if not self._manages(user, roles, association):
            raise Refusal("as-not-yours")
        return association

    async def _as_member(
        self, user: User, roles: frozenset[Role], association_id: int
    ) -> tuple[Association, bool]:
        """For what members see (the plan, meetings): an active member, a leader or staff of the scope."""
        association = await self._get(association_id)
        mine = await self.repo.member(association.id, user.id)
        if mine is not None and mine.status is MemberStatus.ACTIVE:
            return association, leader_of(association.id, mine)
        if self._manages(user, roles, association):
            return association, False
        raise Refusal("as-members-only")

    # --- the teacher's side ---------------------------------------------------------------------------

    async def listing(self, user: User, page: int = 0) -> Listing:
        """One page of the person's list: their associations first (leading, member, asked to join),
        then those that fit them; a page past the end shows the last one."""
        mine = await self.repo.memberships(user.id)
        own = await self.repo.by_ids(mine)
        order = {MemberRole.LEADER: 0, MemberRole.MEMBER: 1}
        own.sort(
            key=lambda a: (
                order[MemberRole(mine[a.id].role)],
                mine[a.id].status != MemberStatus.ACTIVE,
                a.name,
            )
        )
        where: tuple[int | None, int | None, list[str]] | None = None
        fitting = 0
        if user.teaches:
            where = (user.municipality_id, user.school_id, sorted(s.subject for s in user.subjects))
            fitting = await self.repo.fitting_count(*where, exclude=list(mine))
        total = len(own) + fitting
        page = domain.page_in(page, total)
        start, end = page * domain.PAGE, (page + 1) * domain.PAGE
        items: list[tuple[Association, AssociationMember | None]] = [(a, mine[a.id]) for a in own[start:end]]
        if where is not None and len(items) < domain.PAGE:
            offset = max(start - len(own), 0)
            rows = await self.repo.fitting(
                *where, exclude=list(mine), offset=offset, limit=domain.PAGE - len(items)
            )
            items += [(a, None) for a in rows]
        return Listing(items, total, page)

    async def _place_name(self, association: Association) -> str:
        if association.school_id is not None:
            school = await self.repos.directory.school(association.school_id)
            if school is not None:
                return school.short_name or school.name
        if association.municipality_id is not None:
            municipality = await self.repos.directory.municipality(association.municipality_id)
            if municipality is not None:
                return municipality.name
        return ""

    async def card(self, user: User, roles: frozenset[Role], association: Association) -> Card:
        mine = await self.repo.member(association.id, user.id)
        members = await self.repo.member_count(association.id, MemberStatus.ACTIVE)
        requests = await self.repo.member_count(association.id, MemberStatus.REQUESTED)
        return Card(
            association=association,
            place_name=await self._place_name(association),
            leaders=await self.repo.leaders(association.id),
            members=members,
            requests=requests,
            mine=mine,
            leader=leader_of(association.id, mine),
            staff=self._manages(user, roles, association),
            can_join=mine is None
            and user.teaches
            and domain.fits(place_of(association), association.subject, teacher_place(user)),
        )

    async def join(self, user: User, association: Association) -> str:
        """Join (or ask to join) an association that fits the teacher."""
        if not user.teaches or not domain.fits(
            place_of(association), association.subject, teacher_place(user)
        ):
            raise Refusal("as-not-yours")
        now = self.clock()
        status = MemberStatus.REQUESTED if association.needs_approval else MemberStatus.ACTIVE
        if not await self.repo.add_member(
            association.id, user.id, role=MemberRole.MEMBER, status=status, now=now
        ):
            return Joined.ALREADY
        if status is MemberStatus.REQUESTED:
            mine = await self.repo.member(association.id, user.id)
            assert mine is not None
            notice = JoinRequested(association.id, association.name, mine.id, user.full_name or "")
            await self.notifier.tell_many(
                Letter(leader, notice, dedupe=f"asq{mine.id}:{leader.id}")
                for leader in await self.repo.leaders(association.id)
            )
            return Joined.REQUESTED
        await self._register_for_upcoming(association.id, user.id, now)
        return Joined.JOINED

    async def _register_for_upcoming(self, association_id: int, user_id: int, now: datetime) -> None:
        for event_id in await self.repo.upcoming_events(association_id, now):
            await self.repo.register_members(event_id, [user_id], now)

    async def leave(self, user: User, association: Association) -> bool:
        mine = await self.repo.member(association.id, user.id)
        if mine is None:
            return False
        return await self.repo.remove(mine.id, association.id)

    # --- the leader's side: members ------------------------------------------------------------------

    async def members(self, association: Association, page: int, *, requests: bool = False) -> Page:
        status = MemberStatus.REQUESTED if requests else MemberStatus.ACTIVE
        rows, total, page = await self.repo.member_page(association.id, status, page)
        return Page(rows, total, page)

    async def decide(self, association: Association, member_id: int, approve: bool) -> bool:
        """A leader approves or declines a request — once: a second tap (or a second leader) changes
        nothing and is told so."""
        row = await self.repo.member_by_id(member_id)
        if row is None or row.association_id != association.id or row.status is not MemberStatus.REQUESTED:
            return False
        person = await self.repos.users.by_id(row.user_id)
        now = self.clock()
        if approve:
            done = await self.repo.approve(member_id, association.id, now)
            if done:
                await self._register_for_upcoming(association.id, row.user_id, now)
        else:
            done = await self.repo.remove(member_id, association.id, status=MemberStatus.REQUESTED)
        if done and person is not None:
            await self.notifier.tell(person, JoinDecided(association.id, association.name, approve))
        return done

    async def remove_member(self, association: Association, member_id: int) -> bool:
        """A leader removes a member (not a leader: staff take that role away)."""
        row = await self.repo.member_by_id(member_id)
        if row is None or row.association_id != association.id or row.role is MemberRole.LEADER:
            return False
        return await self.repo.remove(member_id, association.id)

    async def candidates(self, association: Association, page: int) -> Candidates:
        people, total, page = await self.repo.candidates(association, page)
        return Candidates(people, total, page)

    async def add_member(self, association: Association, user_id: int) -> bool:
        """A leader adds a teacher in the association's scope (checked again here, not trusted from
        the button)."""
        person = await self.repos.users.by_id(user_id)
        if (
            person is None
            or person.registered_at is None
            or not person.teaches
            or not domain.fits(place_of(association), association.subject, teacher_place(person))
        ):
            raise Refusal("as-not-in-scope")
        now = self.clock()
        added = await self.repo.add_member(
            association.id, person.id, role=MemberRole.MEMBER, status=MemberStatus.ACTIVE, now=now
        )
        if added:
            await self._register_for_upcoming(association.id, person.id, now)
            await self.notifier.tell(person, MemberAdded(association.id, association.name))
        return added

    # --- the plan ------------------------------------------------------------------------------------

    def school_year(self) -> int:
        return domain.school_year_of(local_today(self.clock(), self.timezone))

    async def plan(self, user: User, roles: frozenset[Role], association_id: int) -> PlanView:
        association, leader = await self._as_member(user, roles, association_id)
        year = self.school_year()
        items = await self.repo.plan(association.id, year)
        items.sort(key=lambda i: (domain.plan_order(i.month), i.id))
        return PlanView(association, year, items, leader)

    async def add_item(
        self, association: Association, month: int, form: str, topic: str, responsible: str
    ) -> AssociationPlanItem:
        if month not in domain.SCHOOL_MONTHS or form not in set(PlanForm):
            raise Refusal("wz-stale", alert=False)
        try:
            topic = domain.read_line(topic, domain.TOPIC_MAX)
            responsible = domain.read_line(responsible, domain.RESPONSIBLE_MAX)
        except ValueError as exc:
            raise _plain_problem(exc) from exc
        year = self.school_year()
        if len(await self.repo.plan(association.id, year)) >= domain.PLAN_MAX:
            raise Refusal("as-plan-full", max=domain.PLAN_MAX)
        return await self.repo.add_item(
            association_id=association.id,
            school_year=year,
            month=month,
            form=PlanForm(form),
            topic=topic,
            responsible=responsible,
        )

    async def delete_item(self, association: Association, item_id: int) -> bool:
        return await self.repo.delete_item(item_id, association.id)

    # --- meetings ------------------------------------------------------------------------------------

    def zone(self, user: User) -> str:
        return zone_of(user, self.timezone)

    def read_when(self, leader: User, text: str) -> datetime:
        now = self.clock()
        try:
            moment = parse_when(text, zone_of(leader, self.timezone), now)
        except ValueError as exc:
            raise Refusal(f"as-when-{exc}", alert=False) from exc
        if moment <= now:
            raise Refusal("as-when-past", alert=False)
        return moment

    @staticmethod
    def read_place(text: str) -> tuple[str | None, str | None]:
        try:
            return read_place(text)
        except ValueError as exc:
            raise Refusal(f"as-place-{exc}", alert=False) from exc

    @staticmethod
    def read_agenda(text: str) -> str:
        try:
            return domain.read_text(text, domain.AGENDA_MAX)
        except ValueError as exc:
            raise _plain_problem(exc) from exc

    async def call_meeting(
        self,
        leader: User,
        association: Association,
        *,
        starts_at: datetime,
        place: str | None,
        link: str | None,
        agenda: str,
        files: list[tuple[str, str | None]],
    ) -> AssociationMeeting:
        """Create the meeting's event, register every active member for it and tell them."""
        now = self.clock()
        timezone = zone_of(leader, self.timezone)
        first = files[0] if files else (None, None)
        event = await self.repos.events.create(
            kind=EventKind.OTHER,
            level=EVENT_LEVEL[Level(association.level)],
            title=association.name,
            description=agenda,
            starts_at=starts_at,
            ends_at=starts_at + DEFAULT_LENGTH,
            timezone=timezone,
            place=place,
            link=link,
            deadline=None,
            capacity=None,
            file_id=first[0],
            file_name=first[1],
            audience={"roles": [MEETING_ROLE], "association": association.id},
            status=EventStatus.PUBLISHED,
            urgent=False,
            created_by_id=leader.id,
            published_at=now,
        )
        meeting = await self.repo.create_meeting(
            association_id=association.id, event_id=event.id, agenda=agenda, created_by_id=leader.id
        )
        for file_id, name in files[: domain.MATERIALS_MAX]:
            await self.repo.add_material(meeting.id, file_id, name)
        members = await self.repo.audience(association.id)
        await self.repo.register_members(event.id, [m.id for m in members], now)
        notice = MeetingCalled(
            association.id, association.name, meeting.id, event.id, starts_at, timezone, place, link, agenda
        )
        await self.notifier.tell_many(
            Letter(m, notice, dedupe=f"asm{meeting.id}:{m.id}") for m in members if m.id != leader.id
        )
        return meeting

    async def meetings(
        self, user: User, roles: frozenset[Role], association_id: int, page: int = 0
    ) -> Meetings:
        association, leader = await self._as_member(user, roles, association_id)
        rows, total, page = await self.repo.meetings(association.id, page)
        return Meetings(association, rows, leader, total, page)

    async def meeting(
        self, user: User, roles: frozenset[Role], association_id: int, meeting_id: int
    ) -> MeetingView:
        association, leader = await self._as_member(user, roles, association_id)
        found = await self.repo.meeting(meeting_id)
        if found is None or found[0].association_id != association.id:
            raise Refusal("as-gone")
        meeting, event = found
        started = self.clock() >= event.starts_at
        view = MeetingView(
            association, meeting, event, await self.repo.materials(meeting.id), leader, started
        )
        if leader:
            view = MeetingView(
                association,
                meeting,
                event,
                view.materials,
                leader,
                started,
                await self.repo.attendance(event.id),
                await self.repo.talks(meeting.id),
            )
        return view

    async def led_meeting(self, user: User | None, association_id: int, meeting_id: int) -> MeetingView:
        association = await self.led(user, association_id)
        assert user is not None
        return await self.meeting(user, frozenset(), association.id, meeting_id)

    async def material(
        self, user: User, roles: frozenset[Role], association_id: int, material_id: int
    ) -> AssociationMaterial:
        association, _leader = await self._as_member(user, roles, association_id)
        material = await self.repo.material(material_id)
        if material is None:
            raise Refusal("as-gone")
        found = await self.repo.meeting(material.meeting_id)
        if found is None or found[0].association_id != association.id:
            raise Refusal("as-gone")
        return material

    async def mark(self, view: MeetingView, user_id: int, *, talk: bool) -> None:
        """One tap: a member attended (or not), gave a talk (or not) — once the meeting has begun."""
        if not view.started:
            raise Refusal("as-not-started")
        if user_id not in {u.id for _r, u in view.attendance}:
            raise Refusal("as-gone")
        if talk:
            await self.repo.toggle_talk(view.meeting.id, user_id)
        else:
            await self.repo.toggle_attended(view.event.id, user_id)

    async def minutes(self, view: MeetingView, file_id: str, name: str | None) -> None:
        await self.repo.set_minutes(view.meeting, file_id, name, self.clock())

    # --- a message to members ------------------------------------------------------------------------

    async def audience_count(self, association: Association) -> int:
        return await self.repo.audience_count(association.id)

    async def broadcast(self, leader: User, association: Association, text: str) -> int:
        """The leader's message to the association's members, through the outbox (quiet hours kept)."""
        people = [p for p in await self.repo.audience(association.id) if p.id != leader.id]
        sent = await broadcasts.send_to(
            self.repos,
            people,
            kind=BroadcastKind.ASSOCIATION,
            text=text,
            markup=None,
            now=self.clock(),
            default_tz=self.timezone,
            created_by=leader,
        )
        return sent.total

    # --- staff ---------------------------------------------------------------------------------------

    async def staff_list(self, user: User | None, roles: frozenset[Role], page: int = 0) -> StaffList:
        """One page of the associations staff manage (newest first, with their members' number)."""
        scope = staff_scope(user, roles)
        if scope is False:
            raise Refusal("refused-role")
        rows, total, page = await self.repo.of_scope(scope or None, page)
        return StaffList(rows, total, page)

    async def create(
        self,
        user: User,
        roles: frozenset[Role],
        *,
        level: str,
        municipality_id: int | None,
        school_id: int | None,
        subject: str | None,
        name: str,
        approval: bool,
    ) -> Association:
        scope = staff_scope(user, roles)
        if scope is False or level not in set(Level):
            raise Refusal("refused-role")
        chosen = Level(level)
        if chosen not in domain.levels_for(scope or None):
            raise Refusal("as-not-yours")
        if subject is not None and subject not in SUBJECTS:
            raise Refusal("wz-stale", alert=False)
        if chosen is Level.REGIONAL:
            municipality_id = school_id = None
        elif chosen is Level.MUNICIPAL:
            school_id = None
        if chosen is not Level.REGIONAL and (
            municipality_id is None or await self.repos.directory.municipality(municipality_id) is None
        ):
            raise Refusal("wz-stale", alert=False)
        if chosen is Level.SCHOOL:
            school = await self.repos.directory.school(school_id) if school_id is not None else None
            if school is None or school.municipality_id != municipality_id:
                raise Refusal("wz-stale", alert=False)
        if not domain.staff_may_manage(Place(chosen, municipality_id, school_id), scope or None):
            raise Refusal("as-not-yours")
        try:
            name = domain.read_line(name, domain.NAME_MAX)
        except ValueError as exc:
            raise _plain_problem(exc) from exc
        return await self.repo.create(
            level=chosen,
            subject=subject,
            name=name,
            municipality_id=municipality_id,
            school_id=school_id,
            needs_approval=domain.needs_approval(chosen, approval),
            created_by_id=user.id,
        )

    async def invite(self, user: User, association: Association) -> AssociationInvite:
        now = self.clock()
        return await self.repo.create_invite(
            code=domain.new_code(),
            association_id=association.id,
            created_by_id=user.id,
            expires_at=now + timedelta(days=domain.INVITE_DAYS),
            max_uses=domain.INVITE_USES,
            uses=0,
        )

    async def make_leader(self, association: Association, member_id: int) -> bool:
        row = await self.repo.member_by_id(member_id)
        if row is None or row.association_id != association.id:
            raise Refusal("as-gone")
        done = await self.repo.make_leader(association.id, row.user_id, self.clock())
        person = await self.repos.users.by_id(row.user_id)
        if done and person is not None:
            await self.notifier.tell(person, LeaderGranted(association.id, association.name))
        return done

    async def redeem(self, user: User, code: str) -> Association:
        """A leader's link: the person becomes a leader of its association (and a member)."""
        invite = await self.repo.invite(code)
        now = self.clock()
        if invite is None:
            raise Refusal("as-invite-dead")
        association = await self._get(invite.association_id)
        if leader_of(association.id, await self.repo.member(association.id, user.id)):
            return association
        if not await self.repo.use_invite(invite.id, now):
            raise Refusal("as-invite-dead")
        await self.repo.make_leader(association.id, user.id, now)
        await self._register_for_upcoming(association.id, user.id, now)
        return association

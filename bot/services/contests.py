"""Contests with results, contests held elsewhere and target groups (part 11): the one call behind
each screen of `handlers/contests` (`services.contests`).

- A contest is an event of kind «contest» (part 5). Staff add its **stages** (shown on the card),
  see the **participants** with their application materials, enter a **result** per participant
  on screen or **import** a results file (read in a child process, `bot.services.contest_check`;
  a preview of the matched and unmatched rows first; applying twice changes nothing). A
  participant whose result is new or changed is told (the outbox, once per result).
- Around it: a registered participant may ask their methodist (or, without one, their mentor) for
  a **consultation** — a message through the outbox, once per contest; after the results a
  participant adds the step «представление опыта» to their route (ИОМ) in one tap.
- A teacher **records a contest held elsewhere** with a diploma; their methodist (or staff of
  their municipality, or the regional centre) confirms or rejects it (`Reviewer`).
- **Target groups** (seed 001): a teacher marks the groups they work with, staff (and their
  methodist) confirm; a teacher of a school flagged ШНОР in the directory counts there anyway.

Refusals are `Refusal(key)` (alerts); `Problem(key)` is a typed answer to correct.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from bot.domain.contests import (
    STAGE_TITLE_MAX,
    TITLE_MAX,
    ContestResult,
    ImportPreview,
    Participant,
    RecordStatus,
    Reviewer,
    TargetGroup,
    match_rows,
    read_days,
    registration_code,
)
from bot.domain.diagnostics import StepForm
from bot.domain.errors import Refusal
from bot.domain.events import EventKind, EventLevel, RegistrationStatus, has_control, is_link
from bot.domain.roles import Role
from bot.domain.routes import RouteStatus, StepSource
from bot.domain.time import Clock, local_today, zone_of
from bot.services import roles as role_service
from bot.services import routes as route_service
from bot.services.audience import regional
from bot.services.base import UnitOfWork
from bot.services.events.wizard import Actor
from bot.services.notices import Letter, Notice, Notifier
from bot.services.reports import results_xlsx
from storage.models import ContestMaterial, ContestStage, Event, EventRegistration, ExternalContest, User
from storage.repositories import ContestRepo, EventRepo, RouteRepo, UserRepo

MATERIALS_MAX = 10
EventRow = Event  # for the handlers, which do not import storage


class ContestRepos(Protocol):
    @property
    def contests(self) -> ContestRepo: ...
    @property
    def events(self) -> EventRepo: ...
    @property
    def routes(self) -> RouteRepo: ...
    @property
    def users(self) -> UserRepo: ...


# --- notices ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ResultTold(Notice):
    """To a participant: their result, and the offer to present their experience."""

    event_id: int
    title: str
    result: str


@dataclass(frozen=True, slots=True)
class ConsultWanted(Notice):
    """To the methodist (or mentor): a participant asks for a consultation before the contest."""

    teacher: str
    tg_id: int
    title: str
    as_mentor: bool


@dataclass(frozen=True, slots=True)
class RecordToReview(Notice):
    """To the methodist: a contest held elsewhere waits for their confirmation."""

    teacher: str
    title: str


@dataclass(frozen=True, slots=True)
class RecordReviewed(Notice):
    title: str
    confirmed: bool


@dataclass(frozen=True, slots=True)
class GroupReviewed(Notice):
    group: str
    confirmed: bool


# --- views --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    key: str


@dataclass(frozen=True, slots=True)
class PersonRow:
    registration_id: int
    user_id: int
    name: str
    school: str
    result: ContestResult | None
    materials: int


@dataclass(frozen=True, slots=True)
class StaffView:
    event: Event
    stages: list[ContestStage]
    people: list[PersonRow]


@dataclass(frozen=True, slots=True)
class Mine:
    results: list[tuple[ContestResult, Event]]
    records: list[ExternalContest]


@dataclass(frozen=True, slots=True)
class Groups:
    marks: dict[TargetGroup, RecordStatus]
    shnor_school: bool


@dataclass(frozen=True, slots=True)
class ReviewList:
    records: list[tuple[ExternalContest, User]]
    marks: list[tuple[int, TargetGroup, User]]


@dataclass(frozen=True, slots=True)
class NewRecord:
    title: str
    level: EventLevel
    held_on: date
    result: ContestResult
    file_id: str
    file_kind: str


def read_title(text: str) -> str:
    """A contest's name as typed: one line, at most TITLE_MAX characters (ValueError otherwise)."""
    title = " ".join(text.split())
    if not title or has_control(text, lines=True):
        raise ValueError("empty")
    if len(title) > TITLE_MAX:
        raise ValueError("long")
    return title


class ContestService:
    def __init__(
        self, repos: ContestRepos, uow: UnitOfWork, notifier: Notifier, *, clock: Clock, timezone: str
    ) -> None:
        self.repos = repos
        self.contests = repos.contests
        self.uow = uow
        self.notifier = notifier
        self.clock = clock
        self.timezone = timezone

    # --- the contest, as a participant ----------------------------------------------------------

    @staticmethod
    def contest(event: Event) -> Event:
        if event.kind is not EventKind.CONTEST:
            raise Refusal("ct-not-contest")
        return event

    async def stages(self, event_id: int) -> list[ContestStage]:
        return await self.contests.stages(event_id)

    async def result_of(self, event_id: int, user_id: int) -> ContestResult | None:
        return (await self.contests.results(event_id)).get(user_id)

    async def _registered(self, user: User, event: Event) -> EventRegistration:
        self.contest(event)
        row = await self.repos.events.registration(event.id, user.id)
        if row is None or row.status is not RegistrationStatus.REGISTERED:
            raise Refusal("ct-not-registered")
        return row

    async def materials(self, user: User, event: Event) -> list[ContestMaterial]:
        await self._registered(user, event)
        return await self.contests.materials(event.id, user.id)

    async def add_material(
        self, user: User, event_id: int, *, file_id: str | None, file_name: str | None, text: str | None
    ) -> list[ContestMaterial] | Problem:
        """A file, or a link typed; the application's materials so far."""
        event = await self.repos.events.event(event_id)
        if event is None:
            raise Refusal("ct-gone")
        await self._registered(user, event)
        link = None
        if file_id is None:
            link = (text or "").strip()
            if not is_link(link):
                return Problem("ct-material-not-link")
        existing = await self.contests.materials(event.id, user.id)
        if len(existing) >= MATERIALS_MAX:
            return Problem("ct-material-full")
        await self.contests.add_material(
            event_id=event.id,
            user_id=user.id,
            file_id=file_id,
            file_name=(file_name or "")[:255] or None,
            link=link,
            created_at=self.clock(),
        )
        return await self.contests.materials(event.id, user.id)

    async def consult(self, user: User, event: Event) -> str:
        """Ask the methodist (or the mentor) for a consultation: their name; once per contest."""
        await self._registered(user, event)
        methodist = await self.contests.methodist_of(user.id)
        who = methodist or await self.contests.mentor_of(user.id)
        if who is None:
            raise Refusal("ct-consult-nobody")
        told = await self.notifier.tell(
            who,
            ConsultWanted(user.full_name or "—", user.tg_id, event.title, methodist is None),
            dedupe=f"ct{event.id}:{user.id}:consult",
        )
        if not told:
            raise Refusal("ct-consult-already", alert=False)
        return who.full_name or "—"

    async def experience(self, user: User, event: Event) -> None:
        """The step «представление опыта» in the teacher's route, once, after a result."""
        self.contest(event)
        if await self.result_of(event.id, user.id) is None:
            raise Refusal("ct-no-result")
        route = await self.repos.routes.current(user.id)
        if route is None or route_service.status(route) is RouteStatus.CARRIED_OUT:
            raise Refusal("ev-route-none")
        title = f"Представление опыта: {event.title}"[: route_service.TITLE_MAX]
        if any(s.title == title and s.form == StepForm.EXPERIENCE for s in route.steps):
            raise Refusal("ct-exp-already", alert=False)
        today = local_today(self.clock(), zone_of(user, self.timezone))
        try:
            await route_service.add_step(
                self.repos,
                route,
                route_service.NewStep(
                    form=StepForm.EXPERIENCE, title=title, area=None, months=0, source=StepSource.EVENT
                ),
                today,
                check_editable=False,
            )
        except route_service.RouteFull:
            raise Refusal("route-full") from None
        except route_service.NotAllowed:
            raise Refusal("ev-route-none") from None

    # --- the contest, as staff ------------------------------------------------------------------

    async def staff_view(self, event: Event) -> StaffView:
        self.contest(event)
        results = await self.contests.results(event.id)
        counts = await self.contests.material_counts(event.id)
        people = [
            PersonRow(r.id, u.id, u.full_name or "—", school, results.get(u.id), counts.get(u.id, 0))
            for r, u, school in await self.contests.participants(event.id)
        ]
        return StaffView(event, await self.contests.stages(event.id), people)

    async def add_stage(self, event: Event, title: str, text: str) -> StaffView | Problem:
        self.contest(event)
        title = " ".join(title.split())[:STAGE_TITLE_MAX]
        try:
            first, last = read_days(text)
        except ValueError as exc:
            return Problem("ct-stage-order" if str(exc) == "order" else "ct-stage-format")
        if len(await self.contests.stages(event.id)) >= 12:
            return Problem("ct-stage-full")
        await self.contests.add_stage(event_id=event.id, title=title, starts_on=first, ends_on=last)
        return await self.staff_view(event)

    async def drop_stage(self, event: Event, stage_id: int) -> StaffView:
        self.contest(event)
        await self.contests.drop_stage(event.id, stage_id)
        return await self.staff_view(event)

    async def _tell_results(self, event: Event, changed: list[tuple[int, ContestResult]]) -> None:
        if not changed:
            return
        people = {u.id: u for _, u, _ in await self.contests.participants(event.id)}
        await self.notifier.tell_many(
            Letter(
                people[uid],
                ResultTold(event.id, event.title, result.value),
                dedupe=f"ct{event.id}:{uid}:{result.value}",
            )
            for uid, result in changed
            if uid in people
        )

    async def set_result(self, actor: Actor, event: Event, user_id: int, result: str) -> StaffView:
        self.contest(event)
        chosen = next((r for r in ContestResult if r.value == result), None)
        participants = {u.id for _, u, _ in await self.contests.participants(event.id)}
        if chosen is None or user_id not in participants:
            raise Refusal("ct-stale", alert=False)
        by = actor.user.id if actor.user is not None else None
        if await self.contests.set_result(event.id, user_id, chosen, by, self.clock()):
            await self._tell_results(event, [(user_id, chosen)])
        return await self.staff_view(event)

    async def participants_file(self, event: Event, header: list[str]) -> bytes:
        view = await self.staff_view(event)
        rows: list[list[object]] = [
            [
                registration_code(p.registration_id),
                p.name,
                p.school,
                p.result.value if p.result else "",
                p.materials,
            ]
            for p in view.people
        ]
        return results_xlsx(header, rows, sheet_title=event.title[:28] or "contest")

    async def preview(self, event: Event, rows: list[tuple[int, list[str]]]) -> ImportPreview:
        self.contest(event)
        participants = [
            Participant(r.id, u.id, u.full_name or "", school)
            for r, u, school in await self.contests.participants(event.id)
        ]
        return match_rows(rows, participants)

    async def apply(self, actor: Actor, event: Event, rows: list[tuple[int, list[str]]]) -> tuple[int, int]:
        """The previewed file, matched again against today's participants: (changed, unchanged).
        Applying the same file twice changes nothing and tells nobody twice."""
        preview = await self.preview(event, rows)
        by = actor.user.id if actor.user is not None else None
        now = self.clock()
        changed: list[tuple[int, ContestResult]] = []
        for row in preview.matched:
            if await self.contests.set_result(event.id, row.user_id, row.result, by, now):
                changed.append((row.user_id, row.result))
        await self._tell_results(event, changed)
        return len(changed), len(preview.matched) - len(changed)

    # --- the teacher's contests held elsewhere --------------------------------------------------

    async def mine(self, user: User) -> Mine:
        results = [(r.result, e) for r, e in await self.contests.results_of(user.id)]
        return Mine(results, await self.contests.externals_of(user.id))

    async def save_record(self, user: User, record: NewRecord) -> ExternalContest:
        saved = await self.contests.add_external(
            user_id=user.id,
            title=record.title,
            level=record.level,
            held_on=record.held_on,
            result=record.result,
            file_id=record.file_id,
            file_kind=record.file_kind,
            status=RecordStatus.PENDING,
            created_at=self.clock(),
        )
        methodist = await self.contests.methodist_of(user.id)
        if methodist is not None:
            await self.notifier.tell(
                methodist, RecordToReview(user.full_name or "—", record.title), dedupe=f"ctx{saved.id}:review"
            )
        return saved

    # --- target groups, as the teacher ----------------------------------------------------------

    async def groups(self, user: User) -> Groups:
        return Groups(
            await self.contests.marks_of(user.id), await self.contests.school_is_shnor(user.school_id)
        )

    async def toggle_group(self, user: User, value: str) -> Groups:
        group = next((g for g in TargetGroup if g.value == value), None)
        if group is None:
            raise Refusal("ct-stale", alert=False)
        if group in await self.contests.marks_of(user.id):
            await self.contests.unmark(user.id, group)
        else:
            await self.contests.mark(user.id, group)
        return await self.groups(user)

    # --- reviewing (methodists, staff) ----------------------------------------------------------

    async def reviewer(self, actor: Actor) -> Reviewer:
        user, roles = actor.user, actor.roles
        if user is None:
            return Reviewer()
        if regional(user, roles):
            return Reviewer(everyone=True)
        municipality = role_service.role_scope(user, Role.STAFF) if Role.STAFF in roles else None
        teachers = await self.contests.teachers_of(user.id) if Role.METHODIST in roles else frozenset()
        return Reviewer(municipality=municipality, teachers=teachers)

    async def review_list(self, actor: Actor) -> ReviewList:
        reviewer = await self.reviewer(actor)
        if reviewer.nobody:
            return ReviewList([], [])
        marks = [(m.id, m.group, u) for m, u in await self.contests.pending_marks(reviewer)]
        return ReviewList(await self.contests.pending_externals(reviewer), marks)

    async def record_for(self, actor: Actor, record_id: int) -> tuple[ExternalContest, User]:
        record = await self.contests.external(record_id)
        owner = await self.repos.users.by_id(record.user_id) if record is not None else None
        if record is None or owner is None:
            raise Refusal("ct-gone")
        if not (await self.reviewer(actor)).may(owner.id, owner.municipality_id):
            raise Refusal("ct-not-yours")
        return record, owner

    async def review_record(self, actor: Actor, record_id: int, confirm: bool) -> str:
        record, owner = await self.record_for(actor, record_id)
        assert actor.user is not None
        status = RecordStatus.CONFIRMED if confirm else RecordStatus.REJECTED
        if not await self.contests.review_external(record.id, status, actor.user.id, self.clock()):
            return "ct-review-already"
        await self.notifier.tell(
            owner, RecordReviewed(record.title, confirm), dedupe=f"ctx{record.id}:reviewed"
        )
        return "ct-review-confirmed" if confirm else "ct-review-rejected"

    async def review_mark(self, actor: Actor, mark_id: int, confirm: bool) -> str:
        mark = await self.contests.mark_by_id(mark_id)
        owner = await self.repos.users.by_id(mark.user_id) if mark is not None else None
        if mark is None or owner is None:
            raise Refusal("ct-gone")
        if not (await self.reviewer(actor)).may(owner.id, owner.municipality_id):
            raise Refusal("ct-not-yours")
        assert actor.user is not None
        status = RecordStatus.CONFIRMED if confirm else RecordStatus.REJECTED
        if not await self.contests.review_mark(mark.id, status, actor.user.id, self.clock()):
            return "ct-review-already"
        await self.notifier.tell(
            owner, GroupReviewed(mark.group.value, confirm), dedupe=f"tg{mark.id}:{status.value}"
        )
        return "ct-review-confirmed" if confirm else "ct-review-rejected"

    def now(self) -> datetime:
        return self.clock()

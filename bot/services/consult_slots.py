"""Booking a consultation (`services.consult_slots`): a methodist publishes time slots, a teacher
books one (their own methodist's first, then those covering their subject and municipality), both
get a calendar file and reminders a day and an hour before, either side may cancel, and after the
time the methodist marks whether it took place — one that did counts for a «консультация» step of
the teacher's route in one tap.

Every change of a slot is one conditional update in `ConsultSlotRepo`; what others are told goes
through the notifier (the outbox) with once-only keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from bot.domain.consult_slots import (
    MAX_UPCOMING,
    Methodist,
    Mode,
    Outcome,
    SlotStatus,
    Teacher,
    bookable_order,
    ends_at,
    is_over,
    may_book,
    overlaps,
    repeated,
)
from bot.domain.diagnostics import StepForm
from bot.domain.errors import Refusal
from bot.domain.events import DAY_BEFORE, CalendarEntry, Reminder, due_reminders, ics
from bot.domain.roles import Role
from bot.domain.routes import WORKABLE, EvidenceKind, RouteStatus, StepStatus
from bot.domain.time import Clock, local_today, zone_of
from bot.services import routes as route_service
from bot.services.base import UnitOfWork
from bot.services.notices import Letter, Notice, Notifier
from bot.services.routes.notices import RouteCarriedOut
from bot.services.routes.rules import Evidence, RouteRepos
from storage.models import ConsultSlot, RouteStep, User
from storage.repositories import ConsultSlotRepo

PAGE = 8  # free slots per page of the teacher's list
PAST_SHOWN = timedelta(days=30)  # past bookings kept on «Мои записи» and the methodist's screen
Describe = Callable[[ConsultSlot, str | None], tuple[str, str]]
SlotRow = ConsultSlot  # for the handlers, which do not import storage
StepRow = RouteStep


class SlotRepos(RouteRepos, Protocol):
    """What booking uses (`Repos` is one): the slots, and the route (with its people) a consultation
    counts for."""

    @property
    def consult_slots(self) -> ConsultSlotRepo: ...


# --- what others are told (rendered by bot/ui/consult_slots) ------------------------------------------


@dataclass(frozen=True, slots=True)
class SlotBooked(Notice):
    """To the methodist: a teacher booked a slot."""

    slot_id: int
    teacher: str | None
    starts_at: datetime
    minutes: int
    timezone: str


@dataclass(frozen=True, slots=True)
class BookingCancelled(Notice):
    """To the methodist: the teacher cancelled; the slot is free again."""

    slot_id: int
    teacher: str | None
    starts_at: datetime
    timezone: str


@dataclass(frozen=True, slots=True)
class SlotCancelled(Notice):
    """To the teacher: the methodist cancelled the consultation they had booked."""

    methodist: str | None
    starts_at: datetime
    timezone: str


@dataclass(frozen=True, slots=True)
class SlotReminder(Notice):
    """To both: the consultation is tomorrow / in an hour."""

    slot_id: int
    due: str  # Reminder's value
    other: str | None  # the other person's name
    starts_at: datetime
    minutes: int
    timezone: str
    link: str | None
    place: str | None
    for_methodist: bool


@dataclass(frozen=True, slots=True)
class ConsultHeld(Notice):
    """To the teacher: the methodist marked the consultation as held; it may count for the route."""

    slot_id: int
    methodist: str | None
    starts_at: datetime
    timezone: str


# --- what the screens are made of ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Draft:
    """A slot as the wizard collected it."""

    starts_at: datetime
    minutes: int
    mode: Mode
    link: str | None
    place: str | None
    topic: str | None
    timezone: str


@dataclass(frozen=True, slots=True)
class Published:
    created: list[ConsultSlot]
    skipped: list[datetime]  # overlapping another slot of the methodist's


@dataclass(frozen=True, slots=True)
class MethodistHome:
    upcoming: list[ConsultSlot]
    to_mark: list[ConsultSlot]
    names: dict[int, str]
    timezone: str


@dataclass(frozen=True, slots=True)
class FreeList:
    slots: list[ConsultSlot]
    names: dict[int, str]
    own_methodist: int | None
    page: int
    more: bool
    mine: int  # the teacher's upcoming bookings


@dataclass(frozen=True, slots=True)
class Card:
    slot: ConsultSlot
    methodist: str | None
    teacher: str | None
    now: datetime
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Booked:
    status: str  # booked | already | taken | past | limit
    card: Card | None


@dataclass(frozen=True, slots=True)
class StepChoice:
    """Several open «консультация» steps: the teacher picks one (or adds a new one: `add`)."""

    slot: ConsultSlot
    steps: list[RouteStep]
    add: bool = False  # none open: offer to add one


@dataclass(frozen=True, slots=True)
class Counted:
    slot: ConsultSlot
    step_title: str
    carried_out: bool
    added: bool = False


@dataclass(frozen=True, slots=True)
class Mine:
    slots: list[ConsultSlot]
    names: dict[int, str]
    now: datetime
    timezone: str = field(default="Europe/Moscow")


def name_of(user: User | None) -> str | None:
    return user.full_name if user is not None else None


def calendar_entry(slot: ConsultSlot, title: str, description: str) -> CalendarEntry:
    return CalendarEntry(
        uid=f"consult-slot-{slot.id}@metodist",
        title=title,
        description=description,
        starts_at=slot.starts_at,
        ends_at=ends_at(slot.starts_at, slot.minutes),
        place=slot.place,
        link=slot.link,
    )


class ConsultSlotService:
    def __init__(
        self, repos: SlotRepos, uow: UnitOfWork, notifier: Notifier, *, clock: Clock, timezone: str
    ) -> None:
        self.repos = repos
        self.slots = repos.consult_slots
        self.uow = uow
        self.notifier = notifier
        self.clock = clock
        self.timezone = timezone

    def zone(self, user: User) -> str:
        return zone_of(user, self.timezone)

    async def _names(self, ids: list[int | None]) -> dict[int, str]:
        people = await self.slots.users([i for i in ids if i is not None])
        return {i: u.full_name or "—" for i, u in people.items()}

    # --- the methodist ------------------------------------------------------------------------------

    async def home(self, methodist: User) -> MethodistHome:
        now = self.clock()
        upcoming = await self.slots.of_methodist(methodist.id, now - timedelta(minutes=60))
        upcoming = [s for s in upcoming if not is_over(s.starts_at, s.minutes, now)]
        to_mark = [
            s for s in await self.slots.to_mark(methodist.id, now) if is_over(s.starts_at, s.minutes, now)
        ]
        names = await self._names([s.teacher_id for s in upcoming + to_mark])
        return MethodistHome(upcoming, to_mark, names, self.zone(methodist))

    async def publish(self, methodist: User, draft: Draft, weeks: int) -> Published:
        """The slot, or the same weekday and time for `weeks` weeks; a time that overlaps another
        slot of the methodist's is skipped (and said)."""
        now = self.clock()
        created: list[ConsultSlot] = []
        skipped: list[datetime] = []
        for start in repeated(draft.starts_at, weeks, draft.timezone):
            if start <= now:
                skipped.append(start)
                continue
            near = await self.slots.busy(methodist.id, start - timedelta(hours=2), start + timedelta(hours=2))
            if any(overlaps(start, draft.minutes, s.starts_at, s.minutes) for s in near):
                skipped.append(start)
                continue
            created.append(
                await self.slots.add(
                    methodist_id=methodist.id,
                    starts_at=start,
                    minutes=draft.minutes,
                    timezone=draft.timezone,
                    link=draft.link if draft.mode is Mode.ONLINE else None,
                    place=draft.place if draft.mode is Mode.PLACE else None,
                    topic=draft.topic,
                    status=SlotStatus.OPEN,
                    created_at=now,
                )
            )
        return Published(created, skipped)

    async def own_slot(self, user: User | None, roles: frozenset[Role], slot_id: int) -> ConsultSlot:
        """A slot of this methodist's (the OwnSlot filter): nobody manages another's slots."""
        slot = await self.slots.slot(slot_id)
        if user is None or Role.METHODIST not in roles or slot is None or slot.methodist_id != user.id:
            raise Refusal("cs-not-yours")
        return slot

    async def methodist_card(self, slot: ConsultSlot, note: str | None = None) -> Card:
        names = await self._names([slot.methodist_id, slot.teacher_id])
        return Card(slot, names.get(slot.methodist_id), names.get(slot.teacher_id or 0), self.clock(), note)

    async def cancel(self, methodist: User, slot: ConsultSlot) -> Card:
        now = self.clock()
        teacher_id = slot.teacher_id if slot.status is SlotStatus.BOOKED else None
        if not await self.slots.cancel(slot.id, methodist.id, now):
            raise Refusal("cs-stale", alert=False)
        if teacher_id is not None:
            teacher = await self.repos.users.by_id(teacher_id)
            if teacher is not None:
                await self.notifier.tell(
                    teacher,
                    SlotCancelled(methodist.full_name, slot.starts_at, slot.timezone),
                    dedupe=f"cs{slot.id}:{teacher.id}:cancelled",
                )
        return await self.methodist_card(slot, "cs-cancelled")

    async def mark(self, methodist: User, slot: ConsultSlot, outcome: Outcome) -> Card:
        now = self.clock()
        if not is_over(slot.starts_at, slot.minutes, now):
            raise Refusal("cs-mark-not-yet")
        if not await self.slots.mark(slot.id, methodist.id, outcome, now):
            raise Refusal("cs-stale", alert=False)
        if outcome is Outcome.HELD and slot.teacher_id is not None:
            teacher = await self.repos.users.by_id(slot.teacher_id)
            if teacher is not None:
                await self.notifier.tell(
                    teacher,
                    ConsultHeld(slot.id, methodist.full_name, slot.starts_at, slot.timezone),
                    dedupe=f"cs{slot.id}:{teacher.id}:held",
                )
        return await self.methodist_card(slot, f"cs-marked-{outcome.value}")

    # --- the teacher -----------------------------------------------------------------------------------

    async def _teacher(self, user: User) -> Teacher:
        return Teacher(
            user.id,
            user.municipality_id,
            frozenset(s.subject for s in user.subjects),
            await self.slots.methodist_of(user.id),
        )

    async def _methodist(self, methodist_id: int, municipality_id: int | None) -> Methodist | None:
        for user_id, scope, subjects in await self.slots.methodists(municipality_id):
            if user_id == methodist_id:
                return Methodist(user_id, scope, subjects)
        return None

    async def listing(self, user: User, page: int) -> FreeList:
        """Free future slots the teacher may book: their own methodist's first, then by time."""
        now = self.clock()
        teacher = await self._teacher(user)
        methodists = [
            Methodist(i, scope, subjects)
            for i, scope, subjects in await self.slots.methodists(user.municipality_id)
        ]
        order = bookable_order(teacher, methodists)
        page = max(0, page)
        found = await self.slots.free(order, now, PAGE * (page + 1) + 1 + 200)
        rank = {m: n for n, m in enumerate(order)}
        found.sort(key=lambda s: (s.methodist_id != teacher.methodist_id, s.starts_at, rank[s.methodist_id]))
        shown = found[PAGE * page : PAGE * (page + 1)]
        names = await self._names([s.methodist_id for s in shown])
        mine = await self.slots.upcoming_count(user.id, now)
        return FreeList(shown, names, teacher.methodist_id, page, len(found) > PAGE * (page + 1), mine)

    async def visible(self, user: User | None, slot_id: int) -> ConsultSlot:
        """A slot the teacher may open (the VisibleSlot filter): their own booking, or a free one of a
        methodist they may book."""
        slot = await self.slots.slot(slot_id)
        if user is None or slot is None:
            raise Refusal("bk-not-for-you")
        if slot.teacher_id == user.id:
            return slot
        methodist = await self._methodist(slot.methodist_id, user.municipality_id)
        if slot.status is SlotStatus.CANCELLED or methodist is None:
            raise Refusal("bk-not-for-you")
        if not may_book(await self._teacher(user), methodist):
            raise Refusal("bk-not-for-you")
        return slot

    async def card(self, user: User, slot: ConsultSlot, note: str | None = None) -> Card:
        """The teacher's view: `teacher` is their own name when the booking is theirs, else None."""
        names = await self._names([slot.methodist_id])
        mine = slot.teacher_id == user.id
        return Card(
            slot, names.get(slot.methodist_id), (user.full_name or "—") if mine else None, self.clock(), note
        )

    async def book(self, user: User, slot: ConsultSlot) -> Booked:
        """One statement decides (see `ConsultSlotRepo.book`); committed before the calendar file is
        sent. `taken`: someone else was first — the list is shown again."""
        now = self.clock()
        if slot.teacher_id == user.id and slot.status is SlotStatus.BOOKED:
            return Booked("already", await self.card(user, slot))
        if slot.starts_at <= now:
            return Booked("past", None)
        if await self.slots.upcoming_count(user.id, now) >= MAX_UPCOMING:
            return Booked("limit", None)
        if not await self.slots.book(slot.id, user.id, now):
            fresh = await self.slots.slot(slot.id, fresh=True)
            if fresh is not None and fresh.teacher_id == user.id:
                return Booked("already", await self.card(user, fresh))
            return Booked("taken", None)
        methodist = await self.repos.users.by_id(slot.methodist_id)
        if methodist is not None:
            await self.notifier.tell(
                methodist,
                SlotBooked(slot.id, user.full_name, slot.starts_at, slot.minutes, slot.timezone),
                dedupe=f"cs{slot.id}:{user.id}:booked:{int(now.timestamp())}",
            )
        await self.uow.commit()
        return Booked("booked", await self.card(user, slot))

    async def release(self, user: User, slot: ConsultSlot) -> Card:
        now = self.clock()
        if slot.teacher_id != user.id:
            raise Refusal("bk-not-for-you")
        if not await self.slots.release(slot.id, user.id, now):
            raise Refusal("bk-cancel-late" if slot.starts_at <= now else "cs-stale", alert=False)
        methodist = await self.repos.users.by_id(slot.methodist_id)
        if methodist is not None:
            await self.notifier.tell(
                methodist,
                BookingCancelled(slot.id, user.full_name, slot.starts_at, slot.timezone),
                dedupe=f"cs{slot.id}:{user.id}:released:{int(now.timestamp())}",
            )
        return await self.card(user, slot, "bk-cancelled")

    async def mine(self, user: User) -> Mine:
        now = self.clock()
        slots = await self.slots.booked_by(user.id, now - PAST_SHOWN)
        names = await self._names([s.methodist_id for s in slots])
        return Mine(slots, names, now, self.zone(user))

    async def calendar(self, slot: ConsultSlot, title: str, description: str) -> bytes:
        return ics(calendar_entry(slot, title, description))

    # --- the consultation as evidence of a route step ------------------------------------------------------

    async def to_route(
        self, user: User, slot: ConsultSlot, describe: Describe, step_id: int = 0, add: bool = False
    ) -> Counted | StepChoice:
        """One tap: the open «консультация» step of the route gets this consultation as its evidence
        (and is done). Several open: the teacher picks (`step_id`); none: offered to add one (`add`).
        `describe(slot, methodist)` → (a new step's title, the evidence's text), in the teacher's
        language."""
        if slot.teacher_id != user.id or slot.outcome is not Outcome.HELD:
            raise Refusal("bk-route-not-held")
        if slot.route_step_id is not None:
            raise Refusal("bk-route-already", alert=False)
        route = await self.repos.routes.current(user.id)
        if route is None or route_service.status(route) is RouteStatus.CARRIED_OUT:
            raise Refusal("bk-route-none")
        if route_service.status(route) not in WORKABLE:
            raise Refusal("bk-route-not-sent")
        open_steps = [
            s
            for s in route_service.ordered_steps(route)
            if s.form == StepForm.CONSULTATION
            and route_service.step_status(s) in (StepStatus.PLANNED, StepStatus.IN_PROGRESS)
        ]
        methodist = await self.repos.users.by_id(slot.methodist_id)
        title, text = describe(slot, name_of(methodist))
        added = False
        if step_id:
            step = next((s for s in open_steps if s.id == step_id), None)
            if step is None:
                raise Refusal("cs-stale", alert=False)
        elif add:
            if open_steps:
                raise Refusal("cs-stale", alert=False)
            today = local_today(self.clock(), self.zone(user))
            try:
                step = await route_service.add_step(
                    self.repos,
                    route,
                    route_service.NewStep(
                        form=StepForm.CONSULTATION,
                        title=title[: route_service.TITLE_MAX],
                        area=None,
                        months=0,
                        description=(slot.topic or "")[: route_service.NOTE_MAX],
                    ),
                    today,
                    check_editable=False,
                )
            except route_service.RouteFull:
                raise Refusal("route-full") from None
            except route_service.NotAllowed:
                raise Refusal("bk-route-none") from None
            added = True
        elif len(open_steps) == 1:
            step = open_steps[0]
        else:
            return StepChoice(slot, open_steps, add=not open_steps)
        if not await self.slots.count_in_route(slot.id, user.id, step.id):
            raise Refusal("bk-route-already", alert=False)
        try:
            recorded = await route_service.add_evidence(
                self.repos, route, step, Evidence(kind=EvidenceKind.TEXT, text=text[:1000]), self.clock()
            )
        except (route_service.NotAllowed, route_service.RouteFull):
            raise Refusal("bk-route-already") from None
        if recorded.carried_out and route.reviewer_id:
            reviewer = await self.repos.users.by_id(route.reviewer_id)
            if reviewer is not None:
                await self.notifier.tell(reviewer, RouteCarriedOut(route.id, user.full_name))
        return Counted(slot, step.title, recorded.carried_out, added)

    # --- the reminders job ---------------------------------------------------------------------------------

    async def remind(self) -> int:
        """A day and an hour before, to the teacher and the methodist: each reminder claimed by a
        conditional update and queued in the outbox (once-only keys) in one transaction."""
        now = self.clock()
        letters: list[Letter] = []
        for slot in await self.slots.to_remind(now, now + DAY_BEFORE):
            teacher_id = slot.teacher_id
            if teacher_id is None:
                continue
            for due in due_reminders(
                slot.starts_at, now, slot.reminded_day_at is not None, slot.reminded_hour_at is not None
            ):
                field_name = "reminded_day_at" if due is Reminder.DAY else "reminded_hour_at"
                if not await self.slots.claim_reminder(slot.id, teacher_id, field_name, now):
                    continue
                people = await self.slots.users([teacher_id, slot.methodist_id])
                teacher, methodist = people.get(teacher_id), people.get(slot.methodist_id)
                for to, other, for_methodist in ((teacher, methodist, False), (methodist, teacher, True)):
                    if to is None:
                        continue
                    side = "m" if for_methodist else "t"
                    letters.append(
                        Letter(
                            to,
                            SlotReminder(
                                slot.id,
                                due.value,
                                name_of(other),
                                slot.starts_at,
                                slot.minutes,
                                slot.timezone,
                                slot.link,
                                slot.place,
                                for_methodist,
                            ),
                            dedupe=f"cs{slot.id}:{teacher_id}:{side}:{due.value}",
                        )
                    )
        return len(await self.notifier.tell_many(letters)) if letters else 0

"""Events for teachers: the one call behind each screen of `handlers/events` (`services.events`).

Refusals are the screens' alerts and notes (`ev-not-for-you`, `route-stale`, …); the person moved
up from the waiting list is told through the notifier (`SeatFreed`, rendered by `bot/ui/events`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.contests import ContestResult
from bot.domain.errors import Refusal
from bot.domain.events import EventKind, Registration, RegistrationStatus, ics
from bot.domain.routes import RouteStatus
from bot.domain.time import Clock, local_today, zone_of
from bot.services import routes as route_service
from bot.services.base import UnitOfWork
from bot.services.events import teachers
from bot.services.events.common import NotAllowed, NotOver, NotYours, TeacherEventRepos
from bot.services.notices import Notice, Notifier
from storage.models import ContestStage, Event, EventRegistration, User
from storage.repositories import ContestRepo

FEEDBACK_MAX = 500
EventRow = Event  # for the handlers, which do not import storage


@dataclass(frozen=True, slots=True)
class SeatFreed(Notice):
    """A seat was freed: the first on the waiting list is registered now."""

    event_id: int
    title: str


@dataclass(frozen=True, slots=True)
class Listing:
    events: list[Event]
    statuses: dict[int, str]
    kinds: list[EventKind]
    kind: EventKind | None  # the list is narrowed to one kind
    page: int


@dataclass(frozen=True, slots=True)
class CardView:
    event: Event
    row: EventRegistration | None
    taken: int
    state: Registration
    can_route: bool
    note: str | None = None  # a locale key for the tap's answer
    # A contest (part 11): its stages, and the participant's result once known.
    stages: tuple[ContestStage, ...] = ()
    result: ContestResult | None = None


@dataclass(frozen=True, slots=True)
class Enrolled:
    card: CardView
    status: str  # registered | waitlist | already | closed | started | cancelled

    @property
    def alert(self) -> bool:
        return self.status in (Registration.CLOSED, Registration.STARTED, Registration.CANCELLED)


class EventService:
    def __init__(
        self, repos: TeacherEventRepos, uow: UnitOfWork, notifier: Notifier, *, clock: Clock, timezone: str
    ) -> None:
        self.repos = repos
        self.events = repos.events
        self.uow = uow
        self.notifier = notifier
        self.clock = clock
        self.timezone = timezone

    async def listing(self, user: User, kind: str, page: int) -> Listing:
        """Upcoming events for this person; `kind` is a filter button's value (none, or one the
        bot does not know: all of them)."""
        chosen = next((k for k in EventKind if k.value == kind), None)
        everything = await teachers.upcoming_for(self.repos, user, self.clock())
        shown = [e for e in everything if chosen is None or e.kind is chosen]
        statuses = await self.events.my_statuses(user.id, [e.id for e in shown])
        return Listing(shown, statuses, sorted({e.kind for e in everything}), chosen, page)

    async def mine(self, user: User) -> list[tuple[EventRegistration, Event]]:
        return await self.events.mine(user.id, self.clock())

    async def visible(self, user: User | None, event_id: int) -> Event:
        """An event this person may open (the VisibleEvent filter)."""
        try:
            if user is None:
                raise NotYours(event_id)
            return await teachers.visible(self.repos, user, event_id, self.clock())
        except NotYours:
            raise Refusal("ev-not-for-you") from None

    async def card(self, user: User, event: Event, note: str | None = None) -> CardView:
        row = await self.events.registration(event.id, user.id)
        taken = await self.events.taken(event.id)
        route = await self.repos.routes.current(user.id)
        can_route = route is not None and route_service.status(route) is not RouteStatus.CARRIED_OUT
        state = teachers.state(event, taken, self.clock())
        if event.kind is not EventKind.CONTEST:
            return CardView(event, row, taken, state, can_route, note)
        contests = ContestRepo(self.events.session)
        stages = tuple(await contests.stages(event.id))
        result = (await contests.results(event.id)).get(user.id)
        return CardView(event, row, taken, state, can_route, note, stages, result)

    async def register(self, user: User, event: Event) -> Enrolled:
        """Committed before the card and the calendar file are sent."""
        result = await teachers.register(self.repos, event, user, self.clock())
        await self.uow.commit()
        return Enrolled(await self.card(user, event), result.status)

    async def unregister(self, user: User, event: Event) -> CardView:
        try:
            promoted = await teachers.unregister(self.repos, event, user, self.clock())
        except NotAllowed:
            return await self.card(user, event, "route-stale")
        if promoted is not None:
            now = self.clock()
            await self.notifier.tell(
                promoted,
                SeatFreed(event.id, event.title),
                dedupe=f"ev{event.id}:{promoted.id}:promoted:{int(now.timestamp())}",
            )
        return await self.card(user, event, "ev-unregistered")

    def calendar(self, event: Event) -> bytes:
        return ics(teachers.calendar_entry(event))

    async def to_route(self, user: User, event: Event) -> CardView:
        row = await self.events.registration(event.id, user.id)
        if row is None or row.status is not RegistrationStatus.REGISTERED:
            raise Refusal("route-stale", alert=False)
        today = local_today(self.clock(), zone_of(user, self.timezone))
        try:
            await teachers.add_to_route(self.repos, user, event, row, today)
        except (NotAllowed, route_service.NotAllowed):
            raise Refusal("ev-route-already", alert=False) from None
        except route_service.NoDiagnosis:
            raise Refusal("ev-route-none") from None
        except route_service.RouteFull:
            raise Refusal("route-full") from None
        return await self.card(user, event, "ev-route-added")

    async def rate(self, user: User, event_id: int, stars: int) -> int:
        """The stars, after the event; returns the registration the comment will be for."""
        row = await self.events.registration(event_id, user.id)
        event = await self.events.event(event_id)
        if row is None or event is None:
            raise Refusal("ev-not-for-you")
        try:
            await teachers.rate(self.repos, event, row, stars, row.feedback, self.clock())
        except NotOver:
            raise Refusal("ev-rate-not-yet") from None
        except NotAllowed:
            raise Refusal("route-stale", alert=False) from None
        return row.id

    async def comment(self, user: User, registration_id: int, text: str) -> str:
        """The comment after the stars; returns what to say (a locale key)."""
        row = await self.events.registration_by_id(registration_id)
        event = await self.events.event(row.event_id) if row is not None else None
        if row is None or event is None or row.user_id != user.id or row.rating is None:
            return "route-stale"
        try:
            await teachers.rate(self.repos, event, row, row.rating, text, self.clock())
        except (NotAllowed, NotOver):
            return "route-stale"
        return "ev-thanks"

    async def digest_off(self, user: User) -> None:
        await self.repos.users.update(user, digest_off=True)

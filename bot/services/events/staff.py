"""Events for staff (and methodists): the one call behind each screen of `handlers/events_staff`.

Every method takes the `Actor` and returns a view (or raises `Refusal`); the wizard's steps return
a `Problem` (what to say, the person types again) or None when the event is out of reach (the
wizard ends quietly). The rules live here: which edits a published event takes, who may stop a
broadcast, whom an author may write to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from typing import Protocol

from bot.domain.errors import Refusal
from bot.domain.events import (
    ACTIVE,
    PLACE_MAX,
    Audience,
    EventKind,
    EventLevel,
    EventStatus,
    PlaceProblem,
    RegistrationStatus,
    has_control,
    parse_capacity,
    parse_when,
    read_place,
)
from bot.domain.roles import Role
from bot.domain.time import Clock, zone_of
from bot.services import broadcasts
from bot.services.audience import AudienceService, AudienceStep, AudienceView, ChoicesView
from bot.services.base import UnitOfWork
from bot.services.broadcasts import Delivery, Outgoing
from bot.services.events import common, lifecycle
from bot.services.events.common import is_draft, is_over, reach_of
from bot.services.events.teachers import toggle_attendance
from storage.models import Broadcast, Event, EventRegistration, User
from storage.repositories import Repos

# For the handlers, which do not import storage.
BroadcastRow = Broadcast
EventRow = Event
TITLE_MAX = 200
DESCRIPTION_MAX = 2500


class Actor(Protocol):
    @property
    def user(self) -> User | None: ...
    @property
    def roles(self) -> frozenset[Role]: ...


class Announcer(Protocol):
    """Renders what teachers get (in the installation's language), from `bot/ui`."""

    def announcement(self, event: Event) -> Outgoing: ...
    def change(self, event: Event) -> Outgoing: ...
    def cancellation(self, event: Event) -> Outgoing: ...


class EditField(StrEnum):
    TITLE = "title"
    DESCRIPTION = "description"
    START = "start"
    PLACE = "place"


@dataclass(frozen=True, slots=True)
class Problem:
    """A typed answer the wizard does not take: say `key` (with `values`) and wait for another."""

    key: str
    values: dict[str, object] = field(default_factory=dict)
    end: bool = False  # the wizard ends after saying it


Stats = tuple[int, int, int, float | None]


@dataclass(frozen=True, slots=True)
class Card:
    event: Event
    stats: Stats
    delivery: Delivery | None = None


@dataclass(frozen=True, slots=True)
class Sent:
    """A broadcast queued (published, edited, cancelled): the card to show and the progress to watch."""

    card: Card
    broadcast: Broadcast


@dataclass(frozen=True, slots=True)
class Preview:
    event: Event
    count: int


@dataclass(frozen=True, slots=True)
class People:
    event: Event
    rows: list[tuple[EventRegistration, User]]
    over: bool
    note: str | None = None  # a stale attendance tap


@dataclass(frozen=True, slots=True)
class Stopped:
    broadcast: Broadcast
    dropped: int
    counts: dict[str, int]


def clean(text: str | None) -> str:
    return " ".join((text or "").split())


def _place_problem(problem: ValueError) -> Problem:
    if problem.args and problem.args[0] == PlaceProblem.LONG:
        return Problem("es-too-long", {"max": PLACE_MAX})
    return Problem("es-place-bad")


class EventStaffService:
    def __init__(self, repos: Repos, uow: UnitOfWork, *, clock: Clock, timezone: str) -> None:
        self.repos = repos
        self.events = repos.events
        self.uow = uow
        self.clock = clock
        self.timezone = timezone
        self.audience = AudienceService(repos.events, repos.directory, repos.content)

    # --- finding --------------------------------------------------------------------------------

    async def own(self, actor: Actor, event_id: int) -> Event:
        """An event this person may manage (the OwnEvent filter)."""
        try:
            return await common.manageable_event(self.repos, event_id, actor.user, actor.roles)
        except common.NotYours:
            raise Refusal("es-not-yours") from None

    async def draft_of(self, actor: Actor, event_id: int) -> Event:
        """An event of the wizard: still a draft (a stale button after publishing is told so)."""
        event = await self.own(actor, event_id)
        if not is_draft(event):
            raise Refusal("es-published-already", alert=False)
        return event

    async def published(self, event: Event) -> Event:
        """Edits are for a published event (a stale button on a draft or a cancelled one is told)."""
        if event.status is not EventStatus.PUBLISHED:
            raise Refusal("es-not-published", alert=False)
        return event

    async def in_wizard(self, actor: Actor, event_id: int) -> Event | None:
        """The event a typed answer is for; None when it is out of reach (the wizard ends)."""
        try:
            return await common.manageable_event(self.repos, event_id, actor.user, actor.roles)
        except common.NotYours:
            return None

    async def home(self, actor: Actor) -> list[Event]:
        return await common.manageable(self.repos, actor.user, actor.roles) if actor.user is not None else []

    async def card(self, event: Event, *, with_delivery: bool = True) -> Card:
        delivery = await self._delivery(event) if with_delivery else None
        return Card(event, await self.events.stats(event.id), delivery)

    async def _delivery(self, event: Event) -> Delivery | None:
        rows = await self.repos.outbox.broadcasts_of(event.id)
        return await broadcasts.delivery(self.repos, rows[0]) if rows else None

    # --- the wizard -------------------------------------------------------------------------------

    async def start(
        self, actor: Actor, kind: str | None, level: str | None, title: str
    ) -> Event | Problem | None:
        title = clean(title)
        if has_control(title):
            return Problem("es-control-bad")
        if not 3 <= len(title) <= TITLE_MAX:
            return Problem("es-title-bad", {"max": TITLE_MAX})
        if actor.user is None or kind is None:
            return None
        return await lifecycle.start_draft(
            self.repos,
            actor.user,
            kind=EventKind(kind),
            level=level or EventLevel.REGIONAL.value,
            title=title,
            timezone=zone_of(actor.user, self.timezone),
            audience=common.default_audience(actor.user, actor.roles),
            now=self.clock(),
        )

    async def describe(self, actor: Actor, event_id: int, text: str) -> Event | Problem | None:
        text = text.strip()
        if len(text) > DESCRIPTION_MAX:
            return Problem("es-too-long", {"max": DESCRIPTION_MAX})
        if has_control(text, lines=True):
            return Problem("es-control-bad")
        return await self._set(actor, event_id, description=text)

    async def _set(self, actor: Actor, event_id: int, **fields: object) -> Event | None:
        event = await self.in_wizard(actor, event_id)
        if event is not None and fields:
            await self.events.update(event, **fields)
        return event

    async def starts(self, actor: Actor, event_id: int, text: str) -> Event | Problem | None:
        event = await self.in_wizard(actor, event_id)
        if event is None:
            return None
        try:
            starts_at = parse_when(text, event.timezone, self.clock())
        except ValueError:
            return Problem("es-date-bad")
        if starts_at <= self.clock():
            return Problem("es-date-past")
        await self.events.update(event, starts_at=starts_at)
        return event

    async def length(self, actor: Actor, event_id: int, hours: str) -> Event | None:
        event = await self.in_wizard(actor, event_id)
        if event is not None:
            n = int(hours) if hours.isdigit() else 0
            await self.events.update(event, ends_at=event.starts_at + timedelta(hours=n) if n else None)
        return event

    async def ends(self, actor: Actor, event_id: int, text: str) -> Event | Problem | None:
        event = await self.in_wizard(actor, event_id)
        if event is None:
            return None
        try:
            ends = parse_when(text, event.timezone, self.clock())
        except ValueError:
            return Problem("es-date-bad")
        if ends <= event.starts_at:
            return Problem("es-end-before")
        await self.events.update(event, ends_at=ends)
        return event

    async def place(self, actor: Actor, event_id: int, text: str) -> Event | Problem | None:
        try:
            place, link = read_place(text)
        except ValueError as problem:
            return _place_problem(problem)
        return await self._set(actor, event_id, place=place, link=link)

    async def deadline_choice(self, actor: Actor, event_id: int, choice: str) -> Event | None:
        event = await self.in_wizard(actor, event_id)
        if event is not None:
            deadline = event.starts_at - timedelta(days=1) if choice == "day" else None
            await self.events.update(event, deadline=deadline)
        return event

    async def deadline(self, actor: Actor, event_id: int, text: str) -> Event | Problem | None:
        event = await self.in_wizard(actor, event_id)
        if event is None:
            return None
        try:
            deadline = parse_when(text, event.timezone, self.clock())
        except ValueError:
            return Problem("es-date-bad")
        if not self.clock() < deadline <= event.starts_at:
            return Problem("es-deadline-bad")
        await self.events.update(event, deadline=deadline)
        return event

    async def capacity_choice(self, actor: Actor, event_id: int, value: str) -> Event | None:
        n = int(value) if value.isdigit() else 0
        return await self._set(actor, event_id, capacity=n or None)

    async def capacity(self, actor: Actor, event_id: int, text: str) -> Event | Problem | None:
        try:
            capacity = parse_capacity(text)
        except ValueError:
            return Problem("es-capacity-bad")
        return await self._set(actor, event_id, capacity=capacity)

    async def media(
        self,
        actor: Actor,
        event_id: int,
        *,
        photo: str | None = None,
        document: str | None = None,
        file_name: str | None = None,
    ) -> AudienceView | None:
        """The picture or file (or none), then the audience picker."""
        fields: dict[str, object] = {}
        if photo:
            fields["image_file_id"] = photo
        elif document:
            fields.update(file_id=document, file_name=(file_name or "")[:255] or None)
        event = await self._set(actor, event_id, **fields)
        if event is None or actor.user is None:
            return None
        return await self._audience_view(actor, event)

    async def _audience_view(self, actor: Actor, event: Event) -> AudienceView:
        assert actor.user is not None
        reach = reach_of(actor.user, actor.roles)
        return await self.audience.view(Audience.from_json(event.audience), self.clock().year, reach)

    # --- the audience and the preview ---------------------------------------------------------------

    async def pick(
        self, actor: Actor, event: Event, step: AudienceStep, value: str
    ) -> AudienceView | ChoicesView:
        """One tap of the audience picker on a draft."""
        assert actor.user is not None
        if not is_draft(event):
            raise Refusal("es-published-already", alert=False)
        reach = reach_of(actor.user, actor.roles)
        audience, view = await self.audience.step(
            Audience.from_json(event.audience), step, value, reach, self.clock().year
        )
        await self.events.update(event, audience=audience.to_json())
        return view if view is not None else await self._audience_view(actor, event)

    async def preview(self, actor: Actor, event: Event, *, toggle_urgent: bool = False) -> Preview:
        assert actor.user is not None
        if not is_draft(event):
            raise Refusal("es-published-already", alert=False)
        if toggle_urgent:
            await self.events.update(event, urgent=not event.urgent)
        reach = reach_of(actor.user, actor.roles)
        return Preview(event, len(await common.recipients(self.repos, event, self.clock().year, reach)))

    # --- publishing -----------------------------------------------------------------------------

    async def publish(self, actor: Actor, event: Event, announcer: Announcer) -> Sent:
        """Queue the announcement (committed before the progress message is sent)."""
        assert actor.user is not None
        try:
            broadcast = await lifecycle.publish(
                self.repos,
                event,
                actor.user,
                message=announcer.announcement(event),
                now=self.clock(),
                default_tz=self.timezone,
                reach=reach_of(actor.user, actor.roles),
            )
        except common.NotAllowed:
            raise Refusal("es-published-already", alert=False) from None
        except common.NoReach:
            raise Refusal("es-no-reach") from None
        await self.uow.commit()
        return Sent(await self.card(event, with_delivery=False), broadcast)

    async def ask_schedule(self, actor: Actor, event: Event) -> Event:
        assert actor.user is not None
        if not is_draft(event):
            raise Refusal("es-published-already", alert=False)
        if reach_of(actor.user, actor.roles).nobody:
            raise Refusal("es-no-reach")
        return event

    async def schedule(self, actor: Actor, event_id: int, text: str) -> Card | Problem | None:
        event = await self.in_wizard(actor, event_id)
        if event is None or actor.user is None:
            return None
        try:
            at = parse_when(text, event.timezone, self.clock())
            await lifecycle.schedule(self.repos, event, at, self.clock(), reach_of(actor.user, actor.roles))
        except ValueError:
            return Problem("es-date-bad")
        except common.NotAllowed:
            return Problem("es-date-past")
        except common.NoReach:
            return Problem("es-no-reach", end=True)
        return await self.card(event, with_delivery=False)

    async def drop(self, actor: Actor, event: Event) -> list[Event]:
        if not is_draft(event):
            raise Refusal("es-published-already", alert=False)
        await self.events.delete(event)
        return await self.home(actor)

    # --- after publishing -------------------------------------------------------------------------

    async def people(self, event: Event, attend: str | None = None) -> People:
        note = None
        if attend is not None:
            try:
                await toggle_attendance(
                    self.repos, event, int(attend) if attend.isdigit() else 0, self.clock()
                )
            except common.NotOver:
                raise Refusal("es-attend-not-yet") from None
            except common.NotAllowed:
                note = "route-stale"
        rows = await self.events.registrations(event.id)
        return People(event, rows, is_over(event, self.clock()), note)

    async def edit(
        self, actor: Actor, event_id: int, field_: str, text: str, announcer: Announcer
    ) -> Sent | Problem | None:
        """A published event's title, description, start (the end and deadline move with it, the
        reminders go again) or place; those registered are told (urgent)."""
        event = await self.in_wizard(actor, event_id)
        if (
            event is None
            or event.status is not EventStatus.PUBLISHED
            or field_ not in EditField.__members__.values()
        ):
            return None
        text = text.strip()
        problem = await self._apply_edit(event, EditField(field_), text)
        if problem is not None:
            return problem
        message = announcer.change(event)
        broadcast = await broadcasts.send_to(
            self.repos,
            await lifecycle.interested(self.repos, event),
            kind="update",
            text=message.text,
            markup=message.markup,
            now=self.clock(),
            default_tz=self.timezone,
            urgent=True,
            event_id=event.id,
            created_by=actor.user,
        )
        await self.uow.commit()
        return Sent(await self.card(event, with_delivery=False), broadcast)

    async def _apply_edit(self, event: Event, what: EditField, text: str) -> Problem | None:
        bad = Problem("es-edit-bad")
        if what is EditField.PLACE:
            try:
                place, link = read_place(text)
            except ValueError as problem:
                return _place_problem(problem)
            await self.events.update(event, place=place, link=link)
        elif what is EditField.TITLE:
            title = clean(text)
            if not 3 <= len(title) <= TITLE_MAX or has_control(title):
                return bad
            await self.events.update(event, title=title)
        elif what is EditField.DESCRIPTION:
            if len(text) > DESCRIPTION_MAX or has_control(text, lines=True):
                return bad
            await self.events.update(event, description=text)
        else:
            try:
                starts_at = parse_when(text, event.timezone, self.clock())
            except ValueError:
                return bad
            if starts_at <= self.clock():
                return bad
            shift = starts_at - event.starts_at
            await self.events.update(
                event,
                starts_at=starts_at,
                ends_at=event.ends_at + shift if event.ends_at else None,
                deadline=event.deadline + shift if event.deadline else None,
            )
            await self.events.reset_reminders(event.id)
        return None

    async def cancel(self, actor: Actor, event: Event, announcer: Announcer) -> Sent:
        try:
            people = await lifecycle.cancel(self.repos, event, self.clock())
        except common.NotAllowed:
            raise Refusal("es-published-already", alert=False) from None
        message = announcer.cancellation(event)
        broadcast = await broadcasts.send_to(
            self.repos,
            people,
            kind="cancel",
            text=message.text,
            markup=message.markup,
            now=self.clock(),
            default_tz=self.timezone,
            urgent=True,
            event_id=event.id,
            created_by=actor.user,
        )
        await self.uow.commit()
        return Sent(await self.card(event, with_delivery=False), broadcast)

    async def export(self, event: Event) -> tuple[list[tuple[EventRegistration, User]], Delivery | None]:
        """Who registered (and cancelled), for the spreadsheet, and how the broadcast went."""
        rows = await self.events.registrations(event.id, (*ACTIVE, RegistrationStatus.CANCELLED))
        return rows, await self._delivery(event)

    # --- a running broadcast ----------------------------------------------------------------------

    async def stoppable(self, actor: Actor, broadcast_id: int) -> Broadcast:
        """A broadcast this person may stop (the OwnBroadcast filter): an event's, by whoever
        manages the event; one without an event, by admins, regional staff or its author."""
        try:
            return await common.stoppable(self.repos, broadcast_id, actor.user, actor.roles)
        except common.NotYours:
            raise Refusal("bc-not-yours") from None

    async def stop(self, broadcast: Broadcast) -> Stopped:
        dropped = await broadcasts.stop(self.repos, broadcast, self.clock())
        await self.uow.commit()
        return Stopped(broadcast, dropped, await self.repos.outbox.counts(broadcast.id))

    async def progress(self, broadcast: Broadcast) -> dict[str, int]:
        return await self.repos.outbox.counts(broadcast.id)

    async def watch(self, broadcast: Broadcast, chat_id: int, message_id: int) -> None:
        """The progress message staff watch; the outbox edits it as it goes."""
        await self.repos.outbox.set_progress_message(broadcast.id, chat_id, message_id)
        await self.uow.commit()

"""Events for staff (and methodists): the one call behind each screen of `handlers/events_staff`.

Every method takes the `Actor` and returns a view (or raises `Refusal`); the wizard's steps return
a `Problem` (what to say, the person types again) or None when the event is out of reach (the
wizard ends quietly). The rules live here: which edits a published event takes, who may stop a
broadcast, whom an author may write to.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from bot.domain.errors import Refusal
from bot.domain.events import (
    ACTIVE,
    Audience,
    BroadcastKind,
    EventStatus,
    RegistrationStatus,
    has_control,
    parse_when,
    read_place,
)
from bot.services import broadcasts
from bot.services.audience import AudienceStep, AudienceView, ChoicesView
from bot.services.broadcasts import Delivery, Outgoing
from bot.services.events import common, lifecycle
from bot.services.events.common import is_draft, is_over, reach_of
from bot.services.events.teachers import toggle_attendance
from bot.services.events.wizard import (
    DESCRIPTION_MAX,
    TITLE_MAX,
    Actor,
    Problem,
    Step,
    WizardSteps,
    clean,
    place_problem,
)
from storage.models import Broadcast, Event, EventRegistration, User

# For the handlers, which do not import storage.
BroadcastRow = Broadcast
EventRow = Event
Stats = tuple[int, int, int, float | None]
__all__ = ["Actor", "Problem", "Step"]


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


class EventStaffService(WizardSteps):
    # --- finding --------------------------------------------------------------------------------

    async def own(self, actor: Actor, event_id: int) -> Event:
        """An event this person may manage (the OwnEvent filter)."""
        try:
            return await common.manageable_event(self.repos, event_id, actor.user, actor.roles)
        except common.NotYours:
            raise Refusal("es-not-yours") from None

    async def published(self, event: Event) -> Event:
        """Edits are for a published event (a stale button on a draft or a cancelled one is told)."""
        if event.status is not EventStatus.PUBLISHED:
            raise Refusal("es-not-published", alert=False)
        return event

    async def home(self, actor: Actor) -> list[Event]:
        return await common.manageable(self.repos, actor.user, actor.roles) if actor.user is not None else []

    async def card(self, event: Event, *, with_delivery: bool = True) -> Card:
        delivery = await self._delivery(event) if with_delivery else None
        return Card(event, await self.events.stats(event.id), delivery)

    async def _delivery(self, event: Event) -> Delivery | None:
        rows = await self.repos.outbox.broadcasts_of(event.id)
        return await broadcasts.delivery(self.repos, rows[0]) if rows else None

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
            kind=BroadcastKind.UPDATE,
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
                return place_problem(problem)
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
            kind=BroadcastKind.CANCEL,
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

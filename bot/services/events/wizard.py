"""The event wizard's steps for staff: each typed answer or button is checked and saved on the
draft; a `Problem` is said and the person types again; None — the event is out of reach."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from typing import Protocol

from bot.domain.events import (
    PLACE_MAX,
    Audience,
    EventKind,
    EventLevel,
    PlaceProblem,
    has_control,
    parse_capacity,
    parse_when,
    read_place,
)
from bot.domain.roles import Role
from bot.domain.time import Clock, zone_of
from bot.services.audience import AudienceService, AudienceView
from bot.services.base import UnitOfWork
from bot.services.events import common, lifecycle
from bot.services.events.common import StaffEventRepos, reach_of
from storage.models import Event, User

TITLE_MAX = 200
DESCRIPTION_MAX = 2500


class Actor(Protocol):
    @property
    def user(self) -> User | None: ...
    @property
    def roles(self) -> frozenset[Role]: ...


@dataclass(frozen=True, slots=True)
class Problem:
    """A typed answer the wizard does not take: say `key` (with `values`) and wait for another."""

    key: str
    values: dict[str, object] = field(default_factory=dict)
    end: bool = False  # the wizard ends after saying it


def clean(text: str | None) -> str:
    return " ".join((text or "").split())


def place_problem(problem: ValueError) -> Problem:
    if problem.args and problem.args[0] == PlaceProblem.LONG:
        return Problem("es-too-long", {"max": PLACE_MAX})
    return Problem("es-place-bad")


class Step(StrEnum):
    """The wizard's typed answers and buttons (after the title, which makes the draft; the kind, the
    level and the title again when the person goes back to them)."""

    KIND = "kind"
    LEVEL = "level"
    TITLE = "title"
    DESCRIPTION = "description"
    START = "start"
    LENGTH = "length"
    END = "end"
    PLACE = "place"
    DEADLINE = "deadline"
    DEADLINE_CHOICE = "deadline_choice"
    CAPACITY = "capacity"
    CAPACITY_CHOICE = "capacity_choice"
    NO_DESCRIPTION = "no_description"  # «Пропустить» (or «Убрать» an earlier one)
    NO_PLACE = "no_place"


class WizardSteps:
    def __init__(self, repos: StaffEventRepos, uow: UnitOfWork, *, clock: Clock, timezone: str) -> None:
        self.repos = repos
        self.events = repos.events
        self.uow = uow
        self.clock = clock
        self.timezone = timezone
        self.audience = AudienceService(repos.events, repos.directory, repos.content)

    async def in_wizard(self, actor: Actor, event_id: int) -> Event | None:
        """The event a typed answer is for; None when it is out of reach (the wizard ends)."""
        try:
            return await common.manageable_event(self.repos, event_id, actor.user, actor.roles)
        except common.NotYours:
            return None

    async def draft(self, actor: Actor, event_id: int) -> Event | None:
        """The draft a wizard step is about; None when it is out of reach or no longer a draft (published
        or deleted meanwhile: the wizard's buttons are stale)."""
        event = await self.in_wizard(actor, event_id)
        return event if event is not None and common.is_draft(event) else None

    async def answer(self, actor: Actor, event_id: int, step: Step, text: str) -> Event | Problem | None:
        """A typed answer (or a button's value) for one step of the draft."""
        return await getattr(self, f"_{step.value}")(actor, event_id, text)  # type: ignore[no-any-return]

    async def _kind(self, actor: Actor, event_id: int, value: str) -> Event | None:
        kinds = {k.value: k for k in EventKind}
        return await self._set(actor, event_id, **({"kind": kinds[value]} if value in kinds else {}))

    async def _level(self, actor: Actor, event_id: int, value: str) -> Event | None:
        levels = {lv.value: lv for lv in EventLevel}
        return await self._set(actor, event_id, **({"level": levels[value]} if value in levels else {}))

    async def _title(self, actor: Actor, event_id: int, text: str) -> Event | Problem | None:
        """A new title for the draft (the person went back to the title)."""
        title = clean(text)
        if has_control(title):
            return Problem("es-control-bad")
        if not 3 <= len(title) <= TITLE_MAX:
            return Problem("es-title-bad", {"max": TITLE_MAX})
        return await self._set(actor, event_id, title=title)

    async def start(
        self, actor: Actor, kind: str | None, level: str | None, title: str
    ) -> Event | Problem | None:
        title = clean(title)
        if has_control(title):
            return Problem("es-control-bad")
        if not 3 <= len(title) <= TITLE_MAX:
            return Problem("es-title-bad", {"max": TITLE_MAX})
        # The buttons' values, kept in the dialogue's state: anything else ends the wizard.
        kinds, levels = {k.value: k for k in EventKind}, {lv.value: lv for lv in EventLevel}
        if actor.user is None or kind not in kinds or (level is not None and level not in levels):
            return None
        return await lifecycle.start_draft(
            self.repos,
            actor.user,
            kind=kinds[kind],
            level=levels[level] if level is not None else EventLevel.REGIONAL,
            title=title,
            timezone=zone_of(actor.user, self.timezone),
            audience=common.default_audience(actor.user, actor.roles),
            now=self.clock(),
        )

    async def _description(self, actor: Actor, event_id: int, text: str) -> Event | Problem | None:
        text = text.strip()
        if len(text) > DESCRIPTION_MAX:
            return Problem("es-too-long", {"max": DESCRIPTION_MAX})
        if has_control(text, lines=True):
            return Problem("es-control-bad")
        return await self._set(actor, event_id, description=text)

    async def _no_description(self, actor: Actor, event_id: int, _value: str) -> Event | None:
        return await self._set(actor, event_id, description="")

    async def _no_place(self, actor: Actor, event_id: int, _value: str) -> Event | None:
        return await self._set(actor, event_id, place=None, link=None)

    async def _set(self, actor: Actor, event_id: int, **fields: object) -> Event | None:
        event = await self.in_wizard(actor, event_id)
        if event is not None and fields:
            await self.events.update(event, **fields)
        return event

    async def _start(self, actor: Actor, event_id: int, text: str) -> Event | Problem | None:
        event = await self.in_wizard(actor, event_id)
        if event is None:
            return None
        try:
            starts_at = parse_when(text, event.timezone, self.clock())
        except ValueError:
            return Problem("es-date-bad")
        if starts_at <= self.clock():
            return Problem("es-date-past")
        # Back at the start after the end and the deadline were given: they move with it.
        shift = starts_at - event.starts_at
        await self.events.update(
            event,
            starts_at=starts_at,
            ends_at=event.ends_at + shift if event.ends_at else None,
            deadline=event.deadline + shift if event.deadline else None,
        )
        return event

    async def _length(self, actor: Actor, event_id: int, hours: str) -> Event | None:
        event = await self.in_wizard(actor, event_id)
        if event is not None:
            n = int(hours) if hours.isdigit() else 0
            await self.events.update(event, ends_at=event.starts_at + timedelta(hours=n) if n else None)
        return event

    async def _end(self, actor: Actor, event_id: int, text: str) -> Event | Problem | None:
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

    async def _place(self, actor: Actor, event_id: int, text: str) -> Event | Problem | None:
        try:
            place, link = read_place(text)
        except ValueError as problem:
            return place_problem(problem)
        return await self._set(actor, event_id, place=place, link=link)

    async def _deadline_choice(self, actor: Actor, event_id: int, choice: str) -> Event | None:
        event = await self.in_wizard(actor, event_id)
        if event is not None:
            deadline = event.starts_at - timedelta(days=1) if choice == "day" else None
            await self.events.update(event, deadline=deadline)
        return event

    async def _deadline(self, actor: Actor, event_id: int, text: str) -> Event | Problem | None:
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

    async def _capacity_choice(self, actor: Actor, event_id: int, value: str) -> Event | None:
        n = int(value) if value.isdigit() else 0
        return await self._set(actor, event_id, capacity=n or None)

    async def _capacity(self, actor: Actor, event_id: int, text: str) -> Event | Problem | None:
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
        clear: bool = False,
    ) -> AudienceView | None:
        """The picture or file (`clear`: none, an earlier one removed), then the audience picker."""
        fields: dict[str, object] = {}
        if clear:
            fields.update(image_file_id=None, file_id=None, file_name=None)
        elif photo:
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

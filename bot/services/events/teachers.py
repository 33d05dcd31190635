"""Events for teachers: what concerns them, registration with a deadline, capacity and a waiting
list, attendance and ratings, the calendar entry, and an event as a route step."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.diagnostics import StepForm
from bot.domain.events import (
    ACTIVE,
    ROUTE_FORM,
    UNPUBLISHED,
    Audience,
    CalendarEntry,
    EventKind,
    EventStatus,
    Registration,
    RegistrationStatus,
    concerns,
    registration,
)
from bot.domain.routes import StepSource, StepStatus
from bot.services import routes as route_service
from bot.services.events.common import (
    NotAllowed,
    NotOver,
    NotYours,
    StaffEventRepos,
    TeacherEventRepos,
    ends_at,
    is_over,
    person_of,
)
from storage.models import Event, EventRegistration, RouteStep, User
from storage.repositories import ContestRepo


async def upcoming_for(
    repos: TeacherEventRepos, user: User, now: datetime, kinds: Sequence[EventKind] = ()
) -> list[Event]:
    events = await repos.events.upcoming(now, kinds)
    need_areas = any(Audience.from_json(e.audience).areas for e in events)
    areas = (await repos.events.deficit_areas([user.id])).get(user.id, set()) if need_areas else set()
    need_groups = any(Audience.from_json(e.audience).groups for e in events)
    person = person_of(user, now.year, areas, await _groups(repos, user) if need_groups else set())
    return [e for e in events if concerns(Audience.from_json(e.audience), person)]


async def visible(repos: TeacherEventRepos, user: User, event_id: int, now: datetime) -> Event:
    """An event the person may open: published (or cancelled/over, if they registered) and for them."""
    event = await repos.events.event(event_id)
    if event is None or event.status in UNPUBLISHED:
        raise NotYours(event_id)
    if await repos.events.registration(event.id, user.id) is not None:
        return event
    areas = (await repos.events.deficit_areas([user.id])).get(user.id, set())
    audience = Audience.from_json(event.audience)
    groups = await _groups(repos, user) if audience.groups else set()
    if not concerns(audience, person_of(user, now.year, areas, groups)):
        raise NotYours(event_id)
    return event


async def _groups(repos: TeacherEventRepos, user: User) -> set[str]:
    """The person's target groups (part 11), for an audience that names some."""
    return (await ContestRepo(repos.events.session).groups([user.id])).get(user.id, set())


def state(event: Event, taken: int, now: datetime) -> Registration:
    return registration(
        starts_at=event.starts_at,
        deadline=event.deadline,
        capacity=event.capacity,
        taken=taken,
        now=now,
        cancelled=event.status is EventStatus.CANCELLED,
    )


@dataclass(frozen=True, slots=True)
class Registered:
    status: str  # registered | waitlist | already | closed | started | cancelled
    row: EventRegistration | None


async def register(repos: TeacherEventRepos, event: Event, user: User, now: datetime) -> Registered:
    """A seat, or a place on the waiting list when the seats are taken — decided in the database
    in one step, so two people taking the last seat at once never both get it."""
    existing = await repos.events.registration(event.id, user.id)
    if existing is not None and existing.status in ACTIVE:
        return Registered("already", existing)
    current = state(event, 0, now)
    if current in (Registration.CLOSED, Registration.STARTED, Registration.CANCELLED):
        return Registered(current.value, None)
    row = await repos.events.take_seat(event.id, user.id, event.capacity, now)
    if row is None:  # the same person's other tap got there first
        return Registered("already", await repos.events.registration(event.id, user.id))
    return Registered(row.status, row)


async def unregister(repos: TeacherEventRepos, event: Event, user: User, now: datetime) -> User | None:
    """Cancel one's registration; the first on the waiting list moves up (returned, to be told)."""
    await repos.events.lock_seats(event.id)
    row = await repos.events.registration(event.id, user.id, fresh=True)
    if row is None or row.status not in ACTIVE:
        raise NotAllowed
    was_registered = row.status is RegistrationStatus.REGISTERED
    await repos.events.update(row, status=RegistrationStatus.CANCELLED, cancelled_at=now)
    if not was_registered or now >= event.starts_at:
        return None
    if event.capacity is not None and await repos.events.taken(event.id) >= event.capacity:
        return None
    waiting = await repos.events.first_waiting(event.id)
    if waiting is None:
        return None
    await repos.events.update(waiting, status=RegistrationStatus.REGISTERED)
    return await repos.users.by_id(waiting.user_id)


async def toggle_attendance(
    repos: StaffEventRepos, event: Event, registration_id: int, now: datetime
) -> None:
    """Staff mark who came — once the event is over; only people registered for this event."""
    if not is_over(event, now):
        raise NotOver
    row = await repos.events.registration_by_id(registration_id)
    if row is None or row.event_id != event.id or row.status is not RegistrationStatus.REGISTERED:
        raise NotAllowed
    await repos.events.update(row, attended=not bool(row.attended))


def calendar_entry(event: Event) -> CalendarEntry:
    return CalendarEntry(
        uid=f"event-{event.id}@metodist",
        title=event.title,
        description=event.description or "",
        starts_at=event.starts_at,
        ends_at=ends_at(event),
        place=event.place,
        link=event.link,
    )


async def add_to_route(
    repos: TeacherEventRepos, user: User, event: Event, row: EventRegistration, today: date
) -> RouteStep:
    """The event becomes a step of the teacher's current route (started if there is none to add to:
    NotAllowed). The step's dates are the event's."""
    if row.route_step_id is not None:
        raise NotAllowed
    route = await repos.routes.current(user.id)
    if route is None or route_service.status(route).value == "carried_out":
        raise route_service.NoDiagnosis
    form = ROUTE_FORM.get(event.kind, StepForm.TRAINING)
    step = await route_service.add_step(
        repos,
        route,
        route_service.NewStep(
            form=form,
            title=event.title[: route_service.TITLE_MAX],
            area=None,
            months=0,
            description=(event.description or "")[: route_service.NOTE_MAX],
            link=event.link,
            source=StepSource.EVENT,
        ),
        today,
        check_editable=False,
    )
    end = ends_at(event).date()
    start = event.starts_at.date()
    await repos.routes.update(
        step, planned_start=min(start, end), planned_end=max(start, end), status=StepStatus.PLANNED.value
    )
    await repos.events.update(row, route_step_id=step.id)
    return step


async def rate(
    repos: TeacherEventRepos,
    event: Event,
    row: EventRegistration,
    rating: int,
    comment: str | None,
    now: datetime,
) -> None:
    """A participant's rating and comment, after the event only. Attendance is not implied: it
    is what staff mark."""
    if row.event_id != event.id or not 1 <= rating <= 5 or row.status is not RegistrationStatus.REGISTERED:
        raise NotAllowed
    if not is_over(event, now):
        raise NotOver
    await repos.events.update(row, rating=rating, feedback=comment)

"""Events: drafts by staff, who they concern, publishing through the outbox, registration with a
deadline, capacity and a waiting list, edits and cancellations told to those registered, reminders,
feedback, the weekly digest, and turning a registration into a route step."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from aiogram.types import InlineKeyboardMarkup

from bot.domain.diagnostics import StepForm
from bot.domain.events import (
    DAY_BEFORE,
    DEFAULT_LENGTH,
    FEEDBACK_AFTER,
    ROUTE_FORM,
    Audience,
    CalendarEntry,
    EventKind,
    Person,
    Registration,
    Reminder,
    concerns,
    due_reminders,
    registration,
)
from bot.domain.profile import SUBJECTS, is_young_specialist
from bot.domain.roles import Role
from bot.domain.routes import StepStatus, is_quiet
from bot.i18n import Translator
from bot.services import broadcasts, content
from bot.services import routes as route_service
from storage.models import Broadcast, Event, EventRegistration, RouteStep, User
from storage.repositories import Repos


class NotYours(Exception):
    """An event this person may not manage (or a registration of someone else)."""


class NotAllowed(Exception):
    """Not in this state (published already, cancelled, a double tap)."""


def ends_at(event: Event) -> datetime:
    return event.ends_at or event.starts_at + DEFAULT_LENGTH


def person_of(user: User, year: int, areas: set[str] | frozenset[str] = frozenset()) -> Person:
    return Person(
        roles=frozenset(r.role for r in user.roles) | {Role.TEACHER.value},
        municipality_id=user.municipality_id,
        school_id=user.school_id,
        subjects=frozenset(s.subject for s in user.subjects),
        young=is_young_specialist(user.birth_year, user.experience_years, year),
        deficit_areas=frozenset(areas),
    )


# --- drafts, by staff and methodists -------------------------------------------------------------


def may_manage(event: Event, user: User, roles: frozenset[Role]) -> bool:
    """Staff and admins manage every event; a methodist their own."""
    if roles & {Role.STAFF, Role.ADMIN}:
        return True
    return Role.METHODIST in roles and event.created_by_id == user.id


def default_audience(author: User, roles: frozenset[Role], scope: int | None) -> Audience:
    """A municipal service or methodist writes to their municipality; a methodist to their subjects."""
    municipalities = (scope,) if scope is not None else ()
    if roles & {Role.STAFF, Role.ADMIN}:
        return Audience(municipalities=municipalities)
    subjects = tuple(s.subject for s in author.subjects)
    return Audience(municipalities=municipalities, subjects=subjects)


def limit_audience(audience: Audience, roles: frozenset[Role], scope: int | None, author: User) -> Audience:
    """Server-side: whatever the buttons said, an audience never leaves the author's scope."""
    if scope is not None and set(audience.municipalities) != {scope}:
        audience = Audience(
            roles=audience.roles,
            municipalities=(scope,),
            schools=audience.schools,
            subjects=audience.subjects,
            young=audience.young,
            areas=audience.areas,
        )
    if not roles & {Role.STAFF, Role.ADMIN}:
        own = {s.subject for s in author.subjects}
        subjects = tuple(s for s in audience.subjects if s in own) or tuple(sorted(own))
        audience = Audience(
            roles=audience.roles,
            municipalities=audience.municipalities,
            schools=audience.schools,
            subjects=subjects,
            young=audience.young,
            areas=audience.areas,
        )
    return audience


async def start_draft(
    repos: Repos,
    author: User,
    *,
    kind: EventKind,
    level: str,
    title: str,
    timezone: str,
    audience: Audience,
    now: datetime,
) -> Event:
    return await repos.events.create(
        kind=kind.value,
        level=level,
        title=title,
        description="",
        starts_at=now + timedelta(days=7),
        timezone=timezone,
        audience=audience.to_json(),
        status="draft",
        urgent=False,
        created_by_id=author.id,
    )


async def recipients(repos: Repos, event: Event, year: int) -> list[User]:
    return await audience_members(repos, Audience.from_json(event.audience), year)


async def audience_options(repos: Repos, key: str, _: Translator) -> list[tuple[str, str]]:
    """The choices for one part of an audience (roles, municipalities, subjects, deficit areas)."""
    if key == "roles":
        return [(r, _(f"role-{r}")) for r in (Role.TEACHER.value, Role.MENTOR.value, Role.METHODIST.value)]
    if key == "municipalities":
        municipalities, _total = await repos.directory.municipalities()
        return [(str(m.id), m.name) for m in municipalities]
    if key == "subjects":
        return [(s, _(f"subject-{s}")) for s in SUBJECTS]
    catalogue = await content.catalogue(repos)
    return [(area, rec.title) for area, rec in catalogue.areas.items()] if catalogue else []


async def audience_members(repos: Repos, audience: Audience, year: int) -> list[User]:
    """Everyone an audience rule takes in (registered and reachable); events and surveys alike."""
    candidates = await repos.events.candidates(
        roles=[r for r in audience.roles if r != Role.TEACHER.value] if audience.roles else [],
        municipalities=audience.municipalities,
        schools=audience.schools,
    )
    areas = await repos.events.deficit_areas([u.id for u in candidates]) if audience.areas else {}
    return [u for u in candidates if concerns(audience, person_of(u, year, areas.get(u.id, set())))]


async def publish(
    repos: Repos,
    event: Event,
    author: User | None,
    *,
    text: str,
    markup: InlineKeyboardMarkup | None,
    now: datetime,
    default_tz: str,
) -> Broadcast:
    if event.status not in ("draft", "scheduled"):
        raise NotAllowed
    people = await recipients(repos, event, now.year)
    broadcast = await broadcasts.send_to(
        repos,
        people,
        kind="event",
        text=text,
        markup=markup,
        now=now,
        default_tz=default_tz,
        urgent=event.urgent,
        event_id=event.id,
        photo_file_id=event.image_file_id,
        created_by=author,
    )
    await repos.events.update(event, status="published", published_at=now, publish_at=None)
    return broadcast


async def schedule(repos: Repos, event: Event, at: datetime, now: datetime) -> None:
    if event.status not in ("draft", "scheduled") or at <= now:
        raise NotAllowed
    await repos.events.update(event, status="scheduled", publish_at=at)


async def cancel(repos: Repos, event: Event, now: datetime) -> list[User]:
    """The event is off: returns the people to tell (registered and waiting)."""
    if event.status == "cancelled":
        raise NotAllowed
    was_published = event.status == "published"
    await repos.events.update(event, status="cancelled", cancelled_at=now)
    if not was_published:
        return []
    return [u for _r, u in await repos.events.registrations(event.id, ("registered", "waitlist"))]


async def interested(repos: Repos, event: Event) -> list[User]:
    return [u for _r, u in await repos.events.registrations(event.id, ("registered", "waitlist"))]


# --- teachers -----------------------------------------------------------------------------------------------


async def upcoming_for(repos: Repos, user: User, now: datetime, kinds: Sequence[str] = ()) -> list[Event]:
    events = await repos.events.upcoming(now, kinds)
    need_areas = any(Audience.from_json(e.audience).areas for e in events)
    areas = (await repos.events.deficit_areas([user.id])).get(user.id, set()) if need_areas else set()
    person = person_of(user, now.year, areas)
    return [e for e in events if concerns(Audience.from_json(e.audience), person)]


async def visible(repos: Repos, user: User, event_id: int, now: datetime) -> Event:
    """An event the person may open: published (or cancelled/over, if they registered) and for them."""
    event = await repos.events.event(event_id)
    if event is None or event.status in ("draft", "scheduled"):
        raise NotYours(event_id)
    if await repos.events.registration(event.id, user.id) is not None:
        return event
    areas = (await repos.events.deficit_areas([user.id])).get(user.id, set())
    if not concerns(Audience.from_json(event.audience), person_of(user, now.year, areas)):
        raise NotYours(event_id)
    return event


def state(event: Event, taken: int, now: datetime) -> Registration:
    return registration(
        starts_at=event.starts_at,
        deadline=event.deadline,
        capacity=event.capacity,
        taken=taken,
        now=now,
        cancelled=event.status == "cancelled",
    )


@dataclass(frozen=True, slots=True)
class Registered:
    status: str  # registered | waitlist | already | closed | started | cancelled
    row: EventRegistration | None


async def register(repos: Repos, event: Event, user: User, now: datetime) -> Registered:
    existing = await repos.events.registration(event.id, user.id)
    if existing is not None and existing.status in ("registered", "waitlist"):
        return Registered("already", existing)
    current = state(event, await repos.events.taken(event.id), now)
    if current in (Registration.CLOSED, Registration.STARTED, Registration.CANCELLED):
        return Registered(current.value, None)
    status = "registered" if current is Registration.OPEN else "waitlist"
    if existing is not None:
        await repos.events.update(existing, status=status, created_at=now, cancelled_at=None)
        return Registered(status, existing)
    row = await repos.events.add_registration(
        event_id=event.id, user_id=user.id, status=status, created_at=now
    )
    return Registered(status, row)


async def unregister(repos: Repos, event: Event, user: User, now: datetime) -> User | None:
    """Cancel one's registration; the first on the waiting list moves up (returned, to be told)."""
    row = await repos.events.registration(event.id, user.id)
    if row is None or row.status not in ("registered", "waitlist"):
        raise NotAllowed
    was_registered = row.status == "registered"
    await repos.events.update(row, status="cancelled", cancelled_at=now)
    if not was_registered or now >= event.starts_at:
        return None
    waiting = await repos.events.first_waiting(event.id)
    if waiting is None:
        return None
    await repos.events.update(waiting, status="registered")
    return await repos.users.by_id(waiting.user_id)


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
    repos: Repos, user: User, event: Event, row: EventRegistration, today: date
) -> RouteStep:
    """The event becomes a step of the teacher's current route (started if there is none to add to:
    NotAllowed). The step's dates are the event's."""
    if row.route_step_id is not None:
        raise NotAllowed
    route = await repos.routes.current(user.id)
    if route is None or route_service.status(route).value == "carried_out":
        raise route_service.NoDiagnosis
    form = ROUTE_FORM.get(EventKind(event.kind), StepForm.TRAINING)
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
            source="event",
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


# --- jobs ------------------------------------------------------------------------------------


Render = Callable[[Event, User, str], tuple[str, InlineKeyboardMarkup | None]]


async def publish_due(
    repos: Repos,
    now: datetime,
    default_tz: str,
    render: Callable[[Event], tuple[str, InlineKeyboardMarkup | None]],
) -> list[Broadcast]:
    """Scheduled events whose time has come."""
    done = []
    for event in await repos.events.due_to_publish(now):
        author = await repos.users.by_id(event.created_by_id) if event.created_by_id else None
        text, markup = render(event)
        done.append(
            await publish(repos, event, author, text=text, markup=markup, now=now, default_tz=default_tz)
        )
    return done


async def remind(repos: Repos, now: datetime, default_tz: str, render: Render) -> int:
    """A day and an hour before: once each, through the outbox (urgent: they are about time)."""
    queued = 0
    rows = await repos.events.to_remind(now, now + DAY_BEFORE)
    marks: dict[str, list[int]] = {"reminded_day_at": [], "reminded_hour_at": []}
    for row, event, user in rows:
        for due in due_reminders(
            event.starts_at, now, row.reminded_day_at is not None, row.reminded_hour_at is not None
        ):
            text, markup = render(event, user, due.value)
            if await broadcasts.send_one(
                repos,
                user,
                text,
                markup,
                now,
                default_tz,
                dedupe=f"ev{event.id}:{user.id}:{due.value}",
                urgent=True,
            ):
                queued += 1
            marks["reminded_day_at" if due is Reminder.DAY else "reminded_hour_at"].append(row.id)
    for field_name, ids in marks.items():
        await repos.events.mark_reminded(ids, field_name, now)
    return queued


async def ask_feedback(repos: Repos, now: datetime, default_tz: str, render: Render) -> int:
    queued = 0
    rows = await repos.events.to_ask_feedback(now - FEEDBACK_AFTER)
    for _row, event, user in rows:
        text, markup = render(event, user, "feedback")
        if await broadcasts.send_one(
            repos, user, text, markup, now, default_tz, dedupe=f"ev{event.id}:{user.id}:fb"
        ):
            queued += 1
    await repos.events.mark_reminded([r.id for r, _e, _u in rows], "feedback_asked_at", now)
    return queued


async def rate(repos: Repos, row: EventRegistration, rating: int, comment: str | None) -> None:
    if not 1 <= rating <= 5 or row.status != "registered":
        raise NotAllowed
    await repos.events.update(
        row, rating=rating, feedback=comment, attended=True if row.attended is None else row.attended
    )


DIGEST_DAYS = 14
DIGEST_HOUR = 10


def digest_due(now: datetime, timezone: str) -> str | None:
    """The ISO week whose digest may go now in this zone (from Monday 10:00, never at night)."""
    local = now.astimezone(ZoneInfo(timezone))
    if is_quiet(now, timezone) or (local.weekday() == 0 and local.hour < DIGEST_HOUR):
        return None
    year, week, _day = local.isocalendar()
    return f"{year}-W{week:02d}"


async def digest(
    repos: Repos,
    now: datetime,
    default_tz: str,
    render: Callable[[User, list[Event]], tuple[str, InlineKeyboardMarkup | None]],
) -> int:
    """Once a week: upcoming events that concern each teacher and that they have not registered for.
    Run hourly; each person's week is keyed in the outbox (dedupe), so it goes once."""
    events = [e for e in await repos.events.upcoming(now) if e.starts_at <= now + timedelta(days=DIGEST_DAYS)]
    if not events:
        return 0
    people = await repos.events.candidates(roles=[], municipalities=[], schools=[])
    people = [p for p in people if not p.digest_off]
    need_areas = any(Audience.from_json(e.audience).areas for e in events)
    areas = await repos.events.deficit_areas([p.id for p in people]) if need_areas else {}
    queued = 0
    for person in people:
        week = digest_due(now, broadcasts.zone(person, default_tz))
        if week is None:
            continue
        me = person_of(person, now.year, areas.get(person.id, set()))
        mine = [e for e in events if concerns(Audience.from_json(e.audience), me)]
        if not mine:
            continue
        statuses = await repos.events.my_statuses(person.id, [e.id for e in mine])
        fresh = [e for e in mine if statuses.get(e.id) not in ("registered", "waitlist")]
        if not fresh:
            continue
        text, markup = render(person, fresh[:10])
        if await broadcasts.send_one(
            repos, person, text, markup, now, default_tz, dedupe=f"digest:{person.id}:{week}"
        ):
            queued += 1
    return queued

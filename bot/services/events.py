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
    Reach,
    Registration,
    Reminder,
    concerns,
    due_reminders,
    home_municipality,
    registration,
    within,
)
from bot.domain.profile import SUBJECTS, is_young_specialist
from bot.domain.roles import Role
from bot.domain.routes import StepStatus
from bot.domain.time import is_quiet
from bot.i18n import Translator
from bot.services import broadcasts, content, reports
from bot.services import roles as role_service
from bot.services import routes as route_service
from storage.models import Broadcast, Event, EventRegistration, RouteStep, User
from storage.repositories import Repos


class NotYours(Exception):
    """An event this person may not manage (or a registration of someone else)."""


class NotAllowed(Exception):
    """Not in this state (published already, cancelled, a double tap)."""


class NoReach(Exception):
    """The author may write to nobody (a methodist with no subjects in their profile)."""


class NotOver(Exception):
    """Attendance and ratings wait until the event has ended."""


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


# --- who manages what, and whom an author reaches -----------------------------------------------


def _regional(user: User, roles: frozenset[Role]) -> bool:
    """Admins and the regional centre's staff (a staff role with no municipality)."""
    return Role.ADMIN in roles or (Role.STAFF in roles and role_service.role_scope(user, Role.STAFF) is None)


def may_manage(event: Event, user: User, roles: frozenset[Role]) -> bool:
    """The one rule for every staff screen and button of an event (card, attendees, attendance,
    the spreadsheet, edits, cancelling, publishing, stopping its broadcast):
    admins and regional staff manage every event; municipal staff the events of their
    municipality (`home_municipality`: the one the audience is confined to); a methodist their
    own events, within their current scope."""
    if _regional(user, roles):
        return True
    home = home_municipality(Audience.from_json(event.audience))
    if Role.STAFF in roles and home == role_service.role_scope(user, Role.STAFF):
        return True
    if Role.METHODIST in roles and event.created_by_id == user.id:
        scope = role_service.role_scope(user, Role.METHODIST)
        return scope is None or home == scope
    return False


async def manageable(repos: Repos, user: User, roles: frozenset[Role], limit: int = 30) -> list[Event]:
    """The newest events this person may manage, newest first (the staff list)."""
    if _regional(user, roles):
        return await repos.events.authored(None, limit)
    author = None if Role.STAFF in roles else user.id
    found: list[Event] = []
    before: int | None = None
    while len(found) < limit:
        page = await repos.events.authored(author, 200, before_id=before)
        found += [e for e in page if may_manage(e, user, roles)]
        if len(page) < 200:
            break
        before = page[-1].id
    return found[:limit]


async def manageable_event(repos: Repos, event_id: int, user: User | None, roles: frozenset[Role]) -> Event:
    event = await repos.events.event(event_id)
    if event is None or user is None or not may_manage(event, user, roles):
        raise NotYours(event_id)
    return event


async def stoppable(repos: Repos, broadcast_id: int, user: User | None, roles: frozenset[Role]) -> Broadcast:
    """A broadcast this person may stop: an event's, by whoever manages the event; one without
    an event, by admins, regional staff or its author."""
    broadcast = await repos.outbox.broadcast(broadcast_id)
    if broadcast is None or user is None:
        raise NotYours(broadcast_id)
    event = await repos.events.event(broadcast.event_id) if broadcast.event_id is not None else None
    if event is not None:
        allowed = may_manage(event, user, roles)
    else:
        allowed = _regional(user, roles) or broadcast.created_by_id == user.id
    if not allowed:
        raise NotYours(broadcast_id)
    return broadcast


def reach_of(user: User, roles: frozenset[Role]) -> Reach:
    """Whom this person's events may reach: staff their municipality (regional staff and admins
    everyone); a methodist their subjects in their municipality — with no subjects in their
    profile, nobody."""
    if _regional(user, roles):
        return Reach()
    if Role.STAFF in roles:
        return Reach(municipality=role_service.role_scope(user, Role.STAFF))
    return Reach(
        municipality=role_service.role_scope(user, Role.METHODIST),
        subjects=frozenset(s.subject for s in user.subjects),
    )


def default_audience(author: User, roles: frozenset[Role]) -> Audience:
    """A municipal service or methodist writes to their municipality; a methodist to their subjects."""
    return within(Audience(), reach_of(author, roles))


def limit_audience(audience: Audience, roles: frozenset[Role], scope: int | None, author: User) -> Audience:
    """Server-side: whatever the buttons said, an audience never leaves the author's scope
    (`scope`: the author's municipality, None for the region). Staff and admins reach every
    subject; anyone else only their own."""
    subjects = None if roles & {Role.STAFF, Role.ADMIN} else frozenset(s.subject for s in author.subjects)
    return within(audience, Reach(municipality=scope, subjects=subjects))


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


async def recipients(repos: Repos, event: Event, year: int, reach: Reach | None = None) -> list[User]:
    """Who gets the event; with `reach`, only those the one publishing it may write to."""
    if reach is not None and reach.nobody:
        return []
    audience = Audience.from_json(event.audience)
    return await audience_members(repos, within(audience, reach) if reach is not None else audience, year)


async def audience_options(repos: Repos, key: str, _: Translator) -> list[tuple[str, str]]:
    """The choices for one part of an audience (roles, municipalities, subjects, deficit areas)."""
    if key == "roles":
        return [(r, _(f"role-{r}")) for r in (Role.TEACHER.value, Role.MENTOR.value, Role.METHODIST.value)]
    if key == "municipalities":
        municipalities, _total = await repos.directory.municipalities()
        return [(str(m.id), m.name) for m in municipalities]
    if key == "subjects":
        return [(s, _(f"subject-{s}")) for s in SUBJECTS]
    catalogue = await content.catalogue(repos.content)
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
    reach: Reach | None = None,
) -> Broadcast:
    """Send the announcement. `reach`: of the person publishing (the scheduler passes None: the
    audience was cut to its author's reach when it was scheduled)."""
    if event.status not in ("draft", "scheduled"):
        raise NotAllowed
    if reach is not None:
        await _confine(repos, event, reach)
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


async def _confine(repos: Repos, event: Event, reach: Reach) -> None:
    if reach.nobody:
        raise NoReach
    audience = within(Audience.from_json(event.audience), reach)
    await repos.events.update(event, audience=audience.to_json())


async def schedule(
    repos: Repos, event: Event, at: datetime, now: datetime, reach: Reach | None = None
) -> None:
    if event.status not in ("draft", "scheduled") or at <= now:
        raise NotAllowed
    if reach is not None:
        await _confine(repos, event, reach)
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
    """A seat, or a place on the waiting list when the seats are taken — decided in the database
    in one step, so two people taking the last seat at once never both get it."""
    existing = await repos.events.registration(event.id, user.id)
    if existing is not None and existing.status in ("registered", "waitlist"):
        return Registered("already", existing)
    current = state(event, 0, now)
    if current in (Registration.CLOSED, Registration.STARTED, Registration.CANCELLED):
        return Registered(current.value, None)
    row = await repos.events.take_seat(event.id, user.id, event.capacity, now)
    if row is None:  # the same person's other tap got there first
        return Registered("already", await repos.events.registration(event.id, user.id))
    return Registered(row.status, row)


async def unregister(repos: Repos, event: Event, user: User, now: datetime) -> User | None:
    """Cancel one's registration; the first on the waiting list moves up (returned, to be told)."""
    await repos.events.lock_seats(event.id)
    row = await repos.events.registration(event.id, user.id, fresh=True)
    if row is None or row.status not in ("registered", "waitlist"):
        raise NotAllowed
    was_registered = row.status == "registered"
    await repos.events.update(row, status="cancelled", cancelled_at=now)
    if not was_registered or now >= event.starts_at:
        return None
    if event.capacity is not None and await repos.events.taken(event.id) >= event.capacity:
        return None
    waiting = await repos.events.first_waiting(event.id)
    if waiting is None:
        return None
    await repos.events.update(waiting, status="registered")
    return await repos.users.by_id(waiting.user_id)


def is_over(event: Event, now: datetime) -> bool:
    return event.status == "published" and now >= ends_at(event)


async def toggle_attendance(repos: Repos, event: Event, registration_id: int, now: datetime) -> None:
    """Staff mark who came — once the event is over; only people registered for this event."""
    if not is_over(event, now):
        raise NotOver
    row = await repos.events.registration_by_id(registration_id)
    if row is None or row.event_id != event.id or row.status != "registered":
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


async def rate(
    repos: Repos, event: Event, row: EventRegistration, rating: int, comment: str | None, now: datetime
) -> None:
    """A participant's rating and comment, after the event only. Attendance is not implied: it
    is what staff mark."""
    if row.event_id != event.id or not 1 <= rating <= 5 or row.status != "registered":
        raise NotAllowed
    if not is_over(event, now):
        raise NotOver
    await repos.events.update(row, rating=rating, feedback=comment)


def event_xlsx(
    event: Event,
    rows: Sequence[tuple[EventRegistration, User]],
    delivery: broadcasts.Delivery | None,
    _: Translator,
) -> bytes:
    """Who registered, came, rated and said what; and how the broadcast went. Through the one safe
    writer: a name or a comment that looks like a formula stays text."""
    people = [
        [
            person.full_name or "",
            person.municipality.name if person.municipality else "",
            (person.school.short_name or person.school.name) if person.school else "",
            _(f"es-reg-{row.status}"),
            _("mts-yes") if row.attended else "",
            row.rating,
            row.feedback or "",
        ]
        for row, person in rows
    ]
    summary: list[list[object]] = [[_("es-col-event"), event.title]]
    if delivery is not None:
        summary += [
            [_("es-col-total"), delivery.total],
            [_("es-col-sent"), delivery.sent],
            [_("es-col-failed"), delivery.failed],
            [_("es-col-blocked"), delivery.blocked],
            [_("es-col-pending"), delivery.pending],
        ]
    header = [
        _("es-col-name"),
        _("es-col-municipality"),
        _("es-col-school"),
        _("es-col-status"),
        _("es-col-attended"),
        _("es-col-rating"),
        _("es-col-feedback"),
    ]
    return reports.workbook(
        [
            reports.Sheet(_("es-sheet-people"), header, people),
            reports.Sheet(_("es-sheet-delivery"), [], summary, table=False, bold_first=True),
        ]
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

"""The audience picker: who a broadcast (an event's announcement, a survey campaign) goes to — one
component for events and surveys. This module is the pure part (no aiogram, no translator);
`bot/ui/audience.py` renders it.

Public API
----------
- `AudienceStep` (defined in `bot.domain.events`, importable from here) — the picker's buttons
  (`audience`, `young`, `opt`, `aud`, `preview`). The values
  are the callback actions both `EventStaffCD` and `SurveyStaffCD` use; `EDITS` are the steps the
  picker itself handles (register one handler for them: `F.action.in_(EDITS)`).
- `AudienceKey` — the parts of an audience with a list of choices (roles, municipalities, subjects,
  deficit areas, target groups of part 11).
- `Option(value, label=None, label_key=None)` — one choice: a name from the data (`label`) or a
  locale key (`label_key`) the ui translates.
- `AudienceView(audience, count, municipalities, areas, nobody)` — the picker's main screen;
  `ChoicesView(key, options, chosen)` — the list of one part's choices.
- `person_of(user, year, areas)` — what the audience rule needs to know about a person.
- `reach_of(user, roles)` — whom this person may write to (events); `staff_reach(roles, scope,
  author)` — the same for a scope given by the caller (surveys: `Reach(municipality=scope)` for staff).
- `AudienceService(events, directory, content)` (in `Services` as `services.audience`):
  - `await members(audience, year)` — everyone the rule takes in (registered and reachable);
  - `await view(audience, year, reach=None)` — the main screen (the count within `reach`; a reach
    of nobody counts 0 and sets `nobody`);
  - `await options(key)` — the choices of one part;
  - `await step(audience, step, value, reach, year)` — one tap of the picker: returns the edited
    audience, already cut to `reach` (save it), and the view to show next (`ChoicesView` after
    `aud`/`opt`, `AudienceView` otherwise); `None` as the view when a forged value names no part.

A handler of an area: load and check its object (an Owned filter), call its area service, which
calls `step` and saves the audience; render with `bot.ui.audience.audience_screen` /
`choices_screen` and `AudienceButtons(TheCD, id_field=id)`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.domain.contests import TargetGroup
from bot.domain.events import Audience, AudienceStep, Person, Reach, concerns, within
from bot.domain.profile import SUBJECTS, young_teacher
from bot.domain.roles import Role, parse_roles
from bot.services import content as content_service
from bot.services import roles as role_service
from storage.models import User
from storage.repositories import ContentRepo, ContestRepo, DirectoryRepo, EventRepo

__all__ = [
    "EDITS",
    "AudienceKey",
    "AudienceService",
    "AudienceStep",
    "AudienceView",
    "ChoicesView",
    "Option",
    "key_of",
    "person_of",
    "reach_of",
    "regional",
    "staff_reach",
]


EDITS = frozenset({AudienceStep.AUDIENCE, AudienceStep.YOUNG, AudienceStep.OPT, AudienceStep.AUD})


class AudienceKey(StrEnum):
    ROLES = "roles"
    MUNICIPALITIES = "municipalities"
    SUBJECTS = "subjects"
    AREAS = "areas"
    GROUPS = "groups"


@dataclass(frozen=True, slots=True)
class Option:
    value: str
    label: str | None = None  # a name from the data
    label_key: str | None = None  # or a locale key


@dataclass(frozen=True, slots=True)
class AudienceView:
    audience: Audience
    count: int
    municipalities: dict[int, str]
    areas: dict[str, str]
    nobody: bool = False  # the author may write to nobody (a methodist with no subjects)


@dataclass(frozen=True, slots=True)
class ChoicesView:
    key: AudienceKey
    options: list[Option]
    chosen: set[str] = field(default_factory=set)


def person_of(
    user: User,
    year: int,
    areas: set[str] | frozenset[str] = frozenset(),
    groups: set[str] | frozenset[str] = frozenset(),
) -> Person:
    """A teacher is who gives lessons: the `teacher` role (held by everyone registered) counts only
    then; staff, administrators and methodists who teach are teachers as well."""
    roles = frozenset(r.role for r in user.roles if r.role != Role.TEACHER)
    return Person(
        roles=roles | {Role.TEACHER} if user.teaches else roles,
        municipality_id=user.municipality_id,
        school_id=user.school_id,
        subjects=frozenset(s.subject for s in user.subjects),
        young=young_teacher(user.teaches, user.birth_year, user.experience_years, year),
        deficit_areas=frozenset(areas),
        groups=frozenset(groups),
    )


def regional(user: User, roles: frozenset[Role]) -> bool:
    """Admins and the regional centre's staff (a staff role with no municipality)."""
    return Role.ADMIN in roles or (Role.STAFF in roles and role_service.role_scope(user, Role.STAFF) is None)


def reach_of(user: User, roles: frozenset[Role]) -> Reach:
    """Whom this person's events may reach: staff their municipality (regional staff and admins
    everyone); a methodist their subjects in their municipality — with no subjects in their
    profile, nobody."""
    if regional(user, roles):
        return Reach()
    if Role.STAFF in roles:
        return Reach(municipality=role_service.role_scope(user, Role.STAFF))
    return Reach(
        municipality=role_service.role_scope(user, Role.METHODIST),
        subjects=frozenset(s.subject for s in user.subjects),
    )


def staff_reach(roles: frozenset[Role], scope: int | None, author: User) -> Reach:
    """`scope`: the author's municipality, None for the region. Staff and admins reach every
    subject; anyone else only their own."""
    subjects = None if roles & {Role.STAFF, Role.ADMIN} else frozenset(s.subject for s in author.subjects)
    return Reach(municipality=scope, subjects=subjects)


def key_of(step: AudienceStep, value: str) -> AudienceKey | None:
    """The part whose choices to show after `aud` (value: the key) or `opt` (value: key.choice)."""
    raw = value if step is AudienceStep.AUD else value.split(".", 1)[0]
    return AudienceKey(raw) if raw in AudienceKey.__members__.values() else None


class AudienceService:
    def __init__(
        self,
        events: EventRepo,
        directory: DirectoryRepo,
        content: ContentRepo,
        contests: ContestRepo | None = None,
    ) -> None:
        self.events = events
        self.directory = directory
        self.content = content
        # The target groups (part 11); the same session as the events'.
        self.contests = contests if contests is not None else ContestRepo(events.session)

    async def members(self, audience: Audience, year: int) -> list[User]:
        """Everyone an audience rule takes in (registered and reachable); events and surveys alike.
        No roles chosen: all teachers — those who give lessons."""
        # Roles as typed: a forged or stale value is nobody's role (and the rule below agrees).
        roles = parse_roles(audience.roles) if audience.roles else frozenset({Role.TEACHER})
        if not roles:
            return []
        candidates = await self.events.candidates(
            roles=sorted(roles), municipalities=audience.municipalities, schools=audience.schools
        )
        areas = await self.events.deficit_areas([u.id for u in candidates]) if audience.areas else {}
        groups = await self.contests.groups([u.id for u in candidates]) if audience.groups else {}
        return [
            u
            for u in candidates
            if concerns(audience, person_of(u, year, areas.get(u.id, set()), groups.get(u.id, set())))
        ]

    async def reached(self, audience: Audience, year: int, reach: Reach | None = None) -> list[User]:
        """The members within `reach` (of the one publishing); nobody for a reach of nobody."""
        if reach is not None and reach.nobody:
            return []
        return await self.members(within(audience, reach) if reach is not None else audience, year)

    async def area_titles(self) -> dict[str, str]:
        catalogue = await content_service.catalogue(self.content)
        return {area: rec.title for area, rec in catalogue.areas.items()} if catalogue else {}

    async def view(self, audience: Audience, year: int, reach: Reach | None = None) -> AudienceView:
        count = len(await self.reached(audience, year, reach))
        municipalities, _total = await self.directory.municipalities()
        return AudienceView(
            audience=audience,
            count=count,
            municipalities={m.id: m.name for m in municipalities},
            areas=await self.area_titles(),
            nobody=reach is not None and reach.nobody,
        )

    async def options(self, key: AudienceKey) -> list[Option]:
        """The choices for one part of an audience."""
        if key is AudienceKey.ROLES:
            return [
                Option(r, label_key=f"role-{r}")
                for r in (Role.TEACHER.value, Role.MENTOR.value, Role.METHODIST.value)
            ]
        if key is AudienceKey.MUNICIPALITIES:
            municipalities, _total = await self.directory.municipalities()
            return [Option(str(m.id), label=m.name) for m in municipalities]
        if key is AudienceKey.SUBJECTS:
            return [Option(s, label_key=f"subject-{s}") for s in SUBJECTS]
        if key is AudienceKey.GROUPS:
            return [Option(g.value, label_key=f"tg-group-{g.value}") for g in TargetGroup]
        return [Option(area, label=title) for area, title in (await self.area_titles()).items()]

    async def step(
        self, audience: Audience, step: AudienceStep, value: str, reach: Reach, year: int
    ) -> tuple[Audience, AudienceView | ChoicesView | None]:
        """One tap of the picker: the audience edited and cut to `reach` (whatever the buttons
        said), and what to show next."""
        edited = within(audience.edited(step, value), reach)
        if step in (AudienceStep.AUD, AudienceStep.OPT):
            key = key_of(step, value)
            if key is None:
                return edited, None
            chosen = {str(v) for v in getattr(edited, key.value, ())}
            return edited, ChoicesView(key, await self.options(key), chosen)
        return edited, await self.view(edited, year, reach)

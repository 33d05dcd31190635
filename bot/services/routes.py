"""The individual educational route (ИОМ): built from a diagnosis, shaped by the teacher, reviewed
by their methodist, carried out step by step with evidence; step reminders for the scheduler."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby

from bot.domain.diagnostics import AreaChange, AreaResult, Questionnaire, StepForm, compare, stored_results
from bot.domain.roles import Role, scope_covers
from bot.domain.routes import (
    EDITABLE,
    MAX_STEPS,
    NEAR_DAYS,
    NUDGE_EVERY,
    REVIEWABLE,
    SUBMITTABLE,
    Due,
    DueStep,
    MethodistCandidate,
    Progress,
    RouteStatus,
    StepAction,
    StepStatus,
    after_action,
    build_proposal,
    experience_proposal,
    pick_methodist,
    progress,
    reminder_plan,
    route_period,
    route_status_after_steps,
    step_actions,
    step_due,
)
from bot.domain.time import local_today
from bot.services import content
from storage.models import DiagnosisAttempt, Route, RouteStep, User
from storage.repositories import Repos
from storage.repositories.routes import DueRow

# A reminder claimed but not confirmed as sent this long ago is taken to be lost with a crash.
CLAIM_TIMEOUT = timedelta(minutes=10)
SWEEP_PAGE = 1000


class NotYours(Exception):
    """A route or step of someone else (a forged or an old button)."""


class NotAllowed(Exception):
    """Not in this state of the route or step (a double tap, an old screen)."""


class NoDiagnosis(Exception):
    """There is no finished diagnosis to build a route from."""


class RouteFull(Exception):
    """The route already has MAX_STEPS steps."""


class Incomplete(Exception):
    """The route cannot be sent yet: `what` is "goal" or "steps"."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def status(route: Route) -> RouteStatus:
    return RouteStatus(route.status)


def step_status(step: RouteStep) -> StepStatus:
    return StepStatus(step.status)


def route_progress(route: Route) -> Progress:
    return progress(step_status(s) for s in route.steps)


def overdue_steps(route: Route, today: date) -> list[RouteStep]:
    return [s for s in route.steps if step_due(s.planned_end, step_status(s), today) is Due.OVERDUE]


def teacher_timezone(user: User, default: str) -> str:
    return user.municipality.timezone if user.municipality is not None else default


# --- the basis: a finished diagnosis ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Basis:
    attempt: DiagnosisAttempt
    questionnaire: Questionnaire
    results: list[AreaResult]


async def basis(repos: Repos, user: User, attempt_id: int | None = None) -> Basis | None:
    """The diagnosis a route is built on: the one named, or the latest (the general one first)."""
    if attempt_id:
        attempt = await repos.diagnosis.attempt(attempt_id)
        if attempt is None or attempt.user_id != user.id or attempt.finished_at is None:
            return None
    else:
        finished = await repos.diagnosis.finished(user.id)
        if not finished:
            return None
        general = [a for a in finished if a.questionnaire_id == "general"]
        attempt = (general or finished)[0]
    questionnaire = await content.questionnaire_version(repos.content, attempt.content_version_id)
    if questionnaire is None:
        return None
    return Basis(
        attempt, questionnaire, stored_results(questionnaire, await repos.diagnosis.results(attempt.id))
    )


async def route_basis(repos: Repos, route: Route) -> Basis | None:
    owner = await repos.users.by_id(route.user_id)
    if owner is None or route.attempt_id is None:
        return None
    return await basis(repos, owner, route.attempt_id)


async def area_titles(repos: Repos, route: Route) -> dict[str, str]:
    """Competence area titles for the route's steps (from its diagnosis, then the catalogue)."""
    titles: dict[str, str] = {}
    catalogue = await content.catalogue(repos.content)
    if catalogue is not None:
        titles.update({area: rec.title for area, rec in catalogue.areas.items()})
    found = await route_basis(repos, route)
    if found is not None:
        titles.update({r.area: r.title for r in found.results})
    return titles


async def effect(repos: Repos, route: Route) -> list[AreaChange]:
    """After the route: how the route's areas changed in a later diagnosis (empty until there is one)."""
    found = await route_basis(repos, route)
    if found is None or found.attempt.finished_at is None:
        return []
    later = [
        a
        for a in await repos.diagnosis.finished(route.user_id, found.attempt.questionnaire_id)
        if a.finished_at is not None
        and a.finished_at > found.attempt.finished_at
        and a.id != found.attempt.id
    ]
    if not later:
        return []
    newest = later[0]
    questionnaire = await content.questionnaire_version(repos.content, newest.content_version_id)
    if questionnaire is None:
        return []
    after = stored_results(questionnaire, await repos.diagnosis.results(newest.id))
    areas = {s.area for s in route.steps if s.area}
    return [c for c in compare(found.results, after) if c.area in areas]


# --- building and shaping -------------------------------------------------------------------------


async def build(
    repos: Repos, user: User, now: datetime, today: date, attempt_id: int | None = None
) -> tuple[Route, bool]:
    """The teacher's route: the current one if there is one, else a draft proposed from the
    diagnosis. Returns (route, created)."""
    current = await repos.routes.current(user.id)
    if current is not None and status(current) is not RouteStatus.CARRIED_OUT:
        return current, False
    found = await basis(repos, user, attempt_id)
    if found is None:
        raise NoDiagnosis
    if current is not None:
        # A carried-out route stays in the history; the new one starts from the new diagnosis.
        await repos.routes.update(current, archived_at=now)
    start, end = route_period(today)
    catalogue = await content.catalogue(repos.content)
    steps = []
    if catalogue is not None:
        steps = build_proposal(found.results, catalogue, start=start, end=end) or experience_proposal(
            found.results, catalogue, start=start, end=end
        )
    route = await repos.routes.create(
        user_id=user.id,
        attempt_id=found.attempt.id,
        status=RouteStatus.DRAFT.value,
        period_start=start,
        period_end=end,
    )
    for proposed in steps[:MAX_STEPS]:
        await repos.routes.add_step(
            route,
            form=proposed.form.value,
            title=proposed.title,
            description=proposed.description,
            link=proposed.link,
            hours=proposed.hours,
            area=proposed.area,
            level=proposed.level.value,
            source="catalogue",
            planned_start=proposed.planned_start,
            planned_end=proposed.planned_end,
            status=StepStatus.PLANNED.value,
        )
    return route, True


async def rebuild(repos: Repos, user: User, route: Route, now: datetime, today: date) -> Route:
    """Start the draft over from the latest diagnosis (what the teacher removed comes back)."""
    if status(route) is not RouteStatus.DRAFT:
        raise NotAllowed
    attempt_id = route.attempt_id
    await repos.routes.delete(route)
    rebuilt, _created = await build(repos, user, now, today, attempt_id if attempt_id else None)
    return rebuilt


async def own_route(repos: Repos, user: User, route_id: int) -> Route:
    route = await repos.routes.by_id(route_id)
    if route is None or route.user_id != user.id or route.archived_at is not None:
        raise NotYours(route_id)
    return route


def find_step(route: Route, step_id: int) -> RouteStep:
    for step in route.steps:
        if step.id == step_id:
            return step
    raise NotYours(step_id)


async def remove_step(repos: Repos, route: Route, step: RouteStep) -> None:
    if status(route) not in EDITABLE:
        raise NotAllowed
    await repos.routes.remove_step(route, step)


@dataclass(frozen=True, slots=True)
class NewStep:
    form: StepForm
    title: str
    area: str | None
    months: int  # 0 = until the end of the route's period
    description: str = ""
    link: str | None = None
    source: str = "own"


TITLE_MAX = 200
NOTE_MAX = 800


def parse_title(text: str) -> str:
    title = " ".join(text.split())
    if len(title) < 3:
        raise ValueError("short")
    if len(title) > TITLE_MAX:
        raise ValueError("long")
    return title


def parse_note(text: str) -> tuple[str, str | None]:
    """A step's description; a lone link becomes the step's link."""
    note = text.strip()
    if len(note) > NOTE_MAX:
        raise ValueError("long")
    words = note.split()
    if len(words) == 1 and words[0].startswith(("http://", "https://")) and len(words[0]) <= 500:
        return "", words[0]
    return note, None


def planned_window(route: Route, today: date, months: int) -> tuple[date, date]:
    start = min(max(today, route.period_start), route.period_end)
    if months <= 0:
        return start, route.period_end
    end = start + timedelta(days=30 * months)
    return start, min(end, route.period_end) if end > start else start


async def add_step(
    repos: Repos, route: Route, new: NewStep, today: date, *, check_editable: bool = True
) -> RouteStep:
    """A step of the teacher's own (or from an event registration: `check_editable=False`, since
    registering for an event is carried out whatever the route's review status)."""
    if check_editable and status(route) not in EDITABLE:
        raise NotAllowed
    if status(route) is RouteStatus.CARRIED_OUT:
        raise NotAllowed
    if len(route.steps) >= MAX_STEPS:
        raise RouteFull
    start, end = planned_window(route, today, new.months)
    return await repos.routes.add_step(
        route,
        form=new.form.value,
        title=new.title,
        description=new.description,
        link=new.link,
        hours=None,
        area=new.area,
        level=None,
        source=new.source,
        planned_start=start,
        planned_end=end,
        status=StepStatus.PLANNED.value,
    )


async def set_goal(repos: Repos, route: Route, goal: str) -> None:
    if status(route) not in EDITABLE:
        raise NotAllowed
    await repos.routes.update(route, goal=goal)


# --- the methodist ---------------------------------------------------------------------------------


async def candidates(repos: Repos, municipality_id: int | None) -> list[MethodistCandidate]:
    return [
        MethodistCandidate(row.user.id, row.scope_municipality_id, row.subjects, row.load)
        for row in await repos.assignments.methodists(municipality_id)
    ]


def accompanies(methodist: User, teacher: User) -> bool:
    """A methodist works with a teacher only while holding the role and while its scope covers the
    teacher's municipality (a role taken away or moved, a teacher who moved: no more)."""
    held = [r for r in methodist.roles if r.role == Role.METHODIST.value]
    return bool(held) and scope_covers(held[0].scope_municipality_id, teacher.municipality_id)


async def _auto_pick(repos: Repos, teacher: User, now: datetime) -> User | None:
    chosen = pick_methodist(
        teacher.municipality_id,
        (s.subject for s in teacher.subjects),
        [c for c in await candidates(repos, teacher.municipality_id) if c.user_id != teacher.id],
    )
    if chosen is None:
        return None
    await repos.assignments.assign(teacher.id, chosen, "auto", now)
    return await repos.users.by_id(chosen)


async def methodist_of(repos: Repos, teacher: User, now: datetime) -> User | None:
    """The teacher's methodist; chosen by municipality and subject (and remembered) if staff have
    not assigned one, or if the one assigned can no longer accompany this teacher."""
    assignment = await repos.assignments.of_teacher(teacher.id)
    if assignment is not None:
        current = await repos.users.by_id(assignment.methodist_id)
        if current is not None and accompanies(current, teacher):
            return current
        await repos.assignments.release([teacher.id], assignment.methodist_id)
    return await _auto_pick(repos, teacher, now)


@dataclass(frozen=True, slots=True)
class Handover:
    """What became of the teachers a methodist may no longer accompany."""

    # (teacher, new methodist, route): routes waiting for review passed on by municipality and subject.
    rerouted: list[tuple[User, User, Route]]
    # Routes waiting for review with no methodist to take them: staff decide.
    stranded: list[User]
    # Released with nothing waiting: they need a new methodist some time.
    released: list[User]

    @property
    def empty(self) -> bool:
        return not (self.rerouted or self.stranded or self.released)


async def hand_over(repos: Repos, methodist: User, now: datetime) -> Handover:
    """Release the methodist's teachers they no longer accompany (role revoked, or its scope no
    longer covers them; `methodist.roles` must be current), and pass their routes waiting for
    review to a methodist chosen by municipality and subject."""
    rerouted: list[tuple[User, User, Route]] = []
    stranded: list[User] = []
    released: list[User] = []
    gone = [t for t in await repos.assignments.teachers_of(methodist.id) if not accompanies(methodist, t)]
    # Only rows still pointing at this methodist go: staff may have reassigned someone meanwhile.
    freed = set(await repos.assignments.release([t.id for t in gone], methodist.id))
    routes = await repos.routes.routes_of(sorted(freed))
    for teacher in gone:
        if teacher.id not in freed:
            continue
        route = routes.get(teacher.id)
        if route is None or status(route) not in REVIEWABLE:
            released.append(teacher)
            continue
        successor = await _auto_pick(repos, teacher, now)
        if successor is None:
            stranded.append(teacher)
        else:
            rerouted.append((teacher, successor, route))
    return Handover(rerouted, stranded, released)


async def submit(repos: Repos, teacher: User, route: Route, now: datetime) -> User | None:
    """Send the route to the methodist; returns them (None while the region has no methodist)."""
    if status(route) not in SUBMITTABLE:
        raise NotAllowed
    if not route.goal:
        raise Incomplete("goal")
    if route_progress(route).active == 0:
        raise Incomplete("steps")
    await repos.routes.update(route, status=RouteStatus.SUBMITTED.value, submitted_at=now)
    return await methodist_of(repos, teacher, now)


async def may_review(repos: Repos, methodist: User | None, roles: frozenset[Role], route: Route) -> bool:
    """Only the teacher's own methodist opens and reviews their route, and only once it was sent;
    the role and its scope are checked as they are now, not as they were at the assignment."""
    if methodist is None or Role.METHODIST not in roles or status(route) is RouteStatus.DRAFT:
        return False
    assignment = await repos.assignments.of_teacher(route.user_id)
    if assignment is None or assignment.methodist_id != methodist.id:
        return False
    teacher = await repos.users.by_id(route.user_id)
    return teacher is not None and accompanies(methodist, teacher)


async def reviewed_route(
    repos: Repos, methodist: User | None, roles: frozenset[Role], route_id: int
) -> Route:
    route = await repos.routes.by_id(route_id)
    if route is None or route.archived_at is not None or not await may_review(repos, methodist, roles, route):
        raise NotYours(route_id)
    return route


def check_reviewable(route: Route) -> None:
    if status(route) not in REVIEWABLE:
        raise NotAllowed


async def comment_step(repos: Repos, route: Route, step: RouteStep, text: str | None) -> None:
    if status(route) not in REVIEWABLE:
        raise NotAllowed
    await repos.routes.update(step, comment=text)


async def return_route(
    repos: Repos, route: Route, reviewer: User, comment: str | None, now: datetime
) -> None:
    if status(route) not in REVIEWABLE:
        raise NotAllowed
    if not comment and not any(s.comment for s in route.steps):
        raise Incomplete("comment")
    await repos.routes.update(
        route,
        status=RouteStatus.RETURNED.value,
        reviewed_at=now,
        reviewer_id=reviewer.id,
        review_comment=comment,
    )


async def approve(repos: Repos, route: Route, reviewer: User, comment: str | None, now: datetime) -> None:
    if status(route) not in REVIEWABLE:
        raise NotAllowed
    new_status = route_status_after_steps(RouteStatus.APPROVED, (step_status(s) for s in route.steps))
    await repos.routes.update(
        route,
        status=new_status.value,
        reviewed_at=now,
        approved_at=now,
        reviewer_id=reviewer.id,
        review_comment=comment,
        completed_at=now if new_status is RouteStatus.CARRIED_OUT else None,
    )


# --- carrying it out --------------------------------------------------------------------------------


def check_action(route: Route, step: RouteStep, action: StepAction) -> None:
    if action not in step_actions(status(route), step_status(step)):
        raise NotAllowed


async def _after_step_change(repos: Repos, route: Route, now: datetime) -> bool:
    """Returns True when this change carried the route out."""
    before = status(route)
    after = route_status_after_steps(before, (step_status(s) for s in route.steps))
    if after is before:
        return False
    await repos.routes.update(
        route, status=after.value, completed_at=now if after is RouteStatus.CARRIED_OUT else None
    )
    return after is RouteStatus.CARRIED_OUT


async def act(
    repos: Repos, route: Route, step: RouteStep, action: StepAction, now: datetime, reason: str | None = None
) -> bool:
    """Start, drop (with a reason), restore or reopen a step. "Done" goes through `add_evidence`.
    Returns True when the route became carried out (dropping the last open step can do that)."""
    if action is StepAction.DONE:
        raise NotAllowed
    check_action(route, step, action)
    fields: dict[str, object] = {"status": after_action(action, step_status(step)).value}
    if action is StepAction.START:
        fields["started_at"] = now
    elif action is StepAction.DROP:
        fields["drop_reason"] = (reason or "")[:300] or None
    elif action is StepAction.RESTORE:
        fields["drop_reason"] = None
    elif action is StepAction.REOPEN:
        fields["done_at"] = None
    await repos.routes.update(step, **fields)
    return await _after_step_change(repos, route, now)


@dataclass(frozen=True, slots=True)
class Evidence:
    kind: str  # photo | document | link | text
    file_id: str | None = None
    file_unique_id: str | None = None
    file_name: str | None = None
    mime_type: str | None = None
    file_size: int | None = None
    text: str | None = None


EVIDENCE_TEXT_MAX = 1000
MAX_EVIDENCE = 10


def text_evidence(text: str) -> Evidence:
    value = text.strip()
    if len(value) < 2:
        raise ValueError("short")
    if len(value) > EVIDENCE_TEXT_MAX:
        raise ValueError("long")
    words = value.split()
    if len(words) == 1 and words[0].startswith(("http://", "https://")):
        return Evidence(kind="link", text=value)
    return Evidence(kind="text", text=value)


@dataclass(frozen=True, slots=True)
class Recorded:
    became_done: bool
    carried_out: bool


async def add_evidence(
    repos: Repos, route: Route, step: RouteStep, evidence: Evidence, now: datetime
) -> Recorded:
    """Evidence marks the step done (or adds to a done one)."""
    current = step_status(step)
    if current is StepStatus.DONE:
        if status(route) is not RouteStatus.CARRIED_OUT and status(route) not in {
            RouteStatus.SUBMITTED,
            RouteStatus.RETURNED,
            RouteStatus.APPROVED,
        }:
            raise NotAllowed
        if len(step.evidence) >= MAX_EVIDENCE:
            raise RouteFull
        await repos.routes.add_evidence(step, **_evidence_fields(evidence))
        return Recorded(False, False)
    check_action(route, step, StepAction.DONE)
    await repos.routes.add_evidence(step, **_evidence_fields(evidence))
    await repos.routes.update(
        step, status=StepStatus.DONE.value, done_at=now, started_at=step.started_at or now
    )
    return Recorded(True, await _after_step_change(repos, route, now))


def _evidence_fields(evidence: Evidence) -> dict[str, object]:
    return {
        "kind": evidence.kind,
        "file_id": evidence.file_id,
        "file_unique_id": evidence.file_unique_id,
        "file_name": evidence.file_name,
        "mime_type": evidence.mime_type,
        "file_size": evidence.file_size,
        "text": evidence.text,
    }


# --- lists for the methodist and staff ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TeacherRow:
    teacher: User
    route: Route | None
    progress: Progress | None
    overdue: int

    @property
    def awaiting(self) -> bool:
        return self.route is not None and status(self.route) is RouteStatus.SUBMITTED


async def methodist_teachers(
    repos: Repos, methodist: User, now: datetime, default_tz: str
) -> list[TeacherRow]:
    """The methodist's teachers: overdue steps first, then routes waiting for review, then the rest."""
    teachers = [t for t in await repos.assignments.teachers_of(methodist.id) if accompanies(methodist, t)]
    routes = await repos.routes.routes_of([t.id for t in teachers])
    rows = []
    for teacher in teachers:
        route = routes.get(teacher.id)
        shown = route if route is not None and status(route) is not RouteStatus.DRAFT else None
        today = local_today(now, teacher_timezone(teacher, default_tz))
        rows.append(
            TeacherRow(
                teacher,
                shown,
                route_progress(shown) if shown else None,
                len(overdue_steps(shown, today)) if shown else 0,
            )
        )
    rows.sort(key=lambda r: (-r.overdue, not r.awaiting, r.route is None, r.teacher.full_name or ""))
    return rows


def in_scope(teacher: User, scope: int | None) -> bool:
    return scope is None or teacher.municipality_id == scope


async def assign(repos: Repos, teacher: User, methodist: User, scope: int | None, now: datetime) -> None:
    """Staff put a teacher with a methodist who can work in the teacher's municipality (its own or a
    regional one); municipal staff (`scope`) only teachers of their municipality."""
    if not in_scope(teacher, scope):
        raise NotYours(teacher.id)
    allowed = {c.user_id for c in await candidates(repos, teacher.municipality_id)}
    if methodist.id not in allowed or methodist.id == teacher.id or not accompanies(methodist, teacher):
        raise NotAllowed
    await repos.assignments.assign(teacher.id, methodist.id, "staff", now)


async def auto_assign(repos: Repos, scope: int | None, now: datetime) -> int:
    """Every teacher in scope without a methodist gets one by municipality and subject."""
    teachers = await repos.assignments.unassigned_teachers(scope)
    by_municipality: dict[int | None, list[MethodistCandidate]] = {}
    assigned = 0
    for teacher in teachers:
        pool = by_municipality.get(teacher.municipality_id)
        if pool is None:
            pool = by_municipality[teacher.municipality_id] = await candidates(repos, teacher.municipality_id)
        chosen = pick_methodist(
            teacher.municipality_id,
            (s.subject for s in teacher.subjects),
            [c for c in pool if c.user_id != teacher.id],
        )
        if chosen is None:
            continue
        await repos.assignments.assign(teacher.id, chosen, "auto", now)
        assigned += 1
        # Keep the load in step for the next pick, in every pool that holds this methodist.
        for members in by_municipality.values():
            for index, c in enumerate(members):
                if c.user_id == chosen:
                    members[index] = MethodistCandidate(c.user_id, c.municipality_id, c.subjects, c.load + 1)
    return assigned


def search_names(names: Sequence[tuple[int, str]], query: str, limit: int = 10) -> list[tuple[int, str]]:
    """By part of the name, case and ё/е ignored (SQLite cannot fold Cyrillic case itself)."""
    words = [w for w in query.casefold().replace("ё", "е").split() if w]
    if not words:
        return []
    found = []
    for user_id, name in names:
        folded = name.casefold().replace("ё", "е")
        if all(w in folded for w in words):
            found.append((user_id, name))
            if len(found) >= limit:
                break
    return found


# --- reminders ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NudgeItem:
    step_id: int
    due: Due
    title: str
    planned_end: date


@dataclass(frozen=True, slots=True)
class Nudge:
    route_id: int
    tg_id: int
    locale: str | None
    items: tuple[NudgeItem, ...]
    reminder_ids: tuple[int, ...]


async def claim_reminders(
    repos: Repos, now: datetime, default_tz: str, page: int = SWEEP_PAGE
) -> list[Nudge]:
    """Find the steps due a reminder now (teacher's local date and hours) and record the claims,
    committing page by page (SQLite's write lock is held for one page, not the whole sweep).

    The caller sends, then marks each nudge sent, failed or released.
    """
    # A day of margin: the teacher's local date may be ahead of UTC.
    horizon = now.date() + timedelta(days=NEAR_DAYS + 1)
    nudges: list[Nudge] = []
    after = 0
    while True:
        rows = await repos.routes.due_rows(
            horizon=horizon, nudged_before=now - NUDGE_EVERY, after_route_id=after, limit=page
        )
        if not rows:
            return nudges
        route_ids = sorted({r.route_id for r in rows})
        after = route_ids[-1]
        already = {
            (step_id, Due(kind))
            for step_id, kind in await repos.routes.reminded(route_ids, fresh_after=now - CLAIM_TIMEOUT)
        }
        planned: list[tuple[DueRow, list[tuple[DueRow, Due]]]] = []
        for _route_id, group in groupby(rows, key=lambda r: r.route_id):
            steps = list(group)
            first = steps[0]
            plan = reminder_plan(
                (DueStep(s.step_id, s.planned_end, StepStatus(s.status)) for s in steps),
                already,
                last_nudge_at=first.last_nudge_at,
                now=now,
                timezone=first.timezone or default_tz,
            )
            if plan:
                by_id = {s.step_id: s for s in steps}
                planned.append((first, [(by_id[step_id], due) for step_id, due in plan]))
        claimed = await repos.routes.claim(
            [(first.route_id, row.step_id, due.value) for first, items in planned for row, due in items],
            now,
            stale_before=now - CLAIM_TIMEOUT,
        )
        await repos.commit()
        for first, items in planned:
            got = [
                (row, due, claimed[(row.step_id, due.value)])
                for row, due in items
                if (row.step_id, due.value) in claimed
            ]
            if got:
                nudges.append(
                    Nudge(
                        first.route_id,
                        first.tg_id,
                        first.locale,
                        tuple(
                            NudgeItem(row.step_id, due, row.title, row.planned_end) for row, due, _id in got
                        ),
                        tuple(reminder_id for _row, _due, reminder_id in got),
                    )
                )
        if len(route_ids) < page:
            return nudges


__all__ = [
    "Basis",
    "Evidence",
    "Handover",
    "Incomplete",
    "NewStep",
    "NoDiagnosis",
    "NotAllowed",
    "NotYours",
    "Nudge",
    "Recorded",
    "RouteFull",
    "TeacherRow",
    "accompanies",
    "add_evidence",
    "add_step",
    "approve",
    "build",
    "claim_reminders",
    "hand_over",
    "may_review",
    "submit",
]

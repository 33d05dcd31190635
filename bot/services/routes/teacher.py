"""`RouteService`: the teacher's route for the handlers — one call per tap, a view back.

Refusals (a route or step of someone else) are `Refusal`s; a stale button (a double tap, an old
screen) gets the route shown again with a short note, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cached_property

from bot.domain.diagnostics import Level, StepForm
from bot.domain.errors import Refusal
from bot.domain.routes import RouteStatus, StepAction, StepStatus, parse_goal
from bot.domain.time import Clock, local_today, zone_of
from bot.services.base import UnitOfWork
from bot.services.notices import Notifier
from bot.services.routes import methodists, shaping
from bot.services.routes.basis import area_titles, basis, effect, route_basis
from bot.services.routes.notices import RouteCarriedOut, RouteSent
from bot.services.routes.reminders import Nudge, queue_reminders
from bot.services.routes.review import ReviewService
from bot.services.routes.rules import (
    Evidence,
    Incomplete,
    Missing,
    NewStep,
    NoDiagnosis,
    NotAllowed,
    NotYours,
    RouteFull,
    RouteRepos,
    check_action,
    find_step,
    ordered_steps,
    parse_note,
    parse_title,
    status,
    step_status,
    text_evidence,
)
from bot.services.routes.views import (
    Ask,
    DocumentParts,
    Gone,
    NoRoute,
    RoutePage,
    RouteView,
    Said,
    Say,
    StepPage,
    say,
)
from storage.models import Route, RouteStep, User
from storage.repositories.directory import DirectoryRepo

PAGE = 10  # steps per page of the route screen (bot/ui/routes shows as many)
STALE = say("route-stale")
REASON_MAX = 300  # why a step is dropped, typed


class RouteService:
    def __init__(
        self,
        repos: RouteRepos,
        directory: DirectoryRepo,
        uow: UnitOfWork,
        notifier: Notifier,
        *,
        clock: Clock,
        timezone: str,
    ) -> None:
        self.repos = repos
        self.directory = directory
        self.uow = uow
        self.notifier = notifier
        self.clock = clock
        self.timezone = timezone

    @cached_property
    def review(self) -> ReviewService:
        """The methodist's review and staff's assignments."""
        return ReviewService(self, self.directory)

    # --- what the screens are made of ------------------------------------------------------------

    def today(self, user: User) -> date:
        return local_today(self.clock(), zone_of(user, self.timezone))

    async def view_of(self, route: Route, user: User) -> RouteView:
        assignment = await self.repos.assignments.of_teacher(user.id)
        methodist = await self.repos.users.by_id(assignment.methodist_id) if assignment else None
        carried_out = status(route) is RouteStatus.CARRIED_OUT
        changes = await effect(self.repos, route) if carried_out else []
        titles = await area_titles(self.repos, route)
        return RouteView(route, titles, self.today(user), methodist, tuple(changes))

    async def page(
        self,
        user: User,
        route: Route,
        page: int = 0,
        *,
        note: Say | None = None,
        answer: Say | None = None,
        edit: bool = True,
    ) -> RoutePage:
        return RoutePage(await self.view_of(route, user), page, note, answer, edit)

    async def _step_page(
        self,
        user: User,
        route: Route,
        step_id: int,
        page: int,
        *,
        note: Say | None = None,
        answer: Say | None = None,
        then: RoutePage | None = None,
    ) -> StepPage:
        step = find_step(route, step_id)
        return StepPage(step, await self.view_of(route, user), page, note, answer, then)

    # --- finding the route ---------------------------------------------------------------------------

    async def own(self, user: User | None, route_id: int) -> Route:
        """The teacher's own current route (the `OwnRoute` filter)."""
        found = await self._own(user, route_id)
        if found is None:
            raise Refusal("route-not-yours")
        return found

    async def _own(self, user: User | None, route_id: int) -> Route | None:
        if user is None:
            return None
        try:
            return await shaping.own_route(self.repos, user, route_id)
        except NotYours:
            return None

    async def current(self, user: User) -> RoutePage | NoRoute:
        route = await self.repos.routes.current(user.id)
        if route is None:
            return NoRoute(await basis(self.repos, user) is not None)
        return await self.page(user, route)

    async def build(self, user: User, attempt_id: int | None) -> RoutePage | NoRoute:
        try:
            route, created = await shaping.build(self.repos, user, self.clock(), self.today(user), attempt_id)
        except NoDiagnosis:
            return NoRoute(False, edit=False)
        if not created:
            note = say("route-exists")
        elif route.steps and all(s.level is Level.LOW for s in route.steps):
            note = say("route-built-no-gaps")  # only a step to share experience was proposed
        else:
            note = say("route-built", count=len(route.steps))
        return await self.page(user, route, note=note, edit=False)

    async def rebuild(self, user: User, route: Route) -> RoutePage | NoRoute:
        try:
            route = await shaping.rebuild(self.repos, user, route, self.clock(), self.today(user))
        except NotAllowed:
            return await self.page(user, route, answer=STALE)
        except NoDiagnosis:
            return NoRoute(False)
        return await self.page(user, route, note=say("route-rebuilt"))

    # --- steps -----------------------------------------------------------------------------------------

    async def step(self, user: User, route: Route, step_id: int, page: int) -> StepPage | RoutePage:
        try:
            return await self._step_page(user, route, step_id, page)
        except NotYours:
            return await self.page(user, route, page, answer=say("route-step-gone"))

    async def change_step(
        self, user: User, route: Route, step_id: int, action: StepAction, page: int
    ) -> StepPage | RoutePage:
        """Start, restore or reopen a step."""
        try:
            step = find_step(route, step_id)
            carried_out = await shaping.act(self.repos, route, step, action, self.clock())
        except (NotYours, NotAllowed):
            return await self.page(user, route, page, answer=STALE)
        then = await self._carried_out(user, route) if carried_out else None
        note = say(f"step-{action.value}-ok")
        return await self._step_page(user, route, step.id, page, answer=note, then=then)

    async def ask_remove(self, user: User, route: Route, step_id: int, page: int) -> Ask | RoutePage:
        """Delete a step put in by mistake? `Ask` to confirm; the route again when it cannot go."""
        try:
            step = find_step(route, step_id)
            shaping.check_delete(route, step)
        except (NotYours, NotAllowed):
            return await self.page(user, route, page, answer=STALE)
        return Ask(route, step)

    async def remove_step(self, user: User, route: Route, step_id: int, page: int) -> RoutePage:
        """Delete it, confirmed."""
        try:
            await shaping.remove_step(self.repos, route, find_step(route, step_id))
        except (NotYours, NotAllowed):
            return await self.page(user, route, page, answer=STALE)
        pages = max(1, (len(route.steps) + PAGE - 1) // PAGE)
        return await self.page(user, route, min(page, pages - 1), answer=say("step-removed"))

    async def _carried_out(self, user: User, route: Route) -> RoutePage:
        """The last step is done: congratulate, point to the re-diagnosis, tell the methodist."""
        if route.reviewer_id:
            methodist = await self.repos.users.by_id(route.reviewer_id)
            if methodist is not None:
                await self.notifier.tell(methodist, RouteCarriedOut(route.id, user.full_name))
        return await self.page(user, route, note=say("route-carried-out"), edit=False)

    async def files(self, route: Route, step_id: int) -> RouteStep:
        """The step whose evidence files are resent."""
        try:
            return find_step(route, step_id)
        except NotYours:
            raise Refusal("route-step-gone", alert=False) from None

    # --- done, with evidence ------------------------------------------------------------------------

    async def ask_evidence(self, user: User, route: Route, step_id: int, page: int) -> Ask | RoutePage:
        try:
            step = find_step(route, step_id)
            more = step_status(step) is StepStatus.DONE
            if not more:
                check_action(route, step, StepAction.DONE)
        except (NotYours, NotAllowed):
            return await self.page(user, route, page, answer=STALE)
        return Ask(route, step, more)

    async def record_evidence(
        self, user: User, route_id: int, step_id: int, page: int, evidence: Evidence | None, text: str | None
    ) -> StepPage | RoutePage | Gone | Said | Ask:
        """`Ask` again (the dialogue goes on) when the message is no evidence; anything else ends it."""
        route = await self._own(user, route_id)
        try:
            if route is None:
                raise NotYours(route_id)
            step = find_step(route, step_id)
        except NotYours:
            return Gone(say("route-step-gone"))
        if evidence is None:
            if not text:
                return Ask(route, step, note=say("evidence-wrong-type"))
            try:
                evidence = text_evidence(text)
            except ValueError as exc:
                return Ask(route, step, note=say(f"evidence-text-{exc}"))
        try:
            recorded = await shaping.add_evidence(self.repos, route, step, evidence, self.clock())
        except NotAllowed:
            return await self.page(user, route, note=STALE)
        except RouteFull:
            return Said(say("evidence-too-many"))
        then = await self._carried_out(user, route) if recorded.carried_out else None
        note = say("evidence-saved-done") if recorded.became_done else say("evidence-saved")
        return await self._step_page(user, route, step.id, page, note=note, then=then)

    # --- dropping, with a reason ------------------------------------------------------------------------

    async def ask_drop(self, user: User, route: Route, step_id: int, page: int) -> Ask | RoutePage:
        try:
            step = find_step(route, step_id)
            check_action(route, step, StepAction.DROP)
        except (NotYours, NotAllowed):
            return await self.page(user, route, page, answer=STALE)
        return Ask(route, step)

    async def drop(
        self, user: User, route_id: int, step_id: int, page: int, reason: str
    ) -> StepPage | Gone | Said:
        if len(reason) > REASON_MAX:
            return Said(say("drop-reason-long"), goes_on=True)
        route = await self._own(user, route_id)
        try:
            if route is None:
                raise NotYours(route_id)
            step = find_step(route, step_id)
            carried_out = await shaping.act(self.repos, route, step, StepAction.DROP, self.clock(), reason)
        except (NotYours, NotAllowed):
            return Gone(STALE)
        then = await self._carried_out(user, route) if carried_out else None
        return await self._step_page(user, route, step.id, page, note=say("step-drop-ok"), then=then)

    # --- the goal -----------------------------------------------------------------------------------------

    async def ask_goal(self, route: Route) -> Ask:
        return Ask(route, titles=await area_titles(self.repos, route))

    async def take_goal(
        self, user: User, route: Route, suggest: Callable[[dict[str, str]], str | None]
    ) -> RoutePage | None:
        """The goal suggested from the route's areas (None when there is nothing to suggest)."""
        goal = suggest(await area_titles(self.repos, route))
        if goal is None:
            return None
        return await self._set_goal(user, route, goal)

    async def type_goal(self, user: User, route_id: int, text: str) -> RoutePage | Said:
        """`Said` with the dialogue going on for a goal that will not do, ended for a route gone."""
        route = await self._own(user, route_id)
        if route is None:
            return Said(STALE)
        try:
            goal = parse_goal(text)
        except ValueError as exc:
            return Said(say(f"goal-{exc}"), goes_on=True)
        return await self._set_goal(user, route, goal)

    async def _set_goal(self, user: User, route: Route, goal: str) -> RoutePage:
        try:
            await shaping.set_goal(self.repos, route, goal)
        except NotAllowed:
            return await self.page(user, route, note=STALE)
        return await self.page(user, route, note=say("goal-saved"))

    # --- a step of one's own ------------------------------------------------------------------------------

    async def titled(self, user: User, route_id: int, text: str) -> Ask | Said:
        """The new step's title: `Ask` for its area next (with the title as read), or `Said`."""
        route = await self._own(user, route_id)
        if route is None:
            return Said(STALE)
        try:
            title = parse_title(text)
        except ValueError as exc:
            return Said(say(f"add-title-{exc}"), goes_on=True)
        return Ask(route, titles=await area_titles(self.repos, route), title=title)

    async def add_step(
        self, user: User, route_id: int, answers: dict[str, object], note: str
    ) -> RoutePage | Gone | Said:
        """The dialogue's answers (`form`, `title`, `area`, `term`) and the note typed last (a lone
        link becomes the step's link) as a new step; `Said` when the note is too long."""
        try:
            description, link = parse_note(note)
        except ValueError:
            return Said(say("add-note-long"), goes_on=True)
        route = await self._own(user, route_id)
        try:
            if route is None:
                raise NotYours(route_id)
            step = NewStep(
                form=StepForm(str(answers["form"])),
                title=str(answers["title"]),
                area=str(answers["area"]) if answers.get("area") else None,
                months=int(str(answers.get("term", 0))),
                description=description,
                link=link,
            )
            added = await shaping.add_step(self.repos, route, step, self.today(user))
        except (NotYours, NotAllowed, KeyError, ValueError):
            return Gone(STALE)
        except RouteFull:
            assert route is not None
            return await self.page(user, route, note=say("route-full"))
        # The page the new step landed on, in the steps' date order.
        return await self.page(user, route, ordered_steps(route).index(added) // PAGE, note=say("step-added"))

    # --- sending to the methodist -------------------------------------------------------------------------

    async def submit(self, user: User, route: Route) -> RoutePage | Ask:
        """`Ask` for the goal when there is none yet; a route without steps is refused."""
        again = status(route) is RouteStatus.RETURNED
        try:
            methodist = await methodists.submit(self.repos, user, route, self.clock())
        except Incomplete as exc:
            if exc.what is Missing.GOAL:
                titles = await area_titles(self.repos, route)
                return Ask(route, titles=titles, note=say("submit-need-goal"))
            raise Refusal("submit-need-steps") from None
        except NotAllowed:
            return await self.page(user, route, answer=STALE)
        if methodist is None:
            return await self.page(user, route, note=say("submit-ok-nobody"))
        changes = await methodists.changes_since_return(self.repos, route) if again else None
        await self.notifier.tell(methodist, RouteSent(route.id, user.full_name, again, changes))
        return await self.page(user, route, note=say("submit-ok", name=methodist.full_name or "—"))

    # --- the document -------------------------------------------------------------------------------------

    async def document(self, route: Route, teacher: User) -> DocumentParts:
        reviewer = await self.repos.users.by_id(route.reviewer_id) if route.reviewer_id else None
        return DocumentParts(
            route,
            teacher,
            await route_basis(self.repos, route),
            await area_titles(self.repos, route),
            reviewer,
            self.clock(),
            zone_of(teacher, self.timezone),
        )

    # --- reminders (the scheduler's sweep) ----------------------------------------------------------------

    async def remind(self, nudges: list[Nudge]) -> int:
        """Queue each claimed reminder in the outbox and record it sent, in this transaction."""
        return await queue_reminders(self.repos, self.notifier, nudges, self.clock())

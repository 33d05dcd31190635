"""`ReviewService`: the methodist's side of routes (their teachers, review, comments, return,
approval) and staff's (who accompanies whom). Reached as `services.routes.review`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.domain.errors import Refusal
from bot.domain.roles import Role
from bot.domain.routes import RouteStatus
from bot.services import roles as role_service
from bot.services.routes import methodists
from bot.services.routes.basis import area_titles
from bot.services.routes.notices import RouteApproved, RouteReturned, TeacherAssigned
from bot.services.routes.rules import (
    Incomplete,
    NotAllowed,
    NotYours,
    check_reviewable,
    find_step,
    in_scope,
    search_names,
    status,
)
from bot.services.routes.views import (
    Ask,
    Methodists,
    Pick,
    Reviewed,
    ReviewPage,
    ReviewStep,
    RouteView,
    Said,
    Say,
    TeacherCard,
    Teachers,
    say,
)
from storage.models import RouteStep, User
from storage.repositories.directory import DirectoryRepo

if TYPE_CHECKING:
    from bot.services.routes.teacher import RouteService

COMMENT_MAX = 1000
STALE = say("route-stale")


class ReviewService:
    def __init__(self, routes: RouteService, directory: DirectoryRepo) -> None:
        self.routes = routes
        self.repos = routes.repos
        self.directory = directory
        self.notifier = routes.notifier
        self.clock = routes.clock

    # --- finding the route ---------------------------------------------------------------------------

    async def reviewed(self, user: User | None, roles: frozenset[Role], route_id: int) -> Reviewed:
        """A route the methodist reviews, with its teacher (the `ReviewedRoute` filter, which runs
        before the router's RoleGate: someone without the role hears what the gate would say)."""
        if Role.METHODIST not in roles:
            raise Refusal("refused-role")
        found = await self._reviewed(user, roles, route_id)
        if found is None:
            raise Refusal("review-not-yours")
        return found

    async def _reviewed(self, user: User | None, roles: frozenset[Role], route_id: int) -> Reviewed | None:
        try:
            route = await methodists.reviewed_route(self.repos, user, roles, route_id)
        except NotYours:
            return None
        teacher = await self.repos.users.by_id(route.user_id)
        return Reviewed(route, teacher) if teacher is not None else None

    async def page(
        self,
        methodist: User,
        found: Reviewed,
        page: int = 0,
        *,
        note: Say | None = None,
        answer: Say | None = None,
    ) -> ReviewPage:
        shared = role_service.methodist_may_see(methodist, found.teacher)
        changes = None
        if status(found.route) is RouteStatus.SUBMITTED:
            changes = await methodists.changes_since_return(self.repos, found.route)
        return ReviewPage(
            await self._view(found), found.teacher, self.clock().year, shared, page, note, answer, changes
        )

    async def _view(self, found: Reviewed) -> RouteView:
        # The methodist is the one looking: no "your methodist" line.
        titles = await area_titles(self.repos, found.route)
        return RouteView(found.route, titles, self.routes.today(found.teacher), None)

    # --- the methodist's teachers -----------------------------------------------------------------------

    async def teachers(self, user: User | None, page: int) -> Teachers:
        tz = self.routes.timezone
        rows = await methodists.methodist_teachers(self.repos, user, self.clock(), tz) if user else []
        shared = await self.repos.diagnosis.shared_teachers(role_service.role_scope(user, Role.METHODIST))
        return Teachers(rows, len(shared), page)

    async def teacher(
        self, user: User | None, roles: frozenset[Role], teacher_id: int, page: int
    ) -> ReviewPage | TeacherCard:
        """A teacher of the list: their route, or a word that there is none yet."""
        teacher = await self.repos.users.by_id(teacher_id)
        assignment = await self.repos.assignments.of_teacher(teacher_id)
        if (
            teacher is None
            or user is None
            or assignment is None
            or assignment.methodist_id != user.id
            or not methodists.accompanies(user, teacher)
        ):
            raise Refusal("review-not-yours")
        route = await self.repos.routes.current(teacher.id)
        if route is None or not await methodists.may_review(self.repos, user, roles, route):
            shared = role_service.methodist_may_see(user, teacher)
            return TeacherCard(teacher, self.clock().year, shared, page)
        return await self.page(user, Reviewed(route, teacher))

    # --- review -----------------------------------------------------------------------------------------

    async def step(
        self, methodist: User, found: Reviewed, step_id: int, page: int
    ) -> ReviewStep | ReviewPage:
        try:
            step = find_step(found.route, step_id)
        except NotYours:
            return await self.page(methodist, found, page, answer=say("route-step-gone"))
        return ReviewStep(step, await self._view(found), page)

    async def files(self, found: Reviewed, step_id: int) -> RouteStep:
        return await self.routes.files(found.route, step_id)

    async def ask_comment(
        self, methodist: User, found: Reviewed, step_id: int, page: int
    ) -> Ask | ReviewPage:
        try:
            step = find_step(found.route, step_id)
            check_reviewable(found.route)
        except (NotYours, NotAllowed):
            return await self.page(methodist, found, page, answer=STALE)
        return Ask(found.route, step)

    async def uncomment(
        self, methodist: User, found: Reviewed, step_id: int, page: int
    ) -> ReviewStep | ReviewPage:
        try:
            step = find_step(found.route, step_id)
            await methodists.comment_step(self.repos, found.route, step, None)
        except (NotYours, NotAllowed):
            return await self.page(methodist, found, page, answer=STALE)
        return ReviewStep(step, await self._view(found), page)

    async def comment(
        self, user: User | None, roles: frozenset[Role], route_id: int, step_id: int, page: int, text: str
    ) -> ReviewPage | Said:
        if len(text) > COMMENT_MAX:
            return Said(say("review-comment-long", max=COMMENT_MAX), goes_on=True)
        found = await self._reviewed(user, roles, route_id)
        try:
            if found is None or user is None:
                raise NotYours(route_id)
            step = find_step(found.route, step_id)
            await methodists.comment_step(self.repos, found.route, step, text)
        except (NotYours, NotAllowed):
            return Said(STALE)
        return await self.page(user, found, page, note=say("review-comment-saved"))

    async def ask_return(self, methodist: User, found: Reviewed) -> Ask | ReviewPage:
        """`Ask` for a comment (`more`: steps are commented on already, it may go without)."""
        try:
            check_reviewable(found.route)
        except NotAllowed:
            return await self.page(methodist, found, answer=STALE)
        return Ask(found.route, more=any(s.comment for s in found.route.steps))

    async def return_route(
        self, user: User | None, roles: frozenset[Role], route_id: int, comment: str | None
    ) -> ReviewPage | Said | Ask:
        """`Ask` again when there is no comment at all; `Said` (a word, the dialogue goes on) for a
        comment too long."""
        if comment is not None and len(comment) > COMMENT_MAX:
            return Said(say("review-comment-long", max=COMMENT_MAX), goes_on=True)
        found = await self._reviewed(user, roles, route_id)
        if found is None or user is None:
            return Said(STALE)
        try:
            await methodists.return_route(self.repos, found.route, user, comment, self.clock())
        except NotAllowed:
            return Said(STALE)
        except Incomplete:
            return Ask(found.route, note=say("review-return-empty"))
        await self.notifier.tell(found.teacher, RouteReturned(found.route.id, user.full_name, comment))
        return await self.page(user, found, note=say("review-returned"))

    async def approve(self, methodist: User, found: Reviewed) -> ReviewPage:
        try:
            await methodists.approve(self.repos, found.route, methodist, None, self.clock())
        except NotAllowed:
            return await self.page(methodist, found, answer=STALE)
        await self.notifier.tell(found.teacher, RouteApproved(found.route.id, methodist.full_name))
        return await self.page(methodist, found, note=say("review-approved"))

    # --- staff: who accompanies whom --------------------------------------------------------------------

    async def methodists(
        self, user: User | None, roles: frozenset[Role], note: Say | None = None
    ) -> Methodists:
        scope = role_service.staff_scope(user, roles)
        rows = await self.repos.assignments.methodists(scope)
        unassigned = len(await self.repos.assignments.unassigned_teachers(scope))
        municipalities, _total = await self.directory.municipalities()
        return Methodists(rows, unassigned, {m.id: m.name for m in municipalities}, note)

    async def auto_assign(self, user: User | None, roles: frozenset[Role]) -> Methodists:
        scope = role_service.staff_scope(user, roles)
        count = await methodists.auto_assign(self.repos, scope, self.clock())
        return await self.methodists(user, roles, say("mts-auto-done", count=count))

    async def search(self, user: User | None, roles: frozenset[Role], text: str) -> list[tuple[int, str]]:
        names = await self.repos.assignments.teacher_names(role_service.staff_scope(user, roles))
        return search_names(names, text[:100])

    async def pick(self, user: User | None, roles: frozenset[Role], teacher_id: int) -> Pick:
        teacher = await self.repos.users.by_id(teacher_id)
        if teacher is None or not in_scope(teacher, role_service.staff_scope(user, roles)):
            raise Refusal("mts-not-in-scope")
        assignment = await self.repos.assignments.of_teacher(teacher.id)
        current = await self.repos.users.by_id(assignment.methodist_id) if assignment else None
        rows = [
            r
            for r in await self.repos.assignments.methodists(teacher.municipality_id)
            if r.user.id != teacher.id
        ]
        return Pick(teacher, current, rows)

    async def assign(
        self, user: User | None, roles: frozenset[Role], teacher_id: int, methodist_id: int
    ) -> Methodists:
        teacher = await self.repos.users.by_id(teacher_id)
        methodist = await self.repos.users.by_id(methodist_id)
        if teacher is None or methodist is None:
            raise Refusal("mts-not-in-scope")
        scope = role_service.staff_scope(user, roles)
        try:
            await methodists.assign(self.repos, teacher, methodist, scope, self.clock())
        except (NotYours, NotAllowed):
            raise Refusal("mts-not-in-scope") from None
        await self.notifier.tell(methodist, TeacherAssigned(teacher.full_name))
        note = say("mts-assigned", teacher=teacher.full_name or "—", methodist=methodist.full_name or "—")
        return await self.methodists(user, roles, note)

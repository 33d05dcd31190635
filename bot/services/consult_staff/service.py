"""Staff's side of «Вопрос методисту»: the counts and the questions that need them (overdue, or with
nobody to answer), passing a question to another methodist, and the report with its figures.

Municipal staff reach their municipality's questions only (by the municipality the question was
asked in); the regional centre and admins reach all. A methodist may take a question only while their
role's scope covers that municipality. Every «no» is a `Refusal`, raised before anything is written."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from bot.domain.consult_staff import (
    Period,
    QuestionFacts,
    deadline,
    figures,
    period_start,
)
from bot.domain.errors import Refusal
from bot.domain.roles import Role
from bot.domain.time import Clock, local_today, zone_of
from bot.services import roles as role_service
from bot.services.base import UnitOfWork
from bot.services.consult_staff.notices import MovedForTeacher, PassedOn, PassedToYou
from bot.services.consult_staff.views import PAGE, Candidates, Desk, Home, Moved, QuestionCard, Report
from bot.services.notices import Notifier
from storage.models import User
from storage.repositories.consult_staff import ConsultStaffRepo, QuestionRow
from storage.repositories.users import UserRepo

STAFF_ROLES = frozenset({Role.STAFF, Role.ADMIN})
NOT_FOUND = "cst-not-found"
CLOSED = "cst-closed"
MOVED = "cst-moved-meanwhile"
NOT_A_CHOICE = "cst-not-a-choice"


class ConsultStaffService:
    def __init__(
        self,
        repo: ConsultStaffRepo,
        users: UserRepo,
        uow: UnitOfWork,
        notifier: Notifier,
        *,
        clock: Clock,
        timezone: str,
    ) -> None:
        self.repo = repo
        self.users = users
        self.uow = uow
        self.notifier = notifier
        self.clock = clock
        self.timezone = timezone

    # --- who is at the desk, what they reach ------------------------------------------------------

    def desk(self, user: User | None, roles: frozenset[Role]) -> Desk:
        """A staff member at work; anyone else gets the role gate's refusal (a filter runs before the
        router's middlewares, so it is said here first)."""
        if not roles & STAFF_ROLES:
            raise Refusal("refused-role")
        return Desk(user, role_service.staff_scope(user, roles), zone_of(user, self.timezone))

    async def question(self, desk: Desk, question_id: int) -> QuestionRow:
        """A question within the desk's scope; a forged or foreign id is «not found»."""
        row = await self.repo.question(question_id)
        if row is None or (desk.scope is not None and row.question.municipality_id != desk.scope):
            raise Refusal(NOT_FOUND)
        return row

    # --- the screen -----------------------------------------------------------------------------

    async def home(self, desk: Desk, page: int = 0) -> Home:
        now = self.clock()
        counts = await self.repo.counts(desk.scope, now)
        pages = max(1, -(-(counts.overdue + counts.unrouted) // PAGE))
        page = min(max(page, 0), pages - 1)
        rows = await self.repo.attention(desk.scope, now, page * PAGE, PAGE)
        return Home(counts, rows, page, now)

    async def card(self, row: QuestionRow) -> QuestionCard:
        return QuestionCard(row, await self.repo.first_text(row.question.id), self.clock())

    @staticmethod
    def _still(row: QuestionRow, from_id: int | None) -> None:
        """The button was made for the question as it was: still open, still with that methodist."""
        if row.question.status != "open":
            raise Refusal(CLOSED)
        if row.question.methodist_id != from_id:
            raise Refusal(MOVED)

    async def _candidates(self, row: QuestionRow) -> list:  # type: ignore[type-arg]
        q = row.question
        return [
            m
            for m in await self.repo.methodists_for(q.municipality_id)
            if m.user_id not in (q.methodist_id, q.teacher_id)
        ]

    async def candidates(self, row: QuestionRow, from_id: int | None, page: int = 0) -> Candidates:
        self._still(row, from_id)
        found = await self._candidates(row)
        pages = max(1, -(-len(found) // PAGE))
        return Candidates(row, found, min(max(page, 0), pages - 1))

    async def move(self, row: QuestionRow, from_id: int | None, to_id: int) -> Moved:
        """Pass the question to `to_id`: the new methodist gets it with a fresh deadline (the service
        level starts again for them), the one who held it and the teacher are told."""
        self._still(row, from_id)
        q = row.question
        chosen = next((m for m in await self._candidates(row) if m.user_id == to_id), None)
        if chosen is None:
            raise Refusal(NOT_A_CHOICE)
        now = self.clock()
        zone = row.timezone or self.timezone
        due = deadline(now, zone)
        if not await self.repo.reassign(q.id, from_id, to_id, due, now):
            raise Refusal(MOVED)
        stamp = int(now.timestamp())
        new = await self.users.by_id(to_id)
        if new is not None:
            text = await self.repo.first_text(q.id)
            notice = PassedToYou(q.id, q.topic, q.subject, row.teacher, text, due, zone)
            await self.notifier.tell(new, notice, dedupe=f"cq-move:{q.id}:{stamp}:new")
        if from_id is not None and (old := await self.users.by_id(from_id)) is not None:
            await self.notifier.tell(
                old, PassedOn(q.id, q.topic, row.teacher), dedupe=f"cq-move:{q.id}:{stamp}:old"
            )
        teacher = await self.users.by_id(q.teacher_id)
        if teacher is not None:
            await self.notifier.tell(
                teacher, MovedForTeacher(q.id, q.topic), dedupe=f"cq-move:{q.id}:{stamp}:teacher"
            )
        return Moved(q.id, chosen.name)

    # --- the report -----------------------------------------------------------------------------

    async def report(self, desk: Desk, period: Period) -> Report:
        now = self.clock()
        today = local_today(now, desk.timezone)
        since = period_start(period, today)
        start = datetime.combine(since, time(0, 0), tzinfo=ZoneInfo(desk.timezone)).astimezone(UTC)
        rows = await self.repo.report_rows(desk.scope, start)
        facts = [
            QuestionFacts(
                topic=r.topic,
                municipality=r.municipality,
                asked=r.created_at,
                sla_due=deadline(r.created_at, r.timezone or self.timezone),
                first_answer=r.first_answer_at,
                rating=r.rating,
                open=r.status == "open",
            )
            for r in rows
        ]
        return Report(period, since, today, figures(facts, now), rows, facts)

"""The expert pool and the expert review of practices: staff's pool (invites, requests, pause, resume,
remove, juries), the expert's queue and scoring, the assignment and the decision, the certificate.

Every state change is a conditional write (a double tap, two processes, two staff members: one
wins); notices go to the outbox in the same transaction. The decision rule itself is the pure
`bot.domain.practices.decide`. When a practice is published, `on_published(practice_id)` (the
practice bank's: the author's ИОМ step and the indicators) runs in the same transaction.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from math import ceil

from bot.domain.errors import Refusal
from bot.domain.events import EventKind
from bot.domain.practices import (
    COMMENT_MAX,
    REVIEWERS,
    CriteriaSheet,
    ExpertLoad,
    ExpertStatus,
    PracticeStatus,
    ReviewStatus,
    Verdict,
    decide,
    mean_scores,
    pick_experts,
)
from bot.domain.roles import AuditAction, Role
from bot.domain.time import Clock, local_today, zone_of
from bot.services import roles as role_service
from bot.services.base import UnitOfWork
from bot.services.expertise.notices import (
    CriterionMean,
    ExpertPoolChanged,
    ExpertRequestArrived,
    ExpertRequestDecided,
    ExpertsShort,
    PracticeDecided,
    ReviewAssigned,
    ReviewOverdue,
    ReviewTakenAway,
)
from bot.services.expertise.views import (
    ApplyView,
    ContestJury,
    Desk,
    ExpertCard,
    ExpertHome,
    Invited,
    PoolRow,
    PoolView,
    QueueItem,
    ReviewCard,
)
from bot.services.notices import Letter, Notifier
from bot.services.practice_cert import Certificate, CertRow
from storage.models import Event, Expert, Practice, PracticeReview, User
from storage.repositories import ExpertRepo, Repos

PAGE = 8
INVITE_DAYS, INVITE_USES = 30, 20
VERDICT_STATUS = {
    Verdict.PUBLISH: PracticeStatus.PUBLISHED,
    Verdict.RETURN: PracticeStatus.RETURNED,
    Verdict.DECLINE: PracticeStatus.DECLINED,
}
OnPublished = Callable[[int], Awaitable[object]]


@dataclass(frozen=True, slots=True)
class Submitted:
    """A review sent: the verdict when it closed the round (None: others still to come)."""

    verdict: Verdict | None


def fits(expert_subjects: list[str], practice_subjects: list[str]) -> bool:
    """An expert without subjects reviews any; a practice without subjects goes to anyone."""
    return not expert_subjects or not practice_subjects or bool(set(expert_subjects) & set(practice_subjects))


async def join_pool(experts: ExpertRepo, user: User, scope: int | None, now: datetime) -> None:
    """An expert invite was redeemed (the role is granted): the person is in the pool, with the
    subjects they teach, in the invite's municipality (or their own for a regional invite)."""
    subjects = [s.subject for s in user.subjects]
    municipality = scope if scope is not None else user.municipality_id
    expert = await experts.of_user(user.id)
    if expert is None:
        await experts.create(
            user_id=user.id,
            subjects=subjects,
            municipality_id=municipality,
            status=ExpertStatus.ACTIVE,
            now=now,
            approved_by_id=None,
        )
        return
    await experts.move(
        expert.id,
        [ExpertStatus.PENDING, ExpertStatus.REMOVED, ExpertStatus.PAUSED],
        ExpertStatus.ACTIVE,
        approved_at=now,
        municipality_id=municipality,
    )


def contest_in_scope(event: Event, scope: int | None) -> bool:
    """The region sees every contest; a municipal service, those for everyone and those for it."""
    municipalities = (event.audience or {}).get("municipalities") or []
    return scope is None or not municipalities or scope in municipalities


class ExpertiseService:
    def __init__(
        self,
        repos: Repos,
        uow: UnitOfWork,
        notifier: Notifier,
        *,
        clock: Clock,
        timezone: str,
        sheet: CriteriaSheet,
        on_published: OnPublished | None = None,
    ) -> None:
        self.repos = repos
        self.experts = repos.experts
        self.uow = uow
        self.notifier = notifier
        self.clock = clock
        self.timezone = timezone
        self.sheet = sheet
        self.on_published = on_published

    # --- staff: the pool ---------------------------------------------------------------------------

    def desk(self, user: User | None, roles: frozenset[Role]) -> Desk:
        if user is None or not roles & {Role.STAFF, Role.ADMIN}:
            raise Refusal("refused-role")
        return Desk(user, role_service.staff_scope(user, roles))

    async def scoped_expert(self, desk: Desk, expert_id: int) -> Expert:
        """An expert of the desk's municipality (any, for the region); removed ones are gone."""
        expert = await self.experts.by_id(expert_id)
        if expert is None or expert.status is ExpertStatus.REMOVED:
            raise Refusal("xp-expert-gone")
        if desk.scope is not None and expert.municipality_id != desk.scope:
            raise Refusal("xp-out-of-scope")
        return expert

    async def pool(self, desk: Desk, page: int = 0) -> PoolView:
        statuses = [ExpertStatus.ACTIVE, ExpertStatus.PAUSED]
        _none, total = await self.experts.pool(desk.scope, statuses, offset=0, limit=0)
        pages = max(1, ceil(total / PAGE))
        page = min(max(page, 0), pages - 1)
        found, total = await self.experts.pool(desk.scope, statuses, offset=page * PAGE, limit=PAGE)
        _pending, requests = await self.experts.pool(desk.scope, [ExpertStatus.PENDING], limit=0)
        waiting = [
            p
            for p in await self.experts.to_staff(limit=500)
            if desk.scope is None or p.municipality_id == desk.scope
        ]
        rows = [PoolRow(e, u, load, done) for e, u, load, done in found]
        return PoolView(rows, total, page, pages, requests, len(waiting))

    async def requests(self, desk: Desk) -> list[PoolRow]:
        found, _total = await self.experts.pool(desk.scope, [ExpertStatus.PENDING], limit=20)
        return [PoolRow(e, u, load, done) for e, u, load, done in found]

    async def card(self, expert: Expert) -> ExpertCard:
        person = await self.repos.users.by_id(expert.user_id)
        assert person is not None
        queue = await self.experts.queue(expert.id)
        done = await self.experts.done_count(expert.id)
        juries = await self.experts.jury_count(expert.id)
        return ExpertCard(expert, person, len(queue), done, juries)

    async def place(self, expert: Expert) -> str | None:
        if expert.municipality_id is None:
            return None
        found = await self.repos.directory.municipality(expert.municipality_id)
        return found.name if found is not None else None

    async def set_status(self, desk: Desk, expert: Expert, to: ExpertStatus) -> ExpertCard:
        """Pause (no new reviews; open ones stay), resume, or remove (open reviews go to others, the
        «Экспертиза» menu entry goes); the expert is told. A repeated tap changes nothing."""
        frm = {
            ExpertStatus.PAUSED: [ExpertStatus.ACTIVE],
            ExpertStatus.ACTIVE: [ExpertStatus.PAUSED],
            ExpertStatus.REMOVED: [ExpertStatus.ACTIVE, ExpertStatus.PAUSED],
        }[to]
        if not await self.experts.move(expert.id, frm, to):
            raise Refusal("xp-already", alert=False)
        person = await self.repos.users.by_id(expert.user_id)
        assert person is not None
        if to is ExpertStatus.REMOVED:
            await self.repos.users.remove_role(person, Role.EXPERT)
            await self.repos.audit.record(
                actor_tg_id=desk.user.tg_id,
                target_tg_id=person.tg_id,
                role=Role.EXPERT,
                action=AuditAction.REVOKE,
                source="manual",
            )
            for review in await self.experts.withdraw_open(expert.id):
                practice = await self.experts.practice(review.practice_id)
                if practice is not None:
                    await self.staff_practice(practice)
        await self.notifier.tell(person, ExpertPoolChanged(to.value))
        await self.experts.session.refresh(expert)
        return await self.card(expert)

    async def approve(self, desk: Desk, expert: Expert) -> None:
        if not await self.experts.move(
            expert.id,
            [ExpertStatus.PENDING],
            ExpertStatus.ACTIVE,
            approved_at=self.clock(),
            approved_by_id=desk.user.id,
        ):
            raise Refusal("xp-already", alert=False)
        person = await self.repos.users.by_id(expert.user_id)
        assert person is not None
        await role_service.grant(
            self.repos, person, Role.EXPERT, actor_tg_id=desk.user.tg_id, source="expert-pool"
        )
        await self.notifier.tell(person, ExpertRequestDecided(approved=True))

    async def decline(self, desk: Desk, expert: Expert) -> None:
        person = await self.repos.users.by_id(expert.user_id)
        if not await self.experts.delete_pending(expert.id):
            raise Refusal("xp-already", alert=False)
        if person is not None:
            await self.notifier.tell(person, ExpertRequestDecided(approved=False))

    async def invite(self, desk: Desk) -> Invited:
        """An invite link to the pool: 30 days, 20 uses, for the desk's municipality (municipal staff)
        or the region (the expert's municipality is then their own)."""
        now = self.clock()
        invite = await self.repos.invites.create(
            code=secrets.token_urlsafe(12),
            role=Role.EXPERT,
            scope_municipality_id=desk.scope,
            created_by_tg_id=desk.user.tg_id,
            expires_at=now + timedelta(days=INVITE_DAYS),
            max_uses=INVITE_USES,
        )
        scope = await self.repos.directory.municipality(desk.scope) if desk.scope is not None else None
        return Invited(invite.code, INVITE_USES, INVITE_DAYS, scope.name if scope is not None else None)

    # --- joining -----------------------------------------------------------------------------------

    async def apply_view(self, user: User) -> ApplyView:
        expert = await self.experts.of_user(user.id)
        return ApplyView(expert.status if expert is not None else None)

    async def apply(self, user: User) -> ApplyView:
        """«Хочу быть экспертом»: a request to staff of the person's municipality (once)."""
        expert = await self.experts.of_user(user.id)
        if expert is not None and expert.status is not ExpertStatus.REMOVED:
            return ApplyView(expert.status)
        if expert is None:
            created = await self.experts.create(
                user_id=user.id,
                subjects=[s.subject for s in user.subjects],
                municipality_id=user.municipality_id,
                status=ExpertStatus.PENDING,
                now=self.clock(),
                approved_by_id=None,
            )
            if created is None:
                return await self.apply_view(user)
        else:
            await self.experts.move(expert.id, [ExpertStatus.REMOVED], ExpertStatus.PENDING)
        letters = [
            Letter(person, ExpertRequestArrived(user.full_name), dedupe=f"xp-req-{user.id}-{person.id}")
            for person in await self.experts.staff(user.municipality_id)
        ]
        await self.notifier.tell_many(letters)
        return ApplyView(ExpertStatus.PENDING)

    # --- the expert's side -------------------------------------------------------------------------

    async def me(self, user: User | None) -> Expert:
        expert = await self.experts.of_user(user.id) if user is not None else None
        if expert is None or expert.status not in (ExpertStatus.ACTIVE, ExpertStatus.PAUSED):
            raise Refusal("xp-not-expert")
        return expert

    async def home(self, user: User | None) -> ExpertHome:
        expert = await self.me(user)
        zone, now = zone_of(user, self.timezone), self.clock()
        queue = [
            QueueItem(
                r,
                p,
                local_today(r.due_at, zone) if r.due_at is not None else None,
                r.due_at is not None and r.due_at < now,
            )
            for r, p in await self.experts.queue(expert.id)
        ]
        done = await self.experts.done_count(expert.id)
        return ExpertHome(expert, queue, done, local_today(now, zone))

    async def own_review(self, user: User | None, review_id: int) -> PracticeReview:
        """A review of this expert's; another's (a forged button) is refused, as is a closed one."""
        expert = await self.me(user)
        review = await self.experts.review(review_id)
        if review is None or review.expert_id != expert.id:
            raise Refusal("xp-not-yours")
        if review.status is not ReviewStatus.ASSIGNED:
            raise Refusal("xp-review-closed")
        return review

    async def review_card(self, review: PracticeReview) -> ReviewCard:
        practice = await self.experts.practice(review.practice_id)
        if practice is None:
            raise Refusal("xp-review-closed")
        files = await self.experts.files(practice.id)
        due = local_today(review.due_at, self.timezone) if review.due_at is not None else None
        return ReviewCard(review, practice, files, self.sheet, due)

    async def score(self, review: PracticeReview, criterion: int, points: int) -> ReviewCard:
        keys = self.sheet.keys()
        if not 0 <= criterion < len(keys) or not 0 <= points <= self.sheet.max_points:
            raise Refusal("xp-stale")
        scores = dict(review.scores or {})
        scores[keys[criterion]] = points
        if not await self.experts.set_scores(review, scores):
            raise Refusal("xp-review-closed")
        return await self.review_card(review)

    async def comment(self, user: User | None, review_id: int, text: str) -> ReviewCard:
        review = await self.own_review(user, review_id)
        text = text.strip()
        if not text:
            raise Refusal("xp-comment-empty", alert=False)
        if len(text) > COMMENT_MAX:
            raise Refusal("xp-comment-long", alert=False, limit=COMMENT_MAX)
        await self.experts.set_comment(review, text)
        return await self.review_card(review)

    async def submit(self, review: PracticeReview) -> Submitted:
        """The review sent (once); when it is the round's last, the decision follows."""
        if not self.sheet.complete(review.scores or {}):
            raise Refusal("xp-not-complete")
        if not (review.comment or "").strip():
            raise Refusal("xp-comment-needed")
        if not await self.experts.close(review, ReviewStatus.DONE, self.clock()):
            raise Refusal("xp-review-closed")
        practice = await self.experts.practice(review.practice_id)
        if practice is None:
            return Submitted(None)
        return Submitted(await self.after_review(practice))

    async def refuse(self, review: PracticeReview) -> None:
        """The expert cannot review it (a conflict of interest, no time): it goes to another."""
        if not await self.experts.close(review, ReviewStatus.WITHDRAWN, self.clock()):
            raise Refusal("xp-review-closed")
        practice = await self.experts.practice(review.practice_id)
        if practice is not None:
            await self.staff_practice(practice)

    # --- the decision ------------------------------------------------------------------------------

    async def after_review(self, practice: Practice) -> Verdict | None:
        if practice.status is not PracticeStatus.IN_REVIEW:
            return None
        reviews = await self.experts.round_reviews(practice.id, practice.round)
        open_ = [r for r in reviews if r.status is ReviewStatus.ASSIGNED]
        done = [r for r in reviews if r.status is ReviewStatus.DONE]
        if open_ or len(done) < practice.reviewers_needed:
            return None
        verdict = decide([self.sheet.total(r.scores) for r in done], self.sheet, practice.round)
        if verdict is Verdict.THIRD:
            await self.experts.want_more(practice, len(done) + 1)
            await self.staff_practice(practice)
            return verdict
        if not await self.experts.decide(practice, VERDICT_STATUS[verdict], self.clock()):
            return None
        means = mean_scores([r.scores for r in done], self.sheet)
        author = await self.repos.users.by_id(practice.author_id)
        if verdict is Verdict.PUBLISH and self.on_published is not None:
            await self.on_published(practice.id)
        if author is not None:
            notice = PracticeDecided(
                practice.id,
                practice.title,
                verdict,
                tuple(CriterionMean(k, v) for k, v in means.items()),
                self.sheet.max_points,
                tuple(r.comment for r in done if r.comment),
            )
            await self.notifier.tell(author, notice, dedupe=f"xp-dec-{practice.id}-{practice.round}")
        return verdict

    # --- the assignment ----------------------------------------------------------------------------

    async def staff_practice(self, practice: Practice) -> int:
        """Give the practice's round the experts it lacks: active, the subject fits, not the author nor
        of the author's school, nobody who had this round already; the previous rounds' experts
        first, then the least loaded. Too few: nothing is assigned (a submitted practice waits) and
        staff are told once. Returns the experts assigned."""
        submitted = practice.status is PracticeStatus.SUBMITTED
        needed = REVIEWERS if submitted else practice.reviewers_needed
        reviews = await self.experts.round_reviews(practice.id, practice.round)
        standing = (
            0 if submitted else sum(r.status in (ReviewStatus.ASSIGNED, ReviewStatus.DONE) for r in reviews)
        )
        missing = needed - standing
        if missing <= 0:
            return 0
        had = {r.expert_id for r in reviews}
        previous = frozenset(await self.experts.experts_of(practice.id, list(range(1, practice.round))))
        candidates = [
            ExpertLoad(expert.id, load)
            for expert, person, load in await self.experts.active_with_load()
            if expert.id not in had
            and person.id != practice.author_id
            and (practice.school_id is None or person.school_id != practice.school_id)
            and fits(expert.subjects, practice.subjects)
        ]
        picks = pick_experts(candidates, missing, previous=previous)
        if len(picks) < missing:
            letters = [
                Letter(
                    person,
                    ExpertsShort(practice.title, missing, len(picks)),
                    dedupe=f"xp-short-{practice.id}-{practice.round}-{needed}-{person.id}",
                )
                for person in await self.experts.staff(practice.municipality_id)
            ]
            await self.notifier.tell_many(letters)
            return 0
        if not await self.experts.claim_staffing(practice, needed):
            return 0  # another process took it a moment ago
        now = self.clock()
        due = now + timedelta(days=self.sheet.review_days)
        added = await self.experts.add_reviews(practice, picks, now, due)
        experts = {i: await self.experts.by_id(i) for i in picks}
        people = await self.experts.users(e.user_id for e in experts.values() if e is not None)
        letters = []
        for review in added:
            expert = experts[review.expert_id]
            person = people.get(expert.user_id) if expert is not None else None
            if person is not None:
                day = local_today(due, zone_of(person, self.timezone))
                letters.append(
                    Letter(
                        person, ReviewAssigned(review.id, practice.title, day), dedupe=f"xp-rv-{review.id}"
                    )
                )
        await self.notifier.tell_many(letters)
        return len(added)

    async def sweep(self) -> int:
        """The periodic work: overdue reviews reminded once, reviews past the grace period taken to
        another expert, practices waiting for experts staffed. Returns what it did."""
        now = self.clock()
        done = 0
        for review in await self.experts.overdue(now):
            if not await self.experts.claim_reminder(review, now):
                continue
            expert = await self.experts.by_id(review.expert_id)
            practice = await self.experts.practice(review.practice_id)
            person = await self.repos.users.by_id(expert.user_id) if expert is not None else None
            if person is not None and practice is not None and review.due_at is not None:
                day = local_today(review.due_at, zone_of(person, self.timezone))
                notice = ReviewOverdue(review.id, practice.title, day, self.sheet.grace_days)
                await self.notifier.tell(person, notice, dedupe=f"xp-due-{review.id}")
            done += 1
        for review in await self.experts.expired(now - timedelta(days=self.sheet.grace_days)):
            if not await self.experts.close(review, ReviewStatus.WITHDRAWN, now):
                continue
            expert = await self.experts.by_id(review.expert_id)
            practice = await self.experts.practice(review.practice_id)
            person = await self.repos.users.by_id(expert.user_id) if expert is not None else None
            if person is not None and practice is not None:
                await self.notifier.tell(
                    person, ReviewTakenAway(practice.title), dedupe=f"xp-took-{review.id}"
                )
            done += 1
        for practice in await self.experts.to_staff():
            done += await self.staff_practice(practice)
        return done

    # --- juries ------------------------------------------------------------------------------------

    async def contests(self, desk: Desk) -> list[tuple[int, str]]:
        """Published contests the desk answers for: region-wide ones and those of its municipality."""
        found = [e for e in await self.experts.contests(limit=100) if contest_in_scope(e, desk.scope)]
        return [(e.id, e.title) for e in found[:20]]

    async def jury(self, desk: Desk, event_id: int) -> ContestJury:
        event = await self.experts.event(event_id)
        if event is None or event.kind is not EventKind.CONTEST or event.status != "published":
            raise Refusal("xp-contest-gone")
        if not contest_in_scope(event, desk.scope):
            raise Refusal("xp-out-of-scope")
        found, _total = await self.experts.pool(
            desk.scope, [ExpertStatus.ACTIVE, ExpertStatus.PAUSED], limit=40
        )
        rows = [PoolRow(e, u, load, done) for e, u, load, done in found]
        return ContestJury(event, rows, await self.experts.jury(event_id))

    async def toggle_jury(self, desk: Desk, event_id: int, expert: Expert) -> ContestJury:
        await self.jury(desk, event_id)  # the contest is there
        await self.experts.toggle_jury(event_id, expert.id, desk.user.id, self.clock())
        return await self.jury(desk, event_id)

    # --- the certificate ---------------------------------------------------------------------------

    async def certificate(self, user: User | None, practice_id: int) -> Certificate:
        """The author's certificate of a published practice (nobody else's)."""
        practice = await self.experts.practice(practice_id)
        if user is None or practice is None or practice.author_id != user.id:
            raise Refusal("xp-not-yours")
        if practice.status is not PracticeStatus.PUBLISHED:
            raise Refusal("xp-not-published")
        done = [
            r
            for r in await self.experts.round_reviews(practice.id, practice.round)
            if r.status is ReviewStatus.DONE
        ]
        means = mean_scores([r.scores for r in done], self.sheet)
        totals = [self.sheet.total(r.scores) for r in done]
        school = user.school.name if user.school is not None else None
        place = user.municipality.name if user.municipality is not None else None
        decided = practice.published_at or practice.decided_at or self.clock()
        return Certificate(
            number=f"{practice.id}-{practice.round}",
            title=practice.title,
            author=user.full_name or "",
            school=school,
            municipality=place,
            subjects=tuple(practice.subjects or ()),
            form=practice.form.value if practice.form is not None else None,
            decided_on=local_today(decided, zone_of(user, self.timezone)),
            experts=len(done),
            rows=tuple(
                CertRow(c.key, means[c.key], self.sheet.max_points)
                for c in self.sheet.criteria
                if c.key in means
            ),
            mean_total=round(sum(totals) / len(totals), 1) if totals else 0.0,
            max_total=self.sheet.max_total,
            threshold=self.sheet.threshold,
        )


__all__ = ["ExpertiseService", "Submitted", "fits", "join_pool"]

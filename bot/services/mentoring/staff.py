"""Staff's side: run the matching and confirm pairs (all, one by one, or another mentor), pairs at
risk, one pair's state, mentors' applications, the report. Municipal staff reach their municipality
only (`scope_of`); the pair's people are introduced once it is confirmed."""

from __future__ import annotations

from bot.domain.errors import Refusal
from bot.domain.mentoring import PairStatus
from bot.domain.roles import Role
from bot.services.mentoring import pairs
from bot.services.mentoring.access import (
    STAFF_ROLES,
    Decided,
    NotAllowed,
    NotYours,
    application_in_scope,
    in_scope,
    pair_in_scope,
    require,
    scope_of,
)
from bot.services.mentoring.base import ServiceBase
from bot.services.mentoring.notices import (
    ApplicationDecided,
    MenteeIntroduced,
    MentorIntroduced,
    card_of,
    mentor_card,
)
from bot.services.mentoring.report import PairRow, Report, report_meetings
from bot.services.mentoring.report import report as build_report
from bot.services.mentoring.views import (
    Applications,
    Desk,
    MatchScope,
    OtherMentors,
    Outcome,
    ProposalCard,
    Proposals,
    ReportFile,
    ScopedApplication,
    ScopedPair,
    StaffHome,
    StaffPairCard,
)
from storage.models import MentorPair, User

GONE = "mts-pair-gone"
DECIDED = "mts-pair-decided"
CANNOT = "mts-cannot-confirm"


class StaffSide(ServiceBase):
    async def _report(self, scope: int | None) -> Report:
        return await build_report(self.repos, scope, self.clock(), self.today_of(None))

    async def desk(self, user: User | None, roles: frozenset[Role]) -> Desk:
        """A staff member at work (the router's role gate said first: a filter runs before it)."""
        require(roles, STAFF_ROLES)
        return Desk(user, scope_of(user, roles))

    async def staff_home(self, desk: Desk) -> StaffHome:
        scope = desk.scope
        applications = len(await self.repos.mentoring.applications(scope))
        return StaffHome(await self._report(scope), applications)

    async def _people(self, found: list[MentorPair]) -> dict[int, User]:
        ids = sorted({p.mentee_id for p in found} | {p.mentor_id for p in found})
        return await self.repos.mentoring.users(ids)

    async def proposals(self, desk: Desk, page: int = 0) -> Proposals:
        found = await self.repos.mentoring.proposed(desk.scope)
        return Proposals(found, await self._people(found), None, page)

    # --- matching ------------------------------------------------------------------------------------

    async def pick_scope(self, desk: Desk) -> Proposals | MatchScope:
        """A municipal service runs its own matching; the regional centre chooses where first."""
        scope = desk.scope
        if scope is not None:
            return await self._match(scope)
        municipalities, _total = await self.directory.municipalities()
        return MatchScope(municipalities)

    async def run_matching(self, desk: Desk, municipality_id: int) -> Proposals:
        wanted = municipality_id or None
        if not in_scope(desk.scope, wanted):  # None = the whole region: the regional centre only
            raise Refusal(GONE)
        return await self._match(wanted)

    async def _match(self, scope: int | None) -> Proposals:
        run = await pairs.run_matching(self.repos, scope, self.clock().year)
        await self.uow.commit()  # thousands of rows: not held over the screen's edit
        return Proposals(run.proposals, await self._people(run.proposals), len(run.unmatched))

    # --- a proposal ----------------------------------------------------------------------------------

    async def scoped_pair(self, desk: Desk, pair_id: int) -> ScopedPair:
        try:
            return ScopedPair(*await pair_in_scope(self.repos, pair_id, desk.scope))
        except NotYours:
            raise Refusal(GONE) from None

    async def _proposal(self, pair: MentorPair, mentee: User, mentor: User, page: int) -> ProposalCard:
        profile = await self.repos.mentoring.profile(mentor.id)
        load = await self.repos.mentoring.load(mentor.id)
        return ProposalCard(pair, mentee, mentor, load, profile.capacity if profile else 2, page)

    async def proposal(self, scoped: ScopedPair, page: int) -> ProposalCard:
        if scoped.pair.status != PairStatus.PROPOSED:
            raise Refusal(DECIDED, alert=False)
        return await self._proposal(scoped.pair, scoped.mentee, scoped.mentor, page)

    async def _introduce(self, pair: MentorPair, mentee: User, mentor: User) -> None:
        """Both people are told and introduced: each gets the other's card."""
        await self.notifier.tell(
            mentor, MenteeIntroduced(pair.id, card_of(mentee)), dedupe=f"mn-intro:{pair.id}:{mentor.id}"
        )
        card = mentor_card(pair, mentor, await self.repos.mentoring.profile(mentor.id))
        await self.notifier.tell(mentee, MentorIntroduced(card), dedupe=f"mn-intro:{pair.id}:{mentee.id}")

    async def _after_decision(self, desk: Desk, page: int) -> object:
        left = await self.proposals(desk, page)
        return left if left.pairs else await self.staff_home(desk)

    async def confirm(self, desk: Desk, scoped: ScopedPair, page: int) -> Outcome:
        """Atomic in the database (see `pairs.confirm`): of two staff confirming at once, one wins and
        introduces the pair; the other is told it is decided. Committed before the screen."""
        try:
            await pairs.confirm(self.repos, scoped.pair, self.clock(), self.today_of(None))
        except Decided:
            # Someone confirmed (or rejected) it first and introduced the pair: show what is left.
            note = DECIDED
        except NotAllowed:
            raise Refusal(CANNOT) from None
        else:
            await self._introduce(scoped.pair, scoped.mentee, scoped.mentor)
            await self.uow.commit()
            note = "mts-confirmed"
        return Outcome(await self._after_decision(desk, page), note)

    async def confirm_all(self, desk: Desk) -> Outcome:
        done = await pairs.confirm_all(self.repos, desk.scope, self.clock(), self.today_of(None))
        people = await self._people(done)
        for pair in done:
            await self._introduce(pair, people[pair.mentee_id], people[pair.mentor_id])
        await self.uow.commit()
        return Outcome(await self.staff_home(desk), "mts-confirmed-all", {"count": len(done)}, answer=False)

    async def others(self, scoped: ScopedPair, page: int) -> OtherMentors:
        return OtherMentors(scoped.pair, await pairs.other_mentors(self.repos, scoped.pair), page)

    async def pick(self, scoped: ScopedPair, mentor_id: int, page: int) -> ProposalCard:
        try:
            await pairs.choose_other(self.repos, scoped.pair, mentor_id)
        except (NotAllowed, NotYours):
            raise Refusal(CANNOT) from None
        mentor = await self.repos.users.by_id(scoped.pair.mentor_id)
        if mentor is None:
            raise Refusal(CANNOT)
        return await self._proposal(scoped.pair, scoped.mentee, mentor, page)

    async def reject(self, desk: Desk, scoped: ScopedPair, page: int) -> Outcome:
        note = None
        try:
            await pairs.reject(self.repos, scoped.pair, self.clock())
        except NotAllowed:
            note = DECIDED
        return Outcome(await self.proposals(desk, page), note)

    # --- pairs at risk, one pair ----------------------------------------------------------------------

    async def at_risk(self, desk: Desk) -> list[PairRow]:
        return (await self._report(desk.scope)).at_risk

    async def staff_pair(self, scoped: ScopedPair, target: PairStatus | None = None) -> Outcome:
        """The pair; with `target`, paused, resumed or completed first."""
        note = None
        if target is not None:
            try:
                await pairs.end_pair(self.repos, scoped.pair, target, self.clock())
            except NotAllowed:
                note = DECIDED
        meetings = len(await self.repos.mentoring.meetings(scoped.pair.id))
        return Outcome(StaffPairCard(scoped.pair, scoped.mentee, scoped.mentor, meetings), note)

    async def rematch(self, desk: Desk, scoped: ScopedPair) -> Outcome:
        """The pair does not work out: it is cancelled and another mentor is proposed for the young one."""
        try:
            await pairs.end_pair(self.repos, scoped.pair, PairStatus.CANCELLED, self.clock())
        except NotAllowed:
            raise Refusal(DECIDED, alert=False) from None
        options = await pairs.other_mentors(self.repos, scoped.pair)
        if not options:
            return Outcome(await self.staff_home(desk), "mts-others-none", answer=False)
        best, value, reasons, _load, _capacity = options[0]
        proposal = await self.repos.mentoring.add_pair(
            mentor_id=best.id,
            mentee_id=scoped.mentee.id,
            status=PairStatus.PROPOSED,
            score=value,
            reasons=[r.value for r in reasons],
        )
        return Outcome(await self._proposal(proposal, scoped.mentee, best, 0))

    # --- applications ---------------------------------------------------------------------------------

    async def scoped_application(self, desk: Desk, application_id: int) -> ScopedApplication:
        try:
            return ScopedApplication(*await application_in_scope(self.repos, application_id, desk.scope))
        except NotYours:
            raise Refusal(GONE) from None

    async def applications(self, desk: Desk) -> Applications:
        return Applications(await self.repos.mentoring.applications(desk.scope))

    async def decide(
        self,
        desk: Desk,
        scoped: ScopedApplication,
        approve: bool,
        actor_tg_id: int,
    ) -> Outcome:
        """Approve (the mentor role is granted) or decline; the applicant is told."""
        try:
            await pairs.decide(self.repos, scoped.application, desk.user, approve, actor_tg_id, self.clock())
        except NotAllowed:
            note = DECIDED
        else:
            await self.notifier.tell(scoped.applicant, ApplicationDecided(approve))
            note = "mts-app-done"
        return Outcome(await self.applications(desk), note)

    # --- the report -----------------------------------------------------------------------------------

    async def report(self, desk: Desk) -> Report:
        return await self._report(desk.scope)

    async def report_file(self, desk: Desk) -> ReportFile:
        data = await self._report(desk.scope)
        return ReportFile(data, await report_meetings(self.repos, data), self.today_of(None))

"""The teacher's side of mentoring: a young specialist's mentor (or asking for one), applying to
mentor, the mentee's answers (a meeting, its rating, the fit check), the adaptation check, the log."""

from __future__ import annotations

from bot.domain.errors import Refusal
from bot.domain.mentoring import ADAPT_DONE, FitAnswer, PairStatus
from bot.services.mentoring import log, pairs
from bot.services.mentoring.access import (
    NotAllowed,
    NotYours,
    either_pair,
    is_mentor,
    is_young,
    mentee_pair,
    own_meeting,
)
from bot.services.mentoring.asking import ask_next
from bot.services.mentoring.base import ServiceBase
from bot.services.mentoring.notices import (
    ApplicationArrived,
    FitRefused,
    MeetingDisputed,
    MentorCard,
    mentor_card,
)
from bot.services.mentoring.views import (
    AlreadyMentor,
    CheckStep,
    Journal,
    Membership,
    NoMentor,
    NotYoung,
    OwnedMeeting,
    Wishes,
)
from bot.services.notices import Letter
from storage.models import AdaptationCheck, MentorMeeting, MentorPair, User

NOT_YOURS = "mn-not-yours"
ANSWERED = "mn-already-answered"


class YoungSide(ServiceBase):
    async def home(self, user: User) -> MentorCard | NoMentor | AlreadyMentor | NotYoung:
        if is_young(user, self.clock().year):
            pair = await pairs.current_pair(self.repos, user)
            if pair is not None:
                mentor = await self.repos.users.by_id(pair.mentor_id)
                if mentor is not None:
                    return mentor_card(pair, mentor, await self.repos.mentoring.profile(mentor.id))
            proposed = bool(await self.repos.mentoring.pairs_of_mentee(user.id, (PairStatus.PROPOSED,)))
            requested = await self.repos.mentoring.request(user.id) is not None
            return NoMentor(requested, proposed)
        if is_mentor(user):
            return AlreadyMentor()
        return NotYoung(await self.repos.mentoring.pending_application(user.id) is not None)

    # --- asking for a mentor -------------------------------------------------------------------

    def _young_only(self, user: User) -> tuple[str, ...]:
        if not is_young(user, self.clock().year):
            raise Refusal("mn-only-young")
        return tuple(s.subject for s in user.subjects)

    async def start_wishes(self, user: User) -> Wishes:
        subjects = self._young_only(user)
        request = await self.repos.mentoring.request(user.id)
        if request is None:
            return Wishes(subjects)
        return Wishes(subjects, request.want_subject, request.want_same_school)

    def wish_subject(self, user: User, wishes: Wishes, chosen: str) -> Wishes:
        """The subject tapped is chosen, or unchosen when it was (one at most)."""
        subjects = self._young_only(user)
        subject = chosen if chosen in subjects else None
        return Wishes(subjects, None if wishes.subject == subject else subject, wishes.same_school)

    def wish_school(self, user: User, wishes: Wishes, same_school: bool) -> Wishes:
        return Wishes(self._young_only(user), wishes.subject, same_school)

    async def ask(
        self, user: User, subject: str | None, same_school: bool
    ) -> MentorCard | NoMentor | AlreadyMentor | NotYoung:
        try:
            await pairs.ask(self.repos, user, subject, same_school, self.clock().year)
        except NotAllowed:
            raise Refusal("mn-only-young") from None
        return await self.home(user)

    # --- applying to mentor ----------------------------------------------------------------------

    async def may_apply(self, user: User) -> None:
        if is_mentor(user) or await self.repos.mentoring.pending_application(user.id) is not None:
            raise Refusal("mn-applied-already", alert=False)

    async def apply(self, user: User, about: str | None, capacity: int) -> NotYoung | None:
        """The application, and staff of the teacher's municipality are told; None: applied before."""
        try:
            await pairs.apply(self.repos, user, about, capacity)
        except (NotAllowed, ValueError):
            return None
        staff = await self.repos.mentoring.staff(user.municipality_id)
        await self.notifier.tell_many(Letter(person, ApplicationArrived(user.full_name)) for person in staff)
        return NotYoung(pending=True)

    # --- the mentee's side of a meeting ----------------------------------------------------------

    async def mentee_meeting(self, user: User | None, meeting_id: int) -> OwnedMeeting:
        if user is None:
            raise Refusal(NOT_YOURS)
        try:
            return OwnedMeeting(*await own_meeting(self.repos, user, meeting_id, as_mentor=False))
        except NotYours:
            raise Refusal(NOT_YOURS) from None

    async def answer_meeting(self, user: User, owned: OwnedMeeting, held: bool) -> MentorMeeting | None:
        """The mentee confirms the meeting (it is returned, to be rated: their next question waits
        for the rating) or says it did not take place (None; the mentor is told, and the next
        question goes out)."""
        try:
            if held:
                await log.confirm_meeting(self.repos, owned.meeting, self.clock())
            else:
                await log.dispute_meeting(self.repos, owned.meeting, self.clock())
        except NotAllowed:
            raise Refusal(ANSWERED, alert=False) from None
        if held:
            return owned.meeting
        mentor = await self.repos.users.by_id(owned.pair.mentor_id)
        if mentor is not None:
            await self.notifier.tell(mentor, MeetingDisputed(user.full_name, owned.meeting.held_on))
        await ask_next(self.repos, self.notifier, user, self.clock())
        return None

    async def rate(self, owned: OwnedMeeting, value: str) -> MentorMeeting:
        meeting = owned.meeting
        try:
            await log.rate_meeting(self.repos, meeting, int(value or 0), meeting.rating_comment)
        except (NotAllowed, ValueError):
            raise Refusal(ANSWERED, alert=False) from None
        return meeting

    async def comment(self, user: User, meeting_id: int, comment: str) -> None:
        """The rating's comment; the meeting is answered, the next question goes out."""
        try:
            meeting, _pair = await own_meeting(self.repos, user, meeting_id, as_mentor=False)
            await log.rate_meeting(self.repos, meeting, meeting.rating or 0, comment)
        except (NotYours, NotAllowed):
            raise Refusal(NOT_YOURS) from None
        await ask_next(self.repos, self.notifier, user, self.clock())

    async def skip_comment(self, user: User, owned: OwnedMeeting) -> None:
        """«Без комментария»: the meeting is answered, the next question goes out."""
        meeting = owned.meeting
        if meeting.rating is not None and meeting.rating_comment is None:
            await log.rate_meeting(self.repos, meeting, meeting.rating, "")
        await ask_next(self.repos, self.notifier, user, self.clock())

    async def mentee_pair(self, user: User | None, pair_id: int) -> MentorPair:
        if user is None:
            raise Refusal(NOT_YOURS)
        try:
            return await mentee_pair(self.repos, user, pair_id)
        except NotYours:
            raise Refusal(NOT_YOURS) from None

    async def answer_fit(self, user: User, pair: MentorPair, value: str) -> FitAnswer:
        """The mentee's answer; staff hear of a «no» (once); the next question goes out."""
        try:
            answer = FitAnswer(value)
        except ValueError:
            raise Refusal(NOT_YOURS) from None
        if await log.answer_fit(self.repos, pair, answer, self.clock()):
            mentor = await self.repos.users.by_id(pair.mentor_id)
            notice = FitRefused(pair.id, user.full_name, mentor.full_name if mentor else None)
            staff = await self.repos.mentoring.staff(user.municipality_id)
            await self.notifier.tell_many(Letter(person, notice) for person in staff)
        await ask_next(self.repos, self.notifier, user, self.clock())
        return answer

    # --- the adaptation check ------------------------------------------------------------------

    async def own_check(self, user: User | None, check_id: int) -> AdaptationCheck:
        check = await self.repos.mentoring.check(check_id)
        if check is None or user is None or check.user_id != user.id:
            raise Refusal(NOT_YOURS)
        return check

    async def answer_check(self, check: AdaptationCheck, position: int, value: str) -> CheckStep:
        try:
            following = await log.answer_check(self.repos, check, position, value, self.clock())
        except NotAllowed:
            if check.finished_at is not None:
                raise Refusal("adapt-finished", alert=False) from None
            return CheckStep(check, "adapt-pick-one" if value == ADAPT_DONE else "route-stale")
        return CheckStep(check if following is not None else None)

    # --- the meeting log, for both of a pair ------------------------------------------------------

    async def either_pair(self, user: User | None, pair_id: int) -> Membership:
        if user is None:
            raise Refusal(NOT_YOURS)
        try:
            return Membership(*await either_pair(self.repos, user, pair_id))
        except NotYours:
            raise Refusal(NOT_YOURS) from None

    async def journal(self, membership: Membership) -> Journal:
        pair = membership.pair
        other = await self.repos.users.by_id(pair.mentee_id if membership.as_mentor else pair.mentor_id)
        if other is None:
            raise Refusal(NOT_YOURS, alert=False)
        return Journal(pair, other, await self.repos.mentoring.meetings(pair.id), membership.as_mentor)

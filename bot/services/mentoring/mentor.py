"""The mentor's side: «Мои молодые специалисты», the mentor card, and the meeting log — a form of five
taps whose token makes a double save one meeting; the mentee is asked «всё верно?» (`asking`: when
no other question of theirs is waiting)."""

from __future__ import annotations

import contextlib
import secrets
from datetime import date, timedelta
from enum import StrEnum

from bot.domain.errors import Refusal
from bot.domain.mentoring import HOLDING, MeetingFormat, PairStatus, parse_capacity
from bot.domain.roles import Role
from bot.services.mentoring import log
from bot.services.mentoring.access import (
    MENTOR_ROLES,
    NotAllowed,
    NotYours,
    mentor_pair,
    own_meeting,
    require,
)
from bot.services.mentoring.asking import ask_next
from bot.services.mentoring.base import ServiceBase
from bot.services.mentoring.views import (
    AskDate,
    AskDuration,
    AskFormat,
    AskTopic,
    FormGone,
    FormStep,
    Journal,
    MeetingCard,
    Mentees,
    OwnedMeeting,
    PairCard,
    Saved,
    Summary,
)
from storage.models import MentorPair, MentorProfile, User

OLDEST_DAYS = 30  # a meeting can be logged up to a month back
NOT_YOURS = "mn-not-yours"
FORM_GONE = "mn-form-gone"

Form = dict[str, object]


class Question(StrEnum):
    """The meeting form's questions in order (`MentorAction.LOG_GO`'s values): format, topic, duration,
    the summary with «Сохранить»."""

    FORMAT = "fmt"
    TOPIC = "topic"
    MINUTES = "min"
    SUMMARY = "sum"


class FormField(StrEnum):
    """What a tap on the meeting form sets (the values are MentorCD's actions)."""

    FORMAT = "log_fmt"
    TOPIC = "log_topic"
    MINUTES = "log_min"
    DAY = "log_day"
    DATES = "log_dates"  # not a field: the choice of dates


class MentorSide(ServiceBase):
    async def mentees(self, user: User) -> Mentees:
        pairs = await self.repos.mentoring.pairs_of_mentor(user.id, tuple(HOLDING))
        return Mentees(pairs, await self.repos.mentoring.profile(user.id))

    # --- the mentor card ------------------------------------------------------------------------

    async def card(self, user: User) -> MentorProfile | None:
        return await self.repos.mentoring.profile(user.id)

    async def toggle_format(self, user: User, value: str) -> MentorProfile | None:
        card = await self.repos.mentoring.profile(user.id)
        if value not in set(MeetingFormat):
            return card
        formats = list(card.formats or []) if card else []
        formats = [f for f in formats if f != value] if value in formats else [*formats, value]
        return await self.repos.mentoring.save_profile(user.id, formats=formats)

    async def set_capacity(self, user: User, value: str) -> MentorProfile | None:
        card = await self.repos.mentoring.profile(user.id)
        if value.isdigit():
            with contextlib.suppress(ValueError):
                card = await self.repos.mentoring.save_profile(user.id, capacity=parse_capacity(int(value)))
        return card

    async def save_about(self, user: User, about: str | None) -> MentorProfile:
        return await self.repos.mentoring.save_profile(user.id, about=about)

    # --- a pair -------------------------------------------------------------------------------------

    async def mentor_pair(self, user: User | None, roles: frozenset[Role], pair_id: int) -> MentorPair:
        require(roles, MENTOR_ROLES)
        if user is None:
            raise Refusal(NOT_YOURS)
        try:
            return await mentor_pair(self.repos, user, pair_id)
        except NotYours:
            raise Refusal(NOT_YOURS) from None

    async def pair_card(self, pair: MentorPair, note: str | None = None) -> PairCard | None:
        mentee = await self.repos.users.by_id(pair.mentee_id)
        if mentee is None:
            return None
        return PairCard(pair, mentee, await self.repos.mentoring.meetings(pair.id), note)

    # --- the meeting form -------------------------------------------------------------------------

    def open_form(self, user: User, pair: MentorPair) -> Form:
        """A new form for the pair; the token names it, so saving it twice records one meeting."""
        if pair.status != PairStatus.ACTIVE:
            raise Refusal("mn-paused")
        return {"pair": pair.id, "token": secrets.token_hex(8), "day": self.today_of(user).isoformat()}

    async def next_question(self, user: User, pair_id: int, form: Form) -> FormStep:
        """The next question of the form, or the summary with «Сохранить»."""
        if "format" not in form:
            return AskFormat(pair_id)
        if "topic" not in form:
            return AskTopic(pair_id, await self.repos.mentoring.recent_topics(user.id))
        if "minutes" not in form:
            return AskDuration(pair_id)
        return Summary(pair_id, form)

    async def question(self, user: User, pair_id: int, form: Form, which: Question) -> FormStep:
        """`which` question of the form (the person went back to it, or on from it keeping the
        answer); the first unanswered one when an earlier question has no answer yet."""
        order = list(Question)
        needed = {Question.TOPIC: "format", Question.MINUTES: "topic", Question.SUMMARY: "minutes"}
        if any(needed[q] not in form for q in order[1 : order.index(which) + 1]):
            return await self.next_question(user, pair_id, form)
        if which is Question.FORMAT:
            return AskFormat(pair_id)
        if which is Question.TOPIC:
            return AskTopic(pair_id, await self.repos.mentoring.recent_topics(user.id))
        if which is Question.MINUTES:
            return AskDuration(pair_id)
        return Summary(pair_id, form)

    async def form_step(
        self, user: User, pair: MentorPair, form: Form | None, field: FormField, value: str
    ) -> FormStep:
        """Set what was tapped (in `form`, in place) and ask the question after it (its answer shown,
        when given before); a tap that set nothing asks the first unanswered question."""
        if form is None:
            card = await self.pair_card(pair, FORM_GONE)
            if card is None:
                raise Refusal(FORM_GONE, alert=False)
            return FormGone(card)
        today = self.today_of(user)
        if field is FormField.DATES:
            return AskDate(pair.id, today)
        if field is FormField.FORMAT and value in set(MeetingFormat):
            form["format"] = value
            return await self.question(user, pair.id, form, Question.TOPIC)
        if field is FormField.TOPIC:
            recent = await self.repos.mentoring.recent_topics(user.id)
            index = int(value) if value.isdigit() else -1
            if 0 <= index < len(recent):
                form["topic"] = recent[index]
                return await self.question(user, pair.id, form, Question.MINUTES)
        elif field is FormField.MINUTES and value.isdigit():
            form["minutes"] = int(value)
            return await self.question(user, pair.id, form, Question.SUMMARY)
        elif field is FormField.DAY:
            try:
                day = date.fromisoformat(value)
            except ValueError:
                day = today
            if today - timedelta(days=OLDEST_DAYS) <= day <= today:
                form["day"] = day.isoformat()
        return await self.next_question(user, pair.id, form)

    async def save(self, user: User, pair: MentorPair, form: Form | None, token: str) -> Saved:
        """Save the form as a meeting; the mentee is asked to confirm it — now, or once they have
        answered the question they have (`asking`)."""
        if form is None or form.get("token") != token:
            # Saved already (a double tap): one meeting, say so.
            if token and await self.repos.mentoring.meeting_by_token(token) is not None:
                raise Refusal("mn-saved-already", alert=False)
            raise Refusal(FORM_GONE, alert=False)
        try:
            logged = await log.log_meeting(
                self.repos,
                pair,
                token=token,
                held_on=date.fromisoformat(str(form["day"])),
                meeting_format=MeetingFormat(str(form["format"])),
                topic=str(form["topic"]),
                minutes=int(str(form["minutes"])),
                note=str(form["note"]) if form.get("note") else None,
                photo_file_id=str(form["photo"]) if form.get("photo") else None,
                now=self.clock(),
            )
        except (NotAllowed, KeyError, ValueError):
            raise Refusal(FORM_GONE, alert=False) from None
        if not logged.created:
            return Saved(None, again=True)
        mentee = await self.repos.users.by_id(pair.mentee_id)
        if mentee is not None:
            await ask_next(self.repos, self.notifier, mentee, self.clock())
        return Saved(await self.pair_card(pair, "mn-saved"))

    # --- a logged meeting ---------------------------------------------------------------------------

    async def mentor_meeting(
        self, user: User | None, roles: frozenset[Role], meeting_id: int
    ) -> OwnedMeeting:
        require(roles, MENTOR_ROLES)
        if user is None:
            raise Refusal(NOT_YOURS)
        try:
            return OwnedMeeting(*await own_meeting(self.repos, user, meeting_id, as_mentor=True))
        except NotYours:
            raise Refusal(NOT_YOURS) from None

    async def meeting_card(self, owned: OwnedMeeting, minutes: str | None = None) -> MeetingCard:
        """The meeting; with `minutes`, its duration changed first."""
        meeting = owned.meeting
        if minutes is not None and minutes.isdigit() and int(minutes) != meeting.minutes:
            await log.edit_meeting(self.repos, owned.pair, meeting, minutes=int(minutes))
            return MeetingCard(owned.pair, meeting, "mn-edited")
        return MeetingCard(owned.pair, meeting)

    async def edit_topic(self, user: User, meeting_id: int, topic: str) -> MeetingCard:
        owned = await self.mentor_meeting(user, MENTOR_ROLES, meeting_id)
        await log.edit_meeting(self.repos, owned.pair, owned.meeting, topic=topic)
        return MeetingCard(owned.pair, owned.meeting)

    async def delete(self, owned: OwnedMeeting) -> Journal | None:
        """The meeting is deleted; the pair's log again. The mentee's question about it, if it was
        the one out, gives way to their next."""
        pair = owned.pair
        await log.delete_meeting(self.repos, pair, owned.meeting)
        mentee = await self.repos.users.by_id(pair.mentee_id)
        if mentee is None:
            return None
        await ask_next(self.repos, self.notifier, mentee, self.clock())
        return Journal(pair, mentee, await self.repos.mentoring.meetings(pair.id), True)

"""The teacher's side: open a survey, a question per screen, each answer saved as given (coming
back later resumes where one stopped), send at the end."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from bot.domain import surveys as domain
from bot.domain.errors import Refusal
from bot.domain.surveys import CampaignStatus, InviteStatus, QType
from bot.services.surveys.base import SurveyBase
from bot.services.surveys.templates import template_of
from bot.services.surveys.views import Answering, Gone, MySurveys, Problem, SurveyStep, Thanks
from storage.models import User


class Press(StrEnum):
    """A button under a question (the same strings as the callback actions)."""

    ANSWER = "a"
    TOGGLE = "t"  # a multiple choice: one option on or off
    NEXT = "n"  # a multiple choice: done
    SKIP = "s"
    BACK = "b"


class TeacherSide(SurveyBase):
    async def my_surveys(self, user: User) -> MySurveys:
        found = await self.surveys.open_invites(user.id, self.clock())
        return MySurveys([(i, c) for i, _w, c in found], await self.surveys.answered_count(user.id))

    async def answering(self, user: User | None, invite_id: int) -> Answering:
        """The invite of this person, still open; `Refusal` (gone, done already, closed) otherwise."""
        invite = await self.surveys.invite(invite_id)
        if invite is None or user is None or invite.user_id != user.id:
            raise Refusal("sv-gone")
        wave = await self.surveys.wave(invite.wave_id)
        campaign = await self.surveys.campaign(wave.campaign_id) if wave is not None else None
        if wave is None or campaign is None:
            raise Refusal("sv-gone")
        if invite.status == InviteStatus.DONE:
            raise Refusal("sv-done-already")
        if self.clock() >= wave.closes_at or campaign.status != CampaignStatus.ACTIVE:
            raise Refusal("sv-closed")
        return Answering(invite, wave, campaign, template_of(campaign))

    def open(self, ctx: Answering, at: int | None = None) -> SurveyStep:
        """Where the person comes back to; `at`: a question asked for by a button, if still on the way."""
        return SurveyStep(ctx, at if at is not None and ctx.current(at) else ctx.resume())

    async def press(self, ctx: Answering, index: int, step: Press, value: str) -> SurveyStep:
        """A button under question `index`; returns the screen that comes next."""
        if not ctx.current(index):
            return SurveyStep(ctx, ctx.resume(), note="sv-stale")
        question = ctx.template.questions[index]
        if step is Press.BACK:
            return SurveyStep(ctx, domain.previous_index(ctx.template, ctx.answers, index))
        if step is Press.SKIP:
            if question.required:
                raise Refusal("sv-required")
            return SurveyStep(ctx, await self._skip(ctx, index))
        if step in (Press.TOGGLE, Press.NEXT) and question.type != QType.MULTI:
            raise Refusal("sv-stale", alert=False)
        if step is Press.TOGGLE:
            if question.option(value) is None:
                raise Refusal("sv-stale", alert=False)
            await self._keep_choices(ctx, index, domain.toggle(ctx.answers.get(question.id), value))
            return SurveyStep(ctx, index)
        if step is Press.NEXT:
            given = ctx.answers.get(question.id)
            if given:
                return SurveyStep(ctx, await self._give(ctx, index, given))
            if question.required:
                raise Refusal("sv-multi-empty")
            return SurveyStep(ctx, await self._skip(ctx, index))
        try:
            answer = domain.parse_choice(question, value)
        except domain.Invalid as bad:
            raise Refusal(bad.key, alert=False, **bad.args_) from None
        return SurveyStep(ctx, await self._give(ctx, index, answer))

    async def type_answer(
        self, user: User | None, invite_id: int, index: int, text: str | None
    ) -> SurveyStep | Gone:
        """A typed answer; anything but text (a sticker, a photo) gets the question again with a hint."""
        try:
            ctx = await self.answering(user, invite_id)
        except Refusal as refusal:
            return Gone(refusal.key)
        if not ctx.current(index):
            return SurveyStep(ctx, ctx.resume())
        if text is None:
            return SurveyStep(ctx, index, problem=Problem("sv-need-text"))
        try:
            answer = domain.parse_typed(ctx.template.questions[index], text)
        except domain.Invalid as bad:
            return SurveyStep(ctx, index, problem=Problem(bad.key, bad.args_))
        return SurveyStep(ctx, await self._give(ctx, index, answer))

    async def send(self, ctx: Answering) -> SurveyStep | Thanks:
        """Store the finished answers (anonymously when the campaign is), or show what is missing."""
        if domain.missing_required(ctx.template, ctx.answers):
            return SurveyStep(ctx, None)
        now = self.clock()
        answers = domain.visible_answers(ctx.template, ctx.answers)
        anonymous = ctx.campaign.anonymous
        if anonymous:
            await self.surveys.add_pending(ctx.wave.id, answers)
        else:
            await self.surveys.add_response(ctx.wave.id, ctx.invite.user_id, answers, now.date())
        await self.surveys.set_invite(
            ctx.invite,
            status=InviteStatus.DONE,
            draft={},
            skipped=[],
            done_at=None if anonymous else now,
            started_at=None if anonymous else ctx.invite.started_at,
        )
        return Thanks(ctx.template, domain.concerned(ctx.template, answers), anonymous)

    # --- saving, a step at a time --------------------------------------------------------------------

    async def _give(self, ctx: Answering, index: int, value: Any) -> int | None:
        """Save one answer as given; returns the next question's index (None: all asked)."""
        question = ctx.template.questions[index]
        answers = ctx.answers
        answers[question.id] = value
        answers = domain.visible_answers(ctx.template, answers)
        skipped = [s for s in (ctx.invite.skipped or []) if s != question.id]
        following = domain.next_index(ctx.template, answers, index)
        await self.surveys.set_invite(
            ctx.invite,
            draft=answers,
            skipped=skipped,
            status=InviteStatus.ANSWERING,
            position=following if following is not None else len(ctx.template.questions),
            started_at=ctx.invite.started_at or (None if ctx.campaign.anonymous else self.clock()),
        )
        return following

    async def _keep_choices(self, ctx: Answering, index: int, chosen: list[str]) -> None:
        """A multiple choice in progress (each tap is saved, so nothing is lost on a restart)."""
        question = ctx.template.questions[index]
        answers = ctx.answers
        if chosen:
            answers[question.id] = chosen
        else:
            answers.pop(question.id, None)
        await self.surveys.set_invite(
            ctx.invite,
            draft=answers,
            status=InviteStatus.ANSWERING,
            position=index,
            started_at=ctx.invite.started_at or (None if ctx.campaign.anonymous else self.clock()),
        )

    async def _skip(self, ctx: Answering, index: int) -> int | None:
        question = ctx.template.questions[index]
        answers = ctx.answers
        answers.pop(question.id, None)
        skipped = sorted({*(ctx.invite.skipped or []), question.id})
        following = domain.next_index(ctx.template, answers, index)
        await self.surveys.set_invite(
            ctx.invite,
            draft=answers,
            skipped=skipped,
            status=InviteStatus.ANSWERING,
            position=following if following is not None else len(ctx.template.questions),
        )
        return following

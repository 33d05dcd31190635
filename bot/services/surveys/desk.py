"""A campaign at the desk of someone who may manage it: what the `Own…` filters inject into staff's
handlers (`own` checked the person's scope and, when asked, that it is or is not a draft)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.domain import surveys as domain
from bot.domain.errors import Refusal
from bot.domain.events import Audience
from bot.domain.roles import Role
from bot.domain.surveys import CampaignStatus, Recurrence
from bot.domain.time import zone_of
from bot.services.audience import AudienceStep, AudienceView, ChoicesView, staff_reach
from bot.services.surveys.templates import schedule_of, template_of
from bot.services.surveys.views import (
    AnswerRow,
    CampaignList,
    Card,
    Confirm,
    Export,
    Results,
    StopAsk,
    WaveFigures,
)
from bot.services.surveys.waves import open_due_wave
from storage.models import SurveyCampaign, User

if TYPE_CHECKING:
    from bot.services.surveys.campaigns import StaffSide


class CampaignDesk:
    def __init__(
        self, side: StaffSide, campaign: SurveyCampaign, user: User | None, roles: frozenset[Role]
    ) -> None:
        self.side = side
        self.surveys = side.surveys
        self.campaign = campaign
        self.user = user
        self.roles = roles
        self.timezone = zone_of(user, side.timezone)  # the person's, for the dates they see

    # --- the wizard (a draft) ------------------------------------------------------------------------

    async def audience_step(self, step: AudienceStep, value: str) -> AudienceView | ChoicesView:
        """One tap of the audience picker; whatever the buttons said, the audience stays within the
        author's scope."""
        if self.user is None:
            raise Refusal("ss-not-found")
        reach = staff_reach(self.roles, self.side.scope(self.user, self.roles), self.user)
        current = Audience.from_json(self.campaign.audience)
        edited, view = await self.side.audience.step(current, step, value, reach, self.side.clock().year)
        await self.surveys.update(self.campaign, audience=edited.to_json())
        if view is None:
            raise Refusal("ss-not-found", alert=False)
        return view

    async def retemplate(self, template_id: str) -> AudienceView:
        """Another template for the draft (the person went back to the first step); the audience
        chosen stays, the anonymity follows the template; its audience screen."""
        template = self.side.templates().found.get(template_id)
        if template is None or self.user is None:
            raise Refusal("ss-template-gone")
        await self.surveys.update(
            self.campaign,
            template_id=template.id,
            template_version=template.version,
            template=template.model_dump(mode="json"),
            title=template.title,
            anonymous=template.anonymous,
        )
        view = await self.audience_step(AudienceStep.AUDIENCE, "")
        assert isinstance(view, AudienceView)
        return view

    async def set_when(self, *, monthly: bool) -> SurveyCampaign:
        now = self.side.clock()
        if monthly:
            await self.surveys.update(
                self.campaign, recurrence=Recurrence.MONTHLY, day=1, hour=10, minute=0, starts_at=now
            )
        else:
            await self.surveys.update(self.campaign, recurrence=Recurrence.ONCE, starts_at=now)
        return self.campaign

    async def set_days(self, value: str) -> Confirm:
        if not value.isdigit() or int(value) not in domain.OPEN_DAYS:
            raise Refusal("ss-not-found", alert=False)
        await self.surveys.update(self.campaign, open_days=int(value))
        return await self.confirm()

    async def toggle_anonymous(self) -> Confirm:
        await self.surveys.update(self.campaign, anonymous=not self.campaign.anonymous)
        return await self.confirm()

    async def confirm(self) -> Confirm:
        """The last look before launching."""
        count = len(await self.side.recipients(self.campaign))
        first = domain.next_start(schedule_of(self.campaign), self.side.clock(), self.timezone)
        return Confirm(self.campaign, count, first, self.timezone)

    async def launch(self) -> Card:
        """A draft goes live. Launched «now», its wave opens here, in this transaction (the invites
        go out within seconds, not with the wave job's next run); a later one waits for that job."""
        campaign = self.campaign
        if not await self.side.recipients(campaign):
            raise Refusal("ss-nobody")
        now = self.side.clock()
        if campaign.recurrence == Recurrence.ONCE:
            start = max(campaign.starts_at, now)
            closes: datetime | None = start + timedelta(days=campaign.open_days)
        else:
            start, closes = now, None
        await self.surveys.update(
            campaign, status=CampaignStatus.ACTIVE, launched_at=now, starts_at=start, closes_at=closes
        )
        opened = await open_due_wave(self.side, campaign)
        return await self.card(note="ss-launched-now" if opened is not None else "ss-launched")

    async def drop(self) -> CampaignList:
        """Drop a draft; the list of campaigns."""
        await self.surveys.delete_campaign(self.campaign)
        return await self.side.campaigns(self.user, self.roles)

    # --- a launched campaign -------------------------------------------------------------------------

    async def card(self, page: int = 0, note: str | None = None) -> Card:
        waves = await self.waves()
        next_at = domain.next_start(schedule_of(self.campaign), self.side.clock(), self.timezone)
        return Card(self.campaign, waves, next_at, self.timezone, page, note)

    async def open(self, page: int) -> Card | Confirm:
        """The campaign's card; a draft opens at its last look before launching."""
        if self.campaign.status == CampaignStatus.DRAFT:
            return await self.confirm()
        return await self.card(page)

    async def stop(self, *, confirmed: bool) -> Card | StopAsk:
        """No more waves; an open wave closes now (answers given so far stay)."""
        campaign = self.campaign
        if campaign.status != CampaignStatus.ACTIVE:
            return await self.card(note="ss-stopped-already")
        if not confirmed:
            return StopAsk(campaign)
        now = self.side.clock()
        await self.surveys.update(campaign, status=CampaignStatus.STOPPED, finished_at=now)
        for wave in await self.surveys.waves(campaign.id):
            if wave.closes_at > now:
                await self.surveys.set_wave(wave, closes_at=now)
                await self.surveys.drop_drafts(wave.id)
        return await self.card(note="ss-stopped")

    async def waves(self) -> list[WaveFigures]:
        waves = await self.surveys.waves(self.campaign.id)
        counts = await self.surveys.invite_counts([w.id for w in waves])
        return [WaveFigures(w, *counts.get(w.id, (0, 0))) for w in waves]

    async def results(self, wave: str = "") -> Results:
        """The per-question results of a wave (`wave`: its id; the latest one otherwise)."""
        campaign = self.campaign
        wave_id = int(wave) if wave.isdigit() else 0
        template = template_of(campaign)
        waves = await self.waves()
        chosen = next((w for w in waves if w.wave.id == wave_id), waves[-1] if waves else None)
        rows = await self.surveys.responses([chosen.wave.id]) if chosen else []
        answers = [r.answers for r, _period, _user in rows]
        hidden = domain.withheld(campaign.anonymous, len(answers))
        summaries = [] if hidden else domain.summarize(template, answers)
        waiting = 0
        if chosen is not None:
            waiting = (await self.surveys.pending_counts([chosen.wave.id])).get(chosen.wave.id, 0)
        return Results(
            campaign, template, waves, chosen, summaries, hidden, len(answers), waiting, self.timezone
        )

    async def export(self) -> Export:
        """The answers for the XLSX; `Refusal` when every answer there is must stay hidden."""
        campaign = self.campaign
        waves = await self.waves()
        found = await self.surveys.responses([w.wave.id for w in waves])
        by_wave: dict[int, list[AnswerRow]] = {}
        for r, period, person in found:
            by_wave.setdefault(r.wave_id, []).append(
                AnswerRow(period, person, r.submitted_on, dict(r.answers))
            )
        rows: list[AnswerRow] = []
        in_file: dict[int, int] = {}
        withheld = 0
        for figures in waves:
            given = by_wave.get(figures.wave.id, [])
            if domain.withheld(campaign.anonymous, len(given)):
                withheld += len(given)
                given = []
            rows.extend(given)
            in_file[figures.wave.id] = len(given)
        now = self.side.clock()
        export = Export(
            campaign, template_of(campaign), waves, rows, in_file, withheld, now.date(), self.timezone, now
        )
        if export.refused:
            raise Refusal("ss-res-hidden", min=domain.ANONYMOUS_MIN)
        return export

"""Staff's side: draft a campaign from a template (audience, when, how long, anonymous), launch it,
watch its waves, read the results, take the answers as XLSX, stop it; and the schedule of jobs."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from bot.domain import surveys as domain
from bot.domain.errors import Refusal
from bot.domain.events import Audience, parse_when
from bot.domain.roles import Role
from bot.domain.surveys import CampaignStatus, Recurrence
from bot.domain.time import zone_of
from bot.services.audience import AudienceStep, AudienceView, ChoicesView, staff_reach
from bot.services.surveys.base import SurveyBase
from bot.services.surveys.templates import Templates, load_templates, schedule_of, template_of
from bot.services.surveys.views import (
    AnswerRow,
    CampaignList,
    Card,
    Confirm,
    Export,
    JobRow,
    JobsView,
    Problem,
    Results,
    StopAsk,
    WaveFigures,
)
from storage.models import SurveyCampaign, User

PAGE = 8  # campaigns on a page of the list


def may_manage(campaign: SurveyCampaign, roles: frozenset[Role], scope: int | None) -> bool:
    """Admins and regional staff every campaign; a municipal service its municipality's."""
    if Role.ADMIN in roles or scope is None:
        return True
    return campaign.scope_municipality_id == scope


class StaffSide(SurveyBase):
    async def own(
        self, user: User | None, roles: frozenset[Role], campaign_id: int, *, draft: bool | None = None
    ) -> SurveyCampaign:
        """The campaign if this person may manage it; `draft` True/False also requires it to be (not)
        a draft — a stale wizard button after launching gets a clear answer."""
        campaign = await self.surveys.campaign(campaign_id)
        if campaign is None or not may_manage(campaign, roles, self.scope(user, roles)):
            raise Refusal("ss-not-found")
        if draft is True and campaign.status != CampaignStatus.DRAFT:
            raise Refusal("ss-launched-already")
        if draft is False and campaign.status == CampaignStatus.DRAFT:
            raise Refusal("ss-still-draft")
        return campaign

    async def campaigns(self, user: User | None, roles: frozenset[Role], page: int = 0) -> CampaignList:
        scope = self.scope(user, roles)
        page = max(0, page)
        found, total = await self.surveys.campaigns(scope, page * PAGE, PAGE)
        if not found and page:
            page = 0
            found, total = await self.surveys.campaigns(scope, 0, PAGE)
        return CampaignList(found, total, page, len(load_templates().errors))

    def templates(self) -> Templates:
        return load_templates()

    # --- the wizard ----------------------------------------------------------------------------------

    async def start(
        self, user: User | None, roles: frozenset[Role], template_id: str
    ) -> tuple[SurveyCampaign, AudienceView]:
        """A draft from a template, for the municipality of a municipal service; its audience screen."""
        template = load_templates().found.get(template_id)
        if template is None or user is None:
            raise Refusal("ss-template-gone")
        scope = self.scope(user, roles)
        audience = Audience(municipalities=(scope,) if scope is not None else (), young=template.young_only)
        campaign = await self.surveys.create(
            template_id=template.id,
            template_version=template.version,
            template=template.model_dump(mode="json"),
            title=template.title,
            anonymous=template.anonymous,
            audience=audience.to_json(),
            recurrence=Recurrence.ONCE,
            starts_at=self.clock(),
            open_days=7,
            status=CampaignStatus.DRAFT,
            created_by_id=user.id,
            scope_municipality_id=scope,
        )
        return campaign, await self.audience.view(audience, self.clock().year)

    async def audience_step(
        self,
        user: User | None,
        roles: frozenset[Role],
        campaign: SurveyCampaign,
        step: AudienceStep,
        value: str,
    ) -> AudienceView | ChoicesView:
        """One tap of the audience picker; whatever the buttons said, the audience stays within the
        author's scope."""
        if user is None:
            raise Refusal("ss-not-found")
        reach = staff_reach(roles, self.scope(user, roles), user)
        current = Audience.from_json(campaign.audience)
        edited, view = await self.audience.step(current, step, value, reach, self.clock().year)
        await self.surveys.update(campaign, audience=edited.to_json())
        if view is None:
            raise Refusal("ss-not-found", alert=False)
        return view

    async def set_when(self, campaign: SurveyCampaign, *, monthly: bool) -> SurveyCampaign:
        if monthly:
            await self.surveys.update(
                campaign, recurrence=Recurrence.MONTHLY, day=1, hour=10, minute=0, starts_at=self.clock()
            )
        else:
            await self.surveys.update(campaign, recurrence=Recurrence.ONCE, starts_at=self.clock())
        return campaign

    async def set_date(
        self, user: User | None, roles: frozenset[Role], campaign_id: int, text: str
    ) -> SurveyCampaign | Problem:
        """A one-off on a typed date, in the author's time zone; a `Problem` for a date that does not
        read or has passed, and a final one (`end`) for a campaign launched or gone meanwhile."""
        campaign = await self.surveys.campaign(campaign_id)
        if (
            campaign is None
            or campaign.status != CampaignStatus.DRAFT
            or not may_manage(campaign, roles, self.scope(user, roles))
        ):
            return Problem("ss-launched-already", end=True)
        now = self.clock()
        try:
            start = parse_when(text, zone_of(user, self.timezone), now)
        except ValueError:
            return Problem("es-date-bad")
        if start <= now:
            return Problem("es-date-past")
        await self.surveys.update(campaign, recurrence=Recurrence.ONCE, starts_at=start)
        return campaign

    async def set_days(self, user: User | None, campaign: SurveyCampaign, value: str) -> Confirm:
        if not value.isdigit() or int(value) not in domain.OPEN_DAYS:
            raise Refusal("ss-not-found", alert=False)
        await self.surveys.update(campaign, open_days=int(value))
        return await self.confirm(user, campaign)

    async def toggle_anonymous(self, user: User | None, campaign: SurveyCampaign) -> Confirm:
        await self.surveys.update(campaign, anonymous=not campaign.anonymous)
        return await self.confirm(user, campaign)

    async def confirm(self, user: User | None, campaign: SurveyCampaign) -> Confirm:
        tz = zone_of(user, self.timezone)
        now = self.clock()
        count = len(await self.recipients(campaign))
        return Confirm(campaign, count, domain.next_start(schedule_of(campaign), now, tz), tz)

    async def launch(self, user: User | None, campaign: SurveyCampaign) -> Card:
        """A draft goes live; its first wave opens with the scheduler's next run (within minutes)."""
        if not await self.recipients(campaign):
            raise Refusal("ss-nobody")
        now = self.clock()
        if campaign.recurrence == Recurrence.ONCE:
            start = max(campaign.starts_at, now)
            closes: datetime | None = start + timedelta(days=campaign.open_days)
        else:
            start, closes = now, None
        await self.surveys.update(
            campaign, status=CampaignStatus.ACTIVE, launched_at=now, starts_at=start, closes_at=closes
        )
        return await self.card(user, campaign, note="ss-launched")

    async def drop(self, user: User | None, roles: frozenset[Role], campaign: SurveyCampaign) -> CampaignList:
        await self.surveys.delete_campaign(campaign)
        return await self.campaigns(user, roles)

    # --- a launched campaign -------------------------------------------------------------------------

    async def card(
        self, user: User | None, campaign: SurveyCampaign, page: int = 0, note: str | None = None
    ) -> Card:
        tz = zone_of(user, self.timezone)
        waves = await self.waves_of(campaign)
        next_at = domain.next_start(schedule_of(campaign), self.clock(), tz)
        return Card(campaign, waves, next_at, tz, page, note)

    async def open_card(self, user: User | None, campaign: SurveyCampaign, page: int) -> Card | Confirm:
        """A draft opens at its last look before launching."""
        if campaign.status == CampaignStatus.DRAFT:
            return await self.confirm(user, campaign)
        return await self.card(user, campaign, page)

    async def stop(self, user: User | None, campaign: SurveyCampaign, *, confirmed: bool) -> Card | StopAsk:
        """No more waves; an open wave closes now (answers given so far stay)."""
        if campaign.status != CampaignStatus.ACTIVE:
            return await self.card(user, campaign, note="ss-stopped-already")
        if not confirmed:
            return StopAsk(campaign)
        now = self.clock()
        await self.surveys.update(campaign, status=CampaignStatus.STOPPED, finished_at=now)
        for wave in await self.surveys.waves(campaign.id):
            if wave.closes_at > now:
                await self.surveys.set_wave(wave, closes_at=now)
                await self.surveys.drop_drafts(wave.id)
        return await self.card(user, campaign, note="ss-stopped")

    async def waves_of(self, campaign: SurveyCampaign) -> list[WaveFigures]:
        waves = await self.surveys.waves(campaign.id)
        counts = await self.surveys.invite_counts([w.id for w in waves])
        return [WaveFigures(w, *counts.get(w.id, (0, 0))) for w in waves]

    async def results(self, user: User | None, campaign: SurveyCampaign, wave: str = "") -> Results:
        """The per-question results of a wave (`wave`: its id; the latest one otherwise)."""
        wave_id = int(wave) if wave.isdigit() else 0
        template = template_of(campaign)
        waves = await self.waves_of(campaign)
        chosen = next((w for w in waves if w.wave.id == wave_id), waves[-1] if waves else None)
        rows = await self.surveys.responses([chosen.wave.id]) if chosen else []
        answers = [r.answers for r, _period, _user in rows]
        hidden = domain.withheld(campaign.anonymous, len(answers))
        summaries = [] if hidden else domain.summarize(template, answers)
        waiting = (
            (await self.surveys.pending_counts([chosen.wave.id])).get(chosen.wave.id, 0) if chosen else 0
        )
        tz = zone_of(user, self.timezone)
        return Results(campaign, template, waves, chosen, summaries, hidden, len(answers), waiting, tz)

    async def export(self, campaign: SurveyCampaign) -> Export:
        """The answers for the XLSX; `Refusal` when every answer there is must stay hidden."""
        waves = await self.waves_of(campaign)
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
        export = Export(campaign, template_of(campaign), waves, rows, in_file, withheld, self.clock().date())
        if export.refused:
            raise Refusal("ss-res-hidden", min=domain.ANONYMOUS_MIN)
        return export

    # --- the schedule of jobs ------------------------------------------------------------------------

    async def jobs(
        self,
        user: User | None,
        roles: frozenset[Role],
        job_ids: list[str],
        planned: Mapping[str, datetime | None],
    ) -> JobsView:
        """Each job's next run (`planned`: from the running scheduler, in memory), its last run and
        the last that did something; the next wave of each campaign within the person's reach."""
        last = await self.job_runs.last_runs()
        last_done = await self.job_runs.last_done()
        tz = zone_of(user, self.timezone)
        rows = []
        for job_id in job_ids:
            run, done = last.get(job_id), last_done.get(job_id)
            rows.append(
                JobRow(
                    job_id,
                    planned.get(job_id),
                    run.started_at if run else None,
                    run.done if run else None,
                    run.error if run else None,
                    done.started_at if done else None,
                )
            )
        now = self.clock()
        waves = []
        scope = self.scope(user, roles)
        for campaign in await self.surveys.active():
            if not may_manage(campaign, roles, scope):
                continue  # another municipality's campaign: not even its title
            start = domain.next_start(schedule_of(campaign), now, tz)
            if start is not None:
                waves.append((campaign.title, start))
        waves.sort(key=lambda w: w[1])
        queued = await self.outbox.due_count(now + timedelta(days=366))
        return JobsView(rows, waves, queued, tz)

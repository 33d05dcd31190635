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
from bot.services.audience import AudienceView
from bot.services.surveys.base import SurveyBase
from bot.services.surveys.desk import CampaignDesk
from bot.services.surveys.templates import Templates, load_templates, schedule_of
from bot.services.surveys.views import (
    CampaignList,
    JobRow,
    JobsView,
    Problem,
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
    ) -> CampaignDesk:
        """The campaign if this person may manage it; `draft` True/False also requires it to be (not)
        a draft — a stale wizard button after launching gets a clear answer."""
        campaign = await self.surveys.campaign(campaign_id)
        if campaign is None or not may_manage(campaign, roles, self.scope(user, roles)):
            raise Refusal("ss-not-found")
        if draft is True and campaign.status != CampaignStatus.DRAFT:
            raise Refusal("ss-launched-already")
        if draft is False and campaign.status == CampaignStatus.DRAFT:
            raise Refusal("ss-still-draft")
        return CampaignDesk(self, campaign, user, roles)

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
        return JobsView(rows, waves, queued, tz, now)

"""What every part of the survey service is given."""

from __future__ import annotations

from bot.domain.events import Audience
from bot.domain.roles import Role
from bot.domain.time import Clock
from bot.services.audience import AudienceService
from bot.services.notices import Notifier
from bot.services.roles import staff_scope
from storage.models import SurveyCampaign, User
from storage.repositories import JobRunRepo, SurveyRepo
from storage.repositories.outbox import OutboxRepo


class SurveyBase:
    def __init__(
        self,
        surveys: SurveyRepo,
        job_runs: JobRunRepo,
        outbox: OutboxRepo,
        audience: AudienceService,
        notifier: Notifier,
        *,
        clock: Clock,
        timezone: str,
    ) -> None:
        self.surveys = surveys
        self.job_runs = job_runs
        self.outbox = outbox
        self.audience = audience
        self.notifier = notifier
        self.clock = clock
        self.timezone = timezone  # the installation's default

    @staticmethod
    def scope(user: User | None, roles: frozenset[Role]) -> int | None:
        """The municipality a municipal service manages (None: the region, or an admin)."""
        return staff_scope(user, roles)

    async def recipients(self, campaign: SurveyCampaign) -> list[User]:
        """Everyone the campaign's audience takes in, now."""
        return await self.audience.members(Audience.from_json(campaign.audience), self.clock().year)

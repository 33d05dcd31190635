"""What the parts of `MentoringService` share: the repositories, the notifier, the clock, the zone."""

from __future__ import annotations

from datetime import date

from bot.domain.time import Clock, local_today, zone_of
from bot.services.base import UnitOfWork
from bot.services.mentoring.access import MentoringRepos
from bot.services.notices import Notifier
from storage.models import User
from storage.repositories import DirectoryRepo


class ServiceBase:
    def __init__(
        self,
        repos: MentoringRepos,
        directory: DirectoryRepo,
        uow: UnitOfWork,
        notifier: Notifier,
        *,
        clock: Clock,
        timezone: str,
    ) -> None:
        # The rules (pairs, log, sweeps, report) read `repos.mentoring` and `repos.users`; approving
        # an application grants the mentor role (`roles.grant`: the users and the audit trail).
        # The directory: the municipalities staff pick to match in.
        self.repos = repos
        self.directory = directory
        self.uow = uow
        self.notifier = notifier
        self.clock = clock
        self.timezone = timezone

    def today_of(self, user: User | None) -> date:
        """The person's today, in their time zone (the installation's for staff screens)."""
        return local_today(self.clock(), zone_of(user, self.timezone))

"""What the parts of `MentoringService` share: the repositories, the notifier, the clock, the zone."""

from __future__ import annotations

from datetime import date

from bot.domain.time import Clock, local_today, zone_of
from bot.services.base import UnitOfWork
from bot.services.notices import Notifier
from storage.models import User
from storage.repositories import Repos


class ServiceBase:
    def __init__(
        self, repos: Repos, uow: UnitOfWork, notifier: Notifier, *, clock: Clock, timezone: str
    ) -> None:
        # The rules (pairs, log, sweeps, report) read `repos.mentoring` and `repos.users`; granting
        # the mentor role goes through `services.roles`, which takes the repositories whole.
        self.repos = repos
        self.uow = uow
        self.notifier = notifier
        self.clock = clock
        self.timezone = timezone

    def today_of(self, user: User | None) -> date:
        """The person's today, in their time zone (the installation's for staff screens)."""
        return local_today(self.clock(), zone_of(user, self.timezone))

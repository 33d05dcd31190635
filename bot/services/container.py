"""`Services`: the handlers' one door to the domain, built around one update's unit of work.

DbSessionMiddleware puts a `Services` into every update's data; a handler takes
`services: Services` and makes one call, e.g. `await services.diagnosis.answer(...)`, then renders
what it gets back. Each area's service is built on first use and receives only the repositories
it uses (not the whole `Repos`), plus the settings, the clock and the notifier when it needs them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from bot.config import Settings
from bot.delivery import OutboxNotifier
from bot.domain.time import Clock
from bot.i18n import I18n
from bot.services.accounts import AccountService
from bot.services.announcements import AnnouncementStaffService, NewsService
from bot.services.associations import AssociationService
from bot.services.attestation import AttestationService
from bot.services.audience import AudienceService
from bot.services.base import UnitOfWork
from bot.services.consult import ConsultService
from bot.services.consult_slots import ConsultSlotService
from bot.services.consult_staff import ConsultStaffService
from bot.services.content import ContentService
from bot.services.contests import ContestService
from bot.services.diagnosis import DiagnosisService
from bot.services.diagnosis_staff import StaffDiagnosisService
from bot.services.directory_upload import DirectoryUploadService
from bot.services.events.service import EventService
from bot.services.events.staff import EventStaffService
from bot.services.expertise import ExpertiseService
from bot.services.expertise.criteria import load_sheet
from bot.services.indicators import IndicatorService
from bot.services.mentoring import MentoringService
from bot.services.notices import Notifier
from bot.services.practices import PracticeBankService
from bot.services.role_admin import RoleService
from bot.services.routes.teacher import RouteService
from bot.services.surveys import SurveyService
from storage.repositories import Repos


class Services:
    def __init__(self, repos: Repos, settings: Settings, clock: Clock, notifier: Notifier) -> None:
        self._repos = repos
        self.settings = settings
        self.clock = clock
        self.notifier = notifier
        self.uow: UnitOfWork = repos

    @classmethod
    def build(
        cls,
        repos: Repos,
        settings: Settings,
        clock: Clock,
        i18n: I18n,
        wake: Callable[[], None] | None = None,
    ) -> Services:
        """Services around `repos` whose notices go to the outbox (`wake`: the worker, after commit).
        For an update (DbSessionMiddleware), a job or a test."""
        return cls(repos, settings, clock, OutboxNotifier(repos.outbox, i18n, clock, wake))

    # One cached property per area, each given only the repositories it uses.

    @cached_property
    def diagnosis(self) -> DiagnosisService:
        r = self._repos
        return DiagnosisService(
            r.diagnosis,
            r.content,
            r.users,
            self.uow,
            clock=self.clock,
            timezone=self.settings.default_timezone,
            retake_days=self.settings.diagnosis_retake_days,
        )

    @cached_property
    def diagnosis_staff(self) -> StaffDiagnosisService:
        r = self._repos
        return StaffDiagnosisService(
            r.diagnosis,
            r.content,
            r.directory,
            r.users,
            self.diagnosis,
            timezone=self.settings.default_timezone,
        )

    @cached_property
    def content(self) -> ContentService:
        return ContentService(self._repos.content)

    @cached_property
    def directory_upload(self) -> DirectoryUploadService:
        return DirectoryUploadService(self._repos)

    @cached_property
    def indicators(self) -> IndicatorService:
        r, settings = self._repos, self.settings
        return IndicatorService(
            r.indicators,
            r.content,
            r.secrets,
            clock=self.clock,
            default_timezone=settings.default_timezone,
            pseudonym_key=settings.pseudonym_key,
            experts=r.experts,
            attestation=r.attestation,
        )

    @cached_property
    def audience(self) -> AudienceService:
        r = self._repos
        return AudienceService(r.events, r.directory, r.content, r.contests)

    @cached_property
    def mentoring(self) -> MentoringService:
        # `MentoringRepos`: mentoring, users and the audit trail (approving an application grants
        # the mentor role).
        r = self._repos
        return MentoringService(
            r, r.directory, self.uow, self.notifier, clock=self.clock, timezone=self.settings.default_timezone
        )

    @cached_property
    def events(self) -> EventService:
        # `TeacherEventRepos`: events, users and routes; `StaffEventRepos`: events, the audience's
        # directory and content, and the outbox.
        return EventService(
            self._repos, self.uow, self.notifier, clock=self.clock, timezone=self.settings.default_timezone
        )

    @cached_property
    def contests(self) -> ContestService:
        # `ContestRepos`: contests, events (registrations), routes (the step «представление опыта»), users.
        return ContestService(
            self._repos, self.uow, self.notifier, clock=self.clock, timezone=self.settings.default_timezone
        )

    @cached_property
    def events_staff(self) -> EventStaffService:
        return EventStaffService(
            self._repos, self.uow, clock=self.clock, timezone=self.settings.default_timezone
        )

    @cached_property
    def announcements(self) -> AnnouncementStaffService:
        # `AnnouncementRepos`: the announcements, the audience (as events'), the outbox, the people.
        return AnnouncementStaffService(
            self._repos, self.uow, clock=self.clock, timezone=self.settings.default_timezone
        )

    @cached_property
    def news(self) -> NewsService:
        return NewsService(self._repos, clock=self.clock, timezone=self.settings.default_timezone)

    @cached_property
    def surveys(self) -> SurveyService:
        r = self._repos
        return SurveyService(
            r.surveys,
            r.job_runs,
            r.outbox,
            self.audience,
            self.notifier,
            clock=self.clock,
            timezone=self.settings.default_timezone,
        )

    @cached_property
    def roles(self) -> RoleService:
        return RoleService(self._repos, self.uow, self.notifier, clock=self.clock)

    @cached_property
    def routes(self) -> RouteService:
        """The teacher's route; `.review`: the methodist's review and staff's assignments."""
        return RouteService(
            self._repos,
            self._repos.directory,
            self.uow,
            self.notifier,
            clock=self.clock,
            timezone=self.settings.default_timezone,
        )

    @cached_property
    def consult_slots(self) -> ConsultSlotService:
        """Booking a consultation: the methodist's slots, the teacher's bookings, the reminders."""
        return ConsultSlotService(
            self._repos, self.uow, self.notifier, clock=self.clock, timezone=self.settings.default_timezone
        )

    @cached_property
    def expertise(self) -> ExpertiseService:
        """The expert pool and the expert review of practices (the sheet of criteria is content)."""
        return ExpertiseService(
            self._repos,
            self.uow,
            self.notifier,
            clock=self.clock,
            timezone=self.settings.default_timezone,
            sheet=load_sheet(),
            # A published practice counts in the author's route and the indicators (the bank's).
            on_published=self.practices.on_published,
        )

    @cached_property
    def accounts(self) -> AccountService:
        timezone = self.settings.default_timezone
        return AccountService(self._repos, self.uow, clock=self.clock, timezone=timezone)

    @cached_property
    def consult(self) -> ConsultService:
        """«Вопрос методисту»: the teacher's and the methodist's sides, the FAQ."""
        r = self._repos
        return ConsultService(
            r.consult,
            r.users,
            r.assignments,
            self.uow,
            self.notifier,
            clock=self.clock,
            timezone=self.settings.default_timezone,
        )

    @cached_property
    def consult_staff(self) -> ConsultStaffService:
        """Staff's side of consultations: the questions that need them, reassigning, the report."""
        r = self._repos
        return ConsultStaffService(
            r.consult_staff,
            r.users,
            self.uow,
            self.notifier,
            clock=self.clock,
            timezone=self.settings.default_timezone,
        )

    @cached_property
    def practices(self) -> PracticeBankService:
        """The practice bank: the author's and the reader's side; `.on_published(practice_id)` for the
        experts' decision."""
        i18n = getattr(self.notifier, "i18n", None)
        if not isinstance(i18n, I18n):
            i18n = I18n(self.settings.default_locale)
        return PracticeBankService(
            self._repos,
            self.uow,
            i18n,
            clock=self.clock,
            timezone=self.settings.default_timezone,
            locale=self.settings.default_locale,
        )

    @cached_property
    def associations(self) -> AssociationService:
        # `AssociationRepos`: associations, events (a meeting is an event), users, the outbox, the
        # directory.
        return AssociationService(
            self._repos, self.uow, self.notifier, clock=self.clock, timezone=self.settings.default_timezone
        )

    @cached_property
    def attestation(self) -> AttestationService:
        """The teacher's categories, staff's queue and import, who is due, the support route."""
        return AttestationService(
            self._repos, self.uow, self.notifier, clock=self.clock, timezone=self.settings.default_timezone
        )

"""Repositories: the only place SQL lives. `Repos` bundles them around one session (unit of work)."""

from __future__ import annotations

from functools import cached_property

from sqlalchemy.ext.asyncio import AsyncSession

from storage.repositories.announcements import AnnouncementRepo
from storage.repositories.associations import AssociationRepo
from storage.repositories.attestation import AttestationRepo
from storage.repositories.consult import ConsultRepo
from storage.repositories.consult_slots import ConsultSlotRepo
from storage.repositories.consult_staff import ConsultStaffRepo
from storage.repositories.content import ContentRepo
from storage.repositories.contests import ContestRepo
from storage.repositories.diagnosis import DiagnosisRepo
from storage.repositories.directory import DirectoryRepo
from storage.repositories.events import EventRepo
from storage.repositories.expertise import ExpertRepo
from storage.repositories.indicators import IndicatorRepo
from storage.repositories.job_runs import JobRunRepo
from storage.repositories.mentoring import MentoringRepo
from storage.repositories.outbox import OutboxRepo
from storage.repositories.personal_data import PersonalDataRepo
from storage.repositories.practice_bank import PracticeBankRepo
from storage.repositories.roles import AuditRepo, InviteRepo
from storage.repositories.routes import AssignmentRepo, RouteRepo
from storage.repositories.screens import ScreenRepo
from storage.repositories.secrets import SecretRepo
from storage.repositories.surveys import SurveyRepo
from storage.repositories.users import UserRepo


class Repos:
    """The repositories around one session, each built on first use (an update touches a few)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @cached_property
    def users(self) -> UserRepo:
        return UserRepo(self.session)

    @cached_property
    def directory(self) -> DirectoryRepo:
        return DirectoryRepo(self.session)

    @cached_property
    def invites(self) -> InviteRepo:
        return InviteRepo(self.session)

    @cached_property
    def audit(self) -> AuditRepo:
        return AuditRepo(self.session)

    @cached_property
    def content(self) -> ContentRepo:
        return ContentRepo(self.session)

    @cached_property
    def diagnosis(self) -> DiagnosisRepo:
        return DiagnosisRepo(self.session)

    @cached_property
    def routes(self) -> RouteRepo:
        return RouteRepo(self.session)

    @cached_property
    def assignments(self) -> AssignmentRepo:
        return AssignmentRepo(self.session)

    @cached_property
    def mentoring(self) -> MentoringRepo:
        return MentoringRepo(self.session)

    @cached_property
    def outbox(self) -> OutboxRepo:
        return OutboxRepo(self.session)

    @cached_property
    def events(self) -> EventRepo:
        return EventRepo(self.session)

    @cached_property
    def experts(self) -> ExpertRepo:
        return ExpertRepo(self.session)

    @cached_property
    def contests(self) -> ContestRepo:
        return ContestRepo(self.session)

    @cached_property
    def announcements(self) -> AnnouncementRepo:
        return AnnouncementRepo(self.session)

    @cached_property
    def consult(self) -> ConsultRepo:
        return ConsultRepo(self.session)

    @cached_property
    def indicators(self) -> IndicatorRepo:
        return IndicatorRepo(self.session)

    @cached_property
    def surveys(self) -> SurveyRepo:
        return SurveyRepo(self.session)

    @cached_property
    def consult_slots(self) -> ConsultSlotRepo:
        return ConsultSlotRepo(self.session)

    @cached_property
    def job_runs(self) -> JobRunRepo:
        return JobRunRepo(self.session)

    @cached_property
    def personal_data(self) -> PersonalDataRepo:
        return PersonalDataRepo(self.session)

    @cached_property
    def secrets(self) -> SecretRepo:
        return SecretRepo(self.session)

    @cached_property
    def screens(self) -> ScreenRepo:
        return ScreenRepo(self.session)

    @cached_property
    def consult_staff(self) -> ConsultStaffRepo:
        return ConsultStaffRepo(self.session)

    @cached_property
    def practice_bank(self) -> PracticeBankRepo:
        return PracticeBankRepo(self.session)

    @cached_property
    def associations(self) -> AssociationRepo:
        return AssociationRepo(self.session)

    @cached_property
    def attestation(self) -> AttestationRepo:
        return AttestationRepo(self.session)

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()


__all__ = [
    "AnnouncementRepo",
    "AssignmentRepo",
    "AssociationRepo",
    "AttestationRepo",
    "AuditRepo",
    "ConsultSlotRepo",
    "ConsultStaffRepo",
    "ContentRepo",
    "ContestRepo",
    "DiagnosisRepo",
    "DirectoryRepo",
    "EventRepo",
    "ExpertRepo",
    "InviteRepo",
    "JobRunRepo",
    "MentoringRepo",
    "OutboxRepo",
    "PersonalDataRepo",
    "PracticeBankRepo",
    "Repos",
    "RouteRepo",
    "ScreenRepo",
    "SecretRepo",
    "SurveyRepo",
    "UserRepo",
]

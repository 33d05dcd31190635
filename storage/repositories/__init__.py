"""Repositories: the only place SQL lives. `Repos` bundles them around one session (unit of work)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from storage.repositories.diagnosis import ContentRepo, DiagnosisRepo
from storage.repositories.directory import DirectoryRepo
from storage.repositories.events import EventRepo
from storage.repositories.indicators import IndicatorRepo
from storage.repositories.mentoring import MentoringRepo
from storage.repositories.outbox import OutboxRepo
from storage.repositories.personal_data import PersonalDataRepo
from storage.repositories.roles import AuditRepo, InviteRepo
from storage.repositories.routes import AssignmentRepo, RouteRepo
from storage.repositories.screens import ScreenRepo
from storage.repositories.secrets import SecretRepo
from storage.repositories.surveys import JobRunRepo, SurveyRepo
from storage.repositories.users import UserRepo


class Repos:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.users = UserRepo(session)
        self.directory = DirectoryRepo(session)
        self.invites = InviteRepo(session)
        self.audit = AuditRepo(session)
        self.content = ContentRepo(session)
        self.diagnosis = DiagnosisRepo(session)
        self.routes = RouteRepo(session)
        self.assignments = AssignmentRepo(session)
        self.mentoring = MentoringRepo(session)
        self.outbox = OutboxRepo(session)
        self.events = EventRepo(session)
        self.indicators = IndicatorRepo(session)
        self.surveys = SurveyRepo(session)
        self.job_runs = JobRunRepo(session)
        self.personal_data = PersonalDataRepo(session)
        self.secrets = SecretRepo(session)
        self.screens = ScreenRepo(session)

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()


__all__ = [
    "AssignmentRepo",
    "AuditRepo",
    "ContentRepo",
    "DiagnosisRepo",
    "DirectoryRepo",
    "EventRepo",
    "InviteRepo",
    "JobRunRepo",
    "MentoringRepo",
    "OutboxRepo",
    "PersonalDataRepo",
    "Repos",
    "RouteRepo",
    "ScreenRepo",
    "SecretRepo",
    "SurveyRepo",
    "UserRepo",
]

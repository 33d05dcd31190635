"""The schema, one module per area; every model is importable from here."""

from __future__ import annotations

from storage.models.announcements import Announcement
from storage.models.associations import (
    Association,
    AssociationInvite,
    AssociationMaterial,
    AssociationMeeting,
    AssociationMember,
    AssociationPlanItem,
    AssociationTalk,
)
from storage.models.attestation import AttestationRecord
from storage.models.base import NAMING, Base, EnumText, UtcDateTime
from storage.models.consult import ConsultFaq, ConsultFaqWord, ConsultMessage, ConsultQuestion
from storage.models.consult_slots import ConsultSlot
from storage.models.contests import (
    ContestMaterial,
    ContestResultRow,
    ContestStage,
    ExternalContest,
    TargetGroupMark,
)
from storage.models.diagnosis import ContentVersion, DiagnosisAnswer, DiagnosisAttempt, DiagnosisResult
from storage.models.events import Broadcast, Event, EventRegistration, OutboxMessage
from storage.models.mentoring import (
    AdaptationCheck,
    Escalation,
    MentorApplication,
    MentorMeeting,
    MentorPair,
    MentorProfile,
    MentorRequest,
)
from storage.models.people import (
    Invite,
    Municipality,
    RoleAudit,
    School,
    SchoolRequest,
    User,
    UserRole,
    UserSubject,
)
from storage.models.practices import Expert, ExpertJury, Practice, PracticeFile, PracticeReview
from storage.models.routes import (
    MethodistAssignment,
    ReturnedStep,
    Route,
    RouteReminder,
    RouteReturn,
    RouteStep,
    StepEvidence,
)
from storage.models.surveys import SurveyCampaign, SurveyInvite, SurveyPending, SurveyResponse, SurveyWave
from storage.models.system import FsmRecord, InstallationSecret, JobRun, ScreenEdit

__all__ = [
    "NAMING",
    "AdaptationCheck",
    "Announcement",
    "Association",
    "AssociationInvite",
    "AssociationMaterial",
    "AssociationMeeting",
    "AssociationMember",
    "AssociationPlanItem",
    "AssociationTalk",
    "AttestationRecord",
    "Base",
    "Broadcast",
    "ConsultFaq",
    "ConsultFaqWord",
    "ConsultMessage",
    "ConsultQuestion",
    "ConsultSlot",
    "ContentVersion",
    "ContestMaterial",
    "ContestResultRow",
    "ContestStage",
    "DiagnosisAnswer",
    "DiagnosisAttempt",
    "DiagnosisResult",
    "EnumText",
    "Escalation",
    "Event",
    "EventRegistration",
    "Expert",
    "ExpertJury",
    "ExternalContest",
    "FsmRecord",
    "InstallationSecret",
    "Invite",
    "JobRun",
    "MentorApplication",
    "MentorMeeting",
    "MentorPair",
    "MentorProfile",
    "MentorRequest",
    "MethodistAssignment",
    "Municipality",
    "OutboxMessage",
    "Practice",
    "PracticeFile",
    "PracticeReview",
    "ReturnedStep",
    "RoleAudit",
    "Route",
    "RouteReminder",
    "RouteReturn",
    "RouteStep",
    "School",
    "SchoolRequest",
    "ScreenEdit",
    "StepEvidence",
    "SurveyCampaign",
    "SurveyInvite",
    "SurveyPending",
    "SurveyResponse",
    "SurveyWave",
    "TargetGroupMark",
    "User",
    "UserRole",
    "UserSubject",
    "UtcDateTime",
]

"""Typed callback data, one module per area."""

from __future__ import annotations

from bot.callbacks.announcements import AnnStaffAction, AnnStaffCD, NewsAction, NewsCD
from bot.callbacks.associations import AsAction, AsCD, AsStaffAction, AsStaffCD
from bot.callbacks.common import (
    InviteAction,
    InviteCD,
    LangCD,
    MenuCD,
    MyDataAction,
    MyDataCD,
    ProfileAction,
    ProfileCD,
    RegAction,
    RegCD,
    RolesAction,
    RolesCD,
    Section,
)
from bot.callbacks.consult import ConsultAction, ConsultCD, ConsultMAction, ConsultMCD
from bot.callbacks.consult_slots import BookAction, BookCD, SlotAction, SlotCD
from bot.callbacks.consult_staff import ConsultStaffAction, ConsultStaffCD
from bot.callbacks.diagnosis import (
    DiagAction,
    DiagCD,
    ReportAction,
    ReportCD,
    StatAction,
    StatCD,
    UploadAction,
    UploadCD,
)
from bot.callbacks.directory import DirectoryAction, DirectoryCD
from bot.callbacks.events import (
    BroadcastAction,
    BroadcastCD,
    EventAction,
    EventCD,
    EventStaffAction,
    EventStaffCD,
)
from bot.callbacks.expertise import ExpertAction, ExpertCD, PoolAction, PoolCD
from bot.callbacks.mentoring import AdaptCD, MentorAction, MentorCD, PairAction, PairCD
from bot.callbacks.menu import MenuGroup, MenuGroupCD
from bot.callbacks.practices import PracticeAction, PracticeCD
from bot.callbacks.routes import (
    AssignAction,
    AssignCD,
    MethodistAction,
    MethodistCD,
    ReviewAction,
    ReviewCD,
    RouteAction,
    RouteCD,
)
from bot.callbacks.surveys import SurveyAction, SurveyCD, SurveyStaffAction, SurveyStaffCD, WhenChoice

__all__ = [
    "AdaptCD",
    "AnnStaffAction",
    "AnnStaffCD",
    "AsAction",
    "AsCD",
    "AsStaffAction",
    "AsStaffCD",
    "AssignAction",
    "AssignCD",
    "BookAction",
    "BookCD",
    "BroadcastAction",
    "BroadcastCD",
    "ConsultAction",
    "ConsultCD",
    "ConsultMAction",
    "ConsultMCD",
    "ConsultStaffAction",
    "ConsultStaffCD",
    "DiagAction",
    "DiagCD",
    "DirectoryAction",
    "DirectoryCD",
    "EventAction",
    "EventCD",
    "EventStaffAction",
    "EventStaffCD",
    "ExpertAction",
    "ExpertCD",
    "InviteAction",
    "InviteCD",
    "LangCD",
    "MentorAction",
    "MentorCD",
    "MenuCD",
    "MenuGroup",
    "MenuGroupCD",
    "MethodistAction",
    "MethodistCD",
    "MyDataAction",
    "MyDataCD",
    "NewsAction",
    "NewsCD",
    "PairAction",
    "PairCD",
    "PoolAction",
    "PoolCD",
    "PracticeAction",
    "PracticeCD",
    "ProfileAction",
    "ProfileCD",
    "RegAction",
    "RegCD",
    "ReportAction",
    "ReportCD",
    "ReviewAction",
    "ReviewCD",
    "RolesAction",
    "RolesCD",
    "RouteAction",
    "RouteCD",
    "Section",
    "SlotAction",
    "SlotCD",
    "StatAction",
    "StatCD",
    "SurveyAction",
    "SurveyCD",
    "SurveyStaffAction",
    "SurveyStaffCD",
    "UploadAction",
    "UploadCD",
    "WhenChoice",
]

"""Typed callback data, one module per area."""

from __future__ import annotations

from bot.callbacks.common import InviteCD, LangCD, MenuCD, MyDataCD, ProfileCD, RegCD, RolesCD, Section
from bot.callbacks.diagnosis import DiagAction, DiagCD, ReportCD, StatCD, UploadCD
from bot.callbacks.events import BroadcastCD, EventCD, EventStaffCD
from bot.callbacks.mentoring import AdaptCD, MentorCD, PairCD
from bot.callbacks.routes import AssignCD, MethodistCD, ReviewCD, RouteCD
from bot.callbacks.surveys import SurveyCD, SurveyStaffCD

__all__ = [
    "AdaptCD",
    "AssignCD",
    "BroadcastCD",
    "DiagAction",
    "DiagCD",
    "EventCD",
    "EventStaffCD",
    "InviteCD",
    "LangCD",
    "MentorCD",
    "MenuCD",
    "MethodistCD",
    "MyDataCD",
    "PairCD",
    "ProfileCD",
    "RegCD",
    "ReportCD",
    "ReviewCD",
    "RolesCD",
    "RouteCD",
    "Section",
    "StatCD",
    "SurveyCD",
    "SurveyStaffCD",
    "UploadCD",
]

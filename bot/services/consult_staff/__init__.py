"""Consultations («Вопрос методисту») as staff and the scheduler see them: the service level's
reminder and escalation (`sla`), staff's screen, reassigning and the report (`service`)."""

from __future__ import annotations

from bot.services.consult_staff.service import ConsultStaffService

__all__ = ["ConsultStaffService"]

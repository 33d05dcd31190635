"""Small pieces the consultation screens share: a moment in a zone, a name, a topic, hours."""

from __future__ import annotations

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from bot.domain.consult import ConsultTopic
from bot.i18n import Translator


def at(moment: datetime | None, zone: str) -> str:
    if moment is None:
        return "—"
    return moment.astimezone(ZoneInfo(zone)).strftime("%d.%m.%Y %H:%M")


def who(name: str | None) -> str:
    return escape(name or "—")


def topic(value: ConsultTopic | str, _: Translator) -> str:
    return _(f"consult-topic-{ConsultTopic(value).value}")


def subject(value: str | None, _: Translator) -> str:
    return _(f"subject-{value}") if value else "—"


def hours(value: float | None) -> str:
    """Hours with one decimal (a comma, as Russian writes it); «—» when there is nothing to count."""
    if value is None:
        return "—"
    return f"{value:.1f}".replace(".", ",")


def percent(share: float | None) -> str:
    return "—" if share is None else f"{round(share * 100)}"

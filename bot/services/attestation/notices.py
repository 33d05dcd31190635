"""What attestation tells people other than the one acting (rendered by bot/ui/attestation)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.attestation import Category, Reminder
from bot.services.notices import Notice


@dataclass(frozen=True, slots=True)
class ClaimDecided(Notice):
    """To the teacher: staff confirmed or rejected the category they gave (with the reason)."""

    category: Category
    confirmed: bool
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class ExpiryReminder(Notice):
    """To the teacher: the category expires in 6 (or 3) months; the support route in one tap."""

    record_id: int
    category: Category
    expires_on: date
    reminder: Reminder


@dataclass(frozen=True, slots=True)
class SupportChosen(Notice):
    """To the teacher's methodist: steps of preparing for the attestation were added to the route."""

    teacher: str | None
    category: Category
    expires_on: date | None
    route_id: int

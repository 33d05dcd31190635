"""Attestation: the teacher's categories (claimed with the order, confirmed or rejected by staff,
imported from the region's file of orders), reminders before the expiry with a support route in one
tap, and who is due this school year. `AttestationService` is the handlers' door; `sweep` is the
scheduler's."""

from __future__ import annotations

from bot.services.attestation.matching import Ambiguous, Matched, Matching, Unmatched
from bot.services.attestation.notices import ClaimDecided, ExpiryReminder, SupportChosen
from bot.services.attestation.service import (
    QUEUE_PAGE,
    Applied,
    AttestationService,
    Card,
    Claimed,
    Decided,
    DueView,
    Gone,
    Home,
    Pending,
    Preview,
    Queue,
    Rejected,
    Supported,
)
from bot.services.attestation.sweep import sweep

__all__ = [
    "QUEUE_PAGE",
    "Ambiguous",
    "Applied",
    "AttestationService",
    "Card",
    "ClaimDecided",
    "Claimed",
    "Decided",
    "DueView",
    "ExpiryReminder",
    "Gone",
    "Home",
    "Matched",
    "Matching",
    "Pending",
    "Preview",
    "Queue",
    "Rejected",
    "SupportChosen",
    "Supported",
    "Unmatched",
    "sweep",
]

"""The outbox's vocabulary: where one queued message stands."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from bot.domain.time import next_allowed


class OutboxStatus(StrEnum):
    PENDING = "pending"  # queued, due at `not_before`
    SENDING = "sending"  # claimed by the worker (after a crash: queued again at start)
    SENT = "sent"
    FAILED = "failed"  # refused by Telegram, or out of attempts
    BLOCKED = "blocked"  # the person blocked the bot (or is gone): never retried
    CANCELLED = "cancelled"  # its broadcast was stopped before it went
    # Kept for someone who has not opened the bot yet (Telegram refuses a first message to them):
    # never claimed; queued (`pending`) when they next write to the bot.
    HELD = "held"


# Still to go: what a broadcast waits for before it is done.
UNSETTLED = (OutboxStatus.PENDING, OutboxStatus.SENDING)


def quiet_until(now: datetime, timezone: str, urgent: bool) -> datetime:
    """When a message may go to someone in `timezone`: now, or their morning (unless urgent)."""
    return now if urgent else next_allowed(now, timezone)

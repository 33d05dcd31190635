"""The states of a campaign and of an invite (stored as their text; see `storage.models.surveys`)."""

from __future__ import annotations

from enum import StrEnum


class CampaignStatus(StrEnum):
    DRAFT = "draft"  # being set up by staff
    ACTIVE = "active"  # launched: its waves open on schedule
    FINISHED = "finished"  # a one-off whose wave has closed
    STOPPED = "stopped"  # stopped by staff


class InviteStatus(StrEnum):
    INVITED = "invited"
    ANSWERING = "answering"  # a draft of answers kept on the invite
    DONE = "done"

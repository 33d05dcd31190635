"""A campaign in the button, at the desk of someone who may manage it (`CampaignDesk`) — or refused."""

from __future__ import annotations

from bot.filters import owned

# Any campaign of theirs; a draft only (a stale wizard button after launching is refused); launched.
OwnCampaign = owned("desk", lambda s, who, data: s.surveys.own(who.user, who.roles, data.c))
OwnDraft = owned("desk", lambda s, who, data: s.surveys.own(who.user, who.roles, data.c, draft=True))
OwnLaunched = owned("desk", lambda s, who, data: s.surveys.own(who.user, who.roles, data.c, draft=False))

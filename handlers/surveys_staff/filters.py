"""A campaign in the button, resolved and checked (this person may manage it) — or refused."""

from __future__ import annotations

from bot.filters import owned

# Any campaign of theirs; a draft only (a stale wizard button after launching is refused); launched.
OwnCampaign = owned("campaign", lambda s, actor, data: s.surveys.own(actor.user, actor.roles, data.c))
OwnDraft = owned(
    "campaign", lambda s, actor, data: s.surveys.own(actor.user, actor.roles, data.c, draft=True)
)
OwnLaunched = owned(
    "campaign", lambda s, actor, data: s.surveys.own(actor.user, actor.roles, data.c, draft=False)
)

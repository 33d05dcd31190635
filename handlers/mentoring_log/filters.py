"""What the mentor's buttons reach, checked in the service (`Refusal` when not theirs). A filter runs
before the router's RoleGate, so the service says the gate's refusal first for someone not a mentor."""

from __future__ import annotations

from bot.filters import owned

# The mentor's own pair (`p`) — active, paused or completed.
OwnPair = owned("pair", lambda s, actor, cd: s.mentoring.mentor_pair(actor.user, actor.roles, cd.p))
# A meeting of one of the mentor's pairs (`m`): `owned_meeting` (meeting and pair).
OwnMeeting = owned(
    "owned_meeting", lambda s, actor, cd: s.mentoring.mentor_meeting(actor.user, actor.roles, cd.m)
)

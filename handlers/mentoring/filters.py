"""What the teacher's mentoring buttons reach, checked in the service (`Refusal` when not theirs)."""

from __future__ import annotations

from bot.filters import owned

# A meeting of the young specialist's pair (`m`): `owned_meeting` (meeting and pair).
MenteeMeeting = owned("owned_meeting", lambda s, actor, cd: s.mentoring.mentee_meeting(actor.user, cd.m))
# The young specialist's pair (`p`).
MenteePair = owned("pair", lambda s, actor, cd: s.mentoring.mentee_pair(actor.user, cd.p))
# A pair of either of its two people (`p`): `membership` (pair, as the mentor or not).
EitherPair = owned("membership", lambda s, actor, cd: s.mentoring.either_pair(actor.user, cd.p))
# The person's own adaptation check (`c`).
OwnCheck = owned("check", lambda s, actor, cd: s.mentoring.own_check(actor.user, cd.c))

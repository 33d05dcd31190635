"""What the buttons of «Вопрос методисту» reach, checked in the service (`Refusal` when not theirs)."""

from __future__ import annotations

from bot.filters import owned

# The teacher's own question (`q`).
OwnQuestion = owned("question", lambda s, actor, cd: s.consult.own(actor.user, cd.q))
# A question assigned to the methodist, while they may answer it (`q`).
AssignedQuestion = owned("question", lambda s, actor, cd: s.consult.assigned(actor.user, actor.roles, cd.q))

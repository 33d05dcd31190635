"""What staff's mentoring buttons reach: a pair or an application within their scope (their
municipality; the region for the regional centre and admins), checked in the service — which says
the RoleGate's refusal first to someone not staff (a filter runs before the router's middlewares)."""

from __future__ import annotations

from bot.filters import owned

# A pair (`p`) in scope, with its two people: `scoped` (pair, mentee, mentor).
ScopedPair = owned("scoped", lambda s, actor, cd: s.mentoring.scoped_pair(actor.user, actor.roles, cd.p))
# A mentor's application (`a`) in scope, with the applicant: `application`.
ScopedApplication = owned(
    "application", lambda s, actor, cd: s.mentoring.scoped_application(actor.user, actor.roles, cd.a)
)

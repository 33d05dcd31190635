"""A route the methodist may review, resolved from the button (`r`) and injected as `reviewed`."""

from __future__ import annotations

from bot.filters import owned

ReviewedRoute = owned(
    "reviewed", lambda services, actor, data: services.routes.review.reviewed(actor.user, actor.roles, data.r)
)

"""The teacher's own current route, resolved from the button (`r`) and injected as `route`."""

from __future__ import annotations

from bot.filters import owned

OwnRoute = owned("route", lambda services, actor, data: services.routes.own(actor.user, data.r))

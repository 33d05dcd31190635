"""Periodic jobs, referenced by "bot.jobs:<name>" from the persistent job store."""

from __future__ import annotations

import logging

from bot.scheduler import runtime
from bot.services.roles import cleanup_expired_invites
from storage.repositories import Repos

log = logging.getLogger(__name__)


async def cleanup_invites() -> int:
    """Daily: remove invites that can no longer be used (expired, revoked, used up)."""
    rt = runtime()
    async with rt.sessionmaker() as session:
        repos = Repos(session)
        removed = await cleanup_expired_invites(repos, rt.clock())
        await repos.commit()
    log.info("invite clean-up removed %d stale invites", removed)
    return removed

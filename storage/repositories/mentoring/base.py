"""What the mentoring queries share: the session, the dialect's INSERT, the young-specialist rule."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.mentoring import HOLDING as HOLDING_STATUSES
from storage.models import User

HOLDING = tuple(sorted(s.value for s in HOLDING_STATUSES))
YOUNG_MAX_AGE = 35
YOUNG_MAX_EXPERIENCE = 3


def young_filter(year: int) -> Any:
    """SQL for the young-specialist rule of bot.domain.profile.young_teacher: a teacher (giving
    lessons) under 35 in the first 3 years."""
    return and_(
        User.teaches.is_(True),
        User.birth_year.is_not(None),
        User.experience_years.is_not(None),
        User.birth_year >= year - YOUNG_MAX_AGE,
        User.experience_years <= YOUNG_MAX_EXPERIENCE,
    )


class Queries:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _insert(self) -> Any:
        dialect = self.session.bind.dialect.name if self.session.bind is not None else "sqlite"
        return pg_insert if dialect == "postgresql" else sqlite_insert

"""Pairs: proposals, atomic confirmation, loads and capacities, the people of many pairs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, exists, func, insert, select, update
from sqlalchemy.orm import aliased

from bot.domain.mentoring import PairStatus
from storage.models import (
    MentorPair,
    MentorProfile,
    User,
)
from storage.repositories.mentoring.base import HOLDING, Queries


class PairQueries(Queries):
    """Pairs."""

    # --- pairs --------------------------------------------------------------------------------------

    async def pair(self, pair_id: int, *, fresh: bool = False) -> MentorPair | None:
        """`fresh`: read again from the database even if this session holds the row already."""
        return await self.session.get(MentorPair, pair_id, populate_existing=fresh)

    async def lock_people(self, user_ids: Sequence[int]) -> None:
        """Hold these people's rows until this transaction ends, in id order (so two lockers never
        wait for each other): on PostgreSQL two confirmations touching the same mentor or young
        specialist take turns, and the second counts what the first wrote. SQLite has one writer at
        a time anyway (FOR UPDATE is not rendered there)."""
        ids = sorted(set(user_ids))
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            await self.session.execute(
                select(User.id).where(User.id.in_(chunk)).order_by(User.id).with_for_update()
            )

    async def activate(self, pair: MentorPair, default_capacity: int, **fields: Any) -> bool:
        """A proposal becomes an active pair — only if it is still proposed (to the same two
        people), the young specialist holds no other pair and the mentor has room. Check and write
        are one statement, so two staff confirming at once (or two processes) activate it once;
        with `lock_people` first, PostgreSQL counts what a concurrent confirmation wrote as well.
        False: it did not take (someone was first, or there is no room)."""
        other = aliased(MentorPair)
        mentee_paired = exists().where(other.mentee_id == pair.mentee_id, other.status.in_(HOLDING))
        load = (
            select(func.count())
            .select_from(other)
            .where(other.mentor_id == pair.mentor_id, other.status.in_(HOLDING))
            .scalar_subquery()
        )
        capacity = func.coalesce(
            select(MentorProfile.capacity).where(MentorProfile.user_id == pair.mentor_id).scalar_subquery(),
            default_capacity,
        )
        activated = await self.session.scalar(
            update(MentorPair)
            .where(
                MentorPair.id == pair.id,
                MentorPair.status == PairStatus.PROPOSED,
                MentorPair.mentor_id == pair.mentor_id,
                MentorPair.mentee_id == pair.mentee_id,
                ~mentee_paired,
                load < capacity,
            )
            .values(status=PairStatus.ACTIVE, **fields)
            .returning(MentorPair.id)
            .execution_options(synchronize_session="fetch")
        )
        return activated is not None

    async def pairs_of_mentee(self, user_id: int, statuses: Sequence[str]) -> list[MentorPair]:
        rows = await self.session.scalars(
            select(MentorPair)
            .where(MentorPair.mentee_id == user_id, MentorPair.status.in_(statuses))
            .order_by(MentorPair.id.desc())
        )
        return list(rows)

    async def pairs_of_mentor(self, user_id: int, statuses: Sequence[str]) -> list[tuple[MentorPair, User]]:
        result = await self.session.execute(
            select(MentorPair, User)
            .join(User, User.id == MentorPair.mentee_id)
            .where(MentorPair.mentor_id == user_id, MentorPair.status.in_(statuses))
            .order_by(User.full_name, MentorPair.id)
        )
        return [(p, u) for p, u in result.all()]

    async def add_pair(self, **fields: Any) -> MentorPair:
        pair = MentorPair(**fields)
        self.session.add(pair)
        await self.session.flush()
        return pair

    async def add_pairs(self, rows: Sequence[dict[str, Any]]) -> list[MentorPair]:
        """Many proposals in one flush (a matching run makes thousands)."""
        if not rows:
            return []
        result = await self.session.scalars(insert(MentorPair).returning(MentorPair), list(rows))
        return list(result.all())

    async def holding_mentees(self, mentee_ids: Sequence[int]) -> set[int]:
        """Which of these people already have an active or paused pair."""
        found: set[int] = set()
        for start in range(0, len(mentee_ids), 5000):
            chunk = list(mentee_ids[start : start + 5000])
            result = await self.session.execute(
                select(MentorPair.mentee_id).where(
                    MentorPair.mentee_id.in_(chunk), MentorPair.status.in_(HOLDING)
                )
            )
            found.update(result.scalars().all())
        return found

    async def loads_and_capacities(self, mentor_ids: Sequence[int]) -> dict[int, tuple[int, int | None]]:
        """Per mentor: (active or paused pairs, capacity from the card or None)."""
        found: dict[int, tuple[int, int | None]] = {}
        for start in range(0, len(mentor_ids), 5000):
            chunk = list(mentor_ids[start : start + 5000])
            loads = dict(
                (
                    await self.session.execute(
                        select(MentorPair.mentor_id, func.count())
                        .where(MentorPair.mentor_id.in_(chunk), MentorPair.status.in_(HOLDING))
                        .group_by(MentorPair.mentor_id)
                    )
                ).all()
            )
            capacities = dict(
                (
                    await self.session.execute(
                        select(MentorProfile.user_id, MentorProfile.capacity).where(
                            MentorProfile.user_id.in_(chunk)
                        )
                    )
                ).all()
            )
            for mentor_id in chunk:
                found[mentor_id] = (int(loads.get(mentor_id, 0)), capacities.get(mentor_id))
        return found

    async def flush(self) -> None:
        await self.session.flush()

    async def update(self, obj: Any, **fields: Any) -> None:
        for name, value in fields.items():
            setattr(obj, name, value)
        await self.session.flush()

    async def proposed(self, municipality_id: int | None) -> list[MentorPair]:
        query = select(MentorPair).where(MentorPair.status == PairStatus.PROPOSED).order_by(MentorPair.id)
        if municipality_id is not None:
            query = query.join(User, User.id == MentorPair.mentee_id).where(
                User.municipality_id == municipality_id
            )
        return list(await self.session.scalars(query))

    async def drop_proposed(self, municipality_id: int | None) -> None:
        """A new matching run replaces the proposals it covers (one statement)."""
        query = delete(MentorPair).where(MentorPair.status == PairStatus.PROPOSED)
        if municipality_id is not None:
            query = query.where(
                MentorPair.mentee_id.in_(select(User.id).where(User.municipality_id == municipality_id))
            )
        await self.session.execute(query)

    async def pairs(self, statuses: Sequence[str], municipality_id: int | None) -> list[MentorPair]:
        query = select(MentorPair).where(MentorPair.status.in_(statuses)).order_by(MentorPair.id)
        if municipality_id is not None:
            query = query.join(User, User.id == MentorPair.mentee_id).where(
                User.municipality_id == municipality_id
            )
        return list(await self.session.scalars(query))

    async def users(self, user_ids: Sequence[int]) -> dict[int, User]:
        found: dict[int, User] = {}
        for start in range(0, len(user_ids), 5000):
            chunk = list(user_ids[start : start + 5000])
            for user in await self.session.scalars(select(User).where(User.id.in_(chunk))):
                found[user.id] = user
        return found

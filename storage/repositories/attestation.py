"""Attestation records: a teacher's categories, staff's queue, the reminders' sweep, the due list,
the import's matching and the indicators' facts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import lazyload

from bot.domain.attestation import AttSource, AttStatus, Category, Reminder
from bot.domain.consult import ConsultTopic
from storage.models import AttestationRecord, ConsultQuestion, Municipality, School, User

CHUNK = 900  # ids in one IN (…): under SQLite's old limit of 999 parameters


@dataclass(frozen=True, slots=True)
class DueRow:
    """A teacher whose category expires within the school year, as staff's list shows it."""

    record_id: int
    user_id: int
    full_name: str
    municipality_id: int | None
    municipality: str
    school_id: int | None
    school: str
    category: Category
    awarded_on: date | None
    expires_on: date
    supported: bool


@dataclass(frozen=True, slots=True)
class Candidate:
    """A teacher a row of a file of orders may be about."""

    user_id: int
    full_name: str
    school_id: int | None
    municipality_id: int | None


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


class AttestationRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # --- one teacher's records -----------------------------------------------------------------------

    async def by_id(self, record_id: int) -> AttestationRecord | None:
        return await self.session.get(AttestationRecord, record_id)

    async def of_user(self, user_id: int) -> list[AttestationRecord]:
        """Newest first: by the date awarded (claims without one first), then by id."""
        rows = await self.session.scalars(
            select(AttestationRecord)
            .where(AttestationRecord.user_id == user_id)
            .order_by(AttestationRecord.awarded_on.desc().nulls_first(), AttestationRecord.id.desc())
        )
        return list(rows)

    async def registration_claim(self, user_id: int, category: str | None) -> None:
        """The category typed at registration (or in the profile) as a claim without an order,
        replacing an earlier such claim; none when «none», or when that category is confirmed."""
        await self.session.execute(
            delete(AttestationRecord).where(
                AttestationRecord.user_id == user_id,
                AttestationRecord.source == AttSource.REGISTRATION,
                AttestationRecord.status == AttStatus.CLAIMED,
            )
        )
        if category not in {c.value for c in Category}:
            return
        held = await self.session.scalar(
            select(AttestationRecord.id).where(
                AttestationRecord.user_id == user_id,
                AttestationRecord.category == category,
                AttestationRecord.status == AttStatus.CONFIRMED,
                AttestationRecord.superseded_at.is_(None),
            )
        )
        if held is None:
            self.session.add(
                AttestationRecord(
                    user_id=user_id,
                    category=Category(category),
                    status=AttStatus.CLAIMED,
                    source=AttSource.REGISTRATION,
                )
            )
            await self.session.flush()

    async def find(self, user_id: int, category: Category, awarded_on: date) -> AttestationRecord | None:
        return await self.session.scalar(
            select(AttestationRecord).where(
                AttestationRecord.user_id == user_id,
                AttestationRecord.category == category,
                AttestationRecord.awarded_on == awarded_on,
            )
        )

    async def add(self, **fields: Any) -> AttestationRecord | None:
        """A new record; None when the same (teacher, category, date) came in meanwhile."""
        record = AttestationRecord(**fields)
        try:
            async with self.session.begin_nested():
                self.session.add(record)
        except IntegrityError:
            return None
        return record

    async def update(self, record: AttestationRecord, **fields: Any) -> None:
        for name, value in fields.items():
            setattr(record, name, value)
        await self.session.flush()

    async def drop_orderless_claims(self, user_id: int) -> None:
        await self.session.execute(
            delete(AttestationRecord).where(
                AttestationRecord.user_id == user_id,
                AttestationRecord.status == AttStatus.CLAIMED,
                AttestationRecord.awarded_on.is_(None),
            )
        )

    async def decide(
        self,
        record_id: int,
        status: AttStatus,
        *,
        by_id: int | None,
        now: datetime,
        reason: str | None = None,
    ) -> bool:
        """A claim confirmed or rejected — only while it is still a claim (a double tap, or two
        people at once: one of them decides)."""
        result = await self.session.execute(
            update(AttestationRecord)
            .where(AttestationRecord.id == record_id, AttestationRecord.status == AttStatus.CLAIMED)
            .values(status=status, decided_by_id=by_id, decided_at=now, reject_reason=reason)
            .execution_options(synchronize_session=False)
        )
        done = bool(getattr(result, "rowcount", 0))
        record = await self.session.get(AttestationRecord, record_id)
        if record is not None:
            await self.session.refresh(record)
        return done

    async def settle_current(self, user_ids: Iterable[int], now: datetime) -> None:
        """For each teacher: older confirmed records give way to the latest one (no reminders about
        them), and the profile's category follows the current confirmed one."""
        for chunk in _chunks(sorted(set(user_ids))):
            rows = (
                await self.session.execute(
                    select(
                        AttestationRecord.id,
                        AttestationRecord.user_id,
                        AttestationRecord.category,
                        AttestationRecord.awarded_on,
                        AttestationRecord.superseded_at,
                    ).where(
                        AttestationRecord.user_id.in_(chunk),
                        AttestationRecord.status == AttStatus.CONFIRMED,
                        AttestationRecord.awarded_on.is_not(None),
                    )
                )
            ).all()
            latest: dict[int, tuple[date, int, str]] = {}
            for rid, uid, category, awarded, _gone in rows:
                if awarded is None:
                    continue
                key = (awarded, rid, str(category))
                if uid not in latest or key > latest[uid]:
                    latest[uid] = key
            stale = [
                rid
                for rid, uid, _c, _a, gone in rows
                if gone is None and uid in latest and latest[uid][1] != rid
            ]
            for part in _chunks(stale):
                await self.session.execute(
                    update(AttestationRecord)
                    .where(AttestationRecord.id.in_(part))
                    .values(superseded_at=now)
                    .execution_options(synchronize_session=False)
                )
            for uid, (_a, _rid, code) in latest.items():
                await self.session.execute(
                    update(User)
                    .where(User.id == uid)
                    .values(category=code)
                    .execution_options(synchronize_session=False)
                )
        await self.session.flush()

    # --- staff's queue of claims --------------------------------------------------------------------

    def _claims(self, municipality_id: int | None) -> Any:
        query = (
            select(AttestationRecord, User)
            .join(User, User.id == AttestationRecord.user_id)
            .where(AttestationRecord.status == AttStatus.CLAIMED, AttestationRecord.awarded_on.is_not(None))
        )
        if municipality_id is not None:
            query = query.where(User.municipality_id == municipality_id)
        return query

    async def claims(
        self, municipality_id: int | None, offset: int, limit: int
    ) -> tuple[list[tuple[AttestationRecord, User]], int]:
        total = await self.session.scalar(
            select(func.count()).select_from(self._claims(municipality_id).subquery())
        )
        rows = await self.session.execute(
            self._claims(municipality_id)
            .order_by(AttestationRecord.created_at, AttestationRecord.id)
            .offset(offset)
            .limit(limit)
        )
        return [(r, u) for r, u in rows], int(total or 0)

    # --- the reminders' sweep -----------------------------------------------------------------------

    async def reminder_candidates(
        self, reminder: Reminder, today: date, until: date
    ) -> list[tuple[int, date]]:
        """Current confirmed records expiring between `today` and `until` whose `reminder` is not
        claimed yet: (record id, expiry)."""
        column = (
            AttestationRecord.reminded_6_at if reminder is Reminder.SIX else AttestationRecord.reminded_3_at
        )
        rows = await self.session.execute(
            select(AttestationRecord.id, AttestationRecord.expires_on).where(
                AttestationRecord.status == AttStatus.CONFIRMED,
                AttestationRecord.expires_on.is_not(None),
                AttestationRecord.expires_on >= today,
                AttestationRecord.expires_on <= until,
                AttestationRecord.superseded_at.is_(None),
                column.is_(None),
            )
        )
        return [(rid, expires) for rid, expires in rows if expires is not None]

    async def claim_reminders(self, reminder: Reminder, ids: Sequence[int], now: datetime) -> list[int]:
        """Mark `reminder` sent for those of `ids` where nobody did yet; the ids this call claimed.
        A conditional UPDATE: of two processes sweeping at once, each record goes to one."""
        column = "reminded_6_at" if reminder is Reminder.SIX else "reminded_3_at"
        attr = getattr(AttestationRecord, column)
        claimed: list[int] = []
        for chunk in _chunks(list(ids)):
            result = await self.session.execute(
                update(AttestationRecord)
                .where(AttestationRecord.id.in_(chunk), attr.is_(None))
                .values({column: now})
                .returning(AttestationRecord.id)
                .execution_options(synchronize_session=False)
            )
            claimed += [int(v) for v in result.scalars()]
        return claimed

    async def mark_reminded(self, reminder: Reminder, ids: Sequence[int], now: datetime) -> None:
        """The farther reminder skipped with the nearer one (see `reminders_due`)."""
        await self.claim_reminders(reminder, ids, now)

    async def records_with_users(self, ids: Sequence[int]) -> list[tuple[AttestationRecord, User]]:
        """The records and their teachers (only what a notice needs loaded)."""
        found: list[tuple[AttestationRecord, User]] = []
        for chunk in _chunks(list(ids)):
            rows = await self.session.execute(
                select(AttestationRecord, User)
                .join(User, User.id == AttestationRecord.user_id)
                .options(lazyload(User.subjects), lazyload(User.roles), lazyload(User.school))
                .where(AttestationRecord.id.in_(chunk))
            )
            found += [(r, u) for r, u in rows]
        return found

    async def mark_support(self, record_id: int, now: datetime) -> bool:
        result = await self.session.execute(
            update(AttestationRecord)
            .where(AttestationRecord.id == record_id, AttestationRecord.support_at.is_(None))
            .values(support_at=now)
            .execution_options(synchronize_session=False)
        )
        record = await self.session.get(AttestationRecord, record_id)
        if record is not None:
            await self.session.refresh(record)
        return bool(getattr(result, "rowcount", 0))

    # --- who is due ---------------------------------------------------------------------------------

    async def due(
        self, first: date, last: date, municipality_id: int | None, school_id: int | None
    ) -> list[DueRow]:
        """Current confirmed categories expiring within `first … last`, by municipality, school, name."""
        query = (
            select(
                AttestationRecord.id,
                User.id,
                User.full_name,
                User.municipality_id,
                Municipality.name,
                User.school_id,
                func.coalesce(School.short_name, School.name),
                AttestationRecord.category,
                AttestationRecord.awarded_on,
                AttestationRecord.expires_on,
                AttestationRecord.support_at,
            )
            .join(User, User.id == AttestationRecord.user_id)
            .outerjoin(Municipality, Municipality.id == User.municipality_id)
            .outerjoin(School, School.id == User.school_id)
            .where(
                AttestationRecord.status == AttStatus.CONFIRMED,
                AttestationRecord.superseded_at.is_(None),
                AttestationRecord.expires_on >= first,
                AttestationRecord.expires_on <= last,
                User.teaches.is_(True),
            )
        )
        if municipality_id is not None:
            query = query.where(User.municipality_id == municipality_id)
        if school_id is not None:
            query = query.where(User.school_id == school_id)
        rows = (await self.session.execute(query)).all()
        due = [
            DueRow(
                rid,
                uid,
                name or "",
                mid,
                muni or "",
                sid,
                school or "",
                Category(category),
                awarded,
                expires,
                support is not None,
            )
            for rid, uid, name, mid, muni, sid, school, category, awarded, expires, support in rows
            if expires is not None
        ]
        due.sort(key=lambda r: (r.municipality, r.school, r.full_name, r.record_id))
        return due

    # --- the import --------------------------------------------------------------------------------

    async def schools(self, municipality_id: int | None) -> list[School]:
        query = select(School)
        if municipality_id is not None:
            query = query.where(School.municipality_id == municipality_id)
        return list(await self.session.scalars(query))

    async def candidates(self, school_ids: Sequence[int]) -> list[Candidate]:
        found: list[Candidate] = []
        for chunk in _chunks(sorted(set(school_ids))):
            rows = await self.session.execute(
                select(User.id, User.full_name, User.school_id, User.municipality_id).where(
                    User.school_id.in_(chunk), User.registered_at.is_not(None), User.full_name.is_not(None)
                )
            )
            found += [Candidate(uid, name or "", sid, mid) for uid, name, sid, mid in rows]
        return found

    # --- the indicators -----------------------------------------------------------------------------

    async def indicator_facts(
        self, municipality_id: int | None, school_id: int | None, end: datetime
    ) -> tuple[list[tuple[int, str, date, date, bool]], dict[int, datetime]]:
        """For the teachers of a scope: their confirmed records decided before `end` — (teacher,
        category, awarded, expires, support chosen before `end`) — and each one's latest question
        about the attestation to a methodist asked before `end`. Two statements for any scope; the
        report keeps those of the teachers it counts."""

        def scoped(query: Any, column: Any) -> Any:
            query = query.join(User, User.id == column)
            if municipality_id is not None:
                query = query.where(User.municipality_id == municipality_id)
            if school_id is not None:
                query = query.where(User.school_id == school_id)
            return query

        rows = await self.session.execute(
            scoped(
                select(
                    AttestationRecord.user_id,
                    AttestationRecord.category,
                    AttestationRecord.awarded_on,
                    AttestationRecord.expires_on,
                    AttestationRecord.support_at,
                ),
                AttestationRecord.user_id,
            ).where(
                AttestationRecord.status == AttStatus.CONFIRMED,
                AttestationRecord.awarded_on.is_not(None),
                AttestationRecord.expires_on.is_not(None),
                or_(AttestationRecord.decided_at.is_(None), AttestationRecord.decided_at < end),
            )
        )
        records = [
            (int(uid), str(category), awarded, expires, support is not None and support < end)
            for uid, category, awarded, expires, support in rows
            if awarded is not None and expires is not None
        ]
        questions = await self.session.execute(
            scoped(
                select(ConsultQuestion.teacher_id, func.max(ConsultQuestion.created_at)),
                ConsultQuestion.teacher_id,
            )
            .where(and_(ConsultQuestion.topic == ConsultTopic.ATTESTATION, ConsultQuestion.created_at < end))
            .group_by(ConsultQuestion.teacher_id)
        )
        asked = {int(uid): moment for uid, moment in questions if moment is not None}
        return records, asked

    async def statuses(self, user_ids: Sequence[int]) -> dict[tuple[int, str, date], AttStatus]:
        """(teacher, category, date awarded) → status, for the import's preview."""
        found: dict[tuple[int, str, date], AttStatus] = {}
        for chunk in _chunks(sorted(set(user_ids))):
            rows = await self.session.execute(
                select(
                    AttestationRecord.user_id,
                    AttestationRecord.category,
                    AttestationRecord.awarded_on,
                    AttestationRecord.status,
                ).where(AttestationRecord.user_id.in_(chunk), AttestationRecord.awarded_on.is_not(None))
            )
            for uid, category, awarded, status in rows:
                if awarded is not None:
                    found[(uid, str(category), awarded)] = AttStatus(status)
        return found

"""The practice bank, the author's and the reader's side: drafts, files, sending to the experts,
search over published practices, and the once-only mark of a practice counted in its author's route.

Search is full-text on both databases: on SQLite the FTS5 table `practices_fts` (stems of published
practices, kept by the triggers of migration 0016 whenever a practice's status or texts change), on
PostgreSQL the 'russian' configuration over the texts, served by the GIN index `ix_practices_search`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, column, func, literal_column, select, table, text, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.practice_bank import EDITABLE
from bot.domain.practices import PracticeForm, PracticeStatus, ReviewStatus
from storage.models import Practice, PracticeFile, PracticeReview, User
from storage.models.practices import SEARCH_DOCUMENT

# SQLite's full-text table (migration 0016): rowid is the practice's id.
_FTS = table("practices_fts", column("rowid"))


@dataclass(frozen=True, slots=True)
class Filters:
    """What the reader narrowed the bank to (empty: everything)."""

    subject: str = ""
    grade: int | None = None
    form: PracticeForm | None = None


@dataclass(frozen=True, slots=True)
class Found:
    practices: list[Practice]
    total: int


class PracticeBankRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        bind = session.bind
        self.postgres = bind is not None and bind.dialect.name == "postgresql"

    # --- one practice ---------------------------------------------------------------------------

    async def get(self, practice_id: int) -> Practice | None:
        return await self.session.get(Practice, practice_id)

    async def create(self, author_id: int, title: str, subjects: Sequence[str]) -> Practice:
        practice = Practice(
            author_id=author_id, title=title, subjects=list(subjects), grades=[], links=[], description=""
        )
        practice.status = PracticeStatus.DRAFT
        self.session.add(practice)
        await self.session.flush()
        return practice

    async def update(self, practice: Practice, **fields: Any) -> None:
        for name, value in fields.items():
            setattr(practice, name, value)
        await self.session.flush()

    async def delete_draft(self, practice_id: int, author_id: int) -> bool:
        """Only a draft that was never sent, only by its author; True when it is gone."""
        found = await self.session.get(Practice, practice_id)
        if found is None or found.author_id != author_id or found.status is not PracticeStatus.DRAFT:
            return False
        await self.session.delete(found)
        await self.session.flush()
        return True

    async def mine(self, author_id: int) -> list[Practice]:
        rows = await self.session.scalars(
            select(Practice).where(Practice.author_id == author_id).order_by(Practice.id.desc())
        )
        return list(rows)

    async def author(self, practice: Practice) -> User | None:
        return await self.session.get(User, practice.author_id)

    # --- files ------------------------------------------------------------------------------------

    async def files(self, practice_id: int) -> list[PracticeFile]:
        rows = await self.session.scalars(
            select(PracticeFile).where(PracticeFile.practice_id == practice_id).order_by(PracticeFile.id)
        )
        return list(rows)

    async def file_count(self, practice_id: int) -> int:
        return int(
            await self.session.scalar(
                select(func.count()).select_from(PracticeFile).where(PracticeFile.practice_id == practice_id)
            )
            or 0
        )

    async def add_file(
        self, practice_id: int, file_id: str, file_name: str | None, kind: str
    ) -> PracticeFile:
        row = PracticeFile(practice_id=practice_id, file_id=file_id, file_name=file_name, kind=kind)
        self.session.add(row)
        await self.session.flush()
        return row

    async def drop_files(self, practice_id: int) -> None:
        for row in await self.files(practice_id):
            await self.session.delete(row)
        await self.session.flush()

    # --- sending to the experts -------------------------------------------------------------------

    async def submit(
        self,
        practice_id: int,
        author_id: int,
        school_id: int | None,
        municipality_id: int | None,
        now: datetime,
    ) -> bool:
        """DRAFT or RETURNED → SUBMITTED, a new round: one conditional UPDATE, so a double tap (or two
        devices) sends it once. False: it was not the author's to send (any more)."""
        result = await self.session.execute(
            update(Practice)
            .where(
                Practice.id == practice_id,
                Practice.author_id == author_id,
                Practice.status.in_([s.value for s in EDITABLE]),
            )
            .values(
                status=PracticeStatus.SUBMITTED.value,
                round=Practice.round + 1,
                submitted_at=now,
                school_id=school_id,
                municipality_id=municipality_id,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        await self.session.flush()
        found = await self.session.get(Practice, practice_id)
        if found is not None:
            await self.session.refresh(found)
        return bool(getattr(result, "rowcount", 0) == 1)

    async def comments(self, practice_id: int, round_: int) -> list[str]:
        """The experts' comments on a round (a returned practice shows those of its last round)."""
        rows = await self.session.scalars(
            select(PracticeReview.comment)
            .where(
                PracticeReview.practice_id == practice_id,
                PracticeReview.round == round_,
                PracticeReview.status == ReviewStatus.DONE.value,
                PracticeReview.comment.is_not(None),
            )
            .order_by(PracticeReview.id)
        )
        return [c for c in rows if c and c.strip()]

    # --- counted once -------------------------------------------------------------------------------

    async def claim_counted(self, practice_id: int, now: datetime) -> bool:
        """The one process (and the one call) that counts a published practice in its author's route."""
        result = await self.session.execute(
            update(Practice)
            .where(
                Practice.id == practice_id,
                Practice.status == PracticeStatus.PUBLISHED.value,
                Practice.counted_at.is_(None),
            )
            .values(counted_at=now)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0) == 1)

    async def published_count(self, author_ids: Sequence[int] | None = None) -> int:
        query = (
            select(func.count())
            .select_from(Practice)
            .where(Practice.status == PracticeStatus.PUBLISHED.value)
        )
        if author_ids is not None:
            query = query.where(Practice.author_id.in_(author_ids))
        return int(await self.session.scalar(query) or 0)

    # --- search ---------------------------------------------------------------------------------------

    def _filters(self, filters: Filters) -> list[Any]:
        if self.postgres:
            # Spelled as a literal, as the partial index `ix_practices_search` is: with a bound
            # parameter a generic (prepared, reused) plan cannot prove the index's WHERE, and
            # PostgreSQL would compute every published practice's tsvector instead.
            where: list[Any] = [text(f"practices.status = '{PracticeStatus.PUBLISHED.value}'")]
        else:
            where = [Practice.status == PracticeStatus.PUBLISHED.value]
        if filters.form is not None:
            where.append(Practice.form == filters.form.value)
        for json_column, value in (
            (Practice.subjects, filters.subject or None),
            (Practice.grades, filters.grade),
        ):
            if value is None:
                continue
            if self.postgres:
                where.append(json_column.cast(JSONB).contains([value]))
            else:
                each = func.json_each(json_column).table_valued("value")
                where.append(
                    select(literal_column("1")).select_from(each).where(each.c.value == value).exists()
                )
        return where

    async def search(
        self, words: Sequence[str], stems: Sequence[str], filters: Filters, offset: int, limit: int
    ) -> Found:
        """Published practices with every word of the query (any form of it) and the filters, newest
        first. `words`: the query's words as typed (PostgreSQL stems them itself); `stems`: the same
        reduced by the bot's stemmer (SQLite's index holds stems)."""
        where = self._filters(filters)
        query = select(Practice)
        if words and self.postgres:
            tsquery = " & ".join(f"{w}:*" for w in words)
            where.append(text(f"{SEARCH_DOCUMENT} @@ to_tsquery('russian', :tsq)").bindparams(tsq=tsquery))
        elif stems:
            match = " AND ".join(f'"{s}"*' for s in stems)
            query = query.join(_FTS, _FTS.c.rowid == Practice.id)
            where.append(text("practices_fts MATCH :match").bindparams(match=match))
        condition = and_(*where)
        total = int(
            await self.session.scalar(select(func.count()).select_from(query.where(condition).subquery()))
            or 0
        )
        rows = await self.session.scalars(
            query.where(condition)
            .order_by(Practice.published_at.desc(), Practice.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return Found(list(rows), total)

    async def names(self, user_ids: Sequence[int]) -> dict[int, str]:
        if not user_ids:
            return {}
        rows = await self.session.execute(select(User.id, User.full_name).where(User.id.in_(set(user_ids))))
        return {uid: name or "" for uid, name in rows}

"""«Вопрос методисту»: questions, their conversation, the methodists' load and the FAQ."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, insert, literal, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.consult import ConsultTopic, QuestionStatus
from bot.domain.roles import Role
from storage.models import ConsultFaq, ConsultFaqWord, ConsultMessage, ConsultQuestion, UserRole, UserSubject


@dataclass(frozen=True, slots=True)
class MethodistLoad:
    """A methodist who can work in a municipality, with their subjects and open questions."""

    user_id: int
    scope_municipality_id: int | None
    subjects: frozenset[str]
    open_questions: int


class ConsultRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _insert(self) -> Any:
        dialect = self.session.bind.dialect.name if self.session.bind is not None else "sqlite"
        return pg_insert if dialect == "postgresql" else sqlite_insert

    # --- questions ---------------------------------------------------------------------------------

    async def create_once(self, **fields: Any) -> ConsultQuestion | None:
        """INSERT … ON CONFLICT (teacher, draft key) DO NOTHING: the new question, or None when this
        draft was sent already (a double tap)."""
        statement = (
            self._insert()(ConsultQuestion)
            .values(**fields)
            .on_conflict_do_nothing(index_elements=["teacher_id", "draft_key"])
            .returning(ConsultQuestion.id)
        )
        new_id = (await self.session.execute(statement)).scalar()
        return None if new_id is None else await self.session.get(ConsultQuestion, new_id)

    async def by_draft(self, teacher_id: int, draft_key: str) -> ConsultQuestion | None:
        return await self.session.scalar(
            select(ConsultQuestion).where(
                ConsultQuestion.teacher_id == teacher_id, ConsultQuestion.draft_key == draft_key
            )
        )

    async def question(self, question_id: int) -> ConsultQuestion | None:
        return await self.session.get(ConsultQuestion, question_id, populate_existing=True)

    async def add_message(self, **fields: Any) -> ConsultMessage:
        row = ConsultMessage(**fields)
        self.session.add(row)
        await self.session.flush()
        return row

    async def messages(self, question_id: int) -> list[ConsultMessage]:
        return list(
            await self.session.scalars(
                select(ConsultMessage)
                .where(ConsultMessage.question_id == question_id)
                .order_by(ConsultMessage.created_at, ConsultMessage.id)
            )
        )

    async def change_if(self, question_id: int, expect: dict[str, Any], **values: Any) -> bool:
        """UPDATE … WHERE id AND every `expect` column equals its value (None: IS NULL); whether
        the row changed — the one way two taps or two people racing decide who wins."""
        conditions = [ConsultQuestion.id == question_id]
        for name, value in expect.items():
            column = getattr(ConsultQuestion, name)
            conditions.append(column.is_(None) if value is None else column == value)
        result = await self.session.execute(
            update(ConsultQuestion)
            .where(*conditions)
            .values(**values)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))

    async def of_teacher(self, teacher_id: int) -> list[ConsultQuestion]:
        """The teacher's questions: open ones first, then the rest, newest first."""
        return list(
            await self.session.scalars(
                select(ConsultQuestion)
                .where(ConsultQuestion.teacher_id == teacher_id)
                .order_by(
                    case((ConsultQuestion.status == QuestionStatus.OPEN, 0), else_=1),
                    ConsultQuestion.created_at.desc(),
                    ConsultQuestion.id.desc(),
                )
            )
        )

    async def of_methodist(self, methodist_id: int) -> list[ConsultQuestion]:
        """Open questions of the methodist, and closed ones the teacher allowed to publish that are
        not in the FAQ yet."""
        published = select(ConsultFaq.question_id).where(ConsultFaq.question_id.is_not(None))
        return list(
            await self.session.scalars(
                select(ConsultQuestion).where(
                    ConsultQuestion.methodist_id == methodist_id,
                    or_(
                        ConsultQuestion.status == QuestionStatus.OPEN,
                        and_(
                            ConsultQuestion.faq_consent.is_(True),
                            ConsultQuestion.id.not_in(published),
                        ),
                    ),
                )
            )
        )

    async def methodists(self, municipality_id: int | None) -> list[MethodistLoad]:
        """Methodists whose role covers `municipality_id` (its own and regional ones), with their
        subjects and the number of their open questions."""
        load = (
            select(ConsultQuestion.methodist_id, func.count().label("n"))
            .where(ConsultQuestion.status == QuestionStatus.OPEN, ConsultQuestion.methodist_id.is_not(None))
            .group_by(ConsultQuestion.methodist_id)
            .subquery()
        )
        query = (
            select(UserRole.user_id, UserRole.scope_municipality_id, func.coalesce(load.c.n, 0))
            .outerjoin(load, load.c.methodist_id == UserRole.user_id)
            .where(
                UserRole.role == Role.METHODIST,
                or_(
                    UserRole.scope_municipality_id.is_(None),
                    UserRole.scope_municipality_id == municipality_id,
                ),
            )
        )
        rows = (await self.session.execute(query)).all()
        subjects: dict[int, set[str]] = {}
        if rows:
            found = await self.session.execute(
                select(UserSubject.user_id, UserSubject.subject).where(
                    UserSubject.user_id.in_([user_id for user_id, _s, _n in rows])
                )
            )
            for user_id, subject in found.all():
                subjects.setdefault(user_id, set()).add(subject)
        return [
            MethodistLoad(user_id, scope, frozenset(subjects.get(user_id, ())), int(n))
            for user_id, scope, n in rows
        ]

    # --- the FAQ -----------------------------------------------------------------------------------

    async def publish_once(self, **fields: Any) -> ConsultFaq | None:
        """INSERT … ON CONFLICT (question) DO NOTHING, with the entry's stems in the index: the
        entry, or None when it was published."""
        statement = (
            self._insert()(ConsultFaq)
            .values(**fields)
            .on_conflict_do_nothing(index_elements=["question_id"])
            .returning(ConsultFaq.id)
        )
        new_id = (await self.session.execute(statement)).scalar()
        if new_id is None:
            return None
        await self._index([(new_id, str(fields["topic"]), str(fields["search"]))])
        return await self.session.get(ConsultFaq, new_id)

    async def add_faq(self, rows: Sequence[dict[str, Any]]) -> None:
        """Many entries at once, indexed (the benchmark's seed, an import)."""
        if not rows:
            return
        result = await self.session.execute(
            insert(ConsultFaq)
            .values(list(rows))
            .returning(ConsultFaq.id, ConsultFaq.topic, ConsultFaq.search)
        )
        await self._index([(entry_id, str(topic), search) for entry_id, topic, search in result.all()])

    async def _index(self, entries: Sequence[tuple[int, str, str]]) -> None:
        words = [
            {"entry_id": entry_id, "topic": topic, "stem": stem}
            for entry_id, topic, search in entries
            for stem in dict.fromkeys(s[:64] for s in search.split())
        ]
        for chunk in range(0, len(words), 5000):
            await self.session.execute(insert(ConsultFaqWord), words[chunk : chunk + 5000])

    async def faq_entry(self, entry_id: int) -> ConsultFaq | None:
        return await self.session.get(ConsultFaq, entry_id)

    async def faq_of_question(self, question_id: int) -> ConsultFaq | None:
        return await self.session.scalar(select(ConsultFaq).where(ConsultFaq.question_id == question_id))

    async def faq_by_topic(
        self, topic: ConsultTopic, offset: int, limit: int
    ) -> tuple[list[ConsultFaq], int]:
        total = await self.session.scalar(select(func.count()).where(ConsultFaq.topic == topic)) or 0
        rows = await self.session.scalars(
            select(ConsultFaq)
            .where(ConsultFaq.topic == topic)
            .order_by(ConsultFaq.published_at.desc(), ConsultFaq.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return list(rows), int(total)

    async def faq_search(
        self, stems: Sequence[str], topic: ConsultTopic | None, limit: int, *, all_words: bool
    ) -> list[ConsultFaq]:
        """Entries having the query's stems: every one of them (`all_words`), or any — those with
        the most first, of `topic` before others when one is given, then the newest.

        Stems are matched whole through the index of `consult_faq_words` (both sides stemmed by
        the same Snowball stemmer, so «аттестацию» finds «аттестации»): the ranking reads only the index
        rows of those stems, then the few entries shown (benchmarks/faq)."""
        if not stems:
            return []
        word = ConsultFaqWord
        score = func.count().label("score")
        same_topic = case((word.topic == topic, 1), else_=0) if topic is not None else literal(0)
        ranked = (
            select(word.entry_id)
            .where(word.stem.in_(list(dict.fromkeys(s[:64] for s in stems))))
            .group_by(word.entry_id, word.topic)
            .order_by(score.desc(), same_topic.desc(), word.entry_id.desc())
            .limit(limit)
        )
        if all_words:
            ranked = ranked.having(func.count() >= len(set(stems)))
        ids = list(await self.session.scalars(ranked))
        if not ids:
            return []
        found = {
            e.id: e for e in await self.session.scalars(select(ConsultFaq).where(ConsultFaq.id.in_(ids)))
        }
        rows = [found[i] for i in ids if i in found]
        return list(rows)

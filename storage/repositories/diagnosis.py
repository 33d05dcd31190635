"""Diagnosis attempts, answers and results; aggregates for staff. (Content versions:
`storage.repositories.content`.)"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.diagnostics import Level
from bot.domain.roles import Role
from storage.models import (
    ContentVersion,
    DiagnosisAnswer,
    DiagnosisAttempt,
    DiagnosisResult,
    Municipality,
    School,
    User,
    UserRole,
    UserSubject,
)


@dataclass(frozen=True, slots=True)
class TeacherResult:
    """One teacher's latest finished attempt of a questionnaire, with per-area levels."""

    user_id: int
    full_name: str | None
    municipality: str | None
    school: str | None
    subjects: tuple[str, ...]
    finished_at: datetime
    attempt_id: int
    areas: dict[str, tuple[float | None, Level | None]]


class DiagnosisRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
        self._insert = pg_insert if dialect == "postgresql" else sqlite_insert

    async def attempt(self, attempt_id: int) -> DiagnosisAttempt | None:
        return await self.session.get(DiagnosisAttempt, attempt_id)

    async def open_attempt(self, user_id: int, questionnaire_id: str) -> DiagnosisAttempt | None:
        return await self.session.scalar(
            select(DiagnosisAttempt)
            .where(
                DiagnosisAttempt.user_id == user_id,
                DiagnosisAttempt.questionnaire_id == questionnaire_id,
                DiagnosisAttempt.finished_at.is_(None),
            )
            .order_by(DiagnosisAttempt.id.desc())
            .limit(1)
        )

    async def open_attempts(self, user_id: int) -> list[DiagnosisAttempt]:
        rows = await self.session.scalars(
            select(DiagnosisAttempt).where(
                DiagnosisAttempt.user_id == user_id, DiagnosisAttempt.finished_at.is_(None)
            )
        )
        return list(rows)

    async def create_attempt(self, user_id: int, version: ContentVersion) -> DiagnosisAttempt:
        attempt = DiagnosisAttempt(
            user_id=user_id, content_version_id=version.id, questionnaire_id=version.content_id, position=0
        )
        self.session.add(attempt)
        await self.session.flush()
        return attempt

    async def answers(self, attempt_id: int) -> dict[str, int]:
        rows = await self.session.execute(
            select(DiagnosisAnswer.item_id, DiagnosisAnswer.value).where(
                DiagnosisAnswer.attempt_id == attempt_id
            )
        )
        return {item: value for item, value in rows}

    async def save_answer(self, attempt: DiagnosisAttempt, item_id: str, value: int, position: int) -> None:
        stmt = self._insert(DiagnosisAnswer).values(attempt_id=attempt.id, item_id=item_id, value=value)
        stmt = stmt.on_conflict_do_update(
            index_elements=[DiagnosisAnswer.attempt_id, DiagnosisAnswer.item_id],
            set_={"value": value, "answered_at": func.now()},
        )
        await self.session.execute(stmt)
        attempt.position = position
        await self.session.flush()

    async def set_position(self, attempt: DiagnosisAttempt, position: int) -> None:
        attempt.position = position
        await self.session.flush()

    async def finish(
        self,
        attempt: DiagnosisAttempt,
        results: Iterable[tuple[str, float | None, Level | None]],
        now: datetime,
    ) -> None:
        await self.session.execute(delete(DiagnosisResult).where(DiagnosisResult.attempt_id == attempt.id))
        self.session.add_all(
            DiagnosisResult(attempt_id=attempt.id, area=area, score=score, level=level)
            for area, score, level in results
        )
        attempt.finished_at = now
        await self.session.flush()

    async def results(self, attempt_id: int) -> dict[str, tuple[float | None, Level | None]]:
        rows = await self.session.execute(
            select(DiagnosisResult.area, DiagnosisResult.score, DiagnosisResult.level).where(
                DiagnosisResult.attempt_id == attempt_id
            )
        )
        return {area: (score, level) for area, score, level in rows}

    async def finished(self, user_id: int, questionnaire_id: str | None = None) -> list[DiagnosisAttempt]:
        """Finished attempts of a person, newest first."""
        where = [DiagnosisAttempt.user_id == user_id, DiagnosisAttempt.finished_at.is_not(None)]
        if questionnaire_id is not None:
            where.append(DiagnosisAttempt.questionnaire_id == questionnaire_id)
        rows = await self.session.scalars(
            select(DiagnosisAttempt)
            .where(*where)
            .order_by(DiagnosisAttempt.finished_at.desc(), DiagnosisAttempt.id.desc())
        )
        return list(rows)

    # --- staff aggregates -------------------------------------------------------------------

    def _scope(self, municipality_id: int | None, school_id: int | None, subject: str | None) -> list[Any]:
        """The teachers of a scope: registered and giving lessons."""
        where: list[Any] = [User.registered_at.is_not(None), User.teaches.is_(True)]
        if municipality_id is not None:
            where.append(User.municipality_id == municipality_id)
        if school_id is not None:
            where.append(User.school_id == school_id)
        if subject is not None:
            where.append(User.id.in_(select(UserSubject.user_id).where(UserSubject.subject == subject)))
        return where

    async def count_teachers(
        self, *, municipality_id: int | None = None, school_id: int | None = None, subject: str | None = None
    ) -> int:
        teachers = select(UserRole.user_id).where(UserRole.role == Role.TEACHER)
        count = await self.session.scalar(
            select(func.count())
            .select_from(User)
            .where(*self._scope(municipality_id, school_id, subject), User.id.in_(teachers))
        )
        return int(count or 0)

    def _latest(self, questionnaire_id: str, where: Sequence[Any]) -> Any:
        """Each teacher's latest finished attempt of the questionnaire, within the scope."""
        latest = (
            select(DiagnosisAttempt.user_id, func.max(DiagnosisAttempt.id).label("attempt_id"))
            .join(User, User.id == DiagnosisAttempt.user_id)
            .where(
                DiagnosisAttempt.questionnaire_id == questionnaire_id,
                DiagnosisAttempt.finished_at.is_not(None),
                *where,
            )
            .group_by(DiagnosisAttempt.user_id)
        )
        return latest.subquery()

    async def level_counts(
        self,
        questionnaire_id: str,
        *,
        municipality_id: int | None = None,
        school_id: int | None = None,
        subject: str | None = None,
    ) -> tuple[int, dict[str, dict[Level, int]]]:
        """(teachers diagnosed, {area: {level: count}}) over the latest attempts in the scope."""
        latest = self._latest(questionnaire_id, self._scope(municipality_id, school_id, subject))
        diagnosed = await self.session.scalar(select(func.count()).select_from(latest))
        rows = await self.session.execute(
            select(DiagnosisResult.area, DiagnosisResult.level, func.count())
            .join(latest, latest.c.attempt_id == DiagnosisResult.attempt_id)
            .where(DiagnosisResult.level.is_not(None))
            .group_by(DiagnosisResult.area, DiagnosisResult.level)
        )
        counts: dict[str, dict[Level, int]] = {}
        for area, level, count in rows:
            if level is not None:
                counts.setdefault(area, {})[level] = int(count)
        return int(diagnosed or 0), counts

    async def teacher_results(
        self,
        questionnaire_id: str,
        *,
        municipality_id: int | None = None,
        school_id: int | None = None,
        subject: str | None = None,
        user_ids: Sequence[int] | None = None,
    ) -> list[TeacherResult]:
        where = self._scope(municipality_id, school_id, subject)
        if user_ids is not None:
            where.append(User.id.in_(user_ids))
        latest = self._latest(questionnaire_id, where)
        # Plain columns, not ORM users: a region's file is 10,000 rows.
        attempts = await self.session.execute(
            select(
                DiagnosisAttempt.id,
                DiagnosisAttempt.finished_at,
                User.id,
                User.full_name,
                Municipality.name,
                func.coalesce(School.short_name, School.name, User.school_note),
            )
            .join(latest, latest.c.attempt_id == DiagnosisAttempt.id)
            .join(User, User.id == DiagnosisAttempt.user_id)
            .outerjoin(Municipality, Municipality.id == User.municipality_id)
            .outerjoin(School, School.id == User.school_id)
            .order_by(User.full_name, User.id)
        )
        rows = list(attempts)
        subjects: dict[int, list[str]] = {}
        areas: dict[int, dict[str, tuple[float | None, Level | None]]] = {row[0]: {} for row in rows}
        if rows:
            users = select(latest.c.user_id)
            for user_id, subject in await self.session.execute(
                select(UserSubject.user_id, UserSubject.subject).where(UserSubject.user_id.in_(users))
            ):
                subjects.setdefault(user_id, []).append(subject)
            for attempt_id, area, score, level in await self.session.execute(
                select(
                    DiagnosisResult.attempt_id,
                    DiagnosisResult.area,
                    DiagnosisResult.score,
                    DiagnosisResult.level,
                ).join(latest, latest.c.attempt_id == DiagnosisResult.attempt_id)
            ):
                areas[attempt_id][area] = (score, level)
        return [
            TeacherResult(
                user_id=user_id,
                full_name=full_name,
                municipality=municipality,
                school=school,
                subjects=tuple(subjects.get(user_id, ())),
                finished_at=finished_at,
                attempt_id=attempt_id,
                areas=areas[attempt_id],
            )
            for attempt_id, finished_at, user_id, full_name, municipality, school in rows
            if finished_at is not None
        ]

    async def shared_teachers(self, municipality_id: int | None) -> list[User]:
        """Teachers who let their methodist see their results, in the methodist's municipality."""
        where: list[Any] = [
            User.share_results.is_(True),
            User.registered_at.is_not(None),
            User.teaches.is_(True),
        ]
        if municipality_id is not None:
            where.append(User.municipality_id == municipality_id)
        rows = await self.session.scalars(select(User).where(and_(*where)).order_by(User.full_name, User.id))
        return list(rows)

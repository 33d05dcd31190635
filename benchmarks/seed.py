"""Seeding shared by the benchmarks: names, weighted choices, bulk inserts, a clean PostgreSQL
schema, the demo directory and content, teachers registered through the services."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from bot.domain.diagnostics import ContentKind, Questionnaire
from bot.domain.profile import CATEGORIES, SUBJECTS, ProfileDraft
from bot.services import accounts, content
from bot.services.directory import ensure_sample_directory
from storage.models import School
from storage.repositories import Repos

T = TypeVar("T")

QUESTIONNAIRE = "general"

# Parts of a teacher's name (a woman's: most teachers in the region are women).
SURNAMES = (
    "Иванова",
    "Смирнова",
    "Кузнецова",
    "Соколова",
    "Попова",
    "Лебедева",
    "Козлова",
    "Новикова",
    "Морозова",
    "Петрова",
    "Волкова",
    "Соловьёва",
    "Васильева",
    "Зайцева",
    "Павлова",
    "Семёнова",
)
FIRST_NAMES = ("Мария", "Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Светлана", "Ирина", "Юлия", "Марина")
PATRONYMICS = ("Петровна", "Сергеевна", "Викторовна", "Ивановна", "Андреевна", "Юрьевна", "Олеговна")

# Whole names, for seeders that pick one of a few.
NAMES = (
    "Иванова Мария Петровна",
    "Смирнова Анна Сергеевна",
    "Кузнецова Елена Викторовна",
    "Соколова Ольга Ивановна",
    "Попова Наталья Андреевна",
    "Лебедева Татьяна Юрьевна",
    "Козлова Светлана Олеговна",
    "Новикова Ирина Петровна",
    "Морозов Алексей Игоревич",
    "Волков Дмитрий Сергеевич",
)


def full_name(
    rng: random.Random,
    surnames: Sequence[str] = SURNAMES,
    firsts: Sequence[str] = FIRST_NAMES,
    patronymics: Sequence[str] = PATRONYMICS,
) -> str:
    """«Surname First Patronymic», each part drawn from its list."""
    return f"{rng.choice(surnames)} {rng.choice(firsts)} {rng.choice(patronymics)}"


def weighted(rng: random.Random, weights: Mapping[T, float]) -> T:
    """One key of `weights`, drawn with the chances its values give."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


async def insert_rows(
    session: AsyncSession, model: Any, rows: list[dict[str, Any]], chunk: int = 10_000
) -> None:
    """Bulk INSERT of `rows` into `model`'s table (or a Table), `chunk` rows per statement."""
    table_ = model.__table__ if hasattr(model, "__table__") else model
    for start in range(0, len(rows), chunk):
        await session.execute(insert(table_), rows[start : start + chunk])


async def reset_postgres(url: str) -> None:
    """An empty schema ``public`` at `url` (everything in it DROPPED)."""
    engine = create_async_engine(url)
    try:
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    finally:
        await engine.dispose()


async def prepare_content(sessionmaker: async_sessionmaker[AsyncSession]) -> Questionnaire:
    """The demo directory and the shipped questionnaires, as App.startup loads them."""
    async with sessionmaker() as session:
        repos = Repos(session)
        await ensure_sample_directory(repos)
        problems = await content.sync_files(repos.content)
        await repos.commit()
        if problems:
            raise RuntimeError(f"content problems: {problems}")
        version = await repos.content.active_one(ContentKind.QUESTIONNAIRE, QUESTIONNAIRE)
        assert version is not None
        return Questionnaire.model_validate(version.body)


async def register_teachers(
    sessionmaker: async_sessionmaker[AsyncSession], tg_ids: Sequence[int], rng: random.Random, now: datetime
) -> None:
    """Consent + registration through the services (what the registration dialogue ends with)."""
    async with sessionmaker() as session:
        repos = Repos(session)
        schools = list(await session.scalars(select(School)))
        for tg_id in tg_ids:
            user = await accounts.give_consent(repos, tg_id, locale="ru", now=now)
            school = rng.choice(schools)
            experience = rng.randint(0, 30)
            draft = ProfileDraft(
                full_name=full_name(rng),
                municipality_id=school.municipality_id,
                school_id=school.id,
                position="teacher",
                subjects=(rng.choice(SUBJECTS),),
                experience_years=experience,
                birth_year=now.year - experience - rng.randint(22, 40),
                category=rng.choice(CATEGORIES),
            )
            await accounts.complete_registration(repos, user, draft, now=now)
        await repos.commit()

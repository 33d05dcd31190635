"""The indicators report: gather a scope's teachers and deficits, compute the target indicators
(`bot.domain.indicators`), and name what the numbers are about (municipalities, schools, areas).

A report is computed at once for the whole scope: the teachers' table (a grouped statement per kind
of fact) and the deficit counts, the flags column-wise; everything after that — text, charts, the
XLSX — is rendered from the same `Report`, so they always agree.
"""

from __future__ import annotations

import asyncio
import gc
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.domain import indicators as domain
from bot.domain.indicators import (
    Counts,
    DeficitMatrix,
    FlagTable,
    Indicator,
    Period,
    PeriodCode,
    Share,
    TeacherTable,
)
from bot.services import content
from storage.repositories import Repos


@dataclass(frozen=True, slots=True)
class Scope:
    municipality_id: int | None
    school_id: int | None
    municipality: str | None  # its name
    school: str | None

    def title(self, region: str) -> str:
        """«г. Кострома — Гимназия № 15», «г. Кострома», or `region` for the whole region."""
        if self.school is not None:
            return f"{self.municipality} — {self.school}"
        return self.municipality or region


@dataclass(frozen=True, slots=True)
class Report:
    scope: Scope
    period: Period
    shares: dict[Indicator, Share]
    counts: Counts
    teachers: TeacherTable  # the teachers counted
    flags: FlagTable  # theirs, in the same order
    deficits: DeficitMatrix
    by_school: bool  # the groups of the heatmap and the breakdowns are schools (else municipalities)
    group_names: dict[int, str]
    municipality_names: dict[int, str]
    school_names: dict[int, str]
    area_titles: dict[str, str]

    def group_name(self, group: int | None, unknown: str) -> str:
        return self.group_names.get(group, unknown) if group is not None else unknown

    def breakdown(self) -> dict[int | None, dict[Indicator, Share]]:
        """The indicators per municipality (for the region) or per school (within a municipality)."""
        groups = self.teachers.school_id if self.by_school else self.teachers.municipality_id
        return domain.group_breakdown(groups, self.flags)


async def resolve_scope(repos: Repos, municipality_id: int, school_id: int) -> Scope | None:
    """A scope from a button's ids (0 = all); None when the municipality or school is gone or the
    school is not in that municipality (a stale or forged button)."""
    m = municipality_id or None
    s = school_id or None
    municipality = school = None
    if m is not None:
        municipality = (await repos.indicators.municipality_names()).get(m)
        if municipality is None:
            return None
    if s is not None:
        if m is None:
            return None
        school = (await repos.indicators.school_names(m)).get(s)
        if school is None:
            return None
    return Scope(m, s, municipality, school)


async def area_titles(repos: Repos) -> dict[str, str]:
    """Competence areas of the active questionnaires, in their order (the first title wins)."""
    titles: dict[str, str] = {}
    for _row, questionnaire in await content.questionnaires(repos.content):
        for area in questionnaire.areas:
            titles.setdefault(area.id, area.title)
    return titles


@contextmanager
def _bulk() -> Iterator[None]:
    """No garbage collection while the table is built: a region's statements hand back a few hundred
    thousand rows and tuples at once, and the collector kept walking them (with it on, the
    region's table takes about twice as long). Collection resumes right after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


async def _deficits(
    repos: Repos, scope: Scope, period: Period, *, by_school: bool
) -> list[domain.DeficitCount]:
    """The deficit counts on a connection of their own, so that the database computes them while the
    teachers' rows are read (SQLite releases the interpreter while it works)."""
    bind = repos.session.bind
    if not isinstance(bind, AsyncEngine):
        return await _deficit_query(repos, scope, period, by_school)
    async with AsyncSession(bind) as session:
        return await _deficit_query(Repos(session), scope, period, by_school)


async def _deficit_query(
    repos: Repos, scope: Scope, period: Period, by_school: bool
) -> list[domain.DeficitCount]:
    return await repos.indicators.deficits(
        municipality_id=scope.municipality_id,
        school_id=scope.school_id,
        start=period.start,
        end=period.end,
        by_school=by_school,
    )


async def build(repos: Repos, scope: Scope, code: PeriodCode, *, now: datetime, timezone: str) -> Report:
    today = now.astimezone(ZoneInfo(timezone)).date()
    period = domain.make_period(code, today, timezone)
    m, s = scope.municipality_id, scope.school_id
    by_school = m is not None
    with _bulk():
        table, cells = await asyncio.gather(
            repos.indicators.teacher_table(municipality_id=m, school_id=s, end=period.end),
            _deficits(repos, scope, period, by_school=by_school),
        )
        teachers = table.take(domain.counted_mask(table, period))
        flags = domain.flag_table(teachers, period)
        shares = domain.compute(flags)
        counts = domain.count_table(teachers, flags)
    municipalities = await repos.indicators.municipality_names()
    schools = await repos.indicators.school_names(m)
    groups = schools if by_school else municipalities
    titles = await area_titles(repos)
    matrix = domain.deficit_matrix(cells, area_order=list(titles), group_order=list(groups))
    return Report(
        scope=scope,
        period=period,
        shares=shares,
        counts=counts,
        teachers=teachers,
        flags=flags,
        deficits=matrix,
        by_school=by_school,
        group_names=groups,
        municipality_names=municipalities,
        school_names=schools,
        area_titles=titles,
    )


async def municipalities(repos: Repos) -> list[tuple[int, str]]:
    return list((await repos.indicators.municipality_names()).items())


async def schools(repos: Repos, municipality_id: int) -> list[tuple[int, str]]:
    return list((await repos.indicators.school_names(municipality_id)).items())


PSEUDONYM_SECRET = "pseudonym-key"


async def pseudonym_key(repos: Repos, configured: SecretStr | None) -> bytes:
    """The key of the anonymised file's codes: PSEUDONYM_KEY when set, else a random key this
    installation made once and keeps in its database. Never the bot token: a new token must not
    change the codes, and whoever knows the token must not be able to recompute them."""
    if configured is not None:
        return domain.pseudonym_key(configured.get_secret_value())
    return domain.pseudonym_key(await repos.secrets.kept(PSEUDONYM_SECRET, secrets.token_hex(32)))

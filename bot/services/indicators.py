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
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from pydantic import SecretStr

from bot.domain import indicators as domain
from bot.domain.contests import involved_by_group
from bot.domain.errors import Refusal
from bot.domain.indicators import (
    AttIndicator,
    Counts,
    DeficitMatrix,
    FlagTable,
    Indicator,
    Period,
    PeriodCode,
    Share,
    TeacherTable,
)
from bot.domain.roles import Role
from bot.domain.time import Clock, local_today, zone_of
from bot.services import content as content_service
from bot.services import roles as role_service
from storage.models import User
from storage.repositories import ContentRepo, ExpertRepo, SecretRepo
from storage.repositories.attestation import AttestationRepo
from storage.repositories.indicators import IndicatorRepo


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
    # Part 11: «involved» per target group (seed 001: at least 80 % in each), in `TargetGroup` order.
    by_target_group: dict[str, Share] = field(default_factory=dict)
    # The attestation indicators (bot.domain.indicators.attestation); empty when not computed.
    attestation: dict[AttIndicator, Share] = field(default_factory=dict)

    def group_name(self, group: int | None, unknown: str) -> str:
        return self.group_names.get(group, unknown) if group is not None else unknown

    def breakdown(self) -> dict[int | None, dict[Indicator, Share]]:
        """The indicators per municipality (for the region) or per school (within a municipality)."""
        groups = self.teachers.school_id if self.by_school else self.teachers.municipality_id
        return domain.group_breakdown(groups, self.flags)


async def resolve_scope(indicators: IndicatorRepo, municipality_id: int, school_id: int) -> Scope | None:
    """A scope from a button's ids (0 = all); None when the municipality or school is gone or the
    school is not in that municipality (a stale or forged button)."""
    m = municipality_id or None
    s = school_id or None
    municipality = school = None
    if m is not None:
        municipality = (await indicators.municipality_names()).get(m)
        if municipality is None:
            return None
    if s is not None:
        if m is None:
            return None
        school = (await indicators.school_names(m)).get(s)
        if school is None:
            return None
    return Scope(m, s, municipality, school)


async def area_titles(content: ContentRepo) -> dict[str, str]:
    """Competence areas of the active questionnaires, in their order (the first title wins)."""
    titles: dict[str, str] = {}
    for _row, questionnaire in await content_service.questionnaires(content):
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


async def build(
    indicators: IndicatorRepo,
    content: ContentRepo,
    scope: Scope,
    code: PeriodCode,
    *,
    now: datetime,
    timezone: str,
    experts: ExpertRepo | None = None,
    attestation: AttestationRepo | None = None,
) -> Report:
    today = now.astimezone(ZoneInfo(timezone)).date()
    period = domain.make_period(code, today, timezone)
    m, s = scope.municipality_id, scope.school_id
    by_school = m is not None
    with _bulk():
        # The deficit counts on a connection of their own, so that the database computes them while
        # the teachers' rows are read (SQLite releases the interpreter while it works).
        table, cells = await asyncio.gather(
            indicators.teacher_table(municipality_id=m, school_id=s, end=period.end),
            indicators.deficits_aside(
                municipality_id=m, school_id=s, start=period.start, end=period.end, by_school=by_school
            ),
        )
        teachers = table.take(domain.counted_mask(table, period))
        flags = domain.flag_table(teachers, period)
        shares = domain.compute(flags)
        counts = domain.count_table(teachers, flags)
    if experts is not None:
        facts = await experts.activity(municipality_id=m, school_id=s, start=period.start, end=period.end)
        active = domain.expert_activity(
            (domain.ExpertFact(e, at) for e, at in facts), period.start, period.end
        )
        counts = replace(counts, experts=active)
    municipalities = await indicators.municipality_names()
    schools = await indicators.school_names(m)
    groups = schools if by_school else municipalities
    titles = await area_titles(content)
    matrix = domain.deficit_matrix(cells, area_order=list(titles), group_order=list(groups))
    ids = list(teachers.user_id)
    members = await indicators.target_groups(ids)
    involved = flags.involved.tolist()
    by_target_group = {
        group: Share(n, total) for group, (n, total) in involved_by_group(ids, involved, members).items()
    }
    attested: dict[AttIndicator, Share] = {}
    if attestation is not None:
        ids = [int(i) for i in teachers.user_id]
        records, asked = await attestation.indicator_facts(m, s, period.end)
        attested = domain.attestation_shares(ids, records, asked, period)
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
        by_target_group=by_target_group,
        attestation=attested,
    )


PSEUDONYM_SECRET = "pseudonym-key"

# People whose report is being prepared: a second tap meanwhile (the region's report takes a second
# or two) gets «wait» instead of a second set of charts or files. One process holds the polling.
_busy: set[int] = set()


@contextmanager
def one_at_a_time(tg_id: int) -> Iterator[bool]:
    """False while this person's previous report is still being prepared (a second tap)."""
    if tg_id in _busy:
        yield False
        return
    _busy.add(tg_id)
    try:
        yield True
    finally:
        _busy.discard(tg_id)


@dataclass(frozen=True, slots=True)
class Home:
    scope: Scope
    period: Period
    region_allowed: bool  # may choose another municipality (regional staff, admins)


class PickKind(StrEnum):
    MUNIS = "munis"
    SCHOOLS = "schools"


@dataclass(frozen=True, slots=True)
class Choice:
    """Municipalities (`kind` MUNIS) or schools (SCHOOLS) to narrow the report to."""

    kind: PickKind
    items: list[tuple[int, str]]
    scope: Scope
    code: PeriodCode
    page: int


@dataclass(frozen=True, slots=True)
class Keyed:
    """A report and the key of its anonymised file's codes."""

    report: Report
    key: bytes


class IndicatorService:
    """The report for staff: a municipal service is held to its municipality whatever a button
    says; a gone municipality or school is refused (`rp-scope-gone`)."""

    def __init__(
        self,
        indicators: IndicatorRepo,
        content: ContentRepo,
        secrets: SecretRepo,
        *,
        clock: Clock,
        default_timezone: str,
        pseudonym_key: SecretStr | None,
        experts: ExpertRepo | None = None,
        attestation: AttestationRepo | None = None,
    ) -> None:
        self.indicators = indicators
        self.content = content
        self.secrets = secrets
        self.clock = clock
        self.default_timezone = default_timezone
        self.configured_key = pseudonym_key
        self.experts = experts  # the expert activity count (003 §4.8)
        self.attestation = attestation

    async def scope(self, user: User | None, roles: frozenset[Role], m: int, s: int) -> Scope:
        """The scope a button asks for, within what this person may see."""
        allowed = role_service.staff_scope(user, roles)
        if allowed is not None and m != allowed:
            m, s = allowed, 0
        scope = await resolve_scope(self.indicators, m, s if m else 0)
        if scope is None:
            raise Refusal("rp-scope-gone")
        return scope

    def period(self, user: User | None, code: str) -> Period:
        """The period a button names, in the person's time zone."""
        zone = zone_of(user, self.default_timezone)
        return domain.make_period(domain.parse_period(code), local_today(self.clock(), zone), zone)

    async def home(self, user: User | None, roles: frozenset[Role], m: int, s: int, code: str) -> Home:
        scope = await self.scope(user, roles, m, s)
        region = role_service.staff_scope(user, roles) is None
        return Home(scope, self.period(user, code), region)

    async def choice(
        self, user: User | None, roles: frozenset[Role], kind: PickKind, m: int, s: int, code: str, page: int
    ) -> Choice:
        scope = await self.scope(user, roles, m, s)
        if kind is PickKind.MUNIS:
            if role_service.staff_scope(user, roles) is not None:
                raise Refusal("rp-only-yours")
            items = list((await self.indicators.municipality_names()).items())
        else:
            if scope.municipality_id is None:
                raise Refusal("rp-scope-gone")
            items = list((await self.indicators.school_names(scope.municipality_id)).items())
        return Choice(kind, items, scope, domain.parse_period(code), page)

    @asynccontextmanager
    async def report(
        self, user: User | None, roles: frozenset[Role], tg_id: int, m: int, s: int, code: str
    ) -> AsyncIterator[Report]:
        """The report a button asks for, held as «being prepared» until the caller has sent it; a
        second tap meanwhile is told to wait (`rp-busy`)."""
        scope = await self.scope(user, roles, m, s)
        with one_at_a_time(tg_id) as free:
            if not free:
                raise Refusal("rp-busy", alert=False)
            yield await build(
                self.indicators,
                self.content,
                scope,
                domain.parse_period(code),
                now=self.clock(),
                timezone=zone_of(user, self.default_timezone),
                experts=self.experts,
                attestation=self.attestation,
            )

    @asynccontextmanager
    async def keyed_report(
        self, user: User | None, roles: frozenset[Role], tg_id: int, m: int, s: int, code: str
    ) -> AsyncIterator[Keyed]:
        """`report`, with the key of the anonymised file's codes (for the XLSX)."""
        async with self.report(user, roles, tg_id, m, s, code) as report:
            yield Keyed(report, await self.pseudonym_key())

    async def pseudonym_key(self) -> bytes:
        """The key of the anonymised file's codes: PSEUDONYM_KEY when set, else a random key this
        installation made once and keeps in its database. Never the bot token: a new token must not
        change the codes, and whoever knows the token must not be able to recompute them."""
        if self.configured_key is not None:
            return domain.pseudonym_key(self.configured_key.get_secret_value())
        return domain.pseudonym_key(await self.secrets.kept(PSEUDONYM_SECRET, secrets.token_hex(32)))

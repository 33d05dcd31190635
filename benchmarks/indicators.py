"""The indicators report and its XLSX for a synthetic region: time and peak memory.

All times are wall-clock (time.perf_counter).  The benchmark's "now" is fixed: 16.03.2026 09:00 UTC
(12:00 in Moscow, the zone of the staff member and of every demo municipality); the period is the
school year so far, 01.09.2025 – 16.03.2026 (``PeriodCode.ACADEMIC_YEAR``).

Seeding — a fresh SQLite database (``storage.migrate.upgrade``; the demo directory and the shipped
questionnaires and catalogue synced as ``App.startup`` does), filled with bulk ``insert()``
executemany in chunks *by a child process* (``--seed-only``), so the measuring process never held
the seeding data and its ``ru_maxrss`` is the report's own.  ``--teachers`` teachers (role
«teacher»; demo municipalities weighted as in the mentoring benchmark, 3 % without a directory
school), ~15 % young specialists, some just outside the rule, categories none / first / highest,
registered over the last two and a half years; 1 % more people gave consent but never finished the
profile (not counted).  ~65 % took the general questionnaire within the period (30 % of them twice;
12 % also the inclusive one; 2 % of attempts rated no area), results per area high / medium / low;
10 % have a diagnosis of the previous year, 4 % an unfinished attempt.  ~35 % have a route of 6
steps (forms course / community / consultation / …; draft, submitted, returned, approved, carried
out; period ends spread, 18 % already over; built on a diagnosis for most), 8 % an older route of
the previous year.  ~85 % of the young specialists have a mentoring pair (active, paused,
completed — some before the period —, proposed, cancelled) with an experienced teacher of their
municipality (role «mentor», a mentor profile).  A few hundred events (seminar, webinar, contest,
conference, round table, course; 12 % of the previous year, 15 % upcoming, some cancelled and
drafts), registrations for ~40 % (waiting list, cancelled, attended with feedback), a broadcast of
kind «event» per published event and «update» / «cancel» ones, outbox rows 'sent' to ~90 % (the
rest 'blocked' / 'failed'), weekly digests to 25 %, personal reminders (not informing).  Generated
teacher by teacher, the rows are then rewritten in the order the bot writes them (by time, ids
ascending with it; attempts and routes renumbered, references followed) and the file VACUUMed: the
physical order changes SQLite's costs here by a factor of 3–4 for single subqueries
(``--clustered`` leaves the per-teacher order, for comparison).  No ANALYZE: the bot runs none.

While seeding, what every indicator must come to is worked out from the generated facts
independently of ``bot.domain.indicators`` (the definitions of its docstring); the report is
checked against it (shares, counts, the deficit matrix) for the region, the largest municipality
and its largest school.

Measured (in the parent process): ``bot.services.indicators.build`` for the three scopes, ``--runs``
times each in a fresh session (best / median / worst), with ``bot.ui.indicators.summary_screen``
(the text), the SQL statements, the event loop's stalls meanwhile (the build runs in the loop; only
the SQL goes to aiosqlite's thread) and the garbage collections; where the region's build spends
its time (the two queries with their rows, the flags, the rest); both
charts as the handler draws them (``charts.draw`` of ``indicators_png`` / ``heatmap_png``; the first
call pays matplotlib's warm-up); ``indicators_xlsx`` by name and anonymised (in a thread, as the
handler runs it), then reopened with openpyxl read-only: sheet names, rows of «Педагоги» = teachers
counted, pseudonyms unique, «Сводка» = the report.  Memory: RSS sampled every 10 ms (psutil) over
all of that, tracemalloc peak of one extra build + XLSX (slower: tracing), ``ru_maxrss`` of the
process at the end.  Targets: report (build + text) < 2 s, XLSX (build + file) < 20 s, peak < 1 GiB.
``--profile`` adds cProfile of the region's build and XLSX, the big query once more on the bare
``sqlite3`` module (what SQLite itself needs) with its plan, and the build with the garbage collector
off.  ``--quick`` (3000 teachers) runs in well under a minute.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import dataclasses
import gc
import io
import json
import os
import platform
import pstats
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Awaitable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from sqlalchemy import event, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from benchmarks.diagnosis import LoopLag, capture_errors, prepare_content, reset_postgres, say
from benchmarks.harness import MemoryMonitor, SqlProbe, mib, quiet_logging
from benchmarks.routes import table
from bot.domain import indicators as domain
from bot.domain.diagnostics import Level, Questionnaire, StepForm
from bot.domain.events import EventKind, EventLevel
from bot.domain.indicators import TARGETS, Indicator, PeriodCode
from bot.domain.mentoring import PairStatus, pair_period
from bot.domain.routes import RouteStatus, StepStatus
from bot.i18n import I18n, Translator
from bot.services import accounts, charts
from bot.services import indicators as service
from bot.services.indicators import Report, Scope
from bot.services.indicators_xlsx import indicators_xlsx
from bot.services.reports import safe_sheet_title
from bot.ui import indicators as screens
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade
from storage.models import (
    Base,
    Broadcast,
    DiagnosisAttempt,
    DiagnosisResult,
    Event,
    EventRegistration,
    MentorPair,
    MentorProfile,
    Municipality,
    OutboxMessage,
    Route,
    RouteStep,
    School,
    User,
    UserRole,
)
from storage.repositories import Repos

T = TypeVar("T")

NOW = datetime(2026, 3, 16, 9, 0, tzinfo=UTC)
TZ = "Europe/Moscow"
CODE = PeriodCode.ACADEMIC_YEAR
PERIOD = domain.make_period(CODE, NOW.astimezone(ZoneInfo(TZ)).date(), TZ)
YEAR = PERIOD.last_day.year  # the year of the young-specialist rule
IN_FROM = datetime(2025, 9, 2, 6, tzinfo=UTC)  # in-period moments: well inside the period
IN_TO = NOW - timedelta(hours=1)
PREV_FROM = datetime(2024, 10, 1, 6, tzinfo=UTC)  # the previous school year
PREV_TO = datetime(2025, 8, 25, 6, tzinfo=UTC)
REGISTERED_FROM = datetime(2023, 9, 1, 6, tzinfo=UTC)
CHUNK = 5000  # teachers generated and inserted per transaction
QUESTIONNAIRES = ("general", "inclusive")

TARGET_REPORT = 2.0  # s: build + text
TARGET_XLSX = 20.0  # s: build + file
TARGET_MEMORY = 2**30  # bytes

# Share of people per demo municipality (by code), as in benchmarks/mentoring.py.
DEMO_WEIGHTS = {
    "kostroma": 40.0,
    "sharya": 9.0,
    "kostroma-district": 9.0,
    "nerekhta": 8.0,
    "buy": 6.0,
    "galich": 6.0,
    "manturovo": 5.0,
    "krasnoe": 5.0,
    "makariev": 3.5,
    "sudislavl": 3.0,
    "chukhloma": 3.0,
    "vokhma": 2.5,
}
SURNAMES = ("Иванова", "Смирнова", "Кузнецова", "Соколова", "Попова", "Лебедева", "Козлов", "Новиков")
FIRST = ("Мария", "Анна", "Елена", "Ольга", "Наталья", "Татьяна", "Сергей", "Андрей")
PATRONYMICS = ("Петровна", "Сергеевна", "Викторовна", "Ивановна", "Андреевна", "Юрьевна", "Олегович")
STEP_TITLES = {
    StepForm.COURSE: "Курс повышения квалификации «Формирующее оценивание»",
    StepForm.COMMUNITY: "Работа в методическом объединении учителей",
    StepForm.CONSULTATION: "Консультация методиста по проектированию урока",
    StepForm.TRAINING: "Тренинг «Трудный разговор с родителями»",
    StepForm.INTERNSHIP: "Стажировка в школе — методическом центре",
    StepForm.EXPERIENCE: "Открытый урок для коллег района",
}
FORM_WEIGHTS = {
    StepForm.COURSE: 25,
    StepForm.COMMUNITY: 20,
    StepForm.CONSULTATION: 15,
    StepForm.TRAINING: 15,
    StepForm.INTERNSHIP: 10,
    StepForm.EXPERIENCE: 15,
}
ROUTE_WEIGHTS = {
    RouteStatus.DRAFT: 6,
    RouteStatus.SUBMITTED: 20,
    RouteStatus.RETURNED: 5,
    RouteStatus.APPROVED: 52,
    RouteStatus.CARRIED_OUT: 17,
}
PAIR_WEIGHTS = {
    PairStatus.ACTIVE: 78,
    PairStatus.PAUSED: 6,
    PairStatus.COMPLETED: 8,
    PairStatus.PROPOSED: 4,
    PairStatus.CANCELLED: 4,
}
EVENT_WEIGHTS = {
    EventKind.SEMINAR: 30,
    EventKind.WEBINAR: 12,
    EventKind.CONTEST: 15,
    EventKind.CONFERENCE: 12,
    EventKind.ROUNDTABLE: 8,
    EventKind.COURSE: 23,
}
COMMUNITY_EVENTS = frozenset({EventKind.CONFERENCE, EventKind.ROUNDTABLE})
WORKING = frozenset({StepStatus.IN_PROGRESS, StepStatus.DONE})


def _weighted(rng: random.Random, weights: dict[T, float]) -> T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def between(rng: random.Random, lo: datetime, hi: datetime) -> datetime:
    """A moment in [lo, hi), to the second; lo when the interval is empty."""
    span = (hi - lo).total_seconds()
    return lo if span <= 1 else lo + timedelta(seconds=int(rng.random() * span))


def in_period(moment: datetime | None) -> bool:
    return moment is not None and PERIOD.start <= moment < PERIOD.end


async def _insert(session: AsyncSession, model: Any, rows: list[dict[str, Any]], chunk: int = 10_000) -> None:
    for start in range(0, len(rows), chunk):
        await session.execute(insert(model.__table__), rows[start : start + chunk])


# ---------------------------------------------------------------------------- seeding (the child)


@dataclass(slots=True)
class Person:
    uid: int
    muni: int
    school: int | None
    birth_year: int
    experience: int | None
    category: str
    registered_at: datetime
    young: bool


@dataclass(slots=True)
class Truth:
    """What the report must say about each teacher, worked out from the generated facts."""

    young: bool = False
    category: str = "none"
    diagnosed: bool = False
    recommended: bool = False
    in_force: bool = False
    route: bool = False
    trajectory: bool = False
    due: bool = False
    done: bool = False
    mentored: bool = False
    mentoring: bool = False
    events: bool = False
    contest: bool = False
    community: bool = False
    course: bool = False
    informed: bool = False  # an informing message sent within the period (registrations add later)

    @property
    def involved(self) -> bool:
        return (
            self.diagnosed
            or self.in_force
            or self.mentored
            or self.mentoring
            or self.events
            or self.community
            or self.course
        )


def expected_shares(truths: Sequence[Truth]) -> dict[str, list[int]]:
    """n and N of each indicator as bot/domain/indicators.py's docstring defines them."""
    n = len(truths)
    young = [t for t in truths if t.young]
    diagnosed = [t for t in truths if t.diagnosed]
    due = [t for t in truths if t.due]
    out: dict[Indicator, tuple[int, int]] = {
        Indicator.DIAGNOSED: (len(diagnosed), n),
        Indicator.ROUTE: (sum(t.route for t in truths), n),
        Indicator.ROUTE_DONE: (sum(t.done for t in due), len(due)),
        Indicator.YOUNG_SUPPORTED: (sum(t.involved for t in young), len(young)),
        Indicator.YOUNG_MENTORED: (sum(t.mentored for t in young), len(young)),
        Indicator.INFORMED: (sum(t.informed or t.events for t in truths), n),
        Indicator.INVOLVED: (sum(t.involved for t in truths), n),
        Indicator.COMMUNITY: (sum(t.community for t in truths), n),
        Indicator.CONTESTS: (sum(t.contest for t in truths), n),
        Indicator.TRAJECTORY: (sum(t.trajectory for t in truths), n),
        Indicator.RECOMMENDATIONS: (sum(t.recommended for t in diagnosed), len(diagnosed)),
    }
    return {k.value: [a, b] for k, (a, b) in out.items()}


def expected_counts(truths: Sequence[Truth]) -> dict[str, int]:
    return {
        "teachers": len(truths),
        "young": sum(t.young for t in truths),
        "category_first": sum(t.category == "first" for t in truths),
        "category_highest": sum(t.category == "highest" for t in truths),
        "course": sum(t.course for t in truths),
        "contest": sum(t.contest for t in truths),
        "mentors": sum(t.mentoring for t in truths),
    }


@dataclass(slots=True)
class EventFact:
    id: int
    kind: EventKind
    status: str
    starts_at: datetime
    published_at: datetime | None
    cancelled_at: datetime | None


@dataclass
class SeedState:
    rng: random.Random
    teachers: int
    version_ids: dict[str, int]
    areas: dict[str, list[str]]
    people: list[Person] = field(default_factory=list)
    truth: dict[int, Truth] = field(default_factory=dict)
    events: list[EventFact] = field(default_factory=list)
    informing: list[tuple[int, datetime]] = field(default_factory=list)  # broadcast id, when sent
    cancel_broadcast: dict[int, tuple[int, datetime]] = field(default_factory=dict)  # event → (id, when)
    mondays: list[datetime] = field(default_factory=list)
    # (municipality, school, area) -> [high, rated] over the latest attempt per questionnaire
    deficits: defaultdict[tuple[int, int | None, str], list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0])
    )
    next_attempt: int = 0
    rows: Counter[str] = field(default_factory=Counter)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(FIRST)} {rng.choice(PATRONYMICS)}"


def make_people(
    state: SeedState, munis: Sequence[tuple[int, str]], schools: dict[int, list[int]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rng = state.rng
    weights = [DEMO_WEIGHTS.get(code, 2.0) for _id, code in munis]
    cum = list(accumulate(weights))
    users: list[dict[str, Any]] = []
    roles: list[dict[str, Any]] = []
    for i in range(state.teachers):
        uid = i + 1
        muni = rng.choices([m for m, _c in munis], cum_weights=cum)[0]
        own = schools.get(muni) or []
        school = rng.choice(own) if own and rng.random() >= 0.03 else None
        r = rng.random()
        experience: int | None
        if r < 0.15:  # young specialists
            experience, birth_year = rng.randint(0, 3), YEAR - rng.randint(22, 35)
        elif r < 0.19:  # just outside: 36+ with little experience
            experience, birth_year = rng.randint(0, 3), YEAR - rng.randint(36, 50)
        elif r < 0.23:  # just outside: young but 4+ years
            experience, birth_year = rng.randint(4, 10), YEAR - rng.randint(26, 35)
        else:
            experience = rng.randint(4, 42)
            birth_year = YEAR - experience - rng.randint(22, 30)
        if rng.random() < 0.01:
            experience = None  # left empty in the profile: never a young specialist
        young = experience is not None and YEAR - birth_year <= 35 and experience <= 3
        category = (
            _weighted(rng, {"none": 85, "first": 15})
            if young
            else _weighted(rng, {"none": 25, "first": 40, "highest": 35})
        )
        registered = between(rng, REGISTERED_FROM, NOW - timedelta(days=2))
        person = Person(uid, muni, school, birth_year, experience, category, registered, young)
        state.people.append(person)
        state.truth[uid] = Truth(young=young, category=category)
        users.append(
            {
                "id": uid,
                "tg_id": 500_000_000 + uid,
                "locale": "ru",
                "consent_at": registered - timedelta(minutes=3),
                "consent_version": accounts.CONSENT_VERSION,
                "full_name": _name(rng),
                "municipality_id": muni,
                "school_id": school,
                "school_note": None if school is not None else "МБОУ «Новая школа»",
                "position": "teacher",
                "experience_years": experience,
                "birth_year": birth_year,
                "category": category,
                "registered_at": registered,
            }
        )
        roles.append({"user_id": uid, "role": "teacher"})
    # Consent given, profile never finished: no role, not counted.
    for k in range(state.teachers // 100):
        uid = state.teachers + k + 1
        consent = between(rng, REGISTERED_FROM, NOW)
        users.append(
            {
                "id": uid,
                "tg_id": 500_000_000 + uid,
                "locale": "ru",
                "consent_at": consent,
                "consent_version": accounts.CONSENT_VERSION,
                "full_name": None,
                "municipality_id": None,
                "school_id": None,
                "school_note": None,
                "position": None,
                "experience_years": None,
                "birth_year": None,
                "category": None,
                "registered_at": None,
            }
        )
    return users, roles


def make_pairs(state: SeedState) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Mentors (experienced teachers of the same municipality, up to 3 mentees) and pairs."""
    rng = state.rng
    youngs: defaultdict[int, list[Person]] = defaultdict(list)
    seniors: defaultdict[int, list[Person]] = defaultdict(list)
    for p in state.people:
        if p.young:
            youngs[p.muni].append(p)
        elif p.experience is not None and p.experience >= 8:
            seniors[p.muni].append(p)
    pairs: list[dict[str, Any]] = []
    mentors: dict[int, int] = {}  # mentor uid -> mentees
    for muni, group in youngs.items():
        pool = rng.sample(seniors[muni], min(len(seniors[muni]), len(group) // 2 + 1))
        if not pool:
            continue
        load = dict.fromkeys((m.uid for m in pool), 0)
        for young in group:
            if rng.random() >= 0.85:
                continue
            free = [uid for uid, n in load.items() if n < 3]
            if not free:
                continue
            mentor = rng.choice(free)
            load[mentor] += 1
            mentors[mentor] = load[mentor]
            status = _weighted(rng, PAIR_WEIGHTS)
            activated: datetime | None = None
            ended: datetime | None = None
            if status in (PairStatus.PROPOSED, PairStatus.CANCELLED):
                created = between(rng, IN_FROM, IN_TO)
                if status is PairStatus.CANCELLED:
                    ended = between(rng, created, NOW - timedelta(minutes=5))
            else:
                activated = between(
                    rng, max(datetime(2025, 2, 1, tzinfo=UTC), young.registered_at), NOW - timedelta(days=3)
                )
                created = activated - timedelta(days=2)
                if status is PairStatus.COMPLETED:
                    ended = between(rng, activated + timedelta(days=30), NOW - timedelta(days=1))
            start, end = pair_period(activated.date()) if activated else (None, None)
            pairs.append(
                {
                    "mentor_id": mentor,
                    "mentee_id": young.uid,
                    "status": status.value,
                    "score": round(rng.uniform(2, 6), 2),
                    "reasons": ["municipality", "subject"],
                    "created_at": created,
                    "activated_at": activated,
                    "period_start": start,
                    "period_end": end,
                    "ended_at": ended,
                }
            )
            counted = (
                activated is not None and activated < PERIOD.end and (ended is None or ended >= PERIOD.start)
            )
            if counted:
                state.truth[young.uid].mentored = True
                state.truth[mentor].mentoring = True
    profiles = [
        {"user_id": uid, "capacity": 3, "about": "Учитель-наставник", "formats": []}
        for uid in sorted(mentors)
    ]
    roles = [{"user_id": uid, "role": "mentor"} for uid in sorted(mentors)]
    return pairs, profiles, roles


def _broadcast_row(bid: int, kind: str, event_id: int, when: datetime) -> dict[str, Any]:
    return {
        "id": bid,
        "kind": kind,
        "event_id": event_id,
        "text": f"Событие № {event_id}",
        "markup": None,
        "urgent": False,
        "status": "done",
        "total": 0,
        "created_at": when,
        "finished_at": when + timedelta(hours=2),
    }


def make_events(state: SeedState) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    rng = state.rng
    count = max(40, state.teachers // 300)
    events: list[dict[str, Any]] = []
    broadcasts: list[dict[str, Any]] = []
    for eid in range(1, count + 1):
        kind = _weighted(rng, EVENT_WEIGHTS)
        r = rng.random()
        if r < 0.12:
            starts = between(rng, PREV_FROM, PREV_TO)
        elif r < 0.85:
            starts = between(rng, datetime(2025, 9, 5, 7, tzinfo=UTC), NOW - timedelta(days=1))
        else:
            starts = between(rng, NOW + timedelta(days=1), datetime(2026, 5, 31, 7, tzinfo=UTC))
        s = rng.random()
        status = "draft" if s < 0.02 else "cancelled" if s < 0.06 else "published"
        published = (
            None
            if status == "draft"
            else min(starts - timedelta(days=rng.randint(7, 30)), NOW - timedelta(hours=2))
        )
        cancelled = (
            between(rng, published, min(starts, NOW - timedelta(hours=1)))
            if status == "cancelled" and published
            else None
        )
        events.append(
            {
                "id": eid,
                "kind": kind.value,
                "level": _weighted(
                    rng, {EventLevel.SCHOOL: 1, EventLevel.MUNICIPAL: 4, EventLevel.REGIONAL: 4}
                ).value,
                "title": f"{kind.value.capitalize()} для педагогов № {eid}",
                "description": "Программа, спикеры и материалы — по ссылке.",
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=2),
                "timezone": TZ,
                "place": "Кострома, ул. Ленина, 1",
                "link": None,
                "deadline": starts - timedelta(days=1),
                "capacity": None if rng.random() < 0.7 else rng.choice((30, 60, 100)),
                "audience": {},
                "status": status,
                "publish_at": None,
                "urgent": False,
                "created_by_id": None,
                "created_at": (published or starts) - timedelta(days=1),
                "published_at": published,
                "cancelled_at": cancelled,
            }
        )
        state.events.append(EventFact(eid, kind, status, starts, published, cancelled))
        if published is None:
            continue
        broadcasts.append(_broadcast_row(eid, "event", eid, published))
        state.informing.append((eid, published))
        if rng.random() < 0.15:
            when = between(rng, published, min(starts, NOW - timedelta(hours=1)))
            broadcasts.append(_broadcast_row(count + eid, "update", eid, when))
            state.informing.append((count + eid, when))
        if cancelled is not None:
            broadcasts.append(_broadcast_row(2 * count + eid, "cancel", eid, cancelled))
            state.cancel_broadcast[eid] = (2 * count + eid, cancelled)
    monday = datetime(2024, 10, 7, 7, tzinfo=UTC)
    while monday < NOW:
        state.mondays.append(monday)
        monday += timedelta(days=7)
    return events, broadcasts


@dataclass
class ChunkRows:
    attempts: list[dict[str, Any]] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)
    routes: list[dict[str, Any]] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)
    registrations: list[dict[str, Any]] = field(default_factory=list)
    outbox: list[dict[str, Any]] = field(default_factory=list)


def _attempt(
    state: SeedState,
    rows: ChunkRows,
    p: Person,
    qid: str,
    started: datetime,
    finished: datetime | None,
    leveled: bool,
) -> int:
    rng = state.rng
    state.next_attempt += 1
    aid = state.next_attempt
    areas = state.areas[qid]
    rows.attempts.append(
        {
            "id": aid,
            "user_id": p.uid,
            "content_version_id": state.version_ids[qid],
            "questionnaire_id": qid,
            "started_at": started,
            "finished_at": finished,
            "position": 30 if finished else rng.randint(0, 20),
        }
    )
    if finished is None:
        return aid
    weak = rng.uniform(0.05, 0.45)
    for area in areas:
        if not leveled:
            score, level = None, None
        else:
            r = rng.random()
            level = Level.HIGH if r < weak else Level.MEDIUM if r < weak + 0.4 else Level.LOW
            lo, hi = {Level.HIGH: (15, 49), Level.MEDIUM: (50, 74), Level.LOW: (75, 100)}[level]
            score = round(rng.uniform(lo, hi), 1)
        rows.results.append(
            {"attempt_id": aid, "area": area, "score": score, "level": level.value if level else None}
        )
    return aid


def diagnoses(state: SeedState, rows: ChunkRows, p: Person) -> tuple[bool, int | None, int | None, datetime]:
    """Attempts of one teacher; (diagnosed in the period, latest general attempt in the period, one of
    the previous year, the moment a route may be built from)."""
    rng = state.rng
    truth = state.truth[p.uid]
    lo = max(IN_FROM, p.registered_at)
    prev: int | None = None
    if rng.random() < 0.10 and p.registered_at < PREV_TO - timedelta(days=30):
        done = between(rng, max(PREV_FROM, p.registered_at), PREV_TO)
        prev = _attempt(state, rows, p, "general", done - timedelta(minutes=25), done, True)
    latest: int | None = None
    base = lo
    diagnosed = rng.random() < 0.65
    if diagnosed:
        times = sorted(between(rng, lo, IN_TO) for _ in range(2 if rng.random() < 0.3 else 1))
        leveled_any = False
        last_leveled = True
        for finished in times:
            leveled = rng.random() >= 0.02
            leveled_any |= leveled
            last_leveled = leveled
            latest = _attempt(state, rows, p, "general", finished - timedelta(minutes=25), finished, leveled)
        base = times[-1]
        if last_leveled:
            _count_deficits(state, rows, p)
        if rng.random() < 0.12:
            finished = between(rng, lo, IN_TO)
            _attempt(state, rows, p, "inclusive", finished - timedelta(minutes=15), finished, True)
            _count_deficits(state, rows, p)
            leveled_any = True
        truth.diagnosed = True
        truth.recommended = leveled_any
    if rng.random() < 0.04:
        _attempt(state, rows, p, "general", between(rng, lo, IN_TO), None, False)
    return diagnosed, latest, prev, base


def _count_deficits(state: SeedState, rows: ChunkRows, p: Person) -> None:
    """The attempt just generated is the latest of its questionnaire in the period: count its results."""
    aid = rows.attempts[-1]["id"]
    for result in reversed(rows.results):
        if result["attempt_id"] != aid:
            break
        if result["level"] is not None:
            cell = state.deficits[(p.muni, p.school, result["area"])]
            cell[0] += result["level"] == Level.HIGH.value
            cell[1] += 1


def _step_moments(
    rng: random.Random, status: StepStatus, lo: datetime, hi: datetime
) -> tuple[datetime | None, datetime | None]:
    if status is StepStatus.DONE:
        started = between(rng, lo, hi)
        return started, between(rng, started, hi)
    if status is StepStatus.IN_PROGRESS:
        return between(rng, lo, hi), None
    if status is StepStatus.DROPPED and rng.random() < 0.5:
        return between(rng, lo, hi), None
    return None, None


def add_steps(
    state: SeedState,
    rows: ChunkRows,
    p: Person,
    route_id: int,
    status: RouteStatus,
    start: date,
    end: date,
    work_from: datetime,
    work_to: datetime,
) -> None:
    rng = state.rng
    truth = state.truth[p.uid]
    today = PERIOD.last_day
    span = max(6, (end - start).days)
    for k in range(6):
        form = _weighted(rng, FORM_WEIGHTS)
        ps = start + timedelta(days=span * k // 6)
        pe = start + timedelta(days=span * (k + 1) // 6 - 1)
        if status is RouteStatus.DRAFT:
            st = StepStatus.PLANNED
        elif status is RouteStatus.CARRIED_OUT:
            st = StepStatus.DONE if rng.random() < 0.9 else StepStatus.DROPPED
        elif pe < today:
            r = rng.random()
            st = StepStatus.DONE if r < 0.75 else StepStatus.DROPPED if r < 0.80 else StepStatus.IN_PROGRESS
        elif ps <= today:
            r = rng.random()
            st = StepStatus.IN_PROGRESS if r < 0.5 else StepStatus.PLANNED if r < 0.9 else StepStatus.DONE
        else:
            st = StepStatus.PLANNED
        started, done = (
            _step_moments(rng, st, work_from, work_to) if st is not StepStatus.PLANNED else (None, None)
        )
        rows.steps.append(
            {
                "route_id": route_id,
                "position": k + 1,
                "form": form.value,
                "title": STEP_TITLES[form],
                "description": "Шаг маршрута из каталога рекомендаций.",
                "link": None,
                "hours": 36 if form is StepForm.COURSE else None,
                "area": rng.choice(state.areas["general"]),
                "level": rng.choice((Level.HIGH.value, Level.MEDIUM.value)),
                "source": "catalogue",
                "planned_start": ps,
                "planned_end": pe,
                "status": st.value,
                "started_at": started,
                "done_at": done,
                "drop_reason": "нет времени" if st is StepStatus.DROPPED else None,
            }
        )
        if form is StepForm.COMMUNITY and st in WORKING and in_period(done or started):
            truth.community = True
        if form is StepForm.COURSE and st is StepStatus.DONE and in_period(done):
            truth.course = True


def _route_row(
    rid: int,
    uid: int,
    attempt_id: int | None,
    status: RouteStatus,
    start: date,
    end: date,
    created: datetime,
    submitted: datetime | None,
    reviewed: datetime | None,
    approved: datetime | None,
    completed: datetime | None,
) -> dict[str, Any]:
    return {
        "id": rid,
        "user_id": uid,
        "attempt_id": attempt_id,
        "status": status.value,
        "goal": None if status is RouteStatus.DRAFT else "Развить методические и цифровые компетенции",
        "period_start": start,
        "period_end": end,
        "created_at": created,
        "submitted_at": submitted,
        "reviewed_at": reviewed,
        "approved_at": approved,
        "review_comment": "Добавьте шаг по цифровым инструментам."
        if status is RouteStatus.RETURNED
        else None,
        "completed_at": completed,
    }


def old_route(state: SeedState, rows: ChunkRows, p: Person, prev: int | None) -> None:
    """A route of the previous school year: ended before this period, never in force now."""
    rng = state.rng
    status = RouteStatus.CARRIED_OUT if rng.random() < 0.6 else RouteStatus.APPROVED
    submitted = between(rng, max(PREV_FROM, p.registered_at), datetime(2025, 2, 1, tzinfo=UTC))
    approved = submitted + timedelta(days=3)
    completed = (
        between(rng, approved + timedelta(days=30), PREV_TO) if status is RouteStatus.CARRIED_OUT else None
    )
    end = date(2025, 5, 31) if rng.random() < 0.5 else date(2025, 8, 31)
    rows.routes.append(
        _route_row(
            p.uid,
            p.uid,
            prev,
            status,
            submitted.date(),
            end,
            submitted,
            submitted,
            approved,
            approved,
            completed,
        )
    )
    add_steps(state, rows, p, p.uid, status, submitted.date(), end, submitted, completed or PREV_TO)


def routes(
    state: SeedState,
    rows: ChunkRows,
    p: Person,
    diagnosed: bool,
    latest: int | None,
    prev: int | None,
    base: datetime,
) -> None:
    rng = state.rng
    truth = state.truth[p.uid]
    if (prev is not None or rng.random() < 0.08) and p.registered_at < datetime(2025, 1, 1, tzinfo=UTC):
        old_route(state, rows, p, prev)
    if rng.random() >= (0.48 if diagnosed else 0.09):
        return
    status = _weighted(rng, ROUTE_WEIGHTS)
    attempt_id = latest if latest is not None and rng.random() < 0.9 else prev if rng.random() < 0.3 else None
    created = between(rng, base, IN_TO)
    submitted: datetime | None = None
    approved: datetime | None = None
    reviewed: datetime | None = None
    completed: datetime | None = None
    if status is not RouteStatus.DRAFT:
        submitted = min(created + timedelta(seconds=rng.randint(0, 5 * 86_400)), NOW - timedelta(minutes=30))
    if status in (RouteStatus.APPROVED, RouteStatus.CARRIED_OUT) and submitted is not None:
        approved = min(
            submitted + timedelta(seconds=rng.randint(3600, 12 * 86_400)), NOW - timedelta(minutes=10)
        )
        reviewed = approved
    if status is RouteStatus.RETURNED and submitted is not None:
        reviewed = min(submitted + timedelta(days=2), NOW - timedelta(minutes=10))
    if status is RouteStatus.CARRIED_OUT and approved is not None:
        completed = min(
            approved + timedelta(seconds=rng.randint(14 * 86_400, 150 * 86_400)), NOW - timedelta(minutes=5)
        )
    start = created.date()
    r = rng.random()
    if r < 0.18:  # a short route, over already
        end = max(start + timedelta(days=30), date(2025, 12, 1) + timedelta(days=rng.randint(0, 100)))
        end = min(end, PERIOD.last_day)
    elif r < 0.80:
        end = date(2026, 5, 31)
    else:
        end = date(2026, 8, 31)
    rows.routes.append(
        _route_row(
            state.teachers + p.uid,
            p.uid,
            attempt_id,
            status,
            start,
            end,
            created,
            submitted,
            reviewed,
            approved,
            completed,
        )
    )
    add_steps(
        state,
        rows,
        p,
        state.teachers + p.uid,
        status,
        start,
        end,
        created,
        completed or NOW - timedelta(minutes=1),
    )
    if submitted is not None:  # in force: saved before the end, its term reaches into the period
        truth.in_force = end >= PERIOD.first_day
        truth.route = truth.in_force and attempt_id is not None
        truth.trajectory = truth.in_force and approved is not None
        truth.due = truth.in_force and (completed is not None or end <= PERIOD.last_day)
        truth.done = truth.due and completed is not None


def _outbox(
    uid: int,
    broadcast_id: int | None,
    status: str,
    when: datetime,
    *,
    dedupe: str | None = None,
    text_: str | None = None,
    error: str | None = None,
) -> dict[str, Any]:
    sent = status == "sent"
    return {
        "broadcast_id": broadcast_id,
        "user_id": uid,
        "chat_id": 500_000_000 + uid,
        "status": status,
        "attempts": 1,
        "not_before": when,
        "claimed_at": when,
        "sent_at": when if sent else None,
        "error": error,
        "text": text_,
        "dedupe": dedupe,
    }


def registrations_and_messages(state: SeedState, rows: ChunkRows, p: Person) -> None:
    rng = state.rng
    truth = state.truth[p.uid]
    shown = [e for e in state.events if e.published_at is not None]
    if rng.random() < 0.40:
        count = _weighted(rng, {1: 45, 2: 30, 3: 15, 4: 5, 5: 3, 6: 2})
        for e in rng.sample(shown, min(count, len(shown))):
            assert e.published_at is not None
            lo = max(e.published_at, p.registered_at)
            hi = min(e.starts_at, e.cancelled_at or NOW, NOW) - timedelta(minutes=1)
            if hi <= lo:
                continue
            created = between(rng, lo, hi)
            status = _weighted(rng, {"registered": 88, "waitlist": 5, "cancelled": 7})
            attended: bool | None = None
            if status == "registered" and e.starts_at < NOW and e.status != "cancelled":
                attended = _weighted(rng, {True: 60, False: 12, None: 28})
            rated = attended is True and rng.random() < 0.5
            rows.registrations.append(
                {
                    "event_id": e.id,
                    "user_id": p.uid,
                    "status": status,
                    "created_at": created,
                    "cancelled_at": between(rng, created, hi) if status == "cancelled" else None,
                    "attended": attended,
                    "rating": rng.randint(3, 5) if rated else None,
                    "feedback": "Полезно, спасибо" if rated else None,
                    "reminded_day_at": e.starts_at - timedelta(days=1)
                    if e.starts_at - timedelta(days=1) > created
                    else None,
                    "feedback_asked_at": e.starts_at + timedelta(hours=3) if attended is not None else None,
                }
            )
            if status == "registered" and e.status != "cancelled":
                if in_period(created):
                    truth.events = True
                    truth.contest |= e.kind is EventKind.CONTEST
                    truth.community |= e.kind in COMMUNITY_EVENTS
                if e.kind is EventKind.COURSE and attended is True and in_period(e.starts_at):
                    truth.course = True
                if e.starts_at < NOW and rng.random() < 0.3:  # a personal reminder: not informing
                    when = max(created, e.starts_at - timedelta(days=1))
                    rows.outbox.append(
                        _outbox(
                            p.uid, None, "sent", when, dedupe=f"ev{e.id}:{p.uid}:day", text_="Напоминание"
                        )
                    )
            cancel = state.cancel_broadcast.get(e.id)
            if cancel is not None and status != "cancelled":
                rows.outbox.append(
                    _outbox(p.uid, cancel[0], "sent", min(cancel[1] + timedelta(minutes=10), NOW))
                )
    if rng.random() < 0.90:
        for bid, when in rng.sample(state.informing, min(rng.randint(1, 8), len(state.informing))):
            if when < p.registered_at:
                continue
            sent = min(when + timedelta(seconds=rng.randint(0, 3 * 3600)), NOW - timedelta(minutes=1))
            rows.outbox.append(_outbox(p.uid, bid, "sent", sent))
            truth.informed |= in_period(sent)
    else:
        for bid, when in rng.sample(state.informing, min(2, len(state.informing))):
            status = rng.choice(("blocked", "failed"))
            rows.outbox.append(
                _outbox(p.uid, bid, status, when, error="Forbidden: bot was blocked by the user")
            )
    if rng.random() < 0.25:
        weeks = [m for m in state.mondays if m >= p.registered_at]
        for monday in rng.sample(weeks, min(rng.randint(1, 5), len(weeks))):
            year, week, _day = monday.isocalendar()
            rows.outbox.append(
                _outbox(
                    p.uid, None, "sent", monday, dedupe=f"digest:{p.uid}:{year}-W{week:02d}", text_="Дайджест"
                )
            )
            truth.informed |= in_period(monday)


def _scope_expectations(
    state: SeedState, uids: set[int], by_school: bool, muni: int | None = None
) -> dict[str, Any]:
    truths = [state.truth[u] for u in sorted(uids)]
    groups = {(p.school if by_school else p.muni) for p in state.people if p.uid in uids}
    cells: defaultdict[tuple[int | None, str], list[int]] = defaultdict(lambda: [0, 0])
    for (m, s, area), (high, total) in state.deficits.items():
        if muni is not None and m != muni:
            continue
        cell = cells[(s if by_school else m, area)]
        cell[0] += high
        cell[1] += total
    return {
        "teachers": len(truths),
        "shares": expected_shares(truths),
        "counts": expected_counts(truths),
        "deficits": sorted(
            ([g, a, h, t] for (g, a), (h, t) in cells.items() if t > 0 and g in groups), key=_cell_key
        ),
    }


def _cell_key(cell: Sequence[Any]) -> tuple[bool, int, str]:
    return (cell[0] is None, cell[0] or 0, cell[1])


# How each table is put back in the order the bot writes it: (table, {column: new value}, join, order).
# ``map_a`` / ``map_r`` renumber attempts / routes by when they were started / created.
REORDER: tuple[tuple[str, dict[str, str], str, str], ...] = (
    ("diagnosis_attempts", {"id": "ma.new"}, "JOIN map_a ma ON ma.old = o.id", "ma.new"),
    (
        "diagnosis_results",
        {"attempt_id": "ma.new"},
        "JOIN map_a ma ON ma.old = o.attempt_id",
        "ma.new, o.area",
    ),
    (
        "routes",
        {"id": "mr.new", "attempt_id": "ma.new"},
        "JOIN map_r mr ON mr.old = o.id LEFT JOIN map_a ma ON ma.old = o.attempt_id",
        "mr.new",
    ),
    (
        "route_steps",
        {"id": "", "route_id": "mr.new"},
        "JOIN map_r mr ON mr.old = o.route_id",
        "mr.new, o.position",
    ),
    ("event_registrations", {"id": ""}, "", "o.created_at, o.id"),
    ("mentor_pairs", {"id": ""}, "", "o.created_at, o.id"),
    ("outbox", {"id": ""}, "", "o.not_before, o.id"),
)


def reorder(path: Path) -> None:
    """Rows generated teacher by teacher are rewritten in the order the bot would have written them
    (by time, ids ascending with it), then VACUUM: the physical order matters to SQLite's plans here —
    an index walk visits table rows in index order, and per-teacher clustering would flatter the
    scans by user and penalise the one by status / time."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("BEGIN")
        conn.execute(
            "CREATE TEMP TABLE map_a AS SELECT id AS old, "
            "ROW_NUMBER() OVER (ORDER BY started_at, id) AS new FROM diagnosis_attempts"
        )
        conn.execute(
            "CREATE TEMP TABLE map_r AS SELECT id AS old, "
            "ROW_NUMBER() OVER (ORDER BY created_at, id) AS new FROM routes"
        )
        conn.execute("CREATE UNIQUE INDEX temp.ix_map_a ON map_a(old)")
        conn.execute("CREATE UNIQUE INDEX temp.ix_map_r ON map_r(old)")
        for name, values, join, order in REORDER:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({name})")]
            kept = [c for c in columns if values.get(c, None) != ""]
            exprs = ", ".join(values.get(c) or f"o.{c}" for c in kept)
            conn.execute(f"CREATE TEMP TABLE old_rows AS SELECT * FROM {name}")
            conn.execute(f"DELETE FROM {name}")
            conn.execute(
                f"INSERT INTO {name} ({', '.join(kept)}) "
                f"SELECT {exprs} FROM old_rows o {join} ORDER BY {order}"
            )
            conn.execute("DROP TABLE old_rows")
        conn.execute("COMMIT")
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"reordering broke foreign keys: {broken[:5]}")
        conn.execute("VACUUM")
    finally:
        conn.close()


async def seed(path: Path, teachers: int, seed_value: int, *, clustered: bool = False) -> dict[str, Any]:
    """Everything into a fresh database at `path`; returns what the report must show, and figures."""
    started = time.perf_counter()
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    try:
        await upgrade(engine)
        sessionmaker = create_sessionmaker(engine)
        await prepare_content(sessionmaker)  # the demo directory, questionnaires, the catalogue
        async with sessionmaker() as session:
            repos = Repos(session)
            version_ids: dict[str, int] = {}
            areas: dict[str, list[str]] = {}
            for qid in QUESTIONNAIRES:
                version = await repos.content.active_one("questionnaire", qid)
                assert version is not None, qid
                version_ids[qid] = version.id
                areas[qid] = [a.id for a in Questionnaire.model_validate(version.body).areas]
            rows_ = await session.execute(
                select(Municipality.id, Municipality.code).order_by(Municipality.id)
            )
            munis = [(int(mid), str(code)) for mid, code in rows_.all()]
            schools: defaultdict[int, list[int]] = defaultdict(list)
            for sid, mid in (
                await session.execute(select(School.id, School.municipality_id).order_by(School.id))
            ).all():
                schools[mid].append(sid)
        state = SeedState(random.Random(seed_value), teachers, version_ids, areas)
        generate = 0.0
        g0 = time.perf_counter()
        users, roles = make_people(state, munis, schools)
        pairs, profiles, mentor_roles = make_pairs(state)
        events, broadcasts = make_events(state)
        generate += time.perf_counter() - g0
        async with sessionmaker() as session:
            await _insert(session, User, users)
            await _insert(session, UserRole, roles + mentor_roles)
            await _insert(session, MentorProfile, profiles)
            await _insert(session, MentorPair, pairs)
            await _insert(session, Event, events)
            await _insert(session, Broadcast, broadcasts)
            await session.commit()
        del users, roles
        for start in range(0, teachers, CHUNK):
            g0 = time.perf_counter()
            rows = ChunkRows()
            for p in state.people[start : start + CHUNK]:
                diagnosed, latest, prev, base = diagnoses(state, rows, p)
                routes(state, rows, p, diagnosed, latest, prev, base)
                registrations_and_messages(state, rows, p)
            generate += time.perf_counter() - g0
            async with sessionmaker() as session:
                await _insert(session, DiagnosisAttempt, rows.attempts)
                await _insert(session, DiagnosisResult, rows.results)
                await _insert(session, Route, sorted(rows.routes, key=lambda r: r["id"]))
                await _insert(session, RouteStep, rows.steps)
                await _insert(session, EventRegistration, rows.registrations)
                await _insert(session, OutboxMessage, rows.outbox)
                await session.commit()
            say(
                f"  seeded {min(teachers, start + CHUNK)} / {teachers} teachers "
                f"({time.perf_counter() - started:.0f} s)"
            )
        async with sessionmaker() as session:
            await session.execute(
                text(
                    "UPDATE broadcasts SET total = "
                    "(SELECT count(*) FROM outbox WHERE outbox.broadcast_id = broadcasts.id)"
                )
            )
            await session.commit()
            counts: dict[str, int] = {}
            for model in (
                User,
                UserRole,
                DiagnosisAttempt,
                DiagnosisResult,
                Route,
                RouteStep,
                MentorPair,
                Event,
                EventRegistration,
                Broadcast,
                OutboxMessage,
            ):
                name = model.__tablename__
                counts[name] = int(await session.scalar(select(func.count()).select_from(model)) or 0)
    finally:
        await engine.dispose()
    reorder_seconds = 0.0
    if not clustered:
        r0 = time.perf_counter()
        reorder(path)
        reorder_seconds = time.perf_counter() - r0
    seconds = time.perf_counter() - started
    # The scopes: the largest municipality, and its largest school.
    by_muni = Counter(p.muni for p in state.people)
    muni = by_muni.most_common(1)[0][0]
    by_school = Counter(p.school for p in state.people if p.muni == muni and p.school is not None)
    school = by_school.most_common(1)[0][0]
    everyone = {p.uid for p in state.people}
    in_muni = {p.uid for p in state.people if p.muni == muni}
    in_school = {p.uid for p in state.people if p.school == school}
    return {
        "teachers": teachers,
        "seed": seed_value,
        "seconds": seconds,
        "generate_seconds": generate,
        "reorder_seconds": reorder_seconds,
        "clustered": clustered,
        "maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "rows": counts,
        "municipality_id": muni,
        "school_id": school,
        "expected": {
            "region": _scope_expectations(state, everyone, by_school=False),
            "municipality": _scope_expectations(state, in_muni, by_school=True, muni=muni),
            "school": _scope_expectations(state, in_school, by_school=True, muni=muni),
        },
    }


# ---------------------------------------------------------------------------- measuring (the parent)


@dataclass
class Timing:
    label: str
    values: list[float]
    note: str = ""


def _s(value: float) -> str:
    return f"{value:.3f}" if value < 10 else f"{value:.2f}"


def timing_table(rows: Sequence[Timing]) -> str:
    header = ("measurement", "runs", "best s", "median s", "worst s", "note")
    cells = [
        (
            r.label,
            str(len(r.values)),
            _s(min(r.values)),
            _s(statistics.median(r.values)),
            _s(max(r.values)),
            r.note,
        )
        for r in rows
        if r.values
    ]
    return table(header, cells)


@contextlib.contextmanager
def capture_statements(engine: AsyncEngine) -> Iterator[list[tuple[str, Any]]]:
    """The SQL statements (and their DBAPI parameters) run on `engine` meanwhile."""
    seen: list[tuple[str, Any]] = []

    def before(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        seen.append((statement, parameters))

    event.listen(engine.sync_engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", before)


async def build_once(
    sessionmaker: async_sessionmaker[AsyncSession], scope: Scope, _: Translator
) -> tuple[Report, float, float, str]:
    async with sessionmaker() as session:
        repos = Repos(session)
        t0 = time.perf_counter()
        report = await service.build(repos, scope, CODE, now=NOW, timezone=TZ)
        t1 = time.perf_counter()
        summary, _markup = screens.summary_screen(report, _)
        t2 = time.perf_counter()
    return report, t1 - t0, t2 - t1, summary


async def phases(sessionmaker: async_sessionmaker[AsyncSession], scope: Scope) -> list[Timing]:
    """The region's build step by step, as ``service.build`` does it (one statement after the other
    here, the deficits not alongside; the garbage collector off, as there)."""
    out: dict[str, list[float]] = defaultdict(list)
    notes: dict[str, str] = {}
    m, s = scope.municipality_id, scope.school_id
    for _run in range(2):
        async with sessionmaker() as session:
            with service._bulk():
                repos = Repos(session)
                t = time.perf_counter()
                table = await repos.indicators.teacher_table(municipality_id=m, school_id=s, end=PERIOD.end)
                label = "  repo.teacher_table (a grouped statement per kind of fact, as columns)"
                out[label].append(time.perf_counter() - t)
                notes[label] = f"{table.size} people"
                t = time.perf_counter()
                teachers = table.take(domain.counted_mask(table, PERIOD))
                flags = domain.flag_table(teachers, PERIOD)
                shares = domain.compute(flags)
                domain.count_table(teachers, flags)
                out["  flag_table + compute + counts (pure, column-wise)"].append(time.perf_counter() - t)
                t = time.perf_counter()
                cells = await repos.indicators.deficits(
                    municipality_id=m,
                    school_id=s,
                    start=PERIOD.start,
                    end=PERIOD.end,
                    by_school=m is not None,
                )
                out["  repo.deficits (grouped query)"].append(time.perf_counter() - t)
                notes["  repo.deficits (grouped query)"] = f"{len(cells)} cells"
                t = time.perf_counter()
                municipalities = await repos.indicators.municipality_names()
                schools = await repos.indicators.school_names(m)
                titles = await service.area_titles(repos)
                domain.deficit_matrix(
                    cells, area_order=list(titles), group_order=list(schools if m else municipalities)
                )
                out["  names, area titles, deficit matrix"].append(time.perf_counter() - t)
                del table, teachers, flags, shares
    return [Timing(label, values, notes.get(label, "")) for label, values in out.items()]


def bare_sqlite(path: Path, statement: str, parameters: Any) -> tuple[float, int]:
    """The statement on the plain sqlite3 module: what SQLite itself needs, rows fetched as tuples."""
    conn = sqlite3.connect(path)
    try:
        t0 = time.perf_counter()
        rows = conn.execute(statement, parameters).fetchall()
        return time.perf_counter() - t0, len(rows)
    finally:
        conn.close()


def query_plan(path: Path, statement: str, parameters: Any) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [
            " ".join(str(c) for c in row[1:])
            for row in conn.execute("EXPLAIN QUERY PLAN " + statement, parameters)
        ]
    finally:
        conn.close()


def profile_lines(profiler: cProfile.Profile, limit: int) -> list[str]:
    buffer = io.StringIO()
    stats = pstats.Stats(profiler, stream=buffer)
    stats.sort_stats("tottime").print_stats(limit)
    lines = buffer.getvalue().splitlines()
    # Keep the header with the total and the table; paths shortened.
    root = str(Path.cwd()) + "/"
    return [line.replace(root, "").replace(sys.prefix + "/", "") for line in lines if line.strip()]


def expected_sheets(_: Translator) -> list[str]:
    return [
        safe_sheet_title(_("rp-x-summary")),
        *(safe_sheet_title(_(f"rp-sheet-{i.value}")) for i in Indicator),
        safe_sheet_title(_("rp-x-teachers")),
        safe_sheet_title(_("rp-x-deficits")),
    ]


def check_xlsx(data: bytes, report: Report, _: Translator, *, anonymised: bool) -> tuple[list[str], float]:
    """Reopen read-only: sheets, rows of «Педагоги», the summary; returns problems and seconds."""
    problems: list[str] = []
    t0 = time.perf_counter()
    wb = load_workbook(io.BytesIO(data), read_only=True)
    try:
        names = wb.sheetnames
        if names != expected_sheets(_):
            problems.append(f"sheets {names}, expected {expected_sheets(_)}")
        teachers = wb[safe_sheet_title(_("rp-x-teachers"))]
        first: list[object] = []
        rows = 0
        for i, row in enumerate(teachers.iter_rows(values_only=True)):
            if i == 0:
                continue
            rows += 1
            first.append(row[0])
        if rows != report.counts.teachers:
            problems.append(
                f"«{teachers.title}» has {rows} rows, the report counts {report.counts.teachers} teachers"
            )
        if anonymised:
            codes = [c for c in first if isinstance(c, str) and c.startswith("T-") and len(c) == 12]
            if len(codes) != rows or len(set(codes)) != rows:
                problems.append(
                    f"anonymised: {len(codes)} pseudonyms of {rows} rows, {len(set(codes))} distinct"
                )
        else:
            names_ = set(report.teachers.full_name)
            if any(c not in names_ for c in first):
                problems.append("named: a row's name is not a teacher's name")
        summary = list(wb[names[0]].iter_rows(values_only=True))
        for (indicator, share), row in zip(report.shares.items(), summary[1:], strict=False):
            if (row[3], row[4]) != (share.n, share.total):
                problems.append(
                    f"«{names[0]}»: {indicator.value} is {row[3]}/{row[4]}, "
                    f"the report {share.n}/{share.total}"
                )
    finally:
        wb.close()
    return problems, time.perf_counter() - t0


def compare(report: Report, expected: dict[str, Any], label: str) -> list[str]:
    problems: list[str] = []
    for indicator, share in report.shares.items():
        want = expected["shares"][indicator.value]
        if [share.n, share.total] != want:
            problems.append(
                f"{label}: {indicator.value} = {share.n}/{share.total}, "
                f"the seeded data give {want[0]}/{want[1]}"
            )
    got_counts = dataclasses.asdict(report.counts)
    if got_counts != expected["counts"]:
        problems.append(f"{label}: counts {got_counts}, the seeded data give {expected['counts']}")
    m = report.deficits
    cells = sorted(
        (
            [g, a, m.high[i][j], m.total[i][j]]
            for i, g in enumerate(m.groups)
            for j, a in enumerate(m.areas)
            if m.total[i][j] > 0
        ),
        key=_cell_key,
    )
    want = sorted((list(c) for c in expected["deficits"]), key=_cell_key)
    if cells != want:
        differ = sum(1 for c in cells if c not in want) + sum(1 for c in want if c not in cells)
        problems.append(
            f"{label}: deficit matrix has {len(cells)} cells, the seeded data give {len(want)} "
            f"({differ} differ)"
        )
    return problems


def values_table(report: Report, expected: dict[str, Any]) -> str:
    header = ("indicator", "target", "value", "n", "N", "met", "seeded n/N", "")
    cells = []
    for indicator, share in report.shares.items():
        target = TARGETS[indicator].percent
        met = share.met(target)
        want = expected["shares"][indicator.value]
        cells.append(
            (
                indicator.value,
                f"{target} %",
                "—" if share.percent is None else f"{share.percent:.1f} %",
                str(share.n),
                str(share.total),
                "—" if met is None else "yes" if met else "no",
                f"{want[0]}/{want[1]}",
                "ok" if [share.n, share.total] == want else "MISMATCH",
            )
        )
    return table(header, cells)


async def timed(call: Awaitable[T]) -> tuple[T, float]:
    t0 = time.perf_counter()
    result = await call
    return result, time.perf_counter() - t0


async def draw_charts(report: Report, _: Translator) -> tuple[bytes, bytes | None, float, float]:
    """Both pictures as the handler draws them (in the charts executor)."""
    name = screens.scope_name(report.scope, _)
    bars, bars_s = await timed(
        charts.draw(
            charts.indicators_png,
            screens.chart_bars(report, _),
            title=_("rp-chart-title", scope=name),
            legend=(_("rp-chart-met"), _("rp-chart-missed"), _("rp-chart-target")),
        )
    )
    groups, areas, shares = screens.heatmap_data(report, _)
    heat: bytes | None = None
    heat_s = float("nan")
    if groups and areas:
        note = _("rp-heat-note")
        if report.deficits.hidden_groups:
            note += " " + _("rp-heat-hidden", count=report.deficits.hidden_groups)
        heat, heat_s = await timed(
            charts.draw(
                charts.heatmap_png, groups, areas, shares, title=_("rp-heat-title", scope=name), note=note
            )
        )
    return bars, heat, bars_s, heat_s


def _kib(size: int) -> str:
    return f"{size / 1024:.0f} KiB" if size < 2**20 else f"{size / 2**20:.1f} MiB"


async def measure(path: Path, size: int, seeded: dict[str, Any], args: argparse.Namespace) -> int:
    problems: list[str] = []
    _ = I18n("ru").get("ru")
    key = domain.pseudonym_key("benchmark-secret")
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    process_rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    try:
        sessionmaker = create_sessionmaker(engine)
        async with sessionmaker() as session:
            repos = Repos(session)
            region = await service.resolve_scope(repos, 0, 0)
            muni = await service.resolve_scope(repos, seeded["municipality_id"], 0)
            school = await service.resolve_scope(repos, seeded["municipality_id"], seeded["school_id"])
        assert region is not None and muni is not None and school is not None
        scopes = [("region", region), ("municipality", muni), ("school", school)]
        expected = seeded["expected"]
        timings: list[Timing] = []
        report_total: list[float] = []
        region_builds: list[float] = []
        handler_total: list[float] = []
        region_report: Report | None = None
        values: dict[str, str] = {}
        stalls: dict[str, str] = {}
        async with MemoryMonitor(trace=False) as monitor:
            for label, scope in scopes:
                builds: list[float] = []
                texts: list[float] = []
                both: list[float] = []
                statements = 0
                report: Report | None = None
                summary = ""
                collections = 0
                lags = LoopLag()  # the stalls of every run (not of the gc.collect() in between)
                for run in range(args.runs):
                    report = None
                    gc.collect()
                    before = sum(st["collections"] for st in gc.get_stats())
                    with SqlProbe(engine) as probe:
                        async with LoopLag() as lag:
                            report, build_s, text_s, summary = await build_once(sessionmaker, scope, _)
                    lags.lags += lag.lags
                    collections += sum(st["collections"] for st in gc.get_stats()) - before
                    if run == 0:
                        statements = probe.statements
                    builds.append(build_s)
                    texts.append(text_s)
                    both.append(build_s + text_s)
                stalls[label] = f"{lags.summary()}; {collections / args.runs:.0f} GC collections per build"
                assert report is not None
                name = screens.scope_name(scope, _)
                teachers = report.counts.teachers
                timings.append(
                    Timing(
                        f"build — {label}",
                        builds,
                        f"{name}: {teachers} teachers, {statements} SQL statements, fresh session each",
                    )
                )
                timings.append(Timing("  summary_screen (the text)", texts, f"{len(summary)} characters"))
                timings.append(Timing(f"  report = build + text — {label}", both))
                problems += compare(report, expected[label], label)
                if label == "region":
                    report_total, region_builds = both, builds
                    region_report = report
                    values[label] = values_table(report, expected[label])
                else:
                    values[label] = f"{label} «{name}»: {teachers} teachers; " + short_values(report)
                    del report
            assert region_report is not None
            if args.phases:
                timings += await phases(sessionmaker, region)

            # Charts as the handler draws them: the first call pays matplotlib's warm-up.
            chart_bars: list[float] = []
            chart_heat: list[float] = []
            bars = heat = b""
            for _run in range(args.runs + 1):
                bars, heat_or_none, bars_s, heat_s = await draw_charts(region_report, _)
                heat = heat_or_none or b""
                chart_bars.append(bars_s)
                chart_heat.append(heat_s)
            timings.append(
                Timing("charts: indicators_png — first call", chart_bars[:1], f"{_kib(len(bars))} PNG")
            )
            timings.append(
                Timing("charts: indicators_png — later calls", chart_bars[1:], f"{_kib(len(bars))} PNG")
            )
            groups = len(region_report.deficits.groups)
            areas = len(region_report.deficits.areas)
            timings.append(
                Timing(
                    "charts: heatmap_png — first call",
                    chart_heat[:1],
                    f"{_kib(len(heat))} PNG, {groups} × {areas}",
                )
            )
            timings.append(
                Timing("charts: heatmap_png — later calls", chart_heat[1:], f"{_kib(len(heat))} PNG")
            )
            warm = statistics.median(chart_bars[1:]) + statistics.median(chart_heat[1:])
            handler_total = [t + warm for t in report_total]

            # The XLSX, by name and anonymised, in a thread as the handler runs it.
            xlsx_named: list[float] = []
            xlsx_anon: list[float] = []
            files: dict[bool, bytes] = {}
            xlsx_lags = LoopLag()
            for _run in range(args.xlsx_runs):
                for anonymised, bucket in ((False, xlsx_named), (True, xlsx_anon)):
                    files.pop(anonymised, None)
                    async with LoopLag() as lag:
                        data, seconds = await timed(
                            asyncio.to_thread(
                                indicators_xlsx, region_report, _, anonymised=anonymised, key=key
                            )
                        )
                    xlsx_lags.lags += lag.lags
                    files[anonymised] = data
                    bucket.append(seconds)
            stalls["XLSX in a thread (region)"] = (
                f"{xlsx_lags.summary()} (the file is written in a thread, which holds the GIL)"
            )
            timings.append(
                Timing("indicators_xlsx — by name (region)", xlsx_named, f"{_kib(len(files[False]))}")
            )
            timings.append(
                Timing("indicators_xlsx — anonymised (region)", xlsx_anon, f"{_kib(len(files[True]))}")
            )
            xlsx_total = [statistics.median(region_builds) + t for t in xlsx_named + xlsx_anon]
        stats = monitor.stats
        assert stats is not None
        checks: list[str] = []
        for anonymised in (False, True):
            found, seconds = check_xlsx(files[anonymised], region_report, _, anonymised=anonymised)
            problems += [f"XLSX ({'anonymised' if anonymised else 'by name'}): {p}" for p in found]
            checks.append(
                f"{'anonymised' if anonymised else 'by name'}: reopened read-only in {seconds:.1f} s — "
                f"{'OK' if not found else 'PROBLEMS'} ({len(expected_sheets(_))} sheets as expected, "
                f"«{safe_sheet_title(_('rp-x-teachers'))}» {region_report.counts.teachers} rows + header)"
            )
        del files

        # tracemalloc: one more build + XLSX with tracing on (slower).
        del region_report
        gc.collect()
        async with MemoryMonitor(trace=True) as traced:
            t0 = time.perf_counter()
            report, *_rest = await build_once(sessionmaker, region, _)
            t1 = time.perf_counter()
            data = await asyncio.to_thread(indicators_xlsx, report, _, anonymised=False, key=key)
            t2 = time.perf_counter()
        traced_stats = traced.stats
        assert traced_stats is not None
        del data

        profile: list[str] = []
        if args.profile:
            profile = await profiling(engine, sessionmaker, path, region, report, _, key)
        del report
    finally:
        await engine.dispose()
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    say(f"\nTimes — {args.runs} runs per scope, fresh session each; SQLite file {_kib(size)}\n")
    say(timing_table(timings))
    say()
    for line in checks:
        say(f"XLSX {line}")
    say("\nThe event loop meanwhile (build runs in it; only its SQL goes to aiosqlite's thread):")
    for label, line in stalls.items():
        say(f"  {label}: {line}")
    say(
        f"\nIndicators — region, {PERIOD.first_day:%d.%m.%Y}–{PERIOD.last_day:%d.%m.%Y}, "
        f"now {NOW:%d.%m.%Y %H:%M} UTC (checked against what the seeded data must give):\n"
    )
    say(values["region"])
    say(f"\n{counts_line(expected['region'])}")
    for label in ("municipality", "school"):
        say(values[label])
    say(
        f"\nMemory: RSS (psutil, sampled every 10 ms) over all timed runs {mib(stats.rss_before)} → "
        f"peak {mib(stats.rss_peak)} (+{mib(stats.rss_delta)});\n"
        f"  tracemalloc peak of one build + XLSX by name: {mib(traced_stats.traced_peak)} "
        f"(that run: build {t1 - t0:.2f} s, XLSX {t2 - t1:.2f} s with tracing on);\n"
        f"  ru_maxrss of this process: {mib(stats.maxrss_after)} after the timed runs (builds, charts, both "
        f"files), {mib(maxrss)} at the end (+ reopening the files, the traced run and its bookkeeping); "
        f"{mib(process_rss_start)} when measuring began (the bot's imports: aiogram, pydantic, SQLAlchemy, "
        f"matplotlib …); the seeding child's: {mib(seeded['maxrss'])}"
    )
    peak = max(stats.maxrss_after, stats.rss_peak)
    verdict = [
        ("report (build + text), region, median", statistics.median(report_total), TARGET_REPORT, "s"),
        ("  with both charts (warm), as the handler", statistics.median(handler_total), TARGET_REPORT, "s"),
        ("XLSX (build + file), region, worst", max(xlsx_total), TARGET_XLSX, "s"),
        ("peak memory (ru_maxrss after the timed runs)", peak, TARGET_MEMORY, "B"),
    ]
    cells = [
        (
            label,
            mib(int(value)) if unit == "B" else f"{value:.2f} s",
            mib(int(limit)) if unit == "B" else f"< {limit:g} s",
            "OK" if value < limit else "MISSED",
        )
        for label, value, limit, unit in verdict
    ]
    say("\nVerdict against the targets:\n")
    say(table(("measure", "measured", "target", "verdict"), cells))
    for line in profile:
        say(line)
    if any(v >= limit for _l, v, limit, _u in verdict if not _l.startswith("  ")):
        problems.append("a target was missed (see the verdict)")
    if problems:
        print("\n".join(f"PROBLEM: {p}" for p in problems), file=sys.stderr)
        return 1
    return 0


def counts_line(expected: dict[str, Any]) -> str:
    """The region's counts (checked equal to the report's)."""
    c = expected["counts"]
    return (
        f"counts: {c['teachers']} teachers, {c['young']} young specialists, "
        f"category first {c['category_first']} / highest {c['category_highest']}, course {c['course']}, "
        f"contest {c['contest']}, mentors {c['mentors']}; "
        f"deficit matrix {len(expected['deficits'])} cells"
    )


def short_values(report: Report) -> str:
    parts = []
    for indicator, share in report.shares.items():
        parts.append(f"{indicator.value} {'—' if share.percent is None else f'{share.percent:.1f} %'}")
    return ", ".join(parts)


async def profiling(
    engine: AsyncEngine,
    sessionmaker: async_sessionmaker[AsyncSession],
    path: Path,
    region: Scope,
    report: Report,
    _: Translator,
    key: bytes,
) -> list[str]:
    lines = ["\nProfile (cProfile, main thread; SQLite runs in aiosqlite's thread and shows as waiting):"]
    with capture_statements(engine) as statements:
        profiler = cProfile.Profile()
        profiler.enable()
        t0 = time.perf_counter()
        async with sessionmaker() as session:
            await service.build(Repos(session), region, CODE, now=NOW, timezone=TZ)
        wall = time.perf_counter() - t0
        profiler.disable()
    gc_on: list[float] = []
    gc_off: list[float] = []
    for _run in range(2):
        for bucket, disabled in ((gc_on, False), (gc_off, True)):
            gc.collect()
            if disabled:
                gc.disable()
            try:
                async with sessionmaker() as session:
                    t0 = time.perf_counter()
                    await service.build(Repos(session), region, CODE, now=NOW, timezone=TZ)
                    bucket.append(time.perf_counter() - t0)
            finally:
                gc.enable()
    lines.append(
        f"\nservice.build — region without the profiler: {min(gc_on):.2f} s; with the garbage collector "
        f"disabled meanwhile {min(gc_off):.2f} s (best of 2 each)"
    )
    lines.append(f"\nservice.build — region ({wall:.2f} s under the profiler), top by own time:")
    lines += profile_lines(profiler, 18)
    lines.append(
        "\nthe build's statements on the bare sqlite3 module (no SQLAlchemy, rows as tuples), "
        "each with its query plan:"
    )
    total = 0.0
    for statement, parameters in statements:
        if not statement.lstrip().upper().startswith("SELECT"):
            continue
        seconds, count = bare_sqlite(path, statement, parameters)
        total += seconds
        lines.append(f"  {seconds:.3f} s, {count} rows: {' '.join(statement.split())[:90]}…")
        lines += [f"      {line}" for line in query_plan(path, statement, parameters)]
    lines.append(f"  in all {total:.2f} s")
    profiler = cProfile.Profile()
    profiler.enable()
    t0 = time.perf_counter()
    indicators_xlsx(report, _, anonymised=True, key=key)
    wall = time.perf_counter() - t0
    profiler.disable()
    lines.append(f"\nindicators_xlsx — anonymised ({wall:.2f} s under the profiler), top by own time:")
    lines += profile_lines(profiler, 18)
    return lines


# ---------------------------------------------------------------------------- running


def run_seed_child(path: Path, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "benchmarks",
        "indicators",
        "--seed-only",
        "--db",
        str(path),
        "--teachers",
        str(args.teachers),
        "--seed",
        str(args.seed),
        *(["--clustered"] if args.clustered else []),
    ]
    subprocess.run(command, check=True)
    seeded: dict[str, Any] = json.loads(Path(f"{path}.seed.json").read_text(encoding="utf-8"))
    return seeded


def seed_line(seeded: dict[str, Any]) -> str:
    rows = seeded["rows"]
    total = sum(rows.values())
    listed = ", ".join(f"{name} {count}" for name, count in rows.items())
    return (
        f"Seeding (not a target): {seeded['seconds']:.1f} s in a child process "
        f"(generating {seeded['generate_seconds']:.1f} s, "
        + (
            "rows left grouped per teacher (--clustered), "
            if seeded.get("clustered")
            else f"rewriting the rows in creation order + VACUUM {seeded.get('reorder_seconds', 0):.1f} s, "
        )
        + "the rest migrations, content and inserts), "
        f"{total} rows: {listed}; child's ru_maxrss {mib(seeded['maxrss'])}"
    )


COPY_CHUNK = 20_000


async def copy_to_postgres(path: Path, url: str) -> tuple[int, float]:
    """The seeded SQLite database, table by table, into PostgreSQL (schema «public» dropped and
    migrated afresh): the same rows, so both backends answer the same report."""
    started = time.perf_counter()
    await reset_postgres(url)
    source, target = create_engine(f"sqlite+aiosqlite:///{path}"), create_engine(url)
    copied = 0
    try:
        await upgrade(target)
        async with target.begin() as conn:
            for table in reversed(Base.metadata.sorted_tables):
                await conn.execute(table.delete())
        async with source.connect() as src, target.begin() as dst:
            for table in Base.metadata.sorted_tables:
                result = await src.stream(select(table))
                async for chunk in result.partitions(COPY_CHUNK):
                    await dst.execute(insert(table), [dict(row._mapping) for row in chunk])
                    copied += len(chunk)
        async with target.begin() as conn:
            await conn.execute(text("ANALYZE"))
    finally:
        await source.dispose()
        await target.dispose()
    return copied, time.perf_counter() - started


async def measure_postgres(url: str, seeded: dict[str, Any], runs: int) -> tuple[list[Timing], list[str]]:
    """The region's report and file on PostgreSQL, checked against the seeded tallies."""
    _ = I18n("ru").get("ru")
    key = domain.pseudonym_key("benchmark-secret")
    engine = create_engine(url)
    problems: list[str] = []
    try:
        sessionmaker = create_sessionmaker(engine)
        async with sessionmaker() as session:
            repos = Repos(session)
            region = await service.resolve_scope(repos, 0, 0)
            muni = await service.resolve_scope(repos, seeded["municipality_id"], 0)
        assert region is not None and muni is not None
        builds: dict[str, list[float]] = {"region": [], "municipality": []}
        report: Report | None = None
        for _run in range(runs):
            for label, scope in (("region", region), ("municipality", muni)):
                built, seconds, text_seconds, _summary = await build_once(sessionmaker, scope, _)
                builds[label].append(seconds + text_seconds)
                if label == "region":
                    report = built
        assert report is not None
        problems += compare(report, seeded["expected"]["region"], "PostgreSQL region")
        t = time.perf_counter()
        data = await asyncio.to_thread(indicators_xlsx, report, _, anonymised=False, key=key)
        xlsx_seconds = time.perf_counter() - t
        timings = [
            Timing(
                "PostgreSQL: report = build + text — region",
                builds["region"],
                f"{report.counts.teachers} teachers",
            ),
            Timing("PostgreSQL: report = build + text — municipality", builds["municipality"], ""),
            Timing(
                "PostgreSQL: indicators_xlsx — by name (region)",
                [xlsx_seconds],
                f"{len(data) / 2**20:.1f} MiB",
            ),
        ]
    finally:
        await engine.dispose()
    return timings, problems


def run(args: argparse.Namespace) -> int:
    quiet_logging()
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    say(
        f"Indicators report benchmark — Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}, {cpus} CPUs; {args.teachers} teachers, seed {args.seed}; "
        f"now = {NOW:%d.%m.%Y %H:%M} UTC, period {PERIOD.first_day:%d.%m.%Y}–{PERIOD.last_day:%d.%m.%Y} "
        f"({CODE.value}, {TZ})"
    )
    overall = time.perf_counter()
    temp: str | None = None
    if args.db:
        path = Path(args.db).expanduser().resolve()
    else:
        temp = tempfile.mkdtemp(prefix="metodist-bench-indicators-")
        path = Path(temp) / "indicators.db"
    summary = Path(f"{path}.seed.json")
    reused = path.exists()
    try:
        if reused:
            if not summary.exists():
                raise SystemExit(
                    f"{path} exists but was not seeded by this benchmark ({summary.name} missing)"
                )
            seeded = json.loads(summary.read_text(encoding="utf-8"))
            say(
                f"Reusing {path} (seeded earlier: {seeded['teachers']} teachers, seed {seeded['seed']}); "
                f"--teachers and --seed ignored"
            )
        else:
            say(f"\nSeeding {path} …")
            seeded = run_seed_child(path, args)
        say(seed_line(seeded))
        size = path.stat().st_size
        with capture_errors() as errors:
            code = asyncio.run(measure(path, size, seeded, args))
            if args.postgres:
                say(f"\nPostgreSQL ({args.postgres}): copying the same rows …")
                copied, seconds = asyncio.run(copy_to_postgres(path, args.postgres))
                say(f"  {copied} rows copied in {seconds:.0f} s (not a target)")
                pg_timings, pg_problems = asyncio.run(measure_postgres(args.postgres, seeded, args.runs))
                say(timing_table(pg_timings))
                region_pg = statistics.median(pg_timings[0].values)
                verdict = "OK" if region_pg < 2 else "MISSED"
                say(f"PostgreSQL: report (build + text), region, median {region_pg:.2f} s (< 2 s: {verdict})")
                for problem in pg_problems:
                    say(f"PROBLEM: {problem}")
                if pg_problems:
                    code = 1
        if errors.records:
            print(f"PROBLEM: {len(errors.records)} errors logged: {errors.records[:3]}", file=sys.stderr)
            code = 1
    finally:
        if temp is not None and not args.keep:
            shutil.rmtree(temp, ignore_errors=True)
        elif not reused:
            say(f"\nThe database is kept: {path} (reuse it with --db {path})")
    say(f"\nTotal wall time {time.perf_counter() - overall:.0f} s")
    return code


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--teachers", type=int, default=None, help="teachers in the region (default 100000)")
    parser.add_argument("--quick", action="store_true", help="a quick check: 3000 teachers unless --teachers")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="SQLite file (default: a new temporary one); a file seeded earlier by this benchmark "
        "(PATH.seed.json beside it) is reused as it is",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary database (to reuse with --db)"
    )
    parser.add_argument("--runs", type=int, default=3, help="builds per scope, charts (default 3)")
    parser.add_argument("--xlsx-runs", type=int, default=1, help="files of each kind (default 1)")
    parser.add_argument(
        "--no-phases", dest="phases", action="store_false", help="skip the region's step-by-step build"
    )
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the region's build and XLSX; the query plan"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        help="also copy the region into PostgreSQL and time the report there, e.g. "
        "postgresql+asyncpg://postgres@127.0.0.1:5432/test (its schema public is DROPPED)",
    )
    parser.add_argument(
        "--clustered",
        action="store_true",
        help="leave the rows grouped teacher by teacher, as generated, instead of rewriting them in the "
        "order the bot writes them (by time); for comparison",
    )
    parser.add_argument("--seed-only", action="store_true", help=argparse.SUPPRESS)


def main(args: argparse.Namespace) -> int:
    if args.teachers is None:
        args.teachers = 3000 if args.quick else 100_000
    if args.teachers < 100:
        raise SystemExit("--teachers must be at least 100")
    if args.runs < 1 or args.xlsx_runs < 1:
        raise SystemExit("--runs and --xlsx-runs must be at least 1")
    if args.seed_only:
        quiet_logging()
        if not args.db:
            raise SystemExit("--seed-only needs --db")
        path = Path(args.db)
        if path.exists():
            raise SystemExit(f"{path} exists already")
        seeded = asyncio.run(seed(path, args.teachers, args.seed, clustered=args.clustered))
        Path(f"{path}.seed.json").write_text(json.dumps(seeded), encoding="utf-8")
        return 0
    return run(args)

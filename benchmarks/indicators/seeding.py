"""Seeding the region (in a child process): every table in chunks, the expected values per scope."""

from __future__ import annotations

import random
import resource
import sqlite3
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text

from benchmarks.indicators.rows import ChunkRows, diagnoses, registrations_and_messages, routes
from benchmarks.indicators.world import (
    CHUNK,
    QUESTIONNAIRES,
    SeedState,
    expected_counts,
    expected_shares,
    make_events,
    make_pairs,
    make_people,
)
from benchmarks.report import say
from benchmarks.seed import insert_rows, prepare_content
from bot.domain.diagnostics import ContentKind, Questionnaire
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade
from storage.models import (
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
                version = await repos.content.active_one(ContentKind.QUESTIONNAIRE, qid)
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
            await insert_rows(session, User, users)
            await insert_rows(session, UserRole, roles + mentor_roles)
            await insert_rows(session, MentorProfile, profiles)
            await insert_rows(session, MentorPair, pairs)
            await insert_rows(session, Event, events)
            await insert_rows(session, Broadcast, broadcasts)
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
                await insert_rows(session, DiagnosisAttempt, rows.attempts)
                await insert_rows(session, DiagnosisResult, rows.results)
                await insert_rows(session, Route, sorted(rows.routes, key=lambda r: r["id"]))
                await insert_rows(session, RouteStep, rows.steps)
                await insert_rows(session, EventRegistration, rows.registrations)
                await insert_rows(session, OutboxMessage, rows.outbox)
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

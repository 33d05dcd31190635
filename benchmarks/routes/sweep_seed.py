"""Part 3, seeding: teachers with routes in every state, their steps, reminders and blocked chats."""

from __future__ import annotations

import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from benchmarks.routes.setup import DEFAULT_TZ, NOW, OPEN_ROUTES, OPEN_STEPS, OTHER_ZONES, load_content
from benchmarks.seed import (
    NAMES,
    insert_rows,
    weighted,
)
from bot.domain.diagnostics import Level
from bot.domain.roles import Role
from bot.domain.routes import (
    NEAR_DAYS,
    NUDGE_EVERY,
    Due,
    DueStep,
    StepStatus,
    reminder_plan,
    step_due,
)
from bot.domain.time import local_today
from bot.services import accounts
from bot.services import routes as service
from bot.services.directory import ensure_sample_directory
from storage.models import (
    MethodistAssignment,
    Municipality,
    Route,
    RouteReminder,
    RouteStep,
    School,
    User,
    UserRole,
)
from storage.repositories import Repos

# ---------------------------------------------------------------------------- 3. the sweep

PERIOD = (date(2026, 9, 1), date(2027, 5, 31))
SLOT = 45  # days per step: 6 steps over the school year
STATUS_WEIGHTS = (("approved", 62), ("submitted", 20), ("returned", 3), ("draft", 10), ("carried_out", 5))
CHUNK = 5000


@dataclass
class Seeded:
    routes: int = 0
    steps: int = 0
    reminders: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    due_routes: int = 0  # open routes with a step due by the teacher's local date
    unreachable: int = 0  # teachers marked unreachable (their routes must be skipped)
    due_ignored: int = 0  # drafts with a step that would be due
    examined: int = 0  # routes the sweep's query should return
    expected: dict[int, frozenset[tuple[int, str]]] = field(default_factory=dict)
    zone: dict[int, str] = field(default_factory=dict)  # route -> time zone (examined routes)
    zones: Counter[str] = field(default_factory=Counter)  # teachers per zone
    tg_ids: dict[int, int] = field(default_factory=dict)  # route -> tg id (expected nudges)
    generate_seconds: float = 0.0
    insert_seconds: float = 0.0
    methodist_id: int | None = None


def _at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


async def seed_sweep(
    sessionmaker: async_sessionmaker[AsyncSession],
    routes: int,
    seed: int,
    *,
    job: bool = False,
    tg_base: int = 700_000_001,
    unreachable: float = 0.0,
) -> Seeded:
    """``routes`` teachers with one route each (see the module docstring), by bulk inserts.

    ``job``: every route approved with one overdue step, no earlier reminders, Moscow time.
    """
    rng = random.Random(seed)
    out = Seeded()
    started = time.perf_counter()
    async with sessionmaker() as session:
        repos = Repos(session)
        await ensure_sample_directory(repos)
        await session.flush()
        muni_ids = list(await session.scalars(select(Municipality.id).order_by(Municipality.id)))
        if not job:
            moved = muni_ids[-sum(n for _z, n in OTHER_ZONES) :]
            for zone, n in OTHER_ZONES:
                ids, moved = moved[:n], moved[n:]
                await session.execute(
                    update(Municipality).where(Municipality.id.in_(ids)).values(timezone=zone)
                )
        zone_of = dict((await session.execute(select(Municipality.id, Municipality.timezone))).all())
        schools = [
            (s.id, s.municipality_id) for s in await session.scalars(select(School).order_by(School.id))
        ]
        _q, catalogue = load_content()
        recs = [
            (area_id, level, rec)
            for area_id, area in catalogue.areas.items()
            for level in (Level.HIGH, Level.MEDIUM)
            for rec in area.for_level(level)
        ]
        horizon = NOW.date() + timedelta(days=NEAR_DAYS + 1)
        nudged_before = NOW - NUDGE_EVERY
        fresh_after = NOW - service.CLAIM_TIMEOUT
        step_id = 0
        for chunk_start in range(0, routes, CHUNK):
            g0 = time.perf_counter()
            users: list[dict[str, Any]] = []
            roles: list[dict[str, Any]] = []
            route_rows: list[dict[str, Any]] = []
            step_rows: list[dict[str, Any]] = []
            reminder_rows: list[dict[str, Any]] = []
            for i in range(chunk_start, min(routes, chunk_start + CHUNK)):
                uid = i + 1
                lost = rng.random() < unreachable  # blocked the bot: Telegram answered 403 earlier
                out.unreachable += lost
                school_id, muni_id = rng.choice(schools) if rng.random() >= 0.03 else (None, None)
                tz = zone_of.get(muni_id, DEFAULT_TZ) if muni_id is not None else DEFAULT_TZ
                out.zones[tz] += 1
                today = local_today(NOW, tz)
                registered = NOW - timedelta(days=rng.randint(80, 120))
                users.append(
                    {
                        "id": uid,
                        "tg_id": tg_base + i,
                        "locale": "ru",
                        "consent_at": registered,
                        "consent_version": accounts.CONSENT_VERSION,
                        "full_name": rng.choice(NAMES[:8]),
                        "municipality_id": muni_id,
                        "school_id": school_id,
                        "position": "teacher",
                        "experience_years": rng.randint(0, 35),
                        "birth_year": rng.randint(1960, 2002),
                        "category": "first",
                        "registered_at": registered,
                        "unreachable_at": NOW - timedelta(days=rng.randint(1, 60)) if lost else None,
                    }
                )
                roles.append({"user_id": uid, "role": Role.TEACHER})
                status = "approved" if job else weighted(rng, dict(STATUS_WEIGHTS))
                out.statuses[status] += 1
                shift = rng.randint(-25, 25)
                steps: list[tuple[int, date, str]] = []
                for k in range(6):
                    step_id += 1
                    ps = PERIOD[0] + timedelta(days=max(0, k * SLOT + shift))
                    pe = min(ps + timedelta(days=SLOT - 1), PERIOD[1])
                    if status == "carried_out":
                        st = "done"
                    elif status == "draft":
                        st = "planned"
                    elif job and k == 0:
                        st = "in_progress"  # overdue
                    elif pe < today:
                        r = rng.random()
                        st = "done" if r < 0.90 else "dropped" if r < 0.95 else rng.choice(sorted(OPEN_STEPS))
                    elif ps <= today:
                        st = "in_progress" if rng.random() < 0.5 else "planned"
                    else:
                        st = "planned"
                    area_id, level, rec = recs[(i * 6 + k) % len(recs)]
                    step_rows.append(
                        {
                            "id": step_id,
                            "route_id": uid,
                            "position": k + 1,
                            "form": rec.form.value,
                            "title": rec.title,
                            "description": rec.description,
                            "link": rec.link,
                            "hours": rec.hours,
                            "area": area_id,
                            "level": level.value,
                            "source": "catalogue",
                            "planned_start": ps,
                            "planned_end": pe,
                            "status": st,
                            "started_at": _at(ps) if st in ("in_progress", "done") else None,
                            "done_at": _at(pe - timedelta(days=2)) if st == "done" else None,
                            "drop_reason": "time" if st == "dropped" else None,
                        }
                    )
                    steps.append((step_id, pe, st))
                # Earlier reminders: (step, kind) -> (claimed_at, sent_at, failed)
                earlier: dict[tuple[int, str], tuple[datetime, datetime | None, str | None]] = {}
                if status in OPEN_ROUTES and not job:
                    for sid, pe, st in steps:
                        due = step_due(pe, StepStatus(st), today)
                        if st == "done" and pe < today and rng.random() < 0.12:
                            sent = _at(pe - timedelta(days=2))
                            earlier[(sid, "near")] = (sent, sent, None)
                        elif due is Due.OVERDUE:
                            r = rng.random()
                            near_sent = _at(pe - timedelta(days=2))
                            if r < 0.55:
                                earlier[(sid, "near")] = (near_sent, near_sent, None)
                            if 0.35 <= r < 0.55:
                                sent = _at(pe + timedelta(days=1), 9)
                                earlier[(sid, "overdue")] = (sent, sent, None)
                            elif 0.55 <= r < 0.62:  # stale claim: the process died before sending
                                earlier[(sid, "overdue")] = (NOW - timedelta(minutes=30), None, None)
                            elif 0.62 <= r < 0.66:  # a sweep is sending it right now
                                earlier[(sid, "overdue")] = (NOW - timedelta(minutes=3), None, None)
                            elif 0.66 <= r < 0.69:
                                at = _at(pe + timedelta(days=1), 9)
                                earlier[(sid, "overdue")] = (
                                    at,
                                    None,
                                    "forbidden: bot was blocked by the user",
                                )
                        elif due is Due.NEAR and rng.random() < 0.05:
                            sent = NOW - timedelta(days=1)
                            earlier[(sid, "near")] = (sent, sent, None)
                sent_times = [at for _c, at, _f in earlier.values() if at is not None]
                last_nudge = max(sent_times) if sent_times else None
                for (sid, kind), (claimed, sent_at, failed) in earlier.items():
                    reminder_rows.append(
                        {
                            "route_id": uid,
                            "step_id": sid,
                            "kind": kind,
                            "claimed_at": claimed,
                            "sent_at": sent_at,
                            "failed": failed,
                        }
                    )
                    fresh = claimed > fresh_after
                    state = (
                        "sent"
                        if sent_at
                        else "failed"
                        if failed
                        else "fresh claim"
                        if fresh
                        else "stale claim"
                    )
                    out.reminders[state] += 1
                route_rows.append(
                    {
                        "id": uid,
                        "user_id": uid,
                        "attempt_id": None,
                        "status": status,
                        "goal": None
                        if status == "draft"
                        else "Развить предметные и методические компетенции",
                        "period_start": PERIOD[0],
                        "period_end": PERIOD[1],
                        "submitted_at": None if status == "draft" else _at(PERIOD[0] + timedelta(days=5)),
                        "approved_at": _at(PERIOD[0] + timedelta(days=8))
                        if status in ("approved", "carried_out")
                        else None,
                        "completed_at": NOW - timedelta(days=3) if status == "carried_out" else None,
                        "last_nudge_at": last_nudge,
                    }
                )
                # What the sweep must do with this route.
                any_due = any(step_due(pe, StepStatus(st), today) is not None for _s, pe, st in steps)
                if status == "draft" and any_due:
                    out.due_ignored += 1
                if status not in OPEN_ROUTES:
                    continue
                out.due_routes += any_due
                candidates = [(s, pe, st) for s, pe, st in steps if st in OPEN_STEPS and pe <= horizon]
                if lost or not candidates or (last_nudge is not None and last_nudge > nudged_before):
                    continue
                out.examined += 1
                out.zone[uid] = tz
                already = {
                    (sid, Due(kind))
                    for (sid, kind), (claimed, sent_at, failed) in earlier.items()
                    if sent_at is not None or failed is not None or claimed > fresh_after
                }
                plan = reminder_plan(
                    (DueStep(s, pe, StepStatus(st)) for s, pe, st in candidates),
                    already,
                    last_nudge_at=last_nudge,
                    now=NOW,
                    timezone=tz,
                )
                if plan:
                    out.expected[uid] = frozenset((sid, due.value) for sid, due in plan)
                    out.tg_ids[uid] = tg_base + i
            out.generate_seconds += time.perf_counter() - g0
            await insert_rows(session, User, users)
            await insert_rows(session, UserRole, roles)
            await insert_rows(session, Route, route_rows)
            await insert_rows(session, RouteStep, step_rows)
            await insert_rows(session, RouteReminder, reminder_rows)
            out.routes += len(route_rows)
            out.steps += len(step_rows)
        if not job:
            # A methodist accompanying 85 teachers of one municipality (seed 004: one per ~85).
            methodist_id = routes + 1
            await insert_rows(
                session,
                User,
                [
                    {
                        "id": methodist_id,
                        "tg_id": tg_base + routes,
                        "locale": "ru",
                        "consent_at": NOW - timedelta(days=200),
                        "consent_version": accounts.CONSENT_VERSION,
                        "full_name": "Методист Ольга Николаевна",
                        "registered_at": NOW - timedelta(days=200),
                    }
                ],
            )
            await insert_rows(session, UserRole, [{"user_id": methodist_id, "role": Role.METHODIST}])
            teachers = list(
                await session.scalars(
                    select(User.id).where(User.municipality_id == muni_ids[0], User.id <= routes).limit(85)
                )
            )
            await insert_rows(
                session,
                MethodistAssignment,
                [
                    {"teacher_id": t, "methodist_id": methodist_id, "source": "auto", "assigned_at": NOW}
                    for t in teachers
                ],
            )
            out.methodist_id = methodist_id
        if session.bind is not None and session.bind.dialect.name == "postgresql":
            # Explicit ids do not move the sequences; the bot's own inserts must not collide.
            for name in ("users", "routes", "route_steps"):
                await session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"
                    )
                )
        await session.commit()
    out.insert_seconds = time.perf_counter() - started - out.generate_seconds
    return out

"""Methodological associations: a region of 100,000 teachers in 3,000 associations.

A fresh database (migrations), 100 municipalities × 10 schools, teachers with one subject each;
associations: one regional per subject, a municipal (ГМО) per municipality and a few subjects, the
rest school ones (ШМО); about half the teachers are members of one or two. Then, timed through the
repository (the SQL the screens run), each ``--runs`` times for random people:

- the teacher's list, one page: their memberships, then the associations that fit them
  (``AssociationRepo.fitting_count`` + ``fitting``, a random page of them);
- staff's list of the region's 3,000 associations, a random page (``AssociationRepo.of_scope``);
- the leader's member screen (one page of members and the count);
- a broadcast's audience resolution (every active, reachable member).

p50/p95 on SQLite, and on PostgreSQL with ``--postgres URL`` (its schema is DROPPED first).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from benchmarks.report import percentile
from benchmarks.seed import insert_rows, reset_postgres
from bot.domain.associations import PAGE, Level, MemberStatus
from bot.domain.profile import SUBJECTS
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade
from storage.models import (
    Association,
    AssociationMember,
    Municipality,
    School,
    User,
    UserRole,
    UserSubject,
)
from storage.repositories import AssociationRepo

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


async def seed(
    sessionmaker: Any, teachers: int, associations: int, rng: random.Random
) -> dict[str, list[int]]:
    munis, per_muni = 100, 10
    async with sessionmaker() as session:
        await insert_rows(
            session,
            Municipality,
            [
                {"id": m, "code": f"m{m}", "name": f"Муниципалитет {m}", "timezone": "Europe/Moscow"}
                for m in range(1, munis + 1)
            ],
        )
        schools = [
            {
                "id": (m - 1) * per_muni + k,
                "code": f"s{m}-{k}",
                "municipality_id": m,
                "name": f"СОШ {k}",
                "search_text": f"сош {k}",
            }
            for m in range(1, munis + 1)
            for k in range(1, per_muni + 1)
        ]
        await insert_rows(session, School, schools)
        users, subjects, roles = [], [], []
        school_of: dict[int, int] = {}
        subject_of: dict[int, str] = {}
        for uid in range(1, teachers + 1):
            school = rng.randrange(1, len(schools) + 1)
            subject = rng.choice(SUBJECTS[:15])
            school_of[uid], subject_of[uid] = school, subject
            users.append(
                {
                    "id": uid,
                    "tg_id": 10_000_000 + uid,
                    "consent_at": NOW,
                    "consent_version": "1",
                    "full_name": f"Педагог {uid}",
                    "municipality_id": (school - 1) // per_muni + 1,
                    "school_id": school,
                    "registered_at": NOW,
                    "teaches": True,
                }
            )
            subjects.append({"user_id": uid, "subject": subject})
            roles.append({"user_id": uid, "role": "teacher"})
        await insert_rows(session, User, users)
        await insert_rows(session, UserSubject, subjects)
        await insert_rows(session, UserRole, roles)
        rows: list[dict[str, Any]] = []
        for subject in SUBJECTS[:15]:
            rows.append({"level": Level.REGIONAL.value, "subject": subject, "name": f"РО {subject}"})
        for m in range(1, munis + 1):
            for subject in SUBJECTS[:5]:
                rows.append(
                    {
                        "level": Level.MUNICIPAL.value,
                        "subject": subject,
                        "name": f"ГМО {subject} {m}",
                        "municipality_id": m,
                    }
                )
        while len(rows) < associations:
            school = rng.randrange(1, len(schools) + 1)
            rows.append(
                {
                    "level": Level.SCHOOL.value,
                    "subject": rng.choice(SUBJECTS[:15]),
                    "name": f"ШМО {len(rows)}",
                    "municipality_id": (school - 1) // per_muni + 1,
                    "school_id": school,
                }
            )
        for i, row in enumerate(rows, 1):
            row.update(id=i, needs_approval=False)
            row.setdefault("municipality_id", None)
            row.setdefault("school_id", None)
        await insert_rows(session, Association, rows)
        by_place: dict[tuple[str, int | None, str | None], list[int]] = {}
        for row in rows:
            key = row["school_id"] if row["level"] == "school" else row["municipality_id"]
            by_place.setdefault((row["level"], key, row["subject"]), []).append(row["id"])
        members: list[dict[str, Any]] = []
        leaders: list[int] = []
        for uid in range(1, teachers + 1):
            if rng.random() > 0.55:
                continue
            school, subject = school_of[uid], subject_of[uid]
            fits = (
                by_place.get(("school", school, subject), [])
                + by_place.get(("municipal", (school - 1) // per_muni + 1, subject), [])
                + by_place.get(("regional", None, subject), [])
            )
            for aid in rng.sample(fits, min(len(fits), 2)):
                members.append(
                    {
                        "association_id": aid,
                        "user_id": uid,
                        "role": "member",
                        "status": MemberStatus.ACTIVE.value,
                        "created_at": NOW,
                        "joined_at": NOW,
                    }
                )
        await insert_rows(session, AssociationMember, members)
        await session.commit()
        leaders = [r["id"] for r in rows]
    return {"teachers": list(range(1, teachers + 1)), "associations": leaders, "members": [len(members)]}


async def measure(label: str, url: str, args: argparse.Namespace) -> None:
    engine = create_engine(url)
    try:
        await upgrade(engine)
        sessionmaker = create_sessionmaker(engine)
        rng = random.Random(args.seed)
        started = time.perf_counter()
        world = await seed(sessionmaker, args.teachers, args.associations, rng)
        print(
            f"{label}: seeded {args.teachers} teachers, {args.associations} associations, "
            f"{world['members'][0]} memberships in {time.perf_counter() - started:.1f} s"
        )
        times: dict[str, list[float]] = {
            "teacher's list": [],
            "staff's list (region)": [],
            "leader's member screen": [],
            "broadcast audience": [],
        }
        sizes: list[int] = []
        for _ in range(args.runs):
            uid = rng.choice(world["teachers"])
            aid = rng.choice(world["associations"])
            async with sessionmaker() as session:
                repo = AssociationRepo(session)
                user = await session.scalar(select(User).where(User.id == uid))
                assert user is not None
                t = time.perf_counter()
                mine = await repo.memberships(uid)
                await repo.by_ids(mine)
                where = (user.municipality_id, user.school_id, [s.subject for s in user.subjects])
                total = await repo.fitting_count(*where, exclude=list(mine))
                offset = rng.randrange(max(total, 1)) // PAGE * PAGE
                await repo.fitting(*where, exclude=list(mine), offset=offset)
                times["teacher's list"].append(time.perf_counter() - t)
                t = time.perf_counter()
                await repo.of_scope(None, rng.randrange(args.associations // PAGE + 2))
                times["staff's list (region)"].append(time.perf_counter() - t)
                t = time.perf_counter()
                await repo.member_page(aid, MemberStatus.ACTIVE, 0)
                times["leader's member screen"].append(time.perf_counter() - t)
                t = time.perf_counter()
                people = await repo.audience(aid)
                times["broadcast audience"].append(time.perf_counter() - t)
                sizes.append(len(people))
        for name, values in times.items():
            ms = [v * 1000 for v in values]
            p50, p95 = percentile(ms, 50), percentile(ms, 95)
            print(f"  {name:24} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms   max {max(ms):7.2f} ms")
        print(f"  audiences: median {sorted(sizes)[len(sizes) // 2]}, largest {max(sizes)} members")
    finally:
        await engine.dispose()


async def main_async(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="metodist-bench-assoc-") as tmp:
        await measure("SQLite", f"sqlite+aiosqlite:///{Path(tmp) / 'assoc.db'}", args)
    if args.postgres:
        await reset_postgres(args.postgres)
        await measure("PostgreSQL", args.postgres, args)
    return 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--teachers", type=int, default=100_000)
    parser.add_argument("--associations", type=int, default=3_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres", metavar="URL", help="also on PostgreSQL (its schema is DROPPED)")


def main(args: argparse.Namespace) -> int:
    return asyncio.run(main_async(args))

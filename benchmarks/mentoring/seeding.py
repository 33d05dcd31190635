"""Part 2, seeding: a database with young specialists, mentors, ordinary teachers, pairs and meetings."""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from benchmarks.mentoring.people import (
    _TOPICS,
    DEMO_WEIGHTS,
    YOUNG_NO_SCHOOL,
    Area,
    Draw,
    generate,
    most_matchable,
)
from benchmarks.seed import NAMES, insert_rows
from bot.domain.mentoring import (
    DURATIONS,
    MeetingFormat,
    Mentor,
    PairStatus,
    Reason,
    pair_period,
)
from bot.domain.profile import CATEGORIES
from bot.domain.roles import Role
from bot.services import accounts
from bot.services import mentoring as service
from bot.services.directory import ensure_sample_directory
from storage.models import (
    MentorMeeting,
    MentorPair,
    MentorProfile,
    MentorRequest,
    Municipality,
    School,
    User,
    UserRole,
    UserSubject,
)
from storage.repositories import Repos

# ---------------------------------------------------------------------------- 2. end to end: seeding


@dataclass
class Seeded:
    unpaired: int = 0
    paired: int = 0  # young specialists already in an active or paused pair (the mentors' load)
    mentors: int = 0
    others: int = 0
    others_near: int = 0  # ordinary teachers just outside the young-specialist rule
    requests: int = 0
    cancelled: int = 0  # earlier proposals rejected (must not block a young specialist)
    meetings: int = 0
    expected: int = 0  # Σ over municipalities of min(unpaired, free slots)
    free_slots: int = 0
    capacity: dict[int, int] = field(default_factory=dict)
    per_muni: Counter[str] = field(default_factory=Counter)
    generate_seconds: float = 0.0
    insert_seconds: float = 0.0


# Every row of one executemany INSERT needs the same columns.
PAIR_ROW: dict[str, Any] = {
    name: None
    for name in ("activated_at", "period_start", "period_end", "last_meeting_at", "fit_asked_at", "ended_at")
}


def held_on_days(rng: random.Random, since: date, today: date, count: int) -> list[date]:
    span = max(0, (today - since).days)
    return sorted(since + timedelta(days=rng.randint(0, span)) for _ in range(count))


async def seed(
    sessionmaker: async_sessionmaker[AsyncSession],
    youngs_n: int,
    mentors_n: int,
    others_n: int,
    seed_value: int,
    now: datetime,
) -> Seeded:
    rng = random.Random(seed_value + 7)
    out = Seeded()
    year, today = now.year, now.date()
    started = time.perf_counter()
    async with sessionmaker() as session:
        repos = Repos(session)
        await ensure_sample_directory(repos)
        await session.flush()
        g0 = time.perf_counter()
        munis = (
            await session.execute(select(Municipality.id, Municipality.code).order_by(Municipality.id))
        ).all()
        schools: defaultdict[int, list[int]] = defaultdict(list)
        for school_id, muni_id in (await session.execute(select(School.id, School.municipality_id))).all():
            schools[muni_id].append(school_id)
        areas = [
            Area(m_id, code, DEMO_WEIGHTS.get(code, 2.0), tuple(sorted(schools[m_id])))
            for m_id, code in munis
        ]
        code_of = {a.id: a.code for a in areas}
        youngs, mentors = generate(rng, areas, youngs_n, mentors_n, young_base=1, mentor_base=youngs_n + 1)
        draw = Draw(rng)
        cum = list(accumulate(a.weight for a in areas))
        registered = now - timedelta(days=200)
        users: list[dict[str, Any]] = []
        subjects: list[dict[str, Any]] = []
        roles: list[dict[str, Any]] = []
        profiles: list[dict[str, Any]] = []
        requests: list[dict[str, Any]] = []
        pairs: list[dict[str, Any]] = []
        meetings: list[dict[str, Any]] = []

        def person(
            uid: int, muni: int, school: int | None, experience: int, birth_year: int, subj: frozenset[str]
        ) -> None:
            users.append(
                {
                    "id": uid,
                    "tg_id": 600_000_000 + uid,
                    "locale": "ru",
                    "consent_at": registered,
                    "consent_version": accounts.CONSENT_VERSION,
                    "full_name": rng.choice(NAMES),
                    "municipality_id": muni,
                    "school_id": school,
                    "school_note": None if school is not None else "МКОУ «Новая школа»",
                    "position": "teacher",
                    "experience_years": experience,
                    "birth_year": birth_year,
                    "category": rng.choice(CATEGORIES),
                    "registered_at": registered + timedelta(seconds=rng.randint(0, 150 * 86_400)),
                }
            )
            subjects.extend({"user_id": uid, "subject": s} for s in sorted(subj))
            roles.append({"user_id": uid, "role": Role.TEACHER})

        def young_person(uid: int, muni: int, school: int | None, subj: frozenset[str]) -> None:
            person(uid, muni, school, rng.randint(0, 3), year - rng.randint(22, 35), subj)

        for y in youngs:
            assert y.municipality_id is not None
            young_person(y.user_id, y.municipality_id, y.school_id, y.subjects)
            if y.want_subject or y.want_same_school:
                requests.append(
                    {
                        "user_id": y.user_id,
                        "want_subject": y.want_subject,
                        "want_same_school": y.want_same_school,
                    }
                )
            out.per_muni[code_of[y.municipality_id]] += 1
        out.unpaired = len(youngs)
        next_id = youngs_n + mentors_n + 1
        pair_id = 0
        mentors_by: defaultdict[int, list[Mentor]] = defaultdict(list)
        for m in mentors:
            assert m.municipality_id is not None
            mentors_by[m.municipality_id].append(m)
            experience = rng.randint(8, 35)
            person(
                m.user_id,
                m.municipality_id,
                m.school_id,
                experience,
                year - experience - rng.randint(22, 28),
                m.subjects,
            )
            roles.append({"user_id": m.user_id, "role": Role.MENTOR})
            profiles.append(
                {"user_id": m.user_id, "capacity": m.capacity, "about": "Учитель-наставник", "formats": []}
            )
            out.capacity[m.user_id] = m.capacity
            for _k in range(m.load):  # the current load: real pairs with further young specialists
                mentee = next_id
                next_id += 1
                area_schools = schools[m.municipality_id]
                school = (
                    m.school_id
                    if rng.random() < 0.4
                    else (rng.choice(area_schools) if area_schools else None)
                )
                subj = frozenset({rng.choice(sorted(m.subjects))}) if rng.random() < 0.7 else draw.subjects()
                young_person(mentee, m.municipality_id, school, subj)
                pair_id += 1
                activated = now - timedelta(days=rng.randint(14, 300), seconds=rng.randint(0, 80_000))
                start, end = pair_period(activated.date())
                held = held_on_days(rng, activated.date(), today, rng.randint(0, 6))
                for n, day in enumerate(held):
                    confirmed = rng.random() < 0.7
                    meetings.append(
                        {
                            "pair_id": pair_id,
                            "token": f"seed-{pair_id}-{n}",
                            "held_on": day,
                            "format": rng.choice(list(MeetingFormat)).value,
                            "topic": rng.choice(_TOPICS),
                            "minutes": rng.choice(DURATIONS),
                            "note": None,
                            "photo_file_id": None,
                            "created_at": service.held_at(day),
                            "confirmed_at": service.held_at(day) + timedelta(hours=3) if confirmed else None,
                            "disputed_at": None,
                            "rating": rng.randint(3, 5) if confirmed and rng.random() < 0.6 else None,
                            "rating_comment": None,
                        }
                    )
                pairs.append(
                    {
                        **PAIR_ROW,
                        "id": pair_id,
                        "mentor_id": m.user_id,
                        "mentee_id": mentee,
                        "status": (PairStatus.PAUSED if rng.random() < 0.1 else PairStatus.ACTIVE).value,
                        "score": 5.0,
                        "reasons": [Reason.MUNICIPALITY.value, Reason.SUBJECT.value],
                        "activated_at": activated,
                        "period_start": start,
                        "period_end": end,
                        "last_meeting_at": service.held_at(held[-1]) if held else None,
                        "fit_asked_at": activated + timedelta(days=7) if held else None,
                    }
                )
                out.paired += 1
        out.mentors = len(mentors)
        out.meetings = len(meetings)
        # Earlier proposals that were rejected: cancelled pairs of some unpaired young specialists.
        for y in rng.sample(youngs, len(youngs) // 20):
            assert y.municipality_id is not None
            candidates = mentors_by.get(y.municipality_id)
            if not candidates:
                continue
            pair_id += 1
            pairs.append(
                {
                    **PAIR_ROW,
                    "id": pair_id,
                    "mentor_id": rng.choice(candidates).user_id,
                    "mentee_id": y.user_id,
                    "status": PairStatus.CANCELLED.value,
                    "score": 3.0,
                    "reasons": [Reason.MUNICIPALITY.value],
                    "ended_at": now - timedelta(days=rng.randint(20, 90)),
                }
            )
            out.cancelled += 1
        # Ordinary teachers; some just outside the rule (36 and older with ≤ 3 years, or ≤ 35 with 4+).
        for _i in range(others_n):
            area = draw.area(areas, cum)
            school = rng.choice(area.schools) if area.schools and rng.random() >= YOUNG_NO_SCHOOL else None
            near = rng.random()
            if near < 0.05:
                experience, birth_year = rng.randint(0, 3), year - 36 - rng.randint(0, 15)
            elif near < 0.10:
                experience, birth_year = rng.randint(4, 10), year - rng.randint(25, 35)
            else:
                experience = rng.randint(4, 40)
                birth_year = year - experience - rng.randint(22, 30)
            out.others_near += near < 0.10
            person(next_id, area.id, school, experience, birth_year, draw.subjects())
            next_id += 1
        out.others = others_n
        out.requests = len(requests)
        out.free_slots = sum(m.free for m in mentors)
        out.expected = most_matchable(youngs, mentors)
        out.generate_seconds = time.perf_counter() - g0
        await insert_rows(session, User, users)
        await insert_rows(session, UserSubject, subjects)
        await insert_rows(session, UserRole, roles)
        await insert_rows(session, MentorProfile, profiles)
        await insert_rows(session, MentorRequest, requests)
        await insert_rows(session, MentorPair, pairs)
        await insert_rows(session, MentorMeeting, meetings)
        if session.bind is not None and session.bind.dialect.name == "postgresql":
            # Explicit ids do not move the sequences; the bot's own inserts must not collide.
            for name in ("users", "mentor_pairs"):
                await session.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), (SELECT max(id) FROM {name}))"
                    )
                )
        await session.commit()
    out.insert_seconds = time.perf_counter() - started - out.generate_seconds
    return out

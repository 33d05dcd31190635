"""The synthetic region of the indicators benchmark: its moments, weights, people and events, and the
truth the report must reproduce."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from benchmarks.seed import full_name, weighted
from bot.domain import indicators as domain
from bot.domain.diagnostics import StepForm
from bot.domain.events import BroadcastKind, EventKind, EventLevel
from bot.domain.indicators import Indicator, PeriodCode
from bot.domain.mentoring import PairStatus, pair_period
from bot.domain.roles import Role
from bot.domain.routes import RouteStatus, StepStatus
from bot.services import accounts

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


def between(rng: random.Random, lo: datetime, hi: datetime) -> datetime:
    """A moment in [lo, hi), to the second; lo when the interval is empty."""
    span = (hi - lo).total_seconds()
    return lo if span <= 1 else lo + timedelta(seconds=int(rng.random() * span))


def in_period(moment: datetime | None) -> bool:
    return moment is not None and PERIOD.start <= moment < PERIOD.end


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
        Indicator.PRACTICES: (0, n),  # the seeded world has no bank of practices
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
            weighted(rng, {"none": 85, "first": 15})
            if young
            else weighted(rng, {"none": 25, "first": 40, "highest": 35})
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
                "full_name": full_name(rng, SURNAMES, FIRST, PATRONYMICS),
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
        roles.append({"user_id": uid, "role": Role.TEACHER})
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
            status = weighted(rng, PAIR_WEIGHTS)
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
    roles = [{"user_id": uid, "role": Role.MENTOR} for uid in sorted(mentors)]
    return pairs, profiles, roles


def _broadcast_row(bid: int, kind: BroadcastKind, event_id: int, when: datetime) -> dict[str, Any]:
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
        kind = weighted(rng, EVENT_WEIGHTS)
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
                "level": weighted(
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
        broadcasts.append(_broadcast_row(eid, BroadcastKind.EVENT, eid, published))
        state.informing.append((eid, published))
        if rng.random() < 0.15:
            when = between(rng, published, min(starts, NOW - timedelta(hours=1)))
            broadcasts.append(_broadcast_row(count + eid, BroadcastKind.UPDATE, eid, when))
            state.informing.append((count + eid, when))
        if cancelled is not None:
            broadcasts.append(_broadcast_row(2 * count + eid, BroadcastKind.CANCEL, eid, cancelled))
            state.cancel_broadcast[eid] = (2 * count + eid, cancelled)
    monday = datetime(2024, 10, 7, 7, tzinfo=UTC)
    while monday < NOW:
        state.mondays.append(monday)
        monday += timedelta(days=7)
    return events, broadcasts

"""The indicators report's table straight from the database, on SQLite and PostgreSQL: every fact a
teacher row holds is the latest one before the end (microseconds kept, whatever the backend hands
back), only teachers registered before the end are read, and the scope holds."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.domain.diagnostics import ContentKind, Level, StepForm
from bot.domain.events import BroadcastKind, EventKind, EventLevel
from bot.domain.indicators import TeacherRow, TeacherTable, table_of
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade
from storage.models import (
    Broadcast,
    ContentVersion,
    DiagnosisAttempt,
    DiagnosisResult,
    Event,
    EventRegistration,
    MentorPair,
    Municipality,
    OutboxMessage,
    Route,
    RouteStep,
    School,
    User,
    UserRole,
)
from storage.repositories.indicators import IndicatorRepo, _in_id_order, _moments
from storage.repositories.indicators import columns as indicator_columns
from tests.conftest import POSTGRES_URL, reset_postgres

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("sqlite-rows", id="sqlite-rows"),  # an SQLite without JSON: the parts read as rows
    pytest.param(
        "postgres",
        id="postgres",
        marks=pytest.mark.skipif(not POSTGRES_URL, reason="TEST_POSTGRES_URL is not set"),
    ),
]

END = datetime(2026, 3, 16, 21, 0, tzinfo=UTC)  # the period's end (midnight in Moscow)


def t(days: float, micro: int = 0) -> datetime:
    """`days` before the end, with a microsecond part (the backends must keep it)."""
    return END - timedelta(days=days) + timedelta(microseconds=micro)


@pytest.fixture(params=BACKENDS)
async def engine(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[AsyncEngine]:
    if request.param == "sqlite-rows":
        monkeypatch.setattr(indicator_columns, "PACK_AS_JSON", False)
    if request.param == "postgres":
        assert POSTGRES_URL
        await reset_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    else:
        url = f"sqlite+aiosqlite:///{tmp_path / 'report.db'}"
    engine = create_engine(url)
    await upgrade(engine)
    try:
        yield engine
    finally:
        await engine.dispose()


def person(uid: int, *roles: str, registered: datetime | None, **fields: object) -> User:
    user = User(
        id=uid,
        tg_id=9000 + uid,
        consent_at=t(900),
        consent_version="1",
        full_name=f"Учитель {uid}",
        registered_at=registered,
        **fields,
    )
    user.roles = [UserRole(role=role) for role in roles]
    return user


async def seed(session: AsyncSession) -> list[TeacherRow]:
    """The rows, and the teacher rows they must give (in id order)."""
    session.add_all(
        [
            Municipality(id=1, code="m1", name="Город", timezone="Europe/Moscow"),
            Municipality(id=2, code="m2", name="Район", timezone="Europe/Moscow"),
        ]
    )
    await session.flush()
    session.add(School(id=1, code="s1", municipality_id=1, name="Школа № 1", search_text="школа 1"))
    session.add(
        ContentVersion(
            id=1,
            kind=ContentKind.QUESTIONNAIRE,
            content_id="general",
            version=1,
            body={},
            sha256="0",
            source="file",
        )
    )
    session.add_all(
        [
            person(
                1,
                "teacher",
                registered=t(400, 123456),
                municipality_id=1,
                school_id=1,
                birth_year=1998,
                experience_years=2,
                category="first",
            ),
            person(2, "teacher", registered=t(300), municipality_id=2),  # nothing else known
            person(3, "teacher", registered=END),  # registered at the end: not read
            person(4, "staff", registered=t(200), municipality_id=1),  # not a teacher
            person(5, "teacher", "mentor", registered=t(800, 5), municipality_id=1, experience_years=25),
            person(6, "teacher", registered=None),  # never finished the profile
        ]
    )
    await session.flush()

    def attempt(aid: int, uid: int, finished: datetime | None) -> DiagnosisAttempt:
        return DiagnosisAttempt(
            id=aid, user_id=uid, content_version_id=1, questionnaire_id="general", finished_at=finished
        )

    session.add_all(
        [
            attempt(1, 1, t(100, 11)),  # gave a level: the latest recommended
            attempt(2, 1, t(50, 22)),  # rated nothing: the latest diagnosed
            attempt(3, 1, t(-1)),  # after the end
            attempt(4, 1, None),  # unfinished
            attempt(5, 2, t(700)),  # long ago, with a level
        ]
    )
    await session.flush()
    session.add_all(
        [
            DiagnosisResult(attempt_id=1, area="a", score=1.0, level=Level.HIGH),
            DiagnosisResult(attempt_id=1, area="b", score=1.0, level=None),
            DiagnosisResult(attempt_id=2, area="a", score=None, level=None),
            DiagnosisResult(attempt_id=3, area="a", score=1.0, level=Level.HIGH),
            DiagnosisResult(attempt_id=5, area="a", score=2.0, level=Level.LOW),
        ]
    )

    def route(rid: int, uid: int, submitted: datetime | None, **fields: object) -> Route:
        return Route(
            id=rid,
            user_id=uid,
            status="approved",
            period_start=date(2025, 9, 1),
            period_end=fields.pop("period_end", date(2026, 5, 31)),
            submitted_at=submitted,
            **fields,
        )

    session.add_all(
        [
            route(1, 1, t(380), period_end=date(2025, 12, 31)),  # older
            route(
                2,
                1,
                t(90, 33),
                attempt_id=1,
                period_end=date(2026, 6, 30),
                approved_at=t(80, 44),
                completed_at=t(10, 55),
            ),
            route(3, 1, None),  # a draft, never sent: not the latest route
            route(4, 5, t(-2)),  # sent after the end
        ]
    )
    await session.flush()

    def step(sid: int, rid: int, form: StepForm, status: str, **moments: datetime) -> RouteStep:
        return RouteStep(
            id=sid,
            route_id=rid,
            position=sid,
            form=form,
            title="шаг",
            source="catalogue",
            planned_start=date(2025, 9, 1),
            planned_end=date(2026, 5, 31),
            status=status,
            **moments,
        )

    session.add_all(
        [
            step(1, 2, StepForm.COMMUNITY, "in_progress", started_at=t(60, 66)),
            step(2, 1, StepForm.COMMUNITY, "done", started_at=t(390), done_at=t(385)),
            step(3, 2, StepForm.COURSE, "done", started_at=t(40), done_at=t(30, 77)),
            step(4, 2, StepForm.COURSE, "in_progress", started_at=t(5)),  # not done: no course
            step(5, 2, StepForm.CONSULTATION, "done", started_at=t(3), done_at=t(2)),
        ]
    )

    def event(eid: int, kind: EventKind, starts: datetime, status: str = "published") -> Event:
        return Event(
            id=eid,
            kind=kind,
            level=EventLevel.REGIONAL,
            title=kind.value,
            starts_at=starts,
            timezone="Europe/Moscow",
            status=status,
        )

    session.add_all(
        [
            event(1, EventKind.CONTEST, t(20)),
            event(2, EventKind.COURSE, t(25, 88)),
            event(3, EventKind.CONFERENCE, t(15)),
            event(4, EventKind.SEMINAR, t(12), status="cancelled"),
            event(5, EventKind.WEBINAR, t(8)),
        ]
    )
    await session.flush()

    def registration(rid: int, eid: int, uid: int, created: datetime, **fields: object) -> EventRegistration:
        fields.setdefault("status", "registered")
        return EventRegistration(id=rid, event_id=eid, user_id=uid, created_at=created, **fields)

    session.add_all(
        [
            registration(1, 1, 1, t(35, 99)),
            registration(2, 2, 1, t(45, 101), attended=True),
            registration(3, 3, 1, t(33, 102)),
            registration(4, 4, 1, t(11)),  # the event was cancelled
            registration(5, 5, 1, t(9), status="waitlist"),
            registration(6, 5, 2, t(9), status="cancelled"),
        ]
    )
    session.add_all(
        [
            Broadcast(id=1, kind=BroadcastKind.EVENT, event_id=1, text="анонс", status="done"),
            Broadcast(id=2, kind=BroadcastKind.CANCEL, event_id=4, text="отменено", status="done"),
        ]
    )
    await session.flush()

    def sent(
        oid: int, uid: int, at: datetime | None, status: str = "sent", **fields: object
    ) -> OutboxMessage:
        return OutboxMessage(
            id=oid, user_id=uid, chat_id=9000 + uid, status=status, not_before=t(400), sent_at=at, **fields
        )

    session.add_all(
        [
            sent(1, 1, t(70, 111), broadcast_id=1),
            sent(2, 1, t(65, 112), dedupe="digest:2026-01-10:1", text="дайджест"),  # the latest
            sent(3, 1, t(1), broadcast_id=2),  # a cancellation does not inform
            sent(4, 2, None, status="blocked", broadcast_id=1),
            sent(5, 2, t(-1), broadcast_id=1),  # after the end
        ]
    )
    session.add_all(
        [
            MentorPair(id=1, mentor_id=5, mentee_id=1, status="active", activated_at=t(200, 3)),
            MentorPair(
                id=2, mentor_id=5, mentee_id=2, status="completed", activated_at=t(500), ended_at=t(120, 4)
            ),
            MentorPair(id=3, mentor_id=1, mentee_id=2, status="proposed", activated_at=None),
        ]
    )
    await session.commit()
    return [
        TeacherRow(
            user_id=1,
            tg_id=9001,
            full_name="Учитель 1",
            municipality_id=1,
            school_id=1,
            birth_year=1998,
            experience_years=2,
            category="first",
            registered_at=t(400, 123456),
            diagnosed_at=t(50, 22),
            recommended_at=t(100, 11),
            route_saved_at=t(90, 33),
            route_on_diagnosis=True,
            route_ends=date(2026, 6, 30),
            route_approved_at=t(80, 44),
            route_completed_at=t(10, 55),
            community_step_at=t(60, 66),
            course_step_at=t(30, 77),
            event_registered_at=t(33, 102),
            contest_at=t(35, 99),
            community_event_at=t(33, 102),
            course_event_at=t(25, 88),
            informed_at=t(65, 112),
            mentee_open=True,
            mentee_ended_at=None,
            mentor_open=False,
            mentor_ended_at=None,
        ),
        TeacherRow(
            user_id=2,
            tg_id=9002,
            full_name="Учитель 2",
            municipality_id=2,
            school_id=None,
            birth_year=None,
            experience_years=None,
            category=None,
            registered_at=t(300),
            diagnosed_at=t(700),
            recommended_at=t(700),
            mentee_open=False,
            mentee_ended_at=t(120, 4),
        ),
        TeacherRow(
            user_id=5,
            tg_id=9005,
            full_name="Учитель 5",
            municipality_id=1,
            school_id=None,
            birth_year=None,
            experience_years=25,
            category=None,
            registered_at=t(800, 5),
            mentor_open=True,
            mentor_ended_at=t(120, 4),
        ),
    ]


def as_lists(table: TeacherTable) -> dict[str, list[object]]:
    return {
        name: column.tolist() if isinstance(column, np.ndarray) else list(column)
        for name, column in zip(TeacherTable._fields, table, strict=True)
    }


def nan_free(columns: dict[str, list[object]]) -> dict[str, list[object]]:
    """NaN (a number not given) compares unequal to itself: name it."""
    return {k: ["NaN" if v != v else v for v in vs] for k, vs in columns.items()}


async def test_the_table_holds_each_teachers_latest_facts_before_the_end(engine: AsyncEngine) -> None:
    sessionmaker = create_sessionmaker(engine)
    async with sessionmaker() as session:
        expected = await seed(session)
    async with sessionmaker() as session:
        repo = IndicatorRepo(session)
        region = await repo.teacher_table(municipality_id=None, school_id=None, end=END)
        town = await repo.teacher_table(municipality_id=1, school_id=None, end=END)
        school = await repo.teacher_table(municipality_id=1, school_id=1, end=END)
        nobody = await repo.teacher_table(municipality_id=None, school_id=None, end=t(10_000))
    assert nan_free(as_lists(region)) == nan_free(as_lists(table_of(expected)))
    assert list(town.user_id) == [1, 5] and town.mentor_open.tolist() == [False, True]
    assert nan_free(as_lists(school)) == nan_free(as_lists(table_of(expected[:1])))
    assert nobody.size == 0 and nobody.informed_at.dtype == np.dtype("datetime64[us]")


@pytest.mark.parametrize(
    "values",
    [
        ["2026-03-16 18:00:00.000001", None],  # SQLite's text, UTC
        ["2026-03-16 18:00:00.000001", "NaT"],  # as the repository asks SQLite for it
        ["2026-03-16 21:00:00.000001+03:00", None],  # a stored offset
        ["2026-03-16 21:00:00.000001+03:00", "NaT"],
        [datetime(2026, 3, 16, 18, 0, 0, 1, tzinfo=UTC), None],  # aware objects
        [datetime(2026, 3, 16, 18, 0, 0, 1), None],  # naive ones are UTC
        [1773684000000001, int(np.iinfo(np.int64).min)],  # microseconds since the epoch; NaT
    ],
)
def test_stored_moments_become_utc_microseconds(values: list[object]) -> None:
    moments = _moments(values)
    assert moments.dtype == np.dtype("datetime64[us]")
    assert moments.tolist() == [datetime(2026, 3, 16, 18, 0, 0, 1), None]


def test_the_people_are_put_in_id_order_whatever_order_they_came_in() -> None:
    ordered = [(1, 5, 9), ("a", "e", "i"), (None, 2.0, None)]
    assert _in_id_order(ordered) is ordered
    assert _in_id_order([(9, 1, 5), ("i", "a", "e"), (None, None, 2.0)]) == [
        (1, 5, 9),
        ("a", "e", "i"),
        (None, 2.0, None),
    ]
    assert _in_id_order([(), ()]) == [(), ()]

"""Deleting one's data leaves no Telegram id and no name anywhere.

A person who touched every feature — the language chosen before consent, a staff role from an
invite, invites they issued (one redeemed), a diagnosis, a route with evidence, a route they
reviewed, mentoring on both sides, an application they decided, an event they created and one
they rated, a broadcast they watched, survey answers, an uploaded questionnaire, an escalation —
deletes their data from /mydata. Then every column of every table (the live schema, reflected)
and every Redis key is searched for their id (as a number and as text) and their names.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import MetaData, select
from sqlalchemy.ext.asyncio import create_async_engine

from bot.callbacks import RegAction, RegCD
from bot.domain.diagnostics import ContentKind, StepForm
from bot.domain.events import BroadcastKind, EventKind, EventLevel
from bot.domain.roles import Role
from storage.models import (
    AdaptationCheck,
    Broadcast,
    ContentVersion,
    Escalation,
    Event,
    EventRegistration,
    MentorApplication,
    MentorMeeting,
    MentorPair,
    MentorProfile,
    MentorRequest,
    MethodistAssignment,
    OutboxMessage,
    Route,
    RouteReminder,
    RouteStep,
    SchoolRequest,
    StepEvidence,
    SurveyCampaign,
    SurveyInvite,
    SurveyResponse,
    SurveyWave,
    User,
)
from tests.conftest import ADMIN_ID, REDIS_URL, BotEnv
from tests.fakes import TgUser
from tests.flows import answer_items, create_invite, open_general, register

ZOE = 5_550_123_987  # an id no other number in the database could be mistaken for
FULL_NAME = "Зорина Злата Зиновьевна"
NEEDLES = (str(ZOE), "Зорина", "Злата", "Зиновьевна", "zorina_zz")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
DAY = NOW.date()
LATER = datetime(2027, 1, 1, tzinfo=UTC)  # not sent during the test


def _text(value: Any) -> str:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


async def database_traces(env: BotEnv, tg_id: int = ZOE, needles: tuple[str, ...] = NEEDLES) -> set[str]:
    """`table.column` of every value holding the person's id or a name (schema read from the database)."""
    engine = create_async_engine(env.settings.database_url)
    found: set[str] = set()
    try:
        async with engine.connect() as conn:
            metadata = MetaData()
            await conn.run_sync(metadata.reflect)
            assert "users" in metadata.tables and len(metadata.tables) > 30
            for table in metadata.sorted_tables:
                for row in (await conn.execute(select(table))).all():
                    for column, value in zip(table.columns, row, strict=True):
                        text = _text(value)
                        if value == tg_id or any(n in text for n in needles):
                            found.add(f"{table.name}.{column.name}")
    finally:
        await engine.dispose()
    return found


async def redis_traces() -> set[str]:
    if REDIS_URL is None:
        return set()
    from redis.asyncio import Redis

    client = Redis.from_url(REDIS_URL)
    found: set[str] = set()
    try:
        for key in await client.keys("*"):
            kind = (await client.type(key)).decode()
            if kind == "string":
                values: list[Any] = [await client.get(key)]
            elif kind == "hash":
                values = [*(await client.hgetall(key)).items()]
            elif kind == "list":
                values = await client.lrange(key, 0, -1)
            elif kind == "set":
                values = list(await client.smembers(key))
            else:
                values = await client.zrange(key, 0, -1)
            text = _text(key) + " " + " ".join(_text(v) for v in values)
            if any(n in text for n in NEEDLES):
                found.add(f"redis:{_text(key)}")
    finally:
        await client.aclose()
    return found


async def through_the_bot(env: BotEnv) -> tuple[TgUser, TgUser, TgUser]:
    """What is quick to do as a person: Zoe, her colleague Vera (invited by her), teacher Tom."""
    zoe = env.user(ZOE, first_name="Злата", last_name="Зорина", username="zorina_zz")
    await zoe.send("/language")  # before consent: the choice is kept apart from any profile
    await zoe.click("English")
    await zoe.click("Русский")
    payload = await create_invite(env, "сотрудник методической службы")
    await register(zoe, start=f"/start {payload}", name=FULL_NAME, experience="12", birth_year="1984")
    await open_general(zoe)
    await zoe.click("Начать")
    await answer_items(zoe, lambda n: 1)

    await zoe.send("/invite")  # she invites a mentor, who joins with the link
    await zoe.click("наставник")
    await zoe.click("1 человек")
    await zoe.click("7 дней")
    match = re.search(r"start=(i-[\w-]+)", zoe.last_message.text)
    assert match, zoe.last_message.text
    vera = env.user(7_300_002, first_name="Вера")
    await register(vera, start=f"/start {match.group(1)}", name="Верная Вера Викторовна")
    await zoe.send("/invite")  # and one nobody has used yet
    await zoe.click("наставник")
    await zoe.click("1 человек")
    await zoe.click("7 дней")
    tom = env.user(7_300_003, first_name="Тимур")
    await register(tom, name="Тимуров Тимур Тимурович")
    return zoe, vera, tom


async def through_the_repositories(env: BotEnv, zoe_id: int, vera_id: int, tom_id: int) -> None:
    """What takes long flows: routes, mentoring, events, broadcasts, surveys, content, escalations."""
    async with env.repos() as repos:
        s = repos.session
        own_route = Route(
            user_id=zoe_id,
            status="approved",
            goal="Цифровые инструменты",
            period_start=date(2026, 11, 1),
            period_end=date(2027, 5, 31),
        )
        reviewed = Route(
            user_id=tom_id,
            status="returned",
            goal="Оценивание",
            period_start=date(2026, 11, 1),
            period_end=date(2027, 5, 31),
            reviewer_id=zoe_id,
            review_comment="Добавьте сроки",
        )
        mentoring = MentorPair(mentor_id=zoe_id, mentee_id=tom_id, status="active", activated_at=NOW)
        mentored = MentorPair(mentor_id=vera_id, mentee_id=zoe_id, status="active", activated_at=NOW)
        her_event = Event(
            kind=EventKind.SEMINAR,
            level=EventLevel.REGIONAL,
            title="Семинар о проектах",
            starts_at=NOW,
            timezone="Europe/Moscow",
            status="published",
            created_by_id=zoe_id,
        )
        campaign = SurveyCampaign(
            template_id="needs",
            template_version=1,
            template={},
            title="Потребности",
            recurrence="once",
            starts_at=NOW,
            status="active",
            created_by_id=zoe_id,
        )
        s.add_all([own_route, reviewed, mentoring, mentored, her_event, campaign])
        await s.flush()
        step = RouteStep(
            route_id=own_route.id,
            position=0,
            form=StepForm.COURSE,
            title="Курс",
            source="own",
            planned_start=date(2026, 12, 1),
            planned_end=date(2026, 12, 20),
            status="done",
        )
        broadcast = Broadcast(
            kind=BroadcastKind.EVENT,
            event_id=her_event.id,
            text="Семинар о проектах",
            status="done",
            created_by_id=zoe_id,
            progress_chat_id=ZOE,
            progress_message_id=77,
        )
        wave = SurveyWave(campaign_id=campaign.id, period="once", opens_at=NOW, closes_at=NOW, created_at=NOW)
        s.add_all([step, broadcast, wave])
        await s.flush()
        s.add_all(
            [
                StepEvidence(step_id=step.id, kind="document", file_id="F1", file_name="Зорина-отчёт.pdf"),
                RouteReminder(route_id=own_route.id, step_id=step.id, kind="near", claimed_at=NOW),
                MethodistAssignment(teacher_id=zoe_id, methodist_id=vera_id, source="staff"),
                MethodistAssignment(teacher_id=tom_id, methodist_id=zoe_id, source="staff"),
                MentorProfile(user_id=zoe_id, capacity=2, about="Зорина: математика"),
                MentorApplication(user_id=zoe_id, capacity=2, status="approved", decided_by_tg_id=ADMIN_ID),
                MentorApplication(user_id=vera_id, capacity=1, status="approved", decided_by_tg_id=ZOE),
                MentorRequest(user_id=zoe_id, want_subject="math"),
                MentorMeeting(
                    pair_id=mentoring.id,
                    token="t1",
                    held_on=NOW.date(),
                    format="consultation",
                    topic="Урок",
                    minutes=40,
                    note="Злата показала урок",
                ),
                MentorMeeting(
                    pair_id=mentored.id,
                    token="t2",
                    held_on=NOW.date(),
                    format="observation",
                    topic="Х",
                    minutes=30,
                ),
                AdaptationCheck(user_id=zoe_id, period="2026-11", answers={"mood": "Зорина в порядке"}),
                EventRegistration(
                    event_id=her_event.id,
                    user_id=zoe_id,
                    status="registered",
                    created_at=NOW,
                    attended=True,
                    rating=5,
                    feedback="Злата: спасибо!",
                ),
                OutboxMessage(
                    broadcast_id=broadcast.id, user_id=zoe_id, chat_id=ZOE, status="sent", not_before=NOW
                ),
                OutboxMessage(user_id=None, chat_id=ZOE, status="pending", not_before=LATER, text="Вам"),
                SurveyInvite(wave_id=wave.id, user_id=zoe_id, status="done"),
                SurveyResponse(
                    wave_id=wave.id, user_id=zoe_id, answers={"topic": "Проекты"}, submitted_on=NOW
                ),
                ContentVersion(
                    kind=ContentKind.QUESTIONNAIRE,
                    content_id="general",
                    version=99,
                    body={"id": "general"},
                    sha256="0" * 64,
                    source="upload",
                    uploaded_by_tg_id=ZOE,
                ),
                Escalation(kind="unpaired", subject_id=zoe_id, at=NOW),
                SchoolRequest(user_id=zoe_id, text="Школа Зориной"),
            ]
        )
        await repos.commit()


async def ids(env: BotEnv, *tg_ids: int) -> list[int]:
    async with env.repos() as repos:
        users = [await repos.users.by_tg_id(t) for t in tg_ids]
        assert all(users)
        return [u.id for u in users if u is not None]


async def test_deleting_my_data_leaves_no_telegram_id_or_name_anywhere(env_all: BotEnv) -> None:
    env = env_all
    zoe, vera, tom = await through_the_bot(env)
    zoe_id, vera_id, tom_id = await ids(env, ZOE, vera.id, tom.id)
    await through_the_repositories(env, zoe_id, vera_id, tom_id)

    # Her file holds the language she chose before consent, next to her rows.
    await zoe.send("/mydata")
    (document,) = [m for m in zoe.messages if m.document is not None]
    exported = json.loads(document.document or b"{}")
    assert exported["preferences"] == {"locale": "ru"}
    assert exported["user"]["full_name"] == FULL_NAME

    before = await database_traces(env) | await redis_traces()
    # The scan sees her where the cascades cannot reach (and where they can).
    assert {
        "users.tg_id",
        "users.full_name",
        "invites.created_by_tg_id",
        "user_roles.granted_by_tg_id",
        "role_audit.actor_tg_id",
        "role_audit.target_tg_id",
        "content_versions.uploaded_by_tg_id",
        "mentor_applications.decided_by_tg_id",
        "broadcasts.progress_chat_id",
        "outbox.chat_id",
        "step_evidence.file_name",
        "event_registrations.feedback",
    } <= before, before
    assert any("prefs" in t for t in before) or "fsm_records.key" in before, before

    await zoe.click("🗑 Удалить мои данные")
    await zoe.click("🗑 Да, удалить")
    assert "ваши данные удалены" in zoe.last_message.content

    assert await database_traces(env) | await redis_traces() == set()
    async with env.repos() as repos:
        s = repos.session
        assert (await s.scalars(select(Escalation).where(Escalation.subject_id == zoe_id))).all() == []
        # What others own stays, without her: Vera's mentor role, the reviewed route, the event,
        # the audit of the roles (role and action kept), the questionnaire, her answer (unlinked).
        vera_row = await s.get(User, vera_id)
        assert vera_row is not None
        assert {(r.role, r.granted_by_tg_id) for r in vera_row.roles} >= {(Role.MENTOR, None)}
        route = await s.get(Route, (await s.scalars(select(Route.id).where(Route.user_id == tom_id))).one())
        assert route is not None and route.reviewer_id is None and route.review_comment == "Добавьте сроки"
        assert (await s.scalars(select(Event.created_by_id))).all() == [None]
        uploaded = (await s.scalars(select(ContentVersion).where(ContentVersion.version == 99))).one()
        assert uploaded.uploaded_by_tg_id is None
        assert (await s.scalars(select(SurveyResponse.answers))).all() == [{"topic": "Проекты"}]
        assert (await s.scalars(select(MentorApplication.user_id))).all() == [vera_id]

    # Nothing is left to show her, and the language she chose is forgotten too.
    await zoe.send("/mydata")
    assert "ничего о вас не храню" in zoe.last_message.content


@pytest.mark.parametrize("way", ["profile", "consent"])
async def test_every_way_of_deleting_forgets_the_language_chosen_before_consent(
    env: BotEnv, way: str
) -> None:
    person = env.user(7_300_010, language_code="en")
    await person.send("/language")
    await person.click("Русский")
    if way == "profile":
        await register(person)
        await person.send("/profile")
        await person.click("🗑 Удалить мои данные")
        await person.click("Да, удалить всё")
    else:  # «no» after «yes» (an old consent message), mid-registration
        await person.send("/start")
        await person.click("Даю согласие")
        await person.click_data(RegCD(step="consent", action=RegAction.NO).pack())
    assert await database_traces(env, person.id, (str(person.id),)) == set()

"""/mydata end to end through the fake Bot API: the JSON file holds everything about the person and
nothing about anyone else (anonymous answers stay unlinked); deleting the data leaves survey answers
nameless and undated; stale buttons and people without a row get a clear answer. Plus the export
walk on a schema of its own, to show that a new table is picked up without code."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    event,
    insert,
    select,
    text,
)
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from bot.callbacks import MyDataAction, MyDataCD
from bot.domain.diagnostics import StepForm
from bot.domain.events import EventKind, EventLevel
from bot.services.mydata import jsonable
from storage.models import (
    DiagnosisAttempt,
    DiagnosisResult,
    Event,
    EventRegistration,
    Route,
    RouteStep,
    SurveyCampaign,
    SurveyInvite,
    SurveyResponse,
    SurveyWave,
    User,
)
from storage.repositories.personal_data import PersonalDataRepo
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.fakes.telegram import FakeMessage
from tests.flows import diagnosed_teacher, register

ANNA = "Учителева Анна Сергеевна"
BORIS = "Борисов Борис Ильич"
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def last_document(user: TgUser) -> tuple[FakeMessage, dict[str, Any]]:
    documents = [m for m in user.messages if m.document is not None]
    assert documents, f"no document in {user.history}"
    message = documents[-1]
    assert message.document is not None
    return message, json.loads(message.document.decode("utf-8"))


async def user_id(env: BotEnv, tg_id: int) -> int:
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        return user.id


async def seed(env: BotEnv, anna_id: int, boris_id: int) -> dict[str, int]:
    """Anna's route and event registration; a named and an anonymous survey both answered."""
    async with env.repos() as repos:
        s = repos.session
        seminar = Event(
            kind=EventKind.SEMINAR,
            level=EventLevel.REGIONAL,
            title="Семинар Бориса",
            starts_at=NOW,
            timezone="Europe/Moscow",
            status="published",
            created_by_id=boris_id,
        )
        route = Route(
            user_id=anna_id,
            status="submitted",
            goal="Освоить цифровые инструменты Анны",
            period_start=date(2026, 11, 1),
            period_end=date(2027, 5, 31),
            reviewer_id=boris_id,
        )
        named = SurveyCampaign(
            template_id="needs",
            template_version=1,
            template={},
            title="Потребности",
            anonymous=False,
            recurrence="once",
            starts_at=NOW,
            status="active",
            created_by_id=boris_id,
        )
        anonymous = SurveyCampaign(
            template_id="wellbeing",
            template_version=1,
            template={},
            title="Самочувствие",
            anonymous=True,
            recurrence="once",
            starts_at=NOW,
            status="active",
        )
        s.add_all([seminar, route, named, anonymous])
        await s.flush()
        s.add(
            RouteStep(
                route_id=route.id,
                position=0,
                form=StepForm.COURSE,
                title="Курс по цифровой школе",
                source="own",
                planned_start=date(2026, 12, 1),
                planned_end=date(2026, 12, 20),
                status="planned",
            )
        )
        s.add(EventRegistration(event_id=seminar.id, user_id=anna_id, status="registered", created_at=NOW))
        waves = []
        for campaign in (named, anonymous):
            wave = SurveyWave(
                campaign_id=campaign.id, period="once", opens_at=NOW, closes_at=NOW, created_at=NOW
            )
            s.add(wave)
            waves.append(wave)
        await s.flush()
        s.add_all(
            [
                SurveyInvite(wave_id=waves[0].id, user_id=anna_id, status="done"),
                SurveyInvite(wave_id=waves[1].id, user_id=anna_id, status="done"),
                SurveyResponse(
                    wave_id=waves[0].id,
                    user_id=anna_id,
                    answers={"topic": "ANNA-NAMED"},
                    submitted_on=NOW.date(),
                ),
                SurveyResponse(
                    wave_id=waves[0].id,
                    user_id=boris_id,
                    answers={"topic": "BORIS-NAMED"},
                    submitted_on=NOW.date(),
                ),
                SurveyResponse(
                    wave_id=waves[1].id, user_id=None, answers={"mood": "ANON-ANSWER"}, submitted_on=None
                ),
            ]
        )
        await repos.commit()
        return {"route": route.id, "event": seminar.id, "named_wave": waves[0].id}


async def test_mydata_exports_my_rows_and_deleting_leaves_answers_unlinked(env: BotEnv) -> None:
    anna = await diagnosed_teacher(env, 6101, ANNA)
    boris = env.user(6102, first_name="Борис")
    await register(boris, name=BORIS)
    anna_id, boris_id = await user_id(env, anna.id), await user_id(env, boris.id)
    ids = await seed(env, anna_id, boris_id)

    await anna.send("/mydata")
    message, data = last_document(anna)
    assert message.file_name == "metodist-mydata-2026-11-23.json"
    assert "всё, что я о вас храню" in (message.caption or "")
    assert data["generated_at"].startswith("2026-11-23T09:00")
    assert data["user"]["full_name"] == ANNA and data["user"]["tg_id"] == 6101
    assert data["user"]["municipality"] == "г. Кострома" and "Гимназия № 15" in data["user"]["school"]
    tables = data["tables"]
    assert "users" not in tables
    assert [r["subject"] for r in tables["user_subjects"]] == ["math"]
    assert [r["role"] for r in tables["user_roles"]] == ["teacher"]
    (attempt,) = tables["diagnosis_attempts"]
    assert attempt["user_id"] == anna_id and attempt["finished_at"].startswith("2026-11-23")
    assert len(tables["diagnosis_answers"]) > 30  # children of the attempt, found by the walk
    assert {r["attempt_id"] for r in tables["diagnosis_answers"] + tables["diagnosis_results"]} == {
        attempt["id"]
    }
    assert tables["routes"][0]["goal"] == "Освоить цифровые инструменты Анны"
    assert tables["routes"][0]["period_start"] == "2026-11-01"
    assert [s["title"] for s in tables["route_steps"]] == ["Курс по цифровой школе"]  # grandchild of users
    assert [r["event_id"] for r in tables["event_registrations"]] == [ids["event"]]
    assert len(tables["survey_invites"]) == 2
    assert [r["answers"] for r in tables["survey_responses"]] == [{"topic": "ANNA-NAMED"}]
    assert [r["target_tg_id"] for r in tables["role_audit"]] == [6101]
    # Not hers: the event itself (content), other people's and anonymous answers, Boris at all.
    raw = message.document.decode("utf-8") if message.document else ""
    assert "events" not in tables and "survey_waves" not in tables and "survey_campaigns" not in tables
    for foreign in ("ANON-ANSWER", "BORIS-NAMED", "Борисов", "Семинар Бориса"):
        assert foreign not in raw, foreign
    assert anna.buttons() == ["🗑 Удалить мои данные", "🏠 В меню"]

    # Boris, from his profile: his answer; the route he reviews and the event he created only as
    # mentions — ids, not Anna's goal.
    await boris.send("/profile")
    await boris.click("📄 Мои данные")
    message, boris_data = last_document(boris)
    assert boris_data["user"]["full_name"] == BORIS
    assert [r["answers"] for r in boris_data["tables"]["survey_responses"]] == [{"topic": "BORIS-NAMED"}]
    assert boris_data["mentions"]["routes"] == [{"id": ids["route"], "reviewer_id": boris_id}]
    assert {"id": ids["event"], "created_by_id": boris_id} in boris_data["mentions"]["events"]
    raw = message.document.decode("utf-8") if message.document else ""
    assert "Освоить" not in raw and ANNA not in raw and "ANNA-NAMED" not in raw

    # Deleting: the confirmation says what goes and what stays; «Нет» comes back.
    await anna.click("🗑 Удалить мои данные")
    confirm = anna.last_message
    assert "Удалить ваши данные?" in confirm.content
    assert "анонимные опросы" in confirm.content and "Согласие" in confirm.content
    await anna.click("↩️ Нет, оставить")
    assert anna.buttons() == ["🗑 Удалить мои данные", "🏠 В меню"]
    await anna.click("🗑 Удалить мои данные")
    await anna.click("🗑 Да, удалить")
    assert "ваши данные удалены" in anna.last_message.content

    async with env.repos() as repos:
        s = repos.session
        assert (await s.execute(text("PRAGMA foreign_keys"))).scalar_one() == 1
        assert await s.get(User, anna_id) is None
        assert (
            await s.scalars(select(DiagnosisAttempt).where(DiagnosisAttempt.user_id == anna_id))
        ).all() == []
        assert (await s.scalars(select(DiagnosisResult))).all() == []
        assert (await s.scalars(select(Route))).all() == [] and (
            await s.scalars(select(RouteStep))
        ).all() == []
        assert (await s.scalars(select(EventRegistration))).all() == []
        assert (await s.scalars(select(SurveyInvite))).all() == []
        responses = {
            r.answers["topic"]: r
            for r in await s.scalars(
                select(SurveyResponse).where(SurveyResponse.wave_id == ids["named_wave"])
            )
        }
        assert responses["ANNA-NAMED"].user_id is None and responses["ANNA-NAMED"].submitted_on is None
        assert (
            responses["BORIS-NAMED"].user_id == boris_id
            and responses["BORIS-NAMED"].submitted_on == NOW.date()
        )
        assert await s.get(User, boris_id) is not None

    # A stale «Да, удалить» (another device, an old message) and an old «Мои данные» answer clearly.
    await anna.click_data(MyDataCD(action=MyDataAction.DELETE_YES).pack(), message=confirm)
    assert "Ваших данных у меня уже нет" in anna.last_message.content
    assert "/start" in anna.last_message.content
    await anna.click_data(MyDataCD(action=MyDataAction.SHOW).pack())
    assert "Ваших данных у меня уже нет" in anna.last_message.content
    documents = len([m for m in anna.messages if m.document is not None])
    await anna.send("/mydata")
    assert "ничего о вас не храню" in anna.last_message.content
    assert len([m for m in anna.messages if m.document is not None]) == documents


async def test_mydata_without_a_row_points_to_start(env: BotEnv) -> None:
    stranger = env.user(6201)
    await stranger.send("/mydata")
    assert "ничего о вас не храню" in stranger.last_message.content
    assert "/start" in stranger.last_message.content
    await stranger.click_data(MyDataCD(action=MyDataAction.DELETE).pack(), message=stranger.last_message)
    assert "Ваших данных у меня уже нет" in stranger.last_message.content
    assert env.fake.requests_for("sendDocument") == []


async def test_mydata_without_a_row_exports_the_language_chosen_before_consent(env: BotEnv) -> None:
    guest = env.user(6202, language_code="ru")
    await guest.send("/language")
    await guest.click("English")
    await guest.send("/mydata")
    message, data = last_document(guest)
    assert "All I keep is in this file" in (message.caption or "")
    assert data["preferences"] == {"locale": "en"} and "user" not in data and "tables" not in data
    assert guest.buttons(message) == []


async def test_mydata_in_english_mid_registration_includes_the_dialogue(env: BotEnv) -> None:
    # Consent given, registration not finished: the row and the typed-in draft are theirs to see.
    olga = env.user(6301, language_code="en")
    await olga.send("/start")
    await olga.click("I give my consent")
    await olga.send("Smith Olga")
    await olga.send("/mydata")
    message, data = last_document(olga)
    assert "everything I keep about you" in (message.caption or "")
    assert data["user"]["tg_id"] == 6301 and data["user"]["registered_at"] is None
    assert "Smith Olga" in json.dumps(data["dialogue"], ensure_ascii=False)
    assert olga.buttons() == ["🗑 Delete my data", "🏠 Menu"]


# --- the walk on a schema of its own ---------------------------------------------------------------


def small_schema() -> tuple[MetaData, dict[str, Table]]:
    md = MetaData()
    t = {
        "users": Table(
            "users",
            md,
            Column("id", Integer, primary_key=True),
            Column("tg_id", BigInteger),
            Column("name", String),
        ),
        "notes": Table(
            "notes",
            md,
            Column("id", Integer, primary_key=True),
            Column("user_id", ForeignKey("users.id", ondelete="CASCADE")),
            Column("body", String),
            Column("blob", LargeBinary),
        ),
        "note_tags": Table(
            "note_tags",
            md,
            Column("note_id", ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True),
            Column("tag", String, primary_key=True),
        ),
        "documents": Table(  # content someone wrote: only a mention
            "documents",
            md,
            Column("id", Integer, primary_key=True),
            Column("author_id", ForeignKey("users.id", ondelete="SET NULL")),
            Column("text", String),
        ),
        "comments": Table(  # under a document, not the person's: never reached
            "comments",
            md,
            Column("id", Integer, primary_key=True),
            Column("document_id", ForeignKey("documents.id", ondelete="CASCADE")),
            Column("text", String),
        ),
        "log": Table(
            "log",
            md,
            Column("id", Integer, primary_key=True),
            Column("actor_tg_id", BigInteger),
            Column("what", String),
        ),
    }
    return md, t


async def test_the_walk_follows_owning_keys_at_any_depth_and_only_mentions_the_rest() -> None:
    md, t = small_schema()
    engine = create_async_engine("sqlite+aiosqlite://")
    event.listen(engine.sync_engine, "connect", lambda conn, _: conn.execute("PRAGMA foreign_keys=ON"))
    async with engine.begin() as conn:
        await conn.run_sync(md.create_all)
        await conn.execute(
            insert(t["users"]),
            [{"id": 1, "tg_id": 11, "name": "me"}, {"id": 2, "tg_id": 22, "name": "other"}],
        )
        await conn.execute(
            insert(t["notes"]),
            [
                {"id": 10, "user_id": 1, "body": "mine", "blob": b"\x00\x01\x02"},
                {"id": 9, "user_id": 1, "body": "mine too", "blob": None},
                {"id": 20, "user_id": 2, "body": "theirs", "blob": None},
            ],
        )
        await conn.execute(insert(t["note_tags"]), [{"note_id": 10, "tag": "a"}, {"note_id": 20, "tag": "b"}])
        await conn.execute(insert(t["documents"]), [{"id": 5, "author_id": 1, "text": "CONTENT"}])
        await conn.execute(insert(t["comments"]), [{"id": 6, "document_id": 5, "text": "SOMEONE ELSE"}])
        await conn.execute(insert(t["log"]), [{"id": 7, "actor_tg_id": 11, "what": "granted"}])
    async with AsyncSession(engine) as session:
        data = await PersonalDataRepo(session, md).collect(1)
        assert await PersonalDataRepo(session, md).collect(3) is None
    await engine.dispose()

    assert data is not None
    assert data.user == {"id": 1, "tg_id": 11, "name": "me"}
    assert [r["id"] for r in data.tables["notes"]] == [9, 10]
    assert data.tables["note_tags"] == [{"note_id": 10, "tag": "a"}]
    assert set(data.tables) == {"notes", "note_tags"}
    assert data.mentions == {"documents": [{"id": 5, "author_id": 1}], "log": [{"id": 7, "actor_tg_id": 11}]}
    assert jsonable(data.tables["notes"][1])["blob"] == {"bytes": 3}


def test_jsonable_values() -> None:
    moment = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
    assert jsonable({"at": moment, "on": date(2026, 1, 2), "n": float("nan"), "s": {3}, "b": b"xy"}) == {
        "at": "2026-11-23T09:30:00+00:00",
        "on": "2026-01-02",
        "n": None,
        "s": [3],
        "b": {"bytes": 2},
    }

"""Anonymity that holds in the database itself, and scope that holds for survey staff.

Anonymous answers wait with no person, no time and a random id, and a periodic job releases them
into the results in shuffled batches, in transactions that touch no invite: on PostgreSQL no
answer shares `xmin` with an invite, ids follow no submission order, nothing is finer than the
wave. Results — on screen and in the XLSX — only for a wave with at least five answers. User ids
are never reused (SQLite AUTOINCREMENT), so a newcomer inherits nothing of a deleted person.
Municipal staff reach only their municipality's campaigns."""

from __future__ import annotations

import asyncio
import io
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import Date, DateTime, func, select, text
from sqlalchemy.engine import make_url

import bot.jobs
from bot.callbacks import SurveyStaffCD
from bot.services import surveys as survey_service
from storage.db import create_engine
from storage.migrate import upgrade
from storage.models import (
    Escalation,
    Municipality,
    SurveyCampaign,
    SurveyInvite,
    SurveyPending,
    SurveyResponse,
    SurveyWave,
    User,
    UserRole,
)
from tests.conftest import ADMIN_ID, BotEnv
from tests.fakes import TgUser
from tests.flows import (
    DbSnapshots,
    db_changes,
    got,
    last_answer,
    launch,
    open_section,
    register,
    settle,
    staff_user,
)

WELLBEING = "Как вы себя чувствуете?"
SURNAMES = ("Антонова", "Борисова", "Васильева", "Григорьева", "Дмитриева")


async def answer_wellbeing(person: TgUser, energy: int) -> None:
    message = got(person, "Опрос: " + WELLBEING)[-1]
    await person.click("▶️ Начать / продолжить", message=message)
    await person.click(str(energy))
    await person.click("Чаще да")
    await person.click("Да")
    await person.click("Да")
    await person.click("Пропустить")
    await person.click("✅ Отправить ответы")
    assert "Спасибо" in person.last_message.text  # thanked at once, whatever the batch
    assert "без имени" in person.last_message.text


async def table_rows(env: BotEnv, model: Any) -> list[Any]:
    async with env.repos() as repos:
        return list((await repos.session.scalars(select(model))).all())


async def xmins(env: BotEnv, table: str, where: str = "") -> list[str]:
    async with env.repos() as repos:
        rows = await repos.session.execute(text(f"SELECT xmin::text FROM {table} {where}"))
        return [str(r[0]) for r in rows.all()]


def postgres(env: BotEnv) -> bool:
    return env.settings.database_url.startswith("postgresql")


async def test_anonymous_answers_share_no_transaction_order_or_time_with_invites(env_all: BotEnv) -> None:
    env = env_all
    staff = await staff_user(env)
    people = []
    for n in range(5):
        person = env.user(7101 + n, first_name=f"Учитель{n}")
        await register(person, name=f"{SURNAMES[n]} Анна Сергеевна", experience="10", birth_year="1980")
        people.append(person)
    await launch(staff, "Как вы себя чувствуете?", "🚀 Сейчас, один раз", days="3 дня")
    env.clock.now = datetime(2026, 11, 23, 9, 5, tzinfo=UTC)
    assert await bot.jobs.survey_waves() == 0  # the wave opened at the launch
    await settle(env)

    # Four answers: each person is thanked and counted at once, the answers wait unreleased.
    for n, person in enumerate(people[:4]):
        await answer_wellbeing(person, n + 1)
        assert await bot.jobs.survey_release() == 0
    assert await table_rows(env, SurveyResponse) == []
    assert len(await table_rows(env, SurveyPending)) == 4
    done = [i for i in await table_rows(env, SurveyInvite) if i.status == "done"]
    assert len(done) == 4
    assert all(i.draft == {} and i.done_at is None and i.started_at is None for i in done)
    await open_section(staff, "📋 Мониторинг и анкетирование")
    await staff.click("🟢 " + WELLBEING)
    assert "разовая волна: 4 из 6" in staff.last_message.text
    await staff.click("📊 Итоги")
    assert "Ответов пока нет" in staff.last_message.text and "4 ответа ждут" in staff.last_message.text

    # The fifth: the job releases the five at once, in a transaction of its own.
    await answer_wellbeing(people[4], 5)
    assert await bot.jobs.survey_release() == 5
    assert await table_rows(env, SurveyPending) == []
    responses = await table_rows(env, SurveyResponse)
    assert sorted(r.answers["energy"] for r in responses) == [1, 2, 3, 4, 5]
    assert all(r.user_id is None and r.submitted_on is None for r in responses)
    # No column links: a waiting answer knows only its wave; a released one names nobody.
    assert {c.name for c in SurveyPending.__table__.columns} == {"id", "wave_id", "answers"}
    # Nothing finer than the wave: the tables of answers have no moment at all.
    for model in (SurveyResponse, SurveyPending):
        times = [c.name for c in model.__table__.columns if isinstance(c.type, DateTime | Date)]
        assert times in ([], ["submitted_on"]), times
    if postgres(env):
        answers = set(await xmins(env, "survey_responses"))
        assert len(answers) == 1  # one batch, one transaction
        assert answers.isdisjoint(await xmins(env, "survey_invites"))
        assert answers.isdisjoint(await xmins(env, "users"))
    await staff.click("⬅️ К опросу")
    await staff.click("📊 Итоги")
    assert "Почти нет" in staff.last_message.text and "ответили: 5" in staff.last_message.text
    assert "ждут" not in staff.last_message.text


async def anonymous_wave(env: BotEnv, closes: datetime, period: str = "once", **fields: Any) -> int:
    """An active anonymous campaign (the well-being template) and one wave of it."""
    template = survey_service.load_templates().found["wellbeing"]
    now = env.clock()
    async with env.repos() as repos:
        campaign_id = fields.pop("campaign_id", None)
        if campaign_id is None:
            values: dict[str, Any] = {
                "template_id": template.id,
                "template_version": template.version,
                "template": template.model_dump(mode="json"),
                "title": "Самочувствие",
                "anonymous": True,
                "audience": {},
                "recurrence": "once" if period == "once" else "monthly",
                "starts_at": now,
                "open_days": 3,
                "status": "active",
                "created_by_id": None,
                "scope_municipality_id": None,
            }
            values.update(fields)
            campaign_id = (await repos.surveys.create(**values)).id
        wave = await repos.surveys.open_wave(campaign_id, period, opens_at=now, closes_at=closes, now=now)
        assert wave is not None
        await repos.commit()
        return wave.id


async def test_released_batches_are_shuffled_claimed_once_and_sealed_at_close(env_all: BotEnv) -> None:
    env = env_all
    wave_id = await anonymous_wave(env, env.clock() + timedelta(days=3))
    for n in range(40):  # each submission its own transaction, as in the bot
        async with env.repos() as repos:
            await repos.surveys.add_pending(wave_id, {"energy": 1 + n % 5, "n": n})
            await repos.commit()
    # Two processes at once: every answer released exactly once.
    assert sum(await asyncio.gather(bot.jobs.survey_release(), bot.jobs.survey_release())) == 40
    by_id = sorted(await table_rows(env, SurveyResponse), key=lambda r: r.id)
    order = [r.answers["n"] for r in by_id]
    assert sorted(order) == list(range(40)) and order != list(range(40))
    if postgres(env):
        assert len(set(await xmins(env, "survey_responses"))) == 1

    # Fewer than a batch wait while the wave is open …
    for n in range(40, 43):
        async with env.repos() as repos:
            await repos.surveys.add_pending(wave_id, {"energy": 3, "n": n})
            await repos.commit()
    assert await bot.jobs.survey_release() == 0
    assert len(await table_rows(env, SurveyPending)) == 3
    # … and go when it has closed, with the whole wave written again as one shuffled batch.
    env.clock.now += timedelta(days=3, minutes=1)
    assert await bot.jobs.survey_release() == 3
    assert await bot.jobs.survey_release() == 0  # sealed: nothing more to do
    by_id = sorted(await table_rows(env, SurveyResponse), key=lambda r: r.id)
    sealed = [r.answers["n"] for r in by_id]
    assert sorted(sealed) == list(range(43)) and sealed[:40] != order  # all shuffled once more
    assert (await table_rows(env, SurveyWave))[0].sealed
    assert await table_rows(env, SurveyPending) == []
    if postgres(env):
        assert len(set(await xmins(env, "survey_responses"))) == 1


async def results_staff(env: BotEnv) -> TgUser:
    staff = await staff_user(env)
    await staff.send("/menu")
    return staff


async def test_results_need_five_answers_per_wave_on_screen_and_in_the_file(env: BotEnv) -> None:
    staff = await results_staff(env)
    now = env.clock()
    october = await anonymous_wave(env, now - timedelta(days=30), period="2026-10", recurrence="monthly")
    async with env.repos() as repos:
        campaign_id = (await repos.surveys.wave(october)).campaign_id
    november = await anonymous_wave(env, now + timedelta(days=3), period="2026-11", campaign_id=campaign_id)
    async with env.repos() as repos:
        await repos.surveys.add_unnamed(october, [{"energy": e, "joy": "often"} for e in (1, 2, 3, 4, 5)])
        await repos.surveys.add_unnamed(november, [{"energy": 5, "joy": "rarely"}] * 4)
        await repos.commit()

    await open_section(staff, "📋 Мониторинг и анкетирование")
    await staff.click("🟢 Самочувствие")
    await staff.click("📊 Итоги")
    assert "2026-11" in staff.last_message.text and "не меньше 5" in staff.last_message.text
    assert "Почти нет" not in staff.last_message.text  # four answers: nothing shown
    await staff.click("📅 2026-10")
    assert "ответили: 5" in staff.last_message.text and "Чаще да — 5 (100%)" in staff.last_message.text

    await staff.click("📥 Ответы в Excel")
    assert "Не вошли 4 ответа" in staff.last_message.caption
    book = load_workbook(io.BytesIO(staff.last_message.document), read_only=True)
    rows = list(book["Ответы"].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["2026-10"] * 5
    counted = {
        r[2]: r[3] for r in book["Итоги"].iter_rows(values_only=True) if r[2] in ("Почти нет", "Чаще да")
    }
    assert counted == {"Почти нет": 0, "Чаще да": 5}  # November's four are not in the summary either
    waves = {r[0]: r for r in book["Волны"].iter_rows(min_row=2, values_only=True)}
    assert waves["2026-10"][6] == 5 and waves["2026-11"][6] == 0

    # A campaign whose only wave has four answers: no file at all.
    lonely = await anonymous_wave(env, now + timedelta(days=3), title="Настроение")
    async with env.repos() as repos:
        await repos.surveys.add_unnamed(lonely, [{"energy": 2}] * 4)
        await repos.commit()
    files = len([m for m in staff.messages if m.document is not None])
    await open_section(staff, "📋 Мониторинг и анкетирование")
    await staff.click("🟢 Настроение")
    await staff.click("📥 Ответы в Excel")
    assert "не меньше 5" in last_answer(env)
    assert len([m for m in staff.messages if m.document is not None]) == files


# --- ids never reused --------------------------------------------------------------------------------


async def test_a_newcomer_never_gets_a_deleted_persons_id_code_or_flags(env_all: BotEnv) -> None:
    env = env_all
    await staff_user(env)
    anna = env.user(7301, first_name="Анна")
    await register(anna, name="Первова Анна Игоревна")  # a young specialist (born 1998)
    async with env.repos() as repos:
        found = await repos.users.by_tg_id(7301)
        assert found is not None
        anna_id = found.id
    # A week unpaired: staff are told about her once (an escalation keyed by her id).
    env.clock.now += timedelta(days=8)
    await bot.jobs.mentoring_sweep()
    assert [e.subject_id for e in await table_rows(env, Escalation)] == [anna_id]
    await anna.send("/mydata")
    await anna.click("🗑 Удалить мои данные")
    await anna.click("🗑 Да, удалить")
    assert anna_id not in [u.id for u in await table_rows(env, User)]

    boris = env.user(7302, first_name="Борис")
    await register(boris, name="Вторый Борис Ильич")
    async with env.repos() as repos:
        found = await repos.users.by_tg_id(7302)
        assert found is not None
        boris_id = found.id
    assert boris_id != anna_id
    # He is a young specialist unpaired for a week too: staff hear about him as well.
    env.clock.now += timedelta(days=8)
    await bot.jobs.mentoring_sweep()
    assert boris_id in [e.subject_id for e in await table_rows(env, Escalation)]


async def test_rebuilding_users_keeps_every_row_that_points_at_them(tmp_path: Path) -> None:
    """The SQLite migration rebuilds `users` (for AUTOINCREMENT) with foreign keys off: with them
    on, dropping the old table would have cascaded into every table pointing at users."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    try:
        await upgrade(engine, "0007_report_indexes")
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO users (id, tg_id, consent_at, consent_version, share_results, digest_off)"
                    " VALUES (1, 11, '2026-01-01', '1', 0, 0), (2, 22, '2026-01-01', '1', 0, 0)"
                )
            )
            await conn.execute(
                text("INSERT INTO user_roles (user_id, role) VALUES (1, 'teacher'), (2, 'staff')")
            )
        await upgrade(engine)
        async with engine.begin() as conn:
            assert await conn.scalar(select(func.count()).select_from(UserRole.__table__)) == 2
            assert await conn.scalar(text("PRAGMA foreign_keys")) == 1
            schema = await conn.scalar(text("SELECT sql FROM sqlite_master WHERE name = 'users'"))
            assert "AUTOINCREMENT" in str(schema)
            await conn.execute(text("DELETE FROM users WHERE id = 2"))
            assert await conn.scalar(select(func.count()).select_from(UserRole.__table__)) == 1  # cascades
            await conn.execute(
                text(
                    "INSERT INTO users (tg_id, consent_at, consent_version, share_results, digest_off)"
                    " VALUES (33, '2026-01-01', '1', 0, 0)"
                )
            )
            assert await conn.scalar(text("SELECT id FROM users WHERE tg_id = 33")) == 3
    finally:
        await engine.dispose()


# --- survey staff scope -----------------------------------------------------------------------------


async def municipal_staff(env: BotEnv, tg_id: int, municipality: str, school: str) -> TgUser:
    admin = env.user(ADMIN_ID)
    await admin.send("/invite")
    await admin.click("сотрудник методической службы")
    await admin.click(municipality)
    await admin.click("1 человек")
    await admin.click("7 дней")
    match = re.search(r"start=(i-[\w-]+)", admin.last_message.text)
    assert match, admin.last_message.text
    person = env.user(tg_id)
    await register(
        person,
        start=f"/start {match.group(1)}",
        name=f"{'Буйская' if tg_id % 2 else 'Костромская'} Елена Ивановна",
        municipality=municipality,
        school=school,
        experience="15",
        birth_year="1979",
    )
    return person


async def test_municipal_staff_reach_only_their_municipalitys_campaigns(env: BotEnv) -> None:
    regional = await staff_user(env)
    buy = await municipal_staff(env, 7401, "г. Буй", "СОШ № 2")
    kostroma = await municipal_staff(env, 7402, "г. Кострома", "Гимназия № 15")
    async with env.repos() as repos:
        buy_id = await repos.session.scalar(select(Municipality.id).where(Municipality.name == "г. Буй"))
    # A campaign of Буй's service (its municipality is its creator's scope), running, with a
    # wave of five answers; and a draft of theirs.
    wave = await anonymous_wave(
        env,
        env.clock() + timedelta(days=3),
        period="2026-11",
        recurrence="monthly",
        scope_municipality_id=buy_id,
    )
    async with env.repos() as repos:
        await repos.surveys.add_unnamed(wave, [{"energy": 3}] * 5)
        campaign_id = (await repos.surveys.wave(wave)).campaign_id
        draft = await repos.surveys.create(
            template_id="wellbeing",
            template_version=1,
            template=survey_service.load_templates().found["wellbeing"].model_dump(mode="json"),
            title="Черновик Буя",
            anonymous=True,
            audience={"municipalities": [buy_id]},
            recurrence="once",
            starts_at=env.clock(),
            open_days=3,
            status="draft",
            created_by_id=None,
            scope_municipality_id=buy_id,
        )
        draft_id = draft.id
        await repos.commit()

    # Kostroma's service: not in the list, not on the schedule screen, every forged button refused.
    await open_section(kostroma, "📋 Мониторинг и анкетирование")
    assert not any("Самочувствие" in b for b in kostroma.buttons())
    await open_section(kostroma, "⏰ Расписание рассылок")
    assert "Самочувствие" not in kostroma.last_message.text
    url = make_url(env.settings.database_url)
    snapshots = DbSnapshots(Path(str(url.database)))
    try:
        before = snapshots.take()
        forged = [
            SurveyStaffCD(action=a, c=campaign_id) for a in ("card", "res", "xlsx", "stop", "stop_yes")
        ] + [
            SurveyStaffCD(action="res", c=campaign_id, v=str(wave)),
            SurveyStaffCD(action="audience", c=draft_id),
            SurveyStaffCD(action="aud", c=draft_id, v="municipalities"),
            SurveyStaffCD(action="preview", c=draft_id),
            SurveyStaffCD(action="when", c=draft_id, v="monthly"),
            SurveyStaffCD(action="days", c=draft_id, v="14"),
            SurveyStaffCD(action="anon", c=draft_id),
            SurveyStaffCD(action="launch", c=draft_id),
            SurveyStaffCD(action="drop", c=draft_id),
            SurveyStaffCD(action="card", c=draft_id),
        ]
        documents = len([m for m in kostroma.messages if m.document is not None])
        for data in forged:
            await kostroma.click_data(data.pack())
            assert "не найден или вам недоступен" in last_answer(env), data
            assert db_changes(before, snapshots.take()) == [], data
        assert len([m for m in kostroma.messages if m.document is not None]) == documents
    finally:
        snapshots.close()
    async with env.repos() as repos:
        campaign = await repos.session.get(SurveyCampaign, campaign_id)
        assert campaign is not None and campaign.status == "active"

    # Буй's own service, the regional staff and the admin reach it.
    for person in (buy, regional, env.user(ADMIN_ID)):
        await open_section(person, "📋 Мониторинг и анкетирование")
        await person.click("🟢 Самочувствие")
        await person.click("📊 Итоги")
        assert "ответили: 5" in person.last_message.text

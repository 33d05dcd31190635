"""Part 9, things that happen when promised: a survey launched «now» reaches teachers within seconds
(its wave opens at the launch, claimed once however many processes run the wave job); a used,
expired or unknown invite link is reported when opened; invite links come with a share button; the
start-up notice to an admin who has not opened the bot yet waits until they write; a tap that
changes nothing gets a short note."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import func, select

import bot.jobs
from bot.delivery import OutboxNotifier
from bot.domain.outbox import OutboxStatus
from bot.services.notices import SampleDirectoryLoaded
from storage.models import OutboxMessage, SurveyWave
from storage.repositories import Repos
from tests.conftest import ADMIN_ID, BotEnv
from tests.flows import (
    create_invite,
    got,
    last_answer,
    launch,
    open_section,
    register,
    services_of,
    settle,
    staff_user,
)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


# --- «🚀 Сейчас, один раз» ------------------------------------------------------------------------------


async def test_a_survey_launched_now_reaches_the_teacher_without_the_wave_job(env_all: BotEnv) -> None:
    env = env_all
    staff = await staff_user(env)
    anna = env.user(19201, first_name="Анна")
    await register(anna, name="Учителева Анна Сергеевна", experience="10", birth_year="1980")
    await launch(staff, "Профессиональные потребности и запросы", "🚀 Сейчас, один раз")
    said = env.fake.requests_for("answerCallbackQuery")[-1].params["text"]
    card = staff.last_message.text
    # No run of the wave job: the outbox alone delivers the invitation.
    await settle(env)
    assert len(got(anna, "Опрос: Профессиональные потребности")) == 1
    assert "приглашения уже отправляются" in said
    assert "Волны" in card  # the card shows the wave opened
    # The job's next run finds the wave open: nothing twice.
    assert await bot.jobs.survey_waves() == 0
    await settle(env)
    assert len(got(anna, "Опрос: Профессиональные потребности")) == 1
    async with env.repos() as repos:
        assert await repos.session.scalar(select(func.count()).select_from(SurveyWave)) == 1


async def test_a_due_wave_is_opened_once_when_two_processes_race_for_it(env_all: BotEnv) -> None:
    """A campaign on a date: at that moment two wave jobs (two processes) open its wave at once —
    one of them invites, the other finds it claimed."""
    env = env_all
    staff = await staff_user(env)
    anna = env.user(19202, first_name="Анна")
    await register(anna, name="Учителева Анна Сергеевна", experience="10", birth_year="1980")
    await open_section(staff, "📋 Мониторинг и анкетирование")
    await staff.click("➕ Новый опрос")
    await staff.click("Профессиональные потребности и запросы")
    await staff.click("Дальше ➡️")
    await staff.click("📅 Один раз, в другой день…")
    await staff.send("24.11.2026 12:00")
    await staff.click("7 дней")
    await staff.click("🚀 Запустить")
    assert "уйдут к началу первой волны" in env.fake.requests_for("answerCallbackQuery")[-1].params["text"]
    await settle(env)
    assert got(anna, "Опрос: Профессиональные") == []
    env.clock.now = utc(2026, 11, 24, 9, 1)
    assert env.app is not None
    app = env.app

    async def one_process() -> int:
        async with app.sessionmaker() as session:
            repos = Repos(session)
            opened = await services_of(env, repos).surveys.open_waves()
            await repos.commit()
        return sum(o.invited for o in opened)

    results = await asyncio.gather(one_process(), one_process())
    assert sorted(results) == [0, 2]  # the teacher and the staff member, once
    await settle(env)
    assert len(got(anna, "Опрос: Профессиональные потребности")) == 1


# --- an invite link that cannot work, said when it is opened -----------------------------------------


async def test_a_used_invite_is_reported_when_opened_and_registration_goes_on(env: BotEnv) -> None:
    payload = await create_invite(env, "наставник")
    olga = env.user(19211, first_name="Ольга")
    await register(
        olga, start=f"/start {payload}", name="Орлова Ольга Сергеевна", experience="15", birth_year="1980"
    )
    assert "выдана роль «наставник»" in olga.last_messages(2)[0].text  # a valid link works as before

    pavel = env.user(19212, first_name="Павел")
    await pavel.send(f"/start {payload}")
    note, consent = pavel.last_messages(2)
    assert "получили все" in note.text and "Попросите новое" in note.text
    assert "без приглашения" in note.text and "новую ссылку" in note.text  # the way on
    assert "✅ Даю согласие" in pavel.buttons(consent)
    await register(pavel, name="Петров Павел Ильич", start="/start")
    done = pavel.last_messages(2)[0].text
    assert "Готово" in done or "зарегистр" in done.lower()
    assert "получили все" not in done  # not said a second time after the registration
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(19212)
        assert user is not None and [r.role.value for r in user.roles] == ["teacher"]


async def test_an_expired_or_unknown_invite_is_reported_before_registering(env: BotEnv) -> None:
    payload = await create_invite(env, "методист", days="1 день")
    env.clock.advance(days=2)
    nina = env.user(19213, first_name="Нина")
    await nina.send(f"/start {payload}")
    assert "Срок действия приглашения истёк" in nina.last_messages(2)[0].text
    # Halfway through registering, another link: an unknown one is said at once, the step resumes.
    await nina.click("✅ Даю согласие")
    await nina.send("/start i-no-such-code")
    note, step = nina.last_messages(2)
    assert "не найдена" in note.text and "продолжайте ниже" in note.text
    assert "кем вы работаете" in step.text.lower()


# --- invite links with a share button ---------------------------------------------------------------


def shared(button: dict[str, object]) -> tuple[str, str]:
    """The link and the text a Telegram share button forwards (t.me/share/url)."""
    url = str(button["url"])
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "t.me", "/share/url"), url
    assert " " not in url and "\n" not in url  # percent-encoded, as a button's URL must be
    query = parse_qs(parts.query)
    return query["url"][0], query["text"][0]


async def test_an_invite_link_comes_with_a_share_button(env: BotEnv) -> None:
    payload = await create_invite(env, "наставник")
    admin = env.user(ADMIN_ID)
    screen = admin.last_message
    link = f"https://t.me/metodist_test_bot?start={payload}"
    assert link in screen.text
    url, text = shared(admin.button("📤 Переслать ссылку", message=screen))
    assert url == link and "«наставник»" in text
    assert "callback_data" not in admin.button("📤 Переслать ссылку", message=screen)

    await create_invite(env, "методист", uses="5 человек")
    await admin.click("📨 Действующие приглашения")
    listing = admin.last_message
    assert admin.buttons(listing)[:4] == [
        "📤 Переслать № 1",
        "✖️ Отозвать № 1",
        "📤 Переслать № 2",
        "✖️ Отозвать № 2",
    ]
    first, _ = shared(admin.button("📤 Переслать № 1", message=listing))
    second, second_text = shared(admin.button("📤 Переслать № 2", message=listing))
    assert first != second and first in listing.text and second == link and "«наставник»" in second_text


# --- the start-up notice to an admin who has not opened the bot yet ------------------------------------


async def test_the_start_notice_waits_for_an_admin_who_has_not_written_yet(env_with_held: BotEnv) -> None:
    env = env_with_held
    assert env.app is not None and env.app.sample_loaded  # the directory was empty at the start
    async with env.repos() as repos:
        (row,) = (await repos.session.scalars(select(OutboxMessage))).all()
        assert row.chat_id == ADMIN_ID and row.status == OutboxStatus.HELD
        assert "Справочник школ был пуст" in (row.text or "")
        # Never taken by the outbox while held, however late it is.
        assert await repos.outbox.claim(utc(2030, 1, 1), 100) == []
        await repos.rollback()
    await settle(env)
    assert env.fake.bot_messages(ADMIN_ID) == []
    assert [r for r in env.fake.error_responses() if r.method.lower() == "sendmessage"] == []

    # A teacher writing releases nothing of the admin's.
    anna = env.user(19231, first_name="Анна")
    await anna.send("/start")
    await settle(env)
    assert env.fake.bot_messages(ADMIN_ID) == []

    admin = env.user(ADMIN_ID, first_name="Админ")
    await admin.send("/start")
    await settle(env)
    notices = got(admin, "Справочник школ был пуст")
    assert len(notices) == 1
    assert "✅ Даю согласие" in admin.buttons(admin.messages[0])  # the answer to /start comes first
    async with env.repos() as repos:
        (row,) = (await repos.session.scalars(select(OutboxMessage))).all()
        assert row.status == OutboxStatus.SENT
    # Sent once: neither the next message nor a restart brings it again.
    await admin.click("✅ Даю согласие")
    await env.restart()
    await admin.send("/menu")
    await settle(env)
    assert len(got(admin, "Справочник школ был пуст")) == 1


async def test_a_notice_held_for_someone_who_blocked_the_bot_goes_when_they_are_back(env: BotEnv) -> None:
    anna = env.user(19232, first_name="Анна")
    await register(anna, name="Учителева Анна Сергеевна")
    assert env.app is not None
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(anna.id)
        assert user is not None
        await repos.users.update(user, unreachable_at=env.clock())
        notifier = OutboxNotifier(repos.outbox, env.app.i18n, env.clock, None)
        await notifier.hold(anna.id, SampleDirectoryLoaded(12, 48), to=user)
        await repos.commit()
    await settle(env)
    assert got(anna, "Справочник школ был пуст") == []
    await anna.send("/menu")
    await settle(env)
    assert len(got(anna, "Справочник школ был пуст")) == 1
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(anna.id)
        (row,) = (await repos.session.scalars(select(OutboxMessage))).all()
    assert user is not None and user.unreachable_at is None
    assert row.status == OutboxStatus.SENT and row.user_id == user.id


# --- a tap that changes nothing gets a word, not a failing edit ----------------------------------------


def not_modified(env: BotEnv) -> list[str]:
    return [str(r) for r in env.fake.error_responses() if "not modified" in str(r)]


async def test_the_same_language_again_is_named_in_a_note(env_all: BotEnv) -> None:
    env = env_all
    anna = env.user(19241, first_name="Анна")
    await register(anna, name="Учителева Анна Сергеевна")
    await anna.send("/language")
    screen = anna.last_message
    await anna.click("✅ Русский")
    assert last_answer(env) == "Язык уже русский."
    assert screen.edit_count == 0 and anna.last_message is screen
    await anna.click("English")
    await anna.click("✅ English")
    assert last_answer(env) == "The language is already English."
    assert not_modified(env) == [] and env.fake.error_responses() == []


async def test_a_refresh_with_nothing_new_says_so(env: BotEnv) -> None:
    staff = await staff_user(env)
    await open_section(staff, "⏰ Расписание рассылок")
    screen = staff.last_message
    edits = screen.edit_count
    await staff.click("🔄 Обновить")
    assert last_answer(env) == "Нового пока нет — всё как было."
    assert screen.edit_count == edits and staff.last_message is screen
    # Something new meanwhile (a survey waits for its first wave): the refresh shows it.
    await launch(staff, "Профессиональные потребности и запросы", "🔁 Каждый месяц, 1-го числа в 10:00")
    await staff.click("🔄 Обновить", message=screen)
    assert "Профессиональные потребности и запросы — 01.12.2026" in screen.text
    assert last_answer(env) != "Нового пока нет — всё как было."
    await staff.click("🔄 Обновить", message=screen)
    assert last_answer(env) == "Нового пока нет — всё как было."
    assert not_modified(env) == [] and env.fake.error_responses() == []


async def test_the_page_label_of_a_list_answers_with_how_to_turn_pages(env: BotEnv) -> None:
    user = env.user(19242)
    await user.send("/start")
    await user.click("✅ Даю согласие")
    await user.click("👩‍🏫 Педагог")
    await user.send("Кузнецова Анна")
    await user.click("г. Кострома")
    screen = user.last_message
    text = screen.text
    await user.click("1 из 3")
    assert last_answer(env) == "Это номер страницы. Листайте кнопками со стрелками рядом."
    assert screen.text == text and user.last_message is screen
    assert not_modified(env) == [] and env.fake.error_responses() == []

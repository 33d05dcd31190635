"""Registration end to end through the fake Bot API, on every configured backend."""

from __future__ import annotations

from bot.domain.roles import Role
from tests.conftest import BotEnv


async def test_teacher_registers_and_sees_young_specialist(env_all: BotEnv) -> None:
    user = env_all.user(501, first_name="Мария")
    await user.send("/start")
    assert "Методист" in user.last_message.text
    assert "Согласие на обработку персональных данных" in user.last_message.text
    # Nothing is stored before consent.
    async with env_all.repos() as repos:
        assert await repos.users.by_tg_id(501) is None

    await user.click("Даю согласие")
    assert "Как вас зовут" in user.last_message.text
    await user.send("Иванова")
    assert "и фамилию, и имя" in user.last_message.text
    await user.send("Иванова <b>Мария</b>")
    assert "только буквы" in user.last_message.text
    await user.send("Иванова Мария Петровна")
    assert "муниципалитете" in user.last_message.text
    await user.click("г. Кострома")
    assert "Выберите вашу школу" in user.last_message.text
    await user.send("гимназия")
    assert "Нашёл по запросу «гимназия»" in user.last_message.text
    await user.click("Гимназия № 15")
    assert "должность" in user.last_message.text
    await user.click("Учитель")
    await user.click("Готово")  # nothing chosen yet: an alert, the screen stays
    assert "предметы" in user.last_message.text
    await user.click("Математика")
    await user.click("Информатика")
    assert "✅ Математика" in user.buttons()
    await user.click("Готово (2)")
    await user.send("два года")
    assert "одно число" in user.last_message.text
    await user.send("2")
    await user.send("1890")
    assert "Год рождения" in user.last_message.text
    await user.send("1998")
    await user.click("Первая")

    done = user.last_messages(2)[0].text
    assert "вы зарегистрированы" in done
    assert "Иванова Мария Петровна" in done
    assert "Гимназия № 15" in done
    assert "Математика, Информатика" in done
    assert "молодой специалист" in done
    assert "Здравствуйте, Мария" in user.last_message.text

    async with env_all.repos() as repos:
        stored = await repos.users.by_tg_id(501)
        assert stored is not None and stored.registered_at is not None
        assert stored.full_name == "Иванова Мария Петровна"
        assert stored.experience_years == 2 and stored.birth_year == 1998 and stored.category == "first"
        assert sorted(s.subject for s in stored.subjects) == ["informatics", "math"]
        assert [r.role for r in stored.roles] == [Role.TEACHER]


async def test_back_button_returns_to_previous_step(env: BotEnv) -> None:
    user = env.user(502)
    await user.send("/start")
    await user.click("Даю согласие")
    await user.send("Петров Пётр")
    await user.click("г. Буй")
    await user.click("Назад")
    assert "муниципалитете" in user.last_message.text
    await user.click("г. Галич")
    assert "г. Галич" in user.last_message.text
    await user.click("Лицей № 3")
    await user.click("Назад")
    assert "школу" in user.last_message.text


async def test_decline_consent_stores_nothing(env: BotEnv) -> None:
    user = env.user(503)
    await user.send("/start")
    await user.click("Не даю согласия")
    assert "ничего о вас не сохранил" in user.last_message.text
    async with env.repos() as repos:
        assert await repos.users.by_tg_id(503) is None
    await user.click("Всё-таки дать согласие")
    assert "Согласие" in user.last_message.text


async def test_school_not_in_list_records_a_request(env: BotEnv) -> None:
    user = env.user(504)
    await user.send("/start")
    await user.click("Даю согласие")
    await user.send("Смирнова Ольга")
    await user.click("Вохомский район")
    await user.click("Моей школы нет в списке")
    await user.send("МОУ «Бельковская ООШ»")
    assert "должность" in user.last_message.text
    await user.click("Педагог-психолог")
    await user.click("Не веду предметы")
    await user.send("10")
    await user.send("1980")
    await user.click("Высшая")
    assert "ждёт добавления в справочник" in user.last_messages(2)[0].text
    assert "&lt;" not in user.last_messages(2)[0].text
    async with env.repos() as repos:
        assert await repos.users.open_school_requests() == 1


async def test_cancel_during_registration(env: BotEnv) -> None:
    user = env.user(505)
    await user.send("/start")
    await user.click("Даю согласие")
    await user.send("/cancel")
    assert "Регистрация остановлена" in user.last_message.text
    await user.click("Зарегистрироваться")
    assert "Как вас зовут" in user.last_message.text


async def test_restart_in_the_middle_of_registration(env_all: BotEnv) -> None:
    user = env_all.user(506, first_name="Олег")
    await user.send("/start")
    await user.click("Даю согласие")
    await user.send("Сидоров Олег Иванович")
    await user.click("г. Шарья")
    await env_all.restart(crash=True)
    # The same screen still works after the crash: the step and the answers survived.
    await user.click("СОШ № 6")
    await user.click("Учитель")
    await user.click("Физика")
    await user.click("Готово")
    await env_all.restart()
    await user.send("/start")
    assert "Продолжим" in user.last_message.text
    await user.send("1")
    await user.send("2000")
    await user.click("Без категории")
    async with env_all.repos() as repos:
        stored = await repos.users.by_tg_id(506)
        assert stored is not None and stored.registered_at is not None
        assert stored.school is not None and stored.school.short_name == "СОШ № 6"
        assert [s.subject for s in stored.subjects] == ["physics"]


async def test_school_paging(env: BotEnv) -> None:
    user = env.user(507)
    await user.send("/start")
    await user.click("Даю согласие")
    await user.send("Кузнецова Анна")
    await user.click("г. Кострома")
    first_page = user.buttons()
    assert "1 из 3" in first_page
    await user.click("Дальше ▶️")
    assert "2 из 3" in user.buttons()
    assert user.buttons() != first_page
    assert "СОШ № 7" in user.buttons() and "СОШ № 11" in user.buttons()
    await user.click("СОШ № 26")
    assert "должность" in user.last_message.text


async def test_only_the_current_step_keeps_buttons(env: BotEnv) -> None:
    user = env.user(508)
    await user.send("/start")
    await user.click("Даю согласие")
    name_prompt = user.last_message
    await user.send("Иванова")  # wrong: asked again in a new message
    assert name_prompt.reply_markup is None or not name_prompt.reply_markup.get("inline_keyboard")
    second_prompt = user.last_message
    await user.send("Иванова Анна")
    assert not (second_prompt.reply_markup or {}).get("inline_keyboard")
    assert "муниципалитете" in user.last_message.text and user.buttons()


async def test_profile_gone_mid_registration_starts_again_from_consent(env: BotEnv) -> None:
    user = env.user(509)
    await user.send("/start")
    await user.click("Даю согласие")
    await user.send("Егорова Анна")
    async with env.repos() as repos:  # deleted meanwhile (another device, or staff)
        stored = await repos.users.by_tg_id(509)
        assert stored is not None
        await repos.users.delete(stored)
        await repos.commit()
    await user.click("г. Буй")
    assert "Согласие на обработку" in user.last_message.text
    await user.click("Даю согласие")
    assert "Как вас зовут" in user.last_message.text

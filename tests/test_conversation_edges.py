"""What people actually do: stickers, random text, old buttons, double taps, hammering, blocking."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.callbacks import RegAction, RegCD
from tests.conftest import ADMIN_ID, BotEnv, FakeClock, _env
from tests.flows import create_invite, open_section, register, settle


async def test_unexpected_messages_get_an_answer_and_the_menu(env: BotEnv) -> None:
    user = env.user(801)
    await register(user)
    await user.send_sticker()
    assert "понимаю только кнопки и текст" in user.last_message.text
    assert "👤 Профиль" in user.buttons()
    await user.send("привет, что ты умеешь?")
    assert "выберите, пожалуйста, нужное на кнопках" in user.last_message.text.lower()
    await user.send("/foo")
    assert "Такой команды я не знаю" in user.last_message.text
    await user.send_photo()
    assert "понимаю только кнопки и текст" in user.last_message.text


async def test_wrong_content_inside_registration_steps(env: BotEnv) -> None:
    user = env.user(802)
    await user.send("/start")
    await user.send("да")
    assert "выбрать вариант кнопкой" in user.last_message.text
    await user.click("Даю согласие")
    await user.send_sticker()
    assert "написать ответ текстом" in user.last_message.text
    assert "Как вас зовут" in user.last_message.text
    await user.send("Морозова Ирина")
    await user.send_photo()
    assert "выбрать вариант кнопкой" in user.last_message.text


async def test_stale_button_from_an_earlier_step(env: BotEnv) -> None:
    user = env.user(803)
    await user.send("/start")
    await user.click("Даю согласие")
    await user.send("Волкова Елена")
    municipalities = user.last_message
    await user.click("г. Буй")
    await user.click("СОШ № 2")
    # The municipality list was edited into later steps; a forged/old button of that step:
    await user.click_data(RegCD(step="muni", action=RegAction.PICK, value="1").pack(), message=municipalities)
    answer = env.fake.requests_for("answerCallbackQuery")[-1]
    assert "уже не действует" in answer.params.get("text", "")
    assert "должность" in user.last_message.text
    # Garbage callback data (not even ours) is answered too.
    await user.click_data("totally:unknown:data", message=municipalities)
    assert "должность" in user.last_message.text


async def test_double_tap_on_the_same_button_is_harmless(env: BotEnv) -> None:
    user = env.user(804)
    await register(user)
    menu = user.last_message
    await user.click("Помощь", message=menu)
    to_menu = user.button("🏠 В меню", message=menu)["callback_data"]
    await user.click_data(to_menu, message=menu)
    # The second tap of the same button changes nothing: no edit is asked for (Telegram would refuse
    # it, «message is not modified»), the tap gets a short note, the menu stays.
    await user.click_data(to_menu, message=menu)
    assert env.fake.error_responses() == []
    assert env.fake.callbacks[-1].answer == {"text": "Здесь ничего не изменилось."}
    errors = [r for r in env.fake.requests if r.method == "sendMessage" and "пошло не так" in str(r.params)]
    assert not errors
    assert "Чем займёмся" in menu.text


async def test_every_menu_section_answers(env: BotEnv) -> None:
    """No section of the menu is a dead end: each button of a staff member's menu opens its screen."""

    payload = await create_invite(env, "сотрудник методической службы")
    user = env.user(805)
    await register(user, start=f"/start {payload}", experience="12", birth_year="1980")
    await user.send("/menu")
    top = user.buttons()
    seen = {user.last_message.text}
    groups = [b for b in top if user.button(b)["callback_data"].startswith("mg:")]
    labels = [b for b in top if b not in groups]
    for group in groups:
        await user.send("/menu")
        await user.click(group)
        seen.add(user.last_message.text)
        labels += [b for b in user.buttons() if b != "🏠 В меню"]
    wanted = {"📝 Мои опросы", "📋 Мониторинг и анкетирование", "📈 Отчёты и показатели"}
    assert wanted | {"⏰ Расписание рассылок"} <= set(labels)
    for label in labels:
        await open_section(user, label)
        assert user.last_message.text not in seen, label
        answer = env.fake.requests_for("answerCallbackQuery")[-1]
        assert "недоступ" not in answer.params.get("text", ""), label


async def test_language_switch_and_commands_per_locale(env: BotEnv) -> None:
    user = env.user(806)
    await register(user)
    await user.send("/language")
    await user.click("English")
    assert "we speak English" in user.last_message.text
    await user.send("/menu")
    assert "👤 Profile" in user.buttons()
    ru = env.fake.my_commands(language_code="ru")
    en = env.fake.my_commands(language_code="en")
    assert {c["command"] for c in ru} == {c["command"] for c in en} >= {"start", "menu", "profile", "help"}
    assert any(c["description"] == "Главное меню" for c in ru)
    assert any(c["description"] == "Main menu" for c in en)


async def test_english_speaker_gets_english_before_registration(env: BotEnv) -> None:
    user = env.user(807, language_code="en-GB", first_name="John")
    await user.send("/start")
    assert "Consent" in user.last_message.text


async def test_telegram_error_in_a_handler_gives_a_friendly_message(env: BotEnv) -> None:
    user = env.user(808)
    await register(user)
    env.fake.inject_error("sendMessage", user.id, 500, "Internal Server Error")
    await user.send("/help")
    assert "Что-то пошло не так" in user.last_message.text
    assert "🏠 В меню" in user.buttons()
    await user.click("В меню")
    assert "Здравствуйте" in user.last_message.text


async def test_revoked_role_notice_to_a_user_who_blocked_the_bot(env: BotEnv) -> None:

    payload = await create_invite(env, "наставник")
    mentor = env.user(809, first_name="Пётр")
    await register(mentor, start=f"/start {payload}", name="Козлов Пётр", experience="11", birth_year="1982")
    env.fake.block_user(mentor.id)
    admin = env.user(ADMIN_ID)
    await admin.send("/roles")
    await admin.click("Люди с ролями")
    await admin.click("Козлов Пётр — наставник")
    await admin.click("Снять роль «наставник»")
    assert "Роли: педагог" in admin.last_message.text
    await settle(env)
    assert env.fake.requests_for("sendMessage")[-1].outcome != "ok"


@pytest.fixture
async def throttled_env(tmp_path: Path, clock: FakeClock) -> AsyncIterator[BotEnv]:
    async for env in _env(tmp_path, "sqlite", clock, throttle_burst=3, throttle_rate=0.01):
        yield env


async def test_hammering_gets_one_gentle_note(throttled_env: BotEnv) -> None:
    user = throttled_env.user(810)
    for _ in range(3):
        await user.send("/help")
    before = len(user.messages)
    await user.send("/help")
    assert "Я не успеваю за вами" in user.last_message.text
    await user.send("/help")
    await user.send("/help")
    assert len(user.messages) == before + 1  # one note, not a pile
    await user.click("🏠 В меню")  # a throttled button is still answered (the fixture checks it)

"""Viewing and editing the profile field by field; deleting one's data (152-ФЗ)."""

from __future__ import annotations

from bot.callbacks import ProfileAction, ProfileCD
from tests.conftest import BotEnv
from tests.flows import register


async def test_edit_profile_field_by_field(env_all: BotEnv) -> None:
    env = env_all
    user = env.user(601, first_name="Мария")
    await register(user)
    await user.send("/profile")
    assert "Ваш профиль" in user.last_message.text
    assert "молодой специалист" in user.last_message.text

    await user.click("ФИО")
    assert "Как вас зовут" in user.last_message.text
    await user.send("Петрова Мария Ивановна")
    assert "Сохранено" in user.last_message.text
    assert "Петрова Мария Ивановна" in user.last_message.text

    await user.click("Стаж")
    await user.send("12")
    assert "Стаж: 12 лет" in user.last_message.text
    assert "Статус молодого специалиста: нет" in user.last_message.text

    await user.click("Школа")
    await user.click("г. Галич")
    await user.click("Лицей № 3")
    assert "Лицей № 3" in user.last_message.text
    assert "г. Галич" in user.last_message.text

    await user.click("Предметы")
    assert "✅ Математика" in user.buttons()
    await user.click("✅ Математика")
    await user.click("Химия")
    await user.click("Готово")
    assert "Предметы: Химия" in user.last_message.text

    await user.click("Категория")
    await user.click("Высшая")
    assert "Категория: Высшая" in user.last_message.text

    # Back from an edit returns to the profile and changes nothing.
    await user.click("Год рождения")
    await user.click("Назад")
    assert "Год рождения: 1998" in user.last_message.text

    async with env.repos() as repos:
        stored = await repos.users.by_tg_id(601)
        assert stored is not None
        assert stored.full_name == "Петрова Мария Ивановна"
        assert stored.experience_years == 12
        assert stored.school is not None and stored.school.short_name == "Лицей № 3"
        assert [s.subject for s in stored.subjects] == ["chemistry"]
        assert stored.category == "highest"


async def test_edit_rejects_inconsistent_experience(env: BotEnv) -> None:
    user = env.user(602)
    await register(user, birth_year="2000", experience="1")
    await user.send("/profile")
    await user.click("Стаж")
    await user.send("20")
    assert "не сходятся" in user.last_message.text
    await user.send("/cancel")
    assert "ничего не меняю" in user.last_message.text
    async with env.repos() as repos:
        stored = await repos.users.by_tg_id(602)
        assert stored is not None and stored.experience_years == 1


async def test_delete_my_data(env: BotEnv) -> None:
    user = env.user(603)
    await register(user)
    await user.send("/profile")
    await user.click("Удалить мои данные")
    assert "нельзя отменить" in user.last_message.text
    await user.click("Нет, оставить")
    assert "Ваш профиль" in user.last_message.text
    await user.click("Удалить мои данные")
    await user.click("Да, удалить всё")
    confirm = user.last_message
    assert "данные удалены" in confirm.text
    async with env.repos() as repos:
        assert await repos.users.by_tg_id(603) is None
        entries = await repos.audit.recent()
        assert entries and all(e.target_tg_id != 603 for e in entries)
    # The same confirmation pressed again (an old message, another device) says the data is gone.
    await user.click_data(ProfileCD(action=ProfileAction.DELETE_YES).pack(), message=confirm)
    assert "Ваших данных у меня уже нет" in user.last_message.text
    await user.send("/start")
    assert "Согласие" in user.last_message.text


async def test_profile_before_registration_offers_registration(env: BotEnv) -> None:
    user = env.user(604)
    await user.send("/profile")
    assert "нужно зарегистрироваться" in user.last_message.text
    await user.click("Зарегистрироваться")
    assert "Согласие" in user.last_message.text

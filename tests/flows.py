"""Conversation snippets shared by the end-to-end tests."""

from __future__ import annotations

from tests.fakes import TgUser


async def register(
    user: TgUser,
    *,
    name: str = "Иванова Мария Петровна",
    municipality: str = "г. Кострома",
    school: str = "Гимназия № 15",
    position: str = "Учитель",
    subjects: tuple[str, ...] = ("Математика",),
    experience: str = "2",
    birth_year: str = "1998",
    category: str = "Без категории",
    start: str = "/start",
) -> None:
    await user.send(start)
    await user.click("Согласен(на)")
    await user.send(name)
    await user.click(municipality)
    await user.click(school)
    await user.click(position)
    for subject in subjects:
        await user.click(subject)
    await user.click("Готово")
    await user.send(experience)
    await user.send(birth_year)
    await user.click(category)

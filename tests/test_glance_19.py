"""Issue 19, «Screens» at a glance: time zones in words and the chat's own time in the files; button
labels shortened between words; charts shaped for a phone with no label split mid-word; the
diagnosis history names every area."""

from __future__ import annotations

import io
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import openpyxl
from matplotlib.figure import Figure
from matplotlib.text import Text
from PIL import Image
from sqlalchemy import update

import bot.jobs
from bot.callbacks import EventStaffAction, EventStaffCD
from bot.services.charts import DPI, heatmap_figure, heatmap_png, indicators_figure, indicators_png
from bot.services.charts.base import wrap
from storage.models import Municipality
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import (
    answer_items,
    create_seminar,
    launch,
    open_general,
    open_section,
    register,
    settle,
    staff_user,
)

YEKATERINBURG = "Asia/Yekaterinburg"  # МСК+2


async def move_kostroma(env: BotEnv, timezone: str) -> None:
    """г. Кострома (where the test people live) in another time zone."""
    async with env.repos() as repos:
        await repos.session.execute(
            update(Municipality).where(Municipality.name == "г. Кострома").values(timezone=timezone)
        )
        await repos.commit()


def texts_of(user: TgUser) -> list[str]:
    return [m.text or m.caption or "" for m in user.messages]


# --- time zones --------------------------------------------------------------------------------------


async def test_event_prompts_and_cards_say_moscow_time_in_words(env: BotEnv) -> None:
    staff = await staff_user(env)
    await create_seminar(staff)
    prompt = next(t for t in texts_of(staff) if t.startswith("Когда начало?"))
    assert "по московскому времени" in prompt
    await staff.click("👁 Посмотреть, как увидят педагоги")
    preview = staff.last_message.text
    assert "🗓 30.11.2026 15:00 по московскому времени" in preview
    await staff.click("🕒 Запланировать")
    assert "по московскому времени" in staff.last_message.text
    assert not any("Europe/" in t or "Asia/" in t for t in texts_of(staff))


async def test_a_local_zone_is_said_as_its_offset_from_moscow(env: BotEnv) -> None:
    staff = await staff_user(env)
    await move_kostroma(env, YEKATERINBURG)
    teacher = env.user(19001)
    await register(teacher, name="Учителева Анна")
    await create_seminar(staff)
    prompt = next(t for t in texts_of(staff) if t.startswith("Когда начало?"))
    assert "по местному времени (МСК+2)" in prompt
    await staff.click("👁 Посмотреть, как увидят педагоги")
    await staff.click("🚀 Опубликовать сейчас")
    await settle(env)
    announcement = next(t for t in texts_of(teacher) if "Формирующее оценивание" in t)
    assert "🗓 30.11.2026 15:00 по местному времени (МСК+2)" in announcement
    card = staff.last_message.text
    assert "по местному времени (МСК+2)" in card
    for person in (staff, teacher):
        assert not any("Europe/" in t or "Asia/" in t for t in texts_of(person))


async def test_the_schedule_screen_says_the_zone_in_words(env: BotEnv) -> None:
    staff = await staff_user(env)
    await open_section(staff, "⏰ Расписание рассылок")
    text = staff.last_message.text
    assert "Время указано по московскому времени" in text and "Europe/" not in text


# --- the same time in the files as in the chat ---------------------------------------------------------


async def test_the_survey_waves_sheet_shows_the_chats_time(env: BotEnv) -> None:
    staff = await staff_user(env)
    teacher = env.user(19011)
    await register(teacher, name="Учителева Анна")
    await launch(staff, "Профессиональные потребности и запросы", "🚀 Сейчас, один раз")
    await bot.jobs.survey_waves()
    await settle(env)
    await open_section(staff, "📋 Мониторинг и анкетирование")
    await staff.click("🟢 Профессиональные потребности и запросы")
    found = re.search(r"до (\d\d\.\d\d\.\d{4} \d\d:\d\d)", staff.last_message.text)
    assert found, staff.last_message.text
    in_chat = datetime.strptime(found.group(1), "%d.%m.%Y %H:%M")
    await staff.click("📥 Ответы в Excel")
    book = openpyxl.load_workbook(io.BytesIO(staff.last_message.document))
    header, wave = list(book["Волны"].iter_rows(values_only=True))[:2]
    assert header[2] == "Закрыта, по московскому времени"
    assert wave[2] == in_chat
    assert header[1] == "Открыта, по московскому времени" and isinstance(wave[1], datetime)


async def test_the_diagnosis_file_is_in_the_readers_zone(env: BotEnv) -> None:
    await move_kostroma(env, YEKATERINBURG)
    teacher = env.user(19021)
    await register(teacher, name="Учителева Анна")
    await open_general(teacher)
    await teacher.click("Начать")
    await answer_items(teacher, lambda n: 1)
    finished = env.clock.now
    staff = await staff_user(env)
    await open_section(staff, "🎯 Профессиональные дефициты")
    await staff.click("Общая диагностика профессиональных компетенций")
    await staff.click("весь регион")
    await staff.click("Выгрузить в Excel")
    rows = list(openpyxl.load_workbook(io.BytesIO(staff.last_message.document)).worksheets[0].values)
    assert rows[0][4] == "Дата, по местному времени (МСК+2)"
    local = finished.astimezone(ZoneInfo(YEKATERINBURG)).replace(tzinfo=None)
    assert rows[1][4] == local.replace(second=0, microsecond=0) or rows[1][4] == local


async def test_the_event_file_says_when_it_starts_in_the_events_zone(env: BotEnv) -> None:
    staff = await staff_user(env)
    await create_seminar(staff)
    await staff.click("👁 Посмотреть, как увидят педагоги")
    await staff.click("🚀 Опубликовать сейчас")
    await settle(env)
    async with env.repos() as repos:
        event_id = (await repos.events.authored(None))[0].id
    await staff.click_data(EventStaffCD(action=EventStaffAction.XLSX, e=event_id).pack())
    book = openpyxl.load_workbook(io.BytesIO(staff.last_message.document))
    summary = {row[0]: row[1] for row in book.worksheets[1].values}
    assert summary["Начало, по московскому времени"] == datetime(2026, 11, 30, 15, 0)


# --- labels ---------------------------------------------------------------------------------------------

LONG = "Формирующее оценивание на уроках математики: работа с детьми с особыми образовательными потребностями"


def cut_between_words(label: str, whole: str) -> None:
    """`label` ends with «…» and what it shows of `whole` ends at a word's end."""
    assert label.endswith("…"), label
    shown = label[:-1].split()[-1]
    words = whole.replace(":", " ").split()
    assert shown.rstrip(":,") in words, (label, shown)


async def test_a_long_event_title_is_cut_at_a_word_on_its_buttons(env: BotEnv) -> None:
    staff = await staff_user(env)
    teacher = env.user(19031)
    await register(teacher, name="Учителева Анна")
    await create_seminar(staff, title=LONG)
    await staff.click("👁 Посмотреть, как увидят педагоги")
    await staff.click("🚀 Опубликовать сейчас")
    await settle(env)
    await open_section(staff, "📣 Анонсы и объявления")
    label = next(b for b in staff.buttons() if "Формирующее" in b)
    cut_between_words(label, LONG)
    await open_section(teacher, "📅 Мероприятия")
    label = next(b for b in teacher.buttons() if "Формирующее" in b)
    cut_between_words(label, LONG)
    await teacher.click(label)
    assert LONG in teacher.last_message.text  # the whole title is in the message


# --- the diagnosis history ----------------------------------------------------------------------------


async def test_the_history_names_every_area_with_its_levels(env: BotEnv) -> None:
    teacher = env.user(19041)
    await register(teacher)
    await open_general(teacher)
    await teacher.click("Начать")
    await answer_items(teacher, lambda n: 0)
    env.clock.advance(days=200)
    await open_general(teacher)
    await teacher.click("Начать")
    await answer_items(teacher, lambda n: 3 if n <= 6 else 1)
    await teacher.click("История")
    text = teacher.last_message.text
    assert "Предметные компетенции: 🔴 → 🟢 — низкий дефицит" in text
    assert "Цифровые компетенции: 🔴 → " in text
    assert "🔴 высокий дефицит · 🟡 средний · 🟢 низкий" in text
    assert "от первого к последнему" in text
    assert not re.search(r"(🟢|🟡|🔴) (🟢|🟡|🔴)", text)  # never a row of bare marks


# --- charts on a phone --------------------------------------------------------------------------------

AREAS = [
    "Предметные компетенции",
    "Методические компетенции",
    "Психолого-педагогические компетенции",
    "Коммуникативные компетенции",
    "Цифровые компетенции (ИКТ)",
    "Работа с детьми с ограниченными возможностями здоровья (ОВЗ)",
]
GROUPS = [
    "г. Кострома",
    "г. Буй",
    "Красносельский муниципальный район",
    "г. Галич",
    "Нерехтский муниципальный район",
    "Шарьинский муниципальный район",
    "Мантуровский муниципальный округ",
    "г. Волгореченск",
]


def shown_texts(fig: Figure) -> list[str]:
    fig.canvas.draw()
    return [t.get_text() for t in fig.findobj(Text) if isinstance(t, Text) and t.get_text()]


def assert_whole_words(labels: list[str], texts: list[str]) -> None:
    """Each label is on the picture, its lines broken only between words (a line joined back with
    spaces gives the label exactly: «Психолого-пе / дагогические» would not)."""
    joined = {" ".join(t.split()) for t in texts}
    for label in labels:
        assert label in joined, (label, sorted(joined))


def portrait(png: bytes) -> tuple[int, int]:
    width, height = Image.open(io.BytesIO(png)).size
    assert width == 1080 and height >= 1350 and height > width, (width, height)
    return width, height


def test_the_heatmap_is_portrait_with_areas_as_rows_and_whole_words() -> None:
    shares = [[float((g * 7 + a * 13) % 100) if (g + a) % 4 else None for a in range(6)] for g in range(8)]
    note = "Доля педагогов с высоким дефицитом в области; группы меньше трёх человек не показаны."
    for groups in (GROUPS, GROUPS[:2]):
        rows = shares[: len(groups)]
        portrait(heatmap_png(groups, AREAS, rows, title="Дефициты: весь регион", note=note))
        fig = heatmap_figure(groups, AREAS, rows, title="Дефициты: весь регион", note=note)
        width, height = fig.get_size_inches() * DPI
        assert round(width) == 1080 and height > width
        assert_whole_words([*AREAS, *groups], shown_texts(fig))
        # Areas are the rows: their names sit left of the cells, one tick label per area.
        axes = fig.axes[0]
        assert [" ".join(t.get_text().split()) for t in axes.get_yticklabels()] == AREAS


def test_the_indicators_chart_is_portrait_with_whole_words() -> None:
    names = [
        "Прошли диагностику профессиональных компетенций",
        "Молодые специалисты в формах сопровождения в первые три года",
        "Получили адресные рекомендации (из прошедших диагностику)",
        "Педагоги в профессиональных сетевых сообществах",
    ]
    items = [(name, 40.0 + n * 10, 60, n % 2 == 0) for n, name in enumerate(names)]
    legend = ("цель достигнута", "не достигнута", "цель")
    portrait(indicators_png(items, title="Показатели: весь регион", legend=legend))
    fig = indicators_figure(items, title="Показатели: весь регион", legend=legend)
    assert_whole_words(names, shown_texts(fig))


def test_wrap_never_splits_a_word() -> None:
    assert wrap("Психолого-педагогические компетенции", 12) == "Психолого-педагогические\nкомпетенции"
    assert wrap("Работа с детьми с ОВЗ", 12) == "Работа с\nдетьми с ОВЗ"


async def test_the_report_sends_phone_shaped_charts(env: BotEnv) -> None:
    staff = await staff_user(env)
    teacher = env.user(19051)
    await register(teacher, name="Учителева Анна")
    await open_general(teacher)
    await teacher.click("Начать")
    await answer_items(teacher, lambda n: 0)
    await open_section(staff, "📈 Отчёты и показатели")
    await staff.click("📊 Показать показатели")
    charts = [m.photo for m in staff.messages if m.photo is not None]
    assert len(charts) == 2
    for png in charts:
        portrait(png)

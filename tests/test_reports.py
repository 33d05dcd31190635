"""The indicators report end to end through the fake Bot API: staff pick the scope and period, get
the summary, two PNG charts and an XLSX (by name and anonymised) with the expected numbers; a
municipal service sees only its municipality; teachers cannot reach it at all."""

from __future__ import annotations

import io
import re

import openpyxl
from PIL import Image
from pydantic import SecretStr
from sqlalchemy import select

from bot.callbacks import ReportCD
from bot.domain import indicators as indicators_domain
from storage.models import User
from tests.conftest import ADMIN_ID, TOKEN, BotEnv
from tests.fakes import TgUser
from tests.flows import answer_items, documents, open_general, open_section, register, staff_user

SHEETS = [
    "Сводка",
    "Диагностика",
    "ИОМ по диагностике",
    "ИОМ выполнены",
    "Молодые в сопровождении",
    "Молодые с наставником",
    "Информирование",
    "Вовлечённость",
    "Сообщества",
    "Конкурсы",
    "Согласованные маршруты",
    "Рекомендации",
    "Банк практик",
    "Педагоги",
    "Дефициты",
]


def photos(user: TgUser) -> list[bytes]:
    return [m.photo for m in user.messages if m.photo is not None]


async def region(env: BotEnv) -> tuple[TgUser, TgUser, TgUser]:
    """Staff (Кострома, 15 years), a young teacher of Кострома who took the diagnosis with
    high deficits everywhere, and an experienced teacher of Буй who did not."""
    staff = await staff_user(env)
    young = env.user(6101)
    await register(young, name="Молодцова Юлия Игоревна")
    await open_general(young)
    await young.click("Начать")
    await answer_items(young, lambda n: 0)
    senior = env.user(6102)
    await register(
        senior,
        name="Опытнова Ольга Петровна",
        municipality="г. Буй",
        school="СОШ № 2",
        experience="20",
        birth_year="1975",
    )
    return staff, young, senior


async def test_the_region_report_text_charts_and_files(env_all: BotEnv) -> None:
    env = env_all
    staff, _young, _senior = await region(env)
    await open_section(staff, "📈 Отчёты и показатели")
    home = staff.last_message.text
    assert "весь регион" in home and "учебный год, 01.09.2026 – 23.11.2026" in home

    await staff.click("📊 Показать показатели")
    summary = staff.last_message.text
    assert "Показатели: весь регион" in summary and "Педагогов в отчёте: 3" in summary
    # 1 of 3 diagnosed (target 60 %): missed; the one diagnosed got recommendations: met.
    assert "❌ Прошли диагностику компетенций — 33,3 % (1 из 3) · цель 60 %" in summary
    assert "✅ Получили адресные рекомендации (из прошедших диагностику) — 100,0 % (1 из 1)" in summary
    assert "❌ Молодые специалисты с наставником — 0,0 % (0 из 1)" in summary
    assert "▫️ ИОМ выполнены (из подошедших к сроку) — нет данных" in summary
    assert "Молодых специалистов: 1." in summary
    charts = photos(staff)
    assert len(charts) == 2  # indicators against targets, and the deficit heatmap
    for png in charts:
        assert png.startswith(b"\x89PNG")
        image = Image.open(io.BytesIO(png))
        image.verify()
    assert Image.open(io.BytesIO(charts[1])).size[0] >= 700

    await staff.click("📥 Таблица Excel")
    book = openpyxl.load_workbook(io.BytesIO(documents(staff)[-1]))
    assert book.sheetnames == SHEETS
    for sheet in book.worksheets:  # printed: A4, fitted to the width, the header on every page
        assert sheet.page_setup.paperSize == 9 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert book["Педагоги"].page_setup.orientation == "landscape"
    assert book["Педагоги"].print_title_rows == "$1:$1" and book["Педагоги"].freeze_panes == "A2"
    summary_rows = {r[0]: r for r in book["Сводка"].iter_rows(values_only=True) if r and r[0]}
    diagnosed = summary_rows["Прошли диагностику компетенций"]
    assert diagnosed[1:6] == (60, 33.3, 1, 3, "нет")
    assert summary_rows["Педагогов"][1] == 3
    by_place = {r[0]: r for r in book["Диагностика"].iter_rows(values_only=True)}
    assert by_place["г. Кострома"][1:3] == (1, 2) and by_place["г. Буй"][1:3] == (0, 1)
    assert by_place["Всего"][1:4] == (1, 3, 33.3)
    teachers = list(book["Педагоги"].iter_rows(values_only=True))
    header = teachers[0]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in teachers[1:]}
    assert set(rows) == {"Сотрудникова Елена", "Молодцова Юлия Игоревна", "Опытнова Ольга Петровна"}
    assert rows["Молодцова Юлия Игоревна"]["Диагностика пройдена"] == 1
    assert rows["Молодцова Юлия Игоревна"]["Молодой специалист"] == 1
    assert rows["Опытнова Ольга Петровна"]["Диагностика пройдена"] == 0
    deficits = list(book["Дефициты"].iter_rows(values_only=True))
    assert deficits[1][0] == "г. Кострома" and deficits[1][1] == 100  # every area: a high deficit

    await staff.click("📥 Excel без имён (обезличенный)")
    book = openpyxl.load_workbook(io.BytesIO(documents(staff)[-1]))
    cells = [c for ws in book.worksheets for r in ws.iter_rows(values_only=True) for c in r]
    assert not any(isinstance(c, str) and ("Молодцова" in c or "Опытнова" in c) for c in cells)
    codes = [r[0] for r in book["Педагоги"].iter_rows(min_row=2, values_only=True)]
    assert len(codes) == 3 and all(re.fullmatch(r"T-[A-Z2-7]{10}", c) for c in codes)
    again = openpyxl.load_workbook(io.BytesIO(documents(staff)[-1]))
    assert [r[0] for r in again["Педагоги"].iter_rows(min_row=2, values_only=True)] == codes


async def test_scope_and_period(env: BotEnv) -> None:
    staff, _young, _senior = await region(env)
    await open_section(staff, "📈 Отчёты и показатели")
    await staff.click("🏙 Выбрать муниципалитет")
    await staff.click("г. Буй")
    assert "Территория: <b>г. Буй</b>" in staff.last_message.html
    await staff.click("📊 Показать показатели")
    summary = staff.last_message.text
    assert "Педагогов в отчёте: 1" in summary and "0,0 % (0 из 1)" in summary
    assert "диагностик нет" in summary  # no heatmap without diagnoses
    assert len(photos(staff)) == 1
    await staff.click("⬅️ Назад")
    await staff.click("🏫 Выбрать школу")
    await staff.click("СОШ № 2")
    assert "г. Буй — СОШ № 2" in staff.last_message.text
    await staff.click("⬆️ Весь муниципалитет")
    await staff.click("🌐 Весь регион")
    # Last school year: nobody had registered yet.
    await staff.click("прошлый учебный год")
    assert "• прошлый учебный год" in staff.buttons()
    await staff.click("📊 Показать показатели")
    summary = staff.last_message.text
    assert "01.09.2025 – 31.08.2026" in summary and "Педагогов в отчёте: 0" in summary
    assert "Цели достигнуты: 0 из 0." in summary
    # A school that is not in the municipality: a clear answer, nothing sent.
    sent = len(staff.messages)
    await staff.click_data(ReportCD(action="show", m=1, s=999_999).pack())
    assert "нет в справочнике" in env.fake.requests_for("answerCallbackQuery")[-1].params["text"]
    assert len(staff.messages) == sent


async def test_municipal_staff_and_teachers(env: BotEnv) -> None:
    _staff, young, _senior = await region(env)
    # A teacher: no report, whatever the button says.
    own = len(photos(young))  # the radar of her diagnosis
    await young.click_data(ReportCD(action="show").pack())
    assert "только сотрудникам" in env.fake.requests_for("answerCallbackQuery")[-1].params["text"]
    assert len(photos(young)) == own
    # A municipal service of Буй: the region's button gives Буй's numbers.
    admin = env.user(ADMIN_ID)
    await admin.send("/invite")
    await admin.click("сотрудник методической службы")
    await admin.click("г. Буй")
    await admin.click("1 человек")
    await admin.click("7 дней")
    payload = re.search(r"start=(i-[\w-]+)", admin.last_message.text).group(1)
    buy = env.user(6103)
    await register(
        buy, start=f"/start {payload}", name="Буйская Служба", municipality="г. Буй", school="СОШ № 2"
    )
    await open_section(buy, "📈 Отчёты и показатели")
    assert "Территория: <b>г. Буй</b>" in buy.last_message.html
    assert "🏙 Выбрать муниципалитет" not in buy.buttons()
    await buy.click_data(ReportCD(action="show", m=0).pack())
    assert "Показатели: г. Буй" in buy.last_message.text and "Педагогов в отчёте: 2" in buy.last_message.text
    await buy.click_data(ReportCD(action="munis").pack())
    assert "только вашего муниципалитета" in env.fake.requests_for("answerCallbackQuery")[-1].params["text"]


async def anonymised_codes(staff: TgUser) -> tuple[list[str], list[str]]:
    """The codes of the anonymised file, in its order, and the names of the named one."""
    await open_section(staff, "📈 Отчёты и показатели")
    await staff.click("📊 Показать показатели")
    await staff.click("📥 Таблица Excel")
    named = openpyxl.load_workbook(io.BytesIO(documents(staff)[-1]))
    names = [r[0] for r in named["Педагоги"].iter_rows(min_row=2, values_only=True)]
    await staff.click("📥 Excel без имён (обезличенный)")
    book = openpyxl.load_workbook(io.BytesIO(documents(staff)[-1]))
    return [r[0] for r in book["Педагоги"].iter_rows(min_row=2, values_only=True)], names


async def test_pseudonyms_keep_their_own_key_not_the_tokens_and_rows_sort_by_code(env_all: BotEnv) -> None:
    env = env_all
    staff, _young, _senior = await region(env)
    for n, surname in enumerate(("Андреева", "Белова", "Волкова", "Гусева", "Дроздова")):
        await register(
            env.user(6110 + n), name=f"{surname} Ирина Павловна", experience="9", birth_year="1985"
        )
    codes, names = await anonymised_codes(staff)
    assert len(codes) == len(names) == 8
    assert codes == sorted(codes)  # by code: not the named file's order
    # Not derived from the bot token: a new token keeps every code, and the token alone does
    # not give them.
    async with env.repos() as repos:
        ids = list((await repos.session.scalars(select(User.id))).all())
    by_token = indicators_domain.pseudonym_key(TOKEN)
    assert len(ids) == 8 and not set(codes) & {indicators_domain.pseudonym(i, by_token) for i in ids}
    other = SecretStr(TOKEN.split(":")[0] + ":ANOTHER-token-000000000000")
    env.settings = env.settings.model_copy(update={"bot_token": other})
    await env.restart()
    again, _names = await anonymised_codes(staff)
    assert again == codes
    # PSEUDONYM_KEY set: the codes follow it (and stay sorted).
    env.settings = env.settings.model_copy(update={"pseudonym_key": SecretStr("a-key-the-region-keeps-1234")})
    await env.restart()
    keyed, _names = await anonymised_codes(staff)
    assert keyed == sorted(keyed) and not set(keyed) & set(codes)


def test_a_second_tap_waits_for_the_first_report() -> None:
    from bot.services.indicators import one_at_a_time

    with one_at_a_time(1) as first, one_at_a_time(1) as second, one_at_a_time(2) as other:
        assert first and not second and other
    with one_at_a_time(1) as again:
        assert again  # released, also after a failure:
    try:
        with one_at_a_time(1):
            raise RuntimeError
    except RuntimeError:
        pass
    with one_at_a_time(1) as after_failure:
        assert after_failure

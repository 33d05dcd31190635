"""Issue 19, «Server commands are shown in the chat»: admins load the directory by sending the bot a
CSV or Excel file; the bot shows what will change and applies it only on «✅ Применить» — once,
and never over a directory that changed since the preview. No `python -m bot …` in any text."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
from sqlalchemy import select, update

from bot.callbacks.directory import DirectoryAction, DirectoryCD
from bot.services.directory_check import MAX_UPLOAD_BYTES
from storage.models import Municipality, School
from tests.conftest import ADMIN_ID, BotEnv
from tests.fakes import TgUser
from tests.flows import documents, last_answer, open_section, staff_user

ROOT = Path(__file__).resolve().parent.parent
HEADER = [
    "municipality_code",
    "municipality_name",
    "timezone",
    "school_code",
    "school_name",
    "school_short_name",
    "school_shnor",  # part 11: a school with low results (ШНОР)
]
UPLOAD = "📥 Загрузить справочник"


async def directory(env: BotEnv) -> dict[str, tuple[str, str, str | None]]:
    """Schools by code: (municipality's name, full name, short name)."""
    async with env.repos() as repos:
        rows = await repos.session.execute(
            select(School.code, Municipality.name, School.name, School.short_name).join(
                Municipality, School.municipality_id == Municipality.id
            )
        )
        return {code: (muni, name, short) for code, muni, name, short in rows.all()}


async def municipalities(env: BotEnv) -> dict[str, tuple[str, str]]:
    async with env.repos() as repos:
        rows = await repos.session.execute(
            select(Municipality.code, Municipality.name, Municipality.timezone)
        )
        return {code: (name, zone) for code, name, zone in rows.all()}


async def open_upload(admin: TgUser) -> None:
    await open_section(admin, "🏫 Справочник школ")
    assert "python -m bot" not in admin.last_message.text
    await admin.click(UPLOAD)
    assert "Пришлите файл CSV или Excel" in admin.last_message.text


async def current_rows(admin: TgUser) -> list[list[str]]:
    """The admin takes the current directory as a file: its rows, the header first."""
    before = len(documents(admin))
    await admin.click("📄 Текущий справочник файлом")
    files = documents(admin)
    assert len(files) == before + 1
    sheet = openpyxl.load_workbook(io.BytesIO(files[-1]), read_only=True).worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def as_csv(rows: list[list[str]], delimiter: str = ";") -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def as_xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def edited(rows: list[list[str]]) -> list[list[str]]:
    """The current directory with one school renamed, one added, one gone and a new municipality."""
    header, body = rows[0], rows[1:]
    assert header == HEADER
    out = [header]
    for row in body:
        if row[3] == "44-kostroma-014":  # Лицей № 34: not in the file any more
            continue
        if row[3] == "44-kostroma-001":
            row = [*row[:5], "Средняя школа № 1"]
        out.append(row)
    out.append(
        ["kostroma", "г. Кострома", "Europe/Moscow", "44-kostroma-099", "Школа № 99 города Костромы", ""]
    )
    out.append(["novy", "Новый район", "Asia/Yekaterinburg", "", "", ""])
    return out


def apply_data(admin: TgUser) -> str:
    return str(admin.button("✅ Применить")["callback_data"])


# --- the journey -----------------------------------------------------------------------------------


async def test_admin_uploads_a_csv_sees_the_changes_and_applies_them_once(env_all: BotEnv) -> None:
    env = env_all
    admin = env.user(ADMIN_ID, first_name="Админ")
    await open_upload(admin)
    rows = await current_rows(admin)
    before, munis_before = await directory(env), await municipalities(env)
    # One row per school, and one for each municipality without schools.
    empty = {name for name, _zone in munis_before.values()} - {muni for muni, *_ in before.values()}
    assert len(rows) - 1 == len(before) + len(empty)

    await admin.send_document("справочник.csv", as_csv(edited(rows)), "text/csv")
    preview = admin.last_message.text
    assert "Файл «справочник.csv» проверен" in preview
    assert "Муниципалитеты: добавятся — 1, изменятся — 0, удалятся — 0." in preview
    assert "Школы: добавятся — 1, изменятся — 1, удалятся — 1." in preview
    assert "➕ муниципалитет «Новый район»" in preview
    assert "➕ школа «Школа № 99 города Костромы» (г. Кострома)" in preview
    assert "✏️ школа «СОШ № 1» → «Средняя школа № 1»" in preview
    assert "➖ школа «Лицей № 34»" in preview
    assert admin.buttons() == ["✅ Применить", "✖️ Отмена"]
    assert await directory(env) == before  # nothing written before «Применить»

    data = apply_data(admin)
    preview_message = admin.last_message
    await admin.click("✅ Применить")
    assert "Справочник обновлён" in admin.last_message.text
    assert "Школы:</b> добавлено — 1, изменено — 1, удалено — 1." in admin.last_message.html
    after = await directory(env)
    assert "44-kostroma-014" not in after
    assert after["44-kostroma-099"] == ("г. Кострома", "Школа № 99 города Костромы", None)
    assert after["44-kostroma-001"][2] == "Средняя школа № 1"
    assert (await municipalities(env))["novy"] == ("Новый район", "Asia/Yekaterinburg")

    # A second tap of the same button (a double tap, or the old message): applied once.
    await admin.click_data(data, message=preview_message)
    assert "больше не действует" in last_answer(env)
    assert await directory(env) == after

    # The same file again: nothing to change, nothing to apply.
    await admin.click("🏫 К справочнику")
    await admin.click(UPLOAD)
    await admin.send_document("справочник.csv", as_csv(edited(rows)), "text/csv")
    assert "Файл совпадает со справочником — менять нечего." in admin.last_message.text
    assert "✅ Применить" not in admin.buttons()


async def test_an_excel_file_is_read_by_the_same_rules(env: BotEnv) -> None:
    admin = env.user(ADMIN_ID, first_name="Админ")
    await open_upload(admin)
    rows: list[list[object]] = [list(r) for r in edited(await current_rows(admin))]
    # What Excel does to a table: numbers for codes, blank rows at the end, extra columns.
    rows[0] = [*rows[0], "примечание"]
    rows.append(["buy", "г. Буй", "Europe/Moscow", 4401, "Школа с числовым кодом", "Школа 4401"])
    rows += [[None] * 6, [None] * 6]
    before = await directory(env)
    await admin.send_document("Справочник.XLSX", as_xlsx(rows))
    preview = admin.last_message.text
    assert "Школы: добавятся — 2, изменятся — 1, удалятся — 1." in preview, preview
    await admin.click("✅ Применить")
    after = await directory(env)
    assert after["4401"] == ("г. Буй", "Школа с числовым кодом", "Школа 4401")
    assert len(after) == len(before) + 1


async def test_cancel_changes_nothing_and_the_preview_survives_a_restart(env_all: BotEnv) -> None:
    env = env_all
    admin = env.user(ADMIN_ID, first_name="Админ")
    await open_upload(admin)
    rows = edited(await current_rows(admin))
    before = await directory(env)

    await admin.send_document("d.csv", as_csv(rows, delimiter=","))
    data = apply_data(admin)
    await admin.click("✖️ Отмена")
    assert "Загрузка отменена, справочник остался прежним." in admin.last_message.text
    await admin.click_data(data)
    assert "больше не действует" in last_answer(env)
    assert await directory(env) == before

    # Checked, then the bot restarts (a crash, even): the preview still applies.
    await admin.click("🏫 К справочнику")
    await admin.click(UPLOAD)
    await admin.send_document("d.csv", as_csv(rows))
    await env.restart(crash=True)
    await admin.click("✅ Применить")
    assert "Справочник обновлён" in admin.last_message.text
    assert "44-kostroma-099" in await directory(env)


async def test_a_preview_of_a_directory_changed_since_is_refused_and_shown_anew(env: BotEnv) -> None:
    admin = env.user(ADMIN_ID, first_name="Админ")
    await open_upload(admin)
    rows = edited(await current_rows(admin))
    await admin.send_document("d.csv", as_csv(rows))
    old = apply_data(admin)
    # Meanwhile the directory changes (the command line, another admin): a school is renamed.
    async with env.repos() as repos:
        await repos.session.execute(
            update(School)
            .where(School.code == "44-kostroma-002")
            .values(short_name="Гимназия № 15 им. Чижова")
        )
        await repos.commit()
    changed = await directory(env)

    await admin.click("✅ Применить")
    assert "справочник изменился" in last_answer(env).casefold()
    text = admin.last_message.text
    assert "справочник изменился" in text
    assert "Школы: добавятся — 1, изменятся — 2, удалятся — 1." in text  # the rename goes back, too
    assert await directory(env) == changed  # nothing applied
    await admin.click_data(old)  # the button of the first preview
    assert "больше не действует" in last_answer(env)
    await admin.click("✅ Применить")
    assert "Справочник обновлён" in admin.last_message.text
    assert (await directory(env))["44-kostroma-002"][2] == "Гимназия № 15"


# --- files that are not taken --------------------------------------------------------------------------


def zip_bomb() -> bytes:
    """A .xlsx-named zip of 100 MB of zeros that weighs a hundred kilobytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (100 * 1024 * 1024))
    return buffer.getvalue()


async def test_wrong_broken_and_hostile_files_get_a_clear_note_and_a_way_on(env: BotEnv) -> None:
    admin = env.user(ADMIN_ID, first_name="Админ")
    await open_upload(admin)
    before = await directory(env)

    await admin.send("вот он")
    assert "Жду файл со справочником" in admin.last_message.text
    await admin.send_document("справочник.pdf", b"%PDF-1.4 ...", "application/pdf")
    assert "Файл «справочник.pdf» не принят." in admin.last_message.text
    assert "CSV (.csv) и Excel (.xlsx)" in admin.last_message.text
    assert admin.buttons() == ["📄 Текущий справочник файлом", "✖️ Отмена"]

    await admin.send_document("d.xlsx", b"PK\x03\x04 not really a spreadsheet")
    assert "Файл повреждён" in admin.last_message.text
    await admin.send_document("d.xlsx", as_csv([HEADER]))
    assert "Файл повреждён" in admin.last_message.text
    await admin.send_document("bomb.xlsx", zip_bomb())
    assert "Таблица внутри файла слишком большая" in admin.last_message.text
    await admin.send_document("big.csv", b"x" * (MAX_UPLOAD_BYTES + 1))
    assert "Файл весит 2\xa0049 КБ, а можно не больше 2\xa0048 КБ." in admin.last_message.text
    await admin.send_document("d.csv", b"\x00\x01\x02" * 50)
    assert "Не получается прочитать файл" in admin.last_message.text
    await admin.send_document("d.csv", "код;школа\n1;Школа № 1\n".encode())
    note = admin.last_message.text
    assert "Строка 1: нет столбцов municipality_code, municipality_name, timezone." in note
    await admin.send_document("d.csv", as_csv([HEADER, ["k", "г. Кострома", "MSK", "", "", ""]]))
    assert "Ни одна строка не подошла" in admin.last_message.text
    assert "Строка 2: часовой пояс «MSK» мне неизвестен" in admin.last_message.text
    assert await directory(env) == before

    # Bad rows are skipped and named, the good ones load; nothing is removed while errors remain.
    rows = edited(await current_rows(admin))
    rows.insert(2, ["kostroma", "г. Кострома", "Europe/Kostroma", "x-1", "Школа № 5", ""])
    rows.insert(3, ["kostroma", "г. Кострома", "Europe/Moscow", "x-2", "Шк", ""])
    rows.append(["kostroma", "г. Кострома", "Europe/Moscow", "44-kostroma-003", "Дубль", ""])
    await admin.send_document("d.csv", as_csv(rows))
    preview = admin.last_message.text
    assert "3 строки с ошибками я пропущу" in preview
    assert "Строка 3: часовой пояс «Europe/Kostroma» мне неизвестен" in preview
    assert (
        "Строка 4: в столбце «полное название школы» (school_name) слишком короткое значение «Шк»" in preview
    )
    assert f"Строка {len(rows)}: код школы «44-kostroma-003» уже встречался выше" in preview
    assert "Школы: добавятся — 1, изменятся — 1, удалятся — 0." in preview
    assert "я ничего не удаляю" in preview
    await admin.click("✅ Применить")
    after = await directory(env)
    assert "44-kostroma-014" in after and "x-1" not in after and "44-kostroma-099" in after


# --- who may ---------------------------------------------------------------------------------------------


async def test_staff_see_no_upload_and_forged_buttons_are_refused(env: BotEnv) -> None:
    staff = await staff_user(env)
    await open_section(staff, "🏫 Справочник школ")
    assert UPLOAD not in staff.buttons()
    assert "Новый справочник загружает администратор бота." in staff.last_message.text
    before = await directory(env)
    files = len(documents(staff))
    for action in DirectoryAction:
        await staff.click_data(DirectoryCD(action=action, t="0badc0de").pack())
        assert "только сотрудникам с нужной ролью" in last_answer(env), action
    await staff.send_document(
        "d.csv", as_csv([HEADER, ["k", "г. Кострома", "Europe/Moscow", "z", "Школа Z", ""]])
    )
    assert "проверен" not in staff.last_message.text
    assert len(documents(staff)) == files
    assert await directory(env) == before


def test_no_text_tells_to_run_a_server_command() -> None:
    for path in sorted((ROOT / "locales").glob("*/*.ftl")):
        assert "python -m bot" not in path.read_text(encoding="utf-8"), path

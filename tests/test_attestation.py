"""Attestation end to end through the fake Bot API: a category claimed with its order, confirmed by
staff, reminders 6 and 3 months before the expiry (each once), the support route in one tap, a new
category from the region's file of orders, the indicators moving; bad input, a restart mid-wizard,
the import's bad rows and a second import that changes nothing."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select, text

import bot.jobs
from bot.callbacks import AttAction, AttCD, AttStaffAction, AttStaffCD
from bot.domain.attestation import (
    AttStatus,
    Category,
    InvalidInput,
    Reminder,
    expiry,
    parse_awarded,
    parse_category,
    parse_order,
    reminders_due,
    school_year,
)
from bot.domain.indicators import AttIndicator, attestation_shares, make_period
from bot.domain.indicators.period import PeriodCode
from bot.domain.routes import StepSource
from bot.services.attestation_check import check_bytes
from bot.services.directory_check import FileKind
from storage.db import create_engine
from storage.migrate import upgrade
from storage.models import AttestationRecord, Route, User
from tests.conftest import POSTGRES_URL, BotEnv, reset_postgres
from tests.fakes import TgUser
from tests.flows import create_invite, got, last_answer, open_section, register, settle, staff_user

TEACHER_NAME = "Иванова Мария Петровна"
BACKEND_PARAMS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgres", id="postgres", marks=pytest.mark.skipif(not POSTGRES_URL, reason="no TEST_POSTGRES_URL")
    ),
]


async def record_of(env: BotEnv, tg_id: int) -> list[AttestationRecord]:
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        return await repos.attestation.of_user(user.id)


async def user_of(env: BotEnv, tg_id: int) -> User:
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        return user


async def methodist_user(env: BotEnv, tg_id: int) -> TgUser:
    payload = await create_invite(env, "методист")
    methodist = env.user(tg_id)
    await register(
        methodist,
        start=f"/start {payload}",
        name="Петрова Нина Сергеевна",
        experience="15",
        birth_year="1978",
    )
    return methodist


async def claim_with_order(env: BotEnv, teacher: TgUser) -> None:
    """«✏️ Указать категорию» with bad answers at every step and a restart between two of them."""
    await open_section(teacher, "🏅 Аттестация")
    text = teacher.last_message.text
    assert (
        "При регистрации вы указали: Первая категория" in text and "Подтверждённой категории пока нет" in text
    )
    await teacher.click("✏️ Указать категорию")
    await teacher.click("Первая категория")
    assert "дату приказа" in teacher.last_message.text
    await teacher.send("31.13.2021")
    assert "Не получается прочитать дату" in teacher.last_message.text
    await teacher.send("15.05.2027")
    assert "ещё не наступила" in teacher.last_message.text
    await teacher.send("01.02.2020")
    assert "уже истекла" in teacher.last_message.text
    await teacher.send_sticker()
    assert "Не получается прочитать дату" in teacher.last_message.text
    await teacher.send("20.05.2022")
    assert "номер приказа" in teacher.last_message.text

    # The bot restarts between two steps: the next answer goes on where the teacher was.
    await env.restart(crash=True)
    await teacher.send("№")
    assert "Номер приказа — это короткая строка" in teacher.last_message.text
    await teacher.send("1234-к")
    assert "фото или скан приказа" in teacher.last_message.text
    await teacher.send("вот")
    assert "Пришлите фото или файл приказа" in teacher.last_message.text
    await teacher.send_photo()
    text = teacher.last_message.text
    assert "Записано: Первая категория, приказ № 1234-к от 20.05.2022, действует до 20.05.2027" in text

    records = await record_of(env, teacher.user["id"])
    assert len(records) == 1  # the registration's claim without an order is replaced
    claim = records[0]
    assert claim.status is AttStatus.CLAIMED and claim.category is Category.FIRST
    assert claim.awarded_on == date(2022, 5, 20) and claim.expires_on == date(2027, 5, 20)
    assert claim.order_number == "1234-к" and claim.scan_kind == "photo" and claim.scan_file_id

    # A stale «Пропустить» from the finished wizard changes nothing.
    await teacher.click_data(AttCD(action=AttAction.SKIP).pack())
    assert "из прошлого шага" in last_answer(env)
    assert len(await record_of(env, teacher.user["id"])) == 1


async def staff_confirm(env: BotEnv, staff: TgUser, teacher: TgUser) -> int:
    await open_section(staff, "Категории и приказы")
    await staff.click("📥 Категории на подтверждение")
    assert "Категории на подтверждение: 1" in staff.last_message.text
    await staff.click(f"{TEACHER_NAME} · Первая категория")
    card = staff.last_message.text
    assert TEACHER_NAME in card and "Приказ № 1234-к от 20.05.2022" in card and "Гимназия № 15" in card
    before = len(staff.messages)
    await staff.click("📎 Скан приказа")
    assert any(m.photo for m in staff.messages[before:])
    await staff.click("✅ Подтвердить")
    assert got(staff, "Категория подтверждена") and "Категория подтверждена" in last_answer(env)
    record_id = (await record_of(env, teacher.user["id"]))[0].id
    # A double tap (the old button): decided once.
    await staff.click_data(AttStaffCD(action=AttStaffAction.CONFIRM, r=record_id).pack())
    assert "уже рассмотрели" in last_answer(env)
    records = await record_of(env, teacher.user["id"])
    assert [r.status for r in records] == [AttStatus.CONFIRMED]
    assert (await user_of(env, teacher.user["id"])).category == "first"
    await settle(env)
    assert got(teacher, "Ваша категория подтверждена: Первая категория")
    return record_id


async def reminders_then_support(env: BotEnv, teacher: TgUser, methodist: TgUser, record_id: int) -> None:
    # 23.11.2026: the category ends 20.05.2027, within six months — the six-month reminder, once.
    assert await bot.jobs.attestation_reminders() == 1
    assert await bot.jobs.attestation_reminders() == 0
    await settle(env)
    assert len(got(teacher, "через 6 месяцев")) == 1
    env.clock.now = datetime(2027, 1, 10, 9, tzinfo=UTC)
    assert await bot.jobs.attestation_reminders() == 0
    # 21.02.2027: three months before — the three-month reminder, once.
    env.clock.now = datetime(2027, 2, 21, 9, tzinfo=UTC)
    assert await bot.jobs.attestation_reminders() == 1
    assert await bot.jobs.attestation_reminders() == 0
    await settle(env)
    assert len(got(teacher, "через 3 месяца")) == 1
    assert len(got(teacher, "через 6 месяцев")) == 1

    # The support route in one tap, from the reminder: a route is started (no diagnosis needed).
    reminder = got(teacher, "через 3 месяца")[-1]
    await teacher.click("🧭 Подготовка к аттестации в маршрут", message=reminder)
    assert "Добавил в ваш маршрут 4 шага подготовки" in teacher.last_message.text
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(teacher.user["id"])
        assert user is not None
        route = await repos.routes.current(user.id)
        assert route is not None and route.attempt_id is None
        assert [s.source for s in route.steps] == [StepSource.ATTESTATION] * 4
        assert [s.form.value for s in route.steps] == ["experience", "consultation", "experience", "course"]
        routes = list(await repos.session.scalars(select(Route).where(Route.user_id == user.id)))
        assert len(routes) == 1
    # A second tap adds nothing.
    await teacher.click("🧭 Подготовка к аттестации в маршрут", message=reminder)
    assert "уже в вашем маршруте" in last_answer(env)
    assert len(await current_steps(env, teacher)) == 4
    # The route opens as any other.
    await teacher.click("🧭 Мой маршрут")
    assert "Собрать портфолио к аттестации" in teacher.last_message.text
    # The methodist is told.
    await settle(env)
    assert got(methodist, f"Педагог {TEACHER_NAME} готовится к аттестации")
    assert record_id


async def current_steps(env: BotEnv, teacher: TgUser) -> list[object]:
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(teacher.user["id"])
        assert user is not None
        route = await repos.routes.current(user.id)
        return list(route.steps) if route is not None else []


def orders_csv(*rows: str) -> bytes:
    return ("ФИО;Школа;Категория;Дата приказа;Номер приказа\n" + "\n".join(rows) + "\n").encode()


async def import_orders(env: BotEnv, staff: TgUser) -> None:
    """The region's file: the teacher's highest category, a teacher not found, bad rows; then the
    same file again changes nothing."""
    data = orders_csv(
        f"{TEACHER_NAME};Гимназия № 15;высшая;15.02.2027;77-к",
        f"{TEACHER_NAME};Гимназия № 15;высшая;01.03.2027;76-к",
        "Неизвестная Анна Ивановна;Гимназия № 15;первая;01.02.2027;78-к",
        "Сидорова Анна Павловна;Школа, которой нет;первая;01.02.2027;79-к",
        f"{TEACHER_NAME};Гимназия № 15;отличная;01.03.2027;80-к",
        f"{TEACHER_NAME};Гимназия № 15;первая;вчера;81-к",
        f"{TEACHER_NAME};Гимназия № 15;первая;01.03.2027;",
    )
    await open_section(staff, "Категории и приказы")
    await staff.click("📄 Загрузить приказы")
    await staff.send("просто текст")
    assert "Жду файл CSV или Excel" in staff.last_message.text
    await staff.send_document("приказы.txt", b"hello")
    assert "Я читаю файлы CSV" in staff.last_message.text
    await staff.send_document("приказы.csv", b"a;b;c\n1;2;3\n")
    assert "Не нашёл заголовок" in staff.last_message.text
    await staff.send_document("приказы.csv", data)
    text = staff.last_message.text
    assert "Нашёл педагогов: 1. Новых записей: 1" in text
    assert "Не нашёл: 3" in text and "нет такого педагога в этой школе" in text and "нет такой школы" in text
    assert "ещё не наступила" in text
    assert "Строки с ошибками: 3" in text and "непонятная категория" in text and "непонятная дата" in text
    assert not await_confirmed(await record_of(env, 4002), Category.HIGHEST)  # nothing before «apply»
    # A restart between the preview and «apply» loses nothing.
    await env.restart()
    await staff.click("✅ Применить")
    assert "Добавлено: 1" in staff.last_message.text
    records = await record_of(env, 4002)
    assert await_confirmed(records, Category.HIGHEST)
    first = next(r for r in records if r.category is Category.FIRST)
    assert first.superseded_at is not None  # no more reminders about the old one
    assert (await user_of(env, 4002)).category == "highest"
    # The same file again: nothing to write.
    await staff.click("⬅️ К аттестации")
    await staff.click("📄 Загрузить приказы")
    await staff.send_document("приказы.csv", data)
    assert "Записывать нечего" in staff.last_message.text and "уже есть: 1" in staff.last_message.text
    assert "✅ Применить" not in staff.buttons()
    await staff.click("✖️ Отмена")
    assert len(await record_of(env, 4002)) == 2


def await_confirmed(records: list[AttestationRecord], category: Category) -> bool:
    return any(r.category is category and r.status is AttStatus.CONFIRMED for r in records)


async def indicators_move(env: BotEnv, staff: TgUser, attested: int) -> None:
    await open_section(staff, "📈 Отчёты и показатели")
    await staff.click("📊 Показать показатели")
    summary = next(
        m.text for m in reversed(staff.messages) if m.text and "Аттестация (целевого значения нет)" in m.text
    )
    # The teacher's highest category of 15.02.2027 falls within the school year's period.
    assert "Аттестованы на первую или высшую категорию — " in summary
    line = next(x for x in summary.splitlines() if x.startswith("▫️ Аттестованы"))
    assert f"({attested} из" in line
    due = next(x for x in summary.splitlines() if x.startswith("▫️ Аттестация в этом учебном году"))
    assert "(1 из" in due
    supported = next(x for x in summary.splitlines() if x.startswith("▫️ Готовятся"))
    assert "100,0 % (1 из 1)" in supported


async def due_list(env: BotEnv, staff: TgUser) -> None:
    await open_section(staff, "Категории и приказы")
    await staff.click("📅 Кому аттестоваться в этом году")
    text = staff.last_message.text
    # The first category of 2022 was superseded: nobody is due any more this school year.
    assert "Педагогов: 0" in text


async def test_attestation_from_claim_to_new_category(env_all: BotEnv) -> None:
    env = env_all
    staff = await staff_user(env, 4001)
    methodist = await methodist_user(env, 4003)
    teacher = env.user(4002)
    await register(teacher, name=TEACHER_NAME, category="Педагог-наставник")
    # The registration's category is a claim without an order; changing the profile replaces it.
    assert [r.category for r in await record_of(env, 4002)] == [Category.MENTOR]
    await teacher.send("/profile")
    await teacher.click("✏️ Категория")
    await teacher.click("Первая")
    records = await record_of(env, 4002)
    assert [(r.category, r.status, r.awarded_on) for r in records] == [
        (Category.FIRST, AttStatus.CLAIMED, None)
    ]

    await claim_with_order(env, teacher)
    record_id = await staff_confirm(env, staff, teacher)
    await reminders_then_support(env, teacher, methodist, record_id)
    # Before the new category: the teacher is due and supported.
    await open_section(staff, "Категории и приказы")
    await staff.click("📅 Кому аттестоваться в этом году")
    assert "Педагогов: 1, из них готовятся с маршрутом: 1" in staff.last_message.text
    before = len(staff.messages)
    await staff.click("📊 Скачать XLSX")
    files = [m.document for m in staff.messages[before:] if m.document]
    sheet = openpyxl.load_workbook(io.BytesIO(files[-1])).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == TEACHER_NAME and rows[1][3] == "Первая категория" and rows[1][6] == "да"

    await indicators_move(env, staff, attested=0)
    await import_orders(env, staff)
    await indicators_move(env, staff, attested=1)
    await due_list(env, staff)

    # The teacher sees the new category and the history.
    await open_section(teacher, "🏅 Аттестация")
    assert "Ваша категория: Высшая категория, присвоена 15.02.2027" in teacher.last_message.text
    await teacher.click("📜 История")
    history = teacher.last_message.text
    assert "Высшая категория: приказ № 77-к" in history and "Первая категория: приказ № 1234-к" in history


async def test_reject_with_reason_and_own_claim(env: BotEnv) -> None:
    staff = await staff_user(env, 4001)
    teacher = env.user(4002)
    await register(teacher, name=TEACHER_NAME)
    await open_section(teacher, "🏅 Аттестация")
    await teacher.click("✏️ Указать категорию")
    await teacher.click("Высшая категория")
    await teacher.send("01.09.2023")
    await teacher.send("№ 55")
    await teacher.click("Пропустить")
    assert "приказ № 55 от 01.09.2023" in teacher.last_message.text
    # The same claim twice is one record.
    await teacher.click("🏅 Аттестация")
    await teacher.click("✏️ Указать категорию")
    await teacher.click("Высшая категория")
    await teacher.send("01.09.2023")
    await teacher.send("55")
    await teacher.click("Пропустить")
    assert len(await record_of(env, 4002)) == 1

    await open_section(staff, "Категории и приказы")
    await staff.click("📥 Категории на подтверждение")
    await staff.click(f"{TEACHER_NAME} · Высшая категория")
    await staff.click("❌ Отклонить")
    await staff.send("да")
    assert "хотя бы в несколько слов" in staff.last_message.text
    await staff.send("В приказе № 55 нет этого педагога")
    assert "Категория отклонена" in staff.last_message.text
    await settle(env)
    assert got(teacher, "не подтверждена: В приказе № 55 нет этого педагога")
    await open_section(teacher, "🏅 Аттестация")
    assert "не подтверждена: В приказе № 55 нет этого педагога" in teacher.last_message.text

    # Staff's own claim: a colleague confirms it, not they themselves.
    await open_section(staff, "🏅 Аттестация")
    await staff.click("✏️ Указать категорию")
    await staff.click("Первая категория")
    await staff.send("01.10.2024")
    await staff.send("9-к")
    await staff.click("Пропустить")
    own = (await record_of(env, 4001))[0]
    await staff.click_data(AttStaffCD(action=AttStaffAction.CONFIRM, r=own.id).pack())
    assert "подтверждает коллега" in last_answer(env)
    assert (await record_of(env, 4001))[0].status is AttStatus.CLAIMED

    # A teacher forging staff's buttons is refused, and so is their «import».
    for action in (AttStaffAction.CONFIRM, AttStaffAction.IMPORT, AttStaffAction.QUEUE):
        await teacher.click_data(AttStaffCD(action=action, r=own.id).pack())
        assert "доступно только сотрудникам с нужной ролью" in last_answer(env)
    assert (await record_of(env, 4001))[0].status is AttStatus.CLAIMED
    # And the support route of someone else's record.
    await teacher.click_data(AttCD(action=AttAction.SUPPORT, r=own.id).pack())
    assert "не ваша" in last_answer(env)


async def test_two_sweeps_at_once_remind_once(env_all: BotEnv) -> None:
    """Two processes' sweeps at the same moment: each reminder is claimed by one of them."""
    import asyncio

    env = env_all
    teacher = env.user(4002)
    await register(teacher, name=TEACHER_NAME)
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(4002)
        assert user is not None
        for n, awarded in enumerate((date(2022, 3, 1), date(2022, 1, 15))):
            await repos.attestation.add(
                user_id=user.id,
                category=[Category.FIRST, Category.HIGHEST][n],
                awarded_on=awarded,
                expires_on=expiry(awarded),
                order_number=str(n),
                status=AttStatus.CONFIRMED,
                source="import",
            )
        await repos.commit()
    results = await asyncio.gather(bot.jobs.attestation_reminders(), bot.jobs.attestation_reminders())
    assert sum(results) == 2
    assert await bot.jobs.attestation_reminders() == 0
    await settle(env)
    assert len(got(teacher, "Пора готовиться к аттестации")) == 2


# --- plain rules -----------------------------------------------------------------------------------


def test_terms_and_reminders() -> None:
    assert expiry(date(2024, 2, 29)) == date(2029, 2, 28)
    assert reminders_due(date(2027, 5, 20), date(2026, 11, 19)) == ()
    assert reminders_due(date(2027, 5, 20), date(2026, 11, 20)) == (Reminder.SIX,)
    assert reminders_due(date(2027, 5, 20), date(2027, 2, 20)) == (Reminder.THREE,)
    assert reminders_due(date(2027, 5, 20), date(2027, 5, 21)) == ()
    assert school_year(date(2026, 8, 31)) == (date(2025, 9, 1), date(2026, 8, 31))
    assert school_year(date(2026, 9, 1)) == (date(2026, 9, 1), date(2027, 8, 31))


def test_parsing() -> None:
    today = date(2026, 11, 23)
    assert parse_awarded("5.3.2024", today) == date(2024, 3, 5)
    assert parse_awarded("2024-03-05", today) == date(2024, 3, 5)
    for typed, key in (
        ("30.02.2024", "att-bad-date"),
        ("24.11.2026", "att-date-future"),
        ("1.1.2021", "att-date-expired"),
    ):
        try:
            parse_awarded(typed, today)
        except InvalidInput as bad:
            assert bad.key == key
        else:
            raise AssertionError(typed)
    assert parse_order(" № 12-к ") == "12-к"
    for bad_order in ("", "№", "---", "x" * 65, "1\u202e2"):
        try:
            parse_order(bad_order)
        except InvalidInput:
            continue
        raise AssertionError(bad_order)
    assert parse_category("Высшая квалификационная категория") is Category.HIGHEST
    assert parse_category("СЗД") is Category.CONFORM
    assert parse_category("педагог - наставник") is Category.MENTOR
    assert parse_category("отличная") is None


def test_orders_file_is_read_with_its_bad_rows() -> None:
    data = (
        "ФИО,Код школы,Категория,Дата,Номер приказа\n"
        "Иванова Мария Петровна,kos-15,первая,01.03.2027,1\n"
        ",kos-15,первая,01.03.2027,2\n"
        "Петров Пётр,,первая,01.03.2027,3\n"
        "=cmd|' /C calc'!A0,kos-15,высшая,2027-03-01,4\n"
    ).encode()
    read = check_bytes(data, FileKind.CSV)
    assert read.refusal is None
    assert [r.line for r in read.rows] == [2, 5] and [(b.line, b.key) for b in read.bad] == [
        (3, "name"),
        (4, "school"),
    ]
    assert check_bytes(b"\x00\x01", FileKind.CSV).refusal is not None
    assert check_bytes(b"PK not a zip", FileKind.XLSX).refusal is not None


def test_indicator_shares() -> None:
    period = make_period(PeriodCode.ACADEMIC_YEAR, date(2027, 3, 10), "Europe/Moscow")
    records = [
        (1, "highest", date(2026, 10, 1), date(2031, 10, 1), False),  # attested within the period
        (2, "conform", date(2026, 10, 1), date(2031, 10, 1), False),  # not first/highest
        (3, "first", date(2022, 5, 20), date(2027, 5, 20), True),  # due, support route
        (4, "first", date(2022, 6, 1), date(2027, 6, 1), False),  # due, asked a methodist
        (5, "first", date(2022, 7, 1), date(2027, 7, 1), False),  # due, nothing
        (9, "first", date(2026, 10, 1), date(2031, 10, 1), False),  # not a counted teacher
    ]
    asked = {4: datetime(2026, 12, 1, tzinfo=UTC), 5: datetime(2025, 1, 1, tzinfo=UTC)}
    shares = attestation_shares([1, 2, 3, 4, 5, 6], records, asked, period)
    assert (shares[AttIndicator.ATTESTED].n, shares[AttIndicator.ATTESTED].total) == (1, 6)
    assert (shares[AttIndicator.DUE].n, shares[AttIndicator.DUE].total) == (3, 6)
    assert (shares[AttIndicator.SUPPORTED].n, shares[AttIndicator.SUPPORTED].total) == (2, 3)


# --- the migration: registration's category becomes a claim -----------------------------------------


@pytest.mark.parametrize("backend", BACKEND_PARAMS)
async def test_registration_categories_become_claims(backend: str, tmp_path: Path) -> None:
    if backend == "postgres":
        assert POSTGRES_URL
        await reset_postgres(POSTGRES_URL)
        url = POSTGRES_URL
    else:
        url = f"sqlite+aiosqlite:///{tmp_path / 'migrate.db'}"
    engine = create_engine(url)
    try:
        await upgrade(engine, "0019_contest_results")
        people = [
            (1, "first", True),
            (2, "highest", True),
            (3, "none", True),
            (4, None, True),
            (5, "first", False),  # registration not finished: nothing
        ]
        async with engine.begin() as conn:
            for uid, category, registered in people:
                await conn.execute(
                    text(
                        "INSERT INTO users (id, tg_id, consent_at, consent_version, category, registered_at, "
                        "share_results, teaches, digest_off) VALUES (:id, :tg, :at, '1', :category, :reg, "
                        "false, true, false)"
                    ),
                    {
                        "id": uid,
                        "tg": 900 + uid,
                        "at": datetime(2026, 1, 1, tzinfo=UTC),
                        "category": category,
                        "reg": datetime(2026, 1, 2, tzinfo=UTC) if registered else None,
                    },
                )
        await upgrade(engine)
        async with engine.connect() as conn:
            rows = (
                await conn.execute(
                    text(
                        "SELECT user_id, category, status, source, awarded_on FROM attestation_records "
                        "ORDER BY user_id"
                    )
                )
            ).all()
            users = (await conn.execute(text("SELECT id, category FROM users ORDER BY id"))).all()
        assert [tuple(r) for r in rows] == [
            (1, "first", "claimed", "registration", None),
            (2, "highest", "claimed", "registration", None),
        ]
        assert [tuple(u) for u in users] == [
            (1, "first"),
            (2, "highest"),
            (3, "none"),
            (4, None),
            (5, "first"),
        ]
    finally:
        await engine.dispose()

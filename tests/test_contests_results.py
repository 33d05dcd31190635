"""Contests with results end to end (part 11): staff create a contest and add its stages (shown on
the card), teachers register and attach materials, one asks her methodist for a consultation
(once), staff take the participants' file, import results (a bad row and an unknown name left
out, applying twice changes nothing), set one result on screen; participants are told once and
add «представление опыта» to their route in one tap; the contests indicator counts the results.
A contest held elsewhere: recorded with a diploma, confirmed by the teacher's methodist only, and
the indicator moves."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, timedelta

import openpyxl
from sqlalchemy import func, select

from bot.domain.contests import ContestResult, Participant, match_rows, read_days, read_result
from bot.domain.diagnostics import StepForm
from bot.domain.indicators import Indicator, PeriodCode
from bot.domain.practices import PracticeStatus
from bot.domain.roles import Role
from bot.services.indicators import Scope, build
from storage.models import (
    ConsultSlot,
    ContestMaterial,
    ContestResultRow,
    ExternalContest,
    MethodistAssignment,
    Practice,
    Route,
    RouteStep,
    User,
    UserRole,
)
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import documents, got, last_answer, open_section, register, settle, staff_user
from tests.test_consult_slots import publish_slot

TITLE = "Учитель года — 2027"


async def _user(env: BotEnv, tg_id: int) -> User:
    async with env.repos() as repos:
        user = await repos.users.by_tg_id(tg_id)
        assert user is not None
        return user


async def _methodist_for(env: BotEnv, tg_id: int, name: str, teachers: list[int]) -> TgUser:
    """A registered methodist of the region, assigned to `teachers` (tg ids)."""
    methodist = env.user(tg_id)
    await register(methodist, name=name, experience="20", birth_year="1975")
    async with env.repos() as repos:
        me = await repos.users.by_tg_id(tg_id)
        assert me is not None
        repos.session.add(UserRole(user_id=me.id, role=Role.METHODIST, scope_municipality_id=None))
        for teacher in teachers:
            user = await repos.users.by_tg_id(teacher)
            assert user is not None
            repos.session.add(MethodistAssignment(teacher_id=user.id, methodist_id=me.id, source="staff"))
        await repos.commit()
    return methodist


async def _route(env: BotEnv, tg_id: int) -> None:
    """A route in force for the teacher (its making is tested elsewhere)."""
    user = await _user(env, tg_id)
    async with env.repos() as repos:
        today = env.clock().date()
        repos.session.add(
            Route(
                user_id=user.id,
                status="submitted",
                goal="Цель",
                period_start=today,
                period_end=today + timedelta(days=180),
                submitted_at=env.clock(),
            )
        )
        await repos.commit()


async def _contests_share(env: BotEnv) -> tuple[int, int]:
    async with env.repos() as repos:
        report = await build(
            repos.indicators,
            repos.content,
            Scope(None, None, None, None),
            PeriodCode.ACADEMIC_YEAR,
            now=env.clock(),
            timezone="Europe/Moscow",
        )
    share = report.shares[Indicator.CONTESTS]
    return share.n, share.total


def _button(user: TgUser, prefix: str) -> str:
    for message in reversed(user.messages):
        for button in message.inline_buttons:
            if button["text"].startswith(prefix):
                return str(button["text"])
    raise AssertionError(f"no button {prefix!r}")


async def create_contest(staff: TgUser) -> None:
    await open_section(staff, "📣 Анонсы и объявления")
    await staff.click("➕ Новое мероприятие")
    await staff.click("🏆 Конкурс профмастерства")
    await staff.click("региональный уровень")
    await staff.send(TITLE)
    await staff.send("Региональный этап конкурса профессионального мастерства.")
    await staff.send("20.12.2026 10:00")
    await staff.click("Не указывать")
    await staff.click("Пропустить")
    await staff.click("До самого начала")
    await staff.click("Без ограничений")
    await staff.click("Пропустить")
    await staff.click("👁 Посмотреть, как увидят педагоги")
    await staff.click(_button(staff, "🚀 Опубликовать сейчас"))


def _sheet(content: bytes) -> list[list[str]]:
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    return out.getvalue().encode("utf-8-sig")


async def test_a_contest_from_stages_to_results_and_the_indicator(env: BotEnv) -> None:
    staff = await staff_user(env)
    anna, dina, eva = env.user(4101), env.user(4102), env.user(4103)
    await register(anna, name="Математикова Анна")
    await register(dina, name="Математикова Дина")
    await register(eva, name="Математикова Ева")
    methodist = await _methodist_for(env, 4201, "Методистова Мира", [4101])
    await _route(env, 4101)

    await create_contest(staff)
    await settle(env)
    assert got(anna, TITLE)

    # Stages: a bad date is told, then two stages; the teachers' card shows them.
    await open_section(staff, "📣 Анонсы и объявления")
    await staff.click(TITLE)
    await staff.click("🏆 Этапы и итоги конкурса")
    await staff.click("➕ Этап")
    await staff.click("Приём заявок")
    await staff.send("с первого по десятое")
    assert "Не получилось прочитать даты" in staff.last_message.text
    await staff.send("10.12.2026 – 01.12.2026")
    assert "раньше начала" in staff.last_message.text
    await staff.send("01.12.2026 – 10.12.2026")
    assert "Приём заявок: 01.12.2026 – 10.12.2026" in staff.last_message.text
    await staff.click("➕ Этап")
    await staff.click("Очный этап")
    await staff.send("20.12.2026")
    assert "Очный этап: 20.12.2026" in staff.last_message.text

    # Registration: the card shows the stages; materials — a wrong answer, a link, a file.
    await anna.click("✅ Записаться", message=got(anna, TITLE)[0])
    card = next(m for m in reversed(anna.messages) if "Этапы конкурса" in (m.text or ""))
    assert "Приём заявок: 01.12.2026 – 10.12.2026" in card.text
    await anna.click("📎 Материалы заявки", message=card)
    await anna.send("посмотрите мой урок")
    assert "одну ссылку" in anna.last_message.text
    await anna.send("https://example.org/lesson-video")
    await anna.send_document("essay.pdf", b"%PDF-1.4 essay")
    assert "essay.pdf" in anna.last_message.text and "lesson-video" in anna.last_message.text
    await env.restart()  # the materials step survives a restart
    await anna.send("https://example.org/portfolio")
    assert "portfolio" in anna.last_message.text
    await anna.click("✅ Готово")
    async with env.repos() as repos:
        materials = await repos.session.scalar(select(func.count()).select_from(ContestMaterial))
    assert materials == 3

    # Support before: the methodist is asked once.
    await anna.click("💬 Консультация перед конкурсом")
    assert "Просьба о консультации отправлена" in last_answer(env)
    await anna.click("💬 Консультация перед конкурсом")
    assert "уже отправлена" in last_answer(env)
    await settle(env)
    assert len(got(methodist, "просит консультацию методиста")) == 1
    # … and the card leads to booking a methodist's consultation (part 10's «Запись на
    # консультацию»): her methodist's published time is there, marked ⭐, and is booked in a tap.
    await publish_slot(methodist)
    await anna.click("📅 Записаться на консультацию методиста")
    listing = anna.last_message
    assert "Запись на консультацию" in listing.text
    [own] = [b for b in anna.buttons(message=listing) if b.startswith("⭐ 25.11 15:00")]
    await anna.click(own, message=listing)
    assert "Методистова Мира" in anna.last_message.text
    await anna.click("✅ Записаться", message=anna.last_message)
    assert "Вы записаны" in last_answer(env)
    async with env.repos() as repos:
        slot = await repos.session.scalar(select(ConsultSlot))
    assert slot is not None and slot.status == "booked" and slot.teacher_id == (await _user(env, 4101)).id

    await dina.click("✅ Записаться", message=got(dina, TITLE)[0])
    await eva.click("✅ Записаться", message=got(eva, TITLE)[0])

    # The participants' file carries the codes.
    await open_section(staff, "📣 Анонсы и объявления")
    await staff.click(TITLE)
    await staff.click("🏆 Этапы и итоги конкурса")
    assert "Участников: 3, с итогами: 0" in staff.last_message.text
    await staff.click("📄 Файл участников (Excel)")
    rows = _sheet(documents(staff)[-1])
    assert rows[0][:4] == ["Код", "ФИО", "Школа", "Итог"]
    codes = {row[1]: row[0] for row in rows[1:]}
    assert set(codes) == {"Математикова Анна", "Математикова Дина", "Математикова Ева"}

    # The results file: a code, a name with a school, a bad result, an unknown name.
    results = _csv(
        [
            ["Код", "ФИО", "Школа", "Итог"],
            [codes["Математикова Анна"], "", "", "Победитель"],
            ["", "Математикова Дина", "Гимназия № 15", "призёр"],
            ["", "Математикова Ева", "", "молодец"],
            ["", "Неизвестная Ирина", "", "лауреат"],
        ]
    )
    env.clock.now += timedelta(days=2)
    await staff.click("📥 Загрузить итоги из файла")
    await staff.send_document("results.txt", results)
    assert "только CSV и Excel" in staff.last_message.text
    await staff.send_document("results.csv", results)
    preview = staff.last_message.text
    assert "совпали 2, не совпали 2" in preview
    assert "не понял итог" in preview and "нет среди участников" in preview
    async with env.repos() as repos:  # nothing saved before «apply»
        assert await repos.session.scalar(select(func.count()).select_from(ContestResultRow)) == 0
    await env.restart()  # the previewed rows are kept in the state: a restart loses nothing
    await staff.click("✅ Сохранить итоги (2)")
    assert "Изменилось: 2, без изменений: 0" in last_answer(env)
    # The same file again: nothing changes, nobody is told twice.
    await open_section(staff, "📣 Анонсы и объявления")
    await staff.click(TITLE)
    await staff.click("🏆 Этапы и итоги конкурса")
    await staff.click("📥 Загрузить итоги из файла")
    await staff.send_document("results.csv", results)
    await staff.click("✅ Сохранить итоги (2)")
    assert "Изменилось: 0, без изменений: 2" in last_answer(env)
    # Eva's result on screen.
    await staff.click("▫️ Математикова Ева")
    await staff.click("🏅 лауреат")
    assert "Математикова Ева" in staff.last_message.text and "лауреат" in staff.last_message.text

    await settle(env)
    assert len(got(anna, "победитель")) == 1
    assert len(got(dina, "призёр")) == 1
    assert len(got(eva, "лауреат")) == 1
    async with env.repos() as repos:
        stored = {r.user_id: r.result for r in await repos.session.scalars(select(ContestResultRow))}
    assert sorted(stored.values()) == sorted(
        [ContestResult.WINNER, ContestResult.PRIZE, ContestResult.LAUREATE]
    )

    # Support after: «представление опыта» in one tap, once; Dina has no route yet.
    told = got(anna, "Итоги конкурса")[0]
    await anna.click("🎤 Представить опыт: шаг в маршрут", message=told)
    assert "добавлен в ваш маршрут" in last_answer(env)
    await anna.click("🎤 Представить опыт: шаг в маршрут", message=told)
    assert "уже есть" in last_answer(env)
    await dina.click("🎤 Представить опыт: шаг в маршрут", message=got(dina, "Итоги конкурса")[0])
    assert "постройте маршрут" in last_answer(env)
    async with env.repos() as repos:
        steps = list(
            await repos.session.scalars(select(RouteStep).where(RouteStep.form == StepForm.EXPERIENCE))
        )
    assert [s.title for s in steps] == [f"Представление опыта: {TITLE}"]
    # … and the practice bank: the same notice opens the new-practice wizard, the draft is hers.
    assert "банк практик" in told.text
    await anna.click("📚 Предложить практику в банк", message=told)
    assert "Новая практика" in anna.last_message.text
    await anna.send("Урок-исследование к конкурсу «Учитель года»")
    async with env.repos() as repos:
        drafts = list(await repos.session.scalars(select(Practice)))
    assert [(p.title, p.author_id, p.status) for p in drafts] == [
        ("Урок-исследование к конкурсу «Учитель года»", (await _user(env, 4101)).id, PracticeStatus.DRAFT)
    ]

    # The indicator: the results' moments count (the registration's alone would too, but the
    # result moves the teacher's latest contest fact to the day it was recorded).
    n, total = await _contests_share(env)
    assert (n, total) == (3, 5)  # three participants of five teachers (staff and methodist teach)
    async with env.repos() as repos:
        end = env.clock() + timedelta(minutes=1)
        table = await repos.indicators.teacher_table(municipality_id=None, school_id=None, end=end)
        anna_id = (await _user(env, 4101)).id
        index = list(table.user_id).index(anna_id)
        recorded = await repos.session.scalar(
            select(ContestResultRow.recorded_at).where(ContestResultRow.user_id == anna_id)
        )
    assert recorded is not None
    assert str(table.contest_at[index])[:16] == recorded.astimezone(UTC).replace(tzinfo=None).isoformat()[:16]


async def test_a_contest_held_elsewhere_is_confirmed_by_the_teachers_methodist_only(env: BotEnv) -> None:
    olga, petr = env.user(4301), env.user(4302)
    await register(olga, name="Олимпиадова Ольга")
    await register(petr, name="Петров Пётр")
    mira = await _methodist_for(env, 4311, "Методистова Мира", [4301])
    other = await _methodist_for(env, 4312, "Другая Методистка", [4302])
    before = await _contests_share(env)

    # The record: title, level, a date in the future refused, a result, the diploma.
    await open_section(olga, "Мероприятия")
    await olga.click("🏆 Мои конкурсы")
    assert "Пока нет итогов конкурсов" in olga.last_message.text
    await olga.click("➕ Конкурс вне бота")
    await olga.send_photo()  # not a name
    assert "текстом" in olga.last_message.text
    await olga.send("Педагогический дебют — 2026")
    await olga.send("15.11.2026")  # buttons wanted here
    assert "кнопкой" in olga.last_message.text
    await olga.click("Региональный")
    await olga.send("15.11.2099")
    assert "ещё не наступила" in olga.last_message.text
    await olga.send("15.11.2026")
    await env.restart()  # the questions survive a restart
    await olga.click("🥈 призёр")
    await olga.send("просто текст")
    assert "файл или фотография" in olga.last_message.text
    await olga.send_document("diploma.pdf", b"%PDF-1.4 diploma")
    assert "конкурс записан" in "\n".join(m.text or "" for m in olga.messages[-2:])
    assert (
        "Педагогический дебют — 2026" in olga.last_message.text
        and "ждёт подтверждения" in olga.last_message.text
    )
    await settle(env)
    assert len(got(mira, "просит подтвердить участие в конкурсе")) == 1
    assert not got(other, "просит подтвердить участие в конкурсе")
    assert await _contests_share(env) == before  # not counted before it is confirmed

    # Another teacher's methodist sees nothing and cannot confirm it by a forged button.
    await open_section(other, "✅ Подтверждения")
    assert "Олимпиадова" not in other.last_message.text
    async with env.repos() as repos:
        record = (await repos.session.scalars(select(ExternalContest))).one()
    await other.click_data(f"cf:rec_yes:{record.id}")
    assert "не из вашего списка" in last_answer(env)

    # Her methodist opens it (the diploma comes), confirms; a second tap changes nothing.
    await open_section(mira, "✅ Подтверждения")
    await mira.click(_button(mira, "🏆 Олимпиадова"))
    assert any("Конкурс: Педагогический дебют" in (m.text or "") for m in mira.messages[-2:])
    assert documents(mira)[-1] == b"%PDF-1.4 diploma"
    await mira.click_data(f"cf:rec_yes:{record.id}")
    assert "Подтверждено" in last_answer(env)
    await mira.click_data(f"cf:rec_no:{record.id}")
    assert "уже решено" in last_answer(env)
    await settle(env)
    assert len(got(olga, "✅ Ваше участие в конкурсе")) == 1
    async with env.repos() as repos:
        record = (await repos.session.scalars(select(ExternalContest))).one()
    assert record.status == "confirmed" and record.held_on == date(2026, 11, 15)
    n, total = await _contests_share(env)
    assert (n, total) == (before[0] + 1, before[1])


def test_results_and_dates_as_staff_type_them() -> None:
    assert read_result("Победитель") is ContestResult.WINNER
    assert read_result("ПРИЗЁР") is ContestResult.PRIZE
    assert read_result("призер") is ContestResult.PRIZE
    assert read_result("Лауреат II степени") is ContestResult.LAUREATE
    assert read_result("участник") is ContestResult.PARTICIPANT
    assert read_result("молодец") is None and read_result("") is None
    assert read_days("01.12.2026 – 10.12.2026") == (date(2026, 12, 1), date(2026, 12, 10))
    assert read_days("01.12.2026 по 10.12.2026") == (date(2026, 12, 1), date(2026, 12, 10))
    assert read_days("20.12.2026") == (date(2026, 12, 20), None)
    for bad in ("20.12", "31.02.2026", "10.12.2026 – 01.12.2026", ""):
        try:
            read_days(bad)
        except ValueError:
            continue
        raise AssertionError(bad)


def test_matching_a_results_file_to_the_participants() -> None:
    people = [
        Participant(11, 1, "Иванова Анна", "Гимназия № 15"),
        Participant(12, 2, "Петрова Вера", "Лицей № 34"),
        Participant(13, 3, "Петрова Вера", "СОШ № 2"),
    ]
    rows = [
        (1, ["ФИО", "Школа", "Итог", "Код"]),
        (2, ["", "", "победитель", "R11"]),
        (3, ["Петрова Вера", "", "призёр", ""]),  # two of them: which one?
        (4, ["петрова  вера", "МБОУ Лицей № 34 г. Костромы", "лауреат", ""]),
        (5, ["Иванова Анна", "Гимназия № 15", "участник", ""]),  # Anna again
        (6, ["", "", "участник", "R99"]),
        (7, ["Сидорова", "", "", ""]),
    ]
    preview = match_rows(rows, people)
    assert [(m.line, m.user_id, m.result) for m in preview.matched] == [
        (2, 1, ContestResult.WINNER),
        (4, 2, ContestResult.LAUREATE),
    ]
    assert [(u.line, u.why) for u in preview.unmatched] == [
        (3, "ambiguous"),
        (5, "twice"),
        (6, "unknown"),
        (7, "result"),
    ]
    assert match_rows([(1, ["Имя", "Оценка"])], people).header_missing

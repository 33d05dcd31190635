"""Target groups end to end (part 11, seed 001): teachers mark in their profile the groups of children
they work with, staff confirm or reject them (told to the teacher), a school flagged ШНОР in the
directory puts its teachers in that group; an event targeted to a group reaches exactly them (the
live count agrees), and the indicators report shows «involved» per target group on screen and in
the XLSX."""

from __future__ import annotations

import io

import openpyxl
from sqlalchemy import select, update

from bot.domain.contests import RecordStatus, TargetGroup, groups_of, involved_by_group
from bot.domain.events import Audience, Person, concerns
from bot.services.directory import import_directory, parse_csv
from storage.models import School, TargetGroupMark
from tests.conftest import BotEnv
from tests.fakes import TgUser
from tests.flows import (
    create_seminar,
    documents,
    got,
    last_answer,
    open_section,
    register,
    settle,
    staff_user,
)

GIFTED = "Одарённые дети"


async def _groups(user: TgUser) -> None:
    await user.send("/profile")
    await user.click("🎯 С кем я работаю")


def _publish_label(user: TgUser) -> str:
    for button in user.last_message.inline_buttons:
        if str(button["text"]).startswith("🚀 Опубликовать сейчас"):
            return str(button["text"])
    raise AssertionError(user.last_message.button_texts)


async def test_groups_marked_confirmed_targeted_and_counted(env: BotEnv) -> None:
    staff = await staff_user(env)
    anna, boris, galina = env.user(4101), env.user(4102), env.user(4103)
    await register(anna, name="Одарённая Анна")
    await register(boris, name="Овзов Борис")
    await register(galina, name="Галичская Галина", municipality="г. Галич", school="СОШ № 2")
    async with env.repos() as repos:  # Galina's school is flagged ШНОР in the directory
        galina_user = await repos.users.by_tg_id(4103)
        assert galina_user is not None
        await repos.session.execute(
            update(School).where(School.id == galina_user.school_id).values(shnor=True)
        )
        await repos.commit()

    # Anna and Boris mark their groups; a mark taken back and made again is one row.
    await _groups(anna)
    await anna.click(f"▫️ {GIFTED}")
    assert f"⏳ {GIFTED} (ждёт подтверждения)" in anna.last_message.text
    await anna.click(f"⏳ {GIFTED}")
    await anna.click(f"▫️ {GIFTED}")
    await _groups(boris)
    await boris.click("▫️ Дети с ОВЗ")
    await _groups(galina)
    assert "ШНОР" in galina.last_message.text and "автоматически" in galina.last_message.text
    async with env.repos() as repos:
        marks = list(await repos.session.scalars(select(TargetGroupMark)))
    assert sorted(m.group for m in marks) == ["gifted", "ovz"]

    # Staff confirm Anna's, reject Boris's; a second tap changes nothing; both are told.
    await open_section(staff, "✅ Подтверждения")
    text = staff.last_message.text
    assert f"Одарённая Анна — {GIFTED}" in text and "Овзов Борис — Дети с ОВЗ" in text
    await staff.click("✅ Одарённая Анна")
    assert "Подтверждено" in last_answer(env)
    boris_mark = next(m.id for m in marks if m.group == "ovz")
    await staff.click_data(f"cf:grp_no:{boris_mark}")
    assert "Отклонено" in last_answer(env)
    await staff.click_data(f"cf:grp_yes:{boris_mark}")
    assert "уже решено" in last_answer(env)
    assert "Сейчас ничего не ждёт подтверждения" in staff.last_message.text
    await settle(env)
    assert len(got(anna, "Подтверждено: вы работаете с группой")) == 1
    assert len(got(boris, "не подтверждена")) == 1
    async with env.repos() as repos:
        statuses = {m.group: m.status for m in await repos.session.scalars(select(TargetGroupMark))}
    assert statuses == {"gifted": RecordStatus.CONFIRMED, "ovz": RecordStatus.REJECTED}

    # Before anyone is involved: the report shows the groups, none involved yet.
    await open_section(staff, "📈 Отчёты и показатели")
    await staff.click("📊 Показать показатели")
    summary = next(m.text for m in reversed(staff.messages) if "по целевым группам" in (m.text or ""))
    assert f"❌ {GIFTED}: 0,0 % (0 из 1)" in " ".join(summary.split())

    # An event for gifted children's teachers: the live count is 1, and only Anna gets it.
    await create_seminar(staff, "Работа с одарёнными детьми")
    await staff.click("🎯 Группы детей")
    await staff.click(GIFTED)
    await staff.click("✅ Готово")
    assert "группы: Одарённые дети" in staff.last_message.text
    assert "Получат: 1" in staff.last_message.text
    await staff.click("👁 Посмотреть, как увидят педагоги")
    await staff.click(_publish_label(staff))
    await settle(env)
    assert len(got(anna, "Работа с одарёнными детьми")) == 1
    assert not got(boris, "Работа с одарёнными детьми") and not got(galina, "Работа с одарёнными детьми")

    # ШНОР: the flagged school's teacher, with no mark of hers.
    await create_seminar(staff, "Школы с низкими результатами: разбор")
    await staff.click("🎯 Группы детей")
    await staff.click("Школа с низкими результатами (ШНОР)")
    await staff.click("✅ Готово")
    assert "Получат: 1" in staff.last_message.text
    await staff.click("👁 Посмотреть, как увидят педагоги")
    await staff.click(_publish_label(staff))
    await settle(env)
    assert len(got(galina, "Школы с низкими результатами")) == 1
    assert not got(anna, "Школы с низкими результатами")

    # Anna registers: «involved» for gifted children's teachers is 100 % now, on screen and in the file.
    await anna.click("✅ Записаться", message=got(anna, "Работа с одарёнными детьми")[0])
    await open_section(staff, "📈 Отчёты и показатели")
    await staff.click("📊 Показать показатели")
    summary = next(m.text for m in reversed(staff.messages) if "по целевым группам" in (m.text or ""))
    flat = " ".join(summary.split())
    assert f"✅ {GIFTED}: 100,0 % (1 из 1)" in flat
    assert "▫️ Дети с ОВЗ: нет данных" in flat  # Boris's mark was rejected: nobody in the group
    await staff.click("📥 Таблица Excel")
    sheet = openpyxl.load_workbook(io.BytesIO(documents(staff)[-1]), read_only=True).worksheets[0]
    rows = {str(row[0]): row for row in sheet.iter_rows(values_only=True) if row and row[0]}
    gifted = rows[f"Вовлечены: {GIFTED}"]
    assert list(gifted[1:5]) == [80, 100.0, 1, 1]
    assert list(rows["Вовлечены: Школа с низкими результатами (ШНОР)"][3:5]) == [0, 1]


def test_who_counts_in_a_group_and_the_share_per_group() -> None:
    assert groups_of(["gifted"], shnor_school=True) == {"gifted", "shnor"}
    assert groups_of([], shnor_school=False) == frozenset()
    audience = Audience(groups=("gifted",))
    person = Person(
        roles=frozenset({"teacher"}), municipality_id=1, school_id=1, subjects=frozenset(), young=False
    )
    assert not concerns(audience, person)
    assert concerns(audience, Person(**{**_fields(person), "groups": frozenset({"gifted", "ovz"})}))
    assert Audience.from_json(audience.to_json()) == audience
    shares = involved_by_group([1, 2, 3], [True, False, True], {1: {"gifted"}, 2: {"gifted", "ovz"}})
    assert shares[TargetGroup.GIFTED.value] == (1, 2)
    assert shares[TargetGroup.OVZ.value] == (0, 1)
    assert shares[TargetGroup.MIGRANT.value] == (0, 0)


def _fields(person: Person) -> dict[str, object]:
    return {name: getattr(person, name) for name in Person.__dataclass_fields__}


async def test_the_directory_flags_a_school_shnor(env: BotEnv) -> None:
    header = "municipality_code,municipality_name,timezone,school_code,school_name,"
    header += "school_short_name,school_shnor\n"
    text = header + "z,Зэ-район,Europe/Moscow,z-1,Школа номер один,,да\n"
    text += "z,Зэ-район,Europe/Moscow,z-2,Школа номер два,,\n"
    parsed = parse_csv(text, "test.csv")
    assert not parsed.problems
    async with env.repos() as repos:
        await import_directory(repos, parsed)
        await repos.commit()
        flags = dict(
            (
                await repos.session.execute(select(School.code, School.shnor).where(School.code.like("z-%")))
            ).all()
        )
        assert flags == {"z-1": True, "z-2": False}
        # The same file again changes nothing; dropping the flag is a change.
        again = await import_directory(repos, parsed)
        assert again.schools_updated == 0
        unflagged = await import_directory(repos, parse_csv(text.replace(",да\n", ",\n"), "test.csv"))
        assert unflagged.schools_updated == 1
        await repos.commit()

"""Directory files (CSV, YAML): parsing with precise errors, idempotent import, replace, search."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.domain.roles import Role
from bot.services.directory import (
    SAMPLE_DIRECTORY,
    ImportReport,
    ensure_sample_directory,
    import_directory,
    parse_csv,
    parse_directory_file,
    parse_yaml,
)
from storage.db import create_engine, create_sessionmaker
from storage.migrate import upgrade
from storage.models import Municipality, School, UserRole
from storage.repositories import Repos

HEADER = "municipality_code,municipality_name,timezone,school_code,school_name,school_short_name\n"

GOOD_CSV = HEADER + (
    "kostroma,г. Кострома,Europe/Moscow,k-1,Средняя общеобразовательная школа № 1,СОШ № 1\n"
    "kostroma,г. Кострома,Europe/Moscow,k-2,Гимназия № 15 имени Ф. В. Чижова,Гимназия № 15\n"
    "buy,Буйский район,Europe/Moscow,b-1,Буйская средняя школа,\n"
    "sharya,г. Шарья,Europe/Moscow,,,\n"
)

GOOD_YAML = """\
region: Тест
municipalities:
  - code: kostroma
    name: г. Кострома
    timezone: Europe/Moscow
    schools:
      - code: k-1
        name: Средняя общеобразовательная школа № 1
        short_name: СОШ № 1
      - code: k-2
        name: Гимназия № 15 имени Ф. В. Чижова
        short_name: Гимназия № 15
  - code: buy
    name: Буйский район
    timezone: Europe/Moscow
    schools:
      - code: b-1
        name: Буйская средняя школа
  - code: sharya
    name: г. Шарья
    timezone: Europe/Moscow
"""


def write(tmp_path: Path, name: str, text: str, *, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


def summary(parsed) -> dict[str, list[tuple[str, str, str | None]]]:
    return {m.code: [(s.code, s.name, s.short_name) for s in m.schools] for m in parsed.municipalities}


EXPECTED = {
    "kostroma": [
        ("k-1", "Средняя общеобразовательная школа № 1", "СОШ № 1"),
        ("k-2", "Гимназия № 15 имени Ф. В. Чижова", "Гимназия № 15"),
    ],
    "buy": [("b-1", "Буйская средняя школа", None)],
    "sharya": [],
}


# --- parsing: good files -------------------------------------------------------------------


@pytest.mark.parametrize(("name", "text"), [("d.csv", GOOD_CSV), ("d.yaml", GOOD_YAML), ("d.yml", GOOD_YAML)])
def test_good_files_parse_alike(tmp_path: Path, name: str, text: str) -> None:
    parsed = parse_directory_file(write(tmp_path, name, text))
    assert parsed.errors == []
    assert summary(parsed) == EXPECTED
    assert {m.code: (m.name, m.timezone) for m in parsed.municipalities}["buy"] == (
        "Буйский район",
        "Europe/Moscow",
    )


def test_csv_semicolon_delimiter(tmp_path: Path) -> None:
    text = GOOD_CSV.replace(",", ";")
    parsed = parse_directory_file(write(tmp_path, "excel.csv", text))
    assert parsed.errors == []
    assert summary(parsed) == EXPECTED


def test_csv_semicolon_with_commas_in_names(tmp_path: Path) -> None:
    text = (
        "municipality_code;municipality_name;timezone;school_code;school_name;school_short_name\n"
        "k;г. Кострома;Europe/Moscow;k-1;Школа № 1, корпус 2;СОШ № 1\n"
    )
    parsed = parse_directory_file(write(tmp_path, "d.csv", text))
    assert parsed.errors == []
    assert summary(parsed) == {"k": [("k-1", "Школа № 1, корпус 2", "СОШ № 1")]}


def test_csv_utf8_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.csv", GOOD_CSV, encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    parsed = parse_directory_file(path)
    assert parsed.errors == []
    assert summary(parsed) == EXPECTED
    # The same when the text already holds the BOM character.
    assert summary(parse_csv("\ufeff" + GOOD_CSV, "bom.csv")) == EXPECTED


def test_csv_normalises_spaces(tmp_path: Path) -> None:
    text = HEADER + "  k ,  г.   Кострома ,Europe/Moscow, k-1 ,  Школа   № 1 ,  \n"
    parsed = parse_csv(text, "d.csv")
    assert parsed.errors == []
    assert summary(parsed) == {"k": [("k-1", "Школа № 1", None)]}
    assert parsed.municipalities[0].name == "г. Кострома"


def test_csv_only_required_columns(tmp_path: Path) -> None:
    text = "municipality_code,municipality_name,timezone\nk,г. Кострома,Asia/Yekaterinburg\n"
    parsed = parse_csv(text, "d.csv")
    assert parsed.errors == []
    assert [(m.code, m.timezone, m.schools) for m in parsed.municipalities] == [
        ("k", "Asia/Yekaterinburg", [])
    ]


def test_shipped_sample_parses() -> None:
    parsed = parse_directory_file(SAMPLE_DIRECTORY)
    assert parsed.errors == []
    assert len(parsed.municipalities) >= 2
    codes = [s.code for m in parsed.municipalities for s in m.schools]
    assert len(codes) == len(set(codes)) >= 10
    assert any(s.short_name == "Гимназия № 15" for m in parsed.municipalities for s in m.schools)


# --- parsing: bad files --------------------------------------------------------------------


def test_csv_bad_time_zone_names_file_and_line(tmp_path: Path) -> None:
    text = GOOD_CSV.replace("buy,Буйский район,Europe/Moscow", "buy,Буйский район,Europe/Kostroma")
    path = write(tmp_path, "d.csv", text)
    parsed = parse_directory_file(path)
    assert len(parsed.errors) == 1
    error = parsed.errors[0]
    assert error.startswith(f"{path}: line 4: ")
    assert "timezone" in error and "Europe/Kostroma" in error
    # The good lines are still there; the bad line's school is not.
    assert summary(parsed) == {"kostroma": EXPECTED["kostroma"], "sharya": []}


def test_csv_missing_column(tmp_path: Path) -> None:
    text = "municipality_code,municipality_name,school_code,school_name\nk,Кострома,k-1,Школа № 1\n"
    path = write(tmp_path, "d.csv", text)
    parsed = parse_directory_file(path)
    assert parsed.municipalities == []
    assert len(parsed.errors) == 1
    assert parsed.errors[0].startswith(f"{path}: line 1: missing columns timezone")


def test_csv_empty_file(tmp_path: Path) -> None:
    path = write(tmp_path, "d.csv", "")
    parsed = parse_directory_file(path)
    assert parsed.municipalities == []
    assert parsed.errors and parsed.errors[0].startswith(f"{path}: line 1: missing columns")


def test_csv_duplicate_school_code(tmp_path: Path) -> None:
    text = HEADER + (
        "k,г. Кострома,Europe/Moscow,k-1,Школа № 1,\n"
        "k,г. Кострома,Europe/Moscow,k-2,Школа № 2,\n"
        "k,г. Кострома,Europe/Moscow,k-1,Школа № 3,\n"
    )
    path = write(tmp_path, "d.csv", text)
    parsed = parse_directory_file(path)
    assert parsed.errors == [f"{path}: line 4: school code 'k-1' repeats"]
    assert summary(parsed) == {"k": [("k-1", "Школа № 1", None), ("k-2", "Школа № 2", None)]}


def test_csv_municipality_repeated_with_different_name(tmp_path: Path) -> None:
    text = HEADER + (
        "k,г. Кострома,Europe/Moscow,k-1,Школа № 1,\n"
        "k,Кострома-город,Europe/Moscow,k-2,Школа № 2,\n"
        "k,г. Кострома,Europe/Samara,k-3,Школа № 3,\n"
        "k,г. Кострома,Europe/Moscow,k-4,Школа № 4,\n"
    )
    path = write(tmp_path, "d.csv", text)
    parsed = parse_directory_file(path)
    assert len(parsed.errors) == 2
    assert parsed.errors[0].startswith(f"{path}: line 3: municipality 'k' has a different name")
    assert parsed.errors[1].startswith(f"{path}: line 4: municipality 'k' has a different name")
    assert summary(parsed) == {"k": [("k-1", "Школа № 1", None), ("k-4", "Школа № 4", None)]}
    assert parsed.municipalities[0].name == "г. Кострома"


def test_csv_bad_school_fields(tmp_path: Path) -> None:
    text = HEADER + (
        "k,г. Кострома,Europe/Moscow,k-1,Шк,\n"  # name too short
        "k,г. Кострома,Europe/Moscow,,Школа без кода,\n"
        ",г. Кострома,Europe/Moscow,k-3,Школа № 3,\n"
    )
    path = write(tmp_path, "d.csv", text)
    parsed = parse_directory_file(path)
    assert [e.split(": ")[1] for e in parsed.errors] == ["line 2", "line 3", "line 4"]
    assert all(e.startswith(f"{path}: ") for e in parsed.errors)
    assert "name" in parsed.errors[0]
    assert "code" in parsed.errors[1]
    assert "code" in parsed.errors[2]
    assert summary(parsed) == {"k": []}


def test_csv_line_numbers_count_blank_lines(tmp_path: Path) -> None:
    text = HEADER + "\nk,г. Кострома,Europe/Moscow,k-1,Школа № 1,\n\nk,г. Кострома,Nowhere/Zone,k-2,Школа,\n"
    parsed = parse_csv(text, "d.csv")
    assert len(parsed.errors) == 1 and parsed.errors[0].startswith("d.csv: line 5: ")


def test_unknown_extension_and_unreadable(tmp_path: Path) -> None:
    txt = write(tmp_path, "d.txt", GOOD_CSV)
    parsed = parse_directory_file(txt)
    assert parsed.municipalities == [] and parsed.errors == [f"{txt}: use a .csv, .yaml or .yml file"]
    cp1251 = tmp_path / "win.csv"
    cp1251.write_bytes(GOOD_CSV.encode("cp1251"))
    parsed = parse_directory_file(cp1251)
    assert parsed.municipalities == []
    assert len(parsed.errors) == 1 and parsed.errors[0].startswith(f"{cp1251}: cannot read the file")
    missing = tmp_path / "nope.yaml"
    assert parse_directory_file(missing).errors[0].startswith(f"{missing}: cannot read the file")


def test_yaml_bad_time_zone_path(tmp_path: Path) -> None:
    text = GOOD_YAML.replace(
        "name: Буйский район\n    timezone: Europe/Moscow", "name: Буйский район\n    timezone: MSK"
    )
    path = write(tmp_path, "d.yaml", text)
    parsed = parse_directory_file(path)
    assert len(parsed.errors) == 1
    assert parsed.errors[0].startswith(f"{path}: municipalities[1].timezone: ")
    assert "'MSK'" in parsed.errors[0]
    assert summary(parsed) == {"kostroma": EXPECTED["kostroma"], "sharya": []}


def test_yaml_school_errors_name_the_path(tmp_path: Path) -> None:
    text = """\
municipalities:
  - code: a
    name: Аа-район
    timezone: Europe/Moscow
    schools:
      - code: a-1
        name: Школа № 1
  - code: b
    name: Бб-район
    timezone: Europe/Moscow
    schools:
      - code: b-1
        name: Шк
      - code: b-2
      - code: b-3
        name: Школа № 3
        director: Иванов
      - code: b-4
        name: Школа № 4
"""
    path = write(tmp_path, "d.yaml", text)
    parsed = parse_directory_file(path)
    assert parsed.errors[0].startswith(f"{path}: municipalities[1].schools[0].name: ")
    assert parsed.errors[1].startswith(f"{path}: municipalities[1].schools[1].name: ")
    assert "required" in parsed.errors[1].lower()
    assert parsed.errors[2].startswith(f"{path}: municipalities[1].schools[2].director: ")
    assert len(parsed.errors) == 3
    assert summary(parsed) == {"a": [("a-1", "Школа № 1", None)], "b": [("b-4", "Школа № 4", None)]}


def test_yaml_school_not_a_mapping(tmp_path: Path) -> None:
    text = "municipalities:\n  - code: a\n    name: Аа-район\n    timezone: Europe/Moscow\n    schools:\n"
    text += "      - Школа № 1\n"
    path = write(tmp_path, "d.yaml", text)
    parsed = parse_directory_file(path)
    assert len(parsed.errors) == 1
    assert parsed.errors[0].startswith(f"{path}: municipalities[0].schools[0]: ")


def test_yaml_codes_with_leading_zeros_are_not_changed(tmp_path: Path) -> None:
    text = """\
municipalities:
  - code: 0044
    name: Аа-район
    timezone: Europe/Moscow
    schools:
      - {code: 0012, name: Школа № 12}
      - {code: 010, name: Школа № 10}
"""
    parsed = parse_directory_file(write(tmp_path, "d.yaml", text))
    # Either keep the codes as written or refuse them with an error; never change them silently.
    if not parsed.errors:
        assert summary(parsed) == {"0044": [("0012", "Школа № 12", None), ("010", "Школа № 10", None)]}


def test_yaml_duplicate_codes(tmp_path: Path) -> None:
    text = """\
municipalities:
  - code: a
    name: Аа-район
    timezone: Europe/Moscow
    schools:
      - {code: s-1, name: Школа № 1}
      - {code: s-1, name: Школа № 2}
  - code: b
    name: Бб-район
    timezone: Europe/Moscow
    schools:
      - {code: s-1, name: Школа № 3}
      - {code: s-2, name: Школа № 4}
  - code: a
    name: Аа-район снова
    timezone: Europe/Moscow
    schools:
      - {code: s-9, name: Школа № 9}
"""
    path = write(tmp_path, "d.yaml", text)
    parsed = parse_directory_file(path)
    assert parsed.errors == [
        f"{path}: municipalities[0].schools[1]: code 's-1' repeats",
        f"{path}: municipalities[1].schools[0]: code 's-1' repeats",
        f"{path}: municipalities[2]: code 'a' repeats",
    ]
    assert summary(parsed) == {"a": [("s-1", "Школа № 1", None)], "b": [("s-2", "Школа № 4", None)]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("municipalities: [\n  {code: a,\n", "line "),
        ("municipalities:\n  - code: a\n   name: b\n", "line 3"),
        ("just text", "expected a mapping with a list 'municipalities'"),
        ("- a\n- b\n", "expected a mapping with a list 'municipalities'"),
        ("municipalities: {a: 1}\n", "expected a mapping with a list 'municipalities'"),
        ("", "expected a mapping with a list 'municipalities'"),
    ],
)
def test_yaml_not_a_directory(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, "d.yaml", text)
    parsed = parse_directory_file(path)
    assert parsed.municipalities == []
    assert len(parsed.errors) == 1
    assert parsed.errors[0].startswith(f"{path}:")
    assert expected in parsed.errors[0]


def test_yaml_invalid_reports_line(tmp_path: Path) -> None:
    parsed = parse_yaml("municipalities:\n  - code: a\n    name: [unclosed\n    timezone: x\n", "x.yaml")
    assert len(parsed.errors) == 1
    assert parsed.errors[0].startswith("x.yaml: line ") and "not valid YAML" in parsed.errors[0]


def test_yaml_unknown_top_level_and_municipality_not_mapping(tmp_path: Path) -> None:
    text = (
        "municipalities:\n  - just a string\n  - code: b\n    name: Бб-район\n    timezone: Europe/Moscow\n"
    )
    parsed = parse_yaml(text, "x.yaml")
    assert parsed.errors == [
        "x.yaml: municipalities[0]: expected a mapping with code, name, timezone, schools"
    ]
    assert summary(parsed) == {"b": []}


# --- import into a real database -----------------------------------------------------------


@pytest.fixture
async def sessions(tmp_path: Path) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'directory.db'}")
    await upgrade(engine)
    try:
        yield create_sessionmaker(engine)
    finally:
        await engine.dispose()


async def run_import(
    sessions: async_sessionmaker[AsyncSession], path: Path, *, replace: bool = False
) -> ImportReport:
    async with sessions() as session:
        repos = Repos(session)
        report = await import_directory(repos, parse_directory_file(path), replace=replace)
        await repos.commit()
    return report


def counts(report: ImportReport) -> tuple[int, ...]:
    return (
        report.municipalities_added,
        report.municipalities_updated,
        report.schools_added,
        report.schools_updated,
        report.unchanged,
        report.removed_schools,
        report.removed_municipalities,
        report.kept_in_use,
    )


async def db_state(sessions: async_sessionmaker[AsyncSession]) -> dict[str, object]:
    async with sessions() as session:
        munis = {m.id: (m.code, m.name, m.timezone) for m in await session.scalars(select(Municipality))}
        schools = sorted(
            (s.code, munis[s.municipality_id][0], s.name, s.short_name)
            for s in await session.scalars(select(School))
        )
    return {"municipalities": sorted(munis.values()), "schools": schools}


@pytest.mark.parametrize("name", ["d.csv", "d.yaml"])
async def test_import_counts_and_idempotence(
    tmp_path: Path, sessions: async_sessionmaker[AsyncSession], name: str
) -> None:
    path = write(tmp_path, name, GOOD_CSV if name.endswith(".csv") else GOOD_YAML)
    first = await run_import(sessions, path)
    assert counts(first) == (3, 0, 3, 0, 0, 0, 0, 0)
    assert first.changed == 6 and first.errors == []
    state = await db_state(sessions)
    assert state["municipalities"] == [
        ("buy", "Буйский район", "Europe/Moscow"),
        ("kostroma", "г. Кострома", "Europe/Moscow"),
        ("sharya", "г. Шарья", "Europe/Moscow"),
    ]
    assert ("k-2", "kostroma", "Гимназия № 15 имени Ф. В. Чижова", "Гимназия № 15") in state["schools"]

    second = await run_import(sessions, path)
    assert counts(second) == (0, 0, 0, 0, 6, 0, 0, 0)
    assert second.changed == 0
    assert await db_state(sessions) == state


async def test_import_changes_count_as_updated(
    tmp_path: Path, sessions: async_sessionmaker[AsyncSession]
) -> None:
    await run_import(sessions, write(tmp_path, "d.csv", GOOD_CSV))
    changed = (
        GOOD_CSV.replace("Гимназия № 15 имени Ф. В. Чижова,", "Гимназия № 15,")
        .replace("sharya,г. Шарья,Europe/Moscow", "sharya,г. Шарья,Europe/Samara")
        .replace("b-1,Буйская средняя школа,", "b-1,Буйская средняя школа,Буйская СОШ")
    )
    report = await run_import(sessions, write(tmp_path, "d2.csv", changed))
    # kostroma, buy unchanged; sharya updated; k-1 unchanged; k-2 and b-1 updated.
    assert counts(report) == (0, 1, 0, 2, 3, 0, 0, 0)
    state = await db_state(sessions)
    assert ("sharya", "г. Шарья", "Europe/Samara") in state["municipalities"]
    assert ("k-2", "kostroma", "Гимназия № 15", "Гимназия № 15") in state["schools"]
    assert ("b-1", "buy", "Буйская средняя школа", "Буйская СОШ") in state["schools"]


async def test_import_moves_school_to_other_municipality(
    tmp_path: Path, sessions: async_sessionmaker[AsyncSession]
) -> None:
    await run_import(sessions, write(tmp_path, "d.csv", GOOD_CSV))
    moved = GOOD_CSV.replace("buy,Буйский район,Europe/Moscow,b-1", "sharya,г. Шарья,Europe/Moscow,b-1")
    report = await run_import(sessions, write(tmp_path, "d2.csv", moved))
    assert report.schools_updated == 1
    assert ("b-1", "sharya", "Буйская средняя школа", None) in (await db_state(sessions))["schools"]
    async with sessions() as session:
        repos = Repos(session)
        sharya = await repos.directory.municipality_by_code("sharya")
        assert sharya is not None
        school = await repos.directory.school_by_code("b-1")
        assert school is not None
        assert school.search_text == "буйская средняя школа"


async def test_import_keeps_good_rows_of_a_file_with_errors(
    tmp_path: Path, sessions: async_sessionmaker[AsyncSession]
) -> None:
    text = GOOD_CSV + "bad,Плохой район,Mars/Olympus,x-1,Школа на Марсе,\n"
    report = await run_import(sessions, write(tmp_path, "d.csv", text))
    assert counts(report)[:4] == (3, 0, 3, 0)
    assert len(report.errors) == 1 and "line 6" in report.errors[0]
    assert [m[0] for m in (await db_state(sessions))["municipalities"]] == ["buy", "kostroma", "sharya"]


REPLACE_BASE = HEADER + (
    "a,Аа-район,Europe/Moscow,a-1,Школа № 1,\n"
    "a,Аа-район,Europe/Moscow,a-2,Школа № 2,\n"
    "a,Аа-район,Europe/Moscow,a-3,Школа № 3,\n"
    "b,Бб-район,Europe/Moscow,b-1,Школа Б,\n"
    "c,Вв-район,Europe/Moscow,,,\n"
)
REPLACE_NEW = HEADER + "a,Аа-район,Europe/Moscow,a-1,Школа № 1,\n"


async def add_user(sessions: async_sessionmaker[AsyncSession], tg_id: int, **fields: object) -> None:
    async with sessions() as session:
        repos = Repos(session)
        user = await repos.users.create(
            tg_id, locale="ru", consent_at=datetime(2026, 1, 1, tzinfo=UTC), consent_version="t"
        )
        resolved: dict[str, object] = {}
        for key, code in fields.items():
            if key == "school":
                school = await repos.directory.school_by_code(str(code))
                assert school is not None
                resolved["school_id"] = school.id
            elif key == "municipality":
                muni = await repos.directory.municipality_by_code(str(code))
                assert muni is not None
                resolved["municipality_id"] = muni.id
        await repos.users.update(user, **resolved)
        await repos.commit()


async def test_replace_removes_absent_but_keeps_used_school(
    tmp_path: Path, sessions: async_sessionmaker[AsyncSession]
) -> None:
    await run_import(sessions, write(tmp_path, "base.csv", REPLACE_BASE))
    await add_user(sessions, 1001, municipality="a", school="a-2")

    # Without --replace nothing is removed.
    report = await run_import(sessions, write(tmp_path, "new.csv", REPLACE_NEW))
    assert counts(report) == (0, 0, 0, 0, 2, 0, 0, 0)
    assert len((await db_state(sessions))["schools"]) == 4

    report = await run_import(sessions, write(tmp_path, "new.csv", REPLACE_NEW), replace=True)
    # a-3 and b-1 go, a-2 stays (a teacher's profile points at it); b and c go.
    assert counts(report) == (0, 0, 0, 0, 2, 2, 2, 1)
    state = await db_state(sessions)
    assert [s[0] for s in state["schools"]] == ["a-1", "a-2"]
    assert [m[0] for m in state["municipalities"]] == ["a"]
    async with sessions() as session:
        user = await Repos(session).users.by_tg_id(1001)
        assert user is not None and user.school is not None and user.school.code == "a-2"

    # Running the same replace again removes nothing more and keeps the used school.
    again = await run_import(sessions, write(tmp_path, "new.csv", REPLACE_NEW), replace=True)
    assert counts(again) == (0, 0, 0, 0, 2, 0, 0, 1)


async def test_replace_keeps_municipality_of_a_profile(
    tmp_path: Path, sessions: async_sessionmaker[AsyncSession]
) -> None:
    await run_import(sessions, write(tmp_path, "base.csv", REPLACE_BASE))
    await add_user(sessions, 1002, municipality="c")  # registered with «my school is not in the list»
    await add_user(sessions, 1003, municipality="b", school="b-1")
    report = await run_import(sessions, write(tmp_path, "new.csv", REPLACE_NEW), replace=True)
    state = await db_state(sessions)
    assert [m[0] for m in state["municipalities"]] == ["a", "b", "c"]
    assert [s[0] for s in state["schools"]] == ["a-1", "b-1"]
    assert (report.removed_schools, report.removed_municipalities) == (2, 0)
    # b-1, b (profile and its school) and c (profile) are kept because they are in use.
    assert report.kept_in_use == 3


async def test_replace_skipped_when_file_has_errors(
    tmp_path: Path, sessions: async_sessionmaker[AsyncSession]
) -> None:
    await run_import(sessions, write(tmp_path, "base.csv", REPLACE_BASE))
    broken = REPLACE_NEW + "z,Зз-район,Bad/Zone,,,\n"
    report = await run_import(sessions, write(tmp_path, "new.csv", broken), replace=True)
    assert len(report.errors) == 1
    assert (report.removed_schools, report.removed_municipalities) == (0, 0)
    assert len((await db_state(sessions))["schools"]) == 4


async def test_replace_keeps_municipality_of_a_staff_scope(
    tmp_path: Path, sessions: async_sessionmaker[AsyncSession]
) -> None:
    await run_import(sessions, write(tmp_path, "base.csv", REPLACE_BASE))
    await add_user(sessions, 1004)
    async with sessions() as session:
        repos = Repos(session)
        user = await repos.users.by_tg_id(1004)
        muni = await repos.directory.municipality_by_code("c")
        assert user is not None and muni is not None
        await repos.users.add_role(user, Role.STAFF, scope_municipality_id=muni.id, granted_by_tg_id=None)
        await repos.commit()
    await run_import(sessions, write(tmp_path, "new.csv", REPLACE_NEW), replace=True)
    async with sessions() as session:
        role = await session.scalar(select(UserRole).where(UserRole.role == Role.STAFF))
        assert role is not None
        assert role.scope_municipality_id is not None
    assert "c" in [m[0] for m in (await db_state(sessions))["municipalities"]]


async def test_sample_directory_loaded_once(sessions: async_sessionmaker[AsyncSession]) -> None:
    parsed = parse_directory_file(SAMPLE_DIRECTORY)
    n_munis = len(parsed.municipalities)
    n_schools = sum(len(m.schools) for m in parsed.municipalities)
    async with sessions() as session:
        repos = Repos(session)
        report = await ensure_sample_directory(repos)
        await repos.commit()
    assert report is not None
    assert counts(report) == (n_munis, 0, n_schools, 0, 0, 0, 0, 0)
    async with sessions() as session:
        repos = Repos(session)
        assert await ensure_sample_directory(repos) is None
        assert await repos.directory.count_municipalities() == n_munis
        assert await repos.directory.count_schools() == n_schools


async def test_sample_directory_not_loaded_over_own_directory(
    tmp_path: Path, sessions: async_sessionmaker[AsyncSession]
) -> None:
    await run_import(sessions, write(tmp_path, "own.csv", GOOD_CSV))
    async with sessions() as session:
        repos = Repos(session)
        assert await ensure_sample_directory(repos) is None
        assert await repos.directory.count_schools() == 3


async def test_sample_directory_with_errors_raises(
    tmp_path: Path, sessions: async_sessionmaker[AsyncSession]
) -> None:
    bad = write(
        tmp_path, "bad.yaml", "municipalities:\n  - code: x\n    name: Икс\n    timezone: Nope/Nope\n"
    )
    async with sessions() as session:
        repos = Repos(session)
        with pytest.raises(ValueError, match="Nope/Nope"):
            await ensure_sample_directory(repos, bad)
        assert await repos.directory.count_municipalities() == 0


# --- school search -------------------------------------------------------------------------

SEARCH_YAML = """\
municipalities:
  - code: a
    name: Аа-район
    timezone: Europe/Moscow
    schools:
      - {code: s-11, short_name: СОШ № 11, name: Средняя общеобразовательная школа № 11}
      - {code: s-2, short_name: СОШ № 2, name: Средняя общеобразовательная школа № 2}
      - {code: g-15, short_name: Гимназия № 15, name: МБОУ «Гимназия № 15 имени Ф. В. Чижова»}
      - {code: yo, short_name: Лицей «Ёлочка», name: МБОУ «Лицей «Ёлочка»»}
      - {code: pct, name: Школа 100% успеха}
      - {code: und, name: Школа_будущего}
  - code: b
    name: Бб-район
    timezone: Europe/Moscow
    schools:
      - {code: g-1, short_name: Гимназия № 1, name: Гимназия № 1 района Бб}
"""


@pytest.fixture
async def search(tmp_path: Path, sessions: async_sessionmaker[AsyncSession]):
    await run_import(sessions, write(tmp_path, "search.yaml", SEARCH_YAML))

    async def find(query: str | None, *, offset: int = 0, limit: int = 50) -> tuple[list[str], int]:
        async with sessions() as session:
            repos = Repos(session)
            muni = await repos.directory.municipality_by_code("a")
            assert muni is not None
            rows, total = await repos.directory.schools(muni.id, query=query, offset=offset, limit=limit)
            return [s.code for s in rows], total

    return find


ALL_IN_ORDER = ["g-15", "yo", "s-2", "s-11", "pct", "und"]


async def test_search_lists_all_in_natural_order(search) -> None:
    assert await search(None) == (ALL_IN_ORDER, 6)
    assert await search("") == (ALL_IN_ORDER, 6)
    assert await search("сош") == (["s-2", "s-11"], 2)


async def test_search_pages(search) -> None:
    assert await search(None, offset=0, limit=2) == (["g-15", "yo"], 6)
    assert await search(None, offset=2, limit=2) == (["s-2", "s-11"], 6)
    assert await search(None, offset=6, limit=2) == ([], 6)


@pytest.mark.parametrize("query", ["гимназия", "ГИМНАЗИЯ", "Гимназия № 15", "гИмНаЗиЯ", "чижова"])
async def test_search_case_insensitive_cyrillic(search, query: str) -> None:
    # Only the municipality's own schools: «Гимназия № 1» of the other district is not found.
    assert await search(query) == (["g-15"], 1)


@pytest.mark.parametrize("query", ["елочка", "ёлочка", "ЁЛОЧКА", "ЕЛОЧКА"])
async def test_search_yo_is_e(search, query: str) -> None:
    assert await search(query) == (["yo"], 1)


async def test_search_escapes_like_wildcards(search) -> None:
    assert await search("%") == (["pct"], 1)
    assert await search("_") == (["und"], 1)
    assert await search("0%") == (["pct"], 1)
    assert await search("а_б") == (["und"], 1)
    assert await search("\\") == ([], 0)


async def test_search_by_number_and_nothing_found(search) -> None:
    assert await search("11") == (["s-11"], 1)
    assert await search("№ 2") == (["s-2"], 1)
    assert await search("лицей № 99") == ([], 0)

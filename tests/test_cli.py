"""`python -m bot` as an operator runs it: real subprocesses, a clean environment, a temp folder."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from bot.config import Settings
from bot.i18n import I18n
from storage.migrate import alembic_config

ROOT = Path(__file__).resolve().parent.parent
HEADER = "municipality_code,municipality_name,timezone,school_code,school_name,school_short_name\n"
GOOD_CSV = HEADER + (
    "kostroma,г. Кострома,Europe/Moscow,k-1,Средняя общеобразовательная школа № 1,СОШ № 1\n"
    "kostroma,г. Кострома,Europe/Moscow,k-2,Гимназия № 15,\n"
    "buy,Буйский район,Europe/Moscow,b-1,Буйская средняя школа,\n"
)
REPORT_RU = re.compile(
    r"Муниципалитеты: добавлено (\d+), обновлено (\d+)\. Школы: добавлено (\d+), обновлено (\d+)\. "
    r"Без изменений: (\d+)\."
)

HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The caller's environment minus every setting of the bot, plus a database in tmp_path."""
    settings_vars = {name.upper() for name in Settings.model_fields}
    env = {k: v for k, v in os.environ.items() if k.upper() not in settings_vars}
    env["PYTHONPATH"] = str(ROOT)
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'db' / 'bot.db'}"
    env["DEFAULT_LOCALE"] = "ru"
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def run(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=env if env is not None else clean_env(tmp_path),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def db_path(tmp_path: Path) -> Path:
    return tmp_path / "db" / "bot.db"


def query(tmp_path: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db_path(tmp_path)) as conn:
        return conn.execute(sql).fetchall()


def report_numbers(stdout: str) -> tuple[int, ...]:
    match = REPORT_RU.search(stdout)
    assert match, stdout
    return tuple(int(n) for n in match.groups())


def assert_one_line_error(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip("\n").split("\n")
    assert len(lines) == 1, result.stderr
    for needle in needles:
        assert needle in lines[0]


def missing_text(locale: str) -> str:
    """The locale's words for «not set» (whichever key the CLI currently uses)."""
    _ = I18n(locale).get(locale)
    return next(_(key) for key in ("cli-invalid-missing", "cli-missing") if _.has(key))


# --- starting without a proper token -------------------------------------------------------


@pytest.mark.parametrize("args", [(), ("run",)])
def test_no_token(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = run(tmp_path, *args)
    assert_one_line_error(result, "Ошибка настройки", "BOT_TOKEN: " + missing_text("ru"))
    assert result.stdout == ""
    # Nothing was started: no database appeared.
    assert not db_path(tmp_path).exists()


@pytest.mark.parametrize("token", ["abc", "12345:secret-but-short", "not-a-number:AAAAAAAAAAAAAAAAAAAAAAAA"])
def test_malformed_token(tmp_path: Path, token: str) -> None:
    result = run(tmp_path, env=clean_env(tmp_path, BOT_TOKEN=token))
    assert_one_line_error(result, "Ошибка настройки", "BOT_TOKEN")
    # The secret itself is not echoed into logs.
    assert token not in result.stderr
    assert not db_path(tmp_path).exists()


def test_config_error_in_english(tmp_path: Path) -> None:
    result = run(tmp_path, env=clean_env(tmp_path, DEFAULT_LOCALE="en"))
    assert_one_line_error(result, "Configuration error", "BOT_TOKEN: " + missing_text("en"))


def test_several_config_errors_on_one_line(tmp_path: Path) -> None:
    env = clean_env(tmp_path, LOG_LEVEL="LOUD", DEFAULT_TIMEZONE="Mars/Olympus")
    result = run(tmp_path, env=env)
    assert_one_line_error(result, "BOT_TOKEN", "LOG_LEVEL", "DEFAULT_TIMEZONE")


# --- migrate -------------------------------------------------------------------------------


def test_migrate_creates_database(tmp_path: Path) -> None:
    assert not db_path(tmp_path).exists()
    result = run(tmp_path, "migrate")
    assert result.returncode == 0, result.stderr
    assert "База данных обновлена" in result.stdout
    assert "Traceback" not in result.stderr
    assert db_path(tmp_path).is_file()
    tables = {row[0] for row in query(tmp_path, "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {
        "alembic_version",
        "municipalities",
        "schools",
        "users",
        "user_roles",
        "user_subjects",
        "invites",
        "role_audit",
        "school_requests",
        "fsm_records",
    } <= tables
    assert query(tmp_path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    # A second run is a no-op.
    again = run(tmp_path, "migrate")
    assert again.returncode == 0, again.stderr
    assert query(tmp_path, "SELECT version_num FROM alembic_version") == [(HEAD,)]


@pytest.mark.parametrize("command", [("migrate",), ("import-directory", "d.csv")])
def test_bad_database_url_is_one_line(tmp_path: Path, command: tuple[str, ...]) -> None:
    (tmp_path / "d.csv").write_text(GOOD_CSV, encoding="utf-8")
    result = run(tmp_path, *command, env=clean_env(tmp_path, DATABASE_URL="mysql://user@host/db"))
    assert_one_line_error(result, "DATABASE_URL")


def test_migrate_reads_database_url_from_dotenv(tmp_path: Path) -> None:
    target = tmp_path / "from-dotenv.db"
    (tmp_path / ".env").write_text(f"DATABASE_URL=sqlite+aiosqlite:///{target}\n", encoding="utf-8")
    env = clean_env(tmp_path)
    del env["DATABASE_URL"]
    result = run(tmp_path, "migrate", env=env)
    assert result.returncode == 0, result.stderr
    assert target.is_file()
    assert not (tmp_path / "data" / "metodist.db").exists()


# --- import-directory ----------------------------------------------------------------------


def test_import_good_csv_twice(tmp_path: Path) -> None:
    (tmp_path / "schools.csv").write_text(GOOD_CSV, encoding="utf-8")
    first = run(tmp_path, "import-directory", "schools.csv")
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""
    assert report_numbers(first.stdout) == (2, 0, 3, 0, 0)
    assert sorted(query(tmp_path, "SELECT code, name FROM municipalities")) == [
        ("buy", "Буйский район"),
        ("kostroma", "г. Кострома"),
    ]
    assert sorted(r[0] for r in query(tmp_path, "SELECT code FROM schools")) == ["b-1", "k-1", "k-2"]

    second = run(tmp_path, "import-directory", "schools.csv")
    assert second.returncode == 0, second.stderr
    assert report_numbers(second.stdout) == (0, 0, 0, 0, 5)
    assert "добавлено 0" in second.stdout


def test_import_report_in_english(tmp_path: Path) -> None:
    (tmp_path / "schools.csv").write_text(GOOD_CSV, encoding="utf-8")
    result = run(tmp_path, "import-directory", "schools.csv", env=clean_env(tmp_path, DEFAULT_LOCALE="en"))
    assert result.returncode == 0, result.stderr
    assert "Municipalities: 2 added, 0 updated. Schools: 3 added, 0 updated. Unchanged: 0." in result.stdout


def test_import_file_with_bad_row(tmp_path: Path) -> None:
    bad = GOOD_CSV + "sharya,г. Шарья,Europe/Sharya,s-1,Школа № 1 г. Шарьи,\n"
    path = tmp_path / "bad.csv"
    path.write_text(bad, encoding="utf-8")
    result = run(tmp_path, "import-directory", str(path))
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "Строки с ошибками (1)" in result.stderr
    bad_lines = [line for line in result.stderr.splitlines() if "line 5" in line]
    assert len(bad_lines) == 1
    assert str(path) in bad_lines[0] and "Europe/Sharya" in bad_lines[0]
    # The good rows are loaded all the same, and the report says so.
    assert report_numbers(result.stdout) == (2, 0, 3, 0, 0)
    assert sorted(r[0] for r in query(tmp_path, "SELECT code FROM schools")) == ["b-1", "k-1", "k-2"]


def test_import_replace(tmp_path: Path) -> None:
    (tmp_path / "full.csv").write_text(GOOD_CSV, encoding="utf-8")
    assert run(tmp_path, "import-directory", "full.csv").returncode == 0
    (tmp_path / "less.csv").write_text(
        HEADER + "kostroma,г. Кострома,Europe/Moscow,k-1,Средняя общеобразовательная школа № 1,СОШ № 1\n",
        encoding="utf-8",
    )
    result = run(tmp_path, "import-directory", "less.csv", "--replace")
    assert result.returncode == 0, result.stderr
    assert "Удалено отсутствующих в файле: школ 2, муниципалитетов 1" in result.stdout
    assert query(tmp_path, "SELECT code FROM schools") == [("k-1",)]
    assert query(tmp_path, "SELECT code FROM municipalities") == [("kostroma",)]


def test_import_replace_skipped_on_errors(tmp_path: Path) -> None:
    (tmp_path / "full.csv").write_text(GOOD_CSV, encoding="utf-8")
    assert run(tmp_path, "import-directory", "full.csv").returncode == 0
    (tmp_path / "bad.csv").write_text(HEADER + "kostroma,г. Кострома,Nowhere/Zone,,,\n", encoding="utf-8")
    result = run(tmp_path, "import-directory", "bad.csv", "--replace")
    assert result.returncode == 1
    assert "--replace пропущен" in result.stdout
    assert len(query(tmp_path, "SELECT code FROM schools")) == 3


def test_import_missing_file(tmp_path: Path) -> None:
    result = run(tmp_path, "import-directory", "nope.csv")
    assert_one_line_error(result, "Файл не найден", "nope.csv")
    assert result.stdout == ""
    assert not db_path(tmp_path).exists()


def test_import_needs_no_token(tmp_path: Path) -> None:
    # Even a malformed token does not matter to the directory import.
    (tmp_path / "schools.yaml").write_text(
        "municipalities:\n  - {code: a, name: Аа-район, timezone: Europe/Moscow}\n", encoding="utf-8"
    )
    result = run(tmp_path, "import-directory", "schools.yaml", env=clean_env(tmp_path, BOT_TOKEN="bad"))
    assert result.returncode == 0, result.stderr
    assert report_numbers(result.stdout) == (1, 0, 0, 0, 0)

"""Import of municipalities and schools from CSV or YAML; loading the demo directory."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

if TYPE_CHECKING:
    from storage.repositories.directory import DirectoryRepo

SAMPLE_DIRECTORY = Path(__file__).resolve().parent.parent / "content" / "sample_directory.yaml"
CSV_COLUMNS = (
    "municipality_code",
    "municipality_name",
    "timezone",
    "school_code",
    "school_name",
    "school_short_name",
    "school_shnor",  # part 11: a school with low results (ШНОР): 1 / да / yes; optional
)
_YES = frozenset({"1", "да", "yes", "true", "+", "шнор", "y", "д"})
_NO = frozenset({"", "0", "нет", "no", "false", "-", "n", "н"})


def _clean(value: str) -> str:
    return " ".join(value.split())


class SchoolIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=3, max_length=300)
    short_name: str | None = Field(default=None, max_length=120)
    shnor: bool = False  # part 11: a school with low results (ШНОР)

    @field_validator("shnor", mode="before")
    @classmethod
    def _flag(cls, value: object) -> object:
        if isinstance(value, str):
            folded = value.strip().casefold()
            if folded in _YES:
                return True
            if folded in _NO:
                return False
        return value

    @field_validator("code", "name", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return _clean(str(value)) if isinstance(value, (str, int)) else value

    @field_validator("short_name", mode="before")
    @classmethod
    def _short(cls, value: object) -> object:
        if value is None:
            return None
        text = _clean(str(value))
        return text or None


class MunicipalityIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=2, max_length=200)
    timezone: str
    schools: list[SchoolIn] = Field(default_factory=list)

    @field_validator("code", "name", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        return _clean(str(value)) if isinstance(value, (str, int)) else value

    @field_validator("timezone")
    @classmethod
    def _tz(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (expected e.g. Europe/Moscow)") from None
        return value


class DirectoryFileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    region: str | None = None
    municipalities: list[MunicipalityIn]


@dataclass
class ParsedDirectory:
    """Good entries, and what was wrong: `errors` in English lines (the CLI's), and for a table
    (CSV, a spreadsheet) the same as `problems`, which the bot tells in the reader's language."""

    municipalities: list[MunicipalityIn] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)

    def add(self, problem: RowProblem, source: str) -> None:
        self.problems.append(problem)
        self.errors.append(problem.english(source))


@dataclass
class ImportReport:
    municipalities_added: int = 0
    municipalities_updated: int = 0
    schools_added: int = 0
    schools_updated: int = 0
    unchanged: int = 0
    removed_schools: int = 0
    removed_municipalities: int = 0
    kept_in_use: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return (
            self.municipalities_added
            + self.municipalities_updated
            + self.schools_added
            + self.schools_updated
            + self.removed_schools
            + self.removed_municipalities
        )


def _loc(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _join(where: str, loc: tuple[int | str, ...]) -> str:
    return f"{where}.{_loc(loc)}" if loc else where


def parse_yaml(text: str, source: str) -> ParsedDirectory:
    result = ParsedDirectory()
    try:
        # BaseLoader keeps every scalar as written: «code: 0012» stays "0012", not octal 10.
        raw = yaml.load(text, Loader=yaml.BaseLoader)  # BaseLoader builds no objects: safe
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        result.errors.append(f"{source}:{where}: not valid YAML ({getattr(exc, 'problem', exc)})")
        return result
    if not isinstance(raw, dict) or not isinstance(raw.get("municipalities"), list):
        result.errors.append(f"{source}: expected a mapping with a list 'municipalities'")
        return result
    seen_m: set[str] = set()
    seen_s: set[str] = set()
    for index, item in enumerate(raw["municipalities"]):
        where = f"{source}: municipalities[{index}]"
        if not isinstance(item, dict):
            result.errors.append(f"{where}: expected a mapping with code, name, timezone, schools")
            continue
        schools = item.get("schools") or []
        try:
            muni = MunicipalityIn.model_validate({**item, "schools": []})
        except ValidationError as exc:
            result.errors.extend(f"{_join(where, e['loc'])}: {e['msg']}" for e in exc.errors())
            continue
        if muni.code in seen_m:
            result.errors.append(f"{where}: code {muni.code!r} repeats")
            continue
        seen_m.add(muni.code)
        if not isinstance(schools, list):
            result.errors.append(f"{where}.schools: expected a list")
            schools = []
        for s_index, raw_school in enumerate(schools):
            s_where = f"{where}.schools[{s_index}]"
            try:
                school = SchoolIn.model_validate(raw_school)
            except ValidationError as exc:
                result.errors.extend(f"{_join(s_where, e['loc'])}: {e['msg']}" for e in exc.errors())
                continue
            if school.code in seen_s:
                result.errors.append(f"{s_where}: code {school.code!r} repeats")
                continue
            seen_s.add(school.code)
            muni.schools.append(school)
        result.municipalities.append(muni)
    return result


@dataclass(frozen=True, slots=True)
class FieldIssue:
    """One column of a row that breaks a rule: `kind` is «empty», «too-short», «too-long» or
    «bad-timezone» (told in words by the bot), `english` pydantic's own words (the CLI's)."""

    column: str
    kind: str
    english: str
    limit: int = 0
    value: str = ""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """A row of a table (CSV or a spreadsheet) that was skipped, and why.

    `kind`: «fields» (see `issues`), «missing-columns» (`value`: the missing ones, line 1),
    «school-repeats» / «municipality-differs» (`value`: the code).
    """

    line: int
    kind: str
    issues: tuple[FieldIssue, ...] = ()
    value: str = ""

    def english(self, source: str) -> str:
        """The line the command-line import prints."""
        where = f"{source}: line {self.line}: "
        match self.kind:
            case "missing-columns":
                return f"{where}missing columns {self.value} (expected: {', '.join(CSV_COLUMNS)})"
            case "school-repeats":
                return f"{where}school code {self.value!r} repeats"
            case "municipality-differs":
                return (
                    f"{where}municipality {self.value!r} has a different name or time zone "
                    "than on an earlier line"
                )
            case _:
                return where + "; ".join(issue.english for issue in self.issues)


_MUNICIPALITY_COLUMNS = {"code": "municipality_code", "name": "municipality_name", "timezone": "timezone"}
_SCHOOL_COLUMNS = {
    "code": "school_code",
    "name": "school_name",
    "short_name": "school_short_name",
    "shnor": "school_shnor",
}


def _issues(exc: ValidationError, columns: dict[str, str], values: dict[str, str]) -> tuple[FieldIssue, ...]:
    found = []
    for error in exc.errors():
        field_name = str(error["loc"][0]) if error["loc"] else ""
        column = columns.get(field_name, field_name)
        value = values.get(column, "")
        ctx = error.get("ctx") or {}
        if not value:
            kind, limit = "empty", 0
        elif error["type"] == "string_too_short":
            kind, limit = "too-short", int(ctx.get("min_length", 0))
        elif error["type"] == "string_too_long":
            kind, limit = "too-long", int(ctx.get("max_length", 0))
        else:
            kind, limit = "bad-timezone", 0
        found.append(FieldIssue(column, kind, f"{_loc(error['loc'])}: {error['msg']}", limit, value))
    return tuple(found)


def parse_rows(rows: Iterable[tuple[int, Sequence[str]]], source: str) -> ParsedDirectory:
    """The table's rules, whatever the file: `rows` are (line number, cells), the header first.

    Columns are found by their names (in any order, extra ones ignored); a municipality repeats on
    every row of its schools; a row with no school columns adds just the municipality. A bad row is
    skipped with a `RowProblem`, the good ones load.
    """
    result = ParsedDirectory()
    iterator = iter(rows)
    line, header = next(iterator, (1, []))
    names = [str(cell).strip().lstrip("\ufeff").casefold() for cell in header]
    index = {name: names.index(name) for name in CSV_COLUMNS if name in names}
    missing = [c for c in CSV_COLUMNS[:3] if c not in index]
    if missing:
        result.add(RowProblem(line, "missing-columns", value=", ".join(missing)), source)
        return result
    by_code: dict[str, MunicipalityIn] = {}
    seen_s: set[str] = set()
    for line, cells in iterator:
        values = {name: (cells[i] if i < len(cells) else "").strip() for name, i in index.items()}
        try:
            muni = MunicipalityIn(
                code=values["municipality_code"],
                name=values["municipality_name"],
                timezone=values["timezone"],
            )
        except ValidationError as exc:
            result.add(RowProblem(line, "fields", _issues(exc, _MUNICIPALITY_COLUMNS, values)), source)
            continue
        known = by_code.get(muni.code)
        if known is not None and (known.name, known.timezone) != (muni.name, muni.timezone):
            result.add(RowProblem(line, "municipality-differs", value=muni.code), source)
            continue
        if known is None:
            by_code[muni.code] = known = muni
        if not values.get("school_code") and not values.get("school_name"):
            continue
        try:
            school = SchoolIn(
                code=values.get("school_code", ""),
                name=values.get("school_name", ""),
                short_name=values.get("school_short_name") or None,
                shnor=values.get("school_shnor", ""),
            )
        except ValidationError as exc:
            result.add(RowProblem(line, "fields", _issues(exc, _SCHOOL_COLUMNS, values)), source)
            continue
        if school.code in seen_s:
            result.add(RowProblem(line, "school-repeats", value=school.code), source)
            continue
        seen_s.add(school.code)
        known.schools.append(school)
    result.municipalities = list(by_code.values())
    return result


def csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """A CSV's rows with their line numbers (blank lines skipped, as the CLI always did); the
    delimiter is the first line's: a semicolon (Excel in Russian) or a comma."""
    text = text.lstrip("\ufeff")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for row in reader:
        if row:
            yield reader.line_num, row


def parse_csv(text: str, source: str) -> ParsedDirectory:
    return parse_rows(csv_rows(text), source)


def parse_directory_file(path: Path) -> ParsedDirectory:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return ParsedDirectory(errors=[f"{path}: cannot read the file ({exc})"])
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        return parse_yaml(text, str(path))
    if suffix == ".csv":
        return parse_csv(text, str(path))
    return ParsedDirectory(errors=[f"{path}: use a .csv, .yaml or .yml file"])


class DirectoryRepos(Protocol):
    """The one repository an import uses (`Repos` is one)."""

    @property
    def directory(self) -> DirectoryRepo: ...


async def import_directory(
    repos: DirectoryRepos, parsed: ParsedDirectory, *, replace: bool = False
) -> ImportReport:
    """Upsert by code: running the same file twice changes nothing the second time."""
    # Here, not at the top: the parsing rules above are imported by the child process that checks
    # an upload (`bot.services.directory_check`), which should start without the database layer.
    from storage.repositories.directory import Upsert

    report = ImportReport(errors=list(parsed.errors))
    for muni in parsed.municipalities:
        row, status = await repos.directory.upsert_municipality(muni.code, muni.name, muni.timezone)
        report.municipalities_added += status is Upsert.ADDED
        report.municipalities_updated += status is Upsert.UPDATED
        report.unchanged += status is Upsert.UNCHANGED
        for school in muni.schools:
            _, status = await repos.directory.upsert_school(
                school.code, row.id, school.name, school.short_name, shnor=school.shnor
            )
            report.schools_added += status is Upsert.ADDED
            report.schools_updated += status is Upsert.UPDATED
            report.unchanged += status is Upsert.UNCHANGED
    if replace and not parsed.errors:
        keep_m = {m.code for m in parsed.municipalities}
        keep_s = {s.code for m in parsed.municipalities for s in m.schools}
        (
            report.removed_schools,
            report.removed_municipalities,
            report.kept_in_use,
        ) = await repos.directory.remove_absent(keep_m, keep_s)
    return report


async def ensure_sample_directory(
    repos: DirectoryRepos, path: Path = SAMPLE_DIRECTORY
) -> ImportReport | None:
    """Load the demo region when the directory is empty, so a newcomer can register at once."""
    if await repos.directory.count_municipalities() > 0:
        return None
    parsed = parse_directory_file(path)
    if parsed.errors:
        raise ValueError("; ".join(parsed.errors))
    return await import_directory(repos, parsed)

"""Import of municipalities and schools from CSV or YAML; loading the demo directory."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from storage.repositories.directory import DirectoryRepo, Upsert

SAMPLE_DIRECTORY = Path(__file__).resolve().parent.parent / "content" / "sample_directory.yaml"
CSV_COLUMNS = (
    "municipality_code",
    "municipality_name",
    "timezone",
    "school_code",
    "school_name",
    "school_short_name",
)


def _clean(value: str) -> str:
    return " ".join(value.split())


class SchoolIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: str = Field(min_length=1, max_length=64)
    name: str = Field(min_length=3, max_length=300)
    short_name: str | None = Field(default=None, max_length=120)

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
    municipalities: list[MunicipalityIn] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


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


def parse_csv(text: str, source: str) -> ParsedDirectory:
    result = ParsedDirectory()
    text = text.lstrip("\ufeff")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    missing = [c for c in CSV_COLUMNS[:3] if c not in (reader.fieldnames or [])]
    if missing:
        result.errors.append(
            f"{source}: line 1: missing columns {', '.join(missing)} (expected: {', '.join(CSV_COLUMNS)})"
        )
        return result
    by_code: dict[str, MunicipalityIn] = {}
    seen_s: set[str] = set()
    for row in reader:
        line = reader.line_num
        values = {k: (v or "").strip() for k, v in row.items() if k}
        try:
            muni = MunicipalityIn(
                code=values["municipality_code"],
                name=values["municipality_name"],
                timezone=values["timezone"],
            )
        except ValidationError as exc:
            msgs = "; ".join(f"{_loc(e['loc'])}: {e['msg']}" for e in exc.errors())
            result.errors.append(f"{source}: line {line}: {msgs}")
            continue
        known = by_code.get(muni.code)
        if known is not None and (known.name, known.timezone) != (muni.name, muni.timezone):
            result.errors.append(
                f"{source}: line {line}: municipality {muni.code!r} has a different name or time zone "
                "than on an earlier line"
            )
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
            )
        except ValidationError as exc:
            msgs = "; ".join(f"{_loc(e['loc'])}: {e['msg']}" for e in exc.errors())
            result.errors.append(f"{source}: line {line}: {msgs}")
            continue
        if school.code in seen_s:
            result.errors.append(f"{source}: line {line}: school code {school.code!r} repeats")
            continue
        seen_s.add(school.code)
        known.schools.append(school)
    result.municipalities = list(by_code.values())
    return result


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
    report = ImportReport(errors=list(parsed.errors))
    for muni in parsed.municipalities:
        row, status = await repos.directory.upsert_municipality(muni.code, muni.name, muni.timezone)
        report.municipalities_added += status is Upsert.ADDED
        report.municipalities_updated += status is Upsert.UPDATED
        report.unchanged += status is Upsert.UNCHANGED
        for school in muni.schools:
            _, status = await repos.directory.upsert_school(
                school.code, row.id, school.name, school.short_name
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

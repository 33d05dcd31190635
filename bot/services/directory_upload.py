"""Loading the directory of municipalities and schools by sending the bot a file (admins only).

The file (CSV or Excel) is checked by the command-line import's rules in a child process
(`bot.services.directory_check`); what it would change is shown before anything is written — a
`Preview` of entries added, changed and removed and of the rows skipped. The checked file waits as
a `Pending` (plain JSON: the handler keeps it in the FSM storage, so it survives a restart) until
«apply», which writes it with `import_directory` in the update's one transaction:

* a preview is named by a `token`; a button of another preview, a second tap after the first was
  applied, or a preview cancelled meanwhile find no pending file with their token (`Gone`);
* the preview remembers a `digest` of the directory it was computed against: when the directory
  changed since (another admin, the command line), nothing is applied and the preview is computed
  anew (`Stale`);
* as on the command line, entries missing from the file are removed only when the file has no bad
  rows, and never an entry someone's profile, role or invite points at.
"""

from __future__ import annotations

import hashlib
import json
import logging
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from bot.domain.errors import Refusal
from bot.domain.roles import Role
from bot.services import directory_check
from bot.services.directory import (
    CSV_COLUMNS,
    DirectoryRepos,
    ImportReport,
    MunicipalityIn,
    ParsedDirectory,
    RowProblem,
    import_directory,
)
from bot.services.directory_check import Checked, FileKind, kind_of, size_refusal
from bot.services.directory_check import Refusal as FileRefusal
from bot.services.sandbox import run_child
from storage.models import Municipality, School

log = logging.getLogger(__name__)

CHECK_SECONDS = 10.0  # the child's wall-clock limit (a chat's update lock is held for 20 s at most)
EXAMPLES = 3  # of each kind of change, in the preview


def may_upload(roles: frozenset[Role]) -> bool:
    """The directory is the whole region's reference: admins load it."""
    return Role.ADMIN in roles


async def check_upload(data: bytes, kind: FileKind, *, timeout: float = CHECK_SECONDS) -> Checked:  # noqa: ASYNC109
    """`directory_check.check_bytes` in a child process, so that the bot keeps answering everyone."""
    refusal = size_refusal(len(data))
    if refusal is not None:
        return Checked(refusal=refusal)
    outcome = await run_child(
        directory_check.__name__, kind.value, data, timeout=timeout, what="directory check"
    )
    if outcome.failure == "too-slow":
        return Checked(refusal=FileRefusal("too-slow", {"seconds": int(timeout)}))
    if outcome.failure is not None:
        return Checked(refusal=FileRefusal("broken"))
    try:
        return directory_check.from_json(json.loads(outcome.out))
    except (ValueError, KeyError, TypeError):
        log.error("directory check answered something unreadable")
        return Checked(refusal=FileRefusal("broken"))


# --- what a file would change ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MunicipalityChange:
    old_name: str
    new_name: str
    old_timezone: str
    new_timezone: str


@dataclass(frozen=True, slots=True)
class SchoolChange:
    old_label: str
    new_label: str
    moved_to: str | None  # the municipality's name, when the school moves to another one


@dataclass
class Changes:
    """What applying a file would do to the directory (or did: the same figures)."""

    municipalities_added: list[str] = field(default_factory=list)
    municipalities_changed: list[MunicipalityChange] = field(default_factory=list)
    municipalities_removed: list[str] = field(default_factory=list)
    schools_added: list[tuple[str, str]] = field(default_factory=list)  # (school, its municipality)
    schools_changed: list[SchoolChange] = field(default_factory=list)
    schools_removed: list[str] = field(default_factory=list)
    kept_in_use: int = 0  # missing from the file, kept because something points at them
    kept_for_errors: int = 0  # missing from the file, kept because the file has bad rows

    @property
    def total(self) -> int:
        return (
            len(self.municipalities_added)
            + len(self.municipalities_changed)
            + len(self.municipalities_removed)
            + len(self.schools_added)
            + len(self.schools_changed)
            + len(self.schools_removed)
        )


def _label(school: School) -> str:
    return school.short_name or school.name


def digest(municipalities: list[Municipality], schools: list[School]) -> str:
    """A fingerprint of the directory as it is: any change to an entry changes it."""
    codes = {m.id: m.code for m in municipalities}
    body = [
        sorted((m.code, m.name, m.timezone) for m in municipalities),
        sorted(
            (s.code, codes.get(s.municipality_id, ""), s.name, s.short_name or "", bool(s.shnor))
            for s in schools
        ),
    ]
    return hashlib.sha256(json.dumps(body, ensure_ascii=False).encode()).hexdigest()


def compare(
    municipalities: list[Municipality],
    schools: list[School],
    used: tuple[set[int], set[int]],
    incoming: list[MunicipalityIn],
    *,
    replace: bool,
) -> Changes:
    """What `import_directory(…, replace=replace)` would do, computed without writing (the same rules
    as `DirectoryRepo.upsert_*` and `remove_absent`)."""
    used_schools, used_municipalities = used
    changes = Changes()
    by_code = {m.code: m for m in municipalities}
    schools_by_code = {s.code: s for s in schools}
    for muni in incoming:
        row = by_code.get(muni.code)
        if row is None:
            changes.municipalities_added.append(muni.name)
        elif (row.name, row.timezone) != (muni.name, muni.timezone):
            changes.municipalities_changed.append(
                MunicipalityChange(row.name, muni.name, row.timezone, muni.timezone)
            )
        for school in muni.schools:
            known = schools_by_code.get(school.code)
            label = school.short_name or school.name
            if known is None:
                changes.schools_added.append((label, muni.name))
                continue
            moved = row is None or known.municipality_id != row.id
            if moved or (known.name, known.short_name, bool(known.shnor)) != (
                school.name,
                school.short_name,
                school.shnor,
            ):
                changes.schools_changed.append(
                    SchoolChange(_label(known), label, muni.name if moved else None)
                )
    incoming_m = {m.code for m in incoming}
    incoming_s = {s.code for m in incoming for s in m.schools}
    absent_schools = [s for s in schools if s.code not in incoming_s]
    absent_municipalities = [m for m in municipalities if m.code not in incoming_m]
    if not replace:
        changes.kept_for_errors = len(absent_schools) + len(absent_municipalities)
        return changes
    staying: set[int] = set()  # municipalities that keep a school
    for gone_school in absent_schools:
        if gone_school.id in used_schools:
            changes.kept_in_use += 1
            staying.add(gone_school.municipality_id)
        else:
            changes.schools_removed.append(_label(gone_school))
    for gone in absent_municipalities:
        if gone.id in used_municipalities or gone.id in staying:
            changes.kept_in_use += 1
        else:
            changes.municipalities_removed.append(gone.name)
    return changes


# --- a checked file waiting for «apply» -------------------------------------------------------------


@dataclass
class Pending:
    """A checked file: its good entries and skipped rows, as plain JSON for the FSM storage."""

    token: str
    name: str
    rows: int
    municipalities: list[MunicipalityIn]
    problems: list[RowProblem]
    digest: str = ""

    @property
    def parsed(self) -> ParsedDirectory:
        return ParsedDirectory(municipalities=list(self.municipalities), problems=list(self.problems))

    def to_json(self) -> dict[str, Any]:
        return {
            "token": self.token,
            "name": self.name,
            "rows": self.rows,
            "digest": self.digest,
            "municipalities": [m.model_dump(mode="json") for m in self.municipalities],
            "problems": [directory_check.problem_to_json(p) for p in self.problems],
        }

    @classmethod
    def from_json(cls, data: Any) -> Pending | None:
        """None for anything that is not a stored pending file (an older shape, say)."""
        try:
            return cls(
                token=str(data["token"]),
                name=str(data["name"]),
                rows=int(data["rows"]),
                digest=str(data.get("digest") or ""),
                municipalities=[MunicipalityIn.model_validate(m) for m in data["municipalities"]],
                problems=[directory_check.problem_from_json(p) for p in data["problems"]],
            )
        except (KeyError, TypeError, ValueError):
            return None


@dataclass(frozen=True, slots=True)
class Rejected:
    """The file was not taken: a whole-file `refusal`, or no good row at all (`problems` say why)."""

    name: str
    refusal: FileRefusal | None
    problems: list[RowProblem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Preview:
    pending: Pending
    changes: Changes

    @property
    def replaces(self) -> bool:
        return not self.pending.problems


@dataclass(frozen=True, slots=True)
class Stale:
    """The directory changed after the preview: nothing applied, here is the preview anew."""

    preview: Preview


@dataclass(frozen=True, slots=True)
class Gone:
    """No pending file with this token: applied or cancelled already, or another file came since."""


@dataclass(frozen=True, slots=True)
class Applied:
    report: ImportReport


@dataclass(frozen=True, slots=True)
class DirectoryRow:
    """One line of the directory as the import reads it (the «current directory» file)."""

    municipality_code: str
    municipality_name: str
    timezone: str
    school_code: str
    school_name: str
    school_short_name: str
    school_shnor: str = ""  # part 11: «1» for a school with low results (ШНОР)


class DirectoryUploadService:
    """Receive, preview, apply or cancel a directory file; admins only (`may_upload`)."""

    def __init__(self, repos: DirectoryRepos) -> None:
        self.repos = repos

    @staticmethod
    def _check(roles: frozenset[Role]) -> None:
        if not may_upload(roles):
            raise Refusal("dirup-admins-only")

    async def receive(
        self,
        roles: frozenset[Role],
        *,
        name: str | None,
        size: int | None,
        fetch: Callable[[], Awaitable[bytes]],
        by_tg_id: int | None,
    ) -> Rejected | Preview:
        """A file sent to the bot: refused by its name or by the size Telegram reports before a
        byte is fetched; the rest is checked in a child process with a time limit."""
        self._check(roles)
        shown = name or "file"
        kind = kind_of(name)
        if kind is None:
            return Rejected(shown, FileRefusal("wrong-type"))
        refusal = size_refusal(size)
        checked = Checked(refusal=refusal) if refusal is not None else await check_upload(await fetch(), kind)
        if checked.refusal is not None or not checked.municipalities:
            reason = checked.refusal.key if checked.refusal else "no good rows"
            log.info("directory upload by %s refused: %s", by_tg_id, reason)  # ids only: not the name
            return Rejected(shown, checked.refusal, checked.problems)
        pending = Pending(
            token=secrets.token_hex(4),
            name=shown,
            rows=checked.rows,
            municipalities=checked.municipalities,
            problems=checked.problems,
        )
        return await self.preview(pending)

    async def preview(self, pending: Pending) -> Preview:
        """What the file would change now; the pending file remembers the directory it saw."""
        directory = self.repos.directory
        municipalities, schools = await directory.entries()
        changes = compare(
            municipalities,
            schools,
            await directory.in_use(),
            pending.municipalities,
            replace=not pending.problems,
        )
        pending.digest = digest(municipalities, schools)
        return Preview(pending, changes)

    async def apply(
        self, roles: frozenset[Role], pending: Pending | None, token: str, *, by_tg_id: int
    ) -> Applied | Stale | Gone:
        self._check(roles)
        if pending is None or pending.token != token:
            return Gone()
        municipalities, schools = await self.repos.directory.entries()
        if digest(municipalities, schools) != pending.digest:
            pending.token = secrets.token_hex(4)  # the old buttons name the old preview
            return Stale(await self.preview(pending))
        report = await import_directory(self.repos, pending.parsed, replace=not pending.problems)
        log.info(
            "user %s loaded the directory: municipalities +%d ~%d -%d, schools +%d ~%d -%d, kept %d",
            by_tg_id,
            report.municipalities_added,
            report.municipalities_updated,
            report.removed_municipalities,
            report.schools_added,
            report.schools_updated,
            report.removed_schools,
            report.kept_in_use,
        )
        return Applied(report)

    def cancel(self, roles: frozenset[Role], pending: Pending | None, token: str) -> bool:
        """Whether the caller may forget the pending file: `token` names it, or no token (the
        request for a file, a refused file) means whatever is pending."""
        self._check(roles)
        return not token or (pending is not None and pending.token == token)

    async def rows(self, roles: frozenset[Role]) -> list[DirectoryRow]:
        """The directory as the import's table: one row per school, a municipality without
        schools on a row of its own — download, edit, send back."""
        self._check(roles)
        municipalities, schools = await self.repos.directory.entries()
        by_municipality: dict[int, list[School]] = {}
        for each in schools:
            by_municipality.setdefault(each.municipality_id, []).append(each)
        rows = []
        for muni in sorted(municipalities, key=lambda m: m.name):
            own: list[School | None] = [*by_municipality.get(muni.id, [])] or [None]
            for school in own:
                rows.append(
                    DirectoryRow(
                        muni.code,
                        muni.name,
                        muni.timezone,
                        school.code if school else "",
                        school.name if school else "",
                        (school.short_name or "") if school else "",
                        "1" if school is not None and school.shnor else "",
                    )
                )
        return rows


__all__ = [
    "CSV_COLUMNS",
    "Applied",
    "Changes",
    "DirectoryRow",
    "DirectoryUploadService",
    "Gone",
    "Pending",
    "Preview",
    "Rejected",
    "Stale",
    "may_upload",
]

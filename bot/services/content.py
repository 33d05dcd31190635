"""Questionnaires and the recommendation catalogue: load, validate, version, activate.

Files in `bot/content/questionnaires/*.yaml` and `bot/content/recommendations.yaml` are synced into
`content_versions` at start; staff can upload a new version through the bot. A broken file is
refused with errors naming the file, the item and the field, and the previous version stays active.
Parsing is `bot.services.content_check` (safe YAML, caps; an upload in a child process).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from bot.domain.diagnostics import Catalogue, ContentKind, Questionnaire
from bot.domain.errors import Refusal as Refused
from bot.domain.roles import Role
from bot.services import content_check
from bot.services import roles as role_service
from bot.services.content_check import MAX_UPLOAD_BYTES, Parsed, Refusal, parse_content, size_refusal
from bot.services.sandbox import run_child
from storage.models import ContentVersion, User
from storage.repositories import ContentRepo

__all__ = ["MAX_UPLOAD_BYTES", "Parsed", "Refusal", "parse_content", "size_refusal"]

log = logging.getLogger(__name__)

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
CHECK_SECONDS = 10.0  # the child's wall-clock limit; a capped file takes about a second at worst


def may_manage(user: User | None, roles: frozenset[Role]) -> bool:
    """Questionnaires and the catalogue are the region's: admins and regional staff (a staff role
    with no municipality) upload and switch them; municipal staff and methodists do not."""
    if Role.ADMIN in roles:
        return True
    return Role.STAFF in roles and role_service.role_scope(user, Role.STAFF) is None


async def check_upload(data: bytes, source: str, *, timeout: float = CHECK_SECONDS) -> Parsed:  # noqa: ASYNC109
    """`check_bytes` in a child process, so that the bot keeps answering everyone meanwhile."""
    refusal = content_check.size_refusal(len(data))
    if refusal is not None:
        return Parsed(refusal=refusal)
    outcome = await run_child(content_check.__name__, source, data, timeout=timeout, what="content check")
    if outcome.failure == "too-slow":
        return Parsed(refusal=Refusal("too-slow", {"seconds": int(timeout)}))
    if outcome.failure is not None:
        return Parsed(refusal=Refusal("check-failed"))
    return content_check.from_json(json.loads(outcome.out))


def check_catalogue_covers(catalogue: Catalogue, questionnaires: list[Questionnaire]) -> list[str]:
    missing = sorted({a.id for q in questionnaires for a in q.areas} - set(catalogue.areas))
    return [f"recommendations: no entry for area «{area}»" for area in missing]


def _body(model: Questionnaire | Catalogue) -> tuple[dict[str, Any], str]:
    body = model.model_dump(mode="json")
    digest = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return body, digest


class UploadProblem(StrEnum):
    """Why a checked file was not staged (told as `upload-{value}`)."""

    SAME_VERSION = "same-version"  # the same version number with other content
    OLDER_VERSION = "older-version"
    ALREADY_ACTIVE = "already-active"


@dataclass
class Staged:
    row: ContentVersion | None
    problem: UploadProblem | None = None


async def stage(
    content: ContentRepo, parsed: Parsed, *, source: str, uploaded_by_tg_id: int | None
) -> Staged:
    """Store a validated version (inactive). The same version with other content is refused."""
    model = parsed.model
    assert model is not None and parsed.kind is not None
    body, digest = _body(model)
    existing = await content.find(parsed.kind, model.id, model.version)
    if existing is not None:
        return Staged(existing, None if existing.sha256 == digest else UploadProblem.SAME_VERSION)
    active = await content.active_one(parsed.kind, model.id)
    if active is not None and active.version > model.version:
        return Staged(None, UploadProblem.OLDER_VERSION)
    row = await content.add(
        kind=parsed.kind,
        content_id=model.id,
        version=model.version,
        body=body,
        sha256=digest,
        source=source,
        uploaded_by_tg_id=uploaded_by_tg_id,
    )
    return Staged(row)


async def sync_files(content: ContentRepo, directory: Path = CONTENT_DIR) -> list[str]:
    """Load the shipped content at start; returns problems (logged, the bot keeps running)."""
    problems: list[str] = []
    files = [*sorted((directory / "questionnaires").glob("*.y*ml")), directory / "recommendations.yaml"]
    for path in files:
        if not path.exists():
            problems.append(f"{path}: missing")
            continue
        parsed = parse_content(path.read_text(encoding="utf-8"), path.name)
        if parsed.refusal is not None or parsed.errors:
            problems += [parsed.refusal.describe(path.name)] if parsed.refusal else []
            problems.extend(parsed.errors)
            continue
        staged = await stage(content, parsed, source="file", uploaded_by_tg_id=None)
        if staged.problem is UploadProblem.SAME_VERSION:
            problems.append(f"{path.name}: changed without a new version number — the old text stays in use")
        if staged.row is not None and staged.problem is None and not staged.row.active:
            active = await content.active_one(staged.row.kind, staged.row.content_id)
            if active is None or active.version < staged.row.version:
                await content.activate(staged.row)
    for problem in problems:
        log.error("content: %s", problem)
    return problems


# A stored version never changes, so its parsed model is kept by content hash: every answer
# needs the questionnaire, and validating 36 items each time is the costliest part of it.
_parsed: dict[str, Questionnaire] = {}


def as_questionnaire(row: ContentVersion) -> Questionnaire:
    model = _parsed.get(row.sha256)
    if model is None:
        model = Questionnaire.model_validate(row.body)
        if len(_parsed) > 256:
            _parsed.clear()
        _parsed[row.sha256] = model
    return model


async def questionnaires(content: ContentRepo) -> list[tuple[ContentVersion, Questionnaire]]:
    return [(row, as_questionnaire(row)) for row in await content.active(ContentKind.QUESTIONNAIRE)]


async def questionnaire_version(content: ContentRepo, version_id: int) -> Questionnaire | None:
    row = await content.by_id(version_id)
    return as_questionnaire(row) if row is not None else None


async def catalogue(content: ContentRepo) -> Catalogue | None:
    rows = await content.active(ContentKind.CATALOGUE)
    return Catalogue.model_validate(rows[0].body) if rows else None


# --- uploads through the bot: check, stage, preview, switch on --------------------------------------


@dataclass(frozen=True, slots=True)
class Rejected:
    """The file was not taken: `parsed.refusal` (the whole file) or `parsed.errors` (fields)."""

    parsed: Parsed


@dataclass(frozen=True, slots=True)
class NotStaged:
    problem: UploadProblem


@dataclass(frozen=True, slots=True)
class Preview:
    """A checked version, stored inactive, waiting for «switch it on»."""

    parsed: Parsed
    version_id: int


@dataclass(frozen=True, slots=True)
class Upload:
    """A staged version a button names (`row` None: gone since)."""

    version_id: int
    row: ContentVersion | None


class ContentService:
    """Questionnaires and the catalogue uploaded by the region's people (`may_manage`)."""

    def __init__(self, content: ContentRepo) -> None:
        self.content = content

    async def receive(
        self,
        user: User | None,
        roles: frozenset[Role],
        *,
        name: str | None,
        size: int | None,
        fetch: Callable[[], Awaitable[bytes]],
        uploader_tg_id: int | None,
    ) -> Rejected | NotStaged | Preview:
        """A YAML file sent to the bot. Refused by the size Telegram reports before a byte is
        fetched; the rest is checked in a child process with a time limit (`check_upload`), so a
        hostile file cannot stop the bot for everyone. A good one is stored, inactive."""
        if not may_manage(user, roles):
            raise Refused("upload-regional-only")
        source = name or "file.yaml"
        refusal = size_refusal(size)
        parsed = Parsed(refusal=refusal) if refusal is not None else await check_upload(await fetch(), source)
        if parsed.kind is ContentKind.CATALOGUE and parsed.catalogue is not None:
            parsed.errors += check_catalogue_covers(
                parsed.catalogue, [q for _v, q in await questionnaires(self.content)]
            )
        if parsed.refusal is not None or parsed.errors:
            reason = parsed.refusal.key if parsed.refusal else "errors"
            log.info("upload by %s refused: %s", uploader_tg_id, reason)  # ids only: not the file's name
            return Rejected(parsed)
        staged = await stage(self.content, parsed, source="upload", uploaded_by_tg_id=uploader_tg_id)
        if staged.problem is not None or staged.row is None:
            return NotStaged(staged.problem or UploadProblem.SAME_VERSION)
        if staged.row.active:
            return NotStaged(UploadProblem.ALREADY_ACTIVE)
        return Preview(parsed, staged.row.id)

    async def upload(self, user: User | None, roles: frozenset[Role], version_id: int) -> Upload:
        """A staged version a button names, for someone who may switch it on (the `OwnUpload`
        filter's loader, which runs before the router's role gate: it says the gate's «no» itself)."""
        if not roles & {Role.STAFF, Role.ADMIN}:
            raise Refused("refused-role")
        if not may_manage(user, roles):
            raise Refused("upload-regional-only")
        return Upload(version_id, await self.content.by_id(version_id))

    async def activate(self, upload: Upload, *, by_tg_id: int) -> int | None:
        """Switch the version on; its number, or None when it is gone."""
        row = upload.row
        if row is None:
            return None
        await self.content.activate(row)
        log.info("user %s activated %s %s v%s", by_tg_id, row.kind, row.content_id, row.version)
        return row.version

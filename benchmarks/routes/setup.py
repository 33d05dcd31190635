"""What the parts of the routes benchmark share: the moment, the content, a finished attempt, tables."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from aiogram.types import InlineKeyboardMarkup

from benchmarks.report import percentile, table
from benchmarks.seed import (
    QUESTIONNAIRE,
)
from bot.domain.diagnostics import AreaResult, Catalogue, ContentKind, Level, Questionnaire
from bot.domain.routes import (
    StepStatus,
)
from bot.services import content
from storage.models import (
    User,
)
from storage.repositories import Repos

NOW = datetime(2026, 11, 17, 11, 30, tzinfo=UTC)
DEFAULT_TZ = "Europe/Moscow"
# Municipalities (the last ones of the demo directory, by id) moved to other time zones.
OTHER_ZONES = (("Asia/Yekaterinburg", 2), ("Asia/Vladivostok", 2))
TELEGRAM_TEXT = 4096
CALLBACK_BYTES = 64
OPEN_ROUTES = frozenset({"submitted", "returned", "approved"})
OPEN_STEPS = frozenset({StepStatus.PLANNED.value, StepStatus.IN_PROGRESS.value})


# ---------------------------------------------------------------------------- output


@dataclass
class Row:
    label: str
    values: list[float]  # seconds
    note: str = ""
    unit: str = "ms"  # µs | ms | s


_SCALE = {"µs": 1e6, "ms": 1e3, "s": 1.0}


def _num(value: float, unit: str) -> str:
    if value != value:  # NaN
        return "n/a"
    scaled = value * _SCALE[unit]
    return f"{scaled:.2f}" if scaled < 10 else f"{scaled:.1f}"


def format_rows(rows: Sequence[Row]) -> str:
    header = ("measurement", "n", "median", "p95", "min", "max", "unit", "note")
    cells = [
        (
            r.label,
            str(len(r.values)),
            _num(statistics.median(r.values), r.unit) if r.values else "n/a",
            _num(percentile(r.values, 95), r.unit),
            _num(min(r.values), r.unit) if r.values else "n/a",
            _num(max(r.values), r.unit) if r.values else "n/a",
            r.unit,
            r.note,
        )
        for r in rows
    ]
    return table(header, cells)


def utf16(text_: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text_.encode("utf-16-le")) // 2


def callback_sizes(markup: InlineKeyboardMarkup | None) -> list[int]:
    if markup is None:
        return []
    return [len((b.callback_data or "").encode()) for row in markup.inline_keyboard for b in row]


# ---------------------------------------------------------------------------- shared setup


def load_content() -> tuple[Questionnaire, Catalogue]:
    """The shipped general questionnaire and catalogue, parsed as ``content.sync_files`` parses them."""
    folder = content.CONTENT_DIR
    parsed_q = content.parse_content(
        (folder / "questionnaires" / f"{QUESTIONNAIRE}.yaml").read_text(encoding="utf-8"), "general.yaml"
    )
    parsed_c = content.parse_content(
        (folder / "recommendations.yaml").read_text(encoding="utf-8"), "recommendations.yaml"
    )
    if parsed_q.questionnaire is None or parsed_c.catalogue is None:
        raise RuntimeError(f"content problems: {parsed_q.errors + parsed_c.errors}")
    return parsed_q.questionnaire, parsed_c.catalogue


# Levels of the six general areas: two high deficits, three medium, one low (a typical teacher).
LEVELS = (Level.HIGH, Level.MEDIUM, Level.LOW, Level.HIGH, Level.MEDIUM, Level.MEDIUM)
SCORES = (38.9, 61.1, 83.3, 44.4, 66.7, 72.2)


def area_results(questionnaire: Questionnaire) -> list[AreaResult]:
    return [
        AreaResult(area.id, area.title, score, level, len(area.items), len(area.items))
        for area, level, score in zip(questionnaire.areas, LEVELS, SCORES, strict=False)
    ]


async def finished_attempt(repos: Repos, user: User, questionnaire: Questionnaire, when: datetime) -> int:
    """A finished general attempt with the six results of :func:`area_results`."""
    version = await repos.content.active_one(ContentKind.QUESTIONNAIRE, QUESTIONNAIRE)
    assert version is not None
    attempt = await repos.diagnosis.create_attempt(user.id, version)
    attempt.started_at = when - timedelta(minutes=25)
    await repos.diagnosis.finish(
        attempt,
        [(r.area, r.score, r.level) for r in area_results(questionnaire)],
        when,
    )
    return attempt.id

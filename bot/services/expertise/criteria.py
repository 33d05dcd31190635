"""The sheet of criteria experts score practices on: content YAML, checked on load.

A region changes `bot/content/practice_criteria.yaml` (criteria, points, the rule's numbers); a
mistake stops the start with the file and the field named, as the other content does.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from bot.domain.practices import CriteriaSheet
from bot.services.content import CONTENT_DIR
from bot.services.content_check import safe_yaml, validate

CRITERIA_FILE = CONTENT_DIR / "practice_criteria.yaml"


class SheetError(ValueError):
    """The sheet cannot be used; the message names the file and the fields."""


def parse_sheet(text: str, source: str) -> CriteriaSheet:
    raw, errors, refusal = safe_yaml(text, source)
    if refusal is None and not errors and not isinstance(raw, dict):
        errors = [f"{source}: expected a mapping (version, max_points, criteria…) at the top"]
    if refusal is None and not errors:
        sheet, errors, refusal = validate(CriteriaSheet, raw, source)
        if sheet is not None:
            return sheet
    raise SheetError("; ".join([refusal.describe(source)] if refusal is not None else errors))


@lru_cache(maxsize=4)
def load_sheet(path: Path = CRITERIA_FILE) -> CriteriaSheet:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SheetError(f"{path.name}: cannot be read ({exc})") from None
    return parse_sheet(text, path.name)

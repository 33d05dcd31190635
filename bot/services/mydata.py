"""/mydata: everything stored about a person, as one JSON document (152-ФЗ: the right to know).

Which rows belong to the person is decided by `storage.repositories.personal_data` (a walk of the
schema's foreign keys); here the rows become a document anyone can open: dates and times in ISO
8601, binary values replaced by their size, names of the municipality and school next to their ids.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from storage.models import User
from storage.repositories.personal_data import PersonalData


@dataclass(frozen=True, slots=True)
class Export:
    filename: str
    content: bytes


def jsonable(value: Any) -> Any:
    """A column value as JSON: what json.dumps takes as is, ISO dates, sizes instead of bytes."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return {"bytes": len(value)}
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return str(value)


def filename(now: datetime, timezone: str) -> str:
    return f"metodist-mydata-{now.astimezone(ZoneInfo(timezone)).date().isoformat()}.json"


def _export(document: dict[str, Any], now: datetime, timezone: str) -> Export:
    content = json.dumps(jsonable(document), ensure_ascii=False, indent=2, allow_nan=False)
    return Export(filename=filename(now, timezone), content=content.encode("utf-8"))


def _stored_under_id(
    document: dict[str, Any], dialogue: Mapping[str, Any] | None, preferences: Mapping[str, Any] | None
) -> dict[str, Any]:
    if preferences:
        document["preferences"] = dict(preferences)
    if dialogue:
        document["dialogue"] = dialogue
    return document


def document(
    user: User,
    data: PersonalData,
    now: datetime,
    timezone: str,
    dialogue: Mapping[str, Any] | None = None,
    preferences: Mapping[str, Any] | None = None,
) -> Export:
    """The person's rows (`data`, collected by `PersonalDataRepo`) as the document; named by the
    day in the person's time zone.

    `dialogue` is a half-finished conversation (its step and what was typed so far), `preferences`
    what was chosen before consent (the language): both live in the FSM storage, which may be
    Redis, so the caller passes them in.
    """
    person: dict[str, Any] = dict(data.user)
    if user.municipality is not None:
        person["municipality"] = user.municipality.name
    if user.school is not None:
        person["school"] = user.school.name
    document: dict[str, Any] = {
        "generated_at": now.isoformat(),
        "user": person,
        "tables": data.tables,
        "mentions": data.mentions,
    }
    return _export(_stored_under_id(document, dialogue, preferences), now, timezone)


def guest_export(
    now: datetime,
    timezone: str,
    dialogue: Mapping[str, Any] | None,
    preferences: Mapping[str, Any] | None,
) -> Export | None:
    """For someone without a row: what is kept under their Telegram id all the same (the language
    they chose, the step of a conversation begun before consent); None if nothing is."""
    if not dialogue and not preferences:
        return None
    return _export(_stored_under_id({"generated_at": now.isoformat()}, dialogue, preferences), now, timezone)

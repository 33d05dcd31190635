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
from datetime import UTC, date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from storage.models import User
from storage.repositories.personal_data import Labels, PersonalData


@dataclass(frozen=True, slots=True)
class Export:
    filename: str
    content: bytes
    portrait: Portrait | None = None  # the readable part; None for someone without a profile


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


# --- the readable part: «what I know about you», in sections -----------------------------------------
#
# The JSON above is the whole truth, table by table. `Portrait` is the same rows read the way a person
# reads them: codes kept as codes (the screen turns them into words in the reader's language), ids
# replaced by the names they stand for (`Labels`), the tables grouped into the bot's sections. Rows of
# tables no section covers are counted in `other_records`: they are in the file.

# Tables a section of the portrait reads (the rest are counted as «other records»).
PORTRAYED = frozenset(
    {
        "user_subjects",
        "user_roles",
        "role_audit",
        "school_requests",
        "methodist_assignments",
        "diagnosis_attempts",
        "diagnosis_answers",
        "diagnosis_results",
        "routes",
        "route_steps",
        "step_evidence",
        "mentor_profiles",
        "mentor_applications",
        "mentor_requests",
        "mentor_pairs",
        "mentor_meetings",
        "adaptation_checks",
        "event_registrations",
        "survey_invites",
        "survey_responses",
    }
)


@dataclass(frozen=True, slots=True)
class RoleLine:
    role: str
    municipality: str | None  # the role's scope; None: the whole region
    since: datetime | None


@dataclass(frozen=True, slots=True)
class RoleChange:
    at: datetime
    role: str
    action: str  # "grant" / "revoke"
    source: str


@dataclass(frozen=True, slots=True)
class AttemptLine:
    title: str
    started_at: datetime
    finished_at: datetime | None
    answers: int
    results: tuple[tuple[str, str | None], ...]  # (area's title, level code)


@dataclass(frozen=True, slots=True)
class StepLine:
    title: str
    form: str
    status: str
    planned_end: date
    evidence: int


@dataclass(frozen=True, slots=True)
class RouteLine:
    status: str
    goal: str | None
    period_start: date
    period_end: date
    reviewer: str | None
    comment: str | None
    steps: tuple[StepLine, ...]


@dataclass(frozen=True, slots=True)
class PairLine:
    as_mentor: bool  # the person is the mentor of `partner`
    partner: str
    status: str
    period_start: date | None
    period_end: date | None
    meetings: int
    last_meeting: date | None


@dataclass(frozen=True, slots=True)
class EventLine:
    title: str
    kind: str
    starts_at: datetime | None
    timezone: str | None
    status: str
    attended: bool | None
    rating: int | None
    feedback: str | None


@dataclass(frozen=True, slots=True)
class SurveyLine:
    title: str
    anonymous: bool
    status: str  # the invite's: invited / answering / done; "answered" for an answer without one
    done_on: date | None


@dataclass(frozen=True, slots=True)
class SchoolRequestLine:
    text: str
    at: datetime | None
    resolved: bool


@dataclass(frozen=True, slots=True)
class Portrait:
    user: User
    timezone: str
    now: datetime
    roles: tuple[RoleLine, ...]
    role_changes: tuple[RoleChange, ...]
    school_requests: tuple[SchoolRequestLine, ...]
    methodist: str | None
    attempts: tuple[AttemptLine, ...]
    routes: tuple[RouteLine, ...]
    pairs: tuple[PairLine, ...]
    mentor_capacity: int | None  # the mentor's profile, if any
    mentor_about: str | None
    applications: tuple[tuple[str, datetime | None], ...]  # (status, created_at)
    asked_for_mentor: datetime | None
    adaptation_checks: int
    events: tuple[EventLine, ...]
    surveys: tuple[SurveyLine, ...]
    other_records: int
    mentions: int
    dialogue: bool


def _rows(data: PersonalData, table: str) -> list[dict[str, Any]]:
    return data.tables.get(table, [])


def _code(value: Any) -> str:
    return str(value.value if isinstance(value, Enum) else value)


def label_ids(data: PersonalData) -> dict[str, set[int]]:
    """The ids `PersonalDataRepo.labels` looks up for the portrait."""
    me = data.user["id"]
    people: set[int] = set()
    for pair in _rows(data, "mentor_pairs"):
        people.add(pair["mentee_id"] if pair["mentor_id"] == me else pair["mentor_id"])
    people |= {r["reviewer_id"] for r in _rows(data, "routes") if r["reviewer_id"]}
    people |= {r["methodist_id"] for r in _rows(data, "methodist_assignments")}
    return {
        "content": {r["content_version_id"] for r in _rows(data, "diagnosis_attempts")},
        "events": {r["event_id"] for r in _rows(data, "event_registrations")},
        "waves": {r["wave_id"] for r in _rows(data, "survey_invites") + _rows(data, "survey_responses")},
        "people": people - {me},
        "municipalities": {
            r["scope_municipality_id"] for r in _rows(data, "user_roles") if r["scope_municipality_id"]
        },
    }


def _attempts(data: PersonalData, labels: Labels) -> tuple[AttemptLine, ...]:
    answers: dict[int, int] = {}
    for answer in _rows(data, "diagnosis_answers"):
        answers[answer["attempt_id"]] = answers.get(answer["attempt_id"], 0) + 1
    results: dict[int, list[dict[str, Any]]] = {}
    for result in _rows(data, "diagnosis_results"):
        results.setdefault(result["attempt_id"], []).append(result)
    lines = []
    for attempt in sorted(_rows(data, "diagnosis_attempts"), key=lambda a: a["started_at"], reverse=True):
        body = labels.content.get(attempt["content_version_id"], {})
        areas = {str(a.get("id")): str(a.get("title") or a.get("id")) for a in body.get("areas") or []}
        lines.append(
            AttemptLine(
                title=str(body.get("title") or attempt["questionnaire_id"]),
                started_at=attempt["started_at"],
                finished_at=attempt["finished_at"],
                answers=answers.get(attempt["id"], 0),
                results=tuple(
                    (areas.get(r["area"], r["area"]), _code(r["level"]) if r["level"] is not None else None)
                    for r in results.get(attempt["id"], [])
                ),
            )
        )
    return tuple(lines)


def _routes(data: PersonalData, labels: Labels) -> tuple[RouteLine, ...]:
    evidence: dict[int, int] = {}
    for item in _rows(data, "step_evidence"):
        evidence[item["step_id"]] = evidence.get(item["step_id"], 0) + 1
    steps: dict[int, list[StepLine]] = {}
    for step in sorted(_rows(data, "route_steps"), key=lambda s: (s["planned_start"], s["position"])):
        steps.setdefault(step["route_id"], []).append(
            StepLine(
                step["title"],
                _code(step["form"]),
                _code(step["status"]),
                step["planned_end"],
                evidence.get(step["id"], 0),
            )
        )
    return tuple(
        RouteLine(
            status=_code(route["status"]),
            goal=route["goal"],
            period_start=route["period_start"],
            period_end=route["period_end"],
            reviewer=labels.people.get(route["reviewer_id"]) if route["reviewer_id"] else None,
            comment=route["review_comment"],
            steps=tuple(steps.get(route["id"], [])),
        )
        for route in sorted(_rows(data, "routes"), key=lambda r: r["created_at"], reverse=True)
    )


def _pairs(data: PersonalData, labels: Labels) -> tuple[PairLine, ...]:
    me = data.user["id"]
    meetings: dict[int, list[date]] = {}
    for meeting in _rows(data, "mentor_meetings"):
        meetings.setdefault(meeting["pair_id"], []).append(meeting["held_on"])
    lines = []
    for pair in sorted(_rows(data, "mentor_pairs"), key=lambda p: p["created_at"], reverse=True):
        as_mentor = pair["mentor_id"] == me
        held = meetings.get(pair["id"], [])
        lines.append(
            PairLine(
                as_mentor=as_mentor,
                partner=labels.people.get(pair["mentee_id"] if as_mentor else pair["mentor_id"], ""),
                status=_code(pair["status"]),
                period_start=pair["period_start"],
                period_end=pair["period_end"],
                meetings=len(held),
                last_meeting=max(held) if held else None,
            )
        )
    return tuple(lines)


def _events(data: PersonalData, labels: Labels) -> tuple[EventLine, ...]:
    lines = []
    for reg in _rows(data, "event_registrations"):
        event = labels.events.get(reg["event_id"], {})
        lines.append(
            EventLine(
                title=str(event.get("title") or ""),
                kind=_code(event.get("kind") or "other"),
                starts_at=event.get("starts_at"),
                timezone=event.get("timezone"),
                status=_code(reg["status"]),
                attended=reg["attended"],
                rating=reg["rating"],
                feedback=reg["feedback"],
            )
        )
    far = datetime.max.replace(tzinfo=UTC)
    return tuple(sorted(lines, key=lambda e: e.starts_at or far, reverse=True))


def _surveys(data: PersonalData, labels: Labels) -> tuple[SurveyLine, ...]:
    lines = []
    invited = set()
    for invite in _rows(data, "survey_invites"):
        survey = labels.surveys.get(invite["wave_id"], {})
        invited.add(invite["wave_id"])
        done = invite["done_at"]
        lines.append(
            SurveyLine(
                title=str(survey.get("title") or ""),
                anonymous=bool(survey.get("anonymous")),
                status=_code(invite["status"]),
                done_on=done.date() if isinstance(done, datetime) else None,
            )
        )
    for response in _rows(data, "survey_responses"):
        if response["wave_id"] in invited:
            continue
        survey = labels.surveys.get(response["wave_id"], {})
        lines.append(SurveyLine(str(survey.get("title") or ""), False, "answered", response["submitted_on"]))
    return tuple(lines)


def portrait(
    user: User,
    data: PersonalData,
    labels: Labels,
    now: datetime,
    timezone: str,
    *,
    dialogue: bool = False,
) -> Portrait:
    """The person's rows, grouped into the bot's sections with names for the ids."""
    profile = next(iter(_rows(data, "mentor_profiles")), None)
    request = next(iter(_rows(data, "mentor_requests")), None)
    assignment = next(iter(_rows(data, "methodist_assignments")), None)
    other = sum(len(rows) for table, rows in data.tables.items() if table not in PORTRAYED)
    return Portrait(
        user=user,
        timezone=timezone,
        now=now,
        roles=tuple(
            RoleLine(
                _code(r["role"]),
                labels.municipalities.get(r["scope_municipality_id"]) if r["scope_municipality_id"] else None,
                r["granted_at"],
            )
            for r in _rows(data, "user_roles")
        ),
        role_changes=tuple(
            RoleChange(r["at"], _code(r["role"]), _code(r["action"]), str(r["source"] or ""))
            for r in sorted(_rows(data, "role_audit"), key=lambda r: r["at"])
        ),
        school_requests=tuple(
            SchoolRequestLine(r["text"], r["created_at"], r["resolved_at"] is not None)
            for r in _rows(data, "school_requests")
        ),
        methodist=labels.people.get(assignment["methodist_id"]) if assignment else None,
        attempts=_attempts(data, labels),
        routes=_routes(data, labels),
        pairs=_pairs(data, labels),
        mentor_capacity=profile["capacity"] if profile else None,
        mentor_about=profile["about"] if profile else None,
        applications=tuple((_code(a["status"]), a["created_at"]) for a in _rows(data, "mentor_applications")),
        asked_for_mentor=request["created_at"] if request else None,
        adaptation_checks=len(_rows(data, "adaptation_checks")),
        events=_events(data, labels),
        surveys=_surveys(data, labels),
        other_records=other,
        mentions=sum(len(rows) for rows in data.mentions.values()),
        dialogue=dialogue,
    )

"""The teacher's diagnosis: start or resume, answer, go back, finish, results, history, due date;
and the aggregates staff and methodists see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.domain.diagnostics import (
    AreaChange,
    AreaResult,
    Audience,
    Catalogue,
    Level,
    Questionnaire,
    Recommendation,
    compare,
    missing_required,
    score,
    weakest,
)
from bot.domain.profile import SUBJECTS, is_young_specialist
from bot.domain.roles import scope_covers
from bot.services import content
from storage.models import ContentVersion, DiagnosisAttempt, User
from storage.repositories import Repos

DEFAULT_RETAKE_DAYS = 182  # twice a year (seed 003 §6)


class NotYours(Exception):
    """An attempt of someone else (a forged button)."""


@dataclass(frozen=True, slots=True)
class Offer:
    """A questionnaire as the teacher sees it in the list."""

    version: ContentVersion
    questionnaire: Questionnaire
    open_attempt: DiagnosisAttempt | None
    answered: int
    last_finished: datetime | None
    due: datetime | None


def visible_to(questionnaire: Questionnaire, user: User, year: int) -> bool:
    if questionnaire.audience is Audience.YOUNG:
        return is_young_specialist(user.birth_year, user.experience_years, year)
    return True


async def offers(repos: Repos, user: User, now: datetime, retake_days: int) -> list[Offer]:
    result = []
    open_by_q = {a.questionnaire_id: a for a in await repos.diagnosis.open_attempts(user.id)}
    for version, questionnaire in await content.questionnaires(repos):
        if not visible_to(questionnaire, user, now.year):
            continue
        finished = await repos.diagnosis.finished(user.id, questionnaire.id)
        last = finished[0].finished_at if finished else None
        attempt = open_by_q.get(questionnaire.id)
        answered = len(await repos.diagnosis.answers(attempt.id)) if attempt else 0
        due = last + timedelta(days=retake_days) if last else None
        result.append(Offer(version, questionnaire, attempt, answered, last, due))
    # The general questionnaire first, then modules.
    result.sort(key=lambda o: (o.questionnaire.id != "general", o.questionnaire.title))
    return result


async def start_or_resume(
    repos: Repos, user: User, questionnaire_id: str
) -> tuple[DiagnosisAttempt, Questionnaire]:
    attempt = await repos.diagnosis.open_attempt(user.id, questionnaire_id)
    if attempt is not None:
        questionnaire = await content.questionnaire_version(repos, attempt.content_version_id)
        assert questionnaire is not None
        return attempt, questionnaire
    version = await repos.content.active_one("questionnaire", questionnaire_id)
    if version is None:
        raise LookupError(questionnaire_id)
    return await repos.diagnosis.create_attempt(user.id, version), content.as_questionnaire(version)


async def load_attempt(repos: Repos, user: User, attempt_id: int) -> tuple[DiagnosisAttempt, Questionnaire]:
    attempt = await repos.diagnosis.attempt(attempt_id)
    if attempt is None or attempt.user_id != user.id:
        raise NotYours(attempt_id)
    questionnaire = await content.questionnaire_version(repos, attempt.content_version_id)
    assert questionnaire is not None
    return attempt, questionnaire


class Stale(Exception):
    """A button for an item that is no longer on screen (double tap, an old message)."""


async def answer(
    repos: Repos, attempt: DiagnosisAttempt, questionnaire: Questionnaire, index: int, value: int
) -> bool:
    """Record the answer to the item on screen; returns True when it was the last item."""
    if (
        attempt.finished_at is not None
        or index != attempt.position
        or not 0 <= index < len(questionnaire.items)
    ):
        raise Stale(index)
    if questionnaire.option(value) is None:
        raise Stale(index)
    _, item = questionnaire.items[index]
    await repos.diagnosis.save_answer(attempt, item.id, value, index + 1)
    return index + 1 >= len(questionnaire.items)


async def skip(repos: Repos, attempt: DiagnosisAttempt, questionnaire: Questionnaire, index: int) -> bool:
    """Skip an optional item."""
    if (
        attempt.finished_at is not None
        or index != attempt.position
        or not 0 <= index < len(questionnaire.items)
    ):
        raise Stale(index)
    _, item = questionnaire.items[index]
    if not item.optional:
        raise Stale(index)
    await repos.diagnosis.set_position(attempt, index + 1)
    return index + 1 >= len(questionnaire.items)


async def back(repos: Repos, attempt: DiagnosisAttempt, index: int) -> None:
    if attempt.finished_at is not None or index != attempt.position or index == 0:
        raise Stale(index)
    await repos.diagnosis.set_position(attempt, index - 1)


@dataclass(frozen=True, slots=True)
class Outcome:
    attempt: DiagnosisAttempt
    questionnaire: Questionnaire
    results: list[AreaResult]
    previous: list[AreaResult] | None
    changes: list[AreaChange] | None
    recommendations: list[tuple[AreaResult, tuple[Recommendation, ...]]]


async def finish(
    repos: Repos, attempt: DiagnosisAttempt, questionnaire: Questionnaire, now: datetime
) -> None:
    answers = await repos.diagnosis.answers(attempt.id)
    missing = missing_required(questionnaire, answers)
    if missing:
        # Should not happen through the buttons; go back to the first unanswered item.
        await repos.diagnosis.set_position(attempt, questionnaire.item_ids.index(missing[0]))
        raise Stale(attempt.position)
    results = score(questionnaire, answers)
    await repos.diagnosis.finish(
        attempt, ((r.area, r.score, r.level.value if r.level else None) for r in results), now
    )


def stored_results(
    questionnaire: Questionnaire, stored: dict[str, tuple[float | None, str | None]]
) -> list[AreaResult]:
    results = []
    for area in questionnaire.areas:
        value, level = stored.get(area.id, (None, None))
        results.append(
            AreaResult(area.id, area.title, value, Level(level) if level else None, 0, len(area.items))
        )
    return results


def recommend(
    results: list[AreaResult], catalogue: Catalogue | None, count: int = 3
) -> list[tuple[AreaResult, tuple[Recommendation, ...]]]:
    """For the weakest areas with a high or medium deficit: what to do (ИОМ step forms)."""
    if catalogue is None:
        return []
    picked = []
    for result in weakest(results, count=len(results)):
        if result.level in (Level.HIGH, Level.MEDIUM) and result.area in catalogue.areas:
            picked.append((result, catalogue.areas[result.area].for_level(result.level)[:2]))
        if len(picked) == count:
            break
    if not picked:
        # No deficits to speak of: suggest sharing experience in the strongest area.
        strongest = [r for r in results if r.level is Level.LOW and r.area in catalogue.areas]
        if strongest and catalogue is not None:
            best = max(strongest, key=lambda r: r.score or 0)
            picked.append((best, catalogue.areas[best.area].low[:2]))
    return picked


async def outcome(repos: Repos, user: User, attempt_id: int) -> Outcome:
    attempt, questionnaire = await load_attempt(repos, user, attempt_id)
    if attempt.finished_at is None:
        raise Stale(attempt_id)
    results = stored_results(questionnaire, await repos.diagnosis.results(attempt.id))
    history = await repos.diagnosis.finished(user.id, questionnaire.id)
    older = [a for a in history if (a.finished_at, a.id) < (attempt.finished_at, attempt.id)]
    previous = stored_results(questionnaire, await repos.diagnosis.results(older[0].id)) if older else None
    changes = compare(previous, results) if previous else None
    return Outcome(
        attempt, questionnaire, results, previous, changes, recommend(results, await content.catalogue(repos))
    )


async def history(
    repos: Repos, user: User, questionnaire_id: str
) -> list[tuple[DiagnosisAttempt, list[AreaResult]]]:
    rows = []
    for attempt in await repos.diagnosis.finished(user.id, questionnaire_id):
        questionnaire = await content.questionnaire_version(repos, attempt.content_version_id)
        assert questionnaire is not None
        rows.append((attempt, stored_results(questionnaire, await repos.diagnosis.results(attempt.id))))
    return rows


@dataclass(frozen=True, slots=True)
class Aggregate:
    questionnaire: Questionnaire
    teachers: int
    diagnosed: int
    areas: list[tuple[str, str, int, int, int]]  # area id, title, high, medium, low

    @property
    def share(self) -> float:
        return round(100 * self.diagnosed / self.teachers, 1) if self.teachers else 0.0


async def aggregate(
    repos: Repos,
    questionnaire_id: str,
    *,
    municipality_id: int | None = None,
    school_id: int | None = None,
    subject: str | None = None,
) -> Aggregate | None:
    version = await repos.content.active_one("questionnaire", questionnaire_id)
    if version is None:
        return None
    questionnaire = content.as_questionnaire(version)
    teachers = await repos.diagnosis.count_teachers(
        municipality_id=municipality_id, school_id=school_id, subject=subject
    )
    diagnosed, counts = await repos.diagnosis.level_counts(
        questionnaire_id, municipality_id=municipality_id, school_id=school_id, subject=subject
    )
    areas = [
        (
            area.id,
            area.title,
            counts.get(area.id, {}).get(Level.HIGH.value, 0),
            counts.get(area.id, {}).get(Level.MEDIUM.value, 0),
            counts.get(area.id, {}).get(Level.LOW.value, 0),
        )
        for area in questionnaire.areas
    ]
    return Aggregate(questionnaire, teachers, diagnosed, areas)


@dataclass(frozen=True, slots=True)
class Slice:
    """Which teachers staff look at: a municipality, a school, a subject (None = all)."""

    municipality_id: int | None = None
    school_id: int | None = None
    subject: str | None = None


async def staff_slice(
    repos: Repos, actor_scope: int | None, *, municipality_id: int, school_id: int, subject: str
) -> Slice | None:
    """The slice asked for (from a button, so possibly forged), or None when it reaches beyond the
    actor: municipal staff (`actor_scope`) see their municipality and its schools only, and a
    school must lie in the municipality chosen."""
    if actor_scope is not None and municipality_id != actor_scope:
        return None
    if subject and subject not in SUBJECTS:
        return None
    if school_id:
        school = await repos.directory.school(school_id)
        if school is None or not scope_covers(actor_scope, school.municipality_id):
            return None
        if municipality_id and school.municipality_id != municipality_id:
            return None
    return Slice(municipality_id or None, school_id or None, subject or None)

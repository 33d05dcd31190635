"""The basis of a route: the finished diagnosis it is built on, its areas, its effect after."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.diagnostics import AreaChange, AreaResult, Questionnaire, compare, stored_results
from bot.services import content
from bot.services.routes.rules import RouteRepos
from storage.models import DiagnosisAttempt, Route, User


@dataclass(frozen=True, slots=True)
class Basis:
    attempt: DiagnosisAttempt
    questionnaire: Questionnaire
    results: list[AreaResult]


async def basis(repos: RouteRepos, user: User, attempt_id: int | None = None) -> Basis | None:
    """The diagnosis a route is built on: the one named, or the latest (the general one first)."""
    if attempt_id:
        attempt = await repos.diagnosis.attempt(attempt_id)
        if attempt is None or attempt.user_id != user.id or attempt.finished_at is None:
            return None
    else:
        finished = await repos.diagnosis.finished(user.id)
        if not finished:
            return None
        general = [a for a in finished if a.questionnaire_id == "general"]
        attempt = (general or finished)[0]
    questionnaire = await content.questionnaire_version(repos.content, attempt.content_version_id)
    if questionnaire is None:
        return None
    return Basis(
        attempt, questionnaire, stored_results(questionnaire, await repos.diagnosis.results(attempt.id))
    )


async def route_basis(repos: RouteRepos, route: Route) -> Basis | None:
    owner = await repos.users.by_id(route.user_id)
    if owner is None or route.attempt_id is None:
        return None
    return await basis(repos, owner, route.attempt_id)


async def area_titles(repos: RouteRepos, route: Route) -> dict[str, str]:
    """Competence area titles for the route's steps (from its diagnosis, then the catalogue)."""
    titles: dict[str, str] = {}
    catalogue = await content.catalogue(repos.content)
    if catalogue is not None:
        titles.update({area: rec.title for area, rec in catalogue.areas.items()})
    found = await route_basis(repos, route)
    if found is not None:
        titles.update({r.area: r.title for r in found.results})
    return titles


async def effect(repos: RouteRepos, route: Route) -> list[AreaChange]:
    """After the route: how the route's areas changed in a later diagnosis (empty until there is one)."""
    found = await route_basis(repos, route)
    if found is None or found.attempt.finished_at is None:
        return []
    later = [
        a
        for a in await repos.diagnosis.finished(route.user_id, found.attempt.questionnaire_id)
        if a.finished_at is not None
        and a.finished_at > found.attempt.finished_at
        and a.id != found.attempt.id
    ]
    if not later:
        return []
    newest = later[0]
    questionnaire = await content.questionnaire_version(repos.content, newest.content_version_id)
    if questionnaire is None:
        return []
    after = stored_results(questionnaire, await repos.diagnosis.results(newest.id))
    areas = {s.area for s in route.steps if s.area}
    return [c for c in compare(found.results, after) if c.area in areas]

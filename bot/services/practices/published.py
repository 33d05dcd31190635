"""What a practice's publication means for its author, once: the «представление опыта» step of
their route (ИОМ) is carried out with the practice as its evidence.

**`on_published(repos, practice_id, now, evidence_text)`** — call it whenever a practice becomes
PUBLISHED (the experts' decision does, in the same unit of work, after setting the status). It is
idempotent and safe across processes: the first call claims the practice by one conditional UPDATE
(`practices.counted_at`), every later one finds it claimed and does nothing. What it does:

- the author's current route has an open step of the form «презентация личного опыта»
  (`StepForm.EXPERIENCE`, planned or in progress) that may be carried out now → that step gets the
  practice as evidence and is done (the route may become carried out by it);
- else, if the route is being carried out (sent, returned or agreed) or still a draft, a new step of
  that form, titled by the practice, is added — and carried out at once where the route allows it;
- no route (or one carried out already): nothing in a route; the practice still counts in the
  indicators, which read published practices themselves.

`practices.route_step_id` keeps the step, so the practice card can say where it went.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from bot.domain.diagnostics import StepForm
from bot.domain.routes import WORKABLE, EvidenceKind, RouteStatus, StepAction, StepStatus
from bot.services.routes import shaping
from bot.services.routes.rules import (
    Evidence,
    NewStep,
    NotAllowed,
    RouteFull,
    RouteRepos,
    check_action,
    status,
    step_status,
)
from storage.models import Practice, RouteStep
from storage.repositories.practice_bank import PracticeBankRepo


class PublishedRepos(RouteRepos, Protocol):
    @property
    def practice_bank(self) -> PracticeBankRepo: ...


@dataclass(frozen=True, slots=True)
class Counted:
    practice: Practice
    step: RouteStep | None  # the route's step it carried out (or added), None: no route to put it in
    done: bool  # the step is done by it


def _open_experience_step(steps: list[RouteStep]) -> RouteStep | None:
    for step in steps:
        if step.form == StepForm.EXPERIENCE and step_status(step) in {
            StepStatus.PLANNED,
            StepStatus.IN_PROGRESS,
        }:
            return step
    return None


async def on_published(
    repos: PublishedRepos,
    practice_id: int,
    now: datetime,
    today: date,
    evidence_text: Callable[[Practice], str],
) -> Counted | None:
    """Count a published practice in its author's route, once. None: not published, or counted before."""
    bank = repos.practice_bank
    if not await bank.claim_counted(practice_id, now):
        return None
    practice = await bank.get(practice_id)
    assert practice is not None
    route = await repos.routes.current(practice.author_id)
    if route is None or status(route) is RouteStatus.CARRIED_OUT:
        return Counted(practice, None, False)
    evidence = Evidence(kind=EvidenceKind.TEXT, text=evidence_text(practice)[:1000])
    step = _open_experience_step(list(route.steps))
    if step is None:
        try:
            step = await shaping.add_step(
                repos,
                route,
                NewStep(
                    form=StepForm.EXPERIENCE,
                    title=practice.title[:200],
                    area=None,
                    months=0,
                    description=evidence.text or "",
                ),
                today,
                check_editable=False,
            )
        except (NotAllowed, RouteFull):
            return Counted(practice, None, False)
    done = False
    if status(route) in WORKABLE:
        try:
            check_action(route, step, StepAction.DONE)
        except NotAllowed:
            pass
        else:
            await shaping.add_evidence(repos, route, step, evidence, now)
            done = True
    await bank.update(practice, route_step_id=step.id)
    return Counted(practice, step, done)

"""The teacher's diagnosis: start or resume, answer, go back, finish, results, history, due date.
(What staff and methodists see of it: `bot.services.diagnosis_staff`.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain.diagnostics import (
    AreaChange,
    AreaResult,
    Audience,
    ContentKind,
    Questionnaire,
    Recommendation,
    compare,
    missing_required,
    recommend,
    score,
    stored_results,
)
from bot.domain.errors import Refusal
from bot.domain.profile import young_teacher
from bot.domain.time import Clock
from bot.services import content as content_service
from bot.services.base import UnitOfWork
from storage.models import ContentVersion, DiagnosisAttempt, User
from storage.repositories import ContentRepo, DiagnosisRepo, UserRepo

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
        return young_teacher(user.teaches, user.birth_year, user.experience_years, year)
    return True


class Stale(Exception):
    """A button for an item that is no longer on screen (double tap, an old message)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    attempt: DiagnosisAttempt
    questionnaire: Questionnaire
    results: list[AreaResult]
    previous: list[AreaResult] | None
    changes: list[AreaChange] | None
    recommendations: list[tuple[AreaResult, tuple[Recommendation, ...]]]


# --- what the teacher's screens show (views: data, rendered by bot/ui/diagnosis) -------------------


@dataclass(frozen=True, slots=True)
class Offers:
    offers: list[Offer]
    now: datetime
    timezone: str


@dataclass(frozen=True, slots=True)
class Item:
    """The item on turn, with the answer given to it before (when going back)."""

    questionnaire: Questionnaire
    attempt: DiagnosisAttempt
    current: int | None


@dataclass(frozen=True, slots=True)
class Intro:
    questionnaire: Questionnaire


@dataclass(frozen=True, slots=True)
class Later:
    questionnaire: Questionnaire
    attempt: DiagnosisAttempt


@dataclass(frozen=True, slots=True)
class Results:
    """A finished attempt, with the date the next diagnosis is due, and whether the teacher shares it."""

    outcome: Outcome
    due: datetime | None
    timezone: str
    shared: bool


@dataclass(frozen=True, slots=True)
class StaleTap:
    """A double tap or an old message: the item really on turn (None when the attempt is finished)."""

    item: Item | None


@dataclass(frozen=True, slots=True)
class History:
    title: str
    rows: list[tuple[DiagnosisAttempt, list[AreaResult]]]
    timezone: str


class Step(StrEnum):
    ANSWER = "ans"
    SKIP = "skip"
    BACK = "back"
    LATER = "later"


class DiagnosisService:
    """The teacher's diagnosis (see the module's docstring)."""

    def __init__(
        self,
        diagnosis: DiagnosisRepo,
        content: ContentRepo,
        users: UserRepo,
        uow: UnitOfWork,
        *,
        clock: Clock,
        timezone: str,
        retake_days: int = DEFAULT_RETAKE_DAYS,
    ) -> None:
        self.diagnosis = diagnosis
        self.content = content
        self.users = users
        self.uow = uow
        self.clock = clock
        self.timezone = timezone
        self.retake_days = retake_days

    # --- the teacher's screens ----------------------------------------------------------------------

    async def offers(self, user: User) -> Offers:
        now = self.clock()
        result = []
        open_by_q = {a.questionnaire_id: a for a in await self.diagnosis.open_attempts(user.id)}
        for version, questionnaire in await content_service.questionnaires(self.content):
            if not visible_to(questionnaire, user, now.year):
                continue
            finished = await self.diagnosis.finished(user.id, questionnaire.id)
            last = finished[0].finished_at if finished else None
            attempt = open_by_q.get(questionnaire.id)
            answered = len(await self.diagnosis.answers(attempt.id)) if attempt else 0
            due = last + timedelta(days=self.retake_days) if last else None
            result.append(Offer(version, questionnaire, attempt, answered, last, due))
        # The general questionnaire first, then modules.
        result.sort(key=lambda o: (o.questionnaire.id != "general", o.questionnaire.title))
        return Offers(result, now, self.timezone)

    async def open(self, user: User, questionnaire_id: str) -> Item | Intro:
        """The item on turn of an attempt in progress, or the questionnaire's introduction."""
        attempt = await self.diagnosis.open_attempt(user.id, questionnaire_id)
        if attempt is not None:
            attempt, questionnaire = await self.load_attempt(user, attempt.id)
            return await self._item(attempt, questionnaire)
        version = await self.content.active_one(ContentKind.QUESTIONNAIRE, questionnaire_id)
        if version is None:
            raise Refusal("diag-gone")
        return Intro(content_service.as_questionnaire(version))

    async def begin(self, user: User, questionnaire_id: str) -> Item:
        try:
            attempt, questionnaire = await self.start_or_resume(user, questionnaire_id)
        except LookupError:
            raise Refusal("diag-gone") from None
        return await self._item(attempt, questionnaire)

    async def step(
        self, user: User, attempt_id: int, step: Step, index: int, value: int
    ) -> Item | Later | StaleTap | Results:
        """One tap on an item: answer, skip, back or «later». The answer is committed before the
        next screen goes to Telegram; the last one finishes the attempt (committed too)."""
        try:
            attempt, questionnaire = await self.load_attempt(user, attempt_id)
        except NotYours:
            raise Refusal("diag-not-yours") from None
        if step is Step.LATER:
            return Later(questionnaire, attempt)
        try:
            if step is Step.BACK:
                await self.back(attempt, index)
                last = False
            elif step is Step.SKIP:
                last = await self.skip(attempt, questionnaire, index)
            else:
                last = await self.answer(attempt, questionnaire, index, value)
        except Stale:
            item = await self._item(attempt, questionnaire) if attempt.finished_at is None else None
            return StaleTap(item)
        # Saved before we talk to Telegram: the write lock is not held over the network.
        await self.uow.commit()
        if not last:
            return await self._item(attempt, questionnaire)
        await self.finish(attempt, questionnaire, self.clock())
        await self.uow.commit()
        return await self.results(user, attempt.id)

    async def results(self, user: User, attempt_id: int) -> Results:
        try:
            outcome = await self.outcome(user, attempt_id)
        except (NotYours, Stale):
            raise Refusal("diag-not-yours") from None
        finished = outcome.attempt.finished_at
        due = finished + timedelta(days=self.retake_days) if finished else None
        return Results(outcome, due, self.timezone, user.share_results)

    async def last_results(self, user: User, questionnaire_id: str) -> Results:
        finished = await self.diagnosis.finished(user.id, questionnaire_id)
        if not finished:
            raise Refusal("diag-history-empty", alert=False)
        return await self.results(user, finished[0].id)

    async def history_of(self, user: User, questionnaire_id: str) -> History:
        rows = await self.history(user, questionnaire_id)
        version = await self.content.active_one(ContentKind.QUESTIONNAIRE, questionnaire_id)
        title = content_service.as_questionnaire(version).title if version else questionnaire_id
        return History(title, rows, self.timezone)

    async def share(self, user: User, share: bool, attempt_id: int) -> Results | None:
        """Share one's results with one's methodist (or stop); the results screen again, when the
        attempt is still the person's own."""
        await self.users.update(user, share_results=share)
        try:
            return await self.results(user, attempt_id)
        except Refusal:
            return None

    # --- the steps underneath ------------------------------------------------------------------------

    async def _item(self, attempt: DiagnosisAttempt, questionnaire: Questionnaire) -> Item:
        answers = await self.diagnosis.answers(attempt.id)
        _area, item = questionnaire.items[attempt.position]
        return Item(questionnaire, attempt, answers.get(item.id))

    async def start_or_resume(
        self, user: User, questionnaire_id: str
    ) -> tuple[DiagnosisAttempt, Questionnaire]:
        attempt = await self.diagnosis.open_attempt(user.id, questionnaire_id)
        if attempt is not None:
            questionnaire = await content_service.questionnaire_version(
                self.content, attempt.content_version_id
            )
            assert questionnaire is not None
            return attempt, questionnaire
        version = await self.content.active_one(ContentKind.QUESTIONNAIRE, questionnaire_id)
        if version is None:
            raise LookupError(questionnaire_id)
        return await self.diagnosis.create_attempt(user.id, version), content_service.as_questionnaire(
            version
        )

    async def load_attempt(self, user: User, attempt_id: int) -> tuple[DiagnosisAttempt, Questionnaire]:
        attempt = await self.diagnosis.attempt(attempt_id)
        if attempt is None or attempt.user_id != user.id:
            raise NotYours(attempt_id)
        questionnaire = await content_service.questionnaire_version(self.content, attempt.content_version_id)
        assert questionnaire is not None
        return attempt, questionnaire

    async def answer(
        self, attempt: DiagnosisAttempt, questionnaire: Questionnaire, index: int, value: int
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
        await self.diagnosis.save_answer(attempt, item.id, value, index + 1)
        return index + 1 >= len(questionnaire.items)

    async def skip(self, attempt: DiagnosisAttempt, questionnaire: Questionnaire, index: int) -> bool:
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
        await self.diagnosis.set_position(attempt, index + 1)
        return index + 1 >= len(questionnaire.items)

    async def back(self, attempt: DiagnosisAttempt, index: int) -> None:
        if attempt.finished_at is not None or index != attempt.position or index == 0:
            raise Stale(index)
        await self.diagnosis.set_position(attempt, index - 1)

    async def finish(self, attempt: DiagnosisAttempt, questionnaire: Questionnaire, now: datetime) -> None:
        answers = await self.diagnosis.answers(attempt.id)
        missing = missing_required(questionnaire, answers)
        if missing:
            # Should not happen through the buttons; go back to the first unanswered item.
            await self.diagnosis.set_position(attempt, questionnaire.item_ids.index(missing[0]))
            raise Stale(attempt.position)
        results = score(questionnaire, answers)
        await self.diagnosis.finish(attempt, ((r.area, r.score, r.level) for r in results), now)

    async def outcome(self, user: User, attempt_id: int) -> Outcome:
        attempt, questionnaire = await self.load_attempt(user, attempt_id)
        if attempt.finished_at is None:
            raise Stale(attempt_id)
        results = stored_results(questionnaire, await self.diagnosis.results(attempt.id))
        history = await self.diagnosis.finished(user.id, questionnaire.id)
        older = [a for a in history if (a.finished_at, a.id) < (attempt.finished_at, attempt.id)]
        previous = stored_results(questionnaire, await self.diagnosis.results(older[0].id)) if older else None
        changes = compare(previous, results) if previous else None
        catalogue = await content_service.catalogue(self.content)
        return Outcome(attempt, questionnaire, results, previous, changes, recommend(results, catalogue))

    async def history(
        self, user: User, questionnaire_id: str
    ) -> list[tuple[DiagnosisAttempt, list[AreaResult]]]:
        rows = []
        for attempt in await self.diagnosis.finished(user.id, questionnaire_id):
            questionnaire = await content_service.questionnaire_version(
                self.content, attempt.content_version_id
            )
            assert questionnaire is not None
            rows.append((attempt, stored_results(questionnaire, await self.diagnosis.results(attempt.id))))
        return rows

"""The rows of one teacher's history: diagnoses, routes and their steps, registrations and messages."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from benchmarks.indicators.world import (
    COMMUNITY_EVENTS,
    FORM_WEIGHTS,
    IN_FROM,
    IN_TO,
    NOW,
    PERIOD,
    PREV_FROM,
    PREV_TO,
    ROUTE_WEIGHTS,
    STEP_TITLES,
    WORKING,
    Person,
    SeedState,
    between,
    in_period,
)
from benchmarks.seed import weighted
from bot.domain.diagnostics import Level, StepForm
from bot.domain.events import EventKind
from bot.domain.routes import RouteStatus, StepStatus


@dataclass
class ChunkRows:
    attempts: list[dict[str, Any]] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)
    routes: list[dict[str, Any]] = field(default_factory=list)
    steps: list[dict[str, Any]] = field(default_factory=list)
    registrations: list[dict[str, Any]] = field(default_factory=list)
    outbox: list[dict[str, Any]] = field(default_factory=list)


def _attempt(
    state: SeedState,
    rows: ChunkRows,
    p: Person,
    qid: str,
    started: datetime,
    finished: datetime | None,
    leveled: bool,
) -> int:
    rng = state.rng
    state.next_attempt += 1
    aid = state.next_attempt
    areas = state.areas[qid]
    rows.attempts.append(
        {
            "id": aid,
            "user_id": p.uid,
            "content_version_id": state.version_ids[qid],
            "questionnaire_id": qid,
            "started_at": started,
            "finished_at": finished,
            "position": 30 if finished else rng.randint(0, 20),
        }
    )
    if finished is None:
        return aid
    weak = rng.uniform(0.05, 0.45)
    for area in areas:
        if not leveled:
            score, level = None, None
        else:
            r = rng.random()
            level = Level.HIGH if r < weak else Level.MEDIUM if r < weak + 0.4 else Level.LOW
            lo, hi = {Level.HIGH: (15, 49), Level.MEDIUM: (50, 74), Level.LOW: (75, 100)}[level]
            score = round(rng.uniform(lo, hi), 1)
        rows.results.append(
            {"attempt_id": aid, "area": area, "score": score, "level": level.value if level else None}
        )
    return aid


def diagnoses(state: SeedState, rows: ChunkRows, p: Person) -> tuple[bool, int | None, int | None, datetime]:
    """Attempts of one teacher; (diagnosed in the period, latest general attempt in the period, one of
    the previous year, the moment a route may be built from)."""
    rng = state.rng
    truth = state.truth[p.uid]
    lo = max(IN_FROM, p.registered_at)
    prev: int | None = None
    if rng.random() < 0.10 and p.registered_at < PREV_TO - timedelta(days=30):
        done = between(rng, max(PREV_FROM, p.registered_at), PREV_TO)
        prev = _attempt(state, rows, p, "general", done - timedelta(minutes=25), done, True)
    latest: int | None = None
    base = lo
    diagnosed = rng.random() < 0.65
    if diagnosed:
        times = sorted(between(rng, lo, IN_TO) for _ in range(2 if rng.random() < 0.3 else 1))
        leveled_any = False
        last_leveled = True
        for finished in times:
            leveled = rng.random() >= 0.02
            leveled_any |= leveled
            last_leveled = leveled
            latest = _attempt(state, rows, p, "general", finished - timedelta(minutes=25), finished, leveled)
        base = times[-1]
        if last_leveled:
            _count_deficits(state, rows, p)
        if rng.random() < 0.12:
            finished = between(rng, lo, IN_TO)
            _attempt(state, rows, p, "inclusive", finished - timedelta(minutes=15), finished, True)
            _count_deficits(state, rows, p)
            leveled_any = True
        truth.diagnosed = True
        truth.recommended = leveled_any
    if rng.random() < 0.04:
        _attempt(state, rows, p, "general", between(rng, lo, IN_TO), None, False)
    return diagnosed, latest, prev, base


def _count_deficits(state: SeedState, rows: ChunkRows, p: Person) -> None:
    """The attempt just generated is the latest of its questionnaire in the period: count its results."""
    aid = rows.attempts[-1]["id"]
    for result in reversed(rows.results):
        if result["attempt_id"] != aid:
            break
        if result["level"] is not None:
            cell = state.deficits[(p.muni, p.school, result["area"])]
            cell[0] += result["level"] == Level.HIGH.value
            cell[1] += 1


def _step_moments(
    rng: random.Random, status: StepStatus, lo: datetime, hi: datetime
) -> tuple[datetime | None, datetime | None]:
    if status is StepStatus.DONE:
        started = between(rng, lo, hi)
        return started, between(rng, started, hi)
    if status is StepStatus.IN_PROGRESS:
        return between(rng, lo, hi), None
    if status is StepStatus.DROPPED and rng.random() < 0.5:
        return between(rng, lo, hi), None
    return None, None


def add_steps(
    state: SeedState,
    rows: ChunkRows,
    p: Person,
    route_id: int,
    status: RouteStatus,
    start: date,
    end: date,
    work_from: datetime,
    work_to: datetime,
) -> None:
    rng = state.rng
    truth = state.truth[p.uid]
    today = PERIOD.last_day
    span = max(6, (end - start).days)
    for k in range(6):
        form = weighted(rng, FORM_WEIGHTS)
        ps = start + timedelta(days=span * k // 6)
        pe = start + timedelta(days=span * (k + 1) // 6 - 1)
        if status is RouteStatus.DRAFT:
            st = StepStatus.PLANNED
        elif status is RouteStatus.CARRIED_OUT:
            st = StepStatus.DONE if rng.random() < 0.9 else StepStatus.DROPPED
        elif pe < today:
            r = rng.random()
            st = StepStatus.DONE if r < 0.75 else StepStatus.DROPPED if r < 0.80 else StepStatus.IN_PROGRESS
        elif ps <= today:
            r = rng.random()
            st = StepStatus.IN_PROGRESS if r < 0.5 else StepStatus.PLANNED if r < 0.9 else StepStatus.DONE
        else:
            st = StepStatus.PLANNED
        started, done = (
            _step_moments(rng, st, work_from, work_to) if st is not StepStatus.PLANNED else (None, None)
        )
        rows.steps.append(
            {
                "route_id": route_id,
                "position": k + 1,
                "form": form.value,
                "title": STEP_TITLES[form],
                "description": "Шаг маршрута из каталога рекомендаций.",
                "link": None,
                "hours": 36 if form is StepForm.COURSE else None,
                "area": rng.choice(state.areas["general"]),
                "level": rng.choice((Level.HIGH.value, Level.MEDIUM.value)),
                "source": "catalogue",
                "planned_start": ps,
                "planned_end": pe,
                "status": st.value,
                "started_at": started,
                "done_at": done,
                "drop_reason": "нет времени" if st is StepStatus.DROPPED else None,
            }
        )
        if form is StepForm.COMMUNITY and st in WORKING and in_period(done or started):
            truth.community = True
        if form is StepForm.COURSE and st is StepStatus.DONE and in_period(done):
            truth.course = True


def _route_row(
    rid: int,
    uid: int,
    attempt_id: int | None,
    status: RouteStatus,
    start: date,
    end: date,
    created: datetime,
    submitted: datetime | None,
    reviewed: datetime | None,
    approved: datetime | None,
    completed: datetime | None,
) -> dict[str, Any]:
    return {
        "id": rid,
        "user_id": uid,
        "attempt_id": attempt_id,
        "status": status.value,
        "goal": None if status is RouteStatus.DRAFT else "Развить методические и цифровые компетенции",
        "period_start": start,
        "period_end": end,
        "created_at": created,
        "submitted_at": submitted,
        "reviewed_at": reviewed,
        "approved_at": approved,
        "review_comment": "Добавьте шаг по цифровым инструментам."
        if status is RouteStatus.RETURNED
        else None,
        "completed_at": completed,
    }


def old_route(state: SeedState, rows: ChunkRows, p: Person, prev: int | None) -> None:
    """A route of the previous school year: ended before this period, never in force now."""
    rng = state.rng
    status = RouteStatus.CARRIED_OUT if rng.random() < 0.6 else RouteStatus.APPROVED
    submitted = between(rng, max(PREV_FROM, p.registered_at), datetime(2025, 2, 1, tzinfo=UTC))
    approved = submitted + timedelta(days=3)
    completed = (
        between(rng, approved + timedelta(days=30), PREV_TO) if status is RouteStatus.CARRIED_OUT else None
    )
    end = date(2025, 5, 31) if rng.random() < 0.5 else date(2025, 8, 31)
    rows.routes.append(
        _route_row(
            p.uid,
            p.uid,
            prev,
            status,
            submitted.date(),
            end,
            submitted,
            submitted,
            approved,
            approved,
            completed,
        )
    )
    add_steps(state, rows, p, p.uid, status, submitted.date(), end, submitted, completed or PREV_TO)


def routes(
    state: SeedState,
    rows: ChunkRows,
    p: Person,
    diagnosed: bool,
    latest: int | None,
    prev: int | None,
    base: datetime,
) -> None:
    rng = state.rng
    truth = state.truth[p.uid]
    if (prev is not None or rng.random() < 0.08) and p.registered_at < datetime(2025, 1, 1, tzinfo=UTC):
        old_route(state, rows, p, prev)
    if rng.random() >= (0.48 if diagnosed else 0.09):
        return
    status = weighted(rng, ROUTE_WEIGHTS)
    attempt_id = latest if latest is not None and rng.random() < 0.9 else prev if rng.random() < 0.3 else None
    created = between(rng, base, IN_TO)
    submitted: datetime | None = None
    approved: datetime | None = None
    reviewed: datetime | None = None
    completed: datetime | None = None
    if status is not RouteStatus.DRAFT:
        submitted = min(created + timedelta(seconds=rng.randint(0, 5 * 86_400)), NOW - timedelta(minutes=30))
    if status in (RouteStatus.APPROVED, RouteStatus.CARRIED_OUT) and submitted is not None:
        approved = min(
            submitted + timedelta(seconds=rng.randint(3600, 12 * 86_400)), NOW - timedelta(minutes=10)
        )
        reviewed = approved
    if status is RouteStatus.RETURNED and submitted is not None:
        reviewed = min(submitted + timedelta(days=2), NOW - timedelta(minutes=10))
    if status is RouteStatus.CARRIED_OUT and approved is not None:
        completed = min(
            approved + timedelta(seconds=rng.randint(14 * 86_400, 150 * 86_400)), NOW - timedelta(minutes=5)
        )
    start = created.date()
    r = rng.random()
    if r < 0.18:  # a short route, over already
        end = max(start + timedelta(days=30), date(2025, 12, 1) + timedelta(days=rng.randint(0, 100)))
        end = min(end, PERIOD.last_day)
    elif r < 0.80:
        end = date(2026, 5, 31)
    else:
        end = date(2026, 8, 31)
    rows.routes.append(
        _route_row(
            state.teachers + p.uid,
            p.uid,
            attempt_id,
            status,
            start,
            end,
            created,
            submitted,
            reviewed,
            approved,
            completed,
        )
    )
    add_steps(
        state,
        rows,
        p,
        state.teachers + p.uid,
        status,
        start,
        end,
        created,
        completed or NOW - timedelta(minutes=1),
    )
    if submitted is not None:  # in force: saved before the end, its term reaches into the period
        truth.in_force = end >= PERIOD.first_day
        truth.route = truth.in_force and attempt_id is not None
        truth.trajectory = truth.in_force and approved is not None
        truth.due = truth.in_force and (completed is not None or end <= PERIOD.last_day)
        truth.done = truth.due and completed is not None


def _outbox(
    uid: int,
    broadcast_id: int | None,
    status: str,
    when: datetime,
    *,
    dedupe: str | None = None,
    text_: str | None = None,
    error: str | None = None,
) -> dict[str, Any]:
    sent = status == "sent"
    return {
        "broadcast_id": broadcast_id,
        "user_id": uid,
        "chat_id": 500_000_000 + uid,
        "status": status,
        "attempts": 1,
        "not_before": when,
        "claimed_at": when,
        "sent_at": when if sent else None,
        "error": error,
        "text": text_,
        "dedupe": dedupe,
    }


def registrations_and_messages(state: SeedState, rows: ChunkRows, p: Person) -> None:
    rng = state.rng
    truth = state.truth[p.uid]
    shown = [e for e in state.events if e.published_at is not None]
    if rng.random() < 0.40:
        count = weighted(rng, {1: 45, 2: 30, 3: 15, 4: 5, 5: 3, 6: 2})
        for e in rng.sample(shown, min(count, len(shown))):
            assert e.published_at is not None
            lo = max(e.published_at, p.registered_at)
            hi = min(e.starts_at, e.cancelled_at or NOW, NOW) - timedelta(minutes=1)
            if hi <= lo:
                continue
            created = between(rng, lo, hi)
            status = weighted(rng, {"registered": 88, "waitlist": 5, "cancelled": 7})
            attended: bool | None = None
            if status == "registered" and e.starts_at < NOW and e.status != "cancelled":
                attended = weighted(rng, {True: 60, False: 12, None: 28})
            rated = attended is True and rng.random() < 0.5
            rows.registrations.append(
                {
                    "event_id": e.id,
                    "user_id": p.uid,
                    "status": status,
                    "created_at": created,
                    "cancelled_at": between(rng, created, hi) if status == "cancelled" else None,
                    "attended": attended,
                    "rating": rng.randint(3, 5) if rated else None,
                    "feedback": "Полезно, спасибо" if rated else None,
                    "reminded_day_at": e.starts_at - timedelta(days=1)
                    if e.starts_at - timedelta(days=1) > created
                    else None,
                    "feedback_asked_at": e.starts_at + timedelta(hours=3) if attended is not None else None,
                }
            )
            if status == "registered" and e.status != "cancelled":
                if in_period(created):
                    truth.events = True
                    truth.contest |= e.kind is EventKind.CONTEST
                    truth.community |= e.kind in COMMUNITY_EVENTS
                if e.kind is EventKind.COURSE and attended is True and in_period(e.starts_at):
                    truth.course = True
                if e.starts_at < NOW and rng.random() < 0.3:  # a personal reminder: not informing
                    when = max(created, e.starts_at - timedelta(days=1))
                    rows.outbox.append(
                        _outbox(
                            p.uid, None, "sent", when, dedupe=f"ev{e.id}:{p.uid}:day", text_="Напоминание"
                        )
                    )
            cancel = state.cancel_broadcast.get(e.id)
            if cancel is not None and status != "cancelled":
                rows.outbox.append(
                    _outbox(p.uid, cancel[0], "sent", min(cancel[1] + timedelta(minutes=10), NOW))
                )
    if rng.random() < 0.90:
        for bid, when in rng.sample(state.informing, min(rng.randint(1, 8), len(state.informing))):
            if when < p.registered_at:
                continue
            sent = min(when + timedelta(seconds=rng.randint(0, 3 * 3600)), NOW - timedelta(minutes=1))
            rows.outbox.append(_outbox(p.uid, bid, "sent", sent))
            truth.informed |= in_period(sent)
    else:
        for bid, when in rng.sample(state.informing, min(2, len(state.informing))):
            status = rng.choice(("blocked", "failed"))
            rows.outbox.append(
                _outbox(p.uid, bid, status, when, error="Forbidden: bot was blocked by the user")
            )
    if rng.random() < 0.25:
        weeks = [m for m in state.mondays if m >= p.registered_at]
        for monday in rng.sample(weeks, min(rng.randint(1, 5), len(weeks))):
            year, week, _day = monday.isocalendar()
            rows.outbox.append(
                _outbox(
                    p.uid, None, "sent", monday, dedupe=f"digest:{p.uid}:{year}-W{week:02d}", text_="Дайджест"
                )
            )
            truth.informed |= in_period(monday)

"""The teachers' table as statements: one grouped statement per kind of fact, each restricted to the
scope's people (see `storage.repositories.indicators`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    case,
    exists,
    func,
    or_,
    select,
)

from bot.domain.diagnostics import StepForm
from bot.domain.events import EventStatus, RegistrationStatus
from bot.domain.indicators import (
    COMMUNITY_KINDS,
    CONTEST_KINDS,
    COURSE_KINDS,
    DIGEST_DEDUPE_PREFIX,
    INFORMING_BROADCASTS,
)
from bot.domain.mentoring import PairStatus
from bot.domain.outbox import OutboxStatus
from bot.domain.practices import PracticeStatus
from bot.domain.roles import Role
from bot.domain.routes import StepStatus
from storage.models import (
    AssociationMeeting,
    AssociationTalk,
    Broadcast,
    DiagnosisAttempt,
    DiagnosisResult,
    Event,
    EventRegistration,
    MentorPair,
    OutboxMessage,
    Practice,
    Route,
    RouteStep,
    User,
    UserRole,
)
from storage.repositories.indicators.columns import _stored_day, _stored_moment


def _scope(municipality_id: int | None, school_id: int | None) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if municipality_id is not None:
        where.append(User.municipality_id == municipality_id)
    if school_id is not None:
        where.append(User.school_id == school_id)
    return where


def _in_scope(column: Any, municipality_id: int | None, school_id: int | None) -> list[ColumnElement[bool]]:
    """Restrict a subquery to the scope's people (nothing to add for the region)."""
    where = _scope(municipality_id, school_id)
    return [column.in_(select(User.id).where(*where))] if where else []


def teacher_ids(municipality_id: int | None, school_id: int | None, end: datetime) -> Select[Any]:
    """The teachers of the scope: registered before `end` and giving lessons (centre staff and
    school administrators who do not teach are not teachers; those who teach are, whatever else)."""
    return (
        select(User.id)
        .join(UserRole, and_(UserRole.user_id == User.id, UserRole.role == Role.TEACHER))
        .where(User.registered_at < end, User.teaches.is_(True), *_scope(municipality_id, school_id))
    )


def teacher_parts(
    municipality_id: int | None, school_id: int | None, end: datetime, *, postgres: bool
) -> tuple[list[Select[Any]], list[Select[Any]]]:
    """The parts of the teachers' table, in two halves of about the same SQL (read at once: the
    second takes diagnoses, steps and announcements): the people and their route, registrations,
    pairs as mentee and as mentor; then diagnoses, steps, announcements, associations, practices."""
    m, s = municipality_id, school_id

    leveled = exists().where(
        DiagnosisResult.attempt_id == DiagnosisAttempt.id, DiagnosisResult.level.is_not(None)
    )
    diagnoses = (
        select(
            DiagnosisAttempt.user_id.label("uid"),
            func.max(DiagnosisAttempt.finished_at).label("diagnosed_at"),
            func.max(case((leveled, DiagnosisAttempt.finished_at))).label("recommended_at"),
        )
        .where(DiagnosisAttempt.finished_at < end, *_in_scope(DiagnosisAttempt.user_id, m, s))
        .group_by(DiagnosisAttempt.user_id)
        .subquery("diagnoses")
    )

    latest_route = (
        select(Route.user_id.label("uid"), func.max(Route.id).label("route_id"))
        .where(Route.submitted_at < end, *_in_scope(Route.user_id, m, s))
        .group_by(Route.user_id)
        .subquery("latest_route")
    )

    community, course = StepForm.COMMUNITY, StepForm.COURSE
    working = (StepStatus.IN_PROGRESS.value, StepStatus.DONE.value)
    is_community = and_(RouteStep.form == community, RouteStep.status.in_(working))
    steps = (
        select(
            Route.user_id.label("uid"),
            func.max(
                case(
                    (and_(is_community, RouteStep.done_at < end), RouteStep.done_at),
                    (and_(is_community, RouteStep.started_at < end), RouteStep.started_at),
                )
            ).label("community_step_at"),
            func.max(
                case(
                    (
                        and_(
                            RouteStep.form == course,
                            RouteStep.status == StepStatus.DONE.value,
                            RouteStep.done_at < end,
                        ),
                        RouteStep.done_at,
                    )
                )
            ).label("course_step_at"),
        )
        .join(Route, Route.id == RouteStep.route_id)
        .where(RouteStep.form.in_((community, course)), *_in_scope(Route.user_id, m, s))
        .group_by(Route.user_id)
        .subquery("steps")
    )

    made = EventRegistration.created_at < end
    registrations = (
        select(
            EventRegistration.user_id.label("uid"),
            func.max(case((made, EventRegistration.created_at))).label("registered_at"),
            func.max(
                case((and_(made, Event.kind.in_(sorted(CONTEST_KINDS))), EventRegistration.created_at))
            ).label("contest_at"),
            func.max(
                case((and_(made, Event.kind.in_(sorted(COMMUNITY_KINDS))), EventRegistration.created_at))
            ).label("community_event_at"),
            func.max(
                case(
                    (
                        and_(
                            Event.kind.in_(sorted(COURSE_KINDS)),
                            EventRegistration.attended.is_(True),
                            Event.starts_at < end,
                        ),
                        Event.starts_at,
                    )
                )
            ).label("course_event_at"),
        )
        .join(Event, Event.id == EventRegistration.event_id)
        .where(
            EventRegistration.status == RegistrationStatus.REGISTERED,
            Event.status != EventStatus.CANCELLED,
            *_in_scope(EventRegistration.user_id, m, s),
        )
        .group_by(EventRegistration.user_id)
        .subquery("registrations")
    )

    informing = or_(
        OutboxMessage.broadcast_id.in_(
            select(Broadcast.id).where(Broadcast.kind.in_(sorted(INFORMING_BROADCASTS)))
        ),
        OutboxMessage.dedupe.startswith(DIGEST_DEDUPE_PREFIX, autoescape=True),
    )
    informed = (
        select(OutboxMessage.user_id.label("uid"), func.max(OutboxMessage.sent_at).label("informed_at"))
        .where(
            OutboxMessage.status == OutboxStatus.SENT,
            OutboxMessage.sent_at < end,
            OutboxMessage.user_id.is_not(None),
            informing,
            *_in_scope(OutboxMessage.user_id, m, s),
        )
        .group_by(OutboxMessage.user_id)
        .subquery("informed")
    )

    def pairs(side: Any, name: str) -> Any:
        return (
            select(
                side.label("uid"),
                func.max(case((MentorPair.ended_at.is_(None), 1), else_=0)).label("open"),
                func.max(MentorPair.ended_at).label("ended_at"),
            )
            .where(
                MentorPair.activated_at < end,
                MentorPair.status != PairStatus.PROPOSED.value,
                *_in_scope(side, m, s),
            )
            .group_by(side)
            .subquery(name)
        )

    # Methodological associations (part 11): the latest meeting before the end that the teacher
    # attended (the leader's mark on the meeting's registration) or gave a talk at.
    begun = and_(Event.starts_at < end, Event.status != EventStatus.CANCELLED)
    attended = (
        select(EventRegistration.user_id.label("uid"), Event.starts_at.label("at"))
        .join(AssociationMeeting, AssociationMeeting.event_id == EventRegistration.event_id)
        .join(Event, Event.id == EventRegistration.event_id)
        .where(
            EventRegistration.attended.is_(True),
            EventRegistration.status == RegistrationStatus.REGISTERED,
            begun,
            *_in_scope(EventRegistration.user_id, m, s),
        )
    )
    talked = (
        select(AssociationTalk.user_id.label("uid"), Event.starts_at.label("at"))
        .join(AssociationMeeting, AssociationMeeting.id == AssociationTalk.meeting_id)
        .join(Event, Event.id == AssociationMeeting.event_id)
        .where(begun, *_in_scope(AssociationTalk.user_id, m, s))
    )
    either = attended.union_all(talked).subquery("association_facts")
    associations = (
        select(either.c.uid.label("uid"), func.max(either.c.at).label("association_at"))
        .group_by(either.c.uid)
        .subquery("associations")
    )

    # The bank of practices (part 10): the latest publication before the end of a practice the
    # teacher wrote (published is final: a practice is never taken back out of the bank).
    practices = (
        select(Practice.author_id.label("uid"), func.max(Practice.published_at).label("practice_at"))
        .where(
            Practice.status == PracticeStatus.PUBLISHED.value,
            Practice.published_at < end,
            *_in_scope(Practice.author_id, m, s),
        )
        .group_by(Practice.author_id)
        .subquery("practices")
    )

    mentee = pairs(MentorPair.mentee_id, "as_mentee")
    mentor = pairs(MentorPair.mentor_id, "as_mentor")

    def moment(column: Any) -> Any:
        return _stored_moment(column, postgres)

    is_teacher = exists().where(UserRole.user_id == User.id, UserRole.role == Role.TEACHER)
    people = (
        select(
            User.id,
            User.tg_id,
            User.full_name,
            User.municipality_id,
            User.school_id,
            User.birth_year,
            User.experience_years,
            User.category,
            moment(User.registered_at),
        )
        .where(User.registered_at < end, User.teaches.is_(True), is_teacher, *_scope(m, s))
        .order_by(User.id)  # read in the key's order: no sort (the role is a lookup per person)
    )
    route = select(
        latest_route.c.uid,
        moment(Route.submitted_at),
        Route.attempt_id,
        _stored_day(Route.period_end, postgres),
        moment(Route.approved_at),
        moment(Route.completed_at),
    ).join(Route, Route.id == latest_route.c.route_id)

    def raw(sub: Any) -> Select[Any]:
        return select(*(c if c.name in ("uid", "open") else moment(c) for c in sub.c))

    return [people, route, raw(registrations), raw(mentee), raw(mentor)], [
        raw(diagnoses),
        raw(steps),
        raw(informed),
        raw(associations),
        raw(practices),
    ]

"""ORM models. The schema is owned by Alembic migrations; `tests/test_migrations.py` keeps them in step."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
    func,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC on both backends (SQLite would hand back naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UtcDateTime(), int: Integer, date: Date}


class Municipality(Base):
    __tablename__ = "municipalities"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))

    schools: Mapped[list[School]] = relationship(back_populates="municipality")


class School(Base):
    __tablename__ = "schools"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    municipality_id: Mapped[int] = mapped_column(
        ForeignKey("municipalities.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str | None] = mapped_column(String(120))
    # Case-folded "short name + name", because SQLite's lower() ignores Cyrillic.
    search_text: Mapped[str] = mapped_column(String(450))

    municipality: Mapped[Municipality] = relationship(back_populates="schools")


class User(Base):
    """A person who agreed to personal-data processing. Nobody else gets a row."""

    __tablename__ = "users"
    # A deleted person's id is never given to a newcomer (who would inherit their pseudonym and
    # what staff were told about them); PostgreSQL's sequence never goes back anyway.
    __table_args__ = ({"sqlite_autoincrement": True},)

    id: Mapped[int] = mapped_column(primary_key=True)
    tg_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    locale: Mapped[str | None] = mapped_column(String(8))
    consent_at: Mapped[datetime]
    consent_version: Mapped[str] = mapped_column(String(16))
    full_name: Mapped[str | None] = mapped_column(String(200))
    municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipalities.id", ondelete="SET NULL"), index=True
    )
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id", ondelete="SET NULL"), index=True)
    school_note: Mapped[str | None] = mapped_column(String(300))
    position: Mapped[str | None] = mapped_column(String(32))
    experience_years: Mapped[int | None]
    birth_year: Mapped[int | None]
    category: Mapped[str | None] = mapped_column(String(16))
    registered_at: Mapped[datetime | None]
    # The teacher agreed that their methodist sees their diagnosis results.
    share_results: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Telegram answered 403 (blocked the bot, deactivated): no more sending until they write again.
    unreachable_at: Mapped[datetime | None]
    # The weekly digest of events can be turned off in the profile.
    digest_off: Mapped[bool] = mapped_column(default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())

    subjects: Mapped[list[UserSubject]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )
    roles: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )
    municipality: Mapped[Municipality | None] = relationship(lazy="joined")
    school: Mapped[School | None] = relationship(lazy="joined")


class UserSubject(Base):
    __tablename__ = "user_subjects"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    subject: Mapped[str] = mapped_column(String(32), primary_key=True)


class UserRole(Base):
    __tablename__ = "user_roles"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(16), index=True)
    # For staff of a municipal service: the municipality they answer for; NULL = the whole region.
    scope_municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipalities.id", ondelete="SET NULL")
    )
    granted_at: Mapped[datetime] = mapped_column(server_default=func.now())
    granted_by_tg_id: Mapped[int | None] = mapped_column(BigInteger)


class Invite(Base):
    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    scope_municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipalities.id", ondelete="SET NULL")
    )
    created_by_tg_id: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    expires_at: Mapped[datetime] = mapped_column(index=True)
    max_uses: Mapped[int]
    uses: Mapped[int] = mapped_column(default=0)
    revoked_at: Mapped[datetime | None]


class RoleAudit(Base):
    """Who gave or took which role, when and how. Kept after a user deletes their data, de-identified."""

    __tablename__ = "role_audit"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(server_default=func.now(), index=True)
    actor_tg_id: Mapped[int | None] = mapped_column(BigInteger)
    target_tg_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(32))


class SchoolRequest(Base):
    """A teacher did not find their school: staff add it to the directory."""

    __tablename__ = "school_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipalities.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    resolved_at: Mapped[datetime | None]


class FsmRecord(Base):
    """aiogram FSM state and data, so a half-finished dialogue survives a restart."""

    __tablename__ = "fsm_records"
    __table_args__ = (Index("ix_fsm_records_updated_at", "updated_at"),)

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(255))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class ContentVersion(Base):
    """A validated questionnaire or recommendation catalogue. Old attempts keep pointing to the
    version they were taken on; one version per content id is active."""

    __tablename__ = "content_versions"
    __table_args__ = (UniqueConstraint("kind", "content_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    content_id: Mapped[str] = mapped_column(String(32))
    version: Mapped[int]
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    sha256: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(default=False)
    source: Mapped[str] = mapped_column(String(16))
    uploaded_by_tg_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class DiagnosisAttempt(Base):
    __tablename__ = "diagnosis_attempts"
    __table_args__ = (Index("ix_diagnosis_attempts_user_finished", "user_id", "finished_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    content_version_id: Mapped[int] = mapped_column(ForeignKey("content_versions.id", ondelete="RESTRICT"))
    questionnaire_id: Mapped[str] = mapped_column(String(32), index=True)
    started_at: Mapped[datetime] = mapped_column(server_default=func.now())
    finished_at: Mapped[datetime | None]
    # Index of the item on screen, so a resume lands exactly where the teacher stopped.
    position: Mapped[int] = mapped_column(default=0)


class DiagnosisAnswer(Base):
    __tablename__ = "diagnosis_answers"

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("diagnosis_attempts.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int]
    answered_at: Mapped[datetime] = mapped_column(server_default=func.now())


class DiagnosisResult(Base):
    """Per-area score and level of a finished attempt, stored for history and aggregates."""

    __tablename__ = "diagnosis_results"
    # The attempts that gave some area a level (the report's «recommended»), without reading rows.
    __table_args__ = (
        Index(
            "ix_diagnosis_results_leveled",
            "attempt_id",
            sqlite_where=text("level IS NOT NULL"),
            postgresql_where=text("level IS NOT NULL"),
        ),
    )

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("diagnosis_attempts.id", ondelete="CASCADE"), primary_key=True
    )
    area: Mapped[str] = mapped_column(String(32), primary_key=True)
    score: Mapped[float | None] = mapped_column(Float)
    level: Mapped[str | None] = mapped_column(String(8))


class MethodistAssignment(Base):
    """Which methodist accompanies a teacher (by staff, or chosen by municipality and subject)."""

    __tablename__ = "methodist_assignments"

    teacher_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    methodist_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    source: Mapped[str] = mapped_column(String(16))  # staff | auto
    assigned_at: Mapped[datetime] = mapped_column(server_default=func.now())


class Route(Base):
    """A teacher's individual educational route (ИОМ): draft → submitted → returned/approved."""

    __tablename__ = "routes"
    __table_args__ = (Index("ix_routes_user_id", "user_id"), Index("ix_routes_status", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # The diagnosis the route was built on (kept for the effect shown after re-diagnosis).
    attempt_id: Mapped[int | None] = mapped_column(ForeignKey("diagnosis_attempts.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16))
    goal: Mapped[str | None] = mapped_column(String(500))
    period_start: Mapped[date]
    period_end: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    submitted_at: Mapped[datetime | None]
    reviewed_at: Mapped[datetime | None]
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime | None]
    review_comment: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None]
    archived_at: Mapped[datetime | None]
    last_nudge_at: Mapped[datetime | None]

    steps: Mapped[list[RouteStep]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="RouteStep.position",
        lazy="selectin",
    )


class RouteStep(Base):
    __tablename__ = "route_steps"
    # Leads with the route (its steps, the cascade); the rest covers the indicators report, which
    # reads every step's form, status and moments without touching the rows (their long texts).
    __table_args__ = (
        Index("ix_route_steps_route_facts", "route_id", "form", "status", "started_at", "done_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("routes.id", ondelete="CASCADE"))
    position: Mapped[int]
    form: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str | None] = mapped_column(String(500))
    hours: Mapped[int | None]
    area: Mapped[str | None] = mapped_column(String(32))
    level: Mapped[str | None] = mapped_column(String(8))
    source: Mapped[str] = mapped_column(String(16))  # catalogue | own | event
    planned_start: Mapped[date]
    planned_end: Mapped[date]
    status: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]
    drop_reason: Mapped[str | None] = mapped_column(String(300))
    comment: Mapped[str | None] = mapped_column(Text)  # the methodist's comment on this step

    evidence: Mapped[list[StepEvidence]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="StepEvidence.id", lazy="selectin"
    )


class StepEvidence(Base):
    """Proof that a step was done: a Telegram file (by file_id), a link or a few words."""

    __tablename__ = "step_evidence"
    __table_args__ = (Index("ix_step_evidence_step_id", "step_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(ForeignKey("route_steps.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # photo | document | link | text
    file_id: Mapped[str | None] = mapped_column(String(255))
    file_unique_id: Mapped[str | None] = mapped_column(String(64))
    file_name: Mapped[str | None] = mapped_column(String(255))
    mime_type: Mapped[str | None] = mapped_column(String(100))
    file_size: Mapped[int | None]
    text: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class RouteReminder(Base):
    """A reminder about a step, recorded before it is sent: the sweep never repeats one.

    `sent_at` stays empty until Telegram accepted the message; a claim older than a few minutes
    without it (the process died in between) is sent again by the next sweep.
    """

    __tablename__ = "route_reminders"
    __table_args__ = (
        UniqueConstraint("step_id", "kind"),
        Index("ix_route_reminders_route_id", "route_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    route_id: Mapped[int] = mapped_column(ForeignKey("routes.id", ondelete="CASCADE"))
    step_id: Mapped[int] = mapped_column(ForeignKey("route_steps.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))  # near | overdue
    claimed_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
    failed: Mapped[str | None] = mapped_column(String(200))


class MentorProfile(Base):
    """A mentor's card: how many mentees they take, a few words about themselves, preferred formats.
    Subjects, school and municipality come from their profile."""

    __tablename__ = "mentor_profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    capacity: Mapped[int] = mapped_column(default=2)
    about: Mapped[str | None] = mapped_column(String(500))
    formats: Mapped[list[str]] = mapped_column(JSON, default=list)
    updated_at: Mapped[datetime] = mapped_column(server_default=func.now(), onupdate=func.now())


class MentorApplication(Base):
    """A teacher asks to become a mentor; staff approve (the role is granted) or decline."""

    __tablename__ = "mentor_applications"
    __table_args__ = (Index("ix_mentor_applications_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    about: Mapped[str | None] = mapped_column(String(500))
    capacity: Mapped[int]
    status: Mapped[str] = mapped_column(String(16))  # pending | approved | declined
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    decided_at: Mapped[datetime | None]
    decided_by_tg_id: Mapped[int | None] = mapped_column(BigInteger)


class MentorRequest(Base):
    """A young specialist asks for a mentor, with wishes the matching honours."""

    __tablename__ = "mentor_requests"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    want_subject: Mapped[str | None] = mapped_column(String(32))
    want_same_school: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class MentorPair(Base):
    __tablename__ = "mentor_pairs"
    __table_args__ = (
        Index("ix_mentor_pairs_mentee_status", "mentee_id", "status"),
        Index("ix_mentor_pairs_mentor_status", "mentor_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    mentor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    mentee_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))
    score: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    activated_at: Mapped[datetime | None]
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    ended_at: Mapped[datetime | None]
    fit_answer: Mapped[str | None] = mapped_column(String(8))
    fit_asked_at: Mapped[datetime | None]
    fit_at: Mapped[datetime | None]
    last_meeting_at: Mapped[datetime | None]
    # The silent stretch (named by when it began) already nudged about / flagged to staff.
    nudged_key: Mapped[str | None] = mapped_column(String(16))
    risk_key: Mapped[str | None] = mapped_column(String(16))
    risk_at: Mapped[datetime | None]


class MentorMeeting(Base):
    """A meeting the mentor logged. `token` is minted when the log form opens: the same form
    saved twice (a double tap, a slow network) is one meeting."""

    __tablename__ = "mentor_meetings"
    __table_args__ = (Index("ix_mentor_meetings_pair_id", "pair_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    pair_id: Mapped[int] = mapped_column(ForeignKey("mentor_pairs.id", ondelete="CASCADE"))
    token: Mapped[str] = mapped_column(String(32), unique=True)
    held_on: Mapped[date]
    format: Mapped[str] = mapped_column(String(16))
    topic: Mapped[str] = mapped_column(String(200))
    minutes: Mapped[int]
    note: Mapped[str | None] = mapped_column(String(1000))
    photo_file_id: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    confirmed_at: Mapped[datetime | None]
    disputed_at: Mapped[datetime | None]
    rating: Mapped[int | None]
    rating_comment: Mapped[str | None] = mapped_column(String(500))


class AdaptationCheck(Base):
    """A young specialist's monthly adaptation check: one row per month, answers as given."""

    __tablename__ = "adaptation_checks"
    __table_args__ = (UniqueConstraint("user_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(7))  # YYYY-MM in the person's time zone
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    sent_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    position: Mapped[int] = mapped_column(default=0)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Escalation(Base):
    """Something staff were told about once (a young specialist unpaired for a week, …)."""

    __tablename__ = "escalations"
    __table_args__ = (UniqueConstraint("kind", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    subject_id: Mapped[int]  # a user id or pair id, per kind
    at: Mapped[datetime]


class Event(Base):
    """A seminar, webinar, contest, grant… announced by staff (or a methodist) to an audience."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_status_starts", "status", "starts_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    level: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime | None]
    timezone: Mapped[str] = mapped_column(String(64))
    place: Mapped[str | None] = mapped_column(String(300))
    link: Mapped[str | None] = mapped_column(String(500))
    deadline: Mapped[datetime | None]
    capacity: Mapped[int | None]
    image_file_id: Mapped[str | None] = mapped_column(String(255))
    file_id: Mapped[str | None] = mapped_column(String(255))
    file_name: Mapped[str | None] = mapped_column(String(255))
    # Who it is for: {"roles": [...], "municipalities": [...], "schools": [...], "subjects": [...],
    # "young": bool, "areas": [...]}; an empty list means "any".
    audience: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16))  # draft | scheduled | published | cancelled
    publish_at: Mapped[datetime | None]
    urgent: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    published_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]


class EventRegistration(Base):
    __tablename__ = "event_registrations"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id"),
        # A person's registrations; covering for the indicators report.
        Index("ix_event_registrations_user_facts", "user_id", "status", "event_id", "created_at", "attended"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))  # registered | waitlist | cancelled
    created_at: Mapped[datetime]
    cancelled_at: Mapped[datetime | None]
    attended: Mapped[bool | None]
    rating: Mapped[int | None]
    feedback: Mapped[str | None] = mapped_column(String(500))
    reminded_day_at: Mapped[datetime | None]
    reminded_hour_at: Mapped[datetime | None]
    feedback_asked_at: Mapped[datetime | None]
    route_step_id: Mapped[int | None] = mapped_column(ForeignKey("route_steps.id", ondelete="SET NULL"))


class Broadcast(Base):
    """One mass sending: the message and its progress; recipients are rows of `outbox`."""

    __tablename__ = "broadcasts"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # event | update | cancel | digest | reminder
    event_id: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"), index=True)
    text: Mapped[str] = mapped_column(Text)
    markup: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    photo_file_id: Mapped[str | None] = mapped_column(String(255))
    urgent: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(16))  # sending | done | stopped
    total: Mapped[int] = mapped_column(default=0)
    # Rows found "in flight" after a crash and sent again: the only possible duplicates.
    resent_after_crash: Mapped[int] = mapped_column(default=0)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    finished_at: Mapped[datetime | None]
    progress_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_message_id: Mapped[int | None] = mapped_column(BigInteger)


class OutboxMessage(Base):
    """One message to one person, sent by the outbox worker at the global rate."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_status_not_before", "status", "not_before"),
        Index("ix_outbox_broadcast_status", "broadcast_id", "status"),
        # What was delivered to whom, read by the indicators report («informed») from the index
        # alone: the rows themselves carry the texts.
        Index("ix_outbox_sent_user", "status", "user_id", "sent_at", "broadcast_id", "dedupe"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    broadcast_id: Mapped[int | None] = mapped_column(ForeignKey("broadcasts.id", ondelete="CASCADE"))
    # A person who deletes their data takes their queued and sent messages with them.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(12))  # pending | sending | sent | failed | blocked | cancelled
    attempts: Mapped[int] = mapped_column(default=0)
    not_before: Mapped[datetime]
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(String(200))
    # A personal text instead of the broadcast's (a reminder, a digest).
    text: Mapped[str | None] = mapped_column(Text)
    markup: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # One row per (dedupe) key at most: a job that enqueues twice adds nothing the second time.
    dedupe: Mapped[str | None] = mapped_column(String(64), unique=True)


class SurveyCampaign(Base):
    """A survey launched by staff from a template: who it is for, when its waves go, how long each
    stays open. The template is kept as it was at launch, so editing the file later changes no
    running campaign."""

    __tablename__ = "survey_campaigns"
    __table_args__ = (Index("ix_survey_campaigns_status", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[str] = mapped_column(String(32))
    template_version: Mapped[int]
    template: Mapped[dict[str, Any]] = mapped_column(JSON)
    title: Mapped[str] = mapped_column(String(120))
    anonymous: Mapped[bool] = mapped_column(default=False)
    audience: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    recurrence: Mapped[str] = mapped_column(String(16))  # once | monthly
    starts_at: Mapped[datetime]
    day: Mapped[int] = mapped_column(default=1)
    hour: Mapped[int] = mapped_column(default=10)
    minute: Mapped[int] = mapped_column(default=0)
    open_days: Mapped[int] = mapped_column(default=7)
    closes_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16))  # draft | active | finished | stopped
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    scope_municipality_id: Mapped[int | None] = mapped_column(
        ForeignKey("municipalities.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())
    launched_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


class SurveyWave(Base):
    """One sending of a campaign: "once", or a month "YYYY-MM". Unique per period, so a second
    run of the job (or a second process) cannot open it twice."""

    __tablename__ = "survey_waves"
    __table_args__ = (UniqueConstraint("campaign_id", "period"), Index("ix_survey_waves_closes", "closes_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("survey_campaigns.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(8))
    opens_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    invited: Mapped[int] = mapped_column(default=0)
    reminders_sent: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
    # Anonymous campaigns: after the wave closed, all its answers were written again as one
    # shuffled batch (see SurveyPending).
    sealed: Mapped[bool] = mapped_column(default=False, server_default=false())


class SurveyInvite(Base):
    """Who was asked in a wave and whether they have answered — for reminders to those who have
    not. While a person is answering, their answers so far live here (`draft`); on finishing they
    move to `survey_responses` and, in an anonymous campaign, leave no trace of who gave them."""

    __tablename__ = "survey_invites"
    __table_args__ = (UniqueConstraint("wave_id", "user_id"), Index("ix_survey_invites_user", "user_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_waves.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(12))  # invited | answering | done
    draft: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    skipped: Mapped[list[str]] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(default=0)
    reminders: Mapped[int] = mapped_column(default=0)
    started_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]


class SurveyResponse(Base):
    """A finished questionnaire, answers as given. `user_id` is empty in an anonymous campaign, and
    becomes empty when a person deletes their data: the answer stays in the totals, unlinked."""

    __tablename__ = "survey_responses"
    __table_args__ = (Index("ix_survey_responses_wave", "wave_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_waves.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The day only, and not for anonymous answers: a precise time could be matched with the invite.
    submitted_on: Mapped[date | None]


class SurveyPending(Base):
    """A finished anonymous questionnaire waiting to be released into `survey_responses`: no person,
    no time, a random id. A periodic job moves pending answers in shuffled batches, in its own
    transaction, so no answer shares a transaction, an order or a moment with its invite."""

    __tablename__ = "survey_pending"
    __table_args__ = (Index("ix_survey_pending_wave", "wave_id"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    wave_id: Mapped[int] = mapped_column(ForeignKey("survey_waves.id", ondelete="CASCADE"))
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)


class InstallationSecret(Base):
    """Secrets this installation generated for itself, once (the key of the pseudonyms)."""

    __tablename__ = "installation_secrets"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(server_default=func.now())


class ScreenEdit(Base):
    """What the bot's latest edit of a message left in it (fingerprints only), so that a tap on a
    stale copy of that message — a double tap, or one that straddles a restart or reaches another
    process — is recognised and no edit that changes nothing is asked of Telegram."""

    __tablename__ = "screen_edits"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    message_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    edited_at: Mapped[int] = mapped_column(BigInteger)  # Telegram's edit_date, in seconds
    before: Mapped[str | None] = mapped_column(String(32))
    after: Mapped[str] = mapped_column(String(32))
    kept_at: Mapped[datetime] = mapped_column(index=True)


class JobRun(Base):
    """What a periodic job did: one row per run, for staff's schedule screen and for the log."""

    __tablename__ = "job_runs"
    __table_args__ = (Index("ix_job_runs_job_started", "job_id", "started_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[str] = mapped_column(String(40))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    done: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(String(300))


__all__ = [
    "AdaptationCheck",
    "Base",
    "Broadcast",
    "ContentVersion",
    "DiagnosisAnswer",
    "DiagnosisAttempt",
    "DiagnosisResult",
    "Escalation",
    "Event",
    "EventRegistration",
    "FsmRecord",
    "InstallationSecret",
    "Invite",
    "JobRun",
    "MentorApplication",
    "MentorMeeting",
    "MentorPair",
    "MentorProfile",
    "MentorRequest",
    "MethodistAssignment",
    "Municipality",
    "OutboxMessage",
    "RoleAudit",
    "Route",
    "RouteReminder",
    "RouteStep",
    "School",
    "SchoolRequest",
    "StepEvidence",
    "SurveyCampaign",
    "SurveyInvite",
    "SurveyPending",
    "SurveyResponse",
    "SurveyWave",
    "User",
    "UserRole",
    "UserSubject",
]

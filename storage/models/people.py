"""People and places: the directory, users, their roles, invites and the roles' audit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    ForeignKey,
    String,
    UniqueConstraint,
    false,
    func,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.domain.roles import AuditAction, Role
from storage.models.base import Base, EnumText


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
    # A school with low results (ШНОР, seed 001): its teachers count in that target group.
    shnor: Mapped[bool] = mapped_column(default=False, server_default=false())

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
    # Gives lessons: only they are counted and targeted as teachers (centre staff and school
    # administrators who do not teach are not). Those who teach and hold another role still are.
    teaches: Mapped[bool] = mapped_column(default=True, server_default=true())
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
    role: Mapped[Role] = mapped_column(EnumText(Role, 16), index=True)
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
    role: Mapped[Role] = mapped_column(EnumText(Role, 16))
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
    role: Mapped[Role] = mapped_column(EnumText(Role, 16))
    action: Mapped[AuditAction] = mapped_column(EnumText(AuditAction, 16))
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

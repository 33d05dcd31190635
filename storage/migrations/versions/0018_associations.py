"""h6: methodological associations

Associations (school, municipal, regional), their members and leaders, leader invites, the plan of
work, meetings (each an event of part 5) with materials, minutes and talks.

Revision ID: 0018_associations
Revises: 0017_expert_review
Create Date: 2026-12-05 23:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_associations"
down_revision: str | None = "0017_expert_review"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _now() -> sa.TextClause:
    return sa.text("(CURRENT_TIMESTAMP)")


def upgrade() -> None:
    op.create_table(
        "associations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=32), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("needs_approval", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_associations_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_associations_municipality_id_municipalities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_associations_school_id_schools"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_associations")),
    )
    with op.batch_alter_table("associations", schema=None) as batch_op:
        batch_op.create_index(
            "ix_associations_level_municipality", ["level", "municipality_id"], unique=False
        )
        batch_op.create_index("ix_associations_school_id", ["school_id"], unique=False)

    op.create_table(
        "association_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["associations.id"],
            name=op.f("fk_association_members_association_id_associations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_association_members_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_association_members")),
        sa.UniqueConstraint("association_id", "user_id", name=op.f("uq_association_members_association_id")),
    )
    with op.batch_alter_table("association_members", schema=None) as batch_op:
        batch_op.create_index("ix_association_members_user_id", ["user_id", "status"], unique=False)
        batch_op.create_index(
            "ix_association_members_association_status", ["association_id", "status", "role"], unique=False
        )

    op.create_table(
        "association_invites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("max_uses", sa.Integer(), nullable=False),
        sa.Column("uses", sa.Integer(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["associations.id"],
            name=op.f("fk_association_invites_association_id_associations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_association_invites_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_association_invites")),
        sa.UniqueConstraint("code", name=op.f("uq_association_invites_code")),
    )
    with op.batch_alter_table("association_invites", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_association_invites_association_id"), ["association_id"], unique=False
        )

    op.create_table(
        "association_plan_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("school_year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("form", sa.String(length=24), nullable=False),
        sa.Column("topic", sa.String(length=300), nullable=False),
        sa.Column("responsible", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["associations.id"],
            name=op.f("fk_association_plan_items_association_id_associations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_association_plan_items")),
    )
    with op.batch_alter_table("association_plan_items", schema=None) as batch_op:
        batch_op.create_index(
            "ix_association_plan_items_association_year", ["association_id", "school_year"], unique=False
        )

    op.create_table(
        "association_meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("association_id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("minutes_file_id", sa.String(length=255), nullable=True),
        sa.Column("minutes_file_name", sa.String(length=255), nullable=True),
        sa.Column("minutes_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["association_id"],
            ["associations.id"],
            name=op.f("fk_association_meetings_association_id_associations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["users.id"],
            name=op.f("fk_association_meetings_created_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_association_meetings_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_association_meetings")),
        sa.UniqueConstraint("event_id", name=op.f("uq_association_meetings_event_id")),
    )
    with op.batch_alter_table("association_meetings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_association_meetings_association_id"), ["association_id"], unique=False
        )

    op.create_table(
        "association_materials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.String(length=255), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["association_meetings.id"],
            name=op.f("fk_association_materials_meeting_id_association_meetings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_association_materials")),
    )
    with op.batch_alter_table("association_materials", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_association_materials_meeting_id"), ["meeting_id"], unique=False)

    op.create_table(
        "association_talks",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=_now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["association_meetings.id"],
            name=op.f("fk_association_talks_meeting_id_association_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_association_talks_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("meeting_id", "user_id", name=op.f("pk_association_talks")),
    )


def downgrade() -> None:
    op.drop_table("association_talks")
    with op.batch_alter_table("association_materials", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_association_materials_meeting_id"))
    op.drop_table("association_materials")
    with op.batch_alter_table("association_meetings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_association_meetings_association_id"))
    op.drop_table("association_meetings")
    with op.batch_alter_table("association_plan_items", schema=None) as batch_op:
        batch_op.drop_index("ix_association_plan_items_association_year")
    op.drop_table("association_plan_items")
    with op.batch_alter_table("association_invites", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_association_invites_association_id"))
    op.drop_table("association_invites")
    with op.batch_alter_table("association_members", schema=None) as batch_op:
        batch_op.drop_index("ix_association_members_association_status")
        batch_op.drop_index("ix_association_members_user_id")
    op.drop_table("association_members")
    with op.batch_alter_table("associations", schema=None) as batch_op:
        batch_op.drop_index("ix_associations_school_id")
        batch_op.drop_index("ix_associations_level_municipality")
    op.drop_table("associations")

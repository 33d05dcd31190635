"""h2: consultation time slots and bookings

Revision ID: 0014_consult_slots
Revises: 0013_consult_questions
Create Date: 2026-12-05 23:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_consult_slots"
down_revision: str | None = "0013_consult_questions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "consult_slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("methodist_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("link", sa.String(length=500), nullable=True),
        sa.Column("place", sa.String(length=300), nullable=True),
        sa.Column("topic", sa.String(length=200), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("teacher_id", sa.Integer(), nullable=True),
        sa.Column("booked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_day_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_hour_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=True),
        sa.Column("outcome_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("route_step_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["methodist_id"],
            ["users.id"],
            name=op.f("fk_consult_slots_methodist_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id"],
            ["users.id"],
            name=op.f("fk_consult_slots_teacher_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["route_step_id"],
            ["route_steps.id"],
            name=op.f("fk_consult_slots_route_step_id_route_steps"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consult_slots")),
    )
    with op.batch_alter_table("consult_slots", schema=None) as batch_op:
        batch_op.create_index(
            "ix_consult_slots_methodist_starts", ["methodist_id", "starts_at"], unique=False
        )
        batch_op.create_index("ix_consult_slots_status_starts", ["status", "starts_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_consult_slots_teacher_id"), ["teacher_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("consult_slots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consult_slots_teacher_id"))
        batch_op.drop_index("ix_consult_slots_status_starts")
        batch_op.drop_index("ix_consult_slots_methodist_starts")

    op.drop_table("consult_slots")

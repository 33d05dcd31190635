"""h5: the expert pool and reviews

The assignment's columns on practices (reviews the round needs, the assignment counter) and the
experts on contest juries.

Revision ID: 0017_expert_review
Revises: 0016_practice_bank
Create Date: 2026-12-05 23:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_expert_review"
down_revision: str | None = "0016_practice_bank"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE: on SQLite a batch would rebuild the table and lose the full-text triggers
    # that migration 0016 put on it.
    op.execute("ALTER TABLE practices ADD COLUMN reviewers_needed INTEGER DEFAULT 2 NOT NULL")
    op.execute("ALTER TABLE practices ADD COLUMN assign_seq INTEGER DEFAULT 0 NOT NULL")
    op.create_table(
        "expert_juries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("expert_id", sa.Integer(), nullable=False),
        sa.Column("assigned_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "assigned_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["assigned_by_id"],
            ["users.id"],
            name=op.f("fk_expert_juries_assigned_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_expert_juries_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["expert_id"], ["experts.id"], name=op.f("fk_expert_juries_expert_id_experts"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expert_juries")),
        sa.UniqueConstraint("event_id", "expert_id", name="uq_expert_juries_event_expert"),
    )
    with op.batch_alter_table("expert_juries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_expert_juries_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_expert_juries_expert_id"), ["expert_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("expert_juries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expert_juries_expert_id"))
        batch_op.drop_index(batch_op.f("ix_expert_juries_event_id"))
    op.drop_table("expert_juries")
    # DROP COLUMN in place (SQLite 3.35+, PostgreSQL): the table and its triggers stay.
    op.execute("ALTER TABLE practices DROP COLUMN assign_seq")
    op.execute("ALTER TABLE practices DROP COLUMN reviewers_needed")

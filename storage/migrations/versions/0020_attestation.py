"""h8: attestation — teachers' qualification categories as records; registration's category as a claim

Revision ID: 0020_attestation
Revises: 0019_contest_results
Create Date: 2026-12-05 23:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_attestation"
down_revision: str | None = "0019_contest_results"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The categories registration could hold (and may hold from now on): each becomes a claim.
CLAIMED_CATEGORIES = ("conform", "first", "highest", "methodist", "mentor")


def upgrade() -> None:
    op.create_table(
        "attestation_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("awarded_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("order_number", sa.String(length=64), nullable=True),
        sa.Column("order_date", sa.Date(), nullable=True),
        sa.Column("scan_file_id", sa.String(length=255), nullable=True),
        sa.Column("scan_kind", sa.String(length=16), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("reject_reason", sa.String(length=300), nullable=True),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_6_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_3_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("support_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_attestation_records_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_attestation_records_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attestation_records")),
        sa.UniqueConstraint("user_id", "category", "awarded_on", name=op.f("uq_attestation_records_user_id")),
    )
    with op.batch_alter_table("attestation_records", schema=None) as batch_op:
        batch_op.create_index("ix_attestation_records_status_expires", ["status", "expires_on"], unique=False)
        batch_op.create_index("ix_attestation_records_user_status", ["user_id", "status"], unique=False)

    # The category typed at registration becomes a claim without an order (the teacher gives it in
    # «🏅 Аттестация»); «none» and an unfinished registration give none. Plain SQL that both SQLite
    # and PostgreSQL read alike; the users' column stays as it was.
    records = sa.table(
        "attestation_records",
        sa.column("user_id", sa.Integer()),
        sa.column("category", sa.String()),
        sa.column("status", sa.String()),
        sa.column("source", sa.String()),
    )
    users = sa.table(
        "users",
        sa.column("id", sa.Integer()),
        sa.column("category", sa.String()),
        sa.column("registered_at", sa.DateTime(timezone=True)),
    )
    op.execute(
        records.insert().from_select(
            ["user_id", "category", "status", "source"],
            sa.select(
                users.c.id,
                users.c.category,
                sa.literal("claimed", sa.String()),
                sa.literal("registration", sa.String()),
            ).where(users.c.category.in_(CLAIMED_CATEGORIES), users.c.registered_at.is_not(None)),
        )
    )


def downgrade() -> None:
    with op.batch_alter_table("attestation_records", schema=None) as batch_op:
        batch_op.drop_index("ix_attestation_records_user_status")
        batch_op.drop_index("ix_attestation_records_status_expires")

    op.drop_table("attestation_records")

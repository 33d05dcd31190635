"""h7: contests with results, target groups

Contest stages, application materials and results; contests held elsewhere recorded by teachers;
the target groups teachers work with; schools flagged ШНОР in the directory.

Revision ID: 0019_contest_results
Revises: 0018_associations
Create Date: 2026-12-05 23:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019_contest_results"
down_revision: str | None = "0018_associations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    with op.batch_alter_table("schools", schema=None) as batch_op:
        batch_op.add_column(sa.Column("shnor", sa.Boolean(), server_default=sa.false(), nullable=False))

    op.create_table(
        "contest_stages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        _fk("contest_stages", "event_id", "events", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contest_stages")),
    )
    with op.batch_alter_table("contest_stages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contest_stages_event_id"), ["event_id"], unique=False)

    op.create_table(
        "contest_materials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.String(length=255), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.Column("link", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        _fk("contest_materials", "event_id", "events", "CASCADE"),
        _fk("contest_materials", "user_id", "users", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contest_materials")),
    )
    with op.batch_alter_table("contest_materials", schema=None) as batch_op:
        batch_op.create_index("ix_contest_materials_event_user", ["event_id", "user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_contest_materials_user_id"), ["user_id"], unique=False)

    op.create_table(
        "contest_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        _fk("contest_results", "event_id", "events", "CASCADE"),
        _fk("contest_results", "user_id", "users", "CASCADE"),
        _fk("contest_results", "recorded_by_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contest_results")),
        sa.UniqueConstraint("event_id", "user_id", name=op.f("uq_contest_results_event_id")),
    )
    with op.batch_alter_table("contest_results", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contest_results_user_id"), ["user_id"], unique=False)

    op.create_table(
        "external_contests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("file_id", sa.String(length=255), nullable=False),
        sa.Column("file_kind", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        _fk("external_contests", "user_id", "users", "CASCADE"),
        _fk("external_contests", "reviewed_by_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_external_contests")),
    )
    with op.batch_alter_table("external_contests", schema=None) as batch_op:
        batch_op.create_index("ix_external_contests_status", ["status", "user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_external_contests_user_id"), ["user_id"], unique=False)

    op.create_table(
        "target_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("group", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        _fk("target_groups", "user_id", "users", "CASCADE"),
        _fk("target_groups", "reviewed_by_id", "users", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_groups")),
        sa.UniqueConstraint("user_id", "group", name=op.f("uq_target_groups_user_id")),
    )
    with op.batch_alter_table("target_groups", schema=None) as batch_op:
        batch_op.create_index("ix_target_groups_status", ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("target_groups", schema=None) as batch_op:
        batch_op.drop_index("ix_target_groups_status")
    op.drop_table("target_groups")
    with op.batch_alter_table("external_contests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_external_contests_user_id"))
        batch_op.drop_index("ix_external_contests_status")
    op.drop_table("external_contests")
    with op.batch_alter_table("contest_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contest_results_user_id"))
    op.drop_table("contest_results")
    with op.batch_alter_table("contest_materials", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contest_materials_user_id"))
        batch_op.drop_index("ix_contest_materials_event_user")
    op.drop_table("contest_materials")
    with op.batch_alter_table("contest_stages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contest_stages_event_id"))
    op.drop_table("contest_stages")
    with op.batch_alter_table("schools", schema=None) as batch_op:
        batch_op.drop_column("shnor")

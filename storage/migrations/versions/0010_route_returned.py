"""route_returned: what a route held when it was returned

The methodist who gets a route sent again is told what changed since they returned it: the route
as it stood at the return is kept here (one per route, replaced at each return, gone with it).

Revision ID: 0010_route_returned
Revises: 0009_teaches
Create Date: 2026-12-05 16:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_route_returned"
down_revision: str | None = "0009_teaches"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "route_returns",
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("returned_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("goal", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["route_id"], ["routes.id"], name=op.f("fk_route_returns_route_id_routes"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("route_id", name=op.f("pk_route_returns")),
    )
    op.create_table(
        "route_returned_steps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("route_id", sa.Integer(), nullable=False),
        sa.Column("step_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("form", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("planned_start", sa.Date(), nullable=True),
        sa.Column("planned_end", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("evidence", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["route_id"],
            ["route_returns.route_id"],
            name=op.f("fk_route_returned_steps_route_id_route_returns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_route_returned_steps")),
    )
    with op.batch_alter_table("route_returned_steps", schema=None) as batch_op:
        batch_op.create_index("ix_route_returned_steps_route_id", ["route_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("route_returned_steps", schema=None) as batch_op:
        batch_op.drop_index("ix_route_returned_steps_route_id")
    op.drop_table("route_returned_steps")
    op.drop_table("route_returns")

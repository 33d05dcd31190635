"""teaches: who of the registered people teach — only they are counted and targeted as teachers
(centre staff and school administrators who give no lessons are not). Everyone registered before
this revision registered as a teacher, hence the default.

Revision ID: 0009_teaches
Revises: 0008_trust
Create Date: 2026-12-05 16:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_teaches"
down_revision: str | None = "0008_trust"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN on both databases: SQLite takes a NOT NULL column with a constant default
    # without rebuilding `users` (a rebuild would touch every table pointing at it).
    op.add_column("users", sa.Column("teaches", sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade() -> None:
    # SQLite (3.35+) drops a plain column in place too.
    op.drop_column("users", "teaches")

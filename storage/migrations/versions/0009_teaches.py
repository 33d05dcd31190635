"""teaches: who of the registered people teach (placeholder, filled by part 9)

Revision ID: 0009_teaches
Revises: 0008_trust
Create Date: 2026-12-05 16:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0009_teaches"
down_revision: str | None = "0008_trust"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

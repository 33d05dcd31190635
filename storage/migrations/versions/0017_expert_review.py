"""h5: the expert pool and reviews

A slot reserved for this part's schema changes (filled in by the part; empty until then).

Revision ID: 0017_expert_review
Revises: 0016_practice_bank
Create Date: 2026-12-05 23:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0017_expert_review"
down_revision: str | None = "0016_practice_bank"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

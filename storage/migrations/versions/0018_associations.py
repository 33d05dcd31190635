"""h6: methodological associations

A slot reserved for this part's schema changes (filled in by the part; empty until then).

Revision ID: 0018_associations
Revises: 0017_expert_review
Create Date: 2026-12-05 23:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0018_associations"
down_revision: str | None = "0017_expert_review"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

"""h8: attestation

A slot reserved for this part's schema changes (filled in by the part; empty until then).

Revision ID: 0020_attestation
Revises: 0019_contest_results
Create Date: 2026-12-05 23:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0020_attestation"
down_revision: str | None = "0019_contest_results"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

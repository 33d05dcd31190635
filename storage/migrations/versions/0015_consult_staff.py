"""h3: consultations — staff side, service level

A slot reserved for this part's schema changes (filled in by the part; empty until then).

Revision ID: 0015_consult_staff
Revises: 0014_consult_slots
Create Date: 2026-12-05 23:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0015_consult_staff"
down_revision: str | None = "0014_consult_slots"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

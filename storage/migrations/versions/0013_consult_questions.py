"""h1: consultations — the conversation, FAQ

A slot reserved for this part's schema changes (filled in by the part; empty until then).

Revision ID: 0013_consult_questions
Revises: 0012_consult_practices
Create Date: 2026-12-05 23:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0013_consult_questions"
down_revision: str | None = "0012_consult_practices"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

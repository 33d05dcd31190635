"""route_returned: what a route held when it was returned (placeholder, filled by part 9)

Revision ID: 0010_route_returned
Revises: 0009_teaches
Create Date: 2026-12-05 16:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0010_route_returned"
down_revision: str | None = "0009_teaches"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

"""announcements: free-form news to an audience (placeholder, filled by part 9)

Revision ID: 0011_announcements
Revises: 0010_route_returned
Create Date: 2026-12-05 16:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0011_announcements"
down_revision: str | None = "0010_route_returned"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

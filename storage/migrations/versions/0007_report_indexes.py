"""indexes for the indicators report: covering ones on steps, registrations and delivered messages,
a partial one on the results that gave a level

Revision ID: 0007_report_indexes
Revises: 0006_surveys
Create Date: 2026-12-03 08:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_report_indexes"
down_revision: str | None = "0006_surveys"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LEVELED = sa.text("level IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table("route_steps", schema=None) as batch_op:
        batch_op.drop_index("ix_route_steps_route_id")
        batch_op.create_index(
            "ix_route_steps_route_facts",
            ["route_id", "form", "status", "started_at", "done_at"],
            unique=False,
        )
    with op.batch_alter_table("event_registrations", schema=None) as batch_op:
        batch_op.drop_index("ix_event_registrations_user")
        batch_op.create_index(
            "ix_event_registrations_user_facts",
            ["user_id", "status", "event_id", "created_at", "attended"],
            unique=False,
        )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index(
            "ix_outbox_sent_user", ["status", "user_id", "sent_at", "broadcast_id", "dedupe"], unique=False
        )
    with op.batch_alter_table("diagnosis_results", schema=None) as batch_op:
        batch_op.create_index(
            "ix_diagnosis_results_leveled",
            ["attempt_id"],
            unique=False,
            sqlite_where=LEVELED,
            postgresql_where=LEVELED,
        )


def downgrade() -> None:
    with op.batch_alter_table("diagnosis_results", schema=None) as batch_op:
        batch_op.drop_index("ix_diagnosis_results_leveled")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_sent_user")
    with op.batch_alter_table("event_registrations", schema=None) as batch_op:
        batch_op.drop_index("ix_event_registrations_user_facts")
        batch_op.create_index("ix_event_registrations_user", ["user_id"], unique=False)
    with op.batch_alter_table("route_steps", schema=None) as batch_op:
        batch_op.drop_index("ix_route_steps_route_facts")
        batch_op.create_index("ix_route_steps_route_id", ["route_id"], unique=False)

"""h4: the practice bank — submitting, search

Practices get their search words (`search_stems`), and the mark of having been counted in the
author's route (`counted_at`, `route_step_id`). Search: on SQLite a full-text table (FTS5) over the
stems of published practices, kept by triggers — whoever publishes or withdraws a practice (the
experts' side) needs no call to keep it; on PostgreSQL an expression GIN index over the texts with
the 'russian' configuration, for published practices only.

Revision ID: 0016_practice_bank
Revises: 0015_consult_staff
Create Date: 2026-12-05 23:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_practice_bank"
down_revision: str | None = "0015_consult_staff"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The expression PostgreSQL searches (bot's repository spells it the same, so the index is used).
PG_DOCUMENT = (
    "to_tsvector('russian'::regconfig, "
    "(COALESCE(title, ''::character varying)::text || ' '::text) || COALESCE(description, ''::text))"
)

SQLITE_SEARCH = (
    # The stems of published practices only; rowid = practices.id.
    "CREATE VIRTUAL TABLE practices_fts USING fts5(stems, tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER practices_fts_insert AFTER INSERT ON practices WHEN new.status = 'published' BEGIN "
    "INSERT INTO practices_fts(rowid, stems) VALUES (new.id, new.search_stems); END",
    "CREATE TRIGGER practices_fts_update AFTER UPDATE OF status, search_stems ON practices BEGIN "
    "DELETE FROM practices_fts WHERE rowid = old.id AND old.status = 'published'; "
    "INSERT INTO practices_fts(rowid, stems) SELECT new.id, new.search_stems WHERE new.status = 'published'; "
    "END",
    "CREATE TRIGGER practices_fts_delete AFTER DELETE ON practices WHEN old.status = 'published' BEGIN "
    "DELETE FROM practices_fts WHERE rowid = old.id; END",
    "INSERT INTO practices_fts(rowid, stems) "
    "SELECT id, search_stems FROM practices WHERE status = 'published'",
)


def upgrade() -> None:
    with op.batch_alter_table("practices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_stems", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("counted_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("route_step_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_practices_route_step_id_route_steps"),
            "route_steps",
            ["route_step_id"],
            ["id"],
            ondelete="SET NULL",
        )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE INDEX ix_practices_search ON practices USING gin (({PG_DOCUMENT})) "
            "WHERE status = 'published'"
        )
    else:
        for statement in SQLITE_SEARCH:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_practices_search")
    else:
        for name in ("practices_fts_insert", "practices_fts_update", "practices_fts_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS practices_fts")
    with op.batch_alter_table("practices", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_practices_route_step_id_route_steps"), type_="foreignkey")
        batch_op.drop_column("route_step_id")
        batch_op.drop_column("counted_at")
        batch_op.drop_column("search_stems")

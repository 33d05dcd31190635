"""trust: user ids never reused on SQLite (AUTOINCREMENT); anonymous survey answers waiting to be
released in shuffled batches (`survey_pending`) and a wave's final shuffle (`sealed`); the
installation's own secrets (`installation_secrets`: the pseudonym key); what the bot's latest
edit of a message left in it (`screen_edits`), so no process asks Telegram for an edit that changes
nothing

Revision ID: 0008_trust
Revises: 0007_report_indexes
Create Date: 2026-12-04 17:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_trust"
down_revision: str | None = "0007_report_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _sqlite_users_autoincrement(autoincrement: bool) -> None:
    """Rebuild `users` with (or without) AUTOINCREMENT, so a deleted person's id is never given to
    a newcomer. SQLite's DROP TABLE deletes the rows first and, with foreign keys on, that would
    cascade into every table pointing at users: the rebuild runs with foreign keys off, which
    SQLite only allows outside a transaction — so what came before is committed first (the
    rebuild itself is repeatable, and it comes first in this revision for that reason)."""
    bind = op.get_bind()
    dbapi = bind.connection.dbapi_connection
    assert dbapi is not None
    enforced = bool(bind.exec_driver_sql("PRAGMA foreign_keys").scalar())
    dbapi.commit()
    bind.exec_driver_sql("PRAGMA foreign_keys=OFF")
    try:
        with op.batch_alter_table(
            "users", recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass
        dbapi.commit()
        broken = bind.exec_driver_sql("PRAGMA foreign_key_check").all()
        if broken:
            raise RuntimeError(f"users rebuild left broken references: {broken[:5]}")
    finally:
        if enforced:
            bind.exec_driver_sql("PRAGMA foreign_keys=ON")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_users_autoincrement(True)
    # PostgreSQL's serial ids come from a sequence that never goes back: nothing to do there.

    op.create_table(
        "survey_pending",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("wave_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["wave_id"],
            ["survey_waves.id"],
            name=op.f("fk_survey_pending_wave_id_survey_waves"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_pending")),
    )
    with op.batch_alter_table("survey_pending", schema=None) as batch_op:
        batch_op.create_index("ix_survey_pending_wave", ["wave_id"], unique=False)

    with op.batch_alter_table("survey_waves", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sealed", sa.Boolean(), server_default=sa.false(), nullable=False))

    op.create_table(
        "installation_secrets",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=128), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_installation_secrets")),
    )

    op.create_table(
        "screen_edits",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("message_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("edited_at", sa.BigInteger(), nullable=False),
        sa.Column("before", sa.String(length=32), nullable=True),
        sa.Column("after", sa.String(length=32), nullable=False),
        sa.Column("kept_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("chat_id", "message_id", name=op.f("pk_screen_edits")),
    )
    with op.batch_alter_table("screen_edits", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_screen_edits_kept_at"), ["kept_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("screen_edits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_screen_edits_kept_at"))
    op.drop_table("screen_edits")
    op.drop_table("installation_secrets")
    with op.batch_alter_table("survey_waves", schema=None) as batch_op:
        batch_op.drop_column("sealed")
    with op.batch_alter_table("survey_pending", schema=None) as batch_op:
        batch_op.drop_index("ix_survey_pending_wave")
    op.drop_table("survey_pending")
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_users_autoincrement(False)

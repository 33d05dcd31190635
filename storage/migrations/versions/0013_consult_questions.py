"""h1: consultations — the conversation, FAQ

The FAQ of published answers (`consult_faq`, with its stemmed search column, and
`consult_faq_words`, the index of its stems) and the draft key
that makes a double tap on «send» one question.

Revision ID: 0013_consult_questions
Revises: 0012_consult_practices
Create Date: 2026-12-05 23:55:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_consult_questions"
down_revision: str | None = "0012_consult_practices"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("consult_questions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("draft_key", sa.String(length=32), nullable=True))
        batch_op.create_unique_constraint("uq_consult_questions_teacher_draft", ["teacher_id", "draft_key"])

    op.create_table(
        "consult_faq",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.Column("topic", sa.String(length=24), nullable=False),
        sa.Column("subject", sa.String(length=32), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("search", sa.Text(), nullable=False),
        sa.Column("methodist_id", sa.Integer(), nullable=True),
        sa.Column(
            "published_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["methodist_id"],
            ["users.id"],
            name=op.f("fk_consult_faq_methodist_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["consult_questions.id"],
            name=op.f("fk_consult_faq_question_id_consult_questions"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consult_faq")),
        sa.UniqueConstraint("question_id", name=op.f("uq_consult_faq_question_id")),
    )
    with op.batch_alter_table("consult_faq", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consult_faq_topic"), ["topic"], unique=False)

    op.create_table(
        "consult_faq_words",
        sa.Column("stem", sa.String(length=64), nullable=False),
        sa.Column("entry_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=24), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["consult_faq.id"],
            name=op.f("fk_consult_faq_words_entry_id_consult_faq"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("stem", "entry_id", name=op.f("pk_consult_faq_words")),
        sqlite_with_rowid=False,
    )
    with op.batch_alter_table("consult_faq_words", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consult_faq_words_entry_id"), ["entry_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("consult_faq_words", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consult_faq_words_entry_id"))
    op.drop_table("consult_faq_words")
    with op.batch_alter_table("consult_faq", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consult_faq_topic"))
    op.drop_table("consult_faq")
    with op.batch_alter_table("consult_questions", schema=None) as batch_op:
        batch_op.drop_constraint("uq_consult_questions_teacher_draft", type_="unique")
        batch_op.drop_column("draft_key")

"""consultations, the practice bank, the expert pool

Revision ID: 0012_consult_practices
Revises: 0011_announcements
Create Date: 2026-12-05 23:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_consult_practices"
down_revision: str | None = "0011_announcements"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "consult_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("teacher_id", sa.Integer(), nullable=False),
        sa.Column("methodist_id", sa.Integer(), nullable=True),
        sa.Column("topic", sa.String(length=24), nullable=False),
        sa.Column("subject", sa.String(length=32), nullable=True),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("waiting_on", sa.String(length=16), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_answer_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_activity_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by", sa.String(length=16), nullable=True),
        sa.Column("rating", sa.Integer(), nullable=True),
        sa.Column("faq_consent", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["methodist_id"],
            ["users.id"],
            name=op.f("fk_consult_questions_methodist_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_consult_questions_municipality_id_municipalities"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["teacher_id"],
            ["users.id"],
            name=op.f("fk_consult_questions_teacher_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consult_questions")),
    )
    with op.batch_alter_table("consult_questions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_consult_questions_methodist_status", ["methodist_id", "status", "due_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_consult_questions_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index("ix_consult_questions_status_due", ["status", "due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_consult_questions_teacher_id"), ["teacher_id"], unique=False)

    op.create_table(
        "experts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("subjects", sa.JSON(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("approved_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["approved_by_id"],
            ["users.id"],
            name=op.f("fk_experts_approved_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_experts_municipality_id_municipalities"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_experts_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_experts")),
        sa.UniqueConstraint("user_id", name=op.f("uq_experts_user_id")),
    )
    with op.batch_alter_table("experts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_experts_municipality_id"), ["municipality_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_experts_status"), ["status"], unique=False)

    op.create_table(
        "practices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("subjects", sa.JSON(), nullable=False),
        sa.Column("grades", sa.JSON(), nullable=False),
        sa.Column("form", sa.String(length=24), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_practices_author_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_practices_municipality_id_municipalities"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["school_id"], ["schools.id"], name=op.f("fk_practices_school_id_schools"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practices")),
    )
    with op.batch_alter_table("practices", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_practices_author_id"), ["author_id"], unique=False)
        batch_op.create_index("ix_practices_status_published", ["status", "published_at"], unique=False)

    op.create_table(
        "consult_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("side", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("file_id", sa.String(length=255), nullable=True),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_consult_messages_author_id_users"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["consult_questions.id"],
            name=op.f("fk_consult_messages_question_id_consult_questions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consult_messages")),
    )
    with op.batch_alter_table("consult_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consult_messages_question_id"), ["question_id"], unique=False)

    op.create_table(
        "practice_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("practice_id", sa.Integer(), nullable=False),
        sa.Column("file_id", sa.String(length=255), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"],
            ["practices.id"],
            name=op.f("fk_practice_files_practice_id_practices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_files")),
    )
    with op.batch_alter_table("practice_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_practice_files_practice_id"), ["practice_id"], unique=False)

    op.create_table(
        "practice_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("practice_id", sa.Integer(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("expert_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column(
            "assigned_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["expert_id"],
            ["experts.id"],
            name=op.f("fk_practice_reviews_expert_id_experts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["practice_id"],
            ["practices.id"],
            name=op.f("fk_practice_reviews_practice_id_practices"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_reviews")),
        sa.UniqueConstraint("practice_id", "round", "expert_id", name="uq_practice_reviews_round_expert"),
    )
    with op.batch_alter_table("practice_reviews", schema=None) as batch_op:
        batch_op.create_index("ix_practice_reviews_expert_status", ["expert_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_practice_reviews_practice_id"), ["practice_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("practice_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_reviews_practice_id"))
        batch_op.drop_index("ix_practice_reviews_expert_status")

    op.drop_table("practice_reviews")
    with op.batch_alter_table("practice_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_files_practice_id"))

    op.drop_table("practice_files")
    with op.batch_alter_table("consult_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consult_messages_question_id"))

    op.drop_table("consult_messages")
    with op.batch_alter_table("practices", schema=None) as batch_op:
        batch_op.drop_index("ix_practices_status_published")
        batch_op.drop_index(batch_op.f("ix_practices_author_id"))

    op.drop_table("practices")
    with op.batch_alter_table("experts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_experts_status"))
        batch_op.drop_index(batch_op.f("ix_experts_municipality_id"))

    op.drop_table("experts")
    with op.batch_alter_table("consult_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consult_questions_teacher_id"))
        batch_op.drop_index("ix_consult_questions_status_due")
        batch_op.drop_index(batch_op.f("ix_consult_questions_municipality_id"))
        batch_op.drop_index("ix_consult_questions_methodist_status")

    op.drop_table("consult_questions")

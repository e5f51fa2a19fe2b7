"""Add live polls at gatherings: polls, their questions and the devices' anonymous answers.

Revision ID: 2ad0f7103206
Revises: 8ea4b67a867b
Create Date: 2026-12-03 21:31:52.319198
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "2ad0f7103206"
down_revision = '8ea4b67a867b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "polls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("gathering_id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("copied_from_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "template",
            sa.Enum(
                "wheel",
                "anchoring",
                "culture_time",
                "phrases",
                "custom",
                name="polltemplate",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum("draft", "open", "closed", name="pollstatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("code", sa.String(length=6), nullable=False),
        sa.Column("results_revealed", sa.Boolean(), nullable=False),
        sa.Column("round", sa.Integer(), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("length(code) = 6", name=op.f("ck_polls_code_six_digits")),
        sa.CheckConstraint("round > 0", name=op.f("ck_polls_round_positive")),
        sa.ForeignKeyConstraint(
            ["agenda_item_id"],
            ["agenda_items.id"],
            name=op.f("fk_polls_agenda_item_id_agenda_items"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["copied_from_id"],
            ["polls.id"],
            name=op.f("fk_polls_copied_from_id_polls"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["gathering_id"],
            ["gatherings.id"],
            name=op.f("fk_polls_gathering_id_gatherings"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_polls")),
        sa.UniqueConstraint("code", name=op.f("uq_polls_code")),
    )
    with op.batch_alter_table("polls", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_polls_agenda_item_id"), ["agenda_item_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_polls_gathering_id"), ["gathering_id"], unique=False)

    op.create_table(
        "poll_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("poll_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "scale",
                "single",
                "multiple",
                "text",
                "wheel_step",
                name="questionkind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("text", sa.String(length=500), nullable=False),
        sa.Column("choices", sa.Text(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("closed", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["poll_id"],
            ["polls.id"],
            name=op.f("fk_poll_questions_poll_id_polls"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_poll_questions")),
    )
    with op.batch_alter_table("poll_questions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_poll_questions_poll_id"), ["poll_id"], unique=False)

    op.create_table(
        "poll_responses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("municipality_id", sa.Integer(), nullable=True),
        sa.Column("device_hash", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Integer(), nullable=True),
        sa.Column("choices", sa.String(length=200), nullable=False),
        sa.Column("text", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_id"],
            ["municipalities.id"],
            name=op.f("fk_poll_responses_municipality_id_municipalities"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["poll_questions.id"],
            name=op.f("fk_poll_responses_question_id_poll_questions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_poll_responses")),
        sa.UniqueConstraint(
            "question_id", "device_hash", name=op.f("uq_poll_responses_question_id_device_hash")
        ),
    )
    with op.batch_alter_table("poll_responses", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_poll_responses_municipality_id"), ["municipality_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_poll_responses_question_id"), ["question_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("poll_responses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_poll_responses_question_id"))
        batch_op.drop_index(batch_op.f("ix_poll_responses_municipality_id"))

    op.drop_table("poll_responses")
    with op.batch_alter_table("poll_questions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_poll_questions_poll_id"))

    op.drop_table("poll_questions")
    with op.batch_alter_table("polls", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_polls_gathering_id"))
        batch_op.drop_index(batch_op.f("ix_polls_agenda_item_id"))

    op.drop_table("polls")

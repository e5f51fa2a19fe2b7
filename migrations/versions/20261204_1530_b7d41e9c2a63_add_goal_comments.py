"""Add comments on goals: the municipality's steering group and coordinators and the network's facilitators discuss a goal.

Revision ID: b7d41e9c2a63
Revises: 9ec71389b1f0
Create Date: 2026-12-04 15:30:00.000000
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "b7d41e9c2a63"
down_revision = "9ec71389b1f0"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "goal_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
            name=op.f("fk_goal_comments_author_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["goal_id"],
            ["goals.id"],
            name=op.f("fk_goal_comments_goal_id_goals"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goal_comments")),
    )
    with op.batch_alter_table("goal_comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_goal_comments_goal_id"), ["goal_id"], unique=False)


def downgrade():
    with op.batch_alter_table("goal_comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_goal_comments_goal_id"))
    op.drop_table("goal_comments")

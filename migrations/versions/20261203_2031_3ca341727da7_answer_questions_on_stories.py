"""Answer questions on stories: the answer, when and by whom, on story_ideas.

Revision ID: 3ca341727da7
Revises: ca52f10aa474
Create Date: 2026-12-03 20:31:48.925266
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "3ca341727da7"
down_revision = "ca52f10aa474"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("story_ideas", schema=None) as batch_op:
        batch_op.add_column(sa.Column("answer", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("answered_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_story_ideas_answered_by_id_users"),
            "users",
            ["answered_by_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("story_ideas", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_story_ideas_answered_by_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("answered_by_id")
        batch_op.drop_column("answered_at")
        batch_op.drop_column("answer")
